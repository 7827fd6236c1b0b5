// Drawn reservation values: the distributions (draws, CDF, quantiles, means), their TOML form,
// and the Kolmogorov–Smirnov test of 10,000 draws per distribution at a fixed seed.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "engine/model/random.hpp"
#include "engine/model/reservation.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"

using treatysim::ReservationDistribution;
using treatysim::ReservationKind;

namespace {

ReservationDistribution uniform(double lo, double hi) {
  ReservationDistribution d;
  d.kind = ReservationKind::kUniform;
  d.low = lo;
  d.high = hi;
  return d;
}

ReservationDistribution beta(double a, double b, double lo, double hi) {
  ReservationDistribution d = uniform(lo, hi);
  d.kind = ReservationKind::kBeta;
  d.alpha = a;
  d.beta = b;
  return d;
}

ReservationDistribution choices(std::vector<double> values, std::vector<double> weights) {
  ReservationDistribution d;
  d.kind = ReservationKind::kChoices;
  d.choices = std::move(values);
  d.weights = std::move(weights);
  return d;
}

// 10,000 draws from the streams derive_seed(2024, "reservation", i), sorted.
std::vector<double> draws(const ReservationDistribution& d) {
  std::vector<double> x;
  for (std::uint64_t i = 0; i < 10'000; ++i) {
    x.push_back(treatysim::draw_reservation(d, treatysim::derive_seed(2024, "reservation", i)));
  }
  std::sort(x.begin(), x.end());
  return x;
}

// The Kolmogorov–Smirnov statistic D = sup |F_n(x) − F(x)| of sorted draws against the declared
// CDF F, taken on both sides of every jump of F_n: after x (F_n(x) against F(x)) and just before
// it (F_n(x⁻) against F(x⁻), which differs from F(x) where F jumps: the choices).
double ks_statistic(const std::vector<double>& sorted, const ReservationDistribution& d) {
  const double n = static_cast<double>(sorted.size());
  double worst = 0.0;
  std::size_t first = 0;  // index of the first draw equal to sorted[i]
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i > 0 && sorted[i] != sorted[i - 1]) first = i;
    if (i + 1 < sorted.size() && sorted[i + 1] == sorted[i]) continue;
    const double after = static_cast<double>(i + 1) / n;
    const double before = static_cast<double>(first) / n;
    const double f = treatysim::reservation_cdf(d, sorted[i]);
    const double f_before = treatysim::reservation_cdf(d, std::nextafter(sorted[i], -1.0));
    worst = std::max({worst, std::fabs(after - f), std::fabs(before - f_before)});
  }
  return worst;
}

// The 1% critical value of D for n = 10,000: 1.628/√n (Smirnov's asymptotic distribution).
constexpr double kCritical = 1.628 / 100.0;

}  // namespace

TEST_CASE("reservation: the same seed gives the same draw, another seed another one") {
  const ReservationDistribution d = uniform(0.2, 0.6);
  const double a = treatysim::draw_reservation(d, 17);
  CHECK(treatysim::draw_reservation(d, 17) == a);
  CHECK(treatysim::draw_reservation(d, 18) != a);
  CHECK(a >= 0.2);
  CHECK(a <= 0.6);
  // Pinned: Boost does not promise the same sequence across its own versions.
  CHECK(treatysim::draw_reservation(uniform(0.0, 1.0), 1) ==
        doctest::Approx(0.133877).epsilon(1e-5));
}

TEST_CASE("reservation: 10,000 draws pass a Kolmogorov-Smirnov test against the declared CDF") {
  for (const ReservationDistribution& d :
       {uniform(0.2, 0.6), uniform(0.0, 1.0), beta(2.0, 5.0, 0.0, 0.6), beta(0.5, 0.5, 0.1, 0.9),
        choices({0.1, 0.4, 0.7}, {1.0, 2.0, 1.0}), choices({0.3, 0.5}, {})}) {
    CAPTURE(treatysim::describe_reservation(d));
    const double statistic = ks_statistic(draws(d), d);
    CHECK(statistic < kCritical);
  }
  // The test has power: the draws of one distribution fail against another.
  CHECK(ks_statistic(draws(uniform(0.2, 0.6)), uniform(0.2, 0.65)) > kCritical);
  CHECK(ks_statistic(draws(beta(2.0, 5.0, 0.0, 0.6)), beta(2.0, 4.0, 0.0, 0.6)) > kCritical);
}

TEST_CASE("reservation: CDF, quantile and mean by hand") {
  const ReservationDistribution u = uniform(0.2, 0.6);
  CHECK(treatysim::reservation_cdf(u, 0.3) == doctest::Approx(0.25));
  CHECK(treatysim::reservation_cdf(u, 0.1) == 0.0);
  CHECK(treatysim::reservation_cdf(u, 0.7) == 1.0);
  CHECK(treatysim::reservation_quantile(u, 0.75) == doctest::Approx(0.5));
  CHECK(treatysim::reservation_mean(u) == doctest::Approx(0.4));
  // Beta(2, 1) on [0, 1]: F(x) = x², mean 2/3; scaled to [0.2, 0.6]: F(0.4) = 0.5² = 0.25.
  const ReservationDistribution b = beta(2.0, 1.0, 0.2, 0.6);
  CHECK(treatysim::reservation_cdf(b, 0.4) == doctest::Approx(0.25));
  CHECK(treatysim::reservation_quantile(b, 0.25) == doctest::Approx(0.4));
  CHECK(treatysim::reservation_mean(b) == doctest::Approx(0.2 + 0.4 * 2.0 / 3.0));
  // Choices 0.1 (1/4), 0.4 (1/2), 0.7 (1/4).
  const ReservationDistribution c = choices({0.4, 0.1, 0.7}, {2.0, 1.0, 1.0});
  CHECK(treatysim::reservation_cdf(c, 0.39) == doctest::Approx(0.25));
  CHECK(treatysim::reservation_cdf(c, 0.4) == doctest::Approx(0.75));
  CHECK(treatysim::reservation_quantile(c, 0.25) == doctest::Approx(0.1));
  CHECK(treatysim::reservation_quantile(c, 0.26) == doctest::Approx(0.4));
  CHECK(treatysim::reservation_mean(c) == doctest::Approx(0.4));
  CHECK(treatysim::describe_reservation(c) == "choices 0.4 (50%), 0.1 (25%), 0.7 (25%)");
}

TEST_CASE("reservation: a scenario file's distribution round-trips and sets the mean") {
  const treatysim::Scenario scenario =
      treatysim::load_scenario_file(TREATYSIM_SOURCE_DIR "/configs/sta-2024-uncertain.toml");
  const auto& us = scenario.party(0);
  const auto& cn = scenario.party(1);
  REQUIRE(us.reservation_distribution);
  REQUIRE(cn.reservation_distribution);
  CHECK(us.reservation_distribution->kind == ReservationKind::kUniform);
  CHECK(us.preferences.reservation_value == doctest::Approx(0.4));
  CHECK(cn.reservation_distribution->kind == ReservationKind::kBeta);
  CHECK(cn.preferences.reservation_value == doctest::Approx(0.6 * 2.0 / 7.0));
  const std::string text = treatysim::to_toml(scenario.def());
  CHECK(text.find("reservation = { uniform = [0.25, 0.55] }") != std::string::npos);
  CHECK(text.find("reservation = { beta = [2, 5], range = [0, 0.6] }") != std::string::npos);
  const treatysim::Scenario again = treatysim::parse_scenario(text, "again.toml");
  CHECK(again.def() == scenario.def());
  CHECK(again.content_hash() == scenario.content_hash());
  CHECK(treatysim::has_drawn_reservations(scenario.def()));
  // The negotiation seeded s draws party p's value from derive_seed(s, "reservation", p).
  const auto values = treatysim::reservation_values_for(scenario.def(), 9);
  CHECK(values[0] == treatysim::draw_reservation(*us.reservation_distribution,
                                                 treatysim::derive_seed(9, "reservation", 0)));
  CHECK(values[1] == treatysim::draw_reservation(*cn.reservation_distribution,
                                                 treatysim::derive_seed(9, "reservation", 1)));
}

TEST_CASE("reservation: a fixed scenario has no distributions and keeps its bytes") {
  const treatysim::Scenario scenario =
      treatysim::load_scenario_file(TREATYSIM_SOURCE_DIR "/configs/sta-2024.toml");
  CHECK_FALSE(treatysim::has_drawn_reservations(scenario.def()));
  const auto values = treatysim::reservation_values_for(scenario.def(), 9);
  CHECK(values[0] == 0.40);
  CHECK(values[1] == 0.20);
  CHECK(treatysim::to_toml(scenario.def()).find("reservation = 0.4\n") != std::string::npos);
}

TEST_CASE("reservation: out-of-range fields are refused with the key") {
  const auto message = [](const ReservationDistribution& d) {
    try {
      treatysim::validate_reservation(d, "parties[1].reservation");
    } catch (const treatysim::UserError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(message(uniform(0.2, 0.6)).empty());
  CHECK(message(uniform(0.7, 0.6)) ==
        "parties[1].reservation.uniform: expected [low, high] with low ≤ high, got [0.7, 0.6]");
  CHECK(message(beta(2.0, -1.0, 0.0, 1.0)) ==
        "parties[1].reservation.beta[1]: expected a shape parameter in (0, 1e6], got -1");
  CHECK(message(choices({0.2, 1.2}, {})) ==
        "parties[1].reservation.choices[1]: expected a reservation value in [0, 1], got 1.2");
}

TEST_CASE("reservation: one value read as a scenario file reads it, errors at the given key") {
  treatysim::PartyDef party;
  party.preferences.reservation_value = 0.3;
  treatysim::read_party_reservation("{ beta = [2, 5], range = [0, 0.6] }", "reservation['cn']",
                                    party);
  REQUIRE(party.reservation_distribution.has_value());
  CHECK(*party.reservation_distribution == beta(2.0, 5.0, 0.0, 0.6));
  CHECK(treatysim::reservation_to_toml(*party.reservation_distribution) ==
        "{ beta = [2, 5], range = [0, 0.6] }");
  // A number makes the value fixed again.
  treatysim::read_party_reservation("0.45", "reservation['cn']", party);
  CHECK_FALSE(party.reservation_distribution.has_value());
  CHECK(party.preferences.reservation_value == 0.45);
  const auto message = [&party](const std::string& value) {
    try {
      treatysim::read_party_reservation(value, "reservation['cn']", party);
    } catch (const treatysim::UserError& e) {
      CHECK(e.location().file.empty());  // the text is not a file's: no position
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(message("{ uniform = [0.2, 0.5, 0.6] }") ==
        "reservation['cn'].uniform: expected 2 numbers, got 3");
  CHECK(message("{ uniform = [0.2, 0.5], weights = [1, 2] }") ==
        "reservation['cn'].weights: 'weights' does not go with 'uniform'");
  CHECK(message("\"high\"").rfind("reservation['cn']: expected a number or a distribution", 0) ==
        0);
  CHECK(message("{ uniform = [0.2, ").rfind("reservation['cn']: TOML syntax error", 0) == 0);
  // A failed read leaves the party as it was.
  CHECK_FALSE(party.reservation_distribution.has_value());
  CHECK(party.preferences.reservation_value == 0.45);
}
