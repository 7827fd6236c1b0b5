#include "gui/panels/outcome_legend.hpp"

#include <algorithm>

#include "gui/logic/narration.hpp"
#include "gui/panels/plot_frame.hpp"

namespace treatysim::gui {

namespace {

// The legend goes in rows under the plot, where it hides nothing: inside the plot, every corner
// holds a solution's or a reservation line's label or offers in some scenario (at presenter
// sizes in most).
constexpr float kLegendGap = 18.0f;
// A swatch and the space after it, before the text.
constexpr float kSwatchWidth = 20.0f;

float row_height(const LegendLayout& legend) {
  return legend.size + 3.0f;
}

// One entry with its row's top-left corner at `at`.
void draw_entry(ImDrawList* draw, const LegendLayout& legend, ImVec2 at, const LegendEntry& entry) {
  const float cx = at.x + 8.0f;
  const float cy = at.y + row_height(legend) / 2.0f;
  if (entry.line) {
    draw->AddLine(ImVec2(cx - 6.0f, cy), ImVec2(cx + 6.0f, cy), im_color(entry.color), 2.0f);
  } else {
    draw->AddRectFilled(ImVec2(cx - 5.0f, cy - 5.0f), ImVec2(cx + 5.0f, cy + 5.0f),
                        im_color(entry.color));
  }
  draw->AddText(legend.font, legend.size, ImVec2(at.x + kSwatchWidth, at.y + 1.0f),
                IM_COL32(0xdc, 0xde, 0xe3, 255), entry.text.c_str());
}

}  // namespace

LegendLayout layout_legend(const AppContext& ctx, const Scenario& scenario, float width,
                           bool column) {
  LegendLayout legend;
  legend.entries = {
      {party_color(0), party_short_name(scenario, 0) + " offers", false},
      {party_color(1), party_short_name(scenario, 1) + " offers", false},
      {kFrontierGreen, "Pareto frontier", true},
      {kSolutionGold, "N Nash · KS Kalai–Smorodinsky", false},
      {kSolutionGold, "E egalitarian · U utilitarian", false},
      {kZopaShade.with_alpha(110), "zone of possible agreement", false},
  };
  // The small font, at most 14 px (22 px in presenter mode, to be read from the back of the
  // room).
  legend.font = ctx.fonts.small != nullptr ? ctx.fonts.small : ImGui::GetFont();
  legend.size = std::min(legend.font->FontSize, ctx.presenter ? 22.0f : 14.0f);
  std::vector<double> widths;
  for (const LegendEntry& entry : legend.entries) {
    widths.push_back(kSwatchWidth +
                     legend.font->CalcTextSizeA(legend.size, 1e9f, 0.0f, entry.text.c_str()).x);
  }
  legend.slots = flow_rows(widths, column ? 0.0 : width, kLegendGap);
  for (std::size_t i = 0; i < widths.size(); ++i) {
    legend.width = std::max(legend.width, static_cast<float>(legend.slots[i].x + widths[i]));
  }
  legend.height = static_cast<float>(legend.slots.back().row + 1) * row_height(legend) + 6.0f;
  return legend;
}

void draw_legend(ImDrawList* draw, const LegendLayout& legend, ImVec2 origin) {
  for (std::size_t i = 0; i < legend.entries.size(); ++i) {
    const FlowSlot& slot = legend.slots[i];
    draw_entry(draw, legend,
               ImVec2(origin.x + static_cast<float>(slot.x),
                      origin.y + 4.0f + static_cast<float>(slot.row) * row_height(legend)),
               legend.entries[i]);
  }
}

}  // namespace treatysim::gui
