// boa_agent.hpp — a negotiator composed of BOA components (components.hpp):
//   boa(bidding=SPEC, acceptance=SPEC, model=SPEC)
// e.g. boa(bidding=time_dependent(e=0.2), acceptance=ac_next(a=1, b=0), model=frequency(learning_rate=0.2)).
//
// propose: bidding.bid(state, model).
// respond: the model (if any) learns from the offer first; then the offer is accepted iff it is
//          worth at least the reservation value AND the acceptance condition accepts it, given
//          the utility of the bid the agent would make next (bidding.bid at r+1, previewed).
// It never walks away.
//
// Parameters
// | name       | default         | meaning                                     |
// |------------|-----------------|---------------------------------------------|
// | bidding    | time_dependent  | a bidding component spec                    |
// | acceptance | ac_next         | an acceptance component spec                |
// | model      | none            | an opponent-model component spec, or none   |
#pragma once

#include <memory>

#include "agents/components.hpp"

namespace treatysim::agents {

class BoaAgent final : public Agent {
 public:
  BoaAgent(std::unique_ptr<BiddingStrategy> bidding,
           std::unique_ptr<AcceptanceCondition> acceptance, std::unique_ptr<OpponentModel> model);

  void reset(const NegotiationContext& context) override;
  [[nodiscard]] Outcome propose(const NegotiationState& state) override;
  [[nodiscard]] Response respond(const NegotiationState& state, const Outcome& offer) override;
  // Agent::target_utility: the bidding component's scheduled target, if it has one.
  [[nodiscard]] std::optional<double> target_utility(int offer_index) const override {
    return bidding_->scheduled_target(offer_index);
  }

  // Agent::estimated_utility / estimated_reservation: the opponent model's, when there is one.
  [[nodiscard]] std::optional<double> estimated_utility(const Outcome& outcome) const override {
    if (!model_) return std::nullopt;
    return model_->utility(outcome);
  }
  [[nodiscard]] std::optional<double> estimated_reservation() const override {
    return model_ ? model_->reservation() : std::nullopt;
  }

  [[nodiscard]] const BiddingStrategy& bidding() const noexcept { return *bidding_; }
  [[nodiscard]] const OpponentModel* model() const noexcept { return model_.get(); }

 private:
  std::unique_ptr<BiddingStrategy> bidding_;
  std::unique_ptr<AcceptanceCondition> acceptance_;
  std::unique_ptr<OpponentModel> model_;
  NegotiationContext context_;
  double best_received_ = -1.0;
};

}  // namespace treatysim::agents
