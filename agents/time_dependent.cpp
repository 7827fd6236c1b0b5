#include "agents/time_dependent.hpp"

#include <algorithm>
#include <cmath>

#include "agents/own_levels.hpp"
#include "engine/model/tolerance.hpp"

namespace treatysim::agents {

double concession_fraction(ConcessionFamily family, double t, double e, double k) {
  t = std::clamp(t, 0.0, 1.0);
  if (family == ConcessionFamily::kExponential) return std::exp(std::pow(1.0 - t, e) * std::log(k));
  if (e == 0.0) return k;
  return k + (1.0 - k) * std::pow(t, 1.0 / e);
}

void ConcessionSchedule::update(const NegotiationContext& context) {
  if (context.scenario->content_hash() == hash_ && context.self == party_ &&
      context.deadline == deadline_ && context.own.reservation_value() == reservation_) {
    return;  // same schedule as the last negotiation: no allocation, no pow()
  }
  OwnLevels own;
  own.reset(context, "time_dependent bidding");
  const double u_max = own.best_utility();
  const double u_min =
      std::min(u_max, std::max(context.own.reservation_value(), own.worst_utility()));
  const auto n = static_cast<std::size_t>(context.deadline);
  targets_.resize(n);
  bids_.resize(n);
  bid_utilities_.resize(n);
  for (std::size_t r = 0; r < n; ++r) {
    const NegotiationState state{static_cast<int>(r), context.deadline, {}};
    targets_[r] = u_max - (u_max - u_min) * concession_fraction(family_, state.time(), e_, k_);
    // Consecutive offer indices often share a target (Boulware): one look-up each.
    if (r > 0 && targets_[r] == targets_[r - 1]) {
      bids_[r] = bids_[r - 1];
      bid_utilities_[r] = bid_utilities_[r - 1];
      continue;
    }
    const OwnLevels::Bid bid = own.at_least(targets_[r]);
    bids_[r] = bid.outcome;
    bid_utilities_[r] = bid.utility;
  }
  hash_ = context.scenario->content_hash();
  party_ = context.self;
  deadline_ = context.deadline;
  reservation_ = context.own.reservation_value();
}

std::optional<double> ConcessionSchedule::target_if_scheduled(int offer_index) const {
  if (offer_index < 0 || static_cast<std::size_t>(offer_index) >= targets_.size()) {
    return std::nullopt;
  }
  return targets_[static_cast<std::size_t>(offer_index)];
}

TimeDependentAgent::TimeDependentAgent(ConcessionFamily family, double e, double k)
    : schedule_(family, e, k) {}

void TimeDependentAgent::reset(const NegotiationContext& context) {
  context_ = context;
  schedule_.update(context);
}

std::optional<double> TimeDependentAgent::target_utility(int offer_index) const {
  return schedule_.target_if_scheduled(offer_index);
}

Outcome TimeDependentAgent::propose(const NegotiationState& state) {
  return schedule_.bid(state.offer_index);
}

Response TimeDependentAgent::respond(const NegotiationState& state, const Outcome& offer) {
  const double u = (*context_.own.utility)(offer);
  if (!utility_at_least(u, context_.own.reservation_value())) return Response::kReject;
  if (state.last_offer()) return Response::kAccept;
  const double next_bid = schedule_.bid_utility(state.offer_index + 1);
  return utility_at_least(u, next_bid) ? Response::kAccept : Response::kReject;
}

}  // namespace treatysim::agents
