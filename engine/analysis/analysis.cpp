#include "engine/analysis/analysis.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <mutex>
#include <string>
#include <utility>

#include "engine/analysis/equilibrium.hpp"
#include "engine/analysis/interaction_frontier.hpp"
#include "engine/model/tolerance.hpp"

namespace treatysim {

bool has_interactions(const Scenario& scenario) noexcept {
  return scenario.utility(0).has_interactions() || scenario.utility(1).has_interactions();
}

std::shared_ptr<const FrontierResult> shared_frontier(const Scenario& scenario) {
  static std::mutex mutex;
  static std::deque<std::pair<std::string, std::shared_ptr<const FrontierResult>>> cache;
  const std::string& key = scenario.content_hash();
  {
    const std::lock_guard<std::mutex> lock(mutex);
    for (const auto& [hash, frontier] : cache) {
      if (hash == key) return frontier;
    }
  }
  // Computed outside the lock (seconds on the largest spaces); two threads may both compute it,
  // and get the same result.
  auto frontier = std::make_shared<const FrontierResult>(analyze_scenario(scenario).frontier);
  const std::lock_guard<std::mutex> lock(mutex);
  for (const auto& [hash, existing] : cache) {
    if (hash == key) return existing;
  }
  cache.emplace_back(key, frontier);
  if (cache.size() > 16) cache.pop_front();
  return frontier;
}

bool WinSet::contains(const std::array<double, kPartyCount>& u) const noexcept {
  return utility_at_least(u[0], min_utility[0]) && utility_at_least(u[1], min_utility[1]);
}

double utility_distance(const std::array<double, kPartyCount>& a,
                        const std::array<double, kPartyCount>& b) noexcept {
  return std::hypot(a[0] - b[0], a[1] - b[1]);
}

ScenarioAnalysis analyze_scenario(const Scenario& scenario, const WinSet& win_set,
                                  const FrontierOptions& frontier_options) {
  ScenarioAnalysis analysis;
  const OutcomeSpace& space = scenario.space();
  analysis.outcome_count = space.size();
  analysis.enumerated = space.enumerable();
  analysis.disagreement = disagreement_point(scenario);
  analysis.win_set = win_set;
  std::vector<OutcomePoint> all;
  if (analysis.enumerated) all = enumerate_outcomes(scenario);
  if (!has_interactions(scenario)) {
    analysis.frontier = additive_pareto_frontier(scenario, frontier_options);
  } else if (analysis.enumerated) {
    analysis.frontier.points = pareto_frontier(all);
    analysis.frontier.method = "enumeration";
  } else {
    InteractionFrontierOptions options;
    options.time_limit_seconds = frontier_options.time_limit_seconds;
    InteractionFrontierResult exact = interaction_pareto_frontier(scenario, options);
    analysis.frontier.points = std::move(exact.points);
    analysis.frontier.exact = exact.exact;
    analysis.frontier.epsilon = exact.gap;
    analysis.frontier.method = "branch_and_bound";
  }
  const std::vector<OutcomePoint>& searched = analysis.enumerated ? all : analysis.frontier.points;
  std::vector<OutcomePoint> candidates;
  candidates.reserve(searched.size());
  for (const OutcomePoint& p : searched) {
    if (win_set.contains(p.utilities)) candidates.push_back(p);
  }
  const auto& d = analysis.disagreement;
  analysis.nash = bargaining_solution(candidates, d, BargainingSolution::kNash);
  analysis.kalai_smorodinsky =
      bargaining_solution(candidates, d, BargainingSolution::kKalaiSmorodinsky);
  analysis.egalitarian = bargaining_solution(candidates, d, BargainingSolution::kEgalitarian);
  analysis.utilitarian = bargaining_solution(candidates, d, BargainingSolution::kUtilitarian);

  ZoneOfAgreement& zopa = analysis.zopa;
  zopa.counted = analysis.enumerated;
  for (const OutcomePoint& p : candidates) {
    if (!utility_at_least(p.utilities[0], d[0]) || !utility_at_least(p.utilities[1], d[1]))
      continue;
    if (zopa.empty) {
      zopa.min_utility = p.utilities;
      zopa.max_utility = p.utilities;
      zopa.empty = false;
    }
    for (PartyIndex i = 0; i < kPartyCount; ++i) {
      zopa.min_utility[i] = std::min(zopa.min_utility[i], p.utilities[i]);
      zopa.max_utility[i] = std::max(zopa.max_utility[i], p.utilities[i]);
    }
    ++zopa.count;
  }
  if (!zopa.counted) zopa.count = 0;

  if (analysis.enumerated) {
    const SubgamePerfectEquilibrium spe(scenario);
    EquilibriumSummary summary;
    summary.values = spe.values();
    if (const EquilibriumStep* step = spe.agreement()) {
      summary.agreement = true;
      summary.offer_index = spe.agreement_offer_index();
      summary.proposer = step->proposer;
      summary.offer =
          OutcomePoint{step->offer,
                       space.index_of(step->offer),
                       {scenario.utility(0)(step->offer), scenario.utility(1)(step->offer)}};
    }
    analysis.equilibrium = summary;
  }
  return analysis;
}

OutcomeMetrics outcome_metrics(const Scenario& scenario, const ScenarioAnalysis& analysis,
                               const Outcome& outcome, int offer_index) {
  OutcomeMetrics m;
  const auto& d = analysis.disagreement;
  for (PartyIndex i = 0; i < kPartyCount; ++i) {
    m.utilities[i] = scenario.utility(i)(outcome);
    m.discounted_utilities[i] =
        std::pow(scenario.party(i).preferences.discount, offer_index) * m.utilities[i];
  }
  m.social_welfare = m.utilities[0] + m.utilities[1];
  m.individually_rational =
      utility_at_least(m.utilities[0], d[0]) && utility_at_least(m.utilities[1], d[1]);
  m.nash_product = m.individually_rational
                       ? std::max(0.0, m.utilities[0] - d[0]) * std::max(0.0, m.utilities[1] - d[1])
                       : 0.0;
  double nearest = std::numeric_limits<double>::infinity();
  m.pareto_optimal = true;
  for (const OutcomePoint& p : analysis.frontier.points) {
    nearest = std::min(nearest, utility_distance(p.utilities, m.utilities));
    if (dominates(p.utilities, m.utilities)) m.pareto_optimal = false;
  }
  m.distance_to_pareto = m.pareto_optimal ? 0.0 : nearest;
  if (analysis.nash) m.distance_to_nash = utility_distance(analysis.nash->utilities, m.utilities);
  if (analysis.kalai_smorodinsky) {
    m.distance_to_kalai_smorodinsky =
        utility_distance(analysis.kalai_smorodinsky->utilities, m.utilities);
  }
  return m;
}

NegotiationMetrics negotiation_metrics(const Scenario& scenario, const std::vector<Event>& events) {
  NegotiationMetrics m;
  for (const Event& e : events) {
    if (e.kind != EventKind::kOffer) continue;
    ++m.offers;
    m.own_utility_of_own_offers[e.party].push_back(scenario.utility(e.party)(e.outcome));
  }
  for (PartyIndex i = 0; i < kPartyCount; ++i) {
    const auto& curve = m.own_utility_of_own_offers[i];
    m.concession[i] = curve.size() >= 2 ? curve.front() - curve.back() : 0.0;
  }
  return m;
}

}  // namespace treatysim
