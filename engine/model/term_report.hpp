// term_report.hpp — which interaction terms an outcome triggers, in words, for traces, the
// clause board and the narration ("broad scope without strong guardrails: −0.15 for the United
// States").
//
// Terms that every outcome matches (each listed issue accepts all its options: a constant, such
// as sta-linkage's "baseline") are left out: they never distinguish one offer from another. A
// party with more than kListedTerms non-constant terms (the ANAC 2014 hyper-rectangles: hundreds)
// is summarised as "N of its M terms for NAME (sum +x)".
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "engine/model/outcome.hpp"
#include "engine/model/scenario.hpp"

namespace treatysim {

// Parties with at most this many non-constant terms have them listed by label.
inline constexpr std::size_t kListedTerms = 12;

// One triggered term (or, for a party with many terms, the summary of them).
struct TriggeredTerm {
  PartyIndex party = 0;
  std::string text;  // "broad scope without strong guardrails: −0.15 for the United States"
};

// True when every outcome matches the term (a constant).
[[nodiscard]] bool term_is_constant(const InteractionTerm& term, const OutcomeSpace& space);

// The non-constant terms `outcome` triggers, party 0's first, in term order.
[[nodiscard]] std::vector<TriggeredTerm> triggered_term_texts(const Scenario& scenario,
                                                              const Outcome& outcome);

// The same joined by "; " ("" when none).
[[nodiscard]] std::string triggered_terms_line(const Scenario& scenario, const Outcome& outcome);

}  // namespace treatysim
