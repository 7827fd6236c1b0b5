#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "engine/studies/statistics.hpp"

using doctest::Approx;

TEST_CASE("statistics: Student t quantiles equal the printed tables") {
  // Values from standard t tables (six decimals).
  CHECK(treatysim::student_t_quantile(0.975, 9) == Approx(2.262157).epsilon(1e-6));
  CHECK(treatysim::student_t_quantile(0.975, 1) == Approx(12.706205).epsilon(1e-6));
  CHECK(treatysim::student_t_quantile(0.95, 20) == Approx(1.724718).epsilon(1e-6));
  CHECK(treatysim::student_t_quantile(0.995, 30) == Approx(2.749996).epsilon(1e-6));
  CHECK(treatysim::student_t_quantile(0.025, 9) == Approx(-2.262157).epsilon(1e-6));
  // Many degrees of freedom: the normal quantile 1.959964.
  CHECK(treatysim::student_t_quantile(0.975, 1e7) == Approx(1.959964).epsilon(1e-6));
}

TEST_CASE("statistics: the t interval of 1..10 computed by hand") {
  // mean 5.5, variance 82.5/9 = 9.1667, sd 3.027650, se 0.957427, t(0.975, 9) = 2.262157,
  // half width 2.165852.
  const std::array<double, 10> xs{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  const auto s = treatysim::summarize(xs);
  CHECK(s.n == 10);
  CHECK(s.mean == Approx(5.5));
  CHECK(s.sd == Approx(3.027650).epsilon(1e-6));
  CHECK(s.ci_low == Approx(3.334148).epsilon(1e-6));
  CHECK(s.ci_high == Approx(7.665852).epsilon(1e-6));
  // 90%: t(0.95, 9) = 1.833113, half width 1.755070.
  const auto s90 = treatysim::summarize(xs, 0.90);
  CHECK(s90.ci_low == Approx(3.744930).epsilon(1e-6));
  CHECK(s90.ci_high == Approx(7.255070).epsilon(1e-6));
}

TEST_CASE("statistics: small samples") {
  const std::array<double, 2> two{0.0, 2.0};
  const auto s = treatysim::summarize(two);  // sd √2, se 1, t(0.975, 1) = 12.706205
  CHECK(s.ci_low == Approx(1.0 - 12.706205).epsilon(1e-6));
  CHECK(s.ci_high == Approx(1.0 + 12.706205).epsilon(1e-6));
  const std::array<double, 1> one{0.4};
  const auto s1 = treatysim::summarize(one);
  CHECK(s1.n == 1);
  CHECK(s1.mean == 0.4);
  CHECK(s1.sd == 0.0);
  CHECK(s1.ci_low == 0.4);
  CHECK(s1.ci_high == 0.4);
  const auto empty = treatysim::summarize(std::span<const double>{});
  CHECK(empty.n == 0);
  CHECK(empty.mean == 0.0);
}

TEST_CASE("statistics: merged running statistics equal those of the whole sample") {
  std::vector<double> xs;
  for (int i = 0; i < 101; ++i) xs.push_back(std::sin(0.37 * i) * 3.0 + 0.01 * i);
  treatysim::RunningStats whole;
  for (double x : xs) whole.add(x);
  for (std::size_t cut : {std::size_t{0}, std::size_t{1}, std::size_t{50}, std::size_t{101}}) {
    treatysim::RunningStats left;
    treatysim::RunningStats right;
    for (std::size_t i = 0; i < xs.size(); ++i) (i < cut ? left : right).add(xs[i]);
    left.merge(right);
    CHECK(left.count() == whole.count());
    CHECK(left.mean() == Approx(whole.mean()).epsilon(1e-12));
    CHECK(left.variance() == Approx(whole.variance()).epsilon(1e-12));
  }
  // Two-pass reference values.
  double sum = 0;
  for (double x : xs) sum += x;
  const double mean = sum / 101.0;
  double squares = 0;
  for (double x : xs) squares += (x - mean) * (x - mean);
  CHECK(whole.mean() == Approx(mean).epsilon(1e-12));
  CHECK(whole.variance() == Approx(squares / 100.0).epsilon(1e-12));
}

TEST_CASE("statistics: paired t-test computed by hand") {
  // d = a − b = {1, 2, 1, 3}: mean 1.75, variance 2.75/3, se = √(0.916667/4) = 0.478714,
  // t = 3.655631 with 3 df. For 3 df, F(t) = 1/2 + (x/(1+x²) + atan x)/π with x = t/√3, which
  // gives the two-sided p = 2(1 − F(t)) = 0.035353.
  const std::array<double, 4> a{5, 7, 9, 6};
  const std::array<double, 4> b{4, 5, 8, 3};
  const auto test = treatysim::paired_t_test(a, b);
  CHECK(test.n == 4);
  CHECK(test.mean_difference == Approx(1.75));
  CHECK(test.t == Approx(3.655631).epsilon(1e-6));
  CHECK(test.degrees_of_freedom == 3.0);
  CHECK(test.p_value == Approx(0.035353).epsilon(1e-5));
  // Symmetric: swapping the samples flips t and keeps p.
  const auto swapped = treatysim::paired_t_test(b, a);
  CHECK(swapped.t == Approx(-test.t));
  CHECK(swapped.p_value == Approx(test.p_value));
  // Degenerate cases.
  const std::array<double, 3> same{1, 2, 3};
  CHECK(treatysim::paired_t_test(same, same).p_value == 1.0);
  const std::array<double, 3> shifted{2, 3, 4};
  CHECK(treatysim::paired_t_test(shifted, same).p_value == 0.0);
  const std::array<double, 2> short_sample{1, 2};
  CHECK_THROWS_AS(static_cast<void>(treatysim::paired_t_test(short_sample, same)),
                  std::invalid_argument);
}

TEST_CASE("statistics: Holm adjustment of a small family") {
  // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → monotone: 0.06.
  const std::array<double, 4> p{0.01, 0.04, 0.03, 0.005};
  const auto adjusted = treatysim::holm_adjust(p);
  REQUIRE(adjusted.size() == 4);
  CHECK(adjusted[0] == Approx(0.03));
  CHECK(adjusted[1] == Approx(0.06));
  CHECK(adjusted[2] == Approx(0.06));
  CHECK(adjusted[3] == Approx(0.02));
  // Capped at 1.
  const std::array<double, 2> large{0.6, 0.7};
  const auto capped = treatysim::holm_adjust(large);
  CHECK(capped[0] == 1.0);
  CHECK(capped[1] == 1.0);
  CHECK(treatysim::holm_adjust(std::span<const double>{}).empty());
}
