// lifecycle.hpp — the treaty's life: repeated negotiations, compliance, trust, domestic politics
// and events, month by month (docs/model.md documents every formula).
//
// Each month, in this order:
//  1. scheduled events dated this month, then random events (each fires with probability
//     yearly_rate/12 from the run's "events" stream), change trust, domestic pressure,
//     reservation values or issue weights, or force a lapse or a termination;
//  2. talks open `lead_months` before expiry (in force → renegotiating), with the clauses in
//     force as the status quo;
//  3. a phase of talks (renegotiation, extension or lapse) is one alternating-offers negotiation
//     whose deadline is the phase's months × offers_per_month, between the parties' negotiators,
//     played with the preferences of the moment: reservation value shifted by events and by
//     distrust (reservation_per_distrust·(baseline − trust)), and, for a party with tied hands,
//     raised to its win-set threshold. Offer r falls in month start + ⌊r/offers_per_month⌋. When
//     an event changes the preferences during a phase, the talks restart from that month with
//     the months that remain. An agreement goes home for ratification (Putnam's two-level game):
//     threshold rule u ≥ θ + pressure, or logistic p = 1/(1+exp(−k(u − θ − pressure))) drawn from
//     the "ratification" stream. Ratified by both: the treaty is renewed (same clauses) or
//     amended (new clauses), in force from the signing month — or, after a lapse and with
//     `retroactive`, from the lapse — for the agreed term. Refused at home (involuntary
//     defection): talks go on for the months that remain;
//  4. at expiry without a ratified agreement each party decides on a temporary extension: it
//     grants one iff continuing is worth at least lapsing to it, continuing being worth
//     max(u(status quo), u(expected deal)) with the expected deal the Nash solution of the
//     current game within both win-sets, and lapsing its current reservation value. Both grant
//     and fewer than max_extensions in a row: extended (talks go on for extension_months);
//     otherwise lapsed (talks go on for lapse_talks_months, then stop);
//  5. every `period_months` while the clauses apply, the compliance stage game
//     (compliance.hpp): each side's policy honours or exploits; an exploitation is detected with
//     probability q (the "detection" stream); a detected one costs the victim's trust
//     violation_hit and the violator a penalty when the dispute clause is strong enough; every
//     honoured period raises the other side's trust by compliance_gain;
//  6. trust drifts toward its baseline: t ← t + drift·(baseline − t);
//  7. the month's payoff: while the clauses apply u(clauses) + payoff_weight·(stage payoff of
//     the current period)/period_months, otherwise the base reservation value; the cumulative
//     total is discounted by monthly_discount per month.
// All randomness comes from the run seed (streams "events", "ratification", "detection",
// "compliance", "lifecycle-negotiation"); same scenario and seed ⇒ the same lifecycle.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/lifecycle/treaty_state.hpp"
#include "engine/model/calendar.hpp"
#include "engine/protocol/agent.hpp"
#include "engine/protocol/trace.hpp"

namespace treatysim {

// One stretch of the timeline: the treaty was in `state` from `from` until `to` (exclusive).
struct TimelineEntry {
  TreatyState state = TreatyState::kInForce;
  Month from;
  Month to;
  std::string cause;
  std::optional<Month> effective;  // set when the clauses took effect before `from` (retroactive)
};

// A dated line of the narrated log.
struct LogEntry {
  Month date;
  std::string
      kind;  // "event", "transition", "talks", "agreement", "ratification", "compliance", "extension"
  std::string text;
};

struct NegotiationRecord {
  std::string phase;            // "renegotiation", "extension", "lapse"
  Month opened;                 // the month this round of talks started
  Trace trace;                  // the negotiation as played
  std::optional<Month> agreed;  // the month of the agreement, if any
  std::array<bool, kPartyCount> ratified{false, false};
  // The talks started over (new positions), or a forced lapse or a termination cut them short,
  // before this agreement's month: it never happened.
  bool superseded = false;
};

struct CompliancePeriod {
  Month date;
  std::array<Move, kPartyCount> moves{};
  std::array<bool, kPartyCount> detected{false, false};  // party i's exploitation was detected
  std::array<double, kPartyCount> payoffs{};
};

struct LifecycleResult {
  std::uint64_t seed = 0;
  Month start;
  Month end;  // exclusive
  std::vector<TimelineEntry> timeline;
  std::vector<LogEntry> log;
  std::vector<NegotiationRecord> negotiations;
  std::vector<CompliancePeriod> compliance;
  std::vector<std::array<double, kPartyCount>> trust;    // per month, after the month
  std::vector<std::array<double, kPartyCount>> payoffs;  // per month
  std::array<double, kPartyCount> cumulative_discounted{};
  Outcome final_clauses;
  TreatyState final_state = TreatyState::kInForce;

  // The states in order, renegotiating left out: "in_force > extended > extended > lapsed > amended".
  [[nodiscard]] std::string path() const;
};

// Putnam's two-level game: the probability that `domestic` ratifies an agreement worth `u` to its
// party under domestic pressure `pressure` (the pressure of the moment: domestic.pressure moved by
// events and distrust). Threshold rule: 1 when u ≥ θ + pressure (within the utility tolerance),
// else 0; logistic rule: 1/(1+exp(−k(u − θ − pressure))). THEORY.md: k = 10, θ = 0.6, u = 0.65,
// no pressure → 0.622459.
[[nodiscard]] double ratification_probability(const DomesticDef& domestic, double u,
                                              double pressure);

// Simulates the scenario's treaty lifecycle (it must have a [treaty] section) for `years`
// (0: the scenario's own horizon) with negotiators and compliance policies from `factory`.
// Throws UserError when the scenario has no lifecycle or a spec cannot play.
[[nodiscard]] LifecycleResult simulate_lifecycle(const Scenario& scenario, std::uint64_t seed,
                                                 const AgentFactory& factory, int years = 0);

}  // namespace treatysim
