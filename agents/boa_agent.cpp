#include "agents/boa_agent.hpp"

#include <algorithm>

#include "engine/model/tolerance.hpp"

namespace treatysim::agents {

BoaAgent::BoaAgent(std::unique_ptr<BiddingStrategy> bidding,
                   std::unique_ptr<AcceptanceCondition> acceptance,
                   std::unique_ptr<OpponentModel> model)
    : bidding_(std::move(bidding)), acceptance_(std::move(acceptance)), model_(std::move(model)) {}

void BoaAgent::reset(const NegotiationContext& context) {
  context_ = context;
  bidding_->reset(context);
  acceptance_->reset(context);
  if (model_) model_->reset(context);
  best_received_ = -1.0;
}

Outcome BoaAgent::propose(const NegotiationState& state) {
  return bidding_->bid(state, model_.get());
}

Response BoaAgent::respond(const NegotiationState& state, const Outcome& offer) {
  if (model_) model_->update(state, offer);
  const UtilityFunction& own = *context_.own.utility;
  const double u = own(offer);
  const double best_before = best_received_;
  best_received_ = std::max(best_received_, u);
  if (!utility_at_least(u, context_.own.reservation_value())) return Response::kReject;
  double next_bid = 0.0;
  const bool has_next = !state.last_offer();
  if (has_next) {
    const NegotiationState next{state.offer_index + 1, state.deadline, state.offers};
    next_bid = own(bidding_->bid(next, model_.get()));
  }
  const AcceptanceInput input{state, u, next_bid, has_next, best_before};
  return acceptance_->accept(input) ? Response::kAccept : Response::kReject;
}

}  // namespace treatysim::agents
