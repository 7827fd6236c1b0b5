// analysis.hpp — everything the analysis of a scenario says, in one place: the outcome count,
// the Pareto frontier, the disagreement point, the four bargaining solutions, the zone of possible
// agreement and the subgame-perfect equilibrium offer; plus the metrics of one outcome and of one
// negotiation. Front ends (analyze, the window, tournaments) read these numbers and never compute
// their own.
//
// Enumerable spaces (≤ 2²² outcomes): the solutions are searched over every outcome (brute force
// is the definition; ties to the lowest outcome index), the ZOPA is counted exactly, and the SPE
// is solved. Larger spaces: the frontier comes from additive_pareto_frontier (exact, or an
// ε-approximation it reports); the solutions are searched over the frontier (every solution has a
// frontier point with the same objective value, so only the tie-break can differ from brute
// force); the ZOPA's count and the SPE are not computed.
// Utilities with interaction terms: the frontier is pareto_frontier over every outcome when the
// space is enumerable, else interaction_pareto_frontier (exact branch and bound, or, with a time
// limit, the best found and its gap); everything else as above.
//
// Sources: Nash 1950; Kalai & Smorodinsky 1975; Kalai 1977; Rubinstein 1982; THEORY.md.
#pragma once

#include <array>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

#include "engine/analysis/additive_frontier.hpp"
#include "engine/analysis/bargaining.hpp"
#include "engine/protocol/event.hpp"

namespace treatysim {

// Thresholds on each side's utility for the two-level game (Putnam 1988): an outcome is in the
// win-set when uᵢ ≥ min_utility[i] for both; −∞ = no constraint.
struct WinSet {
  std::array<double, kPartyCount> min_utility{-std::numeric_limits<double>::infinity(),
                                              -std::numeric_limits<double>::infinity()};
  [[nodiscard]] bool contains(const std::array<double, kPartyCount>& u) const noexcept;
};

// The zone of possible agreement: the individually rational outcomes (uᵢ ≥ dᵢ for both).
struct ZoneOfAgreement {
  bool counted = false;     // false on spaces too large to enumerate
  std::uint64_t count = 0;  // number of individually rational outcomes (when counted)
  bool empty = true;        // no individually rational outcome
  std::array<double, kPartyCount> min_utility{};  // utility ranges over the zone (when not empty)
  std::array<double, kPartyCount> max_utility{};
};

// The equilibrium path's first offer.
struct EquilibriumSummary {
  bool agreement = false;  // false: the game ends in disagreement
  int offer_index = -1;    // when agreement
  PartyIndex proposer = 0;
  OutcomePoint offer;                        // the accepted offer (when agreement)
  std::array<double, kPartyCount> values{};  // each party's equilibrium payoff
};

struct ScenarioAnalysis {
  double outcome_count = 0.0;
  bool enumerated = false;
  FrontierResult frontier;
  std::array<double, kPartyCount> disagreement{};
  WinSet win_set;
  std::optional<OutcomePoint> nash;
  std::optional<OutcomePoint> kalai_smorodinsky;
  std::optional<OutcomePoint> egalitarian;
  std::optional<OutcomePoint> utilitarian;
  ZoneOfAgreement zopa;
  std::optional<EquilibriumSummary> equilibrium;  // enumerable spaces only
};

// True when either party's utility has interaction terms.
[[nodiscard]] bool has_interactions(const Scenario& scenario) noexcept;

// The frontier analyze_scenario reports (default options), computed once per scenario content and
// kept for the process (the last 16 scenarios): strategies that need it on large spaces (the Nash
// seeker, the equilibrium player) ask for it in every negotiation. Thread-safe.
[[nodiscard]] std::shared_ptr<const FrontierResult> shared_frontier(const Scenario& scenario);

// Analyses a scenario; `win_set` restricts the solutions (and the ZOPA) to outcomes inside it.
[[nodiscard]] ScenarioAnalysis analyze_scenario(const Scenario& scenario,
                                                const WinSet& win_set = {},
                                                const FrontierOptions& frontier_options = {});

// The metrics of one outcome, agreed at offer index `offer_index` (for the discounted values).
struct OutcomeMetrics {
  std::array<double, kPartyCount> utilities{};
  std::array<double, kPartyCount> discounted_utilities{};
  double social_welfare = 0.0;  // u₀ + u₁
  double nash_product = 0.0;    // (u₀ − d₀)(u₁ − d₁), 0 if not individually rational
  double distance_to_pareto = 0.0;         // Euclidean, to the nearest frontier point
  std::optional<double> distance_to_nash;  // Euclidean, when the solution exists
  std::optional<double> distance_to_kalai_smorodinsky;
  bool individually_rational = false;
  bool pareto_optimal = false;  // no outcome on the frontier dominates it
};
[[nodiscard]] OutcomeMetrics outcome_metrics(const Scenario& scenario,
                                             const ScenarioAnalysis& analysis,
                                             const Outcome& outcome, int offer_index = 0);

// Who conceded how much in a negotiation, from its events.
struct NegotiationMetrics {
  int offers = 0;
  // Each party's own utility of each of its offers, in order: its concession curve.
  std::array<std::vector<double>, kPartyCount> own_utility_of_own_offers;
  // First own offer's utility minus last own offer's utility (0 with fewer than two offers).
  std::array<double, kPartyCount> concession{};
};
[[nodiscard]] NegotiationMetrics negotiation_metrics(const Scenario& scenario,
                                                     const std::vector<Event>& events);

// Euclidean distance between two utility pairs.
[[nodiscard]] double utility_distance(const std::array<double, kPartyCount>& a,
                                      const std::array<double, kPartyCount>& b) noexcept;

}  // namespace treatysim
