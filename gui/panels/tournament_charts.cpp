#include "gui/panels/tournament_charts.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <imgui.h>

#include "gui/panels/plot_frame.hpp"

namespace treatysim::gui {

namespace {

constexpr Rgba kMuted = kTournamentMuted;
constexpr Rgba kGrid{0x8a, 0x90, 0x9c, 40};
constexpr Rgba kWhisker{0xf0, 0xf0, 0xf0, 235};
constexpr Rgba kMissingCell{0x3a, 0x3d, 0x44, 255};

// Competitor colours (the same competitor has the same colour in every chart): a categorical
// palette readable on the dark theme, starting with the party blue and orange.
constexpr std::array<Rgba, 16> kStrategyPalette{{
    kUsBlue,
    kChinaOrange,
    kFrontierGreen,
    {0xe1, 0x57, 0x59, 255},
    {0xb0, 0x7a, 0xd1, 255},
    kSolutionGold,
    {0x76, 0xc7, 0xd2, 255},
    {0xff, 0x9d, 0xa7, 255},
    {0x9c, 0x75, 0x5f, 255},
    {0xc8, 0xc8, 0xc8, 255},
    {0x8c, 0xd1, 0x7d, 255},
    {0x6a, 0x9b, 0xf0, 255},
    {0xd3, 0x72, 0x95, 255},
    {0xf1, 0xce, 0x63, 255},
    {0x49, 0x98, 0x94, 255},
    {0xff, 0xbe, 0x7d, 255},
}};

float f(double value) {
  return static_cast<float>(value);
}

float small_size(const AppContext& ctx) {
  return ctx.fonts.small != nullptr ? ctx.fonts.small->FontSize : ImGui::GetFontSize();
}

// The competitor's index in the pairwise table (its colour), or its rank when not there.
std::size_t competitor_index(const TournamentData& data, const std::string& label,
                             std::size_t fallback) {
  const auto& labels = data.pairwise.labels;
  const auto it = std::find(labels.begin(), labels.end(), label);
  return it == labels.end() ? fallback : static_cast<std::size_t>(it - labels.begin());
}

}  // namespace

// [SECTION] helpers ------------------------------------------------------------------------------

Rgba strategy_color(std::size_t index) noexcept {
  return kStrategyPalette[index % kStrategyPalette.size()];
}

std::string format_number(const char* pattern, double value) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, pattern, value);
  return buffer;
}

// A bold section title with a muted caption beside it.
void section_title(const AppContext& ctx, const char* title, const std::string& caption) {
  if (ctx.fonts.bold != nullptr) ImGui::PushFont(ctx.fonts.bold);
  ImGui::TextUnformatted(title);
  if (ctx.fonts.bold != nullptr) ImGui::PopFont();
  if (!caption.empty()) {
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, im_color(kMuted));
    ImGui::TextUnformatted(caption.c_str());
    ImGui::PopStyleColor();
  }
}

void muted_wrapped(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, im_color(kMuted));
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

// [SECTION] ranking ------------------------------------------------------------------------------

void draw_tournament_ranking(AppContext& ctx, const TournamentData& data) {
  section_title(ctx, "Ranking", "mean utility, 95% confidence interval");
  if (data.ranking.empty()) return;  // the panel uses another layout then
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float scale = ctx.ui_scale;
  const float small = small_size(ctx);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool any_significant = std::any_of(data.adjacent.begin(), data.adjacent.end(),
                                           [](const AdjacentRow& a) { return a.significant; });

  double lo = 0.0;
  double hi = 0.0;
  float label_width = 0.0f;
  float value_width = 0.0f;
  for (const RankingRow& row : data.ranking) {
    for (const auto& v : {row.mean, row.ci_low, row.ci_high}) {
      if (v) {
        lo = std::min(lo, *v);
        hi = std::max(hi, *v);
      }
    }
    label_width = std::max(label_width,
                           small_text_width(ctx, std::to_string(row.rank) + ". " + row.competitor));
    value_width = std::max(value_width, small_text_width(ctx, "0.000"));
  }
  if (hi <= lo) hi = lo + 1.0;
  const double step = nice_step(lo, hi, 5);
  if (step > 0.0) {
    lo = std::floor(lo / step + 1e-9) * step;
    hi = std::ceil(hi / step - 1e-9) * step;
  }
  const float footer = 2.0f * (small + 4.0f * scale);
  const float left = label_width + 8.0f * scale;
  const float right = value_width + 10.0f * scale;
  const PlotRect pixels{{origin.x + left, origin.y + 2.0f * scale},
                        {origin.x + avail.x - right, origin.y + avail.y - footer}};
  const auto rows = static_cast<double>(data.ranking.size());
  const PlotTransform t(PlotRect{{lo, 0.0}, {hi, rows}}, pixels);
  ImGui::InvisibleButton("##ranking_area",
                         ImVec2(std::max(avail.x, 1.0f), std::max(avail.y, 1.0f)));
  const bool hovered = ImGui::IsItemHovered();
  const ImVec2 mouse = ImGui::GetIO().MousePos;

  for (const double tick : nice_ticks(lo, hi, 5)) {
    const float x = f(t.pixel_x(tick));
    draw->AddLine(ImVec2(x, f(pixels.min.y)), ImVec2(x, f(pixels.max.y)), im_color(kGrid));
    const std::string text = format_number("%.2f", tick);
    small_text(draw, ctx, ImVec2(x - small_text_width(ctx, text) / 2.0f, f(pixels.max.y) + 2.0f),
               kMuted, text);
  }
  const double row_px = pixels.height() / rows;
  const float bar_half = f(std::min(row_px * 0.32, 9.0 * scale));
  const float zero_x = f(t.pixel_x(std::max(lo, 0.0)));
  for (std::size_t r = 0; r < data.ranking.size(); ++r) {
    const RankingRow& row = data.ranking[r];
    const float y = f(pixels.min.y + (static_cast<double>(r) + 0.5) * row_px);
    const Rgba color = strategy_color(competitor_index(data, row.competitor, r));
    const std::string label = std::to_string(row.rank) + ". " + row.competitor;
    small_text(
        draw, ctx,
        ImVec2(f(pixels.min.x) - 6.0f * scale - small_text_width(ctx, label), y - small / 2.0f),
        kAgreementWhite, label);
    if (!row.mean) continue;
    const float mean_x = f(t.pixel_x(*row.mean));
    draw->AddRectFilled(ImVec2(std::min(zero_x, mean_x), y - bar_half),
                        ImVec2(std::max(zero_x, mean_x), y + bar_half), im_color(color));
    if (row.ci_low && row.ci_high) {
      const float a = f(t.pixel_x(*row.ci_low));
      const float b = f(t.pixel_x(*row.ci_high));
      const float cap = bar_half * 0.8f;
      draw->AddLine(ImVec2(a, y), ImVec2(b, y), im_color(kWhisker), 1.5f * scale);
      draw->AddLine(ImVec2(a, y - cap), ImVec2(a, y + cap), im_color(kWhisker), 1.5f * scale);
      draw->AddLine(ImVec2(b, y - cap), ImVec2(b, y + cap), im_color(kWhisker), 1.5f * scale);
    }
    small_text(draw, ctx, ImVec2(f(pixels.max.x) + 6.0f * scale, y - small / 2.0f), kAgreementWhite,
               format_number("%.3f", *row.mean));
    // A significant difference to the next rank: a gold line between the two rows.
    if (r < data.adjacent.size() && data.adjacent[r].significant && r + 1 < data.ranking.size()) {
      const float between = f(pixels.min.y + static_cast<double>(r + 1) * row_px);
      draw->AddLine(ImVec2(f(pixels.min.x), between), ImVec2(f(pixels.max.x), between),
                    im_color(kSolutionGold), 1.5f * scale);
    }
    if (hovered && mouse.y >= y - f(row_px / 2.0) && mouse.y < y + f(row_px / 2.0)) {
      draw->AddRect(ImVec2(origin.x, y - f(row_px / 2.0)),
                    ImVec2(origin.x + avail.x, y + f(row_px / 2.0)), IM_COL32(255, 255, 255, 60));
      ImGui::BeginTooltip();
      ImGui::Text("%s%s%s", row.competitor.c_str(), row.strategy.empty() ? "" : " = ",
                  row.strategy.c_str());
      ImGui::Text("mean utility %.4f over %llu negotiations", *row.mean,
                  static_cast<unsigned long long>(row.n));
      if (row.ci_low && row.ci_high) ImGui::Text("95%% CI [%.4f, %.4f]", *row.ci_low, *row.ci_high);
      if (row.agreement_rate) ImGui::Text("agreement rate %.1f%%", 100.0 * *row.agreement_rate);
      if (row.mean_offers) ImGui::Text("mean offers %.1f", *row.mean_offers);
      if (row.mean_distance_to_nash) {
        ImGui::Text("mean distance to Nash %.3f", *row.mean_distance_to_nash);
      }
      if (r < data.adjacent.size() && data.adjacent[r].holm_p_value) {
        ImGui::Text("vs %s: Holm-adjusted p = %.3f (%s)", data.adjacent[r].lower.c_str(),
                    *data.adjacent[r].holm_p_value,
                    data.adjacent[r].significant ? "significant" : "not significant");
      }
      ImGui::EndTooltip();
    }
  }
  const std::string caption =
      any_significant ? "gold line: adjacent ranks differ significantly (paired t, Holm, 5%)"
                      : "no adjacent ranks differ significantly (paired t, Holm, 5%)";
  small_text(draw, ctx, ImVec2(origin.x, f(pixels.max.y) + small + 6.0f * scale), kMuted, caption);
}

// [SECTION] heatmap ------------------------------------------------------------------------------

void draw_tournament_heatmap(AppContext& ctx, const TournamentData& data) {
  const PairwiseTable& table = data.pairwise;
  section_title(ctx, "Pairwise payoffs", "row's mean utility against column");
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float scale = ctx.ui_scale;
  const float small = small_size(ctx);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const std::size_t n = table.labels.size();

  double lo = 0.0;
  double hi = 0.0;
  bool first = true;
  for (const auto& row : table.values) {
    for (const auto& v : row) {
      if (!v) continue;
      lo = first ? *v : std::min(lo, *v);
      hi = first ? *v : std::max(hi, *v);
      first = false;
    }
  }
  const double range = hi > lo ? hi - lo : 1.0;
  const char* value_format = range >= 10.0 ? "%.0f" : (range >= 1.0 ? "%.1f" : "%.2f");

  float label_width = 0.0f;
  for (std::size_t i = 0; i < n; ++i) {
    label_width =
        std::max(label_width, small_text_width(ctx, std::to_string(i + 1) + " " + table.labels[i]));
  }
  const float legend_width = 14.0f * scale + small_text_width(ctx, "-0.000") + 12.0f * scale;
  const float header = small + 4.0f * scale;
  const float left = label_width + 6.0f * scale;
  const float cell = std::max(
      6.0f,
      std::min({(avail.x - left - legend_width) / static_cast<float>(n),
                (avail.y - header - small - 6.0f * scale) / static_cast<float>(n), 90.0f * scale}));
  const ImVec2 grid(origin.x + left, origin.y + header);
  ImGui::InvisibleButton("##heatmap_area",
                         ImVec2(std::max(avail.x, 1.0f), std::max(avail.y, 1.0f)));
  const bool hovered = ImGui::IsItemHovered();
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  std::optional<std::pair<std::size_t, std::size_t>> hover_cell;
  if (hovered && mouse.x >= grid.x && mouse.y >= grid.y) {
    const auto col = static_cast<std::size_t>((mouse.x - grid.x) / cell);
    const auto row = static_cast<std::size_t>((mouse.y - grid.y) / cell);
    if (col < n && row < n) hover_cell = std::make_pair(row, col);
  }

  for (std::size_t j = 0; j < n; ++j) {
    const std::string text = std::to_string(j + 1);
    const float w = small_text_width(ctx, text);
    if (w + 2.0f > cell) continue;
    small_text(draw, ctx,
               ImVec2(grid.x + (static_cast<float>(j) + 0.5f) * cell - w / 2.0f, origin.y), kMuted,
               text);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const float y0 = grid.y + static_cast<float>(i) * cell;
    const std::string label = std::to_string(i + 1) + " " + table.labels[i];
    const Rgba label_color = hover_cell && hover_cell->first == i ? kAgreementWhite : kMuted;
    small_text(draw, ctx,
               ImVec2(grid.x - 6.0f * scale - small_text_width(ctx, label),
                      y0 + cell / 2.0f - small / 2.0f),
               label_color, label);
    for (std::size_t j = 0; j < n; ++j) {
      const float x0 = grid.x + static_cast<float>(j) * cell;
      const ImVec2 a(x0 + 1.0f, y0 + 1.0f);
      const ImVec2 b(x0 + cell - 1.0f, y0 + cell - 1.0f);
      const std::optional<double>& v = table.values[i][j];
      if (!v) {
        draw->AddRectFilled(a, b, im_color(kMissingCell));
        continue;
      }
      const Rgba color = utility_color((*v - lo) / range);
      draw->AddRectFilled(a, b, im_color(color));
      const std::string text = format_number(value_format, *v);
      const float w = small_text_width(ctx, text);
      if (w + 4.0f * scale <= cell && small + 2.0f <= cell) {
        const double luminance = 0.299 * color.r + 0.587 * color.g + 0.114 * color.b;
        small_text(draw, ctx, ImVec2(x0 + (cell - w) / 2.0f, y0 + (cell - small) / 2.0f),
                   luminance > 140.0 ? Rgba{0x10, 0x10, 0x10, 255} : kAgreementWhite, text);
      }
    }
  }
  if (hover_cell) {
    const auto [i, j] = *hover_cell;
    const float x0 = grid.x + static_cast<float>(j) * cell;
    const float y0 = grid.y + static_cast<float>(i) * cell;
    draw->AddRect(ImVec2(x0, y0), ImVec2(x0 + cell, y0 + cell), IM_COL32(255, 255, 255, 220), 0.0f,
                  ImDrawFlags_None, 2.0f * scale);
    ImGui::BeginTooltip();
    ImGui::Text("%s against %s", table.labels[i].c_str(), table.labels[j].c_str());
    if (table.values[i][j]) {
      ImGui::Text("mean utility %.4f", *table.values[i][j]);
    } else {
      ImGui::TextUnformatted("never met (no self-play)");
    }
    if (!table.counts.empty()) {
      ImGui::Text("%llu negotiations, both sides",
                  static_cast<unsigned long long>(table.counts[i][j]));
    }
    ImGui::EndTooltip();
  }

  // The colour legend: the ramp from the lowest payoff (bottom) to the highest (top).
  const float side = cell * static_cast<float>(n);
  const float lx = grid.x + side + 10.0f * scale;
  const float bar_w = 12.0f * scale;
  constexpr int kSegments = 24;
  for (int s = 0; s < kSegments; ++s) {
    const float y_top = grid.y + side * static_cast<float>(s) / kSegments;
    const float y_bottom = grid.y + side * static_cast<float>(s + 1) / kSegments;
    const double t_top = 1.0 - static_cast<double>(s) / kSegments;
    const double t_bottom = 1.0 - static_cast<double>(s + 1) / kSegments;
    const ImU32 top = im_color(utility_color(t_top));
    const ImU32 bottom = im_color(utility_color(t_bottom));
    draw->AddRectFilledMultiColor(ImVec2(lx, y_top), ImVec2(lx + bar_w, y_bottom + 0.5f), top, top,
                                  bottom, bottom);
  }
  const std::array<double, 3> marks{hi, (lo + hi) / 2.0, lo};
  for (std::size_t k = 0; k < marks.size(); ++k) {
    const float y = grid.y + side * static_cast<float>(k) / 2.0f;
    small_text(
        draw, ctx,
        ImVec2(lx + bar_w + 4.0f * scale,
               std::clamp(y - small / 2.0f, grid.y - small / 2.0f, grid.y + side - small)),
        kMuted,
        format_number(value_format == std::string("%.2f") ? "%.3f" : value_format, marks[k]));
  }
  const bool any_missing =
      std::any_of(table.values.begin(), table.values.end(), [](const auto& row) {
        return std::any_of(row.begin(), row.end(), [](const auto& v) { return !v.has_value(); });
      });
  small_text(
      draw, ctx, ImVec2(grid.x, grid.y + side + 4.0f * scale), kMuted,
      any_missing ? "grey: never met · hover a cell for details" : "hover a cell for details");
}

}  // namespace treatysim::gui
