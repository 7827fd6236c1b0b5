// payoff_game.hpp — a validated payoff matrix for the population and meta-game tests.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/studies/payoff_matrix.hpp"

namespace treatysim::testing {

// A matrix named "test" with these strategies and payoffs (payoff[i][j]: i against j), checked
// by validate_payoff_matrix.
inline PayoffMatrix game(std::vector<std::string> strategies,
                         std::vector<std::vector<double>> payoff) {
  PayoffMatrix matrix;
  matrix.name = "test";
  matrix.strategies = std::move(strategies);
  matrix.payoff = std::move(payoff);
  validate_payoff_matrix(matrix, "test");
  return matrix;
}

}  // namespace treatysim::testing
