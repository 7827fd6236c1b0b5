// tit_for_tat.hpp — behaviour-dependent (imitative) tactics in utility space.
//
// Sources: Faratin, Sierra & Jennings 1998 (relative and absolute tit-for-tat over a window δ);
// Axelrod 1984. Faratin imitates issue values; under private information an agent can only see
// the opponent's offers through its own utility, so the imitation here happens in own-utility
// space. Let y₁, y₂, … be the agent's own utility of the opponent's successive offers, and
// T₀, T₁, … the agent's targets for its own successive offers. T₀ = u_max. For k ≥ 1, with y_m the
// opponent's latest offer before the agent's k-th offer and m > δ (otherwise T_k = T_{k−1}):
//   absolute:  T_k = T_{k−1} − (y_m − y_{m−δ})/δ               (concede the same utility, per step)
//   relative:  T_k = T_{k−1} · ((1 − y_m)/(1 − y_{m−δ}))^{1/δ}    (shrink the demand by the same
//              factor as the opponent shrank the utility it denies the agent, 1 − y; no change when
//              1 − y_{m−δ} = 0)
// T_k is kept within [u_min, u_max] (u_min = max(reservation, lowest utility)). A retraction by
// the opponent (y falls) raises the target: tit for tat. The bid is the outcome of smallest own
// utility ≥ T_k, or — with an opponent model — the one the model rates best within `band` above it.
//
// Parameters
// | name   | default | range    | meaning                                                  |
// |--------|---------|----------|----------------------------------------------------------|
// | window | 1       | 1 … 20   | δ: opponent offers over which its concession is averaged |
// | band   | 0.05    | [0, 1]   | utility band above the target searched with a model      |
#pragma once

#include <vector>

#include "agents/components.hpp"
#include "agents/own_levels.hpp"

namespace treatysim::agents {

enum class ImitationMode { kAbsolute, kRelative };

class TitForTatBidding final : public BiddingStrategy {
 public:
  TitForTatBidding(ImitationMode mode, int window, double band)
      : mode_(mode), window_(window), band_(band) {}

  void reset(const NegotiationContext& context) override;
  [[nodiscard]] double target(const NegotiationState& state,
                              const OpponentModel* model) const override;
  [[nodiscard]] Outcome bid(const NegotiationState& state,
                            const OpponentModel* model) const override;
  [[nodiscard]] bool uses_model() const noexcept override { return true; }

 private:
  ImitationMode mode_;
  int window_;
  double band_;
  NegotiationContext context_;
  OwnLevels own_;
  double u_max_ = 1.0;
  double u_min_ = 0.0;
  // Targets of the agent's offers so far (T₀, T₁, …), filled lazily; the history they depend on
  // never changes within a negotiation, so the memo keeps target() pure.
  mutable std::vector<double> targets_;
};

}  // namespace treatysim::agents
