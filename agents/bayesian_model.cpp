#include "agents/bayesian_model.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace treatysim::agents {

namespace {

constexpr std::size_t kMaxRankingIssues = 7;
constexpr int kWeightLevels = 11;

// Divides by the sum; leaves the prior alone when every likelihood underflowed to 0.
bool normalise(std::vector<double>& p) {
  const double total = std::accumulate(p.begin(), p.end(), 0.0);
  if (!(total > 0.0) || !std::isfinite(total)) return false;
  for (double& x : p) x /= total;
  return true;
}

}  // namespace

void BayesianModel::reset(const NegotiationContext& context) {
  const OutcomeSpace& space = context.space();
  const std::size_t n = space.issue_count();
  rankings_.clear();
  ranking_probability_.clear();
  weight_probability_.clear();
  if (n <= kMaxRankingIssues) {
    // rank[i] of issue i in each permutation: weights 2·rank/(n(n+1)).
    std::vector<std::size_t> rank(n);
    std::iota(rank.begin(), rank.end(), std::size_t{1});
    const double scale = 2.0 / static_cast<double>(n * (n + 1));
    do {
      std::vector<double> w(n);
      for (std::size_t i = 0; i < n; ++i) w[i] = scale * static_cast<double>(rank[i]);
      rankings_.push_back(std::move(w));
    } while (std::next_permutation(rank.begin(), rank.end()));
    ranking_probability_.assign(rankings_.size(), 1.0 / static_cast<double>(rankings_.size()));
  } else {
    weight_probability_.assign(n, std::vector<double>(kWeightLevels, 1.0 / kWeightLevels));
  }
  shapes_.assign(n, {});
  shape_probability_.assign(n, {});
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t m = space.issue(i).options.size();
    const double top = static_cast<double>(m - 1);
    std::vector<double> uphill(m);
    std::vector<double> downhill(m);
    for (std::size_t j = 0; j < m; ++j) {
      uphill[j] = static_cast<double>(j) / top;
      downhill[j] = static_cast<double>(m - 1 - j) / top;
    }
    shapes_[i].push_back(std::move(uphill));
    shapes_[i].push_back(std::move(downhill));
    for (std::size_t k = 1; k + 1 < m; ++k) {
      std::vector<double> triangle(m);
      for (std::size_t j = 0; j < m; ++j) {
        triangle[j] = j <= k ? static_cast<double>(j) / static_cast<double>(k)
                             : static_cast<double>(m - 1 - j) / static_cast<double>(m - 1 - k);
      }
      shapes_[i].push_back(std::move(triangle));
    }
    shape_probability_[i].assign(shapes_[i].size(), 1.0 / static_cast<double>(shapes_[i].size()));
  }
  seen_.clear();
  refresh_expectations();
}

void BayesianModel::refresh_expectations() {
  const std::size_t n = shapes_.size();
  weights_.assign(n, 0.0);
  if (!rankings_.empty()) {
    for (std::size_t h = 0; h < rankings_.size(); ++h) {
      for (std::size_t i = 0; i < n; ++i) weights_[i] += ranking_probability_[h] * rankings_[h][i];
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      for (int k = 0; k < kWeightLevels; ++k) {
        weights_[i] += weight_probability_[i][static_cast<std::size_t>(k)] *
                       static_cast<double>(k) / (kWeightLevels - 1);
      }
    }
  }
  const double total = std::accumulate(weights_.begin(), weights_.end(), 0.0);
  for (double& w : weights_) w = total > 0.0 ? w / total : 1.0 / static_cast<double>(n);
  values_.assign(n, {});
  for (std::size_t i = 0; i < n; ++i) {
    values_[i].assign(shapes_[i].front().size(), 0.0);
    for (std::size_t h = 0; h < shapes_[i].size(); ++h) {
      for (std::size_t j = 0; j < values_[i].size(); ++j) {
        values_[i][j] += shape_probability_[i][h] * shapes_[i][h][j];
      }
    }
  }
}

double BayesianModel::likelihood(double utility, double predicted) const {
  const double z = (utility - predicted) / sigma_;
  return std::exp(-0.5 * z * z);  // the constant 1/(σ√2π) cancels in the normalisation
}

void BayesianModel::update(const NegotiationState& state, const Outcome& offer) {
  if (std::find(seen_.begin(), seen_.end(), offer) != seen_.end()) return;
  seen_.push_back(offer);
  const std::size_t n = shapes_.size();
  const double predicted = std::max(0.0, 1.0 - concession_ * state.time());
  // Expected contribution of each issue under the current (prior) expectations.
  std::vector<double> value_of(n);
  for (std::size_t i = 0; i < n; ++i) value_of[i] = values_[i][static_cast<std::size_t>(offer[i])];

  if (!rankings_.empty()) {
    std::vector<double> posterior = ranking_probability_;
    for (std::size_t h = 0; h < rankings_.size(); ++h) {
      double u = 0.0;
      for (std::size_t i = 0; i < n; ++i) u += rankings_[h][i] * value_of[i];
      posterior[h] *= likelihood(u, predicted);
    }
    if (normalise(posterior)) ranking_probability_ = std::move(posterior);
  } else {
    std::vector<std::vector<double>> next = weight_probability_;
    for (std::size_t i = 0; i < n; ++i) {
      double rest = 0.0;
      for (std::size_t j = 0; j < n; ++j) {
        if (j != i) rest += weights_[j] * value_of[j];
      }
      for (int k = 0; k < kWeightLevels; ++k) {
        const double w = static_cast<double>(k) / (kWeightLevels - 1);
        next[i][static_cast<std::size_t>(k)] *= likelihood(rest + w * value_of[i], predicted);
      }
      if (!normalise(next[i])) next[i] = weight_probability_[i];
    }
    weight_probability_ = std::move(next);
  }

  std::vector<std::vector<double>> shapes_next = shape_probability_;
  for (std::size_t i = 0; i < n; ++i) {
    double rest = 0.0;
    for (std::size_t j = 0; j < n; ++j) {
      if (j != i) rest += weights_[j] * value_of[j];
    }
    for (std::size_t h = 0; h < shapes_[i].size(); ++h) {
      const double u = rest + weights_[i] * shapes_[i][h][static_cast<std::size_t>(offer[i])];
      shapes_next[i][h] *= likelihood(u, predicted);
    }
    if (!normalise(shapes_next[i])) shapes_next[i] = shape_probability_[i];
  }
  shape_probability_ = std::move(shapes_next);
  refresh_expectations();
}

double BayesianModel::utility(const Outcome& outcome) const {
  double u = 0.0;
  for (std::size_t i = 0; i < weights_.size(); ++i) {
    u += weights_[i] * values_[i][static_cast<std::size_t>(outcome[i])];
  }
  return u;
}

}  // namespace treatysim::agents
