// interaction_ids.hpp — an interaction term stated by ids ({issue id: [option ids]}), as front
// ends (the Python package) write it, resolved against a scenario's issues with the scenario
// file's rules and words.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/model/interactions.hpp"
#include "engine/model/issue.hpp"

namespace treatysim {

// A term's `when` by ids: (issue id, accepted option ids) pairs.
using InteractionWhenIds = std::vector<std::pair<std::string, std::vector<std::string>>>;

// The term with `when` resolved against `issues`, in the order the engine keeps (issues and
// options ascending). Throws UserError at `key` + ".when" or ".when.ISSUE" for an empty `when`,
// an unknown issue or option id, an issue or option listed twice, with the scenario file's words.
// The rest (a non-empty label, a finite utility, utilities in [0, 1]) is Scenario::create's
// validation.
[[nodiscard]] InteractionTerm interaction_term_from_ids(const std::vector<Issue>& issues,
                                                        std::string label,
                                                        const InteractionWhenIds& when,
                                                        double utility, const std::string& key);

// The term's `when` by ids (the inverse).
[[nodiscard]] InteractionWhenIds interaction_when_ids(const std::vector<Issue>& issues,
                                                      const InteractionTerm& term);

}  // namespace treatysim
