// analyze_command.cpp — `treatysim analyze`: the frontier, the solutions, the ZOPA, the SPE.
#include <cstdio>
#include <ostream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/scenario_setup.hpp"
#include "cli/svg_plot.hpp"
#include "engine/analysis/analysis.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/model/user_error.hpp"
#include "engine/protocol/trace.hpp"

namespace treatysim::cli {

using nlohmann::ordered_json;

namespace {

std::string fixed3(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", value);
  return buffer;
}

ordered_json point_json(const Scenario& scenario, const OutcomePoint& p) {
  return {{"outcome", outcome_to_json(scenario, p.outcome)},
          {"utilities", party_values_to_json(scenario, p.utilities)}};
}

ordered_json optional_point_json(const Scenario& scenario, const std::optional<OutcomePoint>& p) {
  return p ? point_json(scenario, *p) : ordered_json(nullptr);
}

// "S0 (basic research only) / IP1 (2018 annex sustained) / …"
std::string clauses(const Scenario& scenario, const Outcome& outcome) {
  std::string text;
  const OutcomeSpace& space = scenario.space();
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    const Option& option = space.issue(i).options[static_cast<std::size_t>(outcome[i])];
    if (i > 0) text += " / ";
    text += option.id;
    if (option.label != option.id) text += " (" + option.label + ")";
  }
  return text;
}

std::string pair_text(const Scenario& scenario, const std::array<double, kPartyCount>& u) {
  return scenario.party(0).id + " " + fixed3(u[0]) + ", " + scenario.party(1).id + " " +
         fixed3(u[1]);
}

ordered_json metrics_json(const Scenario& scenario, const OutcomeMetrics& m) {
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

std::string metrics_text(const Scenario& scenario, const OutcomeMetrics& m) {
  std::string text;
  text += "  utilities            " + pair_text(scenario, m.utilities) + "\n";
  text += "  social welfare       " + fixed3(m.social_welfare) + "\n";
  text += "  Nash product         " + fixed3(m.nash_product) + "\n";
  text += std::string("  individually rational ") + (m.individually_rational ? "yes" : "no") + "\n";
  text +=
      std::string("  Pareto-optimal       ") +
      (m.pareto_optimal ? "yes" : "no, distance to the frontier " + fixed3(m.distance_to_pareto)) +
      "\n";
  if (m.distance_to_nash) text += "  distance to Nash     " + fixed3(*m.distance_to_nash) + "\n";
  if (m.distance_to_kalai_smorodinsky)
    text += "  distance to KS       " + fixed3(*m.distance_to_kalai_smorodinsky) + "\n";
  return text;
}

}  // namespace

int analyze_command(const AnalyzeOptions& options, std::ostream& out) {
  if (options.format != "text" && options.format != "json") {
    throw UserError("--format: expected text or json, got \"" + options.format + "\"");
  }
  const Scenario scenario = load_scenario(options.scenario, std::nullopt);
  std::optional<Outcome> chosen;
  if (!options.outcome.empty()) {
    std::string error;
    chosen = scenario.space().parse(options.outcome, &error);
    if (!chosen) throw UserError("--outcome: " + error);
  }
  FrontierOptions frontier_options;
  frontier_options.time_limit_seconds = options.time_limit;
  const ScenarioAnalysis analysis = analyze_scenario(scenario, {}, frontier_options);
  const bool linked = has_interactions(scenario);
  // --compare: another model of the same outcomes.
  std::optional<Scenario> other;
  std::optional<ScenarioAnalysis> other_analysis;
  std::size_t other_efficient = 0;
  std::optional<bool> other_nash_efficient;
  if (!options.compare.empty()) {
    other.emplace(load_scenario(options.compare, std::nullopt));
    const OutcomeSpace& a = scenario.space();
    const OutcomeSpace& b = other->space();
    bool same = a.issue_count() == b.issue_count();
    for (std::size_t i = 0; same && i < a.issue_count(); ++i) {
      same = a.issue(i).id == b.issue(i).id && a.issue(i).size() == b.issue(i).size();
      for (std::size_t o = 0; same && o < a.issue(i).size(); ++o)
        same = a.issue(i).options[o].id == b.issue(i).options[o].id;
    }
    if (!same) {
      throw UserError("--compare: " + options.compare +
                      " does not have the same issues and options as " + options.scenario);
    }
    other_analysis.emplace(analyze_scenario(*other, {}, frontier_options));
    for (const OutcomePoint& p : other_analysis->frontier.points) {
      if (outcome_metrics(scenario, analysis, p.outcome).pareto_optimal) ++other_efficient;
    }
    if (other_analysis->nash) {
      other_nash_efficient =
          outcome_metrics(scenario, analysis, other_analysis->nash->outcome).pareto_optimal;
    }
  }
  if (!options.svg.empty()) {
    if (other) {
      const ComparedFrontier compared{"Pareto frontier of " + other->id(),
                                      other_analysis->frontier.points};
      write_file_atomically(options.svg, outcome_space_svg(scenario, analysis, nullptr, &compared));
    } else {
      write_file_atomically(options.svg, outcome_space_svg(scenario, analysis));
    }
  }

  if (options.format == "json") {
    ordered_json json;
    json["scenario"] = scenario.id();
    json["outcomes"] = analysis.outcome_count;
    json["enumerated"] = analysis.enumerated;
    json["pareto_exact"] = analysis.frontier.exact;
    json["pareto_epsilon"] = analysis.frontier.epsilon;
    if (linked) {
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
    for (const OutcomePoint& p : analysis.frontier.points)
      pareto.push_back(point_json(scenario, p));
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
    zopa["count"] =
        analysis.zopa.counted ? ordered_json(analysis.zopa.count) : ordered_json(nullptr);
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
    if (chosen) {
      ordered_json metrics = metrics_json(scenario, outcome_metrics(scenario, analysis, *chosen));
      json["outcome"] = {{"outcome", outcome_to_json(scenario, *chosen)}, {"metrics", metrics}};
    }
    if (other) {
      ordered_json compared;
      compared["scenario"] = other->id();
      compared["frontier_outcomes"] = other_analysis->frontier.points.size();
      compared["frontier_outcomes_pareto_optimal_here"] = other_efficient;
      compared["nash"] = other_analysis->nash
                             ? outcome_to_json(*other, other_analysis->nash->outcome)
                             : ordered_json(nullptr);
      compared["nash_pareto_optimal_here"] =
          other_nash_efficient ? ordered_json(*other_nash_efficient) : ordered_json(nullptr);
      json["compared"] = std::move(compared);
    }
    out << json.dump(2) << "\n";
    return 0;
  }

  out << scenario.title() << " [" << scenario.id() << "]\n\n";
  char line[256];
  // Counts beyond 10^15 as 1e+40 (a double's digits past 2^53 are not the count's); scenarios
  // with interaction terms only, so additive output stays as it was.
  std::snprintf(
      line, sizeof line,
      linked && analysis.outcome_count >= 1e15 ? "Outcomes            %.4g%s\n"
                                               : "Outcomes            %.0f%s\n",
      analysis.outcome_count,
      analysis.enumerated ? "" : " (too many to list: solutions searched on the frontier)");
  out << line;
  out << "Pareto frontier     " << analysis.frontier.points.size() << " outcomes";
  if (!linked) {
    out << (analysis.frontier.exact ? " (exact)" : " (epsilon-approximation)") << "\n";
  } else if (analysis.frontier.method == "enumeration") {
    out << " (exact, every outcome enumerated)\n";
  } else if (analysis.frontier.exact) {
    out << " (exact, branch and bound over the interaction terms; one outcome per utility pair)\n";
  } else {
    out << " (not proven: the time limit ran out; no outcome lies more than "
        << fixed3(analysis.frontier.epsilon)
        << " above every listed one: each is within that of one, in both utilities)\n";
  }
  if (linked) {
    out << "Utility ranges      ";
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      out << (p ? ", " : "") << scenario.party(p).id << " "
          << fixed3(scenario.utility(p).min_utility()) << "–"
          << fixed3(scenario.utility(p).max_utility());
    }
    out << " (exact)\n";
  }
  out << "Disagreement point  " << pair_text(scenario, analysis.disagreement)
      << " (reservation values)\n";
  const ZoneOfAgreement& zopa = analysis.zopa;
  if (zopa.empty) {
    out << "ZOPA                empty: no outcome is individually rational for both\n";
  } else {
    out << "ZOPA                ";
    if (zopa.counted) out << zopa.count << " individually rational outcomes; ";
    out << scenario.party(0).id << " " << fixed3(zopa.min_utility[0]) << "–"
        << fixed3(zopa.max_utility[0]) << ", " << scenario.party(1).id << " "
        << fixed3(zopa.min_utility[1]) << "–" << fixed3(zopa.max_utility[1]) << "\n";
  }
  out << "\n";
  struct Named {
    const char* name;
    const std::optional<OutcomePoint>* point;
  };
  for (const Named n :
       {Named{"Nash bargaining solution", &analysis.nash},
        Named{"Kalai-Smorodinsky", &analysis.kalai_smorodinsky},
        Named{"Egalitarian", &analysis.egalitarian}, Named{"Utilitarian", &analysis.utilitarian}}) {
    if (!n.point->has_value()) {
      out << n.name << ": none (no individually rational outcome)\n\n";
      continue;
    }
    const OutcomePoint& p = **n.point;
    out << n.name << "  " << pair_text(scenario, p.utilities) << "\n  "
        << clauses(scenario, p.outcome) << "\n\n";
  }
  if (analysis.equilibrium) {
    const EquilibriumSummary& e = *analysis.equilibrium;
    if (e.agreement) {
      out << "Subgame-perfect equilibrium (" << scenario.protocol().deadline
          << " offers): " << scenario.party(e.proposer).id << " offers at offer " << e.offer_index
          << ", accepted; payoffs " << pair_text(scenario, e.values) << "\n  "
          << clauses(scenario, e.offer.outcome) << "\n";
    } else {
      out << "Subgame-perfect equilibrium: no agreement; payoffs " << pair_text(scenario, e.values)
          << "\n";
    }
  }
  if (chosen)
    out << "\nOutcome " << scenario.space().format(*chosen) << "\n"
        << metrics_text(scenario, outcome_metrics(scenario, analysis, *chosen));
  if (other) {
    out << "\nCompared with " << other->id() << ": " << other_efficient << " of its "
        << other_analysis->frontier.points.size() << " frontier outcomes are Pareto-optimal here";
    if (other_analysis->nash) {
      out << "; its Nash outcome " << scenario.space().format(other_analysis->nash->outcome)
          << (*other_nash_efficient ? " is" : " is not") << " Pareto-optimal here";
    }
    out << "\n";
  }
  return 0;
}

}  // namespace treatysim::cli
