#include "engine/model/calendar.hpp"

#include <cstdio>

namespace treatysim {

std::optional<Month> Month::parse(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  int year = 0;
  int month = 0;
  for (std::size_t i = 0; i < 7; ++i) {
    if (i == 4) continue;
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    const int digit = text[i] - '0';
    if (i < 4) {
      year = year * 10 + digit;
    } else {
      month = month * 10 + digit;
    }
  }
  if (month < 1 || month > 12) return std::nullopt;
  return Month(year, month);
}

std::string Month::to_string() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", year(), month());
  return buffer;
}

}  // namespace treatysim
