#include "agents/tit_for_tat.hpp"

#include <algorithm>
#include <cmath>

#include "agents/om_bidding.hpp"

namespace treatysim::agents {

void TitForTatBidding::reset(const NegotiationContext& context) {
  context_ = context;
  own_.reset(context, "tit_for_tat bidding");
  u_max_ = own_.best_utility();
  u_min_ = std::min(u_max_, std::max(context.own.reservation_value(), own_.worst_utility()));
  targets_.clear();
}

double TitForTatBidding::target(const NegotiationState& state, const OpponentModel* model) const {
  static_cast<void>(model);
  // The agent's k-th offer is at offer index first + 2k.
  const int first = context_.scenario->protocol().first_mover == context_.self ? 0 : 1;
  const auto k = static_cast<std::size_t>((state.offer_index - first) / 2);
  const UtilityFunction& own = *context_.own.utility;
  while (targets_.size() <= k) {
    const std::size_t j = targets_.size();
    if (j == 0) {
      targets_.push_back(u_max_);
      continue;
    }
    // The opponent's offers made before the agent's j-th offer, in own utility.
    const int before = first + 2 * static_cast<int>(j);
    std::vector<double> y;
    for (int r = 1 - first; r < before && r < static_cast<int>(state.offers.size()); r += 2) {
      y.push_back(own(state.offers[static_cast<std::size_t>(r)].outcome));
    }
    double next = targets_.back();
    const auto window = static_cast<std::size_t>(window_);
    if (y.size() > window) {
      const double latest = y.back();
      const double earlier = y[y.size() - 1 - window];
      if (mode_ == ImitationMode::kAbsolute) {
        next -= (latest - earlier) / static_cast<double>(window_);
      } else if (1.0 - earlier > 0.0) {
        next *= std::pow(std::max(0.0, 1.0 - latest) / (1.0 - earlier),
                         1.0 / static_cast<double>(window_));
      }
    }
    targets_.push_back(std::clamp(next, u_min_, u_max_));
  }
  return targets_[k];
}

Outcome TitForTatBidding::bid(const NegotiationState& state, const OpponentModel* model) const {
  const double t = target(state, model);
  if (model != nullptr) {
    if (own_.index() == nullptr) {
      return best_for_opponent_local(own_, *context_.own.utility, context_.space(), t, band_,
                                     *model);
    }
    return best_for_opponent(context_.space(), *own_.index(), t, band_, *model);
  }
  return own_.at_least(t).outcome;
}

}  // namespace treatysim::agents
