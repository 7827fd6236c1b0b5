#include "agents/time_dependent_bidding.hpp"

namespace treatysim::agents {

std::optional<double> TimeDependentBidding::scheduled_target(int offer_index) const {
  return schedule_.target_if_scheduled(offer_index);
}

double TimeDependentBidding::target(const NegotiationState& state,
                                    const OpponentModel* model) const {
  static_cast<void>(model);
  return schedule_.target(state.offer_index);
}

Outcome TimeDependentBidding::bid(const NegotiationState& state, const OpponentModel* model) const {
  static_cast<void>(model);
  return schedule_.bid(state.offer_index);
}

}  // namespace treatysim::agents
