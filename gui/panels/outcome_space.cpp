#include "gui/panels/outcome_space.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <imgui.h>

#include "engine/analysis/negotiation_solutions.hpp"
#include "gui/logic/control_rows.hpp"
#include "gui/logic/model_view.hpp"
#include "gui/logic/narration.hpp"
#include "gui/logic/trail.hpp"
#include "gui/panels/outcome_legend.hpp"
#include "gui/panels/plot_frame.hpp"

namespace treatysim::gui {

namespace {

// Outcomes of a party's history drawn as dots (the newest ones; older repeats share a dot).
constexpr std::size_t kMaxTrailDots = 300;
// Offers of each party joined by the trail line.
constexpr std::size_t kTrailLine = 24;
// The newest dots of a trail drawn anti-aliased (older ones fade and are drawn plain).
constexpr std::size_t kSmoothTrailDots = 40;

// The density grid of the outcome cloud, recomputed only when the cloud or the grid changes.
const DensityGrid& density(const std::vector<OutcomePoint>& points, std::size_t columns,
                           std::size_t rows) {
  struct Cache {
    const OutcomePoint* data = nullptr;
    std::size_t size = 0;
    std::size_t columns = 0;
    std::size_t rows = 0;
    DensityGrid grid{PlotRect{}, 1, 1};
  };
  static Cache cache;
  if (cache.data != points.data() || cache.size != points.size() || cache.columns != columns ||
      cache.rows != rows) {
    cache.grid = DensityGrid(PlotRect{{0.0, 0.0}, {1.0, 1.0}}, columns, rows);
    for (const OutcomePoint& p : points) cache.grid.add({p.utilities[0], p.utilities[1]});
    cache.data = points.data();
    cache.size = points.size();
    cache.columns = columns;
    cache.rows = rows;
  }
  return cache.grid;
}

void draw_cloud(ImDrawList* draw, const AppContext& ctx, const PlotTransform& t,
                const std::vector<OutcomePoint>& points) {
  const float scale = ctx.ui_scale;
  if (points.size() <= kMaxPointsDrawn) {
    const float r = 1.3f * scale;
    const ImU32 color = im_color(kOutcomeGrey.with_alpha(150));
    for (const OutcomePoint& p : points) {
      const ImVec2 c = im_vec(t.to_pixel({p.utilities[0], p.utilities[1]}));
      draw->AddRectFilled(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), color);
    }
    return;
  }
  const double cell = 6.0 * scale;
  const auto columns = static_cast<std::size_t>(std::max(1.0, t.pixels().width() / cell));
  const auto rows = static_cast<std::size_t>(std::max(1.0, t.pixels().height() / cell));
  const DensityGrid& grid = density(points, columns, rows);
  for (std::size_t row = 0; row < grid.rows(); ++row) {
    for (std::size_t column = 0; column < grid.columns(); ++column) {
      if (grid.count(column, row) == 0) continue;
      const PlotRect r = grid.cell(column, row);
      const auto alpha = static_cast<std::uint8_t>(40.0 + 190.0 * grid.intensity(column, row));
      draw->AddRectFilled(im_vec(t.to_pixel({r.min.x, r.max.y})),
                          im_vec(t.to_pixel({r.max.x, r.min.y})),
                          im_color(kOutcomeGrey.with_alpha(alpha)));
    }
  }
}

// The shown party's opponent model: where it believes each outcome lies (hollow squares in its
// colour, at most kMaxPointsDrawn of them, evenly strided), the frontier it believes in (dashed),
// its estimate of the other side's reservation value (a dashed line) and a caption with the
// model's accuracy now.
void draw_estimate(ImDrawList* draw, const AppContext& ctx, const PlotTransform& t) {
  if (!ctx.shown_estimate) return;
  const Session& session = ctx.session;
  const PartyIndex modeller = *ctx.shown_estimate;
  const std::vector<double>& estimate = session.estimate(modeller);
  const std::vector<OutcomePoint>& points = session.outcome_points();
  if (estimate.empty() || estimate.size() != points.size()) return;
  const float scale = ctx.ui_scale;
  const Rgba color = party_color(modeller);
  const std::vector<Vec2d> cloud = estimate_cloud(points, estimate, modeller);
  const std::size_t stride = std::max<std::size_t>(1, cloud.size() / kMaxPointsDrawn);
  const float r = 2.0f * scale;
  for (std::size_t k = 0; k < cloud.size(); k += stride) {
    const ImVec2 c = im_vec(t.to_pixel(cloud[k]));
    draw->AddRect(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r),
                  im_color(color.with_alpha(110)));
  }
  const auto buckets = static_cast<std::size_t>(std::max(8.0, t.pixels().width() / 2.0));
  std::vector<ImVec2> line;
  for (const SeriesPoint& p : decimate(estimated_frontier(points, estimate, modeller), buckets))
    line.push_back(im_vec(t.to_pixel({p.x, p.y})));
  for (std::size_t i = 1; i < line.size(); ++i) {
    dashed_line(draw, line[i - 1], line[i], im_color(color), 2.0f * scale, 5.0f * scale,
                3.0f * scale);
  }
  const PartyIndex modelled = other_party(modeller);
  if (const std::optional<double> reservation = session.estimated_reservation(modeller)) {
    const PlotRect& px = t.pixels();
    if (modelled == 0) {
      const float x = static_cast<float>(t.pixel_x(*reservation));
      dashed_line(draw, ImVec2(x, static_cast<float>(px.min.y)),
                  ImVec2(x, static_cast<float>(px.max.y)), im_color(color.with_alpha(180)),
                  1.0f * scale, 3.0f * scale, 4.0f * scale);
    } else {
      const float y = static_cast<float>(t.pixel_y(*reservation));
      dashed_line(draw, ImVec2(static_cast<float>(px.min.x), y),
                  ImVec2(static_cast<float>(px.max.x), y), im_color(color.with_alpha(180)),
                  1.0f * scale, 3.0f * scale, 4.0f * scale);
    }
  }
  const std::string caption =
      accuracy_caption(session.scenario(), modeller, session.accuracy_curve(modeller),
                       session.reservation_values()[modelled]);
  // One line, or two when it is wider than the plot (the reservation part goes below).
  std::vector<std::string> lines{caption};
  const float room = static_cast<float>(t.pixels().width()) - 12.0f * scale;
  if (const std::size_t cut = caption.find(" · reservation");
      cut != std::string::npos && small_text_width(ctx, caption) > room) {
    lines = {caption.substr(0, cut), caption.substr(cut + 3)};
  }
  const float h = ctx.fonts.small != nullptr ? ctx.fonts.small->FontSize : 13.0f;
  ImVec2 at(static_cast<float>(t.pixels().min.x) + 6.0f * scale,
            static_cast<float>(t.pixels().min.y) + 4.0f * scale);
  for (const std::string& text : lines) {
    draw->AddRectFilled(
        ImVec2(at.x - 3.0f * scale, at.y - 1.0f * scale),
        ImVec2(at.x + small_text_width(ctx, text) + 3.0f * scale, at.y + h + 2.0f * scale),
        IM_COL32(20, 22, 27, 215), 3.0f * scale);
    small_text(draw, ctx, at, color, text);
    at.y += h + 3.0f * scale;
  }
}

void draw_frontier(ImDrawList* draw, const AppContext& ctx, const PlotTransform& t,
                   const FrontierResult& frontier) {
  std::vector<SeriesPoint> series;
  series.reserve(frontier.points.size());
  // The frontier is ordered by u0 descending: reverse it so x grows.
  for (auto it = frontier.points.rbegin(); it != frontier.points.rend(); ++it) {
    series.push_back({it->utilities[0], it->utilities[1]});
  }
  const auto buckets = static_cast<std::size_t>(std::max(8.0, t.pixels().width() / 2.0));
  std::vector<ImVec2> line;
  for (const SeriesPoint& p : decimate(series, buckets))
    line.push_back(im_vec(t.to_pixel({p.x, p.y})));
  polyline(draw, line, im_color(kFrontierGreen), 2.0f * ctx.ui_scale);
}

void draw_trails(ImDrawList* draw, const AppContext& ctx, const PlotTransform& t,
                 const std::vector<Session::OfferPoint>& offers) {
  const float scale = ctx.ui_scale;
  for (PartyIndex party = 0; party < kPartyCount; ++party) {
    std::vector<const Session::OfferPoint*> own;
    for (const Session::OfferPoint& offer : offers) {
      if (offer.proposer == party) own.push_back(&offer);
    }
    if (own.empty()) continue;
    const Rgba color = party_color(party);
    // The line through the latest offers, fading with age.
    const std::size_t first = own.size() > kTrailLine ? own.size() - kTrailLine : 0;
    for (std::size_t i = first + 1; i < own.size(); ++i) {
      const double age = static_cast<double>(own.size() - 1 - i);
      draw->AddLine(im_vec(t.to_pixel({own[i - 1]->utilities[0], own[i - 1]->utilities[1]})),
                    im_vec(t.to_pixel({own[i]->utilities[0], own[i]->utilities[1]})),
                    im_color(fade(color.with_alpha(200), age, 30)), 1.5f * scale);
    }
    // One dot per outcome offered, at the age of its latest offer (oldest drawn first). The
    // newest dots are smooth circles; the older, fading ones are plain octagons (6 triangles
    // instead of 28: a 2,000-offer history stays cheap to rasterise).
    std::vector<Outcome> outcomes;
    outcomes.reserve(own.size());
    for (const Session::OfferPoint* offer : own) outcomes.push_back(offer->outcome);
    const std::vector<TrailDot> dots = latest_distinct(outcomes, kMaxTrailDots);
    const auto dot = [&](const TrailDot& d, int segments) {
      const Session::OfferPoint& offer = *own[d.index];
      draw->AddCircleFilled(im_vec(t.to_pixel({offer.utilities[0], offer.utilities[1]})),
                            3.5f * scale, im_color(fade(color, static_cast<double>(d.age), 60)),
                            segments);
    };
    const std::size_t smooth = std::min(dots.size(), kSmoothTrailDots);
    {
      const PlainFill plain(draw);
      for (std::size_t i = dots.size(); i-- > smooth;) dot(dots[i], 8);
    }
    for (std::size_t i = smooth; i-- > 0;) dot(dots[i], 10);
  }
}

// The bargaining solutions as markers: solutions on the same outcome share one marker and one
// label ("N · KS").
struct SolutionMarker {
  OutcomePoint point;
  std::string label;
};

// The solutions for the negotiation on screen's reservation values (drawn ones move them).
std::vector<SolutionMarker> solution_markers(const ScenarioAnalysis& analysis,
                                             const std::array<double, kPartyCount>& reservations) {
  std::map<std::uint64_t, SolutionMarker> markers;
  const auto add = [&](BargainingSolution kind, const char* letter) {
    const std::optional<OutcomePoint> point =
        solution_for_reservations(analysis, reservations, kind);
    if (!point) return;
    SolutionMarker& entry = markers[point->index];
    entry.point = *point;
    entry.label += entry.label.empty() ? letter : std::string(" · ") + letter;
  };
  add(BargainingSolution::kNash, "N");
  add(BargainingSolution::kKalaiSmorodinsky, "KS");
  add(BargainingSolution::kEgalitarian, "E");
  add(BargainingSolution::kUtilitarian, "U");
  std::vector<SolutionMarker> list;
  for (auto& [index, marker] : markers) list.push_back(std::move(marker));
  return list;
}

// The markers with their letters above right; placed from right to left, a label that would
// overlap one placed before it (solutions close together, like KS and E) goes above left of its
// marker instead, or else below right.
void draw_solutions(ImDrawList* draw, const AppContext& ctx, const PlotTransform& t,
                    const std::vector<SolutionMarker>& markers) {
  const float s = 4.5f * ctx.ui_scale;
  ImFont* font = ctx.fonts.bold != nullptr ? ctx.fonts.bold : ImGui::GetFont();
  const float h = font->FontSize;
  std::vector<ImVec4> placed;  // label rectangles (x0, y0, x1, y1)
  const auto overlaps = [&](const ImVec4& r) {
    return std::any_of(placed.begin(), placed.end(), [&](const ImVec4& q) {
      return r.x < q.z && q.x < r.z && r.y < q.w && q.y < r.w;
    });
  };
  std::vector<const SolutionMarker*> order;
  for (const SolutionMarker& marker : markers) order.push_back(&marker);
  std::stable_sort(order.begin(), order.end(), [](const auto* a, const auto* b) {
    return a->point.utilities[0] > b->point.utilities[0];
  });
  for (const SolutionMarker* each : order) {
    const SolutionMarker& marker = *each;
    const ImVec2 c = im_vec(t.to_pixel({marker.point.utilities[0], marker.point.utilities[1]}));
    draw->AddRectFilled(ImVec2(c.x - s, c.y - s), ImVec2(c.x + s, c.y + s),
                        im_color(kSolutionGold));
    draw->AddRect(ImVec2(c.x - s, c.y - s), ImVec2(c.x + s, c.y + s), IM_COL32(20, 20, 20, 220));
    const float w = font->CalcTextSizeA(h, 1e9f, 0.0f, marker.label.c_str()).x;
    ImVec4 rect(c.x + s + 3.0f, c.y - s - h, c.x + s + 3.0f + w, c.y - s);
    if (overlaps(rect)) rect = ImVec4(c.x - s - 3.0f - w, rect.y, c.x - s - 3.0f, rect.w);
    if (overlaps(rect)) rect = ImVec4(c.x + s + 3.0f, c.y + s, c.x + s + 3.0f + w, c.y + s + h);
    placed.push_back(rect);
    draw->AddText(font, h, ImVec2(rect.x, rect.y), im_color(kSolutionGold), marker.label.c_str());
  }
}

void draw_reservations(ImDrawList* draw, const AppContext& ctx, const PlotTransform& t,
                       const Scenario& scenario, const ScenarioAnalysis& analysis) {
  const PlotRect& px = t.pixels();
  const std::array<double, kPartyCount> d = ctx.session.reservation_values();
  const double d0 = d[0];
  const double d1 = d[1];
  // The zone of agreement for these values: the analysis's, or — at drawn values — whether any
  // outcome gives both at least their values (then the Nash solution exists).
  const bool zopa =
      d == analysis.disagreement
          ? !analysis.zopa.empty
          : solution_for_reservations(analysis, d, BargainingSolution::kNash).has_value();
  if (zopa) {
    draw->AddRectFilled(im_vec(t.to_pixel({d0, 1.0})), im_vec(t.to_pixel({1.0, d1})),
                        im_color(kZopaShade));
  }
  const float x = static_cast<float>(t.pixel_x(d0));
  const float y = static_cast<float>(t.pixel_y(d1));
  const float scale = ctx.ui_scale;
  draw->AddLine(ImVec2(x, static_cast<float>(px.min.y)), ImVec2(x, static_cast<float>(px.max.y)),
                im_color(party_color(0).with_alpha(200)), 1.5f * scale);
  draw->AddLine(ImVec2(static_cast<float>(px.min.x), y), ImVec2(static_cast<float>(px.max.x), y),
                im_color(party_color(1).with_alpha(200)), 1.5f * scale);
  // Each label by its line, clear of the plot's edges and of each other (plot_math).
  const float h = ctx.fonts.small != nullptr ? ctx.fonts.small->FontSize : 13.0f;
  std::array<std::string, kPartyCount> texts;
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    texts[p] = party_short_name(scenario, p) + " reservation " + format_utility(d[p]);
  }
  const ReservationLabels at = reservation_labels(px, x, y, small_text_width(ctx, texts[0]),
                                                  small_text_width(ctx, texts[1]), h, 3.0f * scale);
  small_text(draw, ctx, im_vec(at.first), party_color(0), texts[0]);
  small_text(draw, ctx, im_vec(at.second), party_color(1), texts[1]);
}

void ring(ImDrawList* draw, ImVec2 c, float radius, ImU32 color, float thickness) {
  draw->AddCircle(c, radius, IM_COL32(0, 0, 0, 160), 20, thickness + 2.0f);
  draw->AddCircle(c, radius, color, 20, thickness);
}

// Small text on a dark plate, right-aligned to the left of `anchor` (for labels over the cloud).
void plate_label(ImDrawList* draw, const AppContext& ctx, const PlotTransform& t, ImVec2 anchor,
                 float offset, const std::string& text) {
  const float w = small_text_width(ctx, text);
  const float h = ctx.fonts.small != nullptr ? ctx.fonts.small->FontSize : 13.0f;
  // Left of the marker, or right of it near the plot's left edge (plot_math's side_label_x).
  const ImVec2 at(static_cast<float>(
                      side_label_x(anchor.x, offset, w + 3.0f, t.pixels().min.x, t.pixels().max.x)),
                  anchor.y - h / 2.0f);
  draw->AddRectFilled(ImVec2(at.x - 3.0f, at.y - 1.0f), ImVec2(at.x + w + 3.0f, at.y + h + 1.0f),
                      IM_COL32(20, 22, 28, 210), 3.0f);
  small_text(draw, ctx, at, kAgreementWhite, text);
}

void draw_table_and_agreement(ImDrawList* draw, const AppContext& ctx, const PlotTransform& t) {
  const Session& session = ctx.session;
  const float scale = ctx.ui_scale;
  if (const auto table = session.offer_on_table()) {
    const ImVec2 c = im_vec(t.to_pixel({table->utilities[0], table->utilities[1]}));
    ring(draw, c, 8.0f * scale, im_color(kAgreementWhite), 2.0f * scale);
    plate_label(draw, ctx, t, c, 12.0f * scale, "offer on the table");
  }
  const auto result = session.result();
  if (result && result->agreement) {
    const ImVec2 c = im_vec(t.to_pixel({result->utilities[0], result->utilities[1]}));
    ring(draw, c, 11.0f * scale, im_color(kAgreementWhite), 3.0f * scale);
    draw->AddCircleFilled(c, 4.0f * scale, im_color(kAgreementWhite), 12);
    plate_label(draw, ctx, t, c, 15.0f * scale, "agreement");
  }
}

// The outcome nearest to the mouse within `radius` pixels (points, or the frontier when the space
// is not enumerated).
const OutcomePoint* nearest(const PlotTransform& t, const Session& session, ImVec2 mouse,
                            double radius) {
  const std::vector<OutcomePoint>& points = session.outcome_points().empty()
                                                ? session.analysis().frontier.points
                                                : session.outcome_points();
  const OutcomePoint* best = nullptr;
  double best_d2 = radius * radius;
  for (const OutcomePoint& p : points) {
    const Vec2d q = t.to_pixel({p.utilities[0], p.utilities[1]});
    const double dx = q.x - mouse.x;
    const double dy = q.y - mouse.y;
    const double d2 = dx * dx + dy * dy;
    if (d2 < best_d2) {
      best_d2 = d2;
      best = &p;
    }
  }
  return best;
}

void tooltip(const AppContext& ctx, const Scenario& scenario, const OutcomePoint& point) {
  ImGui::BeginTooltip();
  if (ctx.fonts.bold != nullptr) ImGui::PushFont(ctx.fonts.bold);
  ImGui::TextUnformatted(scenario.space().format(point.outcome).c_str());
  if (ctx.fonts.bold != nullptr) ImGui::PopFont();
  const OutcomeSpace& space = scenario.space();
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    const Issue& issue = space.issue(i);
    ImGui::TextDisabled("%s:", issue.label.c_str());
    ImGui::SameLine();
    ImGui::TextUnformatted(issue.options[static_cast<std::size_t>(point.outcome[i])].label.c_str());
  }
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    if (p > 0) ImGui::SameLine(0.0f, 16.0f * ctx.ui_scale);
    ImGui::PushStyleColor(ImGuiCol_Text, im_color(party_color(p)));
    ImGui::Text("%s %s", party_short_name(scenario, p).c_str(),
                format_utility(point.utilities[p]).c_str());
    ImGui::PopStyleColor();
  }
  if (ctx.session.awaiting_human_offer()) ImGui::TextDisabled("click to use it as your offer");
  ImGui::EndTooltip();
}

// [SECTION] private view: a person playing under private information sees only their own
// values. Outcomes are placed by the person's utility (x) and spread vertically by their index
// (a fixed golden-ratio sequence, no meaning), so any outcome can still be hovered and picked.

double spread(std::uint64_t index) {
  const double v = static_cast<double>(index % 1000003U) * 0.6180339887498949;
  return 0.03 + 0.94 * (v - std::floor(v));
}

void draw_private_view(AppContext& ctx, PartyIndex viewer) {
  const Session& session = ctx.session;
  const Scenario& scenario = session.scenario();
  const OutcomeSpace& space = scenario.space();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float scale = ctx.ui_scale;

  AxisLabels labels;
  labels.x = "utility to " + party_phrase(scenario, viewer) + " (you) →";
  // The longest note that fits above the plot.
  const std::vector<std::string> notes{
      "every outcome, spread out (the other side's values stay hidden until the end)",
      "every outcome, spread out (the other side's values are hidden)",
      "every outcome, spread out"};
  std::vector<float> note_widths;
  for (const std::string& note : notes) note_widths.push_back(small_text_width(ctx, note));
  labels.y = notes[first_that_fits(note_widths, ImGui::GetContentRegionAvail().x)];
  labels.y_ticks = false;
  const PlotTransform t =
      begin_plot("##outcome_space", ctx, PlotRect{{0.0, 0.0}, {1.0, 1.0}}, labels);
  const bool hovered = ImGui::IsItemHovered();
  const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
  const PlotRect& px = t.pixels();
  draw->PushClipRect(im_vec(px.min), im_vec(px.max), true);

  const std::vector<OutcomePoint>& points = session.outcome_points();
  const std::size_t stride = points.size() / kMaxPointsDrawn + 1;
  const float r = 1.3f * scale;
  for (std::size_t i = 0; i < points.size(); i += stride) {
    const ImVec2 c = im_vec(t.to_pixel({points[i].utilities[viewer], spread(points[i].index)}));
    draw->AddRectFilled(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r),
                        im_color(kOutcomeGrey.with_alpha(150)));
  }
  const double reservation = session.reservation_values()[viewer];
  const float x = static_cast<float>(t.pixel_x(reservation));
  draw->AddLine(ImVec2(x, static_cast<float>(px.min.y)), ImVec2(x, static_cast<float>(px.max.y)),
                im_color(party_color(viewer).with_alpha(200)), 1.5f * scale);
  const float h = ctx.fonts.small != nullptr ? ctx.fonts.small->FontSize : 13.0f;
  small_text(draw, ctx, ImVec2(x + 4.0f * scale, static_cast<float>(px.max.y) - h - 2.0f * scale),
             party_color(viewer), "your reservation " + format_utility(reservation));

  const auto position = [&](const Outcome& outcome) {
    const std::uint64_t index = space.enumerable() ? space.index_of(outcome) : 0;
    return im_vec(t.to_pixel({scenario.utility(viewer)(outcome), spread(index)}));
  };
  const std::vector<Session::OfferPoint>& offers = session.offers();
  const std::size_t first =
      offers.size() > 2 * kMaxTrailDots ? offers.size() - 2 * kMaxTrailDots : 0;
  // The newest dots smooth, the older, faded ones plain (as in draw_trails).
  const std::size_t smooth_from =
      std::max(first, offers.size() - std::min(offers.size(), 2 * kSmoothTrailDots));
  const auto dot = [&](std::size_t i, int segments) {
    const double age = static_cast<double>(offers.size() - 1 - i) / 2.0;
    draw->AddCircleFilled(position(offers[i].outcome), 3.5f * scale,
                          im_color(fade(party_color(offers[i].proposer), age, 60)), segments);
  };
  {
    const PlainFill plain(draw);
    for (std::size_t i = first; i < smooth_from; ++i) dot(i, 8);
  }
  for (std::size_t i = smooth_from; i < offers.size(); ++i) dot(i, 10);
  if (const auto table = session.offer_on_table()) {
    ring(draw, position(table->outcome), 8.0f * scale, im_color(kAgreementWhite), 2.0f * scale);
  }
  if (hovered && !points.empty()) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const OutcomePoint* best = nullptr;
    double best_d2 = 64.0 * scale * scale;
    for (std::size_t i = 0; i < points.size(); i += stride) {
      const Vec2d q = t.to_pixel({points[i].utilities[viewer], spread(points[i].index)});
      const double d2 = (q.x - mouse.x) * (q.x - mouse.x) + (q.y - mouse.y) * (q.y - mouse.y);
      if (d2 < best_d2) {
        best_d2 = d2;
        best = &points[i];
      }
    }
    if (best != nullptr) {
      draw->AddCircle(position(best->outcome), 5.0f * scale, IM_COL32(255, 255, 255, 230), 12,
                      1.5f);
      ctx.hovered_outcome = best->outcome;
      if (clicked) ctx.picked_outcome = best->outcome;
      ImGui::BeginTooltip();
      ImGui::TextUnformatted(space.format(best->outcome).c_str());
      for (std::size_t i = 0; i < space.issue_count(); ++i) {
        const Issue& issue = space.issue(i);
        ImGui::TextDisabled("%s:", issue.label.c_str());
        ImGui::SameLine();
        ImGui::TextUnformatted(
            issue.options[static_cast<std::size_t>(best->outcome[i])].label.c_str());
      }
      ImGui::PushStyleColor(ImGuiCol_Text, im_color(party_color(viewer)));
      ImGui::Text("worth %s to you", format_utility(best->utilities[viewer]).c_str());
      ImGui::PopStyleColor();
      if (session.awaiting_human_offer()) ImGui::TextDisabled("click to use it as your offer");
      ImGui::EndTooltip();
    }
  }
  draw->PopClipRect();
}

// Before a side is picked under private information no values may be shown: the plot stays
// empty and says why (the offers are placed in no space without a side's values).
void draw_hidden_view() {
  const std::string text =
      "Private information: each side knows only its own values. Pick your side to see what "
      "every possible treaty is worth to you; both sides' values are shown when the game ends.";
  // A third of the way down, wrapped to the panel with a margin of two text heights.
  const float margin = 2.0f * ImGui::GetFontSize();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  ImGui::SetCursorPos(
      ImVec2(ImGui::GetCursorPosX() + margin, ImGui::GetCursorPosY() + avail.y / 3.0f));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(avail.x - 2.0f * margin, margin));
  ImGui::PushStyleColor(ImGuiCol_Text, im_color(kOutcomeGrey));
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
}

}  // namespace

void draw_outcome_space(AppContext& ctx) {
  const Session& session = ctx.session;
  const ValueVisibility visible = visible_values(ctx);
  if (visible.shows_none()) {
    draw_hidden_view();
    return;
  }
  if (const auto viewer = visible.only()) {
    draw_private_view(ctx, *viewer);
    return;
  }
  const Scenario& scenario = session.scenario();
  const ScenarioAnalysis& analysis = session.analysis();
  ImDrawList* draw = ImGui::GetWindowDrawList();

  AxisLabels labels;
  labels.x = "utility to " + party_phrase(scenario, 0) + " →";
  labels.y = party_short_name(scenario, 1) + " utility ↑";
  // The legend under the plot, or beside it when that leaves the plot larger (a wide, short
  // panel: presenter mode at 1280×800).
  const ImVec2 area = ImGui::GetContentRegionAvail();
  const ImVec2 area_origin = ImGui::GetCursorScreenPos();
  const float column_gap = 12.0f * ctx.ui_scale;
  const LegendLayout below = layout_legend(ctx, scenario, area.x);
  const LegendLayout column = layout_legend(ctx, scenario, area.x, true);
  const bool beside = legend_side(area.x, area.y, below.height, column.width + column_gap,
                                  column.height) == LegendSide::kRight;
  const LegendLayout& legend = beside ? column : below;
  const PlotTransform t =
      begin_plot("##outcome_space", ctx, PlotRect{{0.0, 0.0}, {1.0, 1.0}}, labels,
                 beside ? 0.0f : legend.height, beside ? column.width + column_gap : 0.0f);
  const ImVec2 legend_origin = beside ? ImVec2(area_origin.x + area.x - column.width,
                                               static_cast<float>(t.pixels().min.y) - 4.0f)
                                      : ImGui::GetCursorScreenPos();
  const bool hovered = ImGui::IsItemHovered();
  const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
  const PlotRect& px = t.pixels();

  draw->PushClipRect(
      ImVec2(static_cast<float>(px.min.x) - 12.0f, static_cast<float>(px.min.y) - 12.0f),
      ImVec2(static_cast<float>(px.max.x) + 12.0f, static_cast<float>(px.max.y) + 12.0f), true);
  draw_reservations(draw, ctx, t, scenario, analysis);
  draw_cloud(draw, ctx, t, session.outcome_points());
  draw_estimate(draw, ctx, t);
  draw_frontier(draw, ctx, t, analysis.frontier);
  draw_trails(draw, ctx, t, session.offers());
  const std::vector<SolutionMarker> markers =
      solution_markers(analysis, session.reservation_values());
  draw_solutions(draw, ctx, t, markers);
  draw_table_and_agreement(draw, ctx, t);

  if (hovered) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (const OutcomePoint* point = nearest(t, session, mouse, 8.0 * ctx.ui_scale)) {
      const ImVec2 c = im_vec(t.to_pixel({point->utilities[0], point->utilities[1]}));
      draw->AddCircle(c, 5.0f * ctx.ui_scale, IM_COL32(255, 255, 255, 230), 12, 1.5f);
      ctx.hovered_outcome = point->outcome;
      if (clicked) ctx.picked_outcome = point->outcome;
      tooltip(ctx, scenario, *point);
    }
  }
  draw->PopClipRect();
  draw_legend(draw, legend, legend_origin);
}

}  // namespace treatysim::gui
