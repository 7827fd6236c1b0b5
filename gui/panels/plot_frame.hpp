// plot_frame.hpp — shared drawing helpers of GB's panels: colours to ImGui, the plot area of a
// panel with its margins, axes with nice ticks, small text and markers, a dashed line.
// ImGui 1.86 draw lists; every number drawn comes from the session.
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

#include "gui/app/app_context.hpp"
#include "gui/logic/colors.hpp"
#include "gui/logic/plot_math.hpp"

namespace treatysim::gui {

// The ImGui colour of an Rgba.
[[nodiscard]] inline ImU32 im_color(Rgba color) noexcept {
  return static_cast<ImU32>(color.packed());
}
// An ImVec2 of a pixel position.
[[nodiscard]] inline ImVec2 im_vec(Vec2d p) noexcept {
  return ImVec2(static_cast<float>(p.x), static_cast<float>(p.y));
}

// Axis text of a plot.
struct AxisLabels {
  std::string x;          // below the x axis, centred
  std::string y;          // above the y axis, left-aligned
  int x_tick_target = 5;  // about this many ticks
  int y_tick_target = 5;
  const char* x_format = "%.1f";  // printf format of x tick labels
  const char* y_format = "%.1f";
  bool y_ticks = true;  // false: no y tick labels or grid (an axis without a scale)
};

// Lays out a plot in the space left in the current window (below the cursor, `reserve_below`
// pixels kept free underneath and `reserve_right` on the right), draws its background, grid,
// axes, tick labels and axis labels, and returns the data ↔ pixel transform of the inner plot
// rectangle. Advances the cursor past the plot. The plot area itself is an invisible button (id
// `id`) so it takes mouse clicks.
PlotTransform begin_plot(const char* id, AppContext& ctx, PlotRect data, const AxisLabels& labels,
                         float reserve_below = 0.0f, float reserve_right = 0.0f);

// Text in the small font at a pixel position (top-left anchored).
void small_text(ImDrawList* draw, const AppContext& ctx, ImVec2 at, Rgba color,
                const std::string& text);
// Width of a text in the small font.
[[nodiscard]] float small_text_width(const AppContext& ctx, const std::string& text);

// A dashed line from a to b (dash and gap in pixels).
void dashed_line(ImDrawList* draw, ImVec2 a, ImVec2 b, ImU32 color, float thickness, float dash,
                 float gap);

// A polyline through `points` (pixel positions), as one path.
void polyline(ImDrawList* draw, const std::vector<ImVec2>& points, ImU32 color, float thickness);

// While alive, filled shapes added to `draw` get no anti-aliased fringe: a filled circle of n
// segments costs n − 2 triangles instead of 3n − 2. Under software rasterisation (llvmpipe) the
// cost of a frame is about its triangle count, so batches of hundreds of small markers use
// this. Restores the draw list's flags when it ends.
class PlainFill {
 public:
  explicit PlainFill(ImDrawList* draw) noexcept : draw_(draw), flags_(draw->Flags) {
    draw_->Flags &= ~ImDrawListFlags_AntiAliasedFill;
  }
  ~PlainFill() { draw_->Flags = flags_; }
  PlainFill(const PlainFill&) = delete;
  PlainFill& operator=(const PlainFill&) = delete;

 private:
  ImDrawList* draw_;
  ImDrawListFlags flags_;
};

}  // namespace treatysim::gui
