// series.hpp — a series of negotiations between the same two agents.
//
// The unit of work for learning agents (bandit): negotiation i of a series uses the seed
// derive_seed(seed, "series", i); the first one resets both agents, each later one continues the
// series (Agent::continue_series), so a learning agent keeps what it learned. A series always runs
// as a whole on one thread, in order, so its results never depend on scheduling.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "engine/protocol/negotiation.hpp"

namespace treatysim {

inline constexpr std::string_view kSeriesStream = "series";

// Runs `count` negotiations (≥ 1) of `scenario` between agents[0] and agents[1].
[[nodiscard]] std::vector<NegotiationResult> run_series(const Scenario& scenario,
                                                        std::array<Agent*, kPartyCount> agents,
                                                        std::uint64_t seed, int count);

}  // namespace treatysim
