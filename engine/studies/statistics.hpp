// statistics.hpp — the honest statistics of tournaments, sweeps and tuning.
//
// Running (streamed) summaries by Welford's algorithm, mergeable across threads and shards
// (Chan, Golub & LeVeque 1979); Student-t confidence intervals for a mean; the two-sided paired
// t-test; and the Holm–Bonferroni step-down adjustment of a family of p-values (Holm 1979).
// Quantiles and tail probabilities of Student's t come from Boost.Math.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace treatysim {

// The mean of a sample with its standard deviation and a confidence interval for the mean.
struct SampleSummary {
  std::size_t n = 0;   // sample size
  double mean = 0;     // sample mean (0 when n = 0)
  double sd = 0;       // sample standard deviation, n−1 in the denominator (0 when n < 2)
  double ci_low = 0;   // mean − t·sd/√n (equal to the mean when n < 2)
  double ci_high = 0;  // mean + t·sd/√n (equal to the mean when n < 2)
};

// A streamed mean and variance (Welford); two halves merged give the statistics of the whole.
class RunningStats {
 public:
  // Adds one observation.
  void add(double x);
  // Adds every observation summarised by `other` (Chan et al.'s parallel combination).
  void merge(const RunningStats& other);
  // Number of observations.
  [[nodiscard]] std::size_t count() const noexcept { return n_; }
  // Sample mean (0 with no observation).
  [[nodiscard]] double mean() const noexcept { return mean_; }
  // Sample variance with n−1 in the denominator (0 with fewer than two observations).
  [[nodiscard]] double variance() const noexcept;
  // Mean, sd and the two-sided Student-t interval at `confidence` (in (0, 1)).
  [[nodiscard]] SampleSummary summary(double confidence = 0.95) const;

 private:
  std::size_t n_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;  // sum of squared deviations from the mean
};

// The summary of a whole sample: the same numbers as adding each value to a RunningStats.
[[nodiscard]] SampleSummary summarize(std::span<const double> xs, double confidence = 0.95);

// The p-quantile of Student's t with `degrees_of_freedom` (> 0) degrees of freedom, p in (0, 1):
// e.g. student_t_quantile(0.975, 9) = 2.262157.
[[nodiscard]] double student_t_quantile(double p, double degrees_of_freedom);

// The result of a two-sided paired t-test of mean(a − b) = 0.
struct PairedTest {
  std::size_t n = 0;              // number of pairs
  double mean_difference = 0;     // mean of a[i] − b[i]
  double t = 0;                   // mean_difference / (sd of the differences / √n)
  double degrees_of_freedom = 0;  // n − 1
  double p_value = 1;             // two-sided; 1 when n < 2 or every difference is equal and 0;
                                  // 0 when the differences are equal and not 0
};

// Paired t-test on matched observations a[i], b[i] (spans of equal length; throws
// std::invalid_argument otherwise).
[[nodiscard]] PairedTest paired_t_test(std::span<const double> a, std::span<const double> b);

// Holm–Bonferroni adjusted p-values, in the order given: sort ascending, p₍ᵢ₎ ↦ (m−i+1)·p₍ᵢ₎
// (i from 1), made non-decreasing along the sorted order and capped at 1. Reject hypothesis j at
// family-wise level α when adjusted[j] ≤ α.
[[nodiscard]] std::vector<double> holm_adjust(std::span<const double> p_values);

}  // namespace treatysim
