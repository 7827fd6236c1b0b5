// analysis_json.hpp — a scenario's analysis as JSON: what `treatysim analyze --format json` prints
// and the Python package's Analysis holds, from one writer.
//
// Keys (stable): "scenario", "outcomes" (the count), "enumerated", "pareto_exact",
// "pareto_epsilon", with interaction terms also "pareto_method" and "utility_ranges" (each
// party's exact [min, max]), "pareto" (the frontier's points), "nash", "kalai_smorodinsky",
// "egalitarian", "utilitarian" (each a point, or null without an individually rational outcome),
// "spe" ({"agreement", "offer_index", "proposer", "outcome", "utilities", "values"}, or null on
// spaces too large to solve), "disagreement", "zopa" ({"counted", "count", "empty",
// "utility_ranges"}), for a scenario with drawn reservation values "types" (layout at
// type_analysis_to_json) and, for a chosen outcome, "outcome": {"outcome", "metrics"}. A point is
// {"outcome": {issue id: option id}, "utilities": {party id: value}}; numbers are rounded to 12
// significant digits (round_for_output).
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "engine/analysis/analysis.hpp"

namespace treatysim {

struct TypeAnalysis;  // engine/analysis/type_analysis.hpp

// {"outcome": {issue id: option id}, "utilities": {party id: value}}.
[[nodiscard]] nlohmann::ordered_json outcome_point_to_json(const Scenario& scenario,
                                                           const OutcomePoint& point);

// The metrics of one outcome: {"utilities", "social_welfare", "nash_product",
// "individually_rational", "pareto_optimal", "distance_to_pareto", "distance_to_nash",
// "distance_to_kalai_smorodinsky"} (the distances to solutions that do not exist are null).
[[nodiscard]] nlohmann::ordered_json outcome_metrics_to_json(const Scenario& scenario,
                                                             const OutcomeMetrics& metrics);

// The analysis over the drawn reservation values: {"reservations": {party id: {"distribution"
// (as written, or "fixed v"), "mean", "rule" (how the expectations integrate it)}},
// "type_nodes", "zopa_probability", "solutions": {"nash", "kalai_smorodinsky", "egalitarian",
// "utilitarian": {"probability", "mean_utilities", "sd_utilities"}}}.
[[nodiscard]] nlohmann::ordered_json type_analysis_to_json(const Scenario& scenario,
                                                           const TypeAnalysis& types);

// The whole analysis, with the types when the scenario draws its reservation values
// (analyze_types) and the metrics of `chosen` when given (layout above).
[[nodiscard]] nlohmann::ordered_json analysis_to_json(
    const Scenario& scenario, const ScenarioAnalysis& analysis,
    const std::optional<Outcome>& chosen = std::nullopt);

}  // namespace treatysim
