#include "agents/om_bidding.hpp"

#include "engine/model/tolerance.hpp"
#include "engine/model/utility_index.hpp"

namespace treatysim::agents {

Outcome best_for_opponent(const OutcomeSpace& space, const UtilityIndex& index, double target,
                          double window, const OpponentModel& model) {
  const std::size_t end = index.count_at_least(target);
  const std::size_t begin =
      std::min(end, index.count_at_least(target + window + 2 * kUtilityTolerance));
  if (begin == end) return space.outcome_at(index.at_least(target).index);
  std::uint64_t best_index = index.entry(begin).index;
  double best_value = model.utility(space.outcome_at(best_index));
  for (std::size_t k = begin + 1; k < end; ++k) {
    const std::uint64_t candidate = index.entry(k).index;
    const double value = model.utility(space.outcome_at(candidate));
    if (utility_greater(value, best_value) ||
        (utility_equal(value, best_value) && candidate < best_index)) {
      best_index = candidate;
      best_value = value;
    }
  }
  return space.outcome_at(best_index);
}

void OpponentModelBidding::reset(const NegotiationContext& context) {
  inner_->reset(context);
  space_ = &context.space();
  utility_ = context.own.utility;
  own_.reset(context, "om_bidding");
}

Outcome OpponentModelBidding::bid(const NegotiationState& state, const OpponentModel* model) const {
  if (model == nullptr) return inner_->bid(state, nullptr);
  if (own_.index() == nullptr) {
    return best_for_opponent_local(own_, *utility_, *space_, inner_->target(state, model), window_,
                                   *model);
  }
  return best_for_opponent(*space_, *own_.index(), inner_->target(state, model), window_, *model);
}

}  // namespace treatysim::agents
