// interaction_frontier.hpp — the exact Pareto frontier when utilities have interaction terms, on
// outcome spaces of any size (10⁵⁰ outcomes and beyond), by bi-objective branch and bound.
//
// Structure exploited: each term is a box of the outcome space, and an outcome's utility is its
// additive part plus the boxes that contain it. BoxRelaxation (engine/model/utility_search.hpp)
// turns the terms not yet decided at a node into per-issue option tables, so that every outcome
// below the node has a utility pair dominated by fixed + Σ_{open issues i} (T₀(i, ωᵢ), T₁(i, ωᵢ)):
// an additive bi-objective problem. Its upper-right convex hull is the Minkowski sum of the
// per-issue hulls (edges merged by slope), a concave chain computed in O(E log E) for E hull
// edges.
//
// Phase 1 (the frontier's utility pairs). Depth-first search over the issues (most-constrained
// first; options by T₀ + T₁, best first) with an archive of the non-dominated pairs found. A node
// is pruned when its hull lies inside the region the archive covers, {y : y ≤ z + 10⁻¹² for some
// archived z}: every outcome below it is then dominated by, or equal (up to rounding) to, an
// archived pair. A leaf's pair enters the archive unless an archived pair covers it, and removes
// the pairs it covers. Exactness: the hull contains every outcome's pair below the node (the
// relaxation is a componentwise upper bound for the same outcome, and the hull of the relaxed
// points contains them), so a pruned node holds no pair the archive does not cover; at the end
// every outcome has been examined or covered, and the archive is the set of non-dominated pairs.
//
// Phase 2 (the outcomes). For each pair (a, b) the lowest-index outcome with u ≥ (a, b) − 10⁻¹²
// (such an outcome has exactly that pair, the pair being non-dominated): issue by issue, the
// lowest option from which some completion still reaches (a, b), each question answered by the
// same branch and bound with the hull test "does the hull reach (a, b)?".
//
// The result equals the brute-force frontier (pareto_frontier over every outcome) with one
// outcome per utility pair, the lowest index, whenever utilities that differ do so by more than
// the 1e-9 tolerance (floating-point rounding of the order of 10⁻¹⁵ aside): pairs closer than
// 10⁻¹² count as one. The points are then filtered and ordered by pareto_frontier() itself.
//
// With a time limit the search stops early: `exact` is false and `gap` says how far from proven
// the result is — every outcome not examined has a pair within `gap` (in both utilities) of a
// returned point or below one (the largest distance from the archive's covered region to the
// hull of any unexplored node).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/analysis/pareto.hpp"

namespace treatysim {

struct InteractionFrontierOptions {
  double time_limit_seconds = 0.0;  // 0 = no limit
};

struct InteractionFrontierResult {
  std::vector<OutcomePoint> points;  // ordered like pareto_frontier(): u₀ descending
  bool exact = true;                 // proven (the search finished)
  double gap = 0.0;                  // when not exact: see the header
  std::uint64_t nodes = 0;           // search nodes visited (phase 1)
  std::size_t supported = 0;         // supported points found by the weighted searches
  double seconds = 0.0;              // wall time of both phases
  double seconds_supported = 0.0;    // of which: the weighted searches
  double seconds_triangles = 0.0;    //           the triangle searches
  double seconds_outcomes = 0.0;     //           phase 2 (lowest-index outcomes)
};

// The frontier of a scenario, enumerable or not; meant for utilities with interaction terms (it
// is exact for additive ones too, but additive_pareto_frontier is faster there).
[[nodiscard]] InteractionFrontierResult interaction_pareto_frontier(
    const Scenario& scenario, const InteractionFrontierOptions& options = {});

}  // namespace treatysim
