#include "agents/frequency_model.hpp"

#include <algorithm>

namespace treatysim::agents {

void FrequencyModel::reset(const NegotiationContext& context) {
  const OutcomeSpace& space = context.space();
  const std::size_t n = space.issue_count();
  weights_.assign(n, 1.0 / static_cast<double>(n));
  counts_.assign(n, {});
  max_counts_.assign(n, 1.0);
  for (std::size_t i = 0; i < n; ++i) counts_[i].assign(space.issue(i).size(), 1.0);
  has_previous_ = false;
}

void FrequencyModel::update(const NegotiationState& state, const Outcome& offer) {
  static_cast<void>(state);
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    double& count = counts_[i][static_cast<std::size_t>(offer[i])];
    count += 1.0;
    max_counts_[i] = std::max(max_counts_[i], count);
  }
  if (has_previous_) {
    double total = 0.0;
    for (std::size_t i = 0; i < weights_.size(); ++i) {
      if (offer[i] == previous_[i]) weights_[i] += learning_rate_;
      total += weights_[i];
    }
    for (double& w : weights_) w /= total;
  }
  previous_ = offer;
  has_previous_ = true;
}

double FrequencyModel::value(std::size_t issue, int option) const {
  return counts_[issue][static_cast<std::size_t>(option)] / max_counts_[issue];
}

double FrequencyModel::utility(const Outcome& outcome) const {
  double u = 0.0;
  for (std::size_t i = 0; i < weights_.size(); ++i) u += weights_[i] * value(i, outcome[i]);
  return u;
}

}  // namespace treatysim::agents
