#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/model/outcome_space.hpp"
#include "engine/model/preferences.hpp"
#include "engine/model/tolerance.hpp"
#include "engine/model/utility_index.hpp"
#include "tests/support/random_scenario.hpp"

using treatysim::Issue;
using treatysim::Option;
using treatysim::OutcomeSpace;
using treatysim::Preferences;
using treatysim::UtilityFunction;
using treatysim::UtilityIndex;

namespace {

Issue make_issue(const std::string& id, std::size_t options) {
  Issue issue;
  issue.id = id;
  for (std::size_t o = 0; o < options; ++o)
    issue.options.push_back(Option{id + std::to_string(o), {}, {}});
  return issue;
}

Preferences make_preferences(std::vector<double> weights, std::vector<std::vector<double>> values) {
  Preferences prefs;
  prefs.shapes.assign(weights.size(), treatysim::ValueShape::kTable);
  prefs.weights = std::move(weights);
  prefs.values = std::move(values);
  return prefs;
}

// One issue, five options worth 0.5, 0.9, 0.5, 0.2, 0.9 (weight 1): outcome index = option.
struct FiveOptions {
  OutcomeSpace space{{make_issue("x", 5)}};
  UtilityFunction utility{make_preferences({1.0}, {{0.5, 0.9, 0.5, 0.2, 0.9}})};
  UtilityIndex index{space, utility};
};

// What the index must answer, computed by scanning every outcome.
void check_against_brute_force(const OutcomeSpace& space, const UtilityFunction& utility,
                               const UtilityIndex& index, const std::vector<double>& base_targets) {
  const std::uint64_t n = space.count();
  std::vector<double> u(n);
  for (std::uint64_t i = 0; i < n; ++i) u[i] = utility(space.outcome_at(i));

  // A permutation of the space, each entry with its own utility, in the documented order.
  REQUIRE(index.size() == n);
  std::vector<bool> seen(n, false);
  for (std::size_t pos = 0; pos < index.size(); ++pos) {
    const UtilityIndex::Entry& e = index.entry(pos);
    REQUIRE(e.index < n);
    CHECK_FALSE(seen[e.index]);
    seen[e.index] = true;
    CHECK(e.utility == u[e.index]);
    if (pos > 0) {
      const UtilityIndex::Entry& prev = index.entry(pos - 1);
      const bool next_level = treatysim::utility_greater(prev.utility, e.utility);
      const bool same_level_by_index =
          treatysim::utility_equal(prev.utility, e.utility) && prev.index < e.index;
      CHECK_MESSAGE((next_level || same_level_by_index),
                    "position " << pos << ": " << prev.index << " (" << prev.utility << ") then "
                                << e.index << " (" << e.utility << ")");
    }
  }
  CHECK(index.best().utility == doctest::Approx(utility.max_utility()).epsilon(1e-12));
  CHECK(index.worst().utility == doctest::Approx(utility.min_utility()).epsilon(1e-12));
  CHECK(space.index_of(utility.best_outcome()) == index.best().index);  // the same tie-break

  std::vector<double> targets{-1.0, 0.0, 2.0};
  for (const double t : base_targets) {
    for (const double delta : {0.0, 1e-10, -1e-10, 1e-8, -1e-8}) targets.push_back(t + delta);
  }
  for (const double target : targets) {
    CAPTURE(target);
    std::size_t reaching = 0;
    bool any = false;
    double smallest = 0.0;
    for (std::uint64_t i = 0; i < n; ++i) {
      if (!treatysim::utility_at_least(u[i], target)) continue;
      ++reaching;
      if (!any || u[i] < smallest) smallest = u[i];
      any = true;
    }
    CHECK(index.count_at_least(target) == reaching);
    const UtilityIndex::Entry& answer = index.at_least(target);
    if (!any) {
      CHECK(answer.index == index.best().index);  // target above every utility: the best outcome
      continue;
    }
    std::uint64_t lowest = n;
    for (std::uint64_t i = 0; i < n && lowest == n; ++i) {
      if (treatysim::utility_equal(u[i], smallest)) lowest = i;
    }
    CHECK(answer.index == lowest);
    CHECK(treatysim::utility_equal(answer.utility, smallest));
  }
}

std::vector<double> sample_utilities(const UtilityIndex& index, std::size_t samples) {
  std::vector<double> out;
  const std::size_t step = index.size() / samples + 1;
  for (std::size_t pos = 0; pos < index.size(); pos += step)
    out.push_back(index.entry(pos).utility);
  out.push_back(index.worst().utility);
  return out;
}

}  // namespace

TEST_CASE("utility index: sorted by utility descending, ties by lowest outcome index") {
  const FiveOptions f;
  REQUIRE(f.index.size() == 5);
  const std::uint64_t expected_order[] = {1, 4, 0, 2, 3};  // 0.9, 0.9, 0.5, 0.5, 0.2
  const double expected_utility[] = {0.9, 0.9, 0.5, 0.5, 0.2};
  for (std::size_t pos = 0; pos < 5; ++pos) {
    CAPTURE(pos);
    CHECK(f.index.entry(pos).index == expected_order[pos]);
    CHECK(f.index.entry(pos).utility == expected_utility[pos]);
  }
  CHECK(f.index.best().index == 1);
  CHECK(f.index.worst().index == 3);
}

TEST_CASE("utility index: at_least is the smallest utility reaching the target, lowest index") {
  const FiveOptions f;
  CHECK(f.index.at_least(0.6).index == 1);  // 0.9 is the smallest utility ≥ 0.6
  CHECK(f.index.at_least(0.9).index == 1);
  CHECK(f.index.at_least(0.5).index == 0);  // 0.5 reached by 0 and 2: lowest index
  CHECK(f.index.at_least(0.3).index == 0);
  CHECK(f.index.at_least(0.2).index == 3);
  CHECK(f.index.at_least(0.0).index == 3);
  CHECK(f.index.at_least(-5.0).index == 3);
  CHECK(f.index.at_least(0.95).index == 1);  // above every utility: the best outcome
  // Tolerance 1e-9: a target 1e-10 above a utility still selects it; 1e-8 above does not.
  CHECK(f.index.at_least(0.5 + 1e-10).index == 0);
  CHECK(f.index.at_least(0.5 + 1e-8).index == 1);
  CHECK(f.index.at_least(0.2 + 1e-10).index == 3);
  CHECK(f.index.at_least(0.2 + 1e-8).index == 0);
}

TEST_CASE("utility index: count_at_least counts the outcomes reaching the target") {
  const FiveOptions f;
  CHECK(f.index.count_at_least(0.9) == 2);
  CHECK(f.index.count_at_least(0.9 + 1e-10) == 2);
  CHECK(f.index.count_at_least(0.9 + 1e-8) == 0);
  CHECK(f.index.count_at_least(0.6) == 2);
  CHECK(f.index.count_at_least(0.5) == 4);
  CHECK(f.index.count_at_least(0.5 + 1e-10) == 4);
  CHECK(f.index.count_at_least(0.5 + 1e-8) == 2);
  CHECK(f.index.count_at_least(0.2) == 5);
  CHECK(f.index.count_at_least(-1.0) == 5);
  CHECK(f.index.count_at_least(1.0) == 0);
}

TEST_CASE("utility index: utilities equal up to rounding form one level ordered by index") {
  // Weights 1/3 make 0.25 + 0.5 and 0.5 + 0.25 style sums differ in the last bits; the index
  // must treat them as one level, with the lowest outcome index first.
  const OutcomeSpace space({make_issue("a", 5), make_issue("b", 5), make_issue("c", 5)});
  const std::vector<double> quarters{0.0, 0.25, 0.5, 0.75, 1.0};
  const UtilityFunction utility(
      make_preferences({1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0}, {quarters, quarters, quarters}));
  const UtilityIndex index(space, utility);
  // Utility 1/3·(sum of quarters): 13 distinct levels for 125 outcomes.
  std::vector<double> levels;
  for (int k = 0; k <= 12; ++k) levels.push_back(static_cast<double>(k) * 0.25 / 3.0);
  check_against_brute_force(space, utility, index, levels);
  // The level "1.0/3": option sums 4 quarters; lowest index is (0, 0, 4) = 4.
  CHECK(index.at_least(1.0 / 3.0).index == 4);
  CHECK(index.at_least(1.0 / 3.0 - 1e-12).index == 4);
}

TEST_CASE("utility index matches brute force on random scenarios") {
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    CAPTURE(seed);
    const treatysim::Scenario scenario = treatysim::testing::random_scenario(seed);
    for (std::size_t p = 0; p < treatysim::kPartyCount; ++p) {
      CAPTURE(p);
      const UtilityIndex& index = scenario.utility_index(p, "utility index test");
      std::vector<double> targets = sample_utilities(index, 20);
      targets.push_back(scenario.party(p).preferences.reservation_value);
      check_against_brute_force(scenario.space(), scenario.utility(p), index, targets);
    }
  }
}

TEST_CASE("utility index on a grid of random scenarios with many ties") {
  // Values on a 0.1 grid make exact and near-exact ties common.
  for (std::uint64_t seed = 100; seed < 130; ++seed) {
    CAPTURE(seed);
    const treatysim::Scenario base = treatysim::testing::random_scenario(seed);
    treatysim::ScenarioDef def = base.def();
    for (auto& party : def.parties) {
      for (auto& values : party.preferences.values) {
        for (double& v : values) v = static_cast<double>(static_cast<int>(v * 10.0)) / 10.0;
      }
    }
    const treatysim::Scenario scenario = treatysim::Scenario::create(def);
    const UtilityIndex& index = scenario.utility_index(0, "utility index test");
    check_against_brute_force(scenario.space(), scenario.utility(0), index,
                              sample_utilities(index, 20));
  }
}
