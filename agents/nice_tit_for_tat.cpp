#include "agents/nice_tit_for_tat.hpp"

#include <algorithm>

#include "agents/om_bidding.hpp"
#include "engine/model/tolerance.hpp"
#include "engine/model/utility_index.hpp"

namespace treatysim::agents {

void NiceTitForTatBidding::reset(const NegotiationContext& context) {
  context_ = context;
  own_.reset(context, "nice_tit_for_tat bidding");
  u_max_ = own_.best_utility();
}

double NiceTitForTatBidding::estimated_nash_utility(const OpponentModel* model) const {
  if (model == nullptr) return u_max_;
  const double d = context_.own.reservation_value();
  if (own_.index() == nullptr) {
    // Large spaces: the product at eleven levels of own utility from d to the best, each level's
    // outcome the one the model rates best in the band above it (a documented approximation).
    const UtilityFunction& own = *context_.own.utility;
    const double low = std::min(d, u_max_);
    double best_product = -1.0;
    double best_utility = u_max_;
    for (int k = 0; k <= 10; ++k) {
      const double level = low + (u_max_ - low) * k / 10.0;
      const Outcome x =
          best_for_opponent_local(own_, own, context_.space(), level, band_, *model, 1);
      const double u = own(x);
      const double product = (u - d) * model->utility(x);
      if (utility_greater(product, best_product)) {
        best_product = product;
        best_utility = u;
      }
    }
    return best_utility;
  }
  const UtilityIndex* index_ = own_.index();
  const std::size_t rational = index_->count_at_least(d);
  double best_product = -1.0;
  double best_utility = u_max_;
  std::uint64_t best_index = 0;
  for (std::size_t k = 0; k < rational; ++k) {
    const UtilityIndex::Entry& entry = index_->entry(k);
    const double product =
        (entry.utility - d) * model->utility(context_.space().outcome_at(entry.index));
    if (utility_greater(product, best_product) ||
        (utility_equal(product, best_product) && entry.index < best_index)) {
      best_product = std::max(product, best_product);
      best_utility = entry.utility;
      best_index = entry.index;
    }
  }
  return best_utility;
}

double NiceTitForTatBidding::target(const NegotiationState& state,
                                    const OpponentModel* model) const {
  const UtilityFunction& own = *context_.own.utility;
  const int first_opponent = context_.scenario->protocol().first_mover == context_.self ? 1 : 0;
  const int latest = std::min(state.offer_index, static_cast<int>(state.offers.size())) - 1;
  // The opponent's latest offer before this one has the parity of first_opponent.
  const int last_opponent = (latest - first_opponent) % 2 == 0 ? latest : latest - 1;
  if (last_opponent < first_opponent) return u_max_;
  const double y_first = own(state.offers[static_cast<std::size_t>(first_opponent)].outcome);
  const double y_last = own(state.offers[static_cast<std::size_t>(last_opponent)].outcome);
  const double nash = estimated_nash_utility(model);
  const double ratio =
      nash > y_first ? std::clamp((y_last - y_first) / (nash - y_first), 0.0, 1.0) : 1.0;
  return u_max_ - ratio * (u_max_ - nash);
}

Outcome NiceTitForTatBidding::bid(const NegotiationState& state, const OpponentModel* model) const {
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
