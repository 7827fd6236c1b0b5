// population_json.hpp — population dynamics as JSON and CSV: what `treatysim evolve --format json`
// prints and `evolve --out` writes, and what the Python package's Evolution holds, from one writer.
//
// JSON: {"format": "treatysim-evolve", "version": 1, "source", "name", "complete", "strategies",
// "payoffs", "options": {generations, steps_per_generation, initial_shares, population,
// selection, runs, seed}, "metagame": {"equilibria": [{mix, support, payoff, regret,
// strategy_payoff, strategy_regret, evolutionarily_stable}], "pure_profile_regret",
// "degenerate"}, "replicator" ([generation][strategy]), "replicator_time_scale", "moran":
// {"mean_share", "fixed_share"}, "fixation": [{mutant, resident, estimate, standard_error, exact,
// runs}]}. CSV: process,generation,<one column per strategy> — the replicator's shares, then the
// Moran process's mean shares, one row per generation. Numbers rounded to 12 significant digits.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "engine/studies/population.hpp"

namespace treatysim {

// The result of evolve() on the payoff matrix read from `source` (a file name, or what stands
// for it), as JSON (layout above).
[[nodiscard]] nlohmann::ordered_json population_to_json(const std::string& source,
                                                        const PopulationResult& result);

// The shares over time as CSV (layout above), with its header line.
[[nodiscard]] std::string population_csv(const PopulationResult& result);

}  // namespace treatysim
