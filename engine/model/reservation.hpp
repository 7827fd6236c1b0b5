// reservation.hpp — a party's reservation value as a type, drawn anew for every negotiation.
//
// The Automated Negotiating Agents League (ANL 2024 onwards) draws each side's reservation value
// for every negotiation and scores what an agent gains above it. In a scenario file a party's
// `reservation` is a number (fixed, as before) or one of
//   { uniform = [lo, hi] }                          R ~ U[lo, hi]
//   { beta = [a, b], range = [lo, hi] }             R = lo + (hi − lo)·X, X ~ Beta(a, b)
//   { choices = [v1, v2, …], weights = [w1, …] }    P(R = vᵢ) = wᵢ / Σw (weights optional: equal)
// with every value in [0, 1]. Negotiation seeded s draws party p's value from the stream
// derive_seed(s, "reservation", p) with Boost.Random distributions (uniform_real_distribution,
// beta_distribution, discrete_distribution on mt19937_64), so draws depend only on the seed and
// the party: never on threads, ranks or the order negotiations are played in.
//
// Where one number must stand for a drawn value outside a negotiation (the analysis's "expected"
// disagreement point is *not* one of them: it integrates over the types, type_analysis.hpp), the
// party's Preferences::reservation_value holds the distribution's mean (Scenario::create sets it).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace treatysim {

struct ScenarioDef;

enum class ReservationKind { kUniform, kBeta, kChoices };

// A distribution of reservation values (the fixed case is no distribution at all).
struct ReservationDistribution {
  ReservationKind kind = ReservationKind::kUniform;
  double low = 0.0;  // uniform and beta: the range [low, high] (low ≤ high), in [0, 1]
  double high = 1.0;
  double alpha = 1.0;  // beta: the shape parameters a, b > 0
  double beta = 1.0;
  std::vector<double> choices;  // choices: the values, each in [0, 1] (1 … 1000 of them)
  std::vector<double> weights;  // choices: one positive weight per value (normalised when used)

  friend bool operator==(const ReservationDistribution&, const ReservationDistribution&) = default;
};

// The stream under which reservation draws are derived: derive_seed(seed, "reservation", party).
inline constexpr std::string_view kReservationStream = "reservation";

// One draw from the stream seeded `stream_seed`.
[[nodiscard]] double draw_reservation(const ReservationDistribution& distribution,
                                      std::uint64_t stream_seed);
// P(R ≤ x).
[[nodiscard]] double reservation_cdf(const ReservationDistribution& distribution, double x);
// The smallest x with P(R ≤ x) ≥ p, for p in [0, 1].
[[nodiscard]] double reservation_quantile(const ReservationDistribution& distribution, double p);
// E[R].
[[nodiscard]] double reservation_mean(const ReservationDistribution& distribution);
// The choices' probabilities (weights divided by their sum; equal when no weights were given).
[[nodiscard]] std::vector<double> choice_probabilities(const ReservationDistribution& distribution);
// "uniform [0.2, 0.5]", "beta(2, 5) on [0, 0.6]", "choices 0.1 (25%), 0.4 (75%)".
[[nodiscard]] std::string describe_reservation(const ReservationDistribution& distribution);
// The TOML inline table of the scenario format ("{ uniform = [0.2, 0.5] }").
[[nodiscard]] std::string reservation_to_toml(const ReservationDistribution& distribution);
// Throws UserError at `key` (e.g. "parties[0].reservation") when a field is out of range.
void validate_reservation(const ReservationDistribution& distribution, const std::string& key);

// Each party's reservation value in the negotiation seeded `seed`: the fixed value, or the draw
// from derive_seed(seed, "reservation", party).
[[nodiscard]] std::array<double, 2> reservation_values_for(const ScenarioDef& def,
                                                           std::uint64_t seed);
// True when some party's reservation value is drawn.
[[nodiscard]] bool has_drawn_reservations(const ScenarioDef& def) noexcept;

}  // namespace treatysim
