// lifecycle_json.hpp — a treaty's simulated life as JSON and CSV: what `treatysim simulate
// --format json|csv` prints and the Python package's Lifecycle holds, from one writer.
//
// JSON: {"format": "treatysim-lifecycle", "scenario", "seed", "start", "end", "path",
// "timeline" ([{state, from, to, cause, effective?}], dates as YYYY-MM), "log" ([{date, kind,
// text}]), "negotiations" ([{phase, opened, agreed, superseded, ratified: {party: bool}, trace}],
// trace as trace_to_json), "compliance" ([{date, moves, detected, payoffs}]), "months"
// ([{month, trust, payoff}]), "cumulative_discounted_payoffs", "final_state", "final_clauses"}.
// CSV: month,state,trust_<a>,trust_<b>,payoff_<a>,payoff_<b> — one row per month.
// Numbers are rounded to 12 significant digits (round_for_output).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "engine/lifecycle/lifecycle.hpp"

namespace treatysim {

// "honour" or "exploit".
[[nodiscard]] const char* move_name(Move move) noexcept;

// The lifecycle trace (layout above).
[[nodiscard]] nlohmann::ordered_json lifecycle_to_json(const Scenario& scenario,
                                                       const LifecycleResult& result);

// One row per month (layout above), with the header line; every line ends with a newline.
[[nodiscard]] std::string lifecycle_csv(const Scenario& scenario, const LifecycleResult& result);

}  // namespace treatysim
