// narration_bar.hpp — the narration strip: one plain sentence on what just happened and why
// (Session::narration), or what to do before anything happened.
#pragma once

#include <string>

#include "gui/app/app_context.hpp"
#include "gui/logic/text_wrap.hpp"

namespace treatysim::gui {

// The text the strip shows: the narration of the last event, told with only the values that may
// be shown (visibility.hpp), or what to do before anything happened.
[[nodiscard]] std::string narration_text(const AppContext& ctx);

// The narration wrapped at spaces to `width` pixels in the body font, on three lines at most
// (the strip grows to three for a long sentence; beyond that the rest is cut, whole on hover).
[[nodiscard]] WrappedText narration_lines(const AppContext& ctx, float width);

// Draws the strip into the current ImGui window (requires a scenario).
void draw_narration_bar(AppContext& ctx);

}  // namespace treatysim::gui
