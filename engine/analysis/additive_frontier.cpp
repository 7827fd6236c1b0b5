#include "engine/analysis/additive_frontier.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <unordered_map>

#include "engine/model/tolerance.hpp"

namespace treatysim {

namespace {

struct Partial {
  double u0;
  double u1;
  std::uint32_t parent;  // index in the previous level
  std::uint16_t option;  // option chosen for this level's issue
};

// The margin a partial must lose by to be pruned: the tolerance plus a slack for rounding.
// Adding the same later contributions to two partial sums keeps their order (rounding is
// monotone) but can shrink their difference by up to an ulp per addition (≤ 2.3e-16 each for
// utilities ≤ 1; ≤ 32 issues). A partial ahead by just over 1e-9 could then end up within the
// tolerance, so that its completion no longer dominates the pruned one's, which would be on the
// enumerative frontier. 1e-12 covers that many ulps with room to spare.
constexpr double kPruneMargin = kUtilityTolerance + 1e-12;

// Keeps the partials no other partial dominates exactly with a margin (see the header), in
// (u₀ desc, u₁ desc) order.
void prune(std::vector<Partial>& points) {
  std::sort(points.begin(), points.end(), [](const Partial& a, const Partial& b) {
    if (a.u0 != b.u0) return a.u0 > b.u0;
    if (a.u1 != b.u1) return a.u1 > b.u1;
    if (a.parent != b.parent) return a.parent < b.parent;
    return a.option < b.option;
  });
  const std::size_t n = points.size();
  std::vector<double> prefix_best(n + 1, -std::numeric_limits<double>::infinity());
  for (std::size_t k = 0; k < n; ++k) prefix_best[k + 1] = std::max(prefix_best[k], points[k].u1);
  std::vector<Partial> kept;
  kept.reserve(n);
  for (std::size_t k = 0; k < n; ++k) {
    const Partial& p = points[k];
    // Points with u₀ > p.u₀ + margin form a prefix; so do points with u₀ ≥ p.u₀.
    const auto much =
        std::partition_point(points.begin(), points.begin() + static_cast<std::ptrdiff_t>(k),
                             [&p](const Partial& q) { return q.u0 > p.u0 + kPruneMargin; });
    const auto at_least = std::partition_point(points.begin(), points.end(),
                                               [&p](const Partial& q) { return q.u0 >= p.u0; });
    const bool dominated =
        prefix_best[static_cast<std::size_t>(much - points.begin())] >= p.u1 ||
        prefix_best[static_cast<std::size_t>(at_least - points.begin())] > p.u1 + kPruneMargin;
    if (!dominated) kept.push_back(p);
  }
  points.swap(kept);
}

// ε-approximation step: one point (highest u₁, then highest u₀) per u₀ bucket of width `width`.
void bucket(std::vector<Partial>& points, double width) {
  std::unordered_map<std::int64_t, std::size_t> best;  // bucket → position in `kept`
  std::vector<Partial> kept;
  // Deterministic: visit in the (u₀ desc, u₁ desc) order prune() left.
  for (const Partial& p : points) {
    const auto key = static_cast<std::int64_t>(std::floor(p.u0 / width));
    const auto it = best.find(key);
    if (it == best.end()) {
      best.emplace(key, kept.size());
      kept.push_back(p);
    } else if (p.u1 > kept[it->second].u1) {
      kept[it->second] = p;
    }
  }
  points.swap(kept);
  prune(points);
}

}  // namespace

FrontierResult additive_pareto_frontier(const Scenario& scenario, const FrontierOptions& options) {
  const OutcomeSpace& space = scenario.space();
  const UtilityFunction& f0 = scenario.utility(0);
  const UtilityFunction& f1 = scenario.utility(1);
  const std::size_t issues = space.issue_count();
  FrontierResult result;
  std::vector<std::vector<Partial>> levels(issues);
  std::vector<Partial> previous{Partial{0.0, 0.0, 0, 0}};
  for (std::size_t i = 0; i < issues; ++i) {
    std::vector<Partial>& level = levels[i];
    const std::size_t options_here = space.issue(i).size();
    level.reserve(previous.size() * options_here);
    for (std::size_t k = 0; k < previous.size(); ++k) {
      for (std::size_t o = 0; o < options_here; ++o) {
        const auto oi = static_cast<int>(o);
        level.push_back(Partial{previous[k].u0 + f0.contribution(i, oi),
                                previous[k].u1 + f1.contribution(i, oi),
                                static_cast<std::uint32_t>(k), static_cast<std::uint16_t>(o)});
      }
    }
    prune(level);
    if (!result.exact || level.size() > options.max_points) {
      result.exact = false;
      result.epsilon = options.epsilon;
      bucket(level, options.epsilon / static_cast<double>(issues));
    }
    result.largest_level = std::max(result.largest_level, level.size());
    previous = level;
  }
  // Rebuild the outcomes, walking parents back from the last level.
  std::vector<OutcomePoint> points;
  points.reserve(previous.size());
  const bool indexable = space.size() < 1.8e19;
  for (std::size_t k = 0; k < previous.size(); ++k) {
    Outcome outcome(issues);
    std::size_t at = k;
    for (std::size_t i = issues; i-- > 0;) {
      const Partial& p = levels[i][at];
      outcome.set(i, p.option);
      at = p.parent;
    }
    std::uint64_t index = 0;
    if (indexable) {
      for (std::size_t i = 0; i < issues; ++i)
        index = index * space.issue(i).size() + static_cast<std::uint64_t>(outcome[i]);
    }
    points.push_back(OutcomePoint{outcome, index, {f0(outcome), f1(outcome)}});
  }
  if (!indexable) {
    std::sort(points.begin(), points.end(),
              [](const OutcomePoint& a, const OutcomePoint& b) { return a.outcome < b.outcome; });
    for (std::size_t k = 0; k < points.size(); ++k) points[k].index = k;
  }
  result.points = pareto_frontier(points);
  return result;
}

}  // namespace treatysim
