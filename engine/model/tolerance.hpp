// tolerance.hpp — how treatysim compares utilities, in one place.
//
// Utilities closer than kUtilityTolerance (1e-9) are equal: for acceptance, dominance and ties.
// Ties between outcomes are broken by the lowest outcome index (options in issue order), which
// does not depend on utility scales.
#pragma once

namespace treatysim {

inline constexpr double kUtilityTolerance = 1e-9;

// a == b within the tolerance.
[[nodiscard]] constexpr bool utility_equal(double a, double b) noexcept {
  const double diff = a - b;
  return diff <= kUtilityTolerance && diff >= -kUtilityTolerance;
}
// a ≥ b within the tolerance (a counts as at least b when it falls short by less than 1e-9).
[[nodiscard]] constexpr bool utility_at_least(double a, double b) noexcept {
  return a >= b - kUtilityTolerance;
}
// a > b by more than the tolerance.
[[nodiscard]] constexpr bool utility_greater(double a, double b) noexcept {
  return a > b + kUtilityTolerance;
}

}  // namespace treatysim
