// negotiation_solutions.hpp — the bargaining solutions of one negotiation, whose reservation values
// may differ from the scenario's: drawn for each negotiation (engine/model/reservation.hpp), they
// move the disagreement point, and with it the solutions and whether any outcome is acceptable.
//
// Tournaments (distance_to_nash), class mode and the window's end-of-game summary all use this
// one rule, so a negotiation's "Nash point" is the same number everywhere.
#pragma once

#include <array>
#include <optional>

#include "engine/analysis/analysis.hpp"
#include "engine/analysis/bargaining.hpp"

namespace treatysim {

// `solution` (bargaining.hpp) for the disagreement point `reservations`: the analysis's own when
// `reservations` is its disagreement point; otherwise searched over the analysis's Pareto frontier
// (the solutions lie on it). nullopt when no outcome gives both parties at least their values.
[[nodiscard]] std::optional<OutcomePoint> solution_for_reservations(
    const ScenarioAnalysis& analysis, const std::array<double, kPartyCount>& reservations,
    BargainingSolution solution);

}  // namespace treatysim
