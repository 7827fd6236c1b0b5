// svg_plot.hpp — standalone SVG pictures for slides and reports.
//
// The outcome space: every outcome as a point (a density grid past 4,000 outcomes), the Pareto
// frontier, the Nash, Kalai–Smorodinsky, egalitarian and utilitarian points with a legend, both
// reservation lines and the zone of possible agreement shaded. With a trace: both parties' offer
// trails (party colours, fading with age), the agreement, and a second panel with the utility of
// every offer over rounds. Colours follow the window: party 0 (the U.S.) blue, party 1 orange.
#pragma once

#include <string>

#include "engine/analysis.hpp"
#include "engine/trace.hpp"

namespace treatysim::cli {

// The picture of a scenario's outcome space (and, when `trace` is given, of that negotiation).
[[nodiscard]] std::string outcome_space_svg(const Scenario& scenario,
                                            const ScenarioAnalysis& analysis,
                                            const Trace* trace = nullptr);

}  // namespace treatysim::cli
