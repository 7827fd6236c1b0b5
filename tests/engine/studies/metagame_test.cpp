// The meta-game (engine/studies/metagame.hpp): symmetric Nash equilibria by support enumeration and
// regrets on games solved by hand (rock–paper–scissors, prisoner's dilemma, hawk–dove, stag
// hunt, a 3-strategy tournament matrix), a degenerate game, and properties over seeded random
// games (every listed equilibrium has zero regret and is a rest point of the replicator
// dynamics).
#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include "engine/model/random.hpp"
#include "engine/studies/metagame.hpp"
#include "engine/studies/payoff_matrix.hpp"
#include "engine/studies/population.hpp"
#include "tests/support/payoff_game.hpp"

using treatysim::analyze_metagame;
using treatysim::MetaGame;
using treatysim::PayoffMatrix;
using treatysim::testing::game;

namespace {

void check_mix(const std::vector<double>& mix, const std::vector<double>& expected) {
  REQUIRE(mix.size() == expected.size());
  for (std::size_t i = 0; i < mix.size(); ++i) CHECK(mix[i] == doctest::Approx(expected[i]));
}

}  // namespace

TEST_CASE("metagame: rock-paper-scissors has the single equilibrium (1/3, 1/3, 1/3)") {
  const PayoffMatrix rps =
      game({"rock", "paper", "scissors"}, {{0, -1, 1}, {1, 0, -1}, {-1, 1, 0}});
  const MetaGame result = analyze_metagame(rps);
  REQUIRE(result.equilibria.size() == 1);
  const auto& eq = result.equilibria[0];
  check_mix(eq.mix, {1.0 / 3, 1.0 / 3, 1.0 / 3});
  CHECK(eq.support == std::vector<std::size_t>{0, 1, 2});
  CHECK(eq.payoff == doctest::Approx(0.0));
  CHECK(eq.regret == 0.0);
  check_mix(eq.strategy_regret, {0, 0, 0});
  // Everyone playing rock: paper gains 1 − 0.
  check_mix(result.pure_profile_regret, {1, 1, 1});
  CHECK_FALSE(result.degenerate);
  // yᵀAy = 0 for every y (A = −Aᵀ): neutrally stable, not an ESS; the orbits cycle around it.
  CHECK(eq.evolutionarily_stable == false);
  // Pure rock is no equilibrium: paper earns 1 against it, rock 0.
  CHECK(treatysim::mix_regret(rps, std::vector<double>{1, 0, 0}) == doctest::Approx(1.0));
}

TEST_CASE(
    "metagame: the prisoner's dilemma has only mutual defection, with hand-computed regrets") {
  // T = 5, R = 3, P = 1, S = 0.
  const PayoffMatrix pd = game({"cooperate", "defect"}, {{3, 0}, {5, 1}});
  const MetaGame result = analyze_metagame(pd);
  REQUIRE(result.equilibria.size() == 1);
  const auto& eq = result.equilibria[0];
  check_mix(eq.mix, {0, 1});
  CHECK(eq.support == std::vector<std::size_t>{1});
  CHECK(eq.payoff == doctest::Approx(1.0));
  // Against all-defect: cooperate earns S = 0, the best response (defect) P = 1.
  check_mix(eq.strategy_payoff, {0, 1});
  check_mix(eq.strategy_regret, {1, 0});
  // All cooperate: defecting gains T − R = 2; all defect: nothing to gain.
  check_mix(result.pure_profile_regret, {2, 0});
  CHECK(eq.evolutionarily_stable == true);  // a strict equilibrium
  // Half and half: (Ax) = (1.5, 3), xᵀAx = 2.25, so the best deviation gains 0.75.
  CHECK(treatysim::mix_regret(pd, std::vector<double>{0.5, 0.5}) == doctest::Approx(0.75));
}

TEST_CASE("metagame: hawk-dove's equilibrium has a share V/C of hawks") {
  // V = 4, C = 6: hawk–hawk (V − C)/2 = −1, hawk–dove V, dove–hawk 0, dove–dove V/2.
  const PayoffMatrix hd = game({"hawk", "dove"}, {{-1, 4}, {0, 2}});
  const MetaGame result = analyze_metagame(hd);
  REQUIRE(result.equilibria.size() == 1);
  check_mix(result.equilibria[0].mix, {4.0 / 6, 2.0 / 6});
  // Against 2/3 hawks both earn 4 − 5·(2/3) = 2·(1 − 2/3) = 2/3.
  CHECK(result.equilibria[0].payoff == doctest::Approx(2.0 / 3));
  check_mix(result.equilibria[0].strategy_payoff, {2.0 / 3, 2.0 / 3});
  // All hawk: a dove gains 0 − (−1) = 1; all dove: a hawk gains 4 − 2 = 2.
  check_mix(result.pure_profile_regret, {1, 2});
  // y = (1, −1): yᵀAy = −1 − 4 − 0 + 2 = −3 < 0, so V/C hawks is an ESS (Maynard Smith 1982).
  CHECK(result.equilibria[0].evolutionarily_stable == true);
}

TEST_CASE("metagame: the stag hunt lists all three equilibria, two pure and one mixed") {
  const PayoffMatrix stag = game({"stag", "hare"}, {{4, 0}, {3, 3}});
  const MetaGame result = analyze_metagame(stag);
  REQUIRE(result.equilibria.size() == 3);
  // By support size, then support: {stag}, {hare}, {stag, hare}.
  check_mix(result.equilibria[0].mix, {1, 0});
  CHECK(result.equilibria[0].payoff == doctest::Approx(4.0));
  check_mix(result.equilibria[1].mix, {0, 1});
  CHECK(result.equilibria[1].payoff == doctest::Approx(3.0));
  // Indifference: 4p = 3 ⇒ p = 3/4 stag hunters; both earn 3.
  check_mix(result.equilibria[2].mix, {0.75, 0.25});
  CHECK(result.equilibria[2].payoff == doctest::Approx(3.0));
  // Against all-stag a hare hunter earns 3 instead of 4; against all-hare a stag hunter 0 not 3.
  check_mix(result.equilibria[0].strategy_regret, {0, 1});
  check_mix(result.equilibria[1].strategy_regret, {3, 0});
  check_mix(result.equilibria[2].strategy_regret, {0, 0});
  for (const auto& eq : result.equilibria) CHECK(eq.regret == 0.0);
  // Both pure equilibria are strict, hence ESS; the mixed one is not: y = (1, −1) gives
  // yᵀAy = 4 − 0 − 3 + 3 = 4 > 0 (it separates the two basins of attraction).
  CHECK(result.equilibria[0].evolutionarily_stable == true);
  CHECK(result.equilibria[1].evolutionarily_stable == true);
  CHECK(result.equilibria[2].evolutionarily_stable == false);
}

TEST_CASE("metagame: a pure coordination game has two pure equilibria and the mixed one") {
  const PayoffMatrix coordination = game({"left", "right"}, {{2, 0}, {0, 1}});
  const MetaGame result = analyze_metagame(coordination);
  REQUIRE(result.equilibria.size() == 3);
  check_mix(result.equilibria[0].mix, {1, 0});
  check_mix(result.equilibria[1].mix, {0, 1});
  // 2p = 1 − p ⇒ p = 1/3; payoff 2/3.
  check_mix(result.equilibria[2].mix, {1.0 / 3, 2.0 / 3});
  CHECK(result.equilibria[2].payoff == doctest::Approx(2.0 / 3));
}

TEST_CASE("metagame: a tournament-like matrix: one pure equilibrium and hand-computed regrets") {
  // tests/data/evolve/summary.json: only tit-for-tat against itself is an equilibrium (no
  // strategy beats 0.60 against it); the mixed candidates fail by hand (see the CLI test).
  const PayoffMatrix m = game({"boulware", "conceder", "tit-for-tat"},
                              {{0.30, 0.70, 0.55}, {0.40, 0.50, 0.45}, {0.50, 0.60, 0.60}});
  const MetaGame result = analyze_metagame(m);
  REQUIRE(result.equilibria.size() == 1);
  check_mix(result.equilibria[0].mix, {0, 0, 1});
  CHECK(result.equilibria[0].payoff == doctest::Approx(0.60));
  // 0.60 − 0.55, 0.60 − 0.45, 0.
  check_mix(result.equilibria[0].strategy_regret, {0.05, 0.15, 0});
  // All boulware: tit-for-tat gains 0.50 − 0.30; all conceder: boulware gains 0.70 − 0.50.
  check_mix(result.pure_profile_regret, {0.20, 0.20, 0});
}

TEST_CASE("metagame: identical strategies make the game degenerate; the pure equilibria remain") {
  const PayoffMatrix twins = game({"a", "b"}, {{1, 1}, {1, 1}});
  const MetaGame result = analyze_metagame(twins);
  CHECK(result.degenerate);
  REQUIRE(result.equilibria.size() == 2);
  check_mix(result.equilibria[0].mix, {1, 0});
  check_mix(result.equilibria[1].mix, {0, 1});
  // b is an alternative best reply to all-a (and a to all-b): the test cannot decide.
  CHECK_FALSE(result.equilibria[0].evolutionarily_stable.has_value());
  CHECK_FALSE(result.equilibria[1].evolutionarily_stable.has_value());
}

TEST_CASE("metagame: the tolerances are relative to the payoff scale") {
  // The stag hunt scaled by 1e-6 and by 1e6 has the same equilibria.
  for (const double scale : {1e-6, 1e6}) {
    const PayoffMatrix stag = game({"stag", "hare"}, {{4 * scale, 0}, {3 * scale, 3 * scale}});
    const MetaGame result = analyze_metagame(stag);
    REQUIRE(result.equilibria.size() == 3);
    check_mix(result.equilibria[2].mix, {0.75, 0.25});
    CHECK(result.equilibria[0].strategy_regret[1] == doctest::Approx(scale));
  }
}

TEST_CASE("metagame: on random games every equilibrium has zero regret and is a rest point") {
  treatysim::Rng rng(treatysim::derive_seed(7, "metagame-test", 0));
  boost::random::uniform_int_distribution<int> size(2, 6);
  boost::random::uniform_real_distribution<double> payoff(-1.0, 1.0);
  for (int trial = 0; trial < 60; ++trial) {
    const auto n = static_cast<std::size_t>(size(rng));
    PayoffMatrix m;
    for (std::size_t i = 0; i < n; ++i) {
      m.strategies.push_back("s" + std::to_string(i));
      m.payoff.emplace_back();
      for (std::size_t j = 0; j < n; ++j) m.payoff.back().push_back(payoff(rng));
    }
    const MetaGame result = analyze_metagame(m);
    CAPTURE(trial);
    // Every symmetric game has a symmetric equilibrium (Nash 1951); random games are generic.
    CHECK_FALSE(result.equilibria.empty());
    CHECK_FALSE(result.degenerate);
    for (const auto& eq : result.equilibria) {
      double total = 0;
      for (const double share : eq.mix) {
        CHECK(share >= 0.0);
        total += share;
      }
      CHECK(total == doctest::Approx(1.0));
      CHECK(treatysim::mix_regret(m, eq.mix) < 1e-9);
      // Random games are generic: no alternative best replies, so stability is decided.
      CHECK(eq.evolutionarily_stable.has_value());
      // A rest point of the replicator dynamics: two generations do not move it (unstable ones
      // amplify rounding, so not many more).
      const auto path = treatysim::replicator_dynamics(m, eq.mix, 2, 20);
      for (std::size_t i = 0; i < n; ++i) CHECK(path.back()[i] == doctest::Approx(eq.mix[i]));
    }
  }
}
