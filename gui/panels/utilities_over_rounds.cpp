#include "gui/panels/utilities_over_rounds.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <imgui.h>

#include "gui/logic/model_view.hpp"
#include "gui/logic/narration.hpp"
#include "gui/panels/plot_frame.hpp"

namespace treatysim::gui {

namespace {

// Dots per party drawn anti-aliased; a denser series is drawn plain.
constexpr std::size_t kSmoothDots = 120;

// x = offer index, y = the party's utility.
std::vector<SeriesPoint> series_of(const std::vector<Session::OfferPoint>& offers,
                                   PartyIndex valued_by, bool own) {
  std::vector<SeriesPoint> series;
  for (const Session::OfferPoint& offer : offers) {
    if ((offer.proposer == valued_by) == own) {
      series.push_back({static_cast<double>(offer.offer_index), offer.utilities[valued_by]});
    }
  }
  return series;
}

std::vector<ImVec2> to_pixels(const PlotTransform& t, const std::vector<SeriesPoint>& series) {
  std::vector<ImVec2> out;
  out.reserve(series.size());
  for (const SeriesPoint& p : series) out.push_back(im_vec(t.to_pixel({p.x, p.y})));
  return out;
}

// The opponent models' accuracy over rounds: for each side with a model, Pearson (solid) and
// Kendall (dashed) correlation of its estimate with the truth after each offer it answered, and
// the share of the true frontier it finds (dots).
void draw_accuracy_over_rounds(AppContext& ctx) {
  const Session& session = ctx.session;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float scale = ctx.ui_scale;
  const float small = ctx.fonts.small != nullptr ? ctx.fonts.small->FontSize : 13.0f;
  const int deadline = session.deadline();
  const double last_index = std::max(1.0, static_cast<double>(deadline - 1));
  AxisLabels labels;
  labels.y = "accuracy";
  labels.x_format = "%.0f";
  labels.x_tick_target = std::min(8, std::max(1, deadline - 1));
  labels.y_tick_target = 4;
  const float caption = small + 4.0f * scale;
  const PlotTransform t =
      begin_plot("##accuracy", ctx, PlotRect{{0.0, 0.0}, {last_index, 1.0}}, labels, caption);
  const PlotRect& px = t.pixels();
  const auto buckets = static_cast<std::size_t>(std::max(8.0, px.width() / 2.0));
  draw->PushClipRect(
      im_vec(px.min),
      ImVec2(static_cast<float>(px.max.x) + 2.0f, static_cast<float>(px.max.y) + 2.0f), true);
  for (PartyIndex party = 0; party < kPartyCount; ++party) {
    if (!session.has_model(party)) continue;
    const Rgba color = party_color(party);
    const std::vector<AccuracyPoint>& curve = session.accuracy_curve(party);
    // Correlations below 0 are drawn at 0 (the axis is [0, 1]).
    const auto clamped = [](std::vector<SeriesPoint> series) {
      for (SeriesPoint& p : series) p.y = std::max(0.0, p.y);
      return series;
    };
    polyline(
        draw,
        to_pixels(t, decimate(clamped(accuracy_series(curve, AccuracyMeasure::kPearson)), buckets)),
        im_color(color), 2.0f * scale);
    const std::vector<ImVec2> kendall =
        to_pixels(t, decimate(clamped(accuracy_series(curve, AccuracyMeasure::kKendall)), buckets));
    for (std::size_t i = 1; i < kendall.size(); ++i) {
      dashed_line(draw, kendall[i - 1], kendall[i], im_color(color), 1.5f * scale, 4.0f * scale,
                  3.0f * scale);
    }
    const auto dot_buckets = static_cast<std::size_t>(std::max(8.0, px.width() / 6.0));
    for (const ImVec2& p :
         to_pixels(t, decimate(accuracy_series(curve, AccuracyMeasure::kPareto), dot_buckets))) {
      draw->AddCircleFilled(p, 2.5f * scale, im_color(color.with_alpha(170)), 8);
    }
  }
  draw->PopClipRect();
  small_text(draw, ctx, ImVec2(static_cast<float>(px.min.x), ImGui::GetCursorScreenPos().y),
             {0x9a, 0xa0, 0xaa, 255},
             "line: Pearson · dashes: Kendall · dots: share of the true frontier found");
}

}  // namespace

void draw_utilities_over_rounds(AppContext& ctx) {
  if (ctx.show_accuracy && (ctx.session.has_model(0) || ctx.session.has_model(1))) {
    draw_accuracy_over_rounds(ctx);
    return;
  }
  const Session& session = ctx.session;
  const Scenario& scenario = session.scenario();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float scale = ctx.ui_scale;
  const float small = ctx.fonts.small != nullptr ? ctx.fonts.small->FontSize : 13.0f;

  const int deadline = session.deadline();
  const double last_index = std::max(1.0, static_cast<double>(deadline - 1));
  AxisLabels labels;
  labels.y = "utility";
  labels.x_format = "%.0f";
  // Offer indices are whole numbers: never ask for more ticks than there are offers, so the
  // step stays ≥ 1 (a 0.5 step would print "1 1 2 2 3").
  labels.x_tick_target = std::min(8, std::max(1, deadline - 1));
  labels.y_tick_target = 4;
  const float caption = small + 4.0f * scale;
  const PlotTransform t =
      begin_plot("##utilities", ctx, PlotRect{{0.0, 0.0}, {last_index, 1.0}}, labels, caption);
  const bool hovered = ImGui::IsItemHovered();
  const PlotRect& px = t.pixels();
  const auto buckets = static_cast<std::size_t>(std::max(8.0, px.width() / 2.0));

  draw->PushClipRect(
      im_vec(px.min),
      ImVec2(static_cast<float>(px.max.x) + 2.0f, static_cast<float>(px.max.y) + 2.0f), true);
  // The deadline (the last offer index).
  const float deadline_x = static_cast<float>(t.pixel_x(last_index));
  draw->AddLine(ImVec2(deadline_x - 1.0f, static_cast<float>(px.min.y)),
                ImVec2(deadline_x - 1.0f, static_cast<float>(px.max.y)), im_color(kDeadlineRed),
                1.5f * scale);
  const std::string deadline_label = "deadline";
  small_text(draw, ctx,
             ImVec2(deadline_x - small_text_width(ctx, deadline_label) - 6.0f * scale,
                    static_cast<float>(px.min.y) + 2.0f * scale),
             kDeadlineRed, deadline_label);

  const ValueVisibility visible = visible_values(ctx);
  for (PartyIndex party = 0; party < kPartyCount; ++party) {
    // A person playing under private information sees only their own utilities.
    if (!visible.shows(party)) continue;
    const Rgba color = party_color(party);
    if (const auto target = session.target_curve(party)) {
      std::vector<SeriesPoint> curve;
      for (std::size_t r = 0; r < target->size(); ++r) {
        curve.push_back({static_cast<double>(r), (*target)[r]});
      }
      // A smooth schedule: a point every ~8 pixels is enough (each dash costs vertices).
      const auto coarse = static_cast<std::size_t>(std::max(8.0, px.width() / 8.0));
      const std::vector<ImVec2> line = to_pixels(t, decimate(curve, coarse));
      for (std::size_t i = 1; i < line.size(); ++i) {
        dashed_line(draw, line[i - 1], line[i], im_color(color.with_alpha(140)), 1.0f * scale,
                    4.0f * scale, 3.0f * scale);
      }
    }
    // The line of its own offers; a series denser than the pixels (a long history) is drawn as
    // its envelope, one plain bar per 2 pixels (the line would be a scribble of that shape at
    // several times the triangles).
    const std::vector<SeriesPoint> own = series_of(session.offers(), party, true);
    if (own.size() <= 2 * buckets) {
      polyline(draw, to_pixels(t, decimate(own, buckets)), im_color(color), 2.0f * scale);
    } else {
      const float half = 1.0f * scale;
      for (const EnvelopeColumn& c : envelope(own, buckets)) {
        const ImVec2 top = im_vec(t.to_pixel({c.x0, c.y_max}));
        const ImVec2 bottom = im_vec(t.to_pixel({c.x1, c.y_min}));
        draw->AddRectFilled(ImVec2(top.x, top.y - half), ImVec2(bottom.x, bottom.y + half),
                            im_color(color));
      }
    }
    // Dots: about one bucket per 6 pixels (each keeps its first, last and extreme points). A
    // dense series (a long history) is drawn as small squares: an anti-aliased circle costs
    // about 17 vertices and 22 triangles, a square 4 and 2, and the software rasteriser pays
    // per vertex and triangle.
    const auto dot_buckets = static_cast<std::size_t>(std::max(8.0, px.width() / 6.0));
    const std::vector<ImVec2> dots =
        to_pixels(t, decimate(series_of(session.offers(), party, false), dot_buckets));
    if (dots.size() <= kSmoothDots) {
      for (const ImVec2& p : dots) draw->AddCircleFilled(p, 3.0f * scale, im_color(color), 8);
    } else {
      const float r = 2.0f * scale;
      for (const ImVec2& p : dots) {
        draw->AddRectFilled(ImVec2(p.x - r, p.y - r), ImVec2(p.x + r, p.y + r), im_color(color));
      }
    }
  }

  // Hover: the offer at the mouse's round.
  if (hovered && !session.offers().empty()) {
    const double x = t.to_data({ImGui::GetIO().MousePos.x, ImGui::GetIO().MousePos.y}).x;
    const auto r = static_cast<int>(std::lround(x));
    for (const Session::OfferPoint& offer : session.offers()) {
      if (offer.offer_index != r) continue;
      const float px_x = static_cast<float>(t.pixel_x(r));
      draw->AddLine(ImVec2(px_x, static_cast<float>(px.min.y)),
                    ImVec2(px_x, static_cast<float>(px.max.y)), IM_COL32(255, 255, 255, 60));
      ImGui::BeginTooltip();
      ImGui::Text("Round %d: %s offers %s", r + 1, party_phrase(scenario, offer.proposer).c_str(),
                  scenario.space().format(offer.outcome).c_str());
      for (PartyIndex p = 0; p < kPartyCount; ++p) {
        if (!visible.shows(p)) continue;
        if (p > 0 && visible.shows_all()) ImGui::SameLine(0.0f, 16.0f * scale);
        ImGui::PushStyleColor(ImGuiCol_Text, im_color(party_color(p)));
        ImGui::Text("%s %s", scenario.party(p).name.c_str(),
                    format_utility(offer.utilities[p]).c_str());
        ImGui::PopStyleColor();
      }
      ImGui::EndTooltip();
      break;
    }
  }
  draw->PopClipRect();

  // The caption under the plot says how to read it.
  small_text(draw, ctx, ImVec2(static_cast<float>(px.min.x), ImGui::GetCursorScreenPos().y),
             {0x9a, 0xa0, 0xaa, 255},
             visible.shows_none()
                 ? "private information: pick a side to see the utilities of your offers"
                 : "line: a side's utility of its own offers · dots: of offers it received · "
                   "dashes: its target");
}

}  // namespace treatysim::gui
