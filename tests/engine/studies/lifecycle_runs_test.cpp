// The treaty's life over many seeds: the distribution equals the lives simulated one by one,
// whatever the threads or the order; a stop gives no distribution; the JSON and CSV hold the
// counts and shares.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <string>

#include "agents/registry.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"
#include "engine/studies/lifecycle_runs.hpp"

namespace treatysim {
namespace {

const std::string kSta = std::string(TREATYSIM_SOURCE_DIR) + "/configs/sta-2024.toml";

// Runs the bodies last to first: the distribution must not depend on the order.
void backwards(std::size_t count, const std::function<void(std::size_t)>& body) {
  for (std::size_t i = count; i-- > 0;) body(i);
}

}  // namespace

TEST_CASE("lifecycle distribution: the lives one by one, counted and sorted") {
  const Scenario scenario = load_scenario_file(kSta);
  const auto& registry = agents::builtin_registry();
  constexpr std::uint64_t kRuns = 12;
  std::map<std::string, std::uint64_t> paths;
  std::map<std::string, std::uint64_t> finals;
  for (std::uint64_t k = 0; k < kRuns; ++k) {
    const LifecycleResult r = simulate_lifecycle(scenario, 2024 + k, registry, 6);
    ++paths[r.path()];
    ++finals[std::string(treaty_state_name(r.final_state)) + " " +
             scenario.space().format(r.final_clauses)];
    CHECK(lifecycle_run(scenario, 2024, k, registry, 6).path == r.path());
  }
  std::uint64_t progressed = 0;
  const std::optional<LifecycleDistribution> d = simulate_lifecycle_runs(
      scenario, 2024, kRuns, registry, 6, {}, [&](std::uint64_t n) { progressed += n; });
  REQUIRE(d.has_value());
  CHECK(progressed == kRuns);
  CHECK(d->runs == kRuns);
  CHECK(d->first_seed == 2024);
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < d->paths.size(); ++i) {
    CHECK(paths.at(d->paths[i].first) == d->paths[i].second);
    total += d->paths[i].second;
    if (i > 0) {
      // Most common first; among equal counts, in the order of their text.
      const auto& [before, before_count] = d->paths[i - 1];
      CHECK((before_count > d->paths[i].second ||
             (before_count == d->paths[i].second && before < d->paths[i].first)));
    }
  }
  CHECK(total == kRuns);
  CHECK(d->paths.size() == paths.size());
  CHECK(d->finals.size() == finals.size());

  // The same for any spread of the runs.
  const auto same = [&](const ParallelFor& parallel) {
    const auto other = simulate_lifecycle_runs(scenario, 2024, kRuns, registry, 6, parallel);
    REQUIRE(other.has_value());
    CHECK(other->paths == d->paths);
    CHECK(other->finals == d->finals);
  };
  same(backwards);
  same(parallel_for_jobs(2));
  same(parallel_for_jobs(0));
}

TEST_CASE("lifecycle distribution: a stop gives nothing, an error is rethrown") {
  const Scenario scenario = load_scenario_file(kSta);
  std::atomic<bool> stop{true};
  CHECK_FALSE(simulate_lifecycle_runs(scenario, 1, 5, agents::builtin_registry(), 3, {}, {}, &stop)
                  .has_value());
  const Scenario no_treaty =
      load_scenario_file(std::string(TREATYSIM_SOURCE_DIR) + "/configs/three-clauses.toml");
  CHECK_THROWS_AS(static_cast<void>(simulate_lifecycle_runs(
                      no_treaty, 1, 3, agents::builtin_registry(), 0, parallel_for_jobs(2))),
                  UserError);
}

TEST_CASE("lifecycle distribution: JSON shares and CSV rows") {
  const Scenario scenario = load_scenario_file(kSta);
  LifecycleDistribution d;
  d.first_seed = 7;
  d.runs = 4;
  d.paths = {{"in_force > lapsed", 3}, {"in_force", 1}};
  d.finals = {{"lapsed S3/IP1/D2/G2/T2", 4}};
  const nlohmann::ordered_json json = lifecycle_distribution_to_json(scenario, d);
  CHECK(json.at("scenario") == "sta-2024");
  CHECK(json.at("seeds").at("first") == 7);
  CHECK(json.at("seeds").at("last") == 10);
  CHECK(json.at("paths").at(0).at("share").get<double>() == 0.75);
  CHECK(json.at("final_clauses").at(0).at("final") == "lapsed S3/IP1/D2/G2/T2");
  CHECK(lifecycle_distribution_csv(d) ==
        "kind,value,count,share\npath,\"in_force > lapsed\",3,0.7500\npath,\"in_force\",1,0.2500\n"
        "final,\"lapsed S3/IP1/D2/G2/T2\",4,1.0000\n");
}

}  // namespace treatysim
