#include <doctest/doctest.h>

#include <array>
#include <cstdint>

#include "agents/registry.hpp"
#include "engine/analysis/analysis.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/protocol/spec.hpp"
#include "engine/protocol/trace.hpp"
#include "engine/studies/match.hpp"

using treatysim::kPartyCount;
using treatysim::Spec;

TEST_CASE("match: a runner's records equal the traced negotiations with the same seeds") {
  const auto scenario =
      treatysim::load_scenario_file(TREATYSIM_SOURCE_DIR "/configs/three-clauses.toml");
  const auto analysis = treatysim::analyze_scenario(scenario);
  const auto& registry = treatysim::agents::builtin_registry();
  const std::array<Spec, kPartyCount> specs{treatysim::parse_spec("random(accept=0.3)"),
                                            treatysim::parse_spec("conceder(e=3)")};
  treatysim::MatchRunner runner(scenario, analysis, registry, specs);
  for (std::uint64_t seed : {1u, 2u, 3u, 1u}) {
    const auto record = runner.play(seed);
    const auto trace = treatysim::run_traced(scenario, specs, seed, registry);
    CHECK(record.end == trace.result.end);
    CHECK(record.offers == trace.result.offers);
    CHECK(record.utilities == trace.result.discounted_utilities);
    CHECK(record.undiscounted_utilities == trace.result.utilities);
    CHECK(record.social_welfare == doctest::Approx(trace.result.discounted_utilities[0] +
                                                   trace.result.discounted_utilities[1]));
    CHECK(record == treatysim::play_match(scenario, analysis, registry, specs, seed));
    if (record.agreement()) {
      // Against the metrics of the agreed outcome, which the analysis computes independently.
      const auto metrics = treatysim::outcome_metrics(scenario, analysis, *trace.result.agreement,
                                                      trace.result.agreement_offer_index);
      CHECK(record.distance_to_pareto == doctest::Approx(metrics.distance_to_pareto));
      REQUIRE(record.distance_to_nash.has_value());
      CHECK(*record.distance_to_nash == doctest::Approx(*metrics.distance_to_nash));
    }
  }
}

TEST_CASE("match: no agreement sits at the disagreement point") {
  // Two hardliners that never concede (e = 0: they offer their best until the deadline).
  const auto scenario =
      treatysim::load_scenario_file(TREATYSIM_SOURCE_DIR "/configs/sta-2024.toml");
  const auto analysis = treatysim::analyze_scenario(scenario);
  const auto record = treatysim::play_match(
      scenario, analysis, treatysim::agents::builtin_registry(),
      {treatysim::parse_spec("time_dependent(e=0)"), treatysim::parse_spec("time_dependent(e=0)")},
      7);
  CHECK_FALSE(record.agreement());
  for (std::size_t p = 0; p < kPartyCount; ++p) {
    CHECK(record.utilities[p] == scenario.party(p).preferences.reservation_value);
  }
  REQUIRE(record.distance_to_nash.has_value());
  CHECK(*record.distance_to_nash == doctest::Approx(treatysim::utility_distance(
                                        analysis.nash->utilities, analysis.disagreement)));
  CHECK(record.distance_to_pareto > 0.0);
}
