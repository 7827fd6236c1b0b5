// The window's modal overlays: the help listing the keys (H) and the error dialog that shows a
// UserError's message exactly as the CLI prints it, one at a time.
#pragma once

#include <deque>
#include <string>

#include "gui/app/app_context.hpp"

namespace treatysim::gui {

/// Draws the key help as a centred modal while `open`; its Close button, its × and Escape
/// (handled by the caller) set `open` to false. Nothing while an error is shown (`blocked`).
void draw_help_overlay(bool& open, bool blocked, const AppContext& ctx);

/// Draws the first of `errors` in a centred modal with an OK button (Enter and Escape work
/// too); OK removes it, and the next one follows.
void draw_error_dialog(std::deque<std::string>& errors, const AppContext& ctx);

}  // namespace treatysim::gui
