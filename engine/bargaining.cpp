#include "engine/bargaining.hpp"

#include <algorithm>

#include "engine/tolerance.hpp"

namespace treatysim {

std::array<double, kPartyCount> disagreement_point(const Scenario& scenario) noexcept {
  return {scenario.party(0).preferences.reservation_value, scenario.party(1).preferences.reservation_value};
}

std::optional<OutcomePoint> bargaining_solution(const std::vector<OutcomePoint>& points,
                                                const std::array<double, kPartyCount>& d,
                                                BargainingSolution solution) {
  std::vector<const OutcomePoint*> rational;
  std::array<double, kPartyCount> ideal{d[0], d[1]};
  for (const OutcomePoint& p : points) {
    if (utility_at_least(p.utilities[0], d[0]) && utility_at_least(p.utilities[1], d[1])) {
      rational.push_back(&p);
      ideal[0] = std::max(ideal[0], p.utilities[0]);
      ideal[1] = std::max(ideal[1], p.utilities[1]);
    }
  }
  if (rational.empty()) return std::nullopt;
  auto objective = [&](const OutcomePoint& p) {
    const double g0 = p.utilities[0] - d[0];
    const double g1 = p.utilities[1] - d[1];
    switch (solution) {
      case BargainingSolution::kNash: return g0 * g1;
      case BargainingSolution::kEgalitarian: return std::min(g0, g1);
      case BargainingSolution::kUtilitarian: return p.utilities[0] + p.utilities[1];
      case BargainingSolution::kKalaiSmorodinsky: {
        const double r0 = ideal[0] - d[0];
        const double r1 = ideal[1] - d[1];
        const bool use0 = r0 > kUtilityTolerance;
        const bool use1 = r1 > kUtilityTolerance;
        if (use0 && use1) return std::min(g0 / r0, g1 / r1);
        if (use0) return g0 / r0;
        if (use1) return g1 / r1;
        return 0.0;
      }
    }
    return 0.0;
  };
  const OutcomePoint* best = rational.front();
  double best_value = objective(*best);
  for (const OutcomePoint* p : rational) {
    const double value = objective(*p);
    if (utility_greater(value, best_value) || (utility_equal(value, best_value) && p->index < best->index)) {
      best = p;
      best_value = std::max(best_value, value);
    }
  }
  return *best;
}

}  // namespace treatysim
