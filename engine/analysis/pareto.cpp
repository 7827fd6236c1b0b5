#include "engine/analysis/pareto.hpp"

#include <algorithm>
#include <limits>

#include "engine/model/tolerance.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim {

bool dominates(const std::array<double, kPartyCount>& a,
               const std::array<double, kPartyCount>& b) noexcept {
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
    points.push_back(
        OutcomePoint{outcome, i, {scenario.utility(0)(outcome), scenario.utility(1)(outcome)}});
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
  // prefix_best_u1[k]: the best u₁ among order[0, k).
  std::vector<double> prefix_best_u1(order.size() + 1, -std::numeric_limits<double>::infinity());
  for (std::size_t k = 0; k < order.size(); ++k) {
    prefix_best_u1[k + 1] = std::max(prefix_best_u1[k], order[k]->utilities[1]);
  }
  // p is dominated iff some q has u₀ better beyond the tolerance and u₁ at least p's within it,
  // or u₀ at least p's within the tolerance and u₁ better beyond it. Both sets of candidates q
  // are prefixes of `order`, so each test is one binary search and one prefix maximum. (The
  // tolerance makes dominance intransitive, so a sweep that compares only with the best point
  // seen so far can disagree with the definition near 1e-9.)
  auto dominated = [&](const OutcomePoint& p) {
    const auto much_higher = std::partition_point(
        order.begin(), order.end(),
        [&p](const OutcomePoint* q) { return utility_greater(q->utilities[0], p.utilities[0]); });
    const auto at_least = std::partition_point(
        order.begin(), order.end(),
        [&p](const OutcomePoint* q) { return utility_at_least(q->utilities[0], p.utilities[0]); });
    return utility_at_least(prefix_best_u1[static_cast<std::size_t>(much_higher - order.begin())],
                            p.utilities[1]) ||
           utility_greater(prefix_best_u1[static_cast<std::size_t>(at_least - order.begin())],
                           p.utilities[1]);
  };
  // The undominated points first, then levels formed among them only, so that the order does not
  // depend on dominated outcomes (which the non-enumerative frontier never sees).
  std::vector<const OutcomePoint*> kept;
  for (const OutcomePoint* p : order) {
    if (!dominated(*p)) kept.push_back(p);
  }
  std::vector<OutcomePoint> frontier;
  std::size_t begin = 0;
  while (begin < kept.size()) {
    // A level: points whose u₀ is within the tolerance of the level's first; listed by index.
    std::size_t end = begin + 1;
    while (end < kept.size() && utility_equal(kept[end]->utilities[0], kept[begin]->utilities[0]))
      ++end;
    std::vector<OutcomePoint> level;
    for (std::size_t k = begin; k < end; ++k) level.push_back(*kept[k]);
    std::sort(level.begin(), level.end(),
              [](const OutcomePoint& a, const OutcomePoint& b) { return a.index < b.index; });
    frontier.insert(frontier.end(), level.begin(), level.end());
    begin = end;
  }
  return frontier;
}

std::vector<OutcomePoint> pareto_frontier(const Scenario& scenario) {
  return pareto_frontier(enumerate_outcomes(scenario));
}

}  // namespace treatysim
