// random_scenario.hpp — random but valid scenarios for property tests.
#pragma once

#include <cstdint>

#include "engine/model/scenario.hpp"

namespace treatysim::testing {

struct RandomScenarioShape {
  int min_issues = 1;
  int max_issues = 4;
  int min_options = 2;
  int max_options = 6;
  int min_deadline = 1;
  int max_deadline = 30;
};

// A valid scenario drawn from `seed`: random issue count and option counts, random weights
// (summing to 1) and values in [0, 1], reservation values in [0, 0.6], discounts in [0.8, 1],
// a random first mover and information setting, agents "linear" for both parties.
[[nodiscard]] Scenario random_scenario(std::uint64_t seed, const RandomScenarioShape& shape = {});

}  // namespace treatysim::testing
