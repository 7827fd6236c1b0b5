// calendar.hpp — months, the treaty lifecycle's unit of time.
//
// A Month is a count of months since year 0 (January of year 0 = 0), printed and parsed as
// "YYYY-MM". Adding n months moves the calendar: 2023-08 + 6 = 2024-02.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace treatysim {

class Month {
 public:
  constexpr Month() = default;
  constexpr Month(int year, int month) : index_(year * 12 + (month - 1)) {}

  // "2023-08" → Month; nullopt unless it is YYYY-MM with a month from 01 to 12.
  [[nodiscard]] static std::optional<Month> parse(std::string_view text);

  [[nodiscard]] constexpr int year() const noexcept { return index_ / 12; }
  [[nodiscard]] constexpr int month() const noexcept { return index_ % 12 + 1; }
  [[nodiscard]] constexpr int index() const noexcept { return index_; }
  [[nodiscard]] std::string to_string() const;  // "2023-08"

  [[nodiscard]] constexpr Month plus(int months) const noexcept {
    return from_index(index_ + months);
  }
  // Months from `earlier` to this one (negative when this one is earlier).
  [[nodiscard]] constexpr int since(Month earlier) const noexcept {
    return index_ - earlier.index_;
  }

  friend constexpr auto operator<=>(Month, Month) = default;

 private:
  static constexpr Month from_index(int index) noexcept {
    Month m;
    m.index_ = index;
    return m;
  }
  int index_ = 0;
};

}  // namespace treatysim
