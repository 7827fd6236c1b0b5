// narration_bar.hpp — the narration strip: one plain sentence on what just happened and why
// (Session::narration), or what to do before anything happened.
#pragma once

#include "gui/app/app_context.hpp"

namespace treatysim::gui {

// Draws the strip into the current ImGui window (requires a scenario).
void draw_narration_bar(AppContext& ctx);

}  // namespace treatysim::gui
