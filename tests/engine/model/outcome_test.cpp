#include <doctest/doctest.h>

#include <sstream>
#include <type_traits>
#include <unordered_set>

#include "engine/model/outcome.hpp"

using treatysim::Outcome;

static_assert(std::is_nothrow_copy_constructible_v<Outcome>);
static_assert(std::is_trivially_copyable_v<Outcome>);
static_assert(std::equality_comparable<Outcome>);
static_assert(std::totally_ordered<Outcome>);

TEST_CASE("outcome is a regular value type: copy, compare, hash, print") {
  const Outcome a{0, 1, 1, 1, 2};
  Outcome b = a;
  CHECK(a == b);
  b.set(4, 3);
  CHECK(a != b);
  CHECK(a < b);  // lexicographic in issue order
  CHECK(Outcome{1, 0} > Outcome{0, 9});
  std::unordered_set<Outcome> set{a, b, a};
  CHECK(set.size() == 2);
  std::ostringstream out;
  out << a;
  CHECK(out.str() == "0/1/1/1/2");
}
