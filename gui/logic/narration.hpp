// narration.hpp — one plain sentence on what just happened in a negotiation, for the narration
// bar (presenter mode above all).
//
// Built only from the scenario's own words (party names, issue and option labels) and engine
// numbers (the scenario's utilities, the negotiation's reservation values, and the agent's own
// target where its strategy has one). The reason given for an answer is a checked fact, never a guessed motive:
//   - an offer worth less than the responder's reservation value: "below its reservation of R";
//   - else, an offer worth less than the responder's own target for its next offer (when its
//     strategy has one): "below the T it still asks for";
//   - else only the value: "it is worth X to it".
// What an offer says: a party's first offer is named by its option ids ("opens with
// S0/IP0/D0/G0/T2"); a later one by the clauses that changed since that party's previous offer,
// as "option label (Issue label)" ("now offers basic research only (Scope) and 5 years (Term)"),
// at most three, then "and N more changes"; an unchanged one "repeats its offer …".
// On a scenario with interaction terms, a last sentence names the terms the outcome in question
// triggers (term_report.hpp), only those of parties whose values may be shown:
//   "… Links: broad scope without strong guardrails: −0.15 for United States."
// Rounds are numbered from 1 (offer index r is round r+1). Values have two decimals.
// Examples (sta-2024):
//   "Round 1: the U.S. opens with S0/IP0/D0/G0/T2 — worth 1.00 to it and 0.31 to China."
//   "Round 6: China now offers basic + non-sensitive applied (Scope); the U.S. rejects — it is
//    worth 0.31 to it, below its reservation of 0.40."
//   "Round 12: China accepts the U.S. offer S0/IP1/D1/G1/T2, worth 0.62 to China and 0.71 to
//    the U.S. — agreement."
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/scenario.hpp"
#include "engine/protocol/event.hpp"
#include "gui/logic/visibility.hpp"

namespace treatysim::gui {

// Each party's own target utility at each offer index (Session::target_curve), where known.
using NarrationTargets = std::array<std::optional<std::vector<double>>, kPartyCount>;

// The possessive of party_phrase: "the U.S." (used as an adjective: "the U.S. offer"),
// "China's".
[[nodiscard]] std::string party_possessive(const Scenario& scenario, PartyIndex party);

// The name of a party in running text: "the U.S." for "United States", "the U.K." for "United
// Kingdom", "the EU" for "European Union", otherwise the name as written ("China").
[[nodiscard]] std::string party_phrase(const Scenario& scenario, PartyIndex party);

// party_phrase without a leading "the ", for headings and labels: "U.S.", "China".
[[nodiscard]] std::string party_short_name(const Scenario& scenario, PartyIndex party);

// What changed from `previous` to `outcome`, as "option label (Issue label)" items in issue
// order joined by ", " (the last by " and "), at most `max_items` of them, then ", and N more
// changes"; "" when nothing changed.
[[nodiscard]] std::string describe_changes(const Scenario& scenario, const Outcome& previous,
                                           const Outcome& outcome, std::size_t max_items = 3);

// A utility with two decimals ("0.31").
[[nodiscard]] std::string format_utility(double value);

// The sentence on events.back(), given the events before it; "" for no events. Only the values
// `shown` allows are told (visibility.hpp: a person playing under private information sees only
// their own, or none before picking a side): the others' utilities, reservation values and
// reasons are left out. `reservations` are the negotiation's reservation values
// (NegotiationResult::reservation_values); without them, the scenario's — for values drawn per
// negotiation those are only the means, so pass them.
[[nodiscard]] std::string narrate(
    const Scenario& scenario, const std::vector<Event>& events,
    const NarrationTargets& targets = {}, const ValueVisibility& shown = ValueVisibility::all(),
    const std::optional<std::array<double, kPartyCount>>& reservations = std::nullopt);

}  // namespace treatysim::gui
