#include "engine/analysis/bargaining.hpp"

#include <algorithm>

#include "engine/model/tolerance.hpp"

namespace treatysim {

std::array<double, kPartyCount> disagreement_point(const Scenario& scenario) noexcept {
  return {scenario.party(0).preferences.reservation_value,
          scenario.party(1).preferences.reservation_value};
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
      case BargainingSolution::kNash:
        return g0 * g1;
      case BargainingSolution::kEgalitarian:
        return std::min(g0, g1);
      case BargainingSolution::kUtilitarian:
        return p.utilities[0] + p.utilities[1];
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
  // The maximum first, then the lowest index within the tolerance of it. (A single pass that
  // compares with the best so far misses a lower index tied with the maximum when values step up
  // by less than 1e-9 at a time, and on input out of index order can settle on a value more than
  // 1e-9 below the maximum.)
  std::vector<double> values;
  values.reserve(rational.size());
  for (const OutcomePoint* p : rational) values.push_back(objective(*p));
  const double best_value = *std::max_element(values.begin(), values.end());
  const OutcomePoint* best = nullptr;
  for (std::size_t k = 0; k < rational.size(); ++k) {
    if (utility_at_least(values[k], best_value) &&
        (best == nullptr || rational[k]->index < best->index)) {
      best = rational[k];
    }
  }
  return *best;
}

}  // namespace treatysim
