#include "engine/model/number_text.hpp"

#include <charconv>
#include <cmath>
#include <system_error>

#include "engine/model/issue.hpp"

namespace treatysim {

namespace {

bool digits_only(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

// "\"text\"": how a message shows what was typed when it is not a number.
std::string quoted(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

}  // namespace

std::optional<std::string> whole_number_problem(std::string_view text, std::int64_t min,
                                                std::int64_t max, std::string_view what) {
  const std::string expected = "expected " + std::string(what) + " from " + std::to_string(min) +
                               " to " + std::to_string(max) + ", got ";
  const bool negative = !text.empty() && text.front() == '-';
  const std::string_view digits = negative ? text.substr(1) : text;
  if (!digits_only(digits) || (digits.size() > 1 && digits.front() == '0') ||
      (negative && digits == "0")) {
    return expected + quoted(text);
  }
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < min || value > max) {
    return expected + std::string(text);  // a whole number, out of range
  }
  return std::nullopt;
}

std::optional<std::string> real_number_problem(std::string_view text, double min, double max,
                                               std::string_view what) {
  const std::string expected = "expected " + std::string(what) + " from " + format_number(min) +
                               " to " + format_number(max) + ", got ";
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  const bool number = !text.empty() && error == std::errc{} && end == text.data() + text.size() &&
                      std::isfinite(value);
  if (!number) {
    // "1e999" is a number too large to represent: out of range, not unreadable.
    if (error == std::errc::result_out_of_range && end == text.data() + text.size()) {
      return expected + std::string(text);
    }
    return expected + quoted(text);
  }
  if (value < min || value > max) return expected + std::string(text);
  return std::nullopt;
}

std::optional<std::string> seed_problem(std::string_view text) {
  if (!digits_only(text)) return "expected a non-negative whole number, got " + quoted(text);
  if (text.size() > 1 && text.front() == '0') {
    return "expected a whole number without leading zeros, got " + std::string(text);
  }
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) {
    return "expected a whole number from 0 to 18446744073709551615, got " + std::string(text);
  }
  return std::nullopt;
}

std::optional<std::string> choice_problem(std::string_view text,
                                          std::initializer_list<std::string_view> choices) {
  std::string list;
  std::size_t i = 0;
  for (const std::string_view choice : choices) {
    if (text == choice) return std::nullopt;
    list += (i == 0 ? "" : (i + 1 == choices.size() ? " or " : ", ")) + std::string(choice);
    ++i;
  }
  return "expected " + list + ", got " + quoted(text);
}

}  // namespace treatysim
