// The window's fonts: DejaVu Sans (Debian's fonts-dejavu-core) at four roles, built into the
// ImGui font atlas with stb_truetype. Presenter mode rebuilds the atlas at 28–36 px (scaling a
// small font with io.FontGlobalScale looks blurry). Without the font files ImGui's built-in
// bitmap font is used and a warning says so.
#pragma once

#include <string>

struct ImFont;
struct ImFontAtlas;

namespace treatysim::gui::platform {

/// Pixel sizes of the four font roles.
struct FontSizes {
  float body = 0.0f;     ///< Running text and widgets.
  float small = 0.0f;    ///< Captions, axis labels, legends.
  float heading = 0.0f;  ///< Panel titles, the scenario title.
  float bold = 0.0f;     ///< Emphasis in running text (same size as body).
};

/// The sizes for the normal window (13–17 px) or presenter mode (28–36 px).
[[nodiscard]] FontSizes font_sizes(bool presenter) noexcept;

/// The fonts added to an atlas; all four point into it (the same default font when
/// `fallback`).
struct FontSet {
  ImFont* body = nullptr;     ///< DejaVu Sans at FontSizes::body (the atlas's default font).
  ImFont* small = nullptr;    ///< DejaVu Sans at FontSizes::small.
  ImFont* heading = nullptr;  ///< DejaVu Sans Bold at FontSizes::heading.
  ImFont* bold = nullptr;     ///< DejaVu Sans Bold at FontSizes::bold.
  bool fallback = false;      ///< True when the font files were missing.
  std::string warning;        ///< Why the fallback was used ("" otherwise).
};

/// The folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf on Debian.
[[nodiscard]] std::string default_font_dir();

/// Clears the atlas and adds the four fonts from `font_dir` at `sizes` (with the Latin,
/// punctuation, arrow and maths glyphs the window uses), then builds it. The caller recreates
/// the GPU texture afterwards, and only between frames.
[[nodiscard]] FontSet build_fonts(ImFontAtlas& atlas, const FontSizes& sizes,
                                  const std::string& font_dir);

}  // namespace treatysim::gui::platform
