#include "engine/analysis/analysis_json.hpp"

#include "engine/analysis/type_analysis.hpp"
#include "engine/model/issue.hpp"
#include "engine/model/reservation.hpp"
#include "engine/protocol/trace.hpp"

namespace treatysim {

using nlohmann::ordered_json;

namespace {

ordered_json optional_point_json(const Scenario& scenario, const std::optional<OutcomePoint>& p) {
  return p ? outcome_point_to_json(scenario, *p) : ordered_json(nullptr);
}

}  // namespace

ordered_json type_analysis_to_json(const Scenario& scenario, const TypeAnalysis& types) {
  ordered_json json;
  ordered_json reservations = ordered_json::object();
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    const PartyDef& party = scenario.party(p);
    reservations[party.id] = {
        {"distribution", party.reservation_distribution
                             ? describe_reservation(*party.reservation_distribution)
                             : "fixed " + format_number(party.preferences.reservation_value)},
        {"mean", round_for_output(types.mean_reservation[p])},
        {"rule", types.rule[p]}};
  }
  json["reservations"] = std::move(reservations);
  json["type_nodes"] = types.nodes.size();
  json["zopa_probability"] = round_for_output(types.zopa_probability);
  struct Keyed {
    const char* key;
    const SolutionOverTypes* solution;
  };
  ordered_json solutions;
  for (const Keyed k :
       {Keyed{"nash", &types.nash}, Keyed{"kalai_smorodinsky", &types.kalai_smorodinsky},
        Keyed{"egalitarian", &types.egalitarian}, Keyed{"utilitarian", &types.utilitarian}}) {
    solutions[k.key] = {
        {"probability", round_for_output(k.solution->probability)},
        {"mean_utilities", party_values_to_json(scenario, k.solution->mean_utility)},
        {"sd_utilities", party_values_to_json(scenario, k.solution->sd_utility)}};
  }
  json["solutions"] = std::move(solutions);
  return json;
}

ordered_json outcome_point_to_json(const Scenario& scenario, const OutcomePoint& point) {
  return {{"outcome", outcome_to_json(scenario, point.outcome)},
          {"utilities", party_values_to_json(scenario, point.utilities)}};
}

ordered_json outcome_metrics_to_json(const Scenario& scenario, const OutcomeMetrics& m) {
  ordered_json json;
  json["utilities"] = party_values_to_json(scenario, m.utilities);
  json["social_welfare"] = round_for_output(m.social_welfare);
  json["nash_product"] = round_for_output(m.nash_product);
  json["individually_rational"] = m.individually_rational;
  json["pareto_optimal"] = m.pareto_optimal;
  json["distance_to_pareto"] = round_for_output(m.distance_to_pareto);
  json["distance_to_nash"] = m.distance_to_nash
                                 ? ordered_json(round_for_output(*m.distance_to_nash))
                                 : ordered_json(nullptr);
  json["distance_to_kalai_smorodinsky"] =
      m.distance_to_kalai_smorodinsky
          ? ordered_json(round_for_output(*m.distance_to_kalai_smorodinsky))
          : ordered_json(nullptr);
  return json;
}

ordered_json analysis_to_json(const Scenario& scenario, const ScenarioAnalysis& analysis,
                              const std::optional<Outcome>& chosen) {
  ordered_json json;
  json["scenario"] = scenario.id();
  json["outcomes"] = analysis.outcome_count;
  json["enumerated"] = analysis.enumerated;
  json["pareto_exact"] = analysis.frontier.exact;
  json["pareto_epsilon"] = analysis.frontier.epsilon;
  if (has_interactions(scenario)) {
    // Scenarios with interaction terms only (additive output stays as it was).
    json["pareto_method"] = analysis.frontier.method;
    ordered_json ranges = ordered_json::object();
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      ranges[scenario.party(p).id] = {round_for_output(scenario.utility(p).min_utility()),
                                      round_for_output(scenario.utility(p).max_utility())};
    }
    json["utility_ranges"] = std::move(ranges);
  }
  ordered_json pareto = ordered_json::array();
  for (const OutcomePoint& p : analysis.frontier.points) {
    pareto.push_back(outcome_point_to_json(scenario, p));
  }
  json["pareto"] = std::move(pareto);
  json["nash"] = optional_point_json(scenario, analysis.nash);
  json["kalai_smorodinsky"] = optional_point_json(scenario, analysis.kalai_smorodinsky);
  json["egalitarian"] = optional_point_json(scenario, analysis.egalitarian);
  json["utilitarian"] = optional_point_json(scenario, analysis.utilitarian);
  if (analysis.equilibrium) {
    const EquilibriumSummary& e = *analysis.equilibrium;
    ordered_json spe;
    spe["agreement"] = e.agreement;
    if (e.agreement) {
      spe["offer_index"] = e.offer_index;
      spe["proposer"] = scenario.party(e.proposer).id;
      spe["outcome"] = outcome_to_json(scenario, e.offer.outcome);
      spe["utilities"] = party_values_to_json(scenario, e.offer.utilities);
    }
    spe["values"] = party_values_to_json(scenario, e.values);
    json["spe"] = std::move(spe);
  } else {
    json["spe"] = nullptr;
  }
  json["disagreement"] = party_values_to_json(scenario, analysis.disagreement);
  ordered_json zopa;
  zopa["counted"] = analysis.zopa.counted;
  zopa["count"] = analysis.zopa.counted ? ordered_json(analysis.zopa.count) : ordered_json(nullptr);
  zopa["empty"] = analysis.zopa.empty;
  if (!analysis.zopa.empty) {
    ordered_json ranges = ordered_json::object();
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      ranges[scenario.party(p).id] = {round_for_output(analysis.zopa.min_utility[p]),
                                      round_for_output(analysis.zopa.max_utility[p])};
    }
    zopa["utility_ranges"] = std::move(ranges);
  }
  json["zopa"] = std::move(zopa);
  if (has_drawn_reservations(scenario.def())) {
    json["types"] = type_analysis_to_json(scenario, analyze_types(scenario, analysis));
  }
  if (chosen) {
    ordered_json metrics =
        outcome_metrics_to_json(scenario, outcome_metrics(scenario, analysis, *chosen));
    json["outcome"] = {{"outcome", outcome_to_json(scenario, *chosen)}, {"metrics", metrics}};
  }
  return json;
}

}  // namespace treatysim
