// Population dynamics (engine/population.hpp): the replicator dynamics converge where the
// textbook says (hawk–dove to V/C hawks, the prisoner's dilemma to defection), keep the
// simplex and rock–paper–scissors' constant of motion; the Moran process's fixation
// probabilities match 1/N under neutral drift and Nowak et al. (2004)'s closed form (hand-checked
// for N = 2) within 4 standard errors over many seeded runs; a seed gives identical runs.
#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "engine/payoff_matrix.hpp"
#include "engine/population.hpp"
#include "engine/user_error.hpp"

using treatysim::PayoffMatrix;
using treatysim::PopulationOptions;

namespace {

PayoffMatrix game(std::vector<std::string> strategies, std::vector<std::vector<double>> payoff) {
  PayoffMatrix matrix;
  matrix.name = "test";
  matrix.strategies = std::move(strategies);
  matrix.payoff = std::move(payoff);
  treatysim::validate_payoff_matrix(matrix, "test");
  return matrix;
}

// V = 4, C = 6.
PayoffMatrix hawk_dove() {
  return game({"hawk", "dove"}, {{-1, 4}, {0, 2}});
}
// T = 5, R = 3, P = 1, S = 0.
PayoffMatrix prisoners_dilemma() {
  return game({"cooperate", "defect"}, {{3, 0}, {5, 1}});
}
PayoffMatrix rock_paper_scissors() {
  return game({"rock", "paper", "scissors"}, {{0, -1, 1}, {1, 0, -1}, {-1, 1, 0}});
}

}  // namespace

TEST_CASE("replicator: hawk-dove converges to V/C = 2/3 hawks from any interior start") {
  for (const double hawks : {0.5, 0.05, 0.95}) {
    const std::vector<double> start{hawks, 1.0 - hawks};
    const auto path = treatysim::replicator_dynamics(hawk_dove(), start, 100, 20);
    REQUIRE(path.size() == 101);
    CHECK(path[0][0] == doctest::Approx(hawks));
    // Near x* = 2/3, dx/dt = x(1 − x)(2 − 3x) shrinks the gap like e^(−2t/3).
    CHECK(std::abs(path.back()[0] - 2.0 / 3) < 1e-9);
    CHECK(std::abs(path.back()[1] - 1.0 / 3) < 1e-9);
  }
}

TEST_CASE("replicator: the prisoner's dilemma ends in defection") {
  const std::vector<double> start{0.99, 0.01};
  const auto path = treatysim::replicator_dynamics(prisoners_dilemma(), start, 100, 20);
  // dx_D/dt = x_D (1 − x_D)(2 x_C + x_D) ≥ x_D (1 − x_D): faster than the logistic curve.
  CHECK(path.back()[1] > 1.0 - 1e-9);
  // Defection grows every generation.
  for (std::size_t t = 1; t < path.size(); ++t) CHECK(path[t][1] >= path[t - 1][1]);
}

TEST_CASE("replicator: shares stay on the simplex; a missing strategy stays missing") {
  const std::vector<double> start{0.0, 0.7, 0.3};
  const auto path = treatysim::replicator_dynamics(rock_paper_scissors(), start, 30, 20);
  for (const auto& shares : path) {
    double total = 0;
    for (const double share : shares) {
      CHECK(share >= 0.0);
      total += share;
    }
    CHECK(total == doctest::Approx(1.0).epsilon(1e-12));
    CHECK(shares[0] == 0.0);
  }
  // Without rock, scissors beats paper: paper dies out.
  CHECK(path.back()[1] < 1e-6);
}

TEST_CASE("replicator: rock-paper-scissors keeps the product of the shares constant") {
  // d/dt (x1 x2 x3) = x1 x2 x3 Σ((Ax)_i − xᵀAx) = 0 for this zero-sum game (Hofbauer & Sigmund
  // 1998, §7.7): the orbits are closed curves around (1/3, 1/3, 1/3).
  const std::vector<double> start{0.5, 0.3, 0.2};
  const auto path = treatysim::replicator_dynamics(rock_paper_scissors(), start, 50, 20);
  for (const auto& x : path) CHECK(x[0] * x[1] * x[2] == doctest::Approx(0.03).epsilon(1e-6));
}

TEST_CASE("replicator: adding a constant to every payoff changes nothing") {
  PayoffMatrix shifted = hawk_dove();
  for (auto& row : shifted.payoff) {
    for (double& value : row) value += 10.0;
  }
  const std::vector<double> start{0.2, 0.8};
  const auto a = treatysim::replicator_dynamics(hawk_dove(), start, 20, 20);
  const auto b = treatysim::replicator_dynamics(shifted, start, 20, 20);
  for (std::size_t t = 0; t < a.size(); ++t) CHECK(std::abs(a[t][0] - b[t][0]) < 1e-12);
}

TEST_CASE(
    "moran: the exact fixation probability is 1/N under neutral drift and f/(f+g) for N = 2") {
  // w = 0: every fitness is 1.
  CHECK(treatysim::moran_fixation_exact(hawk_dove(), 0, 1, 25, 0.0) == doctest::Approx(1.0 / 25));
  // Equal payoffs: neutral whatever w.
  const PayoffMatrix flat = game({"a", "b"}, {{1, 1}, {1, 1}});
  CHECK(treatysim::moran_fixation_exact(flat, 0, 1, 40, 1.0) == doctest::Approx(1.0 / 40));
  // N = 2, w = 1/2, a defector among one cooperator: f = 1/2 + 5/2 = 3, g = 1/2 + 0 = 1/2,
  // ρ = 1/(1 + g/f) = 6/7; the cooperator invading: f = 1/2, g = 3, ρ = 1/7.
  CHECK(treatysim::moran_fixation_exact(prisoners_dilemma(), 1, 0, 2, 0.5) ==
        doctest::Approx(6.0 / 7));
  CHECK(treatysim::moran_fixation_exact(prisoners_dilemma(), 0, 1, 2, 0.5) ==
        doctest::Approx(1.0 / 7));
}

TEST_CASE("moran: a neutral mutant fixes with probability 1/N over many seeded runs") {
  // Tolerance: 4 standard errors of a proportion, √(p(1 − p)/runs) with p = 1/N.
  PopulationOptions options;
  options.population = 20;
  options.selection = 0.0;
  options.runs = 20000;
  options.seed = 11;
  const auto p = treatysim::moran_fixation(hawk_dove(), 0, 1, options);
  const double expected = 1.0 / 20;
  const double tolerance = 4 * std::sqrt(expected * (1 - expected) / options.runs);
  CHECK(std::abs(p.estimate - expected) < tolerance);
  CHECK(p.exact == doctest::Approx(expected));
  CHECK(p.runs == 20000);
  CHECK(p.standard_error == doctest::Approx(std::sqrt(p.estimate * (1 - p.estimate) / 20000)));
}

TEST_CASE("moran: estimated fixation probabilities match the closed form under selection") {
  PopulationOptions options;
  options.population = 10;
  options.selection = 0.2;
  options.runs = 20000;
  options.seed = 5;
  for (const auto& [mutant, resident] : {std::pair<std::size_t, std::size_t>{1, 0}, {0, 1}}) {
    const auto p = treatysim::moran_fixation(prisoners_dilemma(), mutant, resident, options);
    CAPTURE(mutant);
    const double tolerance = 4 * std::sqrt(p.exact * (1 - p.exact) / options.runs);
    CHECK(std::abs(p.estimate - p.exact) < tolerance);
  }
  // Selection favours the defector: above neutral 1/N, the cooperator below.
  CHECK(treatysim::moran_fixation_exact(prisoners_dilemma(), 1, 0, 10, 0.2) > 0.1);
  CHECK(treatysim::moran_fixation_exact(prisoners_dilemma(), 0, 1, 10, 0.2) < 0.1);
}

TEST_CASE("moran: under neutral drift the mean share of the full process stays where it began") {
  // The mutant's share is a martingale: its mean over runs is 1/N at every generation
  // (tolerance: 4 standard errors, the share's variance being at most p(1 − p)).
  PopulationOptions options;
  options.population = 10;
  options.selection = 0.0;
  options.runs = 4000;
  options.generations = 50;
  options.initial_shares = {1, 9};
  options.seed = 3;
  const auto trajectory = treatysim::moran_trajectory(hawk_dove(), options);
  REQUIRE(trajectory.mean_share.size() == 51);
  CHECK(trajectory.mean_share[0][0] == doctest::Approx(0.1));
  const double tolerance = 4 * std::sqrt(0.1 * 0.9 / options.runs);
  CHECK(std::abs(trajectory.mean_share.back()[0] - 0.1) < tolerance);
  CHECK(trajectory.fixed_share[0] + trajectory.fixed_share[1] <= 1.0);
  CHECK(trajectory.fixed_share[1] > 0.5);  // most runs lose the lone mutant within 50 generations
}

TEST_CASE("moran: a seed gives identical runs, another seed different ones") {
  PopulationOptions options;
  options.population = 30;
  options.runs = 50;
  options.generations = 20;
  options.seed = 42;
  const auto a = treatysim::moran_trajectory(hawk_dove(), options);
  const auto b = treatysim::moran_trajectory(hawk_dove(), options);
  CHECK(a.mean_share == b.mean_share);
  CHECK(a.fixed_share == b.fixed_share);
  CHECK(treatysim::moran_fixation(hawk_dove(), 0, 1, options).estimate ==
        treatysim::moran_fixation(hawk_dove(), 0, 1, options).estimate);
  options.seed = 43;
  CHECK(treatysim::moran_trajectory(hawk_dove(), options).mean_share != a.mean_share);
}

TEST_CASE("moran: initial counts round by largest remainder, ties to the lower index") {
  CHECK(treatysim::initial_counts(std::vector<double>{1, 1, 1}, 10) == std::vector<int>{4, 3, 3});
  CHECK(treatysim::initial_counts(std::vector<double>{2, 1}, 100) == std::vector<int>{67, 33});
  CHECK(treatysim::initial_counts(std::vector<double>{1, 0}, 5) == std::vector<int>{5, 0});
}

TEST_CASE("population: options are validated, naming the field") {
  PopulationOptions options;
  options.selection = 0.6;  // hawk-dove's smallest payoff is −1: 1 − 0.6 − 0.6 < 0
  try {
    treatysim::validate_population_options(hawk_dove(), options);
    FAIL("expected a UserError");
  } catch (const treatysim::UserError& e) {
    CHECK(e.key() == "selection");
    CHECK(e.message().find("expected w below 0.5") != std::string::npos);
  }
  options.selection = 0.1;
  options.population = 1;
  CHECK_THROWS_AS(treatysim::validate_population_options(hawk_dove(), options),
                  treatysim::UserError);
  options.population = 10;
  options.initial_shares = {1, 2, 3};
  CHECK_THROWS_AS(treatysim::validate_population_options(hawk_dove(), options),
                  treatysim::UserError);
}

TEST_CASE("population: evolve() gives a front end everything in one call") {
  PopulationOptions options;
  options.generations = 30;
  options.population = 12;
  options.runs = 40;
  const auto result = treatysim::evolve(hawk_dove(), options);
  CHECK(result.matrix == hawk_dove());
  CHECK(result.options.initial_shares == std::vector<double>{0.5, 0.5});
  REQUIRE(result.replicator.size() == 31);
  REQUIRE(result.moran.mean_share.size() == 31);
  REQUIRE(result.fixation.size() == 2);
  CHECK(result.fixation[0][0].runs == 0);
  CHECK(result.fixation[0][1].runs == 40);
  CHECK(result.fixation[0][1].exact ==
        doctest::Approx(treatysim::moran_fixation_exact(hawk_dove(), 0, 1, 12, 0.1)));
  REQUIRE(result.metagame.equilibria.size() == 1);
  CHECK(result.replicator.back()[0] == doctest::Approx(result.metagame.equilibria[0].mix[0]));
  CHECK(treatysim::evolve(hawk_dove(), options).moran.mean_share == result.moran.mean_share);
}
