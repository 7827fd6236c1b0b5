// replay_bar.hpp — the replay strip: a slider over the events of the loaded trace (the session
// re-runs the engine to the chosen point), with play/pause and the position in words.
#pragma once

#include "gui/app/app_context.hpp"

namespace treatysim::gui {

// Draws the strip into the current ImGui window (requires a scenario).
void draw_replay_bar(AppContext& ctx);

}  // namespace treatysim::gui
