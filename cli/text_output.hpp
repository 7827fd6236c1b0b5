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

namespace treatysim {
struct ModelReport;
}

namespace treatysim::cli {

// The accuracy of each agent's opponent model (run --model-report): per agent with a model, its
// measures after a selection of the opponent's offers (at most 12 rows, evenly spread, always the
// first and the last) and at the end.
[[nodiscard]] std::string format_model_report_text(const Trace& trace, const ModelReport& report);

}  // namespace treatysim::cli
