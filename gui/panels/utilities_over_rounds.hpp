// utilities_over_rounds.hpp — the utilities panel: for each party, its utility of each of its own
// offers (a line) and of each offer it received (dots), the agents' own target curves where
// their strategy has one (dashed), and the deadline. Long histories are decimated to about the
// plot's pixel width.
#pragma once

#include "gui/app/app_context.hpp"

namespace treatysim::gui {

// Draws the panel into the current ImGui window (requires a scenario).
void draw_utilities_over_rounds(AppContext& ctx);

}  // namespace treatysim::gui
