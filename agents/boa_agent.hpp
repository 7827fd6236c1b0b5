// boa_agent.hpp — a negotiator composed of BOA components (components.hpp):
//   boa(bidding=SPEC, acceptance=SPEC, model=SPEC)
// e.g. boa(bidding=time_dependent(e=0.2), acceptance=ac_next(a=1, b=0), model=frequency(learning_rate=0.2)).
//
// Source: the BOA framework, Baarslag, Hindriks, Hendrikx, Dirkzwager & Jonker, "Decoupling
// negotiating agents to explore the space of negotiation strategies", Novel Insights in
// Agent-based Complex Automated Negotiation, 2014.
//
// propose: bidding.bid(state, model).
// respond: the model (if any) learns from the offer first; then the offer is accepted iff it is
//          worth at least the reservation value AND the acceptance condition accepts it, given
//          the utility of the bid the agent would make next (bidding.bid at r+1, previewed):
//   accept ω at offer r  ⇔  u(ω) ≥ reservation value
//                           ∧ acceptance(u(ω), u(bid(r+1)), t, best offer so far)
// It never walks away.
//
// Parameters
// | name       | default        | range                         | meaning                         |
// |------------|----------------|-------------------------------|---------------------------------|
// | bidding    | time_dependent | a spec of kind bidding        | chooses the offers              |
// | acceptance | ac_next        | a spec of kind acceptance     | decides on the opponent's offers|
// | model      | none           | a spec of kind opponent model | estimates the opponent's utility|
//
// The registry (builtin.cpp) also names fixed compositions of this class:
//   relative_tit_for_tat(window, band) =
//       boa(bidding=relative_tit_for_tat(window, band), acceptance=ac_next)
//   absolute_tit_for_tat(window, band) =
//       boa(bidding=absolute_tit_for_tat(window, band), acceptance=ac_next)
//       (tit_for_tat.hpp: Faratin, Sierra & Jennings 1998; Axelrod 1984)
//   nice_tit_for_tat(band, learning_rate) =
//       boa(bidding=nice_tit_for_tat(band), acceptance=ac_next, model=frequency(learning_rate))
//       (nice_tit_for_tat.hpp: Baarslag, Hindriks & Jonker 2011)
//   pareto_follower(e, window, learning_rate) =
//       boa(bidding=om_bidding(target=time_dependent(e, k=0), window),
//           acceptance=ac_combi(a=1, b=0, c=1, t=0.98), model=frequency(learning_rate))
//       (HardHeaded style: van Krimpen, Looije & Hajizadeh 2013; om_bidding.hpp,
//       frequency_model.hpp)
// The tit-for-tat presets take their bidding component's parameters (tit_for_tat.hpp);
// nice_tit_for_tat takes band (nice_tit_for_tat.hpp) and the model's learning_rate:
// | preset           | name          | default | range    | meaning                               |
// |------------------|---------------|---------|----------|---------------------------------------|
// | pareto_follower  | e             | 0.2     | [0, 100] | concession exponent of the target     |
// | pareto_follower  | window        | 0.1     | [0, 1]   | utility band searched above the target|
// | pareto_follower  | learning_rate | 0.2     | [0, 1]   | frequency model: weight per kept issue|
// | nice_tit_for_tat | learning_rate | 0.2     | [0, 1]   | frequency model: weight per kept issue|
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
