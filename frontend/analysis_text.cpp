// analysis_text.cpp — the text of `treatysim analyze`.
#include <cstdio>
#include <sstream>

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

}  // namespace

std::string analysis_text(const Scenario& scenario, const ScenarioAnalysis& analysis,
                          const std::optional<Outcome>& chosen) {
  std::ostringstream out;
  out << scenario.title() << " [" << scenario.id() << "]\n\n";
  char line[256];
  std::snprintf(
      line, sizeof line, "Outcomes            %.0f%s\n", analysis.outcome_count,
      analysis.enumerated ? "" : " (too many to list: solutions searched on the frontier)");
  out << line;
  out << "Pareto frontier     " << analysis.frontier.points.size() << " outcomes"
      << (analysis.frontier.exact ? " (exact)" : " (epsilon-approximation)") << "\n";
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
  return out.str();
}

}  // namespace treatysim::frontend
