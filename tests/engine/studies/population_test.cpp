// Population dynamics (engine/studies/population.hpp): the replicator dynamics converge where the
// textbook says (hawk–dove to V/C hawks, the prisoner's dilemma to defection) at any payoff
// scale (the time scale only slows time), keep the simplex and rock–paper–scissors' constant of
// motion; payoffs beyond 1e12 or not finite, and bad initial shares, are refused; the Moran process's fixation
// probabilities match 1/N under neutral drift and Nowak et al. (2004)'s closed form (hand-checked
// for N = 2) within 4 standard errors over many seeded runs; a seed gives identical runs.
#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "engine/model/user_error.hpp"
#include "engine/studies/payoff_matrix.hpp"
#include "engine/studies/population.hpp"
#include "tests/support/payoff_game.hpp"

using treatysim::PayoffMatrix;
using treatysim::PopulationOptions;
using treatysim::testing::game;

namespace {

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

// The matrix with every payoff multiplied by `factor`.
PayoffMatrix times(PayoffMatrix matrix, double factor) {
  for (auto& row : matrix.payoff) {
    for (double& value : row) value *= factor;
  }
  return matrix;
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

TEST_CASE("replicator: hawk-dove with payoffs x100 still converges to V/C = 2/3 hawks") {
  // [[-100, 400], [0, 200]] spans 500: the time scale is 500/10 = 50 and the dynamics run on
  // (A + 100)/50 = [[0, 10], [2, 6]], where dx/dt = x(1 − x)(4 − 6x): rest point 2/3, and the
  // gap shrinks like e^(−4t/3). At 20 steps per unit of payoff time the unscaled dynamics
  // (|λh| = 66.7/20 > 2.78 at the rest point) overshot and ended at 1.
  const PayoffMatrix big = times(hawk_dove(), 100);
  CHECK(treatysim::replicator_time_scale(big) == 50);
  CHECK(treatysim::replicator_time_scale(hawk_dove()) == 1);
  for (const double hawks : {0.5, 0.05, 0.95}) {
    const std::vector<double> start{hawks, 1.0 - hawks};
    const auto path = treatysim::replicator_dynamics(big, start, 100, 20);
    CAPTURE(hawks);
    CHECK(std::abs(path.back()[0] - 2.0 / 3) < 1e-9);
    // The gap to 2/3 never grows (two strategies: the path cannot overshoot).
    for (std::size_t t = 1; t < path.size(); ++t) {
      CHECK(std::abs(path[t][0] - 2.0 / 3) <= std::abs(path[t - 1][0] - 2.0 / 3) + 1e-15);
    }
  }
}

TEST_CASE("replicator: a strictly better strategy wins however large the payoffs") {
  // a earns 100 x_a against the population, b earns 0: dx_a/dt = x_a² (1 − x_a)·100/s > 0.
  for (const double scale : {1.0, 100.0, 1e11}) {
    const PayoffMatrix matrix = game({"a", "b"}, {{scale, 0}, {0, 0}});
    const auto path =
        treatysim::replicator_dynamics(matrix, std::vector<double>{0.5, 0.5}, 100, 20);
    CAPTURE(scale);
    CHECK(path.back()[0] > 1.0 - 1e-9);
    for (std::size_t t = 1; t < path.size(); ++t) CHECK(path[t][0] > path[t - 1][0] - 1e-15);
  }
}

TEST_CASE("replicator: the time scale rescales time only; below a span of 10 time is payoff time") {
  // 2A spans 10 (time scale 1), 4A spans 20 (time scale 2): (4A − min)/2 = 2A − min 2A, so both
  // run on the same matrix and give the same path; 100A (time scale 50) too.
  const std::vector<double> start{0.1, 0.9};
  const auto twice = treatysim::replicator_dynamics(times(hawk_dove(), 2), start, 30, 20);
  for (const double factor : {4.0, 100.0}) {
    const auto path = treatysim::replicator_dynamics(times(hawk_dove(), factor), start, 30, 20);
    CAPTURE(factor);
    for (std::size_t t = 0; t < path.size(); ++t) CHECK(std::abs(path[t][0] - twice[t][0]) < 1e-12);
  }
  // 2A's generation g is A's time 2g: the same path at half the speed in generations.
  const auto once = treatysim::replicator_dynamics(hawk_dove(), start, 60, 20);
  for (std::size_t t = 0; t <= 30; ++t) CHECK(std::abs(twice[t][0] - once[2 * t][0]) < 1e-6);
  CHECK(treatysim::replicator_time_scale(times(hawk_dove(), 4)) == 2);
}

TEST_CASE("population: payoffs beyond 1e12 or not finite are refused with a UserError") {
  const PayoffMatrix huge = game({"a", "b"}, {{1, 1e20}, {0, 0}});
  try {
    treatysim::validate_population_payoffs(huge, "summary.json");
    FAIL("expected a UserError");
  } catch (const treatysim::UserError& e) {
    CHECK(e.location().file == "summary.json");
    CHECK(e.key() == "payoffs[0][1]");
    CHECK(e.message().find("got 1e+20 (\"a\" against \"b\")") != std::string::npos);
  }
  CHECK_THROWS_AS((void)treatysim::evolve(huge, PopulationOptions{}), treatysim::UserError);
  treatysim::validate_population_payoffs(game({"a", "b"}, {{-1e12, 1e12}, {0, 0}}), "x");
  PayoffMatrix not_a_number = hawk_dove();
  not_a_number.payoff[1][0] = std::nan("");
  CHECK_THROWS_AS(treatysim::validate_population_payoffs(not_a_number, "x"), treatysim::UserError);
  CHECK_THROWS_AS((void)treatysim::evolve(not_a_number, PopulationOptions{}), treatysim::UserError);
}

TEST_CASE("population: payoffs of 1e11 evolve: a wins, fixation probabilities stay in [0, 1]") {
  const PayoffMatrix matrix = game({"a", "b"}, {{1e11, 0}, {0, 0}});
  PopulationOptions options;
  options.generations = 20;
  options.population = 20;
  options.runs = 200;
  const auto result = treatysim::evolve(matrix, options);
  CHECK(result.replicator_time_scale == 1e10);
  CHECK(result.replicator.back()[0] > 1.0 - 1e-9);
  // A lone a meets only b's and earns 0, like them (f = g = 0.9): the first step is neutral;
  // with 2 or more, a's fitness is about 1e10·w·(i − 1)/19 and it fixes for sure: ρ ≈ 1/2.
  CHECK(result.fixation[0][1].exact == doctest::Approx(0.5));
  // A lone b among a's: g/f ≈ 1e10/0.9 at every step, so ρ ≈ 0.9/1e10 ≈ 0.
  CHECK(result.fixation[1][0].exact < 1e-9);
  CHECK(result.fixation[1][0].estimate == 0.0);
  for (const double share : result.moran.mean_share.back()) {
    CHECK(std::isfinite(share));
  }
  CHECK(result.moran.fixed_share[0] > 0.9);  // from 10 a's, a takes over at once
}

TEST_CASE("moran: fitness stays positive with a huge negative payoff at the selection limit") {
  // The smallest payoff is −1e11: w must be below 1/(1 + 1e11); just below it the smallest
  // fitness is about 1e-6, and no rounding of an average payoff may push one to 0 or below.
  const PayoffMatrix matrix = game({"a", "b"}, {{-1e11, 3}, {0.5, 1}});
  PopulationOptions options;
  options.population = 10;
  options.generations = 10;
  options.runs = 100;
  options.selection = 0.999999 / (1 + 1e11);
  const auto result = treatysim::evolve(matrix, options);
  for (std::size_t i = 0; i < 2; ++i) {
    for (std::size_t j = 0; j < 2; ++j) {
      if (i == j) continue;
      CHECK(result.fixation[i][j].exact >= 0.0);
      CHECK(result.fixation[i][j].exact <= 1.0);
      CHECK(result.fixation[i][j].estimate >= 0.0);
      CHECK(result.fixation[i][j].estimate <= 1.0);
    }
  }
  options.selection = 1.0 / (1 + 1e11) * 1.01;
  CHECK_THROWS_AS(treatysim::validate_population_options(matrix, options), treatysim::UserError);
}

TEST_CASE("population: initial shares of any finite scale are normalised; others refused") {
  PopulationOptions options;
  options.generations = 5;
  options.population = 10;
  options.runs = 10;
  options.initial_shares = {1e308, 1e308};  // their sum overflows; their ratio is 1
  const auto result = treatysim::evolve(hawk_dove(), options);
  CHECK(result.options.initial_shares == std::vector<double>{0.5, 0.5});
  CHECK(result.replicator[0] == std::vector<double>{0.5, 0.5});
  CHECK(treatysim::initial_counts(std::vector<double>{1e308, 1e308}, 10) == std::vector<int>{5, 5});
  CHECK(treatysim::initial_counts(std::vector<double>{3e-320, 1e-320}, 8) ==
        std::vector<int>{6, 2});
  for (const std::vector<double>& bad :
       {std::vector<double>{std::nan(""), 1}, std::vector<double>{HUGE_VAL, 1},
        std::vector<double>{0, 0}, std::vector<double>{-1, 2}}) {
    options.initial_shares = bad;
    CHECK_THROWS_AS(treatysim::validate_population_options(hawk_dove(), options),
                    treatysim::UserError);
  }
  options.initial_shares.clear();
  options.steps_per_generation = 19;  // fewer than 20 steps per generation could be unstable
  CHECK_THROWS_AS(treatysim::validate_population_options(hawk_dove(), options),
                  treatysim::UserError);
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
