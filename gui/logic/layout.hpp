// layout.hpp — where each panel of the window goes, per mode: a fixed, tidy arrangement of
// non-overlapping rectangles computed from the window size, the text height and the split
// fractions the user drags. Pure arithmetic (no ImGui, no SFML), unit-tested.
//
// Arrangement (top to bottom): the top bar; an upper row of up to three columns (left tool
// panel | centre | right panel), the centre column possibly split in two (presenter mode: the
// outcome space over the treaty timeline, the clause board beside both); full-width strips
// (replay bar, narration bar); a bottom row of up to two panels. The panel rectangles and the top bar tile the window exactly (integer
// pixels); the application insets each window a little to draw the gaps. Splitters are thin
// rectangles centred on the draggable boundaries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace treatysim::gui {

/// The window's modes, one tab each in the top bar.
enum class Mode { kSimulate, kPlay, kEdit, kReplay, kTournament };

/// The panels the layout places (each becomes one fixed ImGui window).
enum class PanelId : std::uint8_t {
  kControls,
  kHumanPlay,
  kScenarioEditor,
  kOutcomeSpace,
  kClauseBoard,
  kReplayBar,
  kNarration,
  kUtilities,
  kTimeline,
  kTournament,
};

/// Number of PanelId values.
inline constexpr int kPanelCount = 10;

/// A bit set of panels (bit i = PanelId i).
using PanelSet = std::uint32_t;

/// The set holding `id`.
[[nodiscard]] constexpr PanelSet panel_bit(PanelId id) noexcept {
  return PanelSet{1} << static_cast<unsigned>(id);
}

/// Every panel.
inline constexpr PanelSet kAllPanels = (PanelSet{1} << kPanelCount) - 1;

/// An axis-aligned rectangle in window pixels (y down).
struct Rect {
  float x = 0.0f;       ///< Left edge.
  float y = 0.0f;       ///< Top edge.
  float width = 0.0f;   ///< Width (≥ 0).
  float height = 0.0f;  ///< Height (≥ 0).
  /// Right edge.
  [[nodiscard]] constexpr float right() const noexcept { return x + width; }
  /// Bottom edge.
  [[nodiscard]] constexpr float bottom() const noexcept { return y + height; }
  /// Width × height.
  [[nodiscard]] constexpr float area() const noexcept { return width * height; }
  /// Whether the point lies inside (left/top edges inclusive, right/bottom exclusive).
  [[nodiscard]] constexpr bool contains(float px, float py) const noexcept {
    return px >= x && px < right() && py >= y && py < bottom();
  }
  friend constexpr bool operator==(const Rect&, const Rect&) = default;
};

/// The draggable boundaries.
enum class SplitId : std::uint8_t {
  kLeft,          ///< Between the left column and the centre.
  kRight,         ///< Between the centre and the right column.
  kBottom,        ///< Between the upper row (with the strips) and the bottom row, or between
                  ///< the centre panel and the one under it.
  kBottomMiddle,  ///< Between the two panels of the bottom row.
};

/// The user's preferred proportions (fractions of the window width or content height); the
/// layout honours minimum sizes first.
struct Splits {
  float left = 0.23f;           ///< Left column width / window width.
  float right = 0.28f;          ///< Right column width / window width.
  float bottom = 0.28f;         ///< Bottom row (or under-the-centre panel) height / content
                                ///< height (below the top bar).
  float bottom_middle = 0.44f;  ///< First bottom panel width / window width.
  friend constexpr bool operator==(const Splits&, const Splits&) = default;
};

/// The default proportions of a mode (presenter mode gives the right column more room).
[[nodiscard]] Splits default_splits(Mode mode, bool presenter) noexcept;

/// What the layout depends on.
struct LayoutInput {
  Mode mode = Mode::kSimulate;
  bool presenter = false;           ///< Fewer panels, larger text.
  float width = 1280.0f;            ///< Window width in pixels.
  float height = 800.0f;            ///< Window height in pixels.
  float top_bar_height = 36.0f;     ///< The top bar's height in pixels.
  float text_height = 15.0f;        ///< Body text line height in pixels (sets minimum sizes).
  float ui_scale = 1.0f;            ///< The style's scale of paddings and spacings (presenter: 2).
  int narration_lines = 2;          ///< Lines the narration needs now (2 or 3; clamped).
  Splits splits;                    ///< The user's proportions.
  PanelSet available = kAllPanels;  ///< Panels that exist; the others are left out.
};

/// One placed panel.
struct PanelPlacement {
  PanelId id = PanelId::kOutcomeSpace;  ///< Which panel.
  Rect rect;                            ///< Where, in window pixels.
};

/// One draggable boundary.
struct Splitter {
  SplitId split = SplitId::kLeft;  ///< Which proportion it changes.
  Rect rect;                       ///< Its grab area, centred on the boundary.
  bool vertical = true;            ///< True: a vertical line, dragged left/right.
};

/// The window's arrangement.
struct Layout {
  Rect top_bar;                        ///< Full width at the top.
  std::vector<PanelPlacement> panels;  ///< In drawing order; together with the top bar they
                                       ///< tile the window exactly.
  std::vector<Splitter> splitters;     ///< The draggable boundaries present.
  /// The placement of `id`, or nullptr when the panel is not shown.
  [[nodiscard]] const PanelPlacement* find(PanelId id) const noexcept;
};

/// The panels a mode shows (presenter mode: fewer), before availability is applied.
[[nodiscard]] PanelSet panels_for(Mode mode, bool presenter) noexcept;

/// The smallest width and height a panel is given when the window has room, for a text line
/// height (e.g. the outcome space: 18 × 14 lines); presenter mode's timeline is shorter (it shows
/// no controls).
struct Size {
  float width = 0.0f;   ///< Pixels.
  float height = 0.0f;  ///< Pixels.
};
[[nodiscard]] Size minimum_size(PanelId id, float text_height, bool presenter = false) noexcept;

/// The smallest window in which every panel of the mode gets its minimum size.
[[nodiscard]] Size minimum_window(const LayoutInput& input) noexcept;

/// Computes the arrangement. Windows too small for the minimum sizes shrink every panel in
/// proportion (still tiling, never overlapping).
[[nodiscard]] Layout compute_layout(const LayoutInput& input);

/// The proportions after dragging splitter `split` by `delta` pixels (x for vertical splitters,
/// y otherwise), stored as the size actually obtained so dragging back has no dead zone.
[[nodiscard]] Splits drag_split(const LayoutInput& input, SplitId split, float delta);

/// The lines the scenario's title may take in the top bar: two in presenter mode (its large
/// title would be cut at 1280 px), else one (cut with an ellipsis, whole on hover).
[[nodiscard]] constexpr std::size_t top_bar_title_lines(bool presenter) noexcept {
  return presenter ? 2 : 1;
}

/// The top bar's height: its tallest item — a button's frame (`frame_height`) or the title's
/// `title_lines` lines of `title_line_height` — with 7 px above and below. E.g. presenter mode at
/// 1280×800: max(36 + 2·8, 2·30) + 14 = 74 px for a title on two lines.
[[nodiscard]] float top_bar_height(float frame_height, std::size_t title_lines,
                                   float title_line_height) noexcept;

/// A panel's window title ("Outcome space", "Clauses on the table", …).
[[nodiscard]] std::string_view panel_title(PanelId id) noexcept;

}  // namespace treatysim::gui
