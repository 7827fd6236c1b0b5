// nice_tit_for_tat.hpp — "Nice Tit for Tat" (Baarslag, Hindriks & Jonker, "The Tit for Tat
// strategy can be nice", in Cooperative Information Agents XV / ANAC 2011): reciprocate the
// opponent's concession, measured as progress toward the (estimated) Nash point, and bid toward
// that point.
//
// With an opponent model û (without one, û ≡ 0.5, which makes the estimated Nash point the
// agent's own best outcome), the estimated Nash point is
//   N = argmax over outcomes with u(ω) ≥ d of (u(ω) − d)·û(ω)      (d = own reservation value;
//       the opponent's reservation value is unknown and taken as 0; ties: lowest index).
// With y_first and y_last the own utility of the opponent's first and latest offers, the
// opponent's concession ratio is
//   c = clamp((y_last − y_first)/(u(N) − y_first), 0, 1)   (c = 1 once y_first ≥ u(N))
// and the target is u_max − c·(u_max − u(N)): when the opponent has come all the way to the
// Nash point, so has the agent. The bid is the outcome within `band` above the target that the
// model rates best (Pareto-following), so the agent moves along its estimate of the frontier.
// The Nash estimate is recomputed once per own offer (O(n) over the outcomes).
//
// Parameters
// | name | default | range  | meaning                                              |
// |------|---------|--------|------------------------------------------------------|
// | band | 0.05    | [0, 1] | utility band above the target searched with the model|
// The negotiator nice_tit_for_tat (boa_agent.hpp) adds the frequency model's learning_rate
// (default 0.2, range [0, 1]; frequency_model.hpp) and accepts with AC_next.
#pragma once

#include <vector>

#include "agents/components.hpp"
#include "agents/own_levels.hpp"

namespace treatysim::agents {

class NiceTitForTatBidding final : public BiddingStrategy {
 public:
  explicit NiceTitForTatBidding(double band) : band_(band) {}

  void reset(const NegotiationContext& context) override;
  [[nodiscard]] double target(const NegotiationState& state,
                              const OpponentModel* model) const override;
  [[nodiscard]] Outcome bid(const NegotiationState& state,
                            const OpponentModel* model) const override;
  [[nodiscard]] bool uses_model() const noexcept override { return true; }

  // The estimated Nash point's own utility under `model` (exposed for tests).
  [[nodiscard]] double estimated_nash_utility(const OpponentModel* model) const;

 private:
  double band_;
  NegotiationContext context_;
  OwnLevels own_;
  double u_max_ = 1.0;
};

}  // namespace treatysim::agents
