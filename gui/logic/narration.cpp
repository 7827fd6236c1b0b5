#include "gui/logic/narration.hpp"

#include <cstdio>

#include "engine/model/term_report.hpp"
#include "engine/model/tolerance.hpp"

namespace treatysim::gui {

namespace {

double worth(const Scenario& scenario, PartyIndex party, const Outcome& outcome) {
  return scenario.utility(party)(outcome);
}

// Why a responder turned an offer down, as far as the numbers show: its reservation value, or
// its own target for its next offer.
std::string refusal_reason(const Scenario& scenario, PartyIndex responder, double reservation,
                           const Outcome& offer, int offer_index, const NarrationTargets& targets) {
  const double u = worth(scenario, responder, offer);
  std::string text = "it is worth " + format_utility(u) + " to it";
  if (!utility_at_least(u, reservation)) {
    return text + ", below its reservation of " + format_utility(reservation);
  }
  const auto& curve = targets[responder];
  const auto next = static_cast<std::size_t>(offer_index) + 1;
  if (curve && next < curve->size() && !utility_at_least(u, (*curve)[next])) {
    return text + ", below the " + format_utility((*curve)[next]) + " it still asks for";
  }
  return text;
}

// "opens with …", "now offers …" or "repeats its offer …" for the offer events[k].
std::string offer_phrase(const Scenario& scenario, const std::vector<Event>& events,
                         std::size_t k) {
  const Event& offer = events[k];
  const Event* previous = nullptr;
  for (std::size_t i = k; i-- > 0;) {
    if (events[i].kind == EventKind::kOffer && events[i].party == offer.party) {
      previous = &events[i];
      break;
    }
  }
  const std::string ids = scenario.space().format(offer.outcome);
  if (previous == nullptr) return "opens with " + ids;
  const std::string changes = describe_changes(scenario, previous->outcome, offer.outcome);
  if (changes.empty()) return "repeats its offer " + ids;
  return "now offers " + changes;
}

// Ends a sentence with a full stop unless its last word already has one ("the U.S.").
std::string end_sentence(std::string text) {
  if (text.empty() || text.back() != '.') text += '.';
  return text;
}

// " Links: <term>; <term>." — the interaction terms `outcome` triggers (term_report.hpp), only
// those of parties whose values may be shown; "" when there are none.
std::string links_sentence(const Scenario& scenario, const Outcome& outcome,
                           const ValueVisibility& visible) {
  std::string text;
  for (const TriggeredTerm& term : triggered_term_texts(scenario, outcome)) {
    if (!visible.shows(term.party)) continue;
    text += (text.empty() ? "" : "; ") + term.text;
  }
  return text.empty() ? text : " Links: " + end_sentence(text);
}

std::string round_prefix(const Event& event) {
  return "Round " + std::to_string(event.offer_index + 1) + ": ";
}

}  // namespace

std::string format_utility(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

std::string party_phrase(const Scenario& scenario, PartyIndex party) {
  const std::string& name = scenario.party(party).name;
  if (name == "United States" || name == "United States of America") return "the U.S.";
  if (name == "United Kingdom") return "the U.K.";
  if (name == "European Union") return "the EU";
  return name;
}

std::string party_short_name(const Scenario& scenario, PartyIndex party) {
  std::string phrase = party_phrase(scenario, party);
  if (phrase.rfind("the ", 0) == 0) phrase.erase(0, 4);
  return phrase;
}

std::string party_possessive(const Scenario& scenario, PartyIndex party) {
  const std::string phrase = party_phrase(scenario, party);
  if (!phrase.empty() && (phrase.back() == '.' || phrase.rfind("the ", 0) == 0)) return phrase;
  return phrase + "'s";
}

std::string describe_changes(const Scenario& scenario, const Outcome& previous,
                             const Outcome& outcome, std::size_t max_items) {
  const OutcomeSpace& space = scenario.space();
  std::vector<std::string> items;
  std::size_t changed = 0;
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    if (previous[i] == outcome[i]) continue;
    ++changed;
    if (items.size() < max_items) {
      const Issue& issue = space.issue(i);
      items.push_back(issue.options[static_cast<std::size_t>(outcome[i])].label + " (" +
                      issue.label + ")");
    }
  }
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) text += (i + 1 == items.size() && changed == items.size()) ? " and " : ", ";
    text += items[i];
  }
  if (changed > items.size()) {
    const std::size_t more = changed - items.size();
    text += ", and " + std::to_string(more) + (more == 1 ? " more change" : " more changes");
  }
  return text;
}

namespace {

// The sentence of narrate() without the terms the outcome triggers.
std::string narrate_event(const Scenario& scenario, const std::vector<Event>& events,
                          const NarrationTargets& targets, const ValueVisibility& visible,
                          const std::optional<std::array<double, kPartyCount>>& reservations) {
  const std::array<double, kPartyCount> reservation = reservations.value_or(
      std::array<double, kPartyCount>{scenario.party(0).preferences.reservation_value,
                                      scenario.party(1).preferences.reservation_value});
  const std::size_t last = events.size() - 1;
  const Event& event = events[last];
  const PartyIndex actor = event.party;
  const PartyIndex other = other_party(actor);
  const std::string who = party_phrase(scenario, actor);
  const std::string them = party_phrase(scenario, other);
  const auto shown = [&](PartyIndex party) { return visible.shows(party); };
  // " — worth A to <actor> and B to <other>" (", worth …" with `lead` ", "), leaving out what
  // may not be told; "" when nothing may.
  const auto worth_phrase = [&](const Outcome& outcome, const std::string& actor_name,
                                const std::string& lead) {
    std::string text;
    if (shown(actor)) text = format_utility(worth(scenario, actor, outcome)) + " to " + actor_name;
    if (shown(other)) {
      text += (text.empty() ? "" : " and ") + format_utility(worth(scenario, other, outcome)) +
              " to " + them;
    }
    return text.empty() ? text : lead + "worth " + text;
  };
  // " — <reason>" for a refusal by the actor, or "" when its values may not be told.
  const auto reason = [&](const NarrationTargets& known) {
    if (!shown(actor)) return std::string();
    return " — " + refusal_reason(scenario, actor, reservation[actor], event.outcome,
                                  event.offer_index, known);
  };

  switch (event.kind) {
    case EventKind::kOffer:
      return end_sentence(round_prefix(event) + who + " " + offer_phrase(scenario, events, last) +
                          worth_phrase(event.outcome, "it", " — "));
    case EventKind::kReject: {
      std::string text = round_prefix(event);
      if (last > 0 && events[last - 1].kind == EventKind::kOffer) {
        text += them + " " + offer_phrase(scenario, events, last - 1) + "; ";
      }
      return text + who + " rejects" + reason(targets) + ".";
    }
    case EventKind::kWalkAway:
      return round_prefix(event) + who + " walks away from " + party_possessive(scenario, other) +
             " offer" + reason(targets) + "; no agreement.";
    case EventKind::kAccept:
      return round_prefix(event) + who + " accepts " + party_possessive(scenario, other) +
             " offer " + scenario.space().format(event.outcome) +
             worth_phrase(event.outcome, who, ", ") + " — agreement.";
    case EventKind::kDeadline: {
      // The party that rejected the last offer; each side gets its reservation value.
      std::string text = round_prefix(event) + "the deadline passes without agreement — " + who +
                         " rejected " + party_possessive(scenario, other) + " last offer";
      if (shown(actor)) {
        text += " (" +
                refusal_reason(scenario, actor, reservation[actor], event.outcome,
                               event.offer_index, {}) +
                ")";
      }
      if (visible.shows_none()) return text + "; each side keeps its reservation value.";
      if (const auto only = visible.only()) {
        return text + "; " + party_phrase(scenario, *only) + " keeps its reservation value of " +
               format_utility(reservation[*only]) + ".";
      }
      return text + "; each side keeps its reservation value, " + format_utility(reservation[0]) +
             " for " + party_phrase(scenario, 0) + " and " + format_utility(reservation[1]) +
             " for " + end_sentence(party_phrase(scenario, 1));
    }
  }
  return {};
}

}  // namespace

std::string narrate(const Scenario& scenario, const std::vector<Event>& events,
                    const NarrationTargets& targets, const ValueVisibility& visible,
                    const std::optional<std::array<double, kPartyCount>>& reservations) {
  if (events.empty()) return {};
  // Every event concerns an offer's outcome (a response, the deadline: the last offer's).
  return narrate_event(scenario, events, targets, visible, reservations) +
         links_sentence(scenario, events.back().outcome, visible);
}

}  // namespace treatysim::gui
