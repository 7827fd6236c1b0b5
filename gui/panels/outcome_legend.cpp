#include "gui/panels/outcome_legend.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "gui/logic/narration.hpp"
#include "gui/logic/plot_math.hpp"
#include "gui/panels/plot_frame.hpp"

namespace treatysim::gui {

namespace {

// The legend's rows: a swatch (a square, or a line) and its text.
struct LegendRow {
  Rgba color;
  std::string text;
  bool line;
};

std::vector<LegendRow> legend_rows(const Scenario& scenario) {
  return {
      {party_color(0), party_short_name(scenario, 0) + " offers", false},
      {party_color(1), party_short_name(scenario, 1) + " offers", false},
      {kFrontierGreen, "Pareto frontier", true},
      {kSolutionGold, "N Nash · KS Kalai–Smorodinsky", false},
      {kSolutionGold, "E egalitarian · U utilitarian", false},
      {kZopaShade.with_alpha(110), "zone of possible agreement", false},
  };
}

// The legend's text: the small font, at most 14 px (22 px in presenter mode, to be read from
// the back of the room).
struct LegendFont {
  ImFont* font;
  float size;
  [[nodiscard]] float row_height() const noexcept { return size + 3.0f; }
  [[nodiscard]] float text_width(const std::string& text) const {
    return font->CalcTextSizeA(size, 1e9f, 0.0f, text.c_str()).x;
  }
};

LegendFont legend_font(const AppContext& ctx) {
  ImFont* font = ctx.fonts.small != nullptr ? ctx.fonts.small : ImGui::GetFont();
  return {font, std::min(font->FontSize, ctx.presenter ? 22.0f : 14.0f)};
}

// One legend entry with its row's top-left corner at `at`; its width is 24 px + the text.
void draw_legend_row(ImDrawList* draw, const LegendFont& font, ImVec2 at, const LegendRow& row) {
  const float h = font.row_height();
  const float cx = at.x + 8.0f;
  const float cy = at.y + h / 2.0f;
  if (row.line) {
    draw->AddLine(ImVec2(cx - 6.0f, cy), ImVec2(cx + 6.0f, cy), im_color(row.color), 2.0f);
  } else {
    draw->AddRectFilled(ImVec2(cx - 5.0f, cy - 5.0f), ImVec2(cx + 5.0f, cy + 5.0f),
                        im_color(row.color));
  }
  draw->AddText(font.font, font.size, ImVec2(at.x + 20.0f, at.y + 1.0f),
                IM_COL32(0xdc, 0xde, 0xe3, 255), row.text.c_str());
}

// The legend goes in rows under the plot, where it hides nothing: inside the plot, every corner
// holds a solution's or a reservation line's label or offers in some scenario (at presenter
// sizes in most). The slots are laid out for `width` pixels.
constexpr float kLegendGap = 18.0f;

std::vector<FlowSlot> legend_flow(const LegendFont& font, const std::vector<LegendRow>& rows,
                                  float width) {
  std::vector<double> widths;
  for (const LegendRow& row : rows) widths.push_back(20.0 + font.text_width(row.text));
  return flow_rows(widths, width, kLegendGap);
}

}  // namespace

float legend_below_height(const AppContext& ctx, const Scenario& scenario, float width) {
  const LegendFont font = legend_font(ctx);
  const std::vector<FlowSlot> slots = legend_flow(font, legend_rows(scenario), width);
  return static_cast<float>(slots.back().row + 1) * font.row_height() + 6.0f;
}

void draw_legend_below(ImDrawList* draw, const AppContext& ctx, const Scenario& scenario,
                       ImVec2 origin, float width) {
  const LegendFont font = legend_font(ctx);
  const std::vector<LegendRow> rows = legend_rows(scenario);
  const std::vector<FlowSlot> slots = legend_flow(font, rows, width);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    draw_legend_row(draw, font,
                    ImVec2(origin.x + static_cast<float>(slots[i].x),
                           origin.y + 4.0f + static_cast<float>(slots[i].row) * font.row_height()),
                    rows[i]);
  }
}

}  // namespace treatysim::gui
