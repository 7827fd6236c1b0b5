// text_output.hpp — the human-readable form of a negotiation for the terminal.
#pragma once

#include <string>

#include "engine/protocol/trace.hpp"

namespace treatysim::cli {

// A header (scenario, parties, strategies), a round-by-round table (who offered which
// clauses, both utilities, the response; a '*' marks a clause the proposer changed since its
// previous offer) and a summary of the result.
[[nodiscard]] std::string format_negotiation_text(const Trace& trace);

}  // namespace treatysim::cli
