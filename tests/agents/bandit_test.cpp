// bandit_test.cpp — the bandit negotiator (bandit_agent.hpp): UCB1's order and formula, EXP3's
// probabilities and weights, statistics kept by continue_series and forgotten by reset, and
// reproducible series.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include <boost/random/uniform_01.hpp>

#include "agents/bandit_agent.hpp"
#include "agents/registry.hpp"
#include "engine/model/random.hpp"
#include "engine/protocol/negotiation.hpp"
#include "tests/agents/agents_test_support.hpp"

using treatysim::Negotiation;
using treatysim::Scenario;
using treatysim::agents::BanditAgent;

namespace {

// A series of negotiations of the bandit (the U.S., party 0) against `opponent` on three-clauses:
// the arm chosen for each and the bandit's payoff in each.
struct Series {
  std::vector<std::size_t> arms;
  std::vector<double> rewards;
  std::vector<treatysim::NegotiationResult> results;
};

BanditAgent& as_bandit(treatysim::Agent& agent) {
  return dynamic_cast<BanditAgent&>(agent);
}

Series play_series(treatysim::Agent& bandit, treatysim::Agent& opponent,
                   const std::vector<std::uint64_t>& seeds, const Scenario& scenario) {
  Series series;
  Negotiation negotiation(scenario, {&bandit, &opponent}, seeds.front());
  for (std::size_t i = 0; i < seeds.size(); ++i) {
    if (i > 0) negotiation.restart(seeds[i], /*continue_series=*/true);
    series.arms.push_back(as_bandit(bandit).current_arm());
    const treatysim::NegotiationResult& result = negotiation.run();
    series.rewards.push_back(result.discounted_utilities[0]);
    series.results.push_back(result);
  }
  return series;
}

}  // namespace

TEST_CASE("bandit UCB1: each arm once in order, then the arm maximising mean + c*sqrt(ln N / n)") {
  const Scenario& scenario = agents_test::config("three-clauses");
  const auto& registry = treatysim::agents::builtin_registry();
  const auto bandit = registry.create("bandit(arms=\"0.1,1,4\")");
  const auto opponent = registry.create("linear");
  const std::vector<std::uint64_t> seeds{1, 2, 3, 4, 5, 6, 7, 8};
  const Series series = play_series(*bandit, *opponent, seeds, scenario);
  // Arms 0, 1, 2 in order first.
  CHECK(series.arms[0] == 0);
  CHECK(series.arms[1] == 1);
  CHECK(series.arms[2] == 2);
  // Both sides are deterministic and three-clauses does not discount, so each arm always earns
  // the same payoff: the U.S. utility of its agreement with linear China.
  std::vector<double> reward(3, -1.0);
  for (std::size_t i = 0; i < seeds.size(); ++i) {
    if (reward[series.arms[i]] < 0.0) reward[series.arms[i]] = series.rewards[i];
    CHECK(series.rewards[i] == doctest::Approx(reward[series.arms[i]]).epsilon(1e-12));
  }
  MESSAGE("rewards per arm: e = 0.1 → " << reward[0] << ", e = 1 → " << reward[1] << ", e = 4 → "
                                        << reward[2] << "; arms played: " << series.arms[3] << " "
                                        << series.arms[4] << " " << series.arms[5] << " "
                                        << series.arms[6] << " " << series.arms[7]);
  // Then the formula, replayed from the rewards: N plays in all, nᵢ per arm, ties to the first.
  const double c = std::sqrt(2.0);
  std::vector<int> plays(3, 0);
  std::vector<double> sums(3, 0.0);
  for (std::size_t i = 0; i < seeds.size(); ++i) {
    if (i >= 3) {
      const int n = std::accumulate(plays.begin(), plays.end(), 0);
      std::size_t best = 0;
      double best_score = -1.0;
      for (std::size_t a = 0; a < 3; ++a) {
        const double score =
            sums[a] / plays[a] + c * std::sqrt(std::log(static_cast<double>(n)) / plays[a]);
        if (score > best_score) {
          best_score = score;
          best = a;
        }
      }
      CAPTURE(i);
      CHECK(series.arms[i] == best);
    }
    plays[series.arms[i]] += 1;
    sums[series.arms[i]] += series.rewards[i];
  }
  // The agent's statistics are the same.
  const BanditAgent& agent = as_bandit(*bandit);
  for (std::size_t a = 0; a < 3; ++a) {
    CHECK(agent.plays()[a] == plays[a]);
    CHECK(agent.reward_sums()[a] == doctest::Approx(sums[a]).epsilon(1e-12));
  }
}

TEST_CASE("bandit UCB1: one choice by hand") {
  // Three arms e = 0.1, 1, 4 with c = 1 against `linear` China on three-clauses (no discount).
  // The first three negotiations play arms 0, 1, 2 and earn x = (0.625, 0.59, 0.59): the
  // Boulware arm holds out longest against the linear opponent and gets the most; e = 1 and
  // e = 4 end on deals worth the same 0.59 to the U.S.
  // Fourth choice, N = 3, every nᵢ = 1: the bonus √(ln 3) is the same for all, so the best mean
  // wins: arm 0 (0.625).
  // Fifth choice, N = 4, n = (2, 1, 1), means (0.625, 0.59, 0.59):
  //   arm 0: 0.625 + √(ln 4 / 2) = 0.625 + 0.832555 = 1.457555
  //   arm 1: 0.59  + √(ln 4)     = 0.59  + 1.177410 = 1.767410
  //   arm 2: 0.59  + √(ln 4)     = 1.767410          (a tie with arm 1: the first wins)
  // → arm 1. Sixth, N = 5, n = (2, 2, 1): arm 2 scores 0.59 + √(ln 5) = 0.59 + 1.268636 = 1.858636,
  // above arm 0 (0.625 + 0.897061 = 1.522061) and arm 1 (0.59 + 0.897061 = 1.487061) → arm 2.
  const Scenario& scenario = agents_test::config("three-clauses");
  const auto& registry = treatysim::agents::builtin_registry();
  const auto bandit = registry.create("bandit(arms=\"0.1,1,4\", exploration=1)");
  const auto opponent = registry.create("linear");
  const Series series = play_series(*bandit, *opponent, {11, 12, 13, 14, 15, 16}, scenario);
  CHECK(series.arms == std::vector<std::size_t>{0, 1, 2, 0, 1, 2});
  CHECK(series.rewards[0] == doctest::Approx(0.625).epsilon(1e-12));
  CHECK(series.rewards[1] == doctest::Approx(0.59).epsilon(1e-12));
  CHECK(series.rewards[2] == doctest::Approx(0.59).epsilon(1e-12));
  CHECK(std::sqrt(std::log(4.0) / 2.0) == doctest::Approx(0.832555).epsilon(1e-6));
  CHECK(std::sqrt(std::log(4.0)) == doctest::Approx(1.177410).epsilon(1e-6));
  CHECK(std::sqrt(std::log(5.0)) == doctest::Approx(1.268636).epsilon(1e-6));
  CHECK(std::sqrt(std::log(5.0) / 2.0) == doctest::Approx(0.897061).epsilon(1e-6));
}

TEST_CASE("bandit EXP3: probabilities (1-gamma) w/sum + gamma/K and the weight update") {
  const Scenario& scenario = agents_test::config("three-clauses");
  const auto& registry = treatysim::agents::builtin_registry();
  const double gamma = 0.3;
  const auto bandit = registry.create("bandit(algorithm=\"exp3\", arms=\"0.1,1,4\", gamma=0.3)");
  const auto opponent = registry.create("linear");
  BanditAgent& agent = as_bandit(*bandit);
  const std::vector<std::uint64_t> seeds{21, 22, 23, 24, 25, 26};

  // The arm EXP3 should draw for a negotiation seeded `seed`: the agent's stream is
  // derive_seed(seed, "agent", 0); one uniform draw u ∈ [0, 1) picks the first arm whose
  // cumulative probability exceeds u.
  const auto expected_arm = [&](const std::vector<double>& weights, std::uint64_t seed) {
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    std::vector<double> p;
    for (const double w : weights) p.push_back((1.0 - gamma) * w / total + gamma / 3.0);
    CHECK(std::accumulate(p.begin(), p.end(), 0.0) == doctest::Approx(1.0).epsilon(1e-12));
    treatysim::Rng rng(treatysim::derive_seed(seed, treatysim::kAgentStream, 0));
    const double u = boost::random::uniform_01<double>()(rng);
    double cumulative = 0.0;
    for (std::size_t i = 0; i < p.size(); ++i) {
      cumulative += p[i];
      if (u < cumulative) return std::make_pair(i, p[i]);
    }
    return std::make_pair(p.size() - 1, p.back());
  };

  Negotiation negotiation(scenario, {bandit.get(), opponent.get()}, seeds.front());
  // Before any play every weight is 1 and every arm has probability 1/3.
  std::vector<double> weights(3, 1.0);
  CHECK(agent.weights() == weights);
  for (std::size_t i = 0; i < seeds.size(); ++i) {
    CAPTURE(i);
    if (i > 0) negotiation.restart(seeds[i], true);
    const auto [arm, probability] = expected_arm(weights, seeds[i]);
    CHECK(agent.current_arm() == arm);
    if (i == 0) CHECK(probability == doctest::Approx(1.0 / 3.0).epsilon(1e-12));
    const double x = negotiation.run().discounted_utilities[0];
    // wᵢ ← wᵢ·exp(γ·(x/pᵢ)/K), then every weight divided by the largest.
    weights[arm] *= std::exp(gamma * (x / probability) / 3.0);
    const double top = *std::max_element(weights.begin(), weights.end());
    for (double& w : weights) w /= top;
    for (std::size_t a = 0; a < 3; ++a)
      CHECK(agent.weights()[a] == doctest::Approx(weights[a]).epsilon(1e-12));
    if (i == 0) {
      // By hand: p = 1/3, so the played arm's weight becomes exp(0.3·3x/3) = exp(0.3x) and,
      // after rescaling, the played arm has weight 1 and the others exp(−0.3x).
      for (std::size_t a = 0; a < 3; ++a) {
        CHECK(agent.weights()[a] ==
              doctest::Approx(a == arm ? 1.0 : std::exp(-0.3 * x)).epsilon(1e-12));
      }
    }
  }
  CHECK(std::accumulate(agent.plays().begin(), agent.plays().end(), 0) == 6);
}

TEST_CASE("bandit: continue_series keeps the statistics, reset forgets them") {
  const Scenario& scenario = agents_test::config("three-clauses");
  const auto& registry = treatysim::agents::builtin_registry();
  CHECK(registry.traits(treatysim::parse_spec("bandit")).learns_across_series);
  for (const char* spec :
       {"bandit(arms=\"0.1,1,4\")", "bandit(algorithm=\"exp3\", arms=\"0.1,1,4\")"}) {
    CAPTURE(spec);
    const auto bandit = registry.create(spec);
    const auto opponent = registry.create("linear");
    BanditAgent& agent = as_bandit(*bandit);
    Negotiation negotiation(scenario, {bandit.get(), opponent.get()}, 1);
    static_cast<void>(negotiation.run());
    for (std::uint64_t seed = 2; seed <= 4; ++seed) {
      negotiation.restart(seed, /*continue_series=*/true);
      static_cast<void>(negotiation.run());
    }
    CHECK(std::accumulate(agent.plays().begin(), agent.plays().end(), 0) == 4);
    CHECK(std::accumulate(agent.reward_sums().begin(), agent.reward_sums().end(), 0.0) > 0.0);
    // A plain restart resets: no plays, no rewards, equal weights, UCB1 back to arm 0.
    negotiation.restart(5);
    CHECK(agent.plays() == std::vector<int>{0, 0, 0});
    CHECK(agent.reward_sums() == std::vector<double>{0.0, 0.0, 0.0});
    CHECK(agent.weights() == std::vector<double>{1.0, 1.0, 1.0});
    if (std::string(spec).find("exp3") == std::string::npos) CHECK(agent.current_arm() == 0);
    static_cast<void>(negotiation.run());
    CHECK(std::accumulate(agent.plays().begin(), agent.plays().end(), 0) == 1);
    // After the reset the series starts over: a fresh agent with the same seeds plays the same.
    const auto fresh = registry.create(spec);
    const auto fresh_opponent = registry.create("linear");
    Negotiation again(scenario, {fresh.get(), fresh_opponent.get()}, 5);
    CHECK(again.run() == negotiation.result());
    CHECK(as_bandit(*fresh).plays() == agent.plays());
    CHECK(as_bandit(*fresh).weights() == agent.weights());
  }
  // continue_series on an agent that never played is a reset.
  const auto bandit = registry.create("bandit(arms=\"0.5,2\")");
  bandit->continue_series(agents_test::context_for(scenario, 0, 7));
  CHECK(as_bandit(*bandit).plays() == std::vector<int>{0, 0});
  CHECK(as_bandit(*bandit).current_arm() == 0);
}

TEST_CASE("bandit: the same seeds give the same series") {
  const Scenario& scenario = agents_test::config("sta-2024");
  const auto& registry = treatysim::agents::builtin_registry();
  const std::vector<std::uint64_t> seeds{3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8};
  for (const char* spec : {"bandit", "bandit(algorithm=\"exp3\", gamma=0.5)"}) {
    CAPTURE(spec);
    for (const char* opponent_spec : {"random(accept=0.2)", "conceder"}) {
      CAPTURE(opponent_spec);
      const auto play = [&] {
        const auto bandit = registry.create(spec);
        const auto opponent = registry.create(opponent_spec);
        return play_series(*bandit, *opponent, seeds, scenario);
      };
      const Series first = play();
      const Series second = play();
      CHECK(first.arms == second.arms);
      CHECK(first.rewards == second.rewards);
      for (std::size_t i = 0; i < seeds.size(); ++i) CHECK(first.results[i] == second.results[i]);
    }
  }
  // EXP3 draws its arm from the seed: over 20 different first seeds, more than one arm is drawn.
  std::vector<int> drawn(6, 0);
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const auto bandit = registry.create("bandit(algorithm=\"exp3\")");
    const auto opponent = registry.create("linear");
    const Negotiation negotiation(scenario, {bandit.get(), opponent.get()}, seed);
    drawn[as_bandit(*bandit).current_arm()] += 1;
  }
  CHECK(std::count(drawn.begin(), drawn.end(), 0) < 5);
}
