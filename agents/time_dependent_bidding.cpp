#include "agents/time_dependent_bidding.hpp"

#include <algorithm>

#include "engine/model/utility_index.hpp"

namespace treatysim::agents {

void TimeDependentBidding::reset(const NegotiationContext& context) {
  if (context.scenario->content_hash() == schedule_hash_ && context.self == schedule_party_ &&
      context.deadline == schedule_deadline_) {
    return;
  }
  const UtilityIndex& index = context.own_index("time_dependent bidding");
  const double u_max = index.best().utility;
  const double u_min =
      std::min(u_max, std::max(context.own.reservation_value(), index.worst().utility));
  const auto n = static_cast<std::size_t>(context.deadline);
  targets_.resize(n);
  bids_.resize(n);
  for (std::size_t r = 0; r < n; ++r) {
    const NegotiationState at{static_cast<int>(r), context.deadline, {}};
    targets_[r] = u_max - (u_max - u_min) * concession_fraction(family_, at.time(), e_, k_);
    bids_[r] = context.space().outcome_at(index.at_least(targets_[r]).index);
  }
  schedule_hash_ = context.scenario->content_hash();
  schedule_party_ = context.self;
  schedule_deadline_ = context.deadline;
}

std::optional<double> TimeDependentBidding::scheduled_target(int offer_index) const {
  if (offer_index < 0 || static_cast<std::size_t>(offer_index) >= targets_.size()) {
    return std::nullopt;
  }
  return targets_[static_cast<std::size_t>(offer_index)];
}

double TimeDependentBidding::target(const NegotiationState& state,
                                    const OpponentModel* model) const {
  static_cast<void>(model);
  return targets_[static_cast<std::size_t>(state.offer_index)];
}

Outcome TimeDependentBidding::bid(const NegotiationState& state, const OpponentModel* model) const {
  static_cast<void>(model);
  return bids_[static_cast<std::size_t>(state.offer_index)];
}

}  // namespace treatysim::agents
