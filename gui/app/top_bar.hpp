// The top bar: the scenario's title (cut with an ellipsis to the room left), the mode tabs (a
// drop-down in presenter mode, where the text is large), an optional status notice, the presenter
// toggle and the key help button.
#pragma once

#include <optional>
#include <string>

#include "gui/app/app_context.hpp"
#include "gui/logic/layout.hpp"

namespace treatysim::gui {

/// What the user asked for in the top bar this frame.
struct TopBarRequest {
  std::optional<Mode> mode;       ///< A tab was chosen.
  bool toggle_presenter = false;  ///< The presenter button was pressed.
  bool toggle_help = false;       ///< The key help button was pressed.
};

/// Draws the top bar into `bar` (window pixels); only modes whose key panel is in `wired` get a
/// tab; `status` ("" for none) is shown right-aligned before the buttons when it fits.
[[nodiscard]] TopBarRequest draw_top_bar(const Rect& bar, const AppContext& ctx, PanelSet wired,
                                         const std::string& status);

/// The panel a mode cannot do without (its tab is hidden when that panel is not built).
[[nodiscard]] PanelId key_panel(Mode mode) noexcept;

/// The mode's tab label ("Simulate", …).
[[nodiscard]] const char* mode_label(Mode mode) noexcept;

/// `text` cut to `width` pixels of the current font with an ellipsis (whole UTF-8 characters).
[[nodiscard]] std::string ellipsize(const std::string& text, float width);

}  // namespace treatysim::gui
