#include "engine/model/term_report.hpp"

#include <cstdio>

#include "engine/model/interactions.hpp"

namespace treatysim {

bool term_is_constant(const InteractionTerm& term, const OutcomeSpace& space) {
  for (const InteractionCondition& condition : term.when) {
    if (condition.options.size() < space.issue(condition.issue).size()) return false;
  }
  return true;
}

std::vector<TriggeredTerm> triggered_term_texts(const Scenario& scenario, const Outcome& outcome) {
  std::vector<TriggeredTerm> out;
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    const PartyDef& party = scenario.party(p);
    const std::vector<InteractionTerm>& terms = party.preferences.interactions;
    std::size_t varying = 0;
    for (const InteractionTerm& term : terms) {
      if (!term_is_constant(term, scenario.space())) ++varying;
    }
    if (varying == 0) continue;
    if (varying <= kListedTerms) {
      for (const InteractionTerm& term : terms) {
        if (term_is_constant(term, scenario.space()) || !term.matches(outcome)) continue;
        const std::string label = term.label.empty() ? "a linked term" : term.label;
        out.push_back({p, label + ": " + format_term_utility(term.utility) + " for " + party.name});
      }
      continue;
    }
    std::size_t hit = 0;
    double sum = 0.0;
    for (const InteractionTerm& term : terms) {
      if (term_is_constant(term, scenario.space()) || !term.matches(outcome)) continue;
      ++hit;
      sum += term.utility;
    }
    out.push_back({p, std::to_string(hit) + " of its " + std::to_string(varying) + " terms for " +
                          party.name + " (sum " + format_term_utility(sum) + ")"});
  }
  return out;
}

std::string triggered_terms_line(const Scenario& scenario, const Outcome& outcome) {
  std::string line;
  for (const TriggeredTerm& term : triggered_term_texts(scenario, outcome)) {
    if (!line.empty()) line += "; ";
    line += term.text;
  }
  return line;
}

}  // namespace treatysim
