// interactions.hpp — interaction terms: clauses that are valued together (issue linkage).
//
// A party's utility may add terms to its additive part (Sebenius 1983, "Negotiation arithmetic";
// GENIUS's hyper-rectangle utility spaces, ANAC 2014):
//
//   u(ω) = Σᵢ wᵢ·vᵢ(ωᵢ) + Σₖ utilityₖ · [ω matches whenₖ]
//
// A term's `when` lists one or more issues, each with the options it accepts; ω matches when
// every listed issue takes one of its listed options (issues not listed are free). Geometrically
// a term is a box (a hyper-rectangle) of the outcome space, and an outcome's non-additive utility
// is the sum of the boxes that contain it. Scenario files write terms as
//
//   [[parties.interactions]]
//   label = "broad scope without guardrails"
//   when = { scope = ["S2", "S3"], guardrails = ["G2", "G3"] }
//   utility = -0.25
//
// Terms are held by Preferences; UtilityFunction compiles them for evaluation.
#pragma once

#include <string>
#include <vector>

#include "engine/model/outcome.hpp"

namespace treatysim {

// One issue of a term's `when`: the issue (index in the scenario) and the options it accepts.
struct InteractionCondition {
  std::size_t issue = 0;     // issue index
  std::vector<int> options;  // accepted option indices, ascending, no repeats, non-empty

  friend bool operator==(const InteractionCondition&, const InteractionCondition&) = default;
};

// A utility added when an outcome matches every condition.
struct InteractionTerm {
  std::string label;                       // what the linkage is, for traces and the window
  std::vector<InteractionCondition> when;  // ascending issue index, one condition per issue
  double utility = 0.0;                    // added to u(ω) when ω matches; may be negative

  // True when every listed issue of `outcome` takes one of its accepted options.
  [[nodiscard]] bool matches(const Outcome& outcome) const noexcept;

  friend bool operator==(const InteractionTerm&, const InteractionTerm&) = default;
};

// The indices of the terms an outcome triggers, in term order.
[[nodiscard]] std::vector<std::size_t> triggered_terms(const std::vector<InteractionTerm>& terms,
                                                       const Outcome& outcome);

// "+0.2" / "−0.25" (U+2212 minus) with up to 4 significant digits: how traces and the window
// write a term's utility.
[[nodiscard]] std::string format_term_utility(double utility);

}  // namespace treatysim
