#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "engine/model/outcome_space.hpp"

using treatysim::Issue;
using treatysim::Option;
using treatysim::Outcome;
using treatysim::OutcomeSpace;

namespace {

// An issue `id` with options "<prefix>0" … "<prefix>(n−1)".
Issue make_issue(const std::string& id, const std::string& prefix, int options) {
  Issue issue;
  issue.id = id;
  issue.label = id;
  for (int o = 0; o < options; ++o) {
    issue.options.push_back(Option{prefix + std::to_string(o), "option " + std::to_string(o), {}});
  }
  return issue;
}

// 2 × 3 × 4 = 24 outcomes: scope (S0, S1), ip (IP0…IP2), term (T0…T3).
OutcomeSpace small_space() {
  return OutcomeSpace(
      {make_issue("scope", "S", 2), make_issue("ip", "IP", 3), make_issue("term", "T", 4)});
}

OutcomeSpace uniform_space(int issues, int options) {
  std::vector<Issue> list;
  for (int i = 0; i < issues; ++i)
    list.push_back(make_issue("i" + std::to_string(i), "o", options));
  return OutcomeSpace(std::move(list));
}

}  // namespace

TEST_CASE("mixed-radix index: first issue most significant, hand-computed strides 12, 4, 1") {
  const OutcomeSpace space = small_space();
  REQUIRE(space.enumerable());
  CHECK(space.count() == 24);
  CHECK(space.size() == 24.0);
  CHECK(space.index_of(Outcome{0, 0, 0}) == 0);
  CHECK(space.index_of(Outcome{0, 0, 1}) == 1);     // last issue is least significant
  CHECK(space.index_of(Outcome{0, 1, 0}) == 4);     // 1·4
  CHECK(space.index_of(Outcome{1, 0, 0}) == 12);    // 1·(3·4)
  CHECK(space.index_of(Outcome{1, 2, 3}) == 23);    // 12 + 2·4 + 3
  CHECK(space.outcome_at(17) == Outcome{1, 1, 1});  // 17 = 12 + 4 + 1
}

TEST_CASE("mixed-radix index round-trips for every outcome and follows lexicographic order") {
  const OutcomeSpace space = small_space();
  std::uint64_t expected = 0;
  Outcome previous;
  for (int s = 0; s < 2; ++s) {
    for (int ip = 0; ip < 3; ++ip) {
      for (int t = 0; t < 4; ++t) {
        const Outcome outcome{s, ip, t};
        CAPTURE(outcome);
        CHECK(space.contains(outcome));
        CHECK(space.index_of(outcome) == expected);
        CHECK(space.outcome_at(expected) == outcome);
        if (expected > 0) CHECK(previous < outcome);  // index order is outcome order
        previous = outcome;
        ++expected;
      }
    }
  }
  CHECK(expected == space.count());
}

TEST_CASE("format writes option ids in issue order and parse reads them back") {
  const OutcomeSpace space = small_space();
  CHECK(space.format(Outcome{1, 2, 0}) == "S1/IP2/T0");
  CHECK(space.format(Outcome{0, 0, 3}) == "S0/IP0/T3");
  for (std::uint64_t index = 0; index < space.count(); ++index) {
    const Outcome outcome = space.outcome_at(index);
    std::string error;
    const auto parsed = space.parse(space.format(outcome), &error);
    REQUIRE_MESSAGE(parsed.has_value(), error);
    CHECK(*parsed == outcome);
    CHECK(error.empty());
  }
}

TEST_CASE("parse errors say what was expected") {
  const OutcomeSpace space = small_space();
  std::string error;

  CHECK_FALSE(space.parse("S1/IP2", &error).has_value());
  CHECK(error ==
        "expected 3 option ids separated by '/', one per issue in order (scope, ip, term), got "
        "\"S1/IP2\"");

  CHECK_FALSE(space.parse("S1/IP2/T0/T1", &error).has_value());
  CHECK(error == "too many option ids in \"S1/IP2/T0/T1\": the scenario has 3 issues");

  CHECK_FALSE(space.parse("S1/IP2/T0/", &error).has_value());  // a trailing '/' is one id too many
  CHECK(error == "too many option ids in \"S1/IP2/T0/\": the scenario has 3 issues");

  CHECK_FALSE(space.parse("S1/IP7/T0", &error).has_value());
  CHECK(error == "issue 'ip' has no option \"IP7\" (options: IP0 IP1 IP2)");

  CHECK_FALSE(space.parse("s1/IP0/T0", &error).has_value());  // ids are case-sensitive
  CHECK(error == "issue 'scope' has no option \"s1\" (options: S0 S1)");

  CHECK_FALSE(space.parse("S1//T0", &error).has_value());
  CHECK(error == "issue 'ip' has no option \"\" (options: IP0 IP1 IP2)");

  CHECK_FALSE(space.parse("", &error).has_value());
  CHECK(
      error ==
      "expected 3 option ids separated by '/', one per issue in order (scope, ip, term), got \"\"");

  // A null error pointer is allowed.
  CHECK_FALSE(space.parse("nonsense", nullptr).has_value());
}

TEST_CASE("contains: one valid option per issue") {
  const OutcomeSpace space = small_space();
  CHECK(space.contains(Outcome{1, 2, 3}));
  CHECK_FALSE(space.contains(Outcome{2, 0, 0}));     // scope has 2 options
  CHECK_FALSE(space.contains(Outcome{0, 3, 0}));     // ip has 3
  CHECK_FALSE(space.contains(Outcome{0, 0, 4}));     // term has 4
  CHECK_FALSE(space.contains(Outcome{0, 0}));        // too few issues
  CHECK_FALSE(space.contains(Outcome{0, 0, 0, 0}));  // too many
  CHECK_FALSE(space.contains(Outcome{}));
  Outcome negative{0, 0, 0};
  negative.set(1, -1);
  CHECK_FALSE(space.contains(negative));
}

TEST_CASE("size and enumerable: 2^22 outcomes is the largest enumerable space") {
  const OutcomeSpace huge = uniform_space(24, 4);
  CHECK(huge.size() == 281474976710656.0);  // 4^24 = 2^48, exact in a double
  CHECK_FALSE(huge.enumerable());

  const OutcomeSpace limit = uniform_space(22, 2);
  CHECK(limit.size() == 4194304.0);
  CHECK(limit.enumerable());
  CHECK(limit.count() == treatysim::kMaxEnumerableOutcomes);
  CHECK(limit.index_of(limit.outcome_at(4194303)) == 4194303);

  const OutcomeSpace over = uniform_space(23, 2);
  CHECK(over.size() == 8388608.0);
  CHECK_FALSE(over.enumerable());

  CHECK(uniform_space(1, 2).size() == 2.0);
}

TEST_CASE("find_issue and numeric issues format with level ids") {
  const OutcomeSpace space(
      {make_issue("scope", "S", 2), Issue::make_numeric("share", "share", "", {0.0, 1.0, 5})});
  CHECK(space.find_issue("scope") == 0);
  CHECK(space.find_issue("share") == 1);
  CHECK(space.find_issue("missing") == -1);
  CHECK(space.issue(1).size() == 5);
  CHECK(space.format(Outcome{1, 3}) == "S1/3");
  std::string error;
  const auto parsed = space.parse("S0/4", &error);
  REQUIRE(parsed.has_value());
  CHECK(*parsed == Outcome{0, 4});
  CHECK(space.index_of(*parsed) == 4);
}
