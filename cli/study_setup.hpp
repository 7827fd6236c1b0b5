// study_setup.hpp — what `sweep`, `tune` and `validate` share for sweep and tuning files: the
// registry's parameter ranges, the batch checks, and the threads.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "agents/registry.hpp"
#include "engine/studies/evaluation.hpp"
#include "engine/studies/study_file.hpp"
#include "engine/studies/study_plan.hpp"

namespace treatysim::cli {

// The range of the numeric parameter at `path` ("e", "bidding.e") of `strategy`, from the
// registry's metadata; throws UserError naming the strategy's numeric parameters when there is
// no such parameter.
[[nodiscard]] ParameterRange registry_parameter_range(const agents::Registry& registry,
                                                      const Spec& strategy,
                                                      const std::string& path);

// A ParameterLookup backed by the built-in registry.
[[nodiscard]] ParameterLookup builtin_parameter_lookup();

// Refuses strategies a batch run cannot play (interactive ones: a person decides), naming the
// file and key.
void check_batch_strategies(const StudyDef& study);

// The y-axis label of a study's metric, e.g. "mean utility of boulware (discounted)".
[[nodiscard]] std::string study_metric_label(const StudyDef& study);

// One line on what a study plays: "boulware vs conceder, linear · sta-2024 · both roles · 20
// seeds per pairing", listing at most `max_opponents` opponents ("+2 more").
[[nodiscard]] std::string study_description(const StudyDef& study, std::size_t max_opponents);

// For `validate`: when `text` (the content of `file`) is a sweep or tuning file, checks it
// completely (the file, its scenarios, the parameters and every spec, without playing) and
// returns the description after "OK": `sweep "NAME", 25 grid points, 6000 negotiations`;
// nullopt for other files. Throws UserError for the first problem.
[[nodiscard]] std::optional<std::string> validate_study_file(const std::string& file,
                                                             const std::string& text);

// Runs the pairings of an evaluation on `jobs` threads with oneTBB (0: all cores); empty (one
// after another) for jobs = 1. Results do not depend on the number of threads.
[[nodiscard]] ParallelFor parallel_for_jobs(int jobs);

}  // namespace treatysim::cli
