// The treaty lifecycle with drawn reservation values: every negotiation of the treaty's life
// draws its own values, from that negotiation's seed (docs/uncertainty.md).
#include <doctest/doctest.h>

#include <set>

#include "agents/registry.hpp"
#include "engine/lifecycle/lifecycle.hpp"
#include "engine/model/random.hpp"
#include "engine/model/scenario_toml.hpp"

TEST_CASE("lifecycle: each negotiation draws its reservation values from its own seed") {
  // sta-2024 with the U.S. value drawn from U[0.25, 0.55] and no reservation or trust effects
  // (reservation_per_distrust = 0), so a negotiation's U.S. value is its draw, or the win-set
  // threshold when tied hands raise it.
  std::string text = treatysim::read_text_file(TREATYSIM_SOURCE_DIR "/configs/sta-2024.toml");
  text.replace(text.find("reservation = 0.40"), 18, "reservation = { uniform = [0.25, 0.55] }");
  text.replace(text.find("reservation_per_distrust = 0.3"), 30, "reservation_per_distrust = 0.0");
  const treatysim::Scenario scenario = treatysim::parse_scenario(text, "sta.toml");
  const treatysim::LifecycleResult result =
      treatysim::simulate_lifecycle(scenario, 2024, treatysim::agents::builtin_registry(), 0);
  REQUIRE(result.negotiations.size() >= 3);
  std::set<double> values;
  for (std::size_t k = 0; k < result.negotiations.size(); ++k) {
    const treatysim::Scenario& game = result.negotiations[k].trace.scenario;
    CHECK_FALSE(game.party(0).reservation_distribution.has_value());  // the game's value is fixed
    const double drawn = treatysim::reservation_values_for(
        scenario.def(), treatysim::derive_seed(2024, "lifecycle-negotiation", k))[0];
    const double used = game.party(0).preferences.reservation_value;
    CAPTURE(k);
    CHECK(used >= drawn - 1e-12);  // the draw, or the higher win-set threshold (tied hands)
    values.insert(used);
  }
  CHECK(values.size() >= 2);  // not one value for the whole life
  // The same seed, the same life.
  const treatysim::LifecycleResult again =
      treatysim::simulate_lifecycle(scenario, 2024, treatysim::agents::builtin_registry(), 0);
  REQUIRE(again.negotiations.size() == result.negotiations.size());
  for (std::size_t k = 0; k < result.negotiations.size(); ++k) {
    CHECK(again.negotiations[k].trace.result == result.negotiations[k].trace.result);
  }
}
