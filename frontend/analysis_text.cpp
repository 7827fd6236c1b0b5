// analysis_text.cpp — the text of `treatysim analyze`.
#include <cstdio>
#include <sstream>

#include "engine/analysis/type_analysis.hpp"
#include "engine/model/reservation.hpp"
#include "frontend/reports.hpp"

namespace treatysim::frontend {

namespace {

std::string fixed3(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", value);
  return buffer;
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

// The solutions' distribution over the drawn reservation values (type_analysis.hpp).
std::string types_text(const Scenario& scenario, const TypeAnalysis& types) {
  std::ostringstream out;
  char line[256];
  out << "Over the drawn reservation values (types; each negotiation draws anew)\n";
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    const PartyDef& party = scenario.party(p);
    out << "  " << party.id << " reservation  "
        << (party.reservation_distribution
                ? describe_reservation(*party.reservation_distribution)
                : "fixed " + format_number(party.preferences.reservation_value))
        << ", mean " << fixed3(types.mean_reservation[p]) << " (" << types.rule[p] << ")\n";
  }
  std::snprintf(line, sizeof line, "  P(a ZOPA exists)  %.4f (exact)\n", types.zopa_probability);
  out << line;
  out << "  solution            exists   E[" << scenario.party(0).id << "] (sd)        E["
      << scenario.party(1).id << "] (sd)       (given it exists; " << types.nodes.size()
      << " type nodes)\n";
  struct Named {
    const char* name;
    const SolutionOverTypes* solution;
  };
  for (const Named n :
       {Named{"Nash", &types.nash}, Named{"Kalai-Smorodinsky", &types.kalai_smorodinsky},
        Named{"Egalitarian", &types.egalitarian}, Named{"Utilitarian", &types.utilitarian}}) {
    const SolutionOverTypes& s = *n.solution;
    if (s.probability <= 0.0) {
      std::snprintf(line, sizeof line, "  %-18s  %6.4f   -\n", n.name, s.probability);
    } else {
      std::snprintf(line, sizeof line, "  %-18s  %6.4f   %.3f (%.3f)     %.3f (%.3f)\n", n.name,
                    s.probability, s.mean_utility[0], s.sd_utility[0], s.mean_utility[1],
                    s.sd_utility[1]);
    }
    out << line;
  }
  out << "\n";
  return out.str();
}

}  // namespace

std::string analysis_text(const Scenario& scenario, const ScenarioAnalysis& analysis,
                          const std::optional<Outcome>& chosen) {
  std::ostringstream out;
  out << scenario.title() << " [" << scenario.id() << "]\n\n";
  const bool linked = has_interactions(scenario);
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
  const bool drawn = has_drawn_reservations(scenario.def());
  out << "Disagreement point  " << pair_text(scenario, analysis.disagreement)
      << (drawn ? " (the means of the drawn reservation values: the ZOPA and solutions below "
                  "are at these means; the distribution over the types follows)\n"
                : " (reservation values)\n");
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
  if (drawn) out << types_text(scenario, analyze_types(scenario, analysis));
  if (analysis.equilibrium) {
    const EquilibriumSummary& e = *analysis.equilibrium;
    if (e.agreement) {
      out << "Subgame-perfect equilibrium (" << scenario.protocol().deadline << " offers"
          << (drawn ? ", at the mean reservation values" : "")
          << "): " << scenario.party(e.proposer).id << " offers at offer " << e.offer_index
          << ", accepted; payoffs " << pair_text(scenario, e.values) << "\n  "
          << clauses(scenario, e.offer.outcome) << "\n";
    } else {
      out << "Subgame-perfect equilibrium" << (drawn ? " (at the mean reservation values)" : "")
          << ": no agreement; payoffs " << pair_text(scenario, e.values) << "\n";
    }
  }
  if (chosen)
    out << "\nOutcome " << scenario.space().format(*chosen) << "\n"
        << metrics_text(scenario, outcome_metrics(scenario, analysis, *chosen));
  return out.str();
}

}  // namespace treatysim::frontend
