#include "agents/nice_tit_for_tat.hpp"

#include <algorithm>

#include "agents/om_bidding.hpp"
#include "engine/model/tolerance.hpp"
#include "engine/model/utility_index.hpp"

namespace treatysim::agents {

void NiceTitForTatBidding::reset(const NegotiationContext& context) {
  context_ = context;
  index_ = &context.own_index("nice_tit_for_tat bidding");
  u_max_ = index_->best().utility;
}

double NiceTitForTatBidding::estimated_nash_utility(const OpponentModel* model) const {
  if (model == nullptr) return u_max_;
  const double d = context_.own.reservation_value();
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
  if (model != nullptr) return best_for_opponent(context_.space(), *index_, t, band_, *model);
  return context_.space().outcome_at(index_->at_least(t).index);
}

}  // namespace treatysim::agents
