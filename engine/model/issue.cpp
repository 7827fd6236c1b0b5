#include "engine/model/issue.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace treatysim {

double NumericRange::value(int level) const noexcept {
  if (levels <= 1) return min;
  return min + (max - min) * static_cast<double>(level) / static_cast<double>(levels - 1);
}

int Issue::find_option(const std::string& option_id) const noexcept {
  for (std::size_t i = 0; i < options.size(); ++i) {
    if (options[i].id == option_id) return static_cast<int>(i);
  }
  return -1;
}

Issue Issue::make_numeric(std::string id, std::string label, std::string description,
                          NumericRange range) {
  Issue issue;
  issue.id = std::move(id);
  issue.label = std::move(label);
  issue.description = std::move(description);
  issue.numeric = true;
  issue.range = range;
  issue.options.reserve(static_cast<std::size_t>(range.levels > 0 ? range.levels : 0));
  for (int level = 0; level < range.levels; ++level) {
    issue.options.push_back(Option{std::to_string(level), format_number(range.value(level)), {}});
  }
  return issue;
}

double round_for_output(double value) {
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.12g", value);
  return std::strtod(buffer.data(), nullptr);
}

std::string format_count(double count) {
  if (count >= 0.0 && count < 9.0e15) {
    return std::to_string(static_cast<long long>(std::llround(count)));
  }
  return format_number(count);
}

std::string format_number(double value) {
  // Negative zero prints as "0": "-0" would read back as the integer 0, and a scenario whose
  // canonical text changed on a round trip would no longer match its own content hash.
  if (value == 0.0) value = 0.0;
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return std::string(buffer.data(), result.ptr);
}

}  // namespace treatysim
