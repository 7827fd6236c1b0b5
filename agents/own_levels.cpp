#include "agents/own_levels.hpp"

#include "engine/model/tolerance.hpp"

namespace treatysim::agents {

void OwnLevels::reset(const NegotiationContext& context, const std::string& needed_by) {
  space_ = &context.space();
  if (context.space().enumerable()) {
    index_ = &context.own_index(needed_by);
    levels_ = nullptr;
  } else {
    index_ = nullptr;
    levels_ = &context.own_levels();
  }
}

double OwnLevels::best_utility() const noexcept {
  return index_ != nullptr ? index_->best().utility : levels_->best().utility;
}

double OwnLevels::worst_utility() const noexcept {
  return index_ != nullptr ? index_->worst().utility : levels_->worst().utility;
}

OwnLevels::Bid OwnLevels::at_least(double target) const {
  if (index_ != nullptr) {
    const UtilityIndex::Entry& entry = index_->at_least(target);
    return Bid{space_->outcome_at(entry.index), entry.utility};
  }
  const UtilityLevels::Bid bid = levels_->at_least(target);
  return Bid{bid.outcome, bid.utility};
}

Outcome best_for_opponent_local(const OwnLevels& own, const UtilityFunction& utility,
                                const OutcomeSpace& space, double target, double window,
                                const OpponentModel& model, int passes) {
  Outcome current = own.at_least(target).outcome;
  const double high = target + window + kUtilityTolerance;
  if (utility(current) > high) return current;
  double value = model.utility(current);
  for (int pass = 0; pass < passes; ++pass) {
    bool changed = false;
    for (std::size_t i = 0; i < space.issue_count(); ++i) {
      const int kept = current[i];
      int best_option = kept;
      double best_value = value;
      for (std::size_t o = 0; o < space.issue(i).size(); ++o) {
        const auto option = static_cast<int>(o);
        if (option == kept) continue;
        current.set(i, option);
        const double u = utility(current);
        if (!utility_at_least(u, target) || u > high) continue;
        const double v = model.utility(current);
        if (utility_greater(v, best_value)) {
          best_value = v;
          best_option = option;
        }
      }
      current.set(i, best_option);
      if (best_option != kept) {
        value = best_value;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return current;
}

}  // namespace treatysim::agents
