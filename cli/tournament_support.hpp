// tournament_support.hpp — what `tournament` and `validate` share about tournaments.
#pragma once

#include <iosfwd>
#include <string>

#include "engine/studies/tournament.hpp"
#include "engine/studies/tournament_results.hpp"

namespace treatysim::cli {

// Loads and checks a tournament file with frontend::batch_competitor_check over the built-in
// registry.
[[nodiscard]] TournamentDef load_tournament(const std::string& path);

}  // namespace treatysim::cli
