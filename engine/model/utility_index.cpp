#include "engine/model/utility_index.hpp"

#include <algorithm>

#include "engine/model/check.hpp"
#include "engine/model/tolerance.hpp"

namespace treatysim {

UtilityIndex::UtilityIndex(const OutcomeSpace& space, const UtilityFunction& utility) {
  TREATYSIM_CHECK(space.enumerable(), "a utility index needs an enumerable outcome space");
  const std::uint64_t n = space.count();
  entries_.resize(n);
  // Walk the space in index order with an odometer, updating the utility incrementally.
  Outcome outcome(space.issue_count());
  for (std::uint64_t index = 0; index < n; ++index) {
    entries_[index] = Entry{index, utility(outcome)};
    for (std::size_t i = space.issue_count(); i-- > 0;) {
      const int next = outcome[i] + 1;
      if (static_cast<std::size_t>(next) < space.issue(i).size()) {
        outcome.set(i, next);
        break;
      }
      outcome.set(i, 0);
    }
  }
  std::stable_sort(entries_.begin(), entries_.end(),
                   [](const Entry& a, const Entry& b) { return a.utility > b.utility; });
  // Group runs within the tolerance of their first element; order each run by index.
  std::size_t begin = 0;
  while (begin < entries_.size()) {
    std::size_t end = begin + 1;
    while (end < entries_.size() && utility_equal(entries_[end].utility, entries_[begin].utility)) {
      ++end;
    }
    std::sort(entries_.begin() + static_cast<std::ptrdiff_t>(begin),
              entries_.begin() + static_cast<std::ptrdiff_t>(end),
              [](const Entry& a, const Entry& b) { return a.index < b.index; });
    double level = entries_[begin].utility;
    for (std::size_t k = begin; k < end; ++k) level = std::max(level, entries_[k].utility);
    level_utility_.push_back(level);
    level_begin_.push_back(begin);
    begin = end;
  }
}

const UtilityIndex::Entry& UtilityIndex::at_least(double target) const noexcept {
  // Levels are descending: find the last level whose utility reaches the target.
  const auto it = std::partition_point(level_utility_.begin(), level_utility_.end(),
                                       [target](double u) { return utility_at_least(u, target); });
  if (it == level_utility_.begin()) return entries_.front();
  const auto level = static_cast<std::size_t>(it - level_utility_.begin()) - 1;
  return entries_[level_begin_[level]];
}

std::size_t UtilityIndex::count_at_least(double target) const noexcept {
  const auto it = std::partition_point(level_utility_.begin(), level_utility_.end(),
                                       [target](double u) { return utility_at_least(u, target); });
  const auto levels = static_cast<std::size_t>(it - level_utility_.begin());
  return levels == level_begin_.size() ? entries_.size() : level_begin_[levels];
}

}  // namespace treatysim
