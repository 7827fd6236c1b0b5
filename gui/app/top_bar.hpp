// The top bar: the scenario's title (wrapped to two lines in presenter mode, cut with an ellipsis
// beyond the room left), the mode tabs (a
// drop-down in presenter mode, where the text is large), an optional status notice, the presenter
// toggle and the key help button.
#pragma once

#include <optional>
#include <string>

#include "gui/app/app_context.hpp"
#include "gui/logic/layout.hpp"
#include "gui/logic/text_wrap.hpp"

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

/// The scenario's title as the top bar shows it in a window `bar_width` pixels wide: wrapped to
/// the room left by the tabs and buttons, on top_bar_title_lines lines at most (text_wrap's
/// wrap_to_lines; cut ones are whole on hover). Measured in the title's font.
[[nodiscard]] WrappedText top_bar_title(const AppContext& ctx, PanelSet wired, float bar_width);

/// The top bar's height for a window `bar_width` pixels wide (layout's top_bar_height with the
/// title's lines).
[[nodiscard]] float top_bar_height(const AppContext& ctx, PanelSet wired, float bar_width);

/// The panel a mode cannot do without (its tab is hidden when that panel is not built).
[[nodiscard]] PanelId key_panel(Mode mode) noexcept;

/// The mode's tab label ("Simulate", …).
[[nodiscard]] const char* mode_label(Mode mode) noexcept;

/// `text` cut to `width` pixels of the current font with an ellipsis (whole UTF-8 characters).
[[nodiscard]] std::string ellipsize(const std::string& text, float width);

}  // namespace treatysim::gui
