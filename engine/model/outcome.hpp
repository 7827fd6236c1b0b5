// outcome.hpp — one option per issue: the thing negotiators offer and agree on.
//
// A small regular value type: fixed capacity (kMaxIssues), no heap allocation, copyable,
// totally ordered (lexicographic in issue order, which is also the order of dense indices),
// hashable and printable as option indices ("0/1/1/1/2"). Printing with option ids needs the
// issues: see OutcomeSpace::format.
#pragma once

#include <algorithm>
#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iosfwd>
#include <string>

namespace treatysim {

// The most issues a scenario may have.
inline constexpr std::size_t kMaxIssues = 64;

class Outcome {
 public:
  using OptionIndex = std::uint16_t;

  Outcome() = default;
  // An outcome over `issue_count` issues, every option at index 0.
  explicit Outcome(std::size_t issue_count);
  Outcome(std::initializer_list<int> options);

  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] int operator[](std::size_t issue) const noexcept { return options_[issue]; }
  // Sets the option chosen for `issue`.
  void set(std::size_t issue, int option) noexcept {
    options_[issue] = static_cast<OptionIndex>(option);
  }

  friend bool operator==(const Outcome& a, const Outcome& b) noexcept {
    return a.size_ == b.size_ &&
           std::equal(a.options_.begin(), a.options_.begin() + a.size_, b.options_.begin());
  }
  friend std::strong_ordering operator<=>(const Outcome& a, const Outcome& b) noexcept;

  // Option indices joined by '/', e.g. "0/1/1/1/2".
  [[nodiscard]] std::string to_string() const;
  [[nodiscard]] std::size_t hash() const noexcept;

 private:
  std::array<OptionIndex, kMaxIssues> options_{};
  std::uint8_t size_ = 0;
};

std::ostream& operator<<(std::ostream& out, const Outcome& outcome);

}  // namespace treatysim

template <>
struct std::hash<treatysim::Outcome> {
  std::size_t operator()(const treatysim::Outcome& outcome) const noexcept {
    return outcome.hash();
  }
};
