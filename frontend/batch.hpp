// batch.hpp — what runs of many negotiations (tournaments, sweeps, tuning) check and look up in
// a strategy registry: the front ends pass the registry they play with (the CLI the built-in
// one, the Python package the built-in one plus the strategies written in Python).
#pragma once

#include <string>

#include "agents/registry.hpp"
#include "engine/studies/study_file.hpp"
#include "engine/studies/study_plan.hpp"
#include "engine/studies/tournament.hpp"

namespace treatysim::frontend {

// The range of the numeric parameter at `path` ("e", "bidding.e") of `strategy`, from the
// registry's metadata; throws UserError naming the strategy's numeric parameters when there is
// no such parameter.
[[nodiscard]] ParameterRange registry_parameter_range(const agents::Registry& registry,
                                                      const Spec& strategy,
                                                      const std::string& path);

// A ParameterLookup backed by `registry` (which must outlive it).
[[nodiscard]] ParameterLookup registry_parameter_lookup(const agents::Registry& registry);

// Refuses strategies a batch run cannot play (interactive ones: a person decides), naming the
// file and key.
void check_batch_strategies(const StudyDef& study, const agents::Registry& registry);

// The registry's AgentFactory::check, plus the refusal of players that cannot take part in a
// tournament: a person at the keyboard (interactive strategies) and scripted players (a fixed
// list of offers written for one scenario and side). `registry` must outlive the check.
[[nodiscard]] CompetitorCheck batch_competitor_check(const agents::Registry& registry);

}  // namespace treatysim::frontend
