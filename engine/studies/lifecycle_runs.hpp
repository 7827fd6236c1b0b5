// lifecycle_runs.hpp — the treaty's life over many seeds: the distribution of paths and final
// clauses (`treatysim simulate --runs K`, the Python package's simulate(runs=K)).
//
// Run k (0 … K−1) simulates the scenario with seed first_seed + k: its work is a function of k
// alone (lifecycle_run), so the runs can be spread over threads (a ParallelFor) or processes,
// and the distribution is the same for any spread. Counts are sorted by decreasing count, ties
// in the order of their text (paths "in_force > …", finals "STATE CLAUSES").
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/lifecycle/lifecycle.hpp"
#include "engine/studies/parallel.hpp"
#include "engine/studies/parallel_map.hpp"

namespace treatysim {

// What one run contributes to the distribution.
struct LifecycleRunSummary {
  std::string path;   // LifecycleResult::path(), e.g. "in_force > extended > lapsed"
  std::string final;  // the final state and clauses, e.g. "amended S0/IP0/D0/G2/T2"
};

// The summary of one simulated life.
[[nodiscard]] LifecycleRunSummary summarize_lifecycle(const Scenario& scenario,
                                                      const LifecycleResult& result);

// Run k: simulate_lifecycle(scenario, first_seed + k, factory, years), summarised.
[[nodiscard]] LifecycleRunSummary lifecycle_run(const Scenario& scenario, std::uint64_t first_seed,
                                                std::uint64_t k, const AgentFactory& factory,
                                                int years = 0);

// Paths and final clauses over runs with seeds first_seed … first_seed + runs − 1.
struct LifecycleDistribution {
  std::uint64_t first_seed = 0;
  std::uint64_t runs = 0;
  std::vector<std::pair<std::string, std::uint64_t>> paths;   // (path, count), most common first
  std::vector<std::pair<std::string, std::uint64_t>> finals;  // (final, count), most common first
};

// The distribution of the runs' summaries (summaries[k] is run k's).
[[nodiscard]] LifecycleDistribution lifecycle_distribution(
    std::uint64_t first_seed, const std::vector<LifecycleRunSummary>& summaries);

// Simulates `runs` (≥ 1) lives with seeds first_seed … first_seed + runs − 1, spread by
// `parallel` (empty: one after another), and returns their distribution. `progress` (may be
// empty) is called from the workers with 1 after each run. When `stop` becomes true the runs in
// progress finish, the others are skipped, and nullopt is returned (a distribution over part of
// the seeds would mislead). The first exception of a run is rethrown after the others finished.
[[nodiscard]] std::optional<LifecycleDistribution> simulate_lifecycle_runs(
    const Scenario& scenario, std::uint64_t first_seed, std::uint64_t runs,
    const AgentFactory& factory, int years = 0, const ParallelFor& parallel = {},
    const std::function<void(std::uint64_t)>& progress = {},
    const std::atomic<bool>* stop = nullptr);

// The same, with the runs spread by `map` (item k: run k's summary as bytes, counted in run
// order), e.g. over the ranks of an MPI job: the same distribution for any map. `progress` (may
// be empty) is called with 1 as each run is counted. A map runs every item: there is no stop.
[[nodiscard]] LifecycleDistribution simulate_lifecycle_runs(
    const Scenario& scenario, std::uint64_t first_seed, std::uint64_t runs,
    const AgentFactory& factory, int years, const ParallelMap& map,
    const std::function<void(std::uint64_t)>& progress = {});

// {"scenario", "runs", "seeds": {"first", "last"}, "paths": [{path, count, share}],
// "final_clauses": [{final, count, share}]}.
[[nodiscard]] nlohmann::ordered_json lifecycle_distribution_to_json(
    const Scenario& scenario, const LifecycleDistribution& distribution);

// kind,value,count,share — a row per path ("path"), then per final state ("final"); shares with
// four decimals.
[[nodiscard]] std::string lifecycle_distribution_csv(const LifecycleDistribution& distribution);

}  // namespace treatysim
