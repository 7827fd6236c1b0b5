// om_bidding.hpp — opponent-model bidding ("Pareto-following", the BOA framework's
// BestBid OM strategy; Baarslag et al. 2014): keep another bidding strategy's target utility,
// but among the outcomes at or above that target, offer the one the opponent model rates best.
//
//   bid(r) = argmax over ω with u(ω) ∈ [T(r), T(r) + window] of û(ω)
// with T(r) the inner strategy's target and û the opponent model's estimate.
// Candidates are the outcomes whose own utility lies in [target, target + window] (HardHeaded
// and the BOA framework search such a band; a band keeps the agent from giving away more than
// the target asks and bounds the search). If the band is empty, the smallest own utility above
// the target is offered. Ties in the model's estimate go to the lowest outcome index. Without an
// opponent model it offers what the inner strategy offers.
//
// Parameters
// | name   | default               | range          | meaning                                   |
// |--------|-----------------------|----------------|-------------------------------------------|
// | target | time_dependent(e=0.2) | a bidding spec | the strategy whose target is followed     |
// | window | 0.1                   | [0, 1]         | width of the band searched above target   |
#pragma once

#include <memory>

#include "agents/components.hpp"
#include "agents/own_levels.hpp"

namespace treatysim::agents {

// The outcome in the band [target, target + window] of own utility that `model` rates best
// (ties: lowest outcome index); the smallest own utility ≥ target when the band is empty.
[[nodiscard]] Outcome best_for_opponent(const OutcomeSpace& space, const UtilityIndex& index,
                                        double target, double window, const OpponentModel& model);

class OpponentModelBidding final : public BiddingStrategy {
 public:
  OpponentModelBidding(std::unique_ptr<BiddingStrategy> inner, double window)
      : inner_(std::move(inner)), window_(window) {}

  void reset(const NegotiationContext& context) override;
  [[nodiscard]] double target(const NegotiationState& state,
                              const OpponentModel* model) const override {
    return inner_->target(state, model);
  }
  [[nodiscard]] Outcome bid(const NegotiationState& state,
                            const OpponentModel* model) const override;
  [[nodiscard]] bool uses_model() const noexcept override { return true; }
  // The inner strategy's scheduled target (the band search does not change the target).
  [[nodiscard]] std::optional<double> scheduled_target(int offer_index) const override {
    return inner_->scheduled_target(offer_index);
  }

 private:
  std::unique_ptr<BiddingStrategy> inner_;
  double window_;
  const OutcomeSpace* space_ = nullptr;
  const UtilityFunction* utility_ = nullptr;
  OwnLevels own_;
};

}  // namespace treatysim::agents
