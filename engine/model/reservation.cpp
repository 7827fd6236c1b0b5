#include "engine/model/reservation.hpp"

#include <algorithm>
#include <cmath>

#include <boost/math/special_functions/beta.hpp>
#include <boost/random/beta_distribution.hpp>
#include <boost/random/discrete_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include "engine/model/issue.hpp"
#include "engine/model/random.hpp"
#include "engine/model/scenario.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim {

namespace {

constexpr std::size_t kMaxChoices = 1000;

std::string percent(double p) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g%%", 100.0 * p);
  return buffer;
}

void require_unit(const std::string& key, double value, const char* what) {
  if (!std::isfinite(value) || value < 0.0 || value > 1.0) {
    throw UserError({}, key,
                    std::string("expected ") + what + " in [0, 1], got " + format_number(value));
  }
}

}  // namespace

std::vector<double> choice_probabilities(const ReservationDistribution& d) {
  std::vector<double> p(d.choices.size(),
                        d.choices.empty() ? 0.0 : 1.0 / static_cast<double>(d.choices.size()));
  if (d.weights.empty()) return p;
  double total = 0.0;
  for (const double w : d.weights) total += w;
  for (std::size_t k = 0; k < p.size() && k < d.weights.size(); ++k) p[k] = d.weights[k] / total;
  return p;
}

double draw_reservation(const ReservationDistribution& d, std::uint64_t stream_seed) {
  Rng rng(stream_seed);
  switch (d.kind) {
    case ReservationKind::kUniform:
      if (!(d.low < d.high)) return d.low;
      return boost::random::uniform_real_distribution<double>(d.low, d.high)(rng);
    case ReservationKind::kBeta: {
      const double x = boost::random::beta_distribution<double>(d.alpha, d.beta)(rng);
      return std::clamp(d.low + (d.high - d.low) * x, d.low, d.high);
    }
    case ReservationKind::kChoices: {
      const std::vector<double> p = choice_probabilities(d);
      boost::random::discrete_distribution<std::size_t, double> pick(p.begin(), p.end());
      return d.choices[pick(rng)];
    }
  }
  return d.low;
}

double reservation_cdf(const ReservationDistribution& d, double x) {
  switch (d.kind) {
    case ReservationKind::kUniform:
      if (x < d.low) return 0.0;
      if (x >= d.high) return 1.0;
      return (x - d.low) / (d.high - d.low);
    case ReservationKind::kBeta: {
      if (x < d.low) return 0.0;
      if (x >= d.high) return 1.0;
      return boost::math::ibeta(d.alpha, d.beta, (x - d.low) / (d.high - d.low));
    }
    case ReservationKind::kChoices: {
      const std::vector<double> p = choice_probabilities(d);
      double sum = 0.0;
      for (std::size_t k = 0; k < p.size(); ++k) {
        if (d.choices[k] <= x) sum += p[k];
      }
      return std::min(sum, 1.0);
    }
  }
  return 0.0;
}

double reservation_quantile(const ReservationDistribution& d, double p) {
  p = std::clamp(p, 0.0, 1.0);
  switch (d.kind) {
    case ReservationKind::kUniform:
      return d.low + (d.high - d.low) * p;
    case ReservationKind::kBeta:
      if (p <= 0.0) return d.low;
      if (p >= 1.0) return d.high;
      return d.low + (d.high - d.low) * boost::math::ibeta_inv(d.alpha, d.beta, p);
    case ReservationKind::kChoices: {
      const std::vector<double> probabilities = choice_probabilities(d);
      std::vector<std::size_t> order(d.choices.size());
      for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
      std::sort(order.begin(), order.end(),
                [&](std::size_t a, std::size_t b) { return d.choices[a] < d.choices[b]; });
      double sum = 0.0;
      for (const std::size_t k : order) {
        sum += probabilities[k];
        if (sum >= p - 1e-15) return d.choices[k];
      }
      return d.choices[order.back()];
    }
  }
  return d.low;
}

double reservation_mean(const ReservationDistribution& d) {
  switch (d.kind) {
    case ReservationKind::kUniform:
      return 0.5 * (d.low + d.high);
    case ReservationKind::kBeta:
      return d.low + (d.high - d.low) * d.alpha / (d.alpha + d.beta);
    case ReservationKind::kChoices: {
      const std::vector<double> p = choice_probabilities(d);
      double mean = 0.0;
      for (std::size_t k = 0; k < p.size(); ++k) mean += p[k] * d.choices[k];
      return mean;
    }
  }
  return d.low;
}

std::string describe_reservation(const ReservationDistribution& d) {
  switch (d.kind) {
    case ReservationKind::kUniform:
      return "uniform [" + format_number(d.low) + ", " + format_number(d.high) + "]";
    case ReservationKind::kBeta:
      return "beta(" + format_number(d.alpha) + ", " + format_number(d.beta) + ") on [" +
             format_number(d.low) + ", " + format_number(d.high) + "]";
    case ReservationKind::kChoices: {
      const std::vector<double> p = choice_probabilities(d);
      std::string text = "choices ";
      for (std::size_t k = 0; k < p.size(); ++k) {
        text += (k ? ", " : "") + format_number(d.choices[k]) + " (" + percent(p[k]) + ")";
      }
      return text;
    }
  }
  return "";
}

std::string reservation_to_toml(const ReservationDistribution& d) {
  const auto list = [](const std::vector<double>& values) {
    std::string text = "[";
    for (std::size_t k = 0; k < values.size(); ++k)
      text += (k ? ", " : "") + format_number(values[k]);
    return text + "]";
  };
  switch (d.kind) {
    case ReservationKind::kUniform:
      return "{ uniform = " + list({d.low, d.high}) + " }";
    case ReservationKind::kBeta:
      return "{ beta = " + list({d.alpha, d.beta}) + ", range = " + list({d.low, d.high}) + " }";
    case ReservationKind::kChoices:
      return "{ choices = " + list(d.choices) +
             (d.weights.empty() ? std::string() : ", weights = " + list(d.weights)) + " }";
  }
  return "";
}

void validate_reservation(const ReservationDistribution& d, const std::string& key) {
  switch (d.kind) {
    case ReservationKind::kUniform:
    case ReservationKind::kBeta: {
      const std::string range_key =
          key + (d.kind == ReservationKind::kUniform ? ".uniform" : ".range");
      require_unit(range_key + "[0]", d.low, "a reservation value");
      require_unit(range_key + "[1]", d.high, "a reservation value");
      if (d.low > d.high) {
        throw UserError({}, range_key,
                        "expected [low, high] with low ≤ high, got [" + format_number(d.low) +
                            ", " + format_number(d.high) + "]");
      }
      if (d.kind == ReservationKind::kBeta) {
        const std::string shape_key = key + ".beta";
        for (std::size_t k = 0; k < 2; ++k) {
          const double v = k == 0 ? d.alpha : d.beta;
          if (!std::isfinite(v) || v <= 0.0 || v > 1e6) {
            throw UserError({}, shape_key + "[" + std::to_string(k) + "]",
                            "expected a shape parameter in (0, 1e6], got " + format_number(v));
          }
        }
      }
      return;
    }
    case ReservationKind::kChoices: {
      if (d.choices.empty() || d.choices.size() > kMaxChoices) {
        throw UserError({}, key + ".choices",
                        "expected 1 to " + std::to_string(kMaxChoices) +
                            " reservation values, got " + std::to_string(d.choices.size()));
      }
      for (std::size_t k = 0; k < d.choices.size(); ++k) {
        require_unit(key + ".choices[" + std::to_string(k) + "]", d.choices[k],
                     "a reservation value");
      }
      if (d.weights.empty()) return;
      if (d.weights.size() != d.choices.size()) {
        throw UserError({}, key + ".weights",
                        "expected one weight per choice (" + std::to_string(d.choices.size()) +
                            "), got " + std::to_string(d.weights.size()));
      }
      for (std::size_t k = 0; k < d.weights.size(); ++k) {
        const double w = d.weights[k];
        if (!std::isfinite(w) || w <= 0.0 || w > 1e12) {
          throw UserError({}, key + ".weights[" + std::to_string(k) + "]",
                          "expected a positive, finite weight, got " + format_number(w));
        }
      }
      return;
    }
  }
}

std::array<double, 2> reservation_values_for(const ScenarioDef& def, std::uint64_t seed) {
  std::array<double, 2> values{};
  for (std::size_t p = 0; p < kPartyCount; ++p) {
    const PartyDef& party = def.parties[p];
    values[p] = party.reservation_distribution
                    ? draw_reservation(*party.reservation_distribution,
                                       derive_seed(seed, kReservationStream, p))
                    : party.preferences.reservation_value;
  }
  return values;
}

bool has_drawn_reservations(const ScenarioDef& def) noexcept {
  return def.parties[0].reservation_distribution.has_value() ||
         def.parties[1].reservation_distribution.has_value();
}

}  // namespace treatysim
