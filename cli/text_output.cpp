#include "cli/text_output.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace treatysim::cli {

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

}  // namespace

std::string format_negotiation_text(const Trace& trace) {
  const Scenario& scenario = trace.scenario;
  const OutcomeSpace& space = scenario.space();
  const ProtocolDef& protocol = scenario.protocol();
  std::string text;
  text += scenario.title() + " [" + scenario.id() + "]\n";
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    const PartyDef& party = scenario.party(p);
    text += "  " + party.name + " (" + party.id + "): " + trace.agent_specs[p] + ", reservation " +
            fixed3(party.preferences.reservation_value) + ", discount " +
            format_number(party.preferences.discount) + "\n";
  }
  text += "  deadline " + std::to_string(protocol.deadline) + " offers, " +
          scenario.party(protocol.first_mover).id + " moves first, " +
          (protocol.information == Information::kComplete ? "complete" : "private") +
          " information, seed " + std::to_string(trace.seed) + "\n\n";

  // Column widths: each issue column fits its header and every option id (+1 for the marker).
  std::vector<std::size_t> widths;
  for (const Issue& issue : space.issues()) {
    std::size_t w = issue.id.size();
    for (const Option& option : issue.options) w = std::max(w, option.id.size() + 1);
    widths.push_back(w);
  }
  std::size_t party_width = 2;
  for (PartyIndex p = 0; p < kPartyCount; ++p) party_width = std::max(party_width, scenario.party(p).id.size());

  std::string header = "round  " + pad("by", party_width) + "  ";
  for (std::size_t i = 0; i < space.issue_count(); ++i) header += pad(space.issue(i).id, widths[i]) + "  ";
  for (PartyIndex p = 0; p < kPartyCount; ++p) header += pad_left("u(" + scenario.party(p).id + ")", 7) + "  ";
  header += "response";
  text += header + "\n" + std::string(header.size(), '-') + "\n";

  std::array<const Outcome*, kPartyCount> previous{nullptr, nullptr};
  const std::vector<Event>& events = trace.events;
  for (std::size_t k = 0; k < events.size(); ++k) {
    const Event& event = events[k];
    if (event.kind != EventKind::kOffer) continue;
    std::string row = pad_left(std::to_string(event.offer_index), 5) + "  " +
                      pad(scenario.party(event.party).id, party_width) + "  ";
    for (std::size_t i = 0; i < space.issue_count(); ++i) {
      const bool changed = previous[event.party] != nullptr && (*previous[event.party])[i] != event.outcome[i];
      const std::string& id = space.issue(i).options[static_cast<std::size_t>(event.outcome[i])].id;
      row += pad(id + (changed ? "*" : ""), widths[i]) + "  ";
    }
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      row += pad_left(fixed3(scenario.utility(p)(event.outcome)), 7) + "  ";
    }
    std::string response = "-";
    if (k + 1 < events.size()) {
      const Event& answer = events[k + 1];
      const std::string who = scenario.party(answer.party).id;
      switch (answer.kind) {
        case EventKind::kAccept: response = who + " accepts"; break;
        case EventKind::kReject: response = who + " rejects"; break;
        case EventKind::kWalkAway: response = who + " walks away"; break;
        default: break;
      }
    }
    text += row + response + "\n";
    previous[event.party] = &event.outcome;
  }
  text += "(* = clause changed since the proposer's previous offer)\n\n";

  const NegotiationResult& result = trace.result;
  switch (result.end) {
    case NegotiationEnd::kAgreement: {
      text += "Agreement on offer " + std::to_string(result.agreement_offer_index) + " (" +
              std::to_string(result.offers) + " offers made):\n";
      for (std::size_t i = 0; i < space.issue_count(); ++i) {
        const Option& option = space.issue(i).options[static_cast<std::size_t>((*result.agreement)[i])];
        text += "  " + pad(space.issue(i).label, 24) + " " + option.id;
        if (option.label != option.id) text += "  " + option.label;
        text += "\n";
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
      text += "No agreement: the deadline of " + std::to_string(protocol.deadline) +
              " offers passed.\n";
      break;
    case NegotiationEnd::kRunning: text += "Still running.\n"; break;
  }
  text += "Payoffs";
  text += result.end == NegotiationEnd::kAgreement ? " (utility, discounted):\n" : " (reservation values):\n";
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    text += "  " + pad(scenario.party(p).name, 24) + " " + fixed3(result.utilities[p]);
    if (result.end == NegotiationEnd::kAgreement) text += "  " + fixed3(result.discounted_utilities[p]);
    text += "\n";
  }
  return text;
}

}  // namespace treatysim::cli
