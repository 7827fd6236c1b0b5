// benchmark.hpp — negotiations per second with tracing off: the loop `treatysim bench` times and
// the Python package's bench() calls, so that both measure the same thing.
//
// Negotiation i (0 … count−1) uses the seed derive_seed(seed, "bench", i); one pair of agents
// plays them all, one after another, on the calling thread. The utility indices are built
// before the clock starts (they are part of loading a scenario, not of bargaining).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/model/scenario.hpp"
#include "engine/protocol/agent.hpp"
#include "engine/protocol/spec.hpp"

namespace treatysim {

// What a benchmark of one scenario (or the total over several) measured.
struct BenchFigures {
  std::string scenario;  // the scenario's id ("all" for a total)
  std::array<std::string, kPartyCount> party_ids;
  std::array<std::string, kPartyCount> specs;  // canonical spec text per party
  long long negotiations = 0;
  double seconds = 0.0;  // wall-clock time of the negotiations alone
  long long offers = 0;
  long long agreements = 0;
  std::array<double, kPartyCount> utility_sums{};  // sums of the discounted utilities
};

// Runs `count` (≥ 1) negotiations of `scenario` between agents made by `factory` from `specs`.
[[nodiscard]] BenchFigures bench_negotiations(const Scenario& scenario,
                                              const std::array<Spec, kPartyCount>& specs,
                                              std::uint64_t seed, long long count,
                                              const AgentFactory& factory);

// The sum of several benchmarks: scenario "all"; the party ids of the first, or "party0" and
// "party1" when the scenarios' ids differ.
[[nodiscard]] BenchFigures bench_total(const std::vector<BenchFigures>& figures);

// {"negotiations", "seconds", "negotiations_per_s", "offers_per_s", "mean_offers",
// "agreement_rate", "mean_utilities": {party id: value}}.
[[nodiscard]] nlohmann::ordered_json bench_figures_to_json(const BenchFigures& figures);

// `treatysim bench --format json`: the total's figures and "scenarios", a list of
// {"scenario", "agents": {party id: spec}, figures…} per scenario.
[[nodiscard]] nlohmann::ordered_json bench_to_json(const std::vector<BenchFigures>& figures);

}  // namespace treatysim
