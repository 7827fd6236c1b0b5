// outcome_legend.hpp — the outcome space's legend: the party colours, the frontier, the
// bargaining solutions' letters and the zone of possible agreement, in rows under the plot or in
// a column beside it (plot_math's legend_side decides).
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

#include "engine/model/scenario.hpp"
#include "gui/app/app_context.hpp"
#include "gui/logic/colors.hpp"
#include "gui/logic/plot_math.hpp"

namespace treatysim::gui {

// One entry: a swatch (a square, or a line) and its text.
struct LegendEntry {
  Rgba color;
  std::string text;
  bool line = false;
};

// The legend laid out for a width: its entries, where each goes, its text size and its height.
struct LegendLayout {
  std::vector<LegendEntry> entries;
  std::vector<FlowSlot> slots;  // one per entry
  ImFont* font = nullptr;
  float size = 0.0f;    // text size in pixels
  float width = 0.0f;   // its widest row
  float height = 0.0f;  // what the legend needs (under the plot, or beside it)
};

// Lays the legend out in rows under a plot `width` pixels wide (entries wrapped), or with
// `column` one entry per row, for a column beside the plot.
[[nodiscard]] LegendLayout layout_legend(const AppContext& ctx, const Scenario& scenario,
                                         float width, bool column = false);

// Draws a laid-out legend with its top-left corner at `origin`.
void draw_legend(ImDrawList* draw, const LegendLayout& legend, ImVec2 origin);

}  // namespace treatysim::gui
