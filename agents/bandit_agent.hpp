// bandit_agent.hpp — learns which concession exponent works against an opponent, across a
// series of negotiations, as a multi-armed bandit.
//
// Sources: Auer, Cesa-Bianchi & Fischer 2002 (UCB1); Auer, Cesa-Bianchi, Freund & Schapire 2002
// (EXP3). Each arm is a time-dependent negotiator (time_dependent.hpp) with concession exponent
// e = the arm's value. At the start of every negotiation of a series the agent picks an arm; at the
// end it receives the reward x = its payoff (δʳ·u(ω) with agreement, its reservation value
// without), which lies in [0, 1].
//   UCB1: play each arm once in order; then the arm maximising x̄ᵢ + c·√(ln N / nᵢ) (N plays in
//         all, nᵢ of arm i; ties to the first arm).
//   EXP3: play arm i with probability pᵢ = (1−γ)·wᵢ/Σw + γ/K; after reward x on arm i,
//         wᵢ ← wᵢ·exp(γ·(x/pᵢ)/K) (weights are rescaled by their maximum to stay finite).
// continue_series() keeps the statistics; reset() forgets them. Draws come from the agent's own
// random stream for that negotiation, so a series is reproducible from its seeds.
//
// Parameters
// | name        | default               | range          | meaning                               |
// |-------------|-----------------------|----------------|---------------------------------------|
// | algorithm   | "ucb1"                | ucb1, exp3     | the bandit rule                       |
// | arms        | "0.1,0.25,0.5,1,2,4"  | numbers [0,100]| concession exponents to choose among  |
// | exploration | 1.4142                | [0, 10]        | c of UCB1 (√2 in Auer et al.)         |
// | gamma       | 0.1                   | (0, 1]         | γ of EXP3: the share of exploration   |
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "agents/time_dependent.hpp"
#include "engine/model/random.hpp"
#include "engine/protocol/agent.hpp"

namespace treatysim::agents {

enum class BanditAlgorithm { kUcb1, kExp3 };

// Parses "0.1,0.25,1" into exponents; throws UserError naming the bad entry.
[[nodiscard]] std::vector<double> parse_arms(const std::string& text);

class BanditAgent final : public Agent {
 public:
  BanditAgent(BanditAlgorithm algorithm, std::vector<double> arms, double exploration,
              double gamma);

  void reset(const NegotiationContext& context) override;
  void continue_series(const NegotiationContext& context) override;
  [[nodiscard]] Outcome propose(const NegotiationState& state) override;
  [[nodiscard]] Response respond(const NegotiationState& state, const Outcome& offer) override;
  void observe(const Event& event) override;

  // Learned state, for tests and displays.
  [[nodiscard]] std::size_t current_arm() const noexcept { return arm_; }
  [[nodiscard]] const std::vector<int>& plays() const noexcept { return plays_; }
  [[nodiscard]] const std::vector<double>& reward_sums() const noexcept { return reward_sums_; }
  [[nodiscard]] const std::vector<double>& weights() const noexcept { return weights_; }

 private:
  void begin(const NegotiationContext& context);
  [[nodiscard]] std::vector<double> exp3_probabilities() const;

  BanditAlgorithm algorithm_;
  std::vector<double> arms_;
  double exploration_;
  double gamma_;
  std::vector<std::unique_ptr<TimeDependentAgent>> players_;  // one per arm (keeps its schedule)
  std::vector<int> plays_;
  std::vector<double> reward_sums_;
  std::vector<double> weights_;
  std::size_t arm_ = 0;
  double arm_probability_ = 1.0;
  bool rewarded_ = false;
  NegotiationContext context_;
  Rng rng_;
};

}  // namespace treatysim::agents
