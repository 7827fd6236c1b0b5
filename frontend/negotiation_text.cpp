#include "frontend/reports.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "engine/model/term_report.hpp"

namespace treatysim::frontend {

namespace {

std::string fixed3(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", value);
  return buffer;
}

std::string pad(const std::string& text, std::size_t width) {
  return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

std::string pad_left(const std::string& text, std::size_t width) {
  return text.size() >= width ? text : std::string(width - text.size(), ' ') + text;
}

// "1 offer", "7 offers".
std::string offers(int count) {
  return std::to_string(count) + (count == 1 ? " offer" : " offers");
}

// How an option is shown in the table: its id, or for a numeric issue its value (the id of a
// numeric level is only its index, "56" for 0.56).
const std::string& shown(const Issue& issue, int option) {
  const Option& o = issue.options[static_cast<std::size_t>(option)];
  return issue.numeric ? o.label : o.id;
}

}  // namespace

std::string format_negotiation_text(const Trace& trace) {
  const Scenario& scenario = trace.scenario;
  const OutcomeSpace& space = scenario.space();
  const ProtocolDef& protocol = scenario.protocol();
  std::string text;
  text += scenario.title() + " [" + scenario.id() + "]\n";
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    const PartyDef& party = scenario.party(p);
    const std::string reservation =
        party.reservation_distribution
            ? fixed3(trace.result.reservation_values[p]) + " (drawn from " +
                  describe_reservation(*party.reservation_distribution) + ")"
            : fixed3(party.preferences.reservation_value);
    text += "  " + party.name + " (" + party.id + "): " + trace.agent_specs[p] + ", reservation " +
            reservation + ", discount " + format_number(party.preferences.discount) + "\n";
  }
  text += "  deadline " + offers(protocol.deadline) + ", " +
          scenario.party(protocol.first_mover).id + " moves first, " +
          (protocol.information == Information::kComplete ? "complete" : "private") +
          " information, seed " + std::to_string(trace.seed) + "\n\n";

  // Column widths: each issue column fits its header and every option (+1 for the marker).
  std::vector<std::size_t> widths;
  std::size_t summary_width = 0;  // widest option shown in the agreement summary
  for (const Issue& issue : space.issues()) {
    std::size_t w = issue.id.size();
    for (std::size_t o = 0; o < issue.options.size(); ++o) {
      const std::size_t option_width = shown(issue, static_cast<int>(o)).size();
      w = std::max(w, option_width + 1);
      summary_width = std::max(summary_width, option_width);
    }
    widths.push_back(w);
  }
  std::size_t party_width = 2;
  for (PartyIndex p = 0; p < kPartyCount; ++p)
    party_width = std::max(party_width, scenario.party(p).id.size());

  std::string header = "round  " + pad("by", party_width) + "  ";
  for (std::size_t i = 0; i < space.issue_count(); ++i)
    header += pad(space.issue(i).id, widths[i]) + "  ";
  for (PartyIndex p = 0; p < kPartyCount; ++p)
    header += pad_left("u(" + scenario.party(p).id + ")", 7) + "  ";
  header += "response";
  text += header + "\n" + std::string(header.size(), '-') + "\n";

  const bool linked =
      scenario.utility(0).has_interactions() || scenario.utility(1).has_interactions();
  std::array<const Outcome*, kPartyCount> previous{nullptr, nullptr};
  const std::vector<Event>& events = trace.events;
  for (std::size_t k = 0; k < events.size(); ++k) {
    const Event& event = events[k];
    if (event.kind != EventKind::kOffer) continue;
    std::string row = pad_left(std::to_string(event.offer_index), 5) + "  " +
                      pad(scenario.party(event.party).id, party_width) + "  ";
    for (std::size_t i = 0; i < space.issue_count(); ++i) {
      const bool changed =
          previous[event.party] != nullptr && (*previous[event.party])[i] != event.outcome[i];
      row += pad(shown(space.issue(i), event.outcome[i]) + (changed ? "*" : ""), widths[i]) + "  ";
    }
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      row += pad_left(fixed3(scenario.utility(p)(event.outcome)), 7) + "  ";
    }
    std::string response = "-";
    if (k + 1 < events.size()) {
      const Event& answer = events[k + 1];
      const std::string who = scenario.party(answer.party).id;
      switch (answer.kind) {
        case EventKind::kAccept:
          response = who + " accepts";
          break;
        case EventKind::kReject:
          response = who + " rejects";
          break;
        case EventKind::kWalkAway:
          response = who + " walks away";
          break;
        default:
          break;
      }
    }
    text += row + response + "\n";
    // Scenarios with interaction terms: the linked clauses this offer triggers.
    if (linked) {
      const std::string terms = triggered_terms_line(scenario, event.outcome);
      if (!terms.empty()) text += "       linked: " + terms + "\n";
    }
    previous[event.party] = &event.outcome;
  }
  text += "(* = clause changed since the proposer's previous offer)\n\n";

  const NegotiationResult& result = trace.result;
  switch (result.end) {
    case NegotiationEnd::kAgreement: {
      text += "Agreement on offer " + std::to_string(result.agreement_offer_index) + " (" +
              offers(result.offers) + " made):\n";
      for (std::size_t i = 0; i < space.issue_count(); ++i) {
        const Issue& issue = space.issue(i);
        const int chosen = (*result.agreement)[i];
        const Option& option = issue.options[static_cast<std::size_t>(chosen)];
        std::string line =
            "  " + pad(issue.label, 24) + " " + pad(shown(issue, chosen), summary_width);
        if (!issue.numeric && option.label != option.id) line += "  " + option.label;
        while (!line.empty() && line.back() == ' ') line.pop_back();
        text += line + "\n";
      }
      for (const TriggeredTerm& term : triggered_term_texts(scenario, *result.agreement)) {
        text += "  linked: " + term.text + "\n";
      }
      break;
    }
    case NegotiationEnd::kWalkAway: {
      const Event& last = events.back();
      text += "No agreement: " + scenario.party(last.party).name + " walked away from offer " +
              std::to_string(last.offer_index) + ".\n";
      break;
    }
    case NegotiationEnd::kDeadline:
      text += "No agreement: the deadline of " + offers(protocol.deadline) + " passed.\n";
      break;
    case NegotiationEnd::kRunning:
      text += "Still running.\n";
      break;
  }
  text += "Payoffs";
  text += result.end == NegotiationEnd::kAgreement ? " (utility, discounted):\n"
                                                   : " (reservation values):\n";
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    text += "  " + pad(scenario.party(p).name, 24) + " " + fixed3(result.utilities[p]);
    if (result.end == NegotiationEnd::kAgreement)
      text += "  " + fixed3(result.discounted_utilities[p]);
    text += "\n";
  }
  return text;
}

}  // namespace treatysim::frontend
