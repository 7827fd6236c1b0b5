// tournament_support.cpp — loading a tournament file with the CLI's batch checks.
#include "cli/tournament_support.hpp"

#include "agents/registry.hpp"
#include "frontend/batch.hpp"

namespace treatysim::cli {

TournamentDef load_tournament(const std::string& path) {
  return load_tournament_file(path, frontend::batch_competitor_check(agents::builtin_registry()));
}

}  // namespace treatysim::cli
