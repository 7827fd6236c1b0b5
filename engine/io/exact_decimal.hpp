// exact_decimal.hpp — numbers exactly as a file writes them, for formats whose rules are stated
// in decimal arithmetic.
//
// GeniusWeb reads every utility and weight into a Java BigDecimal and requires the issue weights
// to sum to exactly 1 (BigDecimal.ONE.compareTo(sum) == 0): 0.7 + 0.2 + 0.1 passes, although the
// same sum in binary floating point is 0.9999999999999999. A Decimal keeps the digits of the
// text, so that such checks give GeniusWeb's answer; to_double() gives the value treatysim
// computes with.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace treatysim {

// (−1)^negative × digits × 10^exponent, digits without leading or trailing zeros ("" for zero,
// which is never negative). Exponents beyond ±10^15 are clamped there: such a number is far
// outside any range an importer accepts, and still compares correctly against ordinary numbers.
class Decimal {
 public:
  Decimal() = default;  // zero

  // Parses a JSON number ("-0.25", "1E-3", "12", "0.10"); nullopt when `text` is not one.
  [[nodiscard]] static std::optional<Decimal> parse(std::string_view text);

  [[nodiscard]] bool is_zero() const noexcept { return digits_.empty(); }
  [[nodiscard]] bool is_negative() const noexcept { return negative_; }
  // The number of significant digits (0 for zero; 1 for 0.5, 1000 or 1e-9; 3 for 1.25).
  [[nodiscard]] std::size_t significant_digits() const noexcept { return digits_.size(); }
  // The nearest double (0 for a number too small for one, ±infinity for one too large).
  [[nodiscard]] double to_double() const;
  // Plain decimal notation without an exponent or superfluous zeros: "0.99", "1", "-2.5",
  // "0.000001". Numbers with more than 40 places (or digits before the point) use scientific
  // notation instead ("1e-400").
  [[nodiscard]] std::string to_string() const;

  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) noexcept;
  friend bool operator==(const Decimal& a, const Decimal& b) noexcept = default;
  friend std::optional<Decimal> exact_sum(std::span<const Decimal> terms);
  friend Decimal exact_product(const Decimal& a, const Decimal& b);

 private:
  bool negative_ = false;
  std::string digits_;
  std::int64_t exponent_ = 0;
};

// The most decimal places (10^-k) and integer digits exact_sum works with.
inline constexpr std::int64_t kMaxExactSumSpan = 20'000;

// The exact sum of non-negative numbers; nullopt when the digits of the terms span more than
// kMaxExactSumSpan places (from the highest digit of the largest to the last digit of the most
// precise), e.g. 1 + 1e-30000. Every term must be non-negative (checked).
[[nodiscard]] std::optional<Decimal> exact_sum(std::span<const Decimal> terms);

// The exact product a × b. Takes time proportional to the product of the numbers of significant
// digits: callers limit them (an importer refuses numbers with more than a few dozen).
[[nodiscard]] Decimal exact_product(const Decimal& a, const Decimal& b);

}  // namespace treatysim
