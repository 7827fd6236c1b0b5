// tournament_support.hpp — what `tournament`, `merge` and `validate` share about tournaments.
#pragma once

#include <iosfwd>
#include <string>

#include "engine/studies/tournament.hpp"
#include "engine/studies/tournament_results.hpp"

namespace treatysim::cli {

// The registry's AgentFactory::check, plus the refusal of players that cannot take part in a
// batch run: a person at the keyboard (interactive strategies) and scripted players (a fixed list
// of offers written for one scenario and side).
[[nodiscard]] CompetitorCheck batch_competitor_check();

// Loads and checks a tournament file with batch_competitor_check().
[[nodiscard]] TournamentDef load_tournament(const std::string& path);

// The ranking table (mean utility with its 95% CI and the plan's metrics), the significance of
// adjacent ranks, and the payoff matrix, as text.
[[nodiscard]] std::string tournament_tables(const TournamentPlan& plan,
                                            const TournamentResults& results);

}  // namespace treatysim::cli
