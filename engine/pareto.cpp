#include "engine/pareto.hpp"

#include <algorithm>

#include "engine/tolerance.hpp"
#include "engine/user_error.hpp"

namespace treatysim {

bool dominates(const std::array<double, kPartyCount>& a, const std::array<double, kPartyCount>& b) noexcept {
  return utility_at_least(a[0], b[0]) && utility_at_least(a[1], b[1]) &&
         (utility_greater(a[0], b[0]) || utility_greater(a[1], b[1]));
}

std::vector<OutcomePoint> enumerate_outcomes(const Scenario& scenario) {
  const OutcomeSpace& space = scenario.space();
  if (!space.enumerable()) throw UserError(too_large_message(space, "listing every outcome"));
  const std::uint64_t n = space.count();
  std::vector<OutcomePoint> points;
  points.reserve(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    const Outcome outcome = space.outcome_at(i);
    points.push_back(OutcomePoint{outcome, i, {scenario.utility(0)(outcome), scenario.utility(1)(outcome)}});
  }
  return points;
}

std::vector<OutcomePoint> pareto_frontier(const std::vector<OutcomePoint>& points) {
  std::vector<const OutcomePoint*> order;
  order.reserve(points.size());
  for (const OutcomePoint& p : points) order.push_back(&p);
  std::sort(order.begin(), order.end(), [](const OutcomePoint* a, const OutcomePoint* b) {
    if (a->utilities[0] != b->utilities[0]) return a->utilities[0] > b->utilities[0];
    if (a->utilities[1] != b->utilities[1]) return a->utilities[1] > b->utilities[1];
    return a->index < b->index;
  });
  std::vector<OutcomePoint> frontier;
  bool any_higher = false;
  double best_u1_higher = 0.0;  // the best u₁ among outcomes with strictly higher u₀
  std::size_t begin = 0;
  while (begin < order.size()) {
    // A level: outcomes whose u₀ is within the tolerance of the level's first.
    std::size_t end = begin + 1;
    while (end < order.size() && utility_equal(order[end]->utilities[0], order[begin]->utilities[0])) ++end;
    double level_best_u1 = order[begin]->utilities[1];
    for (std::size_t k = begin; k < end; ++k) level_best_u1 = std::max(level_best_u1, order[k]->utilities[1]);
    if (!any_higher || utility_greater(level_best_u1, best_u1_higher)) {
      std::vector<OutcomePoint> level;
      for (std::size_t k = begin; k < end; ++k) {
        if (utility_equal(order[k]->utilities[1], level_best_u1)) level.push_back(*order[k]);
      }
      std::sort(level.begin(), level.end(), [](const OutcomePoint& a, const OutcomePoint& b) { return a.index < b.index; });
      frontier.insert(frontier.end(), level.begin(), level.end());
    }
    if (!any_higher || level_best_u1 > best_u1_higher) best_u1_higher = level_best_u1;
    any_higher = true;
    begin = end;
  }
  return frontier;
}

std::vector<OutcomePoint> pareto_frontier(const Scenario& scenario) {
  return pareto_frontier(enumerate_outcomes(scenario));
}

}  // namespace treatysim
