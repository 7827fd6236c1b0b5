// outcome_space.hpp — the outcome space panel: every outcome as a point valued by both sides
// (a density grid when there are too many to draw), the Pareto frontier, the Nash,
// Kalai–Smorodinsky, egalitarian and utilitarian solutions, both reservation lines and the zone
// of possible agreement, each party's offers as a trail fading with age, the offer on the table
// and the agreement. Hovering shows an outcome's clauses and utilities (ctx.hovered_outcome);
// a click picks it (ctx.picked_outcome). All numbers come from the session's analysis.
#pragma once

#include "gui/app/app_context.hpp"

namespace treatysim::gui {

// Draws the panel into the current ImGui window (requires a scenario).
void draw_outcome_space(AppContext& ctx);

}  // namespace treatysim::gui
