// scenario_setup.hpp — shared steps of the commands that run negotiations.
#pragma once

#include <array>
#include <optional>
#include <string>

#include "cli/commands.hpp"
#include "engine/model/scenario.hpp"
#include "engine/protocol/spec.hpp"

namespace treatysim::cli {

// Loads a scenario file (agent specs checked against the built-in registry) and applies a
// deadline override.
[[nodiscard]] Scenario load_scenario(const std::string& path, const std::optional<int>& deadline);

// Each party's strategy: the scenario's default, replaced by any command-line override; every
// spec is checked against the registry for that party.
[[nodiscard]] std::array<Spec, kPartyCount> resolve_agents(const Scenario& scenario,
                                                           const AgentOverrides& overrides);

}  // namespace treatysim::cli
