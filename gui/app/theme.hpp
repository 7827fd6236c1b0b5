// The window's two looks: the dark theme of the normal view (as in the wireframe) and the
// high-contrast theme of presenter mode (black background, white text, thicker borders, sizes
// scaled for the large fonts).
#pragma once

struct ImGuiStyle;

namespace treatysim::gui {

/// Background colour of the window behind the panels (r, g, b in 0–255).
struct ClearColor {
  unsigned char r = 0;  ///< Red.
  unsigned char g = 0;  ///< Green.
  unsigned char b = 0;  ///< Blue.
};

/// Replaces `style` with the dark theme (presenter = false) or the high-contrast presenter theme,
/// its paddings and roundings multiplied by `ui_scale`.
void apply_theme(ImGuiStyle& style, bool presenter, float ui_scale);

/// The colour the window is cleared to before the panels are drawn.
[[nodiscard]] ClearColor clear_color(bool presenter) noexcept;

}  // namespace treatysim::gui
