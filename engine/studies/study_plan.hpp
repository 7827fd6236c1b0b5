// study_plan.hpp — from a sweep or tuning file to the negotiations it plays: its scenarios
// loaded, the roles resolved, the parameters it studies located and bounded.
//
// Strategy parameters are bounded by the strategy registry, which the engine does not know: the
// front end passes a ParameterLookup (the CLI builds one from agents::builtin_registry()).
// Scenario parameters are the engine's own:
//   scenario.PARTY.reservation     the party's reservation value, in [0, 1]
//   scenario.PARTY.discount        its discount factor per offer, in (0, 1]
//   scenario.PARTY.weights.ISSUE   its weight of that issue, in [0, 1]; the other weights are
//                                  scaled by (1 − w) / (their sum) so the weights still sum to 1
//                                  (their sum must not be 0 unless w = 1)
// A scenario parameter applies to every scenario of the study; each must have the party (and
// the issue).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "engine/model/scenario.hpp"
#include "engine/studies/evaluation.hpp"
#include "engine/studies/study_file.hpp"

namespace treatysim {

// What the registry says of one numeric strategy parameter.
struct ParameterRange {
  double min = 0.0;            // inclusive
  double max = 0.0;            // inclusive
  double default_value = 0.0;  // the value the strategy has when the spec does not write it
  bool integer = false;        // values are rounded to whole numbers
};

// The range of the numeric parameter at `path` ("e", "bidding.e") of `strategy`; throws
// UserError (a message without location) when the strategy has no such numeric parameter.
using ParameterLookup =
    std::function<ParameterRange(const Spec& strategy, const std::string& path)>;

// True for "scenario.…" parameter paths.
[[nodiscard]] bool is_scenario_parameter(const std::string& path) noexcept;

// The study's scenarios, loaded (agent specs in them are not checked: the study sets both
// sides) with the deadline override applied. Errors are located at the scenarios entry.
[[nodiscard]] std::vector<Scenario> load_study_scenarios(const StudyDef& study);

// The plan of a study over these scenarios with these seeds: each scenario analysed, the roles
// resolved ("both", or the party with that id: every scenario must have it).
[[nodiscard]] EvaluationPlan make_plan(const StudyDef& study,
                                       const std::vector<Scenario>& scenarios,
                                       std::vector<std::uint64_t> seeds);

// Checks that every opponent can play the plan (errors located at its entry in the file) and
// that `candidate` can (errors located at `candidate_at`, under `candidate_key`).
void check_study_plan(const StudyDef& study, const EvaluationPlan& plan,
                      const AgentFactory& factory, const Spec& candidate,
                      const SourceLocation& candidate_at, const std::string& candidate_key);

// The range of a scenario parameter (checks the path against every scenario: the party and
// issue exist); throws UserError without location.
[[nodiscard]] ParameterRange scenario_parameter_range(const std::string& path,
                                                      const std::vector<Scenario>& scenarios);

// A copy of `scenario` with the scenario parameter at `path` set to `value` (validated).
[[nodiscard]] Scenario with_scenario_parameter(const Scenario& scenario, const std::string& path,
                                               double value);

}  // namespace treatysim
