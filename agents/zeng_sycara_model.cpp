#include "agents/zeng_sycara_model.hpp"

#include <cmath>
#include <numeric>

namespace treatysim::agents {

ZengSycaraModel::ZengSycaraModel(std::unique_ptr<OpponentModel> inner, int candidates, double sigma)
    : inner_(std::move(inner)), sigma_(sigma), exponents_{0.2, 0.5, 1.0, 2.0, 5.0} {
  for (int k = 0; k < candidates; ++k) {
    reservations_.push_back(static_cast<double>(k) / static_cast<double>(candidates - 1));
  }
}

void ZengSycaraModel::reset(const NegotiationContext& context) {
  inner_->reset(context);
  first_offer_.reset();
  probability_.assign(reservations_.size() * exponents_.size(),
                      1.0 / static_cast<double>(reservations_.size() * exponents_.size()));
  estimate_ = std::accumulate(reservations_.begin(), reservations_.end(), 0.0) /
              static_cast<double>(reservations_.size());
}

void ZengSycaraModel::update(const NegotiationState& state, const Outcome& offer) {
  inner_->update(state, offer);
  if (!first_offer_) first_offer_ = offer;
  // The opponent's first offer is its best (the time-dependent tactics open at u_max = 1): its
  // estimated utility calibrates the scale of the inner model's estimates.
  const double best = inner_->utility(*first_offer_);
  const double v = best > 0.0 ? std::min(1.0, inner_->utility(offer) / best) : 1.0;
  const double t = state.time();
  std::vector<double> posterior = probability_;
  for (std::size_t r = 0; r < reservations_.size(); ++r) {
    for (std::size_t e = 0; e < exponents_.size(); ++e) {
      const double target = 1.0 - (1.0 - reservations_[r]) * std::pow(t, 1.0 / exponents_[e]);
      const double z = (v - target) / sigma_;
      posterior[r * exponents_.size() + e] *= std::exp(-0.5 * z * z);
    }
  }
  const double total = std::accumulate(posterior.begin(), posterior.end(), 0.0);
  if (!(total > 0.0) || !std::isfinite(total)) return;  // every hypothesis refuted: keep the prior
  for (double& p : posterior) p /= total;
  probability_ = std::move(posterior);
  estimate_ = 0.0;
  const std::vector<double> marginal = reservation_posterior();
  for (std::size_t r = 0; r < reservations_.size(); ++r)
    estimate_ += marginal[r] * reservations_[r];
}

std::vector<double> ZengSycaraModel::reservation_posterior() const {
  std::vector<double> marginal(reservations_.size(), 0.0);
  for (std::size_t r = 0; r < reservations_.size(); ++r) {
    for (std::size_t e = 0; e < exponents_.size(); ++e) {
      marginal[r] += probability_[r * exponents_.size() + e];
    }
  }
  return marginal;
}

}  // namespace treatysim::agents
