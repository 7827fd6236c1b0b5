// outcome_legend.hpp — the outcome space's legend: the party colours, the frontier, the
// bargaining solutions' letters and the zone of possible agreement, in rows under the plot.
#pragma once

#include <imgui.h>

#include "engine/scenario.hpp"
#include "gui/app/app_context.hpp"

namespace treatysim::gui {

// The height the legend needs under a plot `width` pixels wide (rows of entries, wrapped).
[[nodiscard]] float legend_below_height(const AppContext& ctx, const Scenario& scenario,
                                        float width);

// Draws the legend with its top-left corner at `origin`, wrapped to `width` pixels.
void draw_legend_below(ImDrawList* draw, const AppContext& ctx, const Scenario& scenario,
                       ImVec2 origin, float width);

}  // namespace treatysim::gui
