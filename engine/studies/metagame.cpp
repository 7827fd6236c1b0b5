#include "engine/studies/metagame.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <utility>

#include "engine/model/check.hpp"

namespace treatysim {

namespace {

// Solves the (k+1)-square indifference system of support `support` on the scaled matrix `a`:
// unknowns x_0..x_{k−1} (the support's probabilities) and v. Returns nullopt when the system is
// singular; sets `consistent_singular` when it is singular but has solutions.
std::optional<std::vector<double>> solve_indifference(const std::vector<std::vector<double>>& a,
                                                      const std::vector<std::size_t>& support,
                                                      bool& consistent_singular) {
  const std::size_t k = support.size();
  const std::size_t size = k + 1;
  // Augmented matrix [M | b], row-major.
  std::vector<std::vector<double>> m(size, std::vector<double>(size + 1, 0.0));
  for (std::size_t r = 0; r < k; ++r) {
    for (std::size_t c = 0; c < k; ++c) m[r][c] = a[support[r]][support[c]];
    m[r][k] = -1.0;  // − v
    m[r][size] = 0.0;
  }
  for (std::size_t c = 0; c < k; ++c) m[k][c] = 1.0;
  m[k][size] = 1.0;

  // Gaussian elimination with partial pivoting; rank-deficient columns are skipped so that the
  // consistency of a singular system can still be read off the remaining rows.
  std::size_t row = 0;
  bool singular = false;
  for (std::size_t col = 0; col < size; ++col) {
    std::size_t pivot = row;
    for (std::size_t r = row; r < size; ++r) {
      if (std::abs(m[r][col]) > std::abs(m[pivot][col])) pivot = r;
    }
    if (row >= size || std::abs(m[pivot][col]) < kMetaGamePivotTolerance) {
      singular = true;
      continue;
    }
    std::swap(m[row], m[pivot]);
    for (std::size_t r = 0; r < size; ++r) {
      if (r == row) continue;
      const double factor = m[r][col] / m[row][col];
      if (factor == 0.0) continue;
      for (std::size_t c = col; c <= size; ++c) m[r][c] -= factor * m[row][c];
    }
    ++row;
  }
  if (singular) {
    // Rows left without a pivot read 0 = b: consistent when every such b is (numerically) 0.
    bool consistent = true;
    for (std::size_t r = row; r < size; ++r) {
      if (std::abs(m[r][size]) > kMetaGamePivotTolerance) consistent = false;
    }
    if (consistent) consistent_singular = true;
    return std::nullopt;
  }
  // Full rank: after Gauss–Jordan the pivots sit on the diagonal, in column order.
  std::vector<double> solution(size);
  for (std::size_t i = 0; i < size; ++i) solution[i] = m[i][size] / m[i][i];
  return solution;
}

// Every non-empty support, by size, then lexicographically by its sorted strategy indices.
std::vector<std::vector<std::size_t>> supports_in_order(std::size_t n) {
  std::vector<std::vector<std::size_t>> supports;
  const std::uint32_t count = std::uint32_t{1} << n;
  supports.reserve(count - 1);
  for (std::uint32_t mask = 1; mask < count; ++mask) {
    std::vector<std::size_t> support;
    for (std::size_t i = 0; i < n; ++i) {
      if ((mask >> i) & 1U) support.push_back(i);
    }
    supports.push_back(std::move(support));
  }
  std::stable_sort(supports.begin(), supports.end(), [](const auto& x, const auto& y) {
    return x.size() != y.size() ? x.size() < y.size() : x < y;
  });
  return supports;
}

// Haigh's (1975) test for a regular equilibrium with support `support` on the scaled matrix
// `a`: is yᵀAy < 0 on the plane {Σ y = 0, y = 0 off the support}? The plane has the basis
// e_{s_m} − e_{s_0}; the symmetric part of A in that basis must be negative definite.
bool negative_definite_on_support(const std::vector<std::vector<double>>& a,
                                  const std::vector<std::size_t>& support) {
  const std::size_t k = support.size() - 1;
  const std::size_t s0 = support[0];
  // −B, which must be positive definite.
  std::vector<std::vector<double>> b(k, std::vector<double>(k));
  for (std::size_t m = 0; m < k; ++m) {
    for (std::size_t l = 0; l < k; ++l) {
      const std::size_t sm = support[m + 1];
      const std::size_t sl = support[l + 1];
      const double forward = a[sm][sl] - a[sm][s0] - a[s0][sl] + a[s0][s0];
      const double backward = a[sl][sm] - a[sl][s0] - a[s0][sm] + a[s0][s0];
      b[m][l] = -(forward + backward) / 2;
    }
  }
  // Cholesky: every pivot must be positive.
  for (std::size_t j = 0; j < k; ++j) {
    double pivot = b[j][j];
    for (std::size_t p = 0; p < j; ++p) pivot -= b[j][p] * b[j][p];
    if (pivot <= kMetaGamePayoffTolerance) return false;
    b[j][j] = std::sqrt(pivot);
    for (std::size_t i = j + 1; i < k; ++i) {
      double value = b[i][j];
      for (std::size_t p = 0; p < j; ++p) value -= b[i][p] * b[j][p];
      b[i][j] = value / b[j][j];
    }
  }
  return true;
}

double zero_if_below(double value, double tolerance) {
  return std::abs(value) < tolerance ? 0.0 : value;
}

}  // namespace

std::vector<double> payoffs_against(const PayoffMatrix& matrix, std::span<const double> mix) {
  const std::size_t n = matrix.size();
  TREATYSIM_CHECK(mix.size() == n, "payoffs_against: the mix needs one share per strategy");
  std::vector<double> payoffs(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) payoffs[i] += matrix(i, j) * mix[j];
  }
  return payoffs;
}

double mix_regret(const PayoffMatrix& matrix, std::span<const double> mix) {
  const std::vector<double> payoffs = payoffs_against(matrix, mix);
  double average = 0.0;
  for (std::size_t i = 0; i < payoffs.size(); ++i) average += mix[i] * payoffs[i];
  return *std::max_element(payoffs.begin(), payoffs.end()) - average;
}

MetaGame analyze_metagame(const PayoffMatrix& matrix) {
  const std::size_t n = matrix.size();
  TREATYSIM_CHECK(n >= 1 && n <= kMaxMetaGameStrategies,
                  "analyze_metagame: validate the payoff matrix first (2 to 16 strategies)");
  double scale = 0.0;
  for (const auto& row : matrix.payoff) {
    for (const double value : row) scale = std::max(scale, std::abs(value));
  }
  if (scale == 0.0) scale = 1.0;
  std::vector<std::vector<double>> a = matrix.payoff;
  for (auto& row : a) {
    for (double& value : row) value /= scale;
  }
  const double regret_tolerance = kMetaGamePayoffTolerance * scale;

  MetaGame result;
  for (std::size_t i = 0; i < n; ++i) {
    double best = matrix(i, i);
    for (std::size_t k = 0; k < n; ++k) best = std::max(best, matrix(k, i));
    result.pure_profile_regret.push_back(zero_if_below(best - matrix(i, i), regret_tolerance));
  }

  for (const std::vector<std::size_t>& support : supports_in_order(n)) {
    const auto solution = solve_indifference(a, support, result.degenerate);
    if (!solution) continue;
    const std::size_t k = support.size();
    std::vector<double> mix(n, 0.0);
    bool positive = true;
    for (std::size_t s = 0; s < k; ++s) {
      if ((*solution)[s] <= kMetaGameProbabilityTolerance) positive = false;
      mix[support[s]] = (*solution)[s];
    }
    if (!positive) continue;
    const double v = (*solution)[k];
    bool best_response = true;
    for (std::size_t i = 0; i < n && best_response; ++i) {
      if (std::binary_search(support.begin(), support.end(), i)) continue;
      double payoff = 0.0;
      for (std::size_t j = 0; j < n; ++j) payoff += a[i][j] * mix[j];
      if (payoff > v + kMetaGamePayoffTolerance) best_response = false;
    }
    if (!best_response) continue;

    double total = 0.0;
    for (const double share : mix) total += share;
    for (double& share : mix) share /= total;
    SymmetricEquilibrium equilibrium;
    equilibrium.support = support;
    equilibrium.strategy_payoff = payoffs_against(matrix, mix);
    const double best =
        *std::max_element(equilibrium.strategy_payoff.begin(), equilibrium.strategy_payoff.end());
    for (std::size_t i = 0; i < n; ++i) {
      equilibrium.payoff += mix[i] * equilibrium.strategy_payoff[i];
      equilibrium.strategy_regret.push_back(
          zero_if_below(best - equilibrium.strategy_payoff[i], regret_tolerance));
    }
    equilibrium.regret = zero_if_below(best - equilibrium.payoff, regret_tolerance);
    bool alternative_best_reply = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (!std::binary_search(support.begin(), support.end(), i) &&
          equilibrium.strategy_regret[i] == 0.0) {
        alternative_best_reply = true;
      }
    }
    if (!alternative_best_reply) {
      equilibrium.evolutionarily_stable = negative_definite_on_support(a, support);
    }
    equilibrium.mix = std::move(mix);
    result.equilibria.push_back(std::move(equilibrium));
  }
  return result;
}

}  // namespace treatysim
