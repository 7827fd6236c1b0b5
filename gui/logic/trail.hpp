// trail.hpp — which offers of a long history the outcome space draws as dots: each distinct
// outcome once, at the age of its most recent offer, newest first, at most a given number.
// Offers repeat a lot (an agent conceding slowly re-offers the same outcome for many rounds), so
// this keeps the picture of a 2,000-offer history to a few hundred dots. Pure logic, no ImGui.
#pragma once

#include <cstddef>
#include <functional>
#include <unordered_set>
#include <vector>

namespace treatysim::gui {

// One dot of a trail: the position of the offer in the input and its age (0 = the newest).
struct TrailDot {
  std::size_t index = 0;
  std::size_t age = 0;
  friend constexpr bool operator==(const TrailDot&, const TrailDot&) = default;
};

// The most recent offer of each distinct key in `keys` (oldest first in the input), newest
// first, at most `limit` of them. Properties: no two results share a key, every result is the
// last occurrence of its key, ages are strictly increasing, age = keys.size() − 1 − index, and
// the size is min(limit, number of distinct keys).
template <class Key, class Hash = std::hash<Key>, class Equal = std::equal_to<Key>>
[[nodiscard]] std::vector<TrailDot> latest_distinct(const std::vector<Key>& keys,
                                                    std::size_t limit) {
  std::vector<TrailDot> dots;
  std::unordered_set<Key, Hash, Equal> seen;
  for (std::size_t i = keys.size(); i-- > 0 && dots.size() < limit;) {
    if (seen.insert(keys[i]).second) dots.push_back({i, keys.size() - 1 - i});
  }
  return dots;
}

}  // namespace treatysim::gui
