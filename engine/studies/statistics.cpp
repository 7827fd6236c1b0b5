// statistics.cpp — Welford summaries, Student-t intervals, paired t-test, Holm adjustment.
#include "engine/studies/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include <boost/math/distributions/students_t.hpp>

namespace treatysim {

void RunningStats::add(double x) {
  ++n_;
  const double delta = x - mean_;
  mean_ += delta / static_cast<double>(n_);
  m2_ += delta * (x - mean_);
}

void RunningStats::merge(const RunningStats& other) {
  if (other.n_ == 0) return;
  if (n_ == 0) {
    *this = other;
    return;
  }
  const double n_a = static_cast<double>(n_);
  const double n_b = static_cast<double>(other.n_);
  const double total = n_a + n_b;
  const double delta = other.mean_ - mean_;
  mean_ += delta * n_b / total;
  m2_ += other.m2_ + delta * delta * n_a * n_b / total;
  n_ += other.n_;
}

double RunningStats::variance() const noexcept {
  return n_ < 2 ? 0.0 : std::max(0.0, m2_ / static_cast<double>(n_ - 1));
}

SampleSummary RunningStats::summary(double confidence) const {
  if (!(confidence > 0.0 && confidence < 1.0)) {
    throw std::invalid_argument("confidence must lie in (0, 1)");
  }
  SampleSummary s;
  s.n = n_;
  s.mean = mean_;
  s.sd = std::sqrt(variance());
  s.ci_low = s.ci_high = mean_;
  if (n_ >= 2) {
    const double t = student_t_quantile(0.5 + confidence / 2.0, static_cast<double>(n_ - 1));
    const double half = t * s.sd / std::sqrt(static_cast<double>(n_));
    s.ci_low = mean_ - half;
    s.ci_high = mean_ + half;
  }
  return s;
}

SampleSummary summarize(std::span<const double> xs, double confidence) {
  RunningStats stats;
  for (const double x : xs) stats.add(x);
  return stats.summary(confidence);
}

double student_t_quantile(double p, double degrees_of_freedom) {
  if (!(p > 0.0 && p < 1.0) || !(degrees_of_freedom > 0.0)) {
    throw std::invalid_argument("student_t_quantile: p must lie in (0, 1) and df > 0");
  }
  const boost::math::students_t_distribution<double> distribution(degrees_of_freedom);
  return boost::math::quantile(distribution, p);
}

PairedTest paired_t_test(std::span<const double> a, std::span<const double> b) {
  if (a.size() != b.size()) {
    throw std::invalid_argument("paired_t_test: samples of different sizes");
  }
  RunningStats differences;
  for (std::size_t i = 0; i < a.size(); ++i) differences.add(a[i] - b[i]);
  PairedTest test;
  test.n = a.size();
  test.mean_difference = differences.mean();
  if (test.n < 2) return test;
  test.degrees_of_freedom = static_cast<double>(test.n - 1);
  const double standard_error = std::sqrt(differences.variance() / static_cast<double>(test.n));
  if (standard_error == 0.0) {
    test.t = test.mean_difference == 0.0
                 ? 0.0
                 : std::copysign(std::numeric_limits<double>::infinity(), test.mean_difference);
    test.p_value = test.mean_difference == 0.0 ? 1.0 : 0.0;
    return test;
  }
  test.t = test.mean_difference / standard_error;
  const boost::math::students_t_distribution<double> distribution(test.degrees_of_freedom);
  test.p_value = std::min(
      1.0, 2.0 * boost::math::cdf(boost::math::complement(distribution, std::fabs(test.t))));
  return test;
}

std::vector<double> holm_adjust(std::span<const double> p_values) {
  const std::size_t m = p_values.size();
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t i, std::size_t j) { return p_values[i] < p_values[j]; });
  std::vector<double> adjusted(m, 1.0);
  double running = 0.0;
  for (std::size_t rank = 0; rank < m; ++rank) {
    const double scaled = static_cast<double>(m - rank) * p_values[order[rank]];
    running = std::max(running, std::min(1.0, scaled));
    adjusted[order[rank]] = running;
  }
  return adjusted;
}

}  // namespace treatysim
