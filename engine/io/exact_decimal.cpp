#include "engine/io/exact_decimal.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <limits>
#include <system_error>
#include <vector>

#include "engine/model/check.hpp"

namespace treatysim {

namespace {

constexpr std::int64_t kExponentLimit = 1'000'000'000'000'000;  // 10^15
constexpr std::int64_t kPlainNotationLimit = 40;

bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}

std::int64_t clamp_exponent(std::int64_t e) noexcept {
  return std::clamp(e, -kExponentLimit, kExponentLimit);
}

}  // namespace

std::optional<Decimal> Decimal::parse(std::string_view text) {
  std::size_t at = 0;
  const auto digits_from = [&](std::size_t begin) {
    std::size_t end = begin;
    while (end < text.size() && is_digit(text[end])) ++end;
    return end;
  };
  Decimal d;
  bool negative = false;
  if (at < text.size() && text[at] == '-') {
    negative = true;
    ++at;
  }
  // Integer part: 0, or a digit 1–9 followed by digits.
  const std::size_t int_end = digits_from(at);
  if (int_end == at || (text[at] == '0' && int_end - at > 1)) return std::nullopt;
  std::string digits(text.substr(at, int_end - at));
  at = int_end;
  std::int64_t exponent = 0;
  if (at < text.size() && text[at] == '.') {
    const std::size_t frac_end = digits_from(at + 1);
    if (frac_end == at + 1) return std::nullopt;
    digits.append(text.substr(at + 1, frac_end - at - 1));
    exponent = -static_cast<std::int64_t>(frac_end - at - 1);
    at = frac_end;
  }
  if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
    ++at;
    bool exponent_negative = false;
    if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
      exponent_negative = text[at] == '-';
      ++at;
    }
    const std::size_t exp_end = digits_from(at);
    if (exp_end == at) return std::nullopt;
    std::int64_t written = 0;
    for (std::size_t i = at; i < exp_end; ++i) {
      written = std::min(written * 10 + (text[i] - '0'), kExponentLimit);
    }
    exponent = clamp_exponent(exponent + (exponent_negative ? -written : written));
    at = exp_end;
  }
  if (at != text.size()) return std::nullopt;

  // Normalise: no leading zeros, no trailing zeros (moved into the exponent).
  const std::size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return Decimal{};  // zero, "-0" included
  digits.erase(0, first);
  const std::size_t last = digits.find_last_not_of('0');
  exponent = clamp_exponent(exponent + static_cast<std::int64_t>(digits.size() - last - 1));
  digits.resize(last + 1);
  d.negative_ = negative;
  d.digits_ = std::move(digits);
  d.exponent_ = exponent;
  return d;
}

double Decimal::to_double() const {
  if (digits_.empty()) return 0.0;
  const std::string text = digits_ + "e" + std::to_string(exponent_);
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc::result_out_of_range) {
    const std::int64_t adjusted = exponent_ + static_cast<std::int64_t>(digits_.size()) - 1;
    value = adjusted < 0 ? 0.0 : std::numeric_limits<double>::infinity();
  }
  return negative_ ? -value : value;
}

std::string Decimal::to_string() const {
  if (digits_.empty()) return "0";
  const auto n = static_cast<std::int64_t>(digits_.size());
  const std::int64_t adjusted = exponent_ + n - 1;  // the place of the first digit
  std::string text = negative_ ? "-" : "";
  if (adjusted >= kPlainNotationLimit || exponent_ < -kPlainNotationLimit) {
    text += digits_.substr(0, 1);
    if (n > 1) text += "." + digits_.substr(1);
    return text + "e" + std::to_string(adjusted);
  }
  if (exponent_ >= 0) return text + digits_ + std::string(static_cast<std::size_t>(exponent_), '0');
  if (adjusted >= 0) {
    const auto point = static_cast<std::size_t>(adjusted + 1);
    return text + digits_.substr(0, point) + "." + digits_.substr(point);
  }
  return text + "0." + std::string(static_cast<std::size_t>(-adjusted - 1), '0') + digits_;
}

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) noexcept {
  const int sign_a = a.is_zero() ? 0 : (a.negative_ ? -1 : 1);
  const int sign_b = b.is_zero() ? 0 : (b.negative_ ? -1 : 1);
  if (sign_a != sign_b || sign_a == 0) return sign_a <=> sign_b;
  // Same sign, both non-zero: compare magnitudes, then flip for negatives.
  const std::int64_t adjusted_a = a.exponent_ + static_cast<std::int64_t>(a.digits_.size());
  const std::int64_t adjusted_b = b.exponent_ + static_cast<std::int64_t>(b.digits_.size());
  std::strong_ordering magnitude = adjusted_a <=> adjusted_b;
  if (magnitude == 0) {
    // Same leading place: the digit strings compare like the numbers (no trailing zeros, so on a
    // common prefix the longer string is the larger number).
    const int c = a.digits_.compare(b.digits_);
    magnitude = c <=> 0;
  }
  return sign_a > 0 ? magnitude : 0 <=> magnitude;
}

std::optional<Decimal> exact_sum(std::span<const Decimal> terms) {
  std::int64_t high = std::numeric_limits<std::int64_t>::min();
  std::int64_t low = std::numeric_limits<std::int64_t>::max();
  for (const Decimal& term : terms) {
    TREATYSIM_CHECK(!term.is_negative(), "exact_sum adds non-negative numbers only");
    if (term.is_zero()) continue;
    high = std::max(high, term.exponent_ + static_cast<std::int64_t>(term.digits_.size()) - 1);
    low = std::min(low, term.exponent_);
  }
  if (high < low) return Decimal{};  // every term is zero
  if (high - low + 1 > kMaxExactSumSpan) return std::nullopt;

  // places[k] holds the digits of 10^(low + k); the carries need a few places more than the
  // terms' span (a sum of n terms below 10^(high+1) is below n·10^(high+1)).
  std::vector<std::uint64_t> places(static_cast<std::size_t>(high - low + 1) + 21, 0);
  for (const Decimal& term : terms) {
    const auto n = static_cast<std::int64_t>(term.digits_.size());
    for (std::int64_t j = 0; j < n; ++j) {
      const std::int64_t place = term.exponent_ + n - 1 - j;
      places[static_cast<std::size_t>(place - low)] +=
          static_cast<std::uint64_t>(term.digits_[static_cast<std::size_t>(j)] - '0');
    }
  }
  std::uint64_t carry = 0;
  for (std::uint64_t& digit : places) {
    digit += carry;
    carry = digit / 10;
    digit %= 10;
  }
  TREATYSIM_CHECK(carry == 0, "exact_sum: more terms than 10^20");

  std::string digits;
  for (auto it = places.rbegin(); it != places.rend(); ++it) {
    if (digits.empty() && *it == 0) continue;
    digits += static_cast<char>('0' + *it);
  }
  // Let parse normalise (trailing zeros into the exponent).
  return Decimal::parse(digits + "e" + std::to_string(low));
}

Decimal exact_product(const Decimal& a, const Decimal& b) {
  if (a.is_zero() || b.is_zero()) return Decimal{};
  // Schoolbook multiplication, least significant digit first (a place collects at most 81 per
  // digit of the shorter number: no overflow below 10^17 digits).
  const std::size_t n = a.digits_.size();
  const std::size_t m = b.digits_.size();
  std::vector<std::uint64_t> places(n + m, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto x = static_cast<std::uint64_t>(a.digits_[n - 1 - i] - '0');
    for (std::size_t j = 0; j < m; ++j) {
      places[i + j] += x * static_cast<std::uint64_t>(b.digits_[m - 1 - j] - '0');
    }
  }
  std::uint64_t carry = 0;
  for (std::uint64_t& digit : places) {
    digit += carry;
    carry = digit / 10;
    digit %= 10;
  }
  std::string digits;
  for (auto it = places.rbegin(); it != places.rend(); ++it) {
    if (digits.empty() && *it == 0) continue;
    digits += static_cast<char>('0' + *it);
  }
  Decimal product = *Decimal::parse(digits);  // normalises trailing zeros into the exponent
  product.exponent_ = clamp_exponent(product.exponent_ + a.exponent_ + b.exponent_);
  product.negative_ = a.negative_ != b.negative_;
  return product;
}

}  // namespace treatysim
