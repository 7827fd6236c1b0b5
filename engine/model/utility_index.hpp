// utility_index.hpp — one party's outcomes sorted by its utility, for O(log n) bidding.
//
// Time-dependent and other target-utility strategies ask "which outcome has the smallest
// utility that still reaches my target?" many millions of times. The index answers in
// O(log n) without scanning the space. Outcomes whose utilities are within the tolerance of the
// first outcome of a run are one "level"; a level's representative is its lowest outcome index,
// so answers do not depend on floating-point noise or utility scale.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/model/outcome_space.hpp"
#include "engine/model/preferences.hpp"

namespace treatysim {

class UtilityIndex {
 public:
  // One outcome of the space, by dense index, with the party's utility of it.
  struct Entry {
    std::uint64_t index;
    double utility;
  };

  // Builds the index of an enumerable space (checked): O(n log n).
  UtilityIndex(const OutcomeSpace& space, const UtilityFunction& utility);

  // Outcomes in order: utility descending; within a level, outcome index ascending.
  [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }
  [[nodiscard]] const Entry& entry(std::size_t position) const noexcept {
    return entries_[position];
  }
  [[nodiscard]] const Entry& best() const noexcept { return entries_.front(); }
  [[nodiscard]] const Entry& worst() const noexcept { return entries_.back(); }

  // The outcome whose utility is the smallest one still ≥ target (within the tolerance), the
  // lowest index among equals; the best outcome when the target exceeds every utility.
  [[nodiscard]] const Entry& at_least(double target) const noexcept;
  // How many outcomes have utility ≥ target (within the tolerance); they are positions
  // 0 … count−1.
  [[nodiscard]] std::size_t count_at_least(double target) const noexcept;

 private:
  std::vector<Entry> entries_;
  std::vector<double> level_utility_;     // utility of each level's first outcome, descending
  std::vector<std::size_t> level_begin_;  // position of each level's first outcome
};

}  // namespace treatysim
