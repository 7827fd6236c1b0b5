#include "gui/panels/plot_frame.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace treatysim::gui {

namespace {

std::string format_tick(const char* format, double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

ImFont* small_font(const AppContext& ctx) {
  return ctx.fonts.small != nullptr ? ctx.fonts.small : ImGui::GetFont();
}

constexpr Rgba kAxisColor{0x8a, 0x90, 0x9c, 255};
constexpr Rgba kGridColor{0x8a, 0x90, 0x9c, 28};
constexpr Rgba kPlotBackground{0x00, 0x00, 0x00, 40};

}  // namespace

float small_text_width(const AppContext& ctx, const std::string& text) {
  ImFont* font = small_font(ctx);
  return font->CalcTextSizeA(font->FontSize, 1e9f, 0.0f, text.c_str()).x;
}

void small_text(ImDrawList* draw, const AppContext& ctx, ImVec2 at, Rgba color,
                const std::string& text) {
  ImFont* font = small_font(ctx);
  draw->AddText(font, font->FontSize, at, im_color(color), text.c_str());
}

void dashed_line(ImDrawList* draw, ImVec2 a, ImVec2 b, ImU32 color, float thickness, float dash,
                 float gap) {
  const float dx = b.x - a.x;
  const float dy = b.y - a.y;
  const float length = std::sqrt(dx * dx + dy * dy);
  if (length <= 0.0f) return;
  const float period = dash + gap;
  for (float s = 0.0f; s < length; s += period) {
    const float e = std::min(s + dash, length);
    draw->AddLine(ImVec2(a.x + dx * s / length, a.y + dy * s / length),
                  ImVec2(a.x + dx * e / length, a.y + dy * e / length), color, thickness);
  }
}

void polyline(ImDrawList* draw, const std::vector<ImVec2>& points, ImU32 color, float thickness) {
  if (points.size() < 2) return;
  draw->AddPolyline(points.data(), static_cast<int>(points.size()), color, ImDrawFlags_None,
                    thickness);
}

PlotTransform begin_plot(const char* id, AppContext& ctx, PlotRect data, const AxisLabels& labels,
                         float reserve_below, float reserve_right) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float small = small_font(ctx)->FontSize;
  const float scale = ctx.ui_scale;

  const std::vector<double> x_ticks = nice_ticks(data.min.x, data.max.x, labels.x_tick_target);
  const std::vector<double> y_ticks = labels.y_ticks
                                          ? nice_ticks(data.min.y, data.max.y, labels.y_tick_target)
                                          : std::vector<double>{};
  float y_label_width = 0.0f;
  for (const double t : y_ticks) {
    y_label_width = std::max(y_label_width, small_text_width(ctx, format_tick(labels.y_format, t)));
  }
  const float left = y_label_width + 8.0f * scale;
  const float top = labels.y.empty() ? 4.0f * scale : small + 6.0f * scale;
  const float bottom = small + 4.0f * scale + (labels.x.empty() ? 0.0f : small + 4.0f * scale);
  const float right = 8.0f * scale;
  const float width = std::max(avail.x - reserve_right, 40.0f);
  const float height = std::max(avail.y - reserve_below, 40.0f);

  const PlotRect pixels{{origin.x + left, origin.y + top},
                        {origin.x + width - right, origin.y + height - bottom}};
  const PlotTransform transform(data, pixels);

  ImGui::InvisibleButton(id, ImVec2(width, height));
  draw->AddRectFilled(im_vec(pixels.min), im_vec(pixels.max), im_color(kPlotBackground));

  for (const double t : x_ticks) {
    const float x = static_cast<float>(transform.pixel_x(t));
    draw->AddLine(ImVec2(x, static_cast<float>(pixels.min.y)),
                  ImVec2(x, static_cast<float>(pixels.max.y)), im_color(kGridColor));
    const std::string text = format_tick(labels.x_format, t);
    small_text(draw, ctx,
               ImVec2(x - small_text_width(ctx, text) / 2.0f,
                      static_cast<float>(pixels.max.y) + 2.0f * scale),
               kAxisColor, text);
  }
  for (const double t : y_ticks) {
    const float y = static_cast<float>(transform.pixel_y(t));
    draw->AddLine(ImVec2(static_cast<float>(pixels.min.x), y),
                  ImVec2(static_cast<float>(pixels.max.x), y), im_color(kGridColor));
    const std::string text = format_tick(labels.y_format, t);
    small_text(draw, ctx,
               ImVec2(static_cast<float>(pixels.min.x) - 4.0f * scale - small_text_width(ctx, text),
                      y - small / 2.0f),
               kAxisColor, text);
  }
  draw->AddLine(ImVec2(static_cast<float>(pixels.min.x), static_cast<float>(pixels.max.y)),
                ImVec2(static_cast<float>(pixels.max.x), static_cast<float>(pixels.max.y)),
                im_color(kAxisColor));
  draw->AddLine(ImVec2(static_cast<float>(pixels.min.x), static_cast<float>(pixels.min.y)),
                ImVec2(static_cast<float>(pixels.min.x), static_cast<float>(pixels.max.y)),
                im_color(kAxisColor));
  if (!labels.x.empty()) {
    const float w = small_text_width(ctx, labels.x);
    small_text(draw, ctx,
               ImVec2(static_cast<float>(pixels.min.x + pixels.width() / 2.0) - w / 2.0f,
                      static_cast<float>(pixels.max.y) + small + 6.0f * scale),
               kAxisColor, labels.x);
  }
  if (!labels.y.empty()) {
    small_text(draw, ctx, ImVec2(origin.x + 2.0f * scale, origin.y), kAxisColor, labels.y);
  }
  return transform;
}

}  // namespace treatysim::gui
