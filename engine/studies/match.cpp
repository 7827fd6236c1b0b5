// match.cpp — one negotiation, summarised.
#include "engine/studies/match.hpp"

#include <algorithm>
#include <limits>

#include "engine/analysis/negotiation_solutions.hpp"
#include "engine/analysis/pareto.hpp"

namespace treatysim {

MatchRecord summarize_match(const Scenario& scenario, const ScenarioAnalysis& analysis,
                            const NegotiationResult& result) {
  static_cast<void>(scenario);
  MatchRecord record;
  record.end = result.end;
  record.offers = result.offers;
  record.utilities = result.discounted_utilities;
  record.undiscounted_utilities = result.utilities;
  record.social_welfare = result.discounted_utilities[0] + result.discounted_utilities[1];
  // Distances are measured in the (undiscounted) utility plane of the analysis; a negotiation
  // without agreement sits at the disagreement point (the reservation values).
  const std::array<double, kPartyCount>& reached = result.utilities;
  double nearest = std::numeric_limits<double>::infinity();
  bool dominated = false;
  for (const OutcomePoint& p : analysis.frontier.points) {
    nearest = std::min(nearest, utility_distance(p.utilities, reached));
    if (dominates(p.utilities, reached)) dominated = true;
  }
  record.distance_to_pareto = dominated ? nearest : 0.0;
  record.reservations = result.reservation_values;
  if (const std::optional<OutcomePoint> nash = solution_for_reservations(
          analysis, result.reservation_values, BargainingSolution::kNash)) {
    record.distance_to_nash = utility_distance(nash->utilities, reached);
  }
  return record;
}

MatchRunner::MatchRunner(const Scenario& scenario, const ScenarioAnalysis& analysis,
                         const AgentFactory& factory, const std::array<Spec, kPartyCount>& specs,
                         const std::array<const AccuracyBasis*, kPartyCount>& bases)
    : scenario_(scenario),
      analysis_(analysis),
      agents_{factory.create(specs[0]), factory.create(specs[1])},
      bases_(bases) {}

MatchRunner::~MatchRunner() = default;

MatchRecord MatchRunner::play(std::uint64_t seed) {
  if (!negotiation_) {
    negotiation_ = std::make_unique<Negotiation>(
        scenario_, std::array<Agent*, kPartyCount>{agents_[0].get(), agents_[1].get()}, seed);
  } else {
    negotiation_->restart(seed);
  }
  const NegotiationResult& result = negotiation_->run();
  MatchRecord record = summarize_match(scenario_, analysis_, result);
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    if (bases_[p] == nullptr) continue;
    record.models[p] =
        measure_agent(*bases_[p], *agents_[p], result.reservation_values[other_party(p)]);
  }
  return record;
}

MatchRecord play_match(const Scenario& scenario, const ScenarioAnalysis& analysis,
                       const AgentFactory& factory, const std::array<Spec, kPartyCount>& specs,
                       std::uint64_t seed) {
  MatchRunner runner(scenario, analysis, factory, specs);
  return runner.play(seed);
}

}  // namespace treatysim
