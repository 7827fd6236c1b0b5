// trail: one dot per distinct offered outcome, at the age of its latest offer.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <set>
#include <vector>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include "gui/logic/trail.hpp"

using treatysim::gui::latest_distinct;
using treatysim::gui::TrailDot;

TEST_CASE("latest_distinct keeps the newest offer of each outcome, newest first") {
  // Offers (oldest first): A B A C B B → C at index 3 (age 2), B at 5 (age 0), A at 2 (age 3).
  const std::vector<int> keys{1, 2, 1, 3, 2, 2};
  const std::vector<TrailDot> dots = latest_distinct(keys, 10);
  REQUIRE(dots.size() == 3);
  CHECK(dots[0] == TrailDot{5, 0});
  CHECK(dots[1] == TrailDot{3, 2});
  CHECK(dots[2] == TrailDot{2, 3});
}

TEST_CASE("latest_distinct stops at the limit and handles empty input") {
  const std::vector<int> keys{1, 2, 1, 3, 2, 2};
  const std::vector<TrailDot> two = latest_distinct(keys, 2);
  REQUIRE(two.size() == 2);
  CHECK(two[0] == TrailDot{5, 0});
  CHECK(two[1] == TrailDot{3, 2});
  CHECK(latest_distinct(keys, 0).empty());
  CHECK(latest_distinct(std::vector<int>{}, 5).empty());
  // 2,000 offers of one outcome are one dot.
  CHECK(latest_distinct(std::vector<int>(2000, 7), 300) == std::vector<TrailDot>{{1999, 0}});
}

TEST_CASE("latest_distinct properties on random histories") {
  boost::random::mt19937 rng(11);
  for (int trial = 0; trial < 50; ++trial) {
    boost::random::uniform_int_distribution<int> value(0, 1 + trial);
    std::vector<int> keys(static_cast<std::size_t>(trial) * 13);
    for (int& k : keys) k = value(rng);
    const std::set<int> distinct(keys.begin(), keys.end());
    const std::size_t limit = static_cast<std::size_t>(trial % 7) + 1;
    const std::vector<TrailDot> dots = latest_distinct(keys, limit);
    CHECK(dots.size() == std::min(limit, distinct.size()));
    std::set<int> seen;
    for (std::size_t i = 0; i < dots.size(); ++i) {
      CHECK(dots[i].age == keys.size() - 1 - dots[i].index);
      if (i > 0) CHECK(dots[i].age > dots[i - 1].age);
      CHECK(seen.insert(keys[dots[i].index]).second);
      // The last occurrence: no later offer has the same key.
      for (std::size_t j = dots[i].index + 1; j < keys.size(); ++j) {
        CHECK(keys[j] != keys[dots[i].index]);
      }
    }
  }
}
