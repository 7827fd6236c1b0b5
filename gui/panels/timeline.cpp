// timeline.cpp — the treaty's life drawn with ImGui draw lists.
#include "gui/panels/timeline.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "engine/model/user_error.hpp"
#include "gui/logic/colors.hpp"
#include "gui/logic/layout.hpp"
#include "gui/logic/lifecycle_view.hpp"
#include "gui/logic/timeline_layout.hpp"

namespace treatysim::gui {

namespace {

constexpr Rgba kInjectedCyan{0x5a, 0xd1, 0xe6, 255};  // markers of injected events
constexpr Rgba kAxisGrey{0x8a, 0x90, 0x9a, 255};
constexpr Rgba kGridGrey{0x8a, 0x90, 0x9a, 60};

struct PanelState {
  int template_index = 0;
  int month_offset = 0;  // months after the life's start
  std::string life_key;  // resets the controls when the life changes
};

PanelState& panel_state() {
  static PanelState state;
  return state;
}

ImVec2 v(double x, double y) {
  return ImVec2(static_cast<float>(x), static_cast<float>(y));
}

std::string two(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

// Opens negotiation `index` of the life in the panels above (Replay mode, with its slider).
void open_negotiation(AppContext& ctx, Lifecycle& life, std::size_t index) {
  try {
    ctx.session.load_trace(life.result().negotiations[index].trace, life.negotiation_label(index));
    life.select(index);
    ctx.mode = Mode::kReplay;
  } catch (const UserError& error) {
    ctx.report_error(error.what());
  }
}

// The "Back to <scenario>" label when a negotiation of the life is open above, else "".
std::string back_label(const AppContext& ctx, Lifecycle& life) {
  if (life.selected() && ctx.session.has_scenario() && life.is_own_game(ctx.session.scenario()) &&
      life.followed() != nullptr) {
    return "Back to " + life.followed()->id();
  }
  return {};
}

std::string clear_label(Lifecycle& life) {
  return "Clear injected (" + std::to_string(life.injected().size()) + ")";
}

// The width of the controls row as draw_controls lays it out (in the current font).
float controls_width(const AppContext& ctx, Lifecycle& life) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float unit = ImGui::GetFontSize();
  const auto text = [](const std::string& t) { return ImGui::CalcTextSize(t.c_str()).x; };
  float width = text("Inject") + 9.0f * unit + text("at") + 7.0f * unit +
                (text("Inject") + 2.0f * style.FramePadding.x) + text("seed") + 5.0f * unit;
  int items = 7;
  if (!life.injected().empty()) {
    width += text(clear_label(life)) + 2.0f * style.FramePadding.x;
    ++items;
  }
  const std::string back = back_label(ctx, life);
  if (!back.empty()) {
    width += text(back) + 2.0f * style.FramePadding.x;
    ++items;
  }
  return width + static_cast<float>(items - 1) * style.ItemSpacing.x;
}

void draw_controls(AppContext& ctx, Lifecycle& life, PanelState& state) {
  const auto& templates = life.templates();
  const int months = life.last_month().since(life.first_month()) + 1;
  state.template_index =
      std::clamp(state.template_index, 0, std::max(0, static_cast<int>(templates.size()) - 1));
  state.month_offset = std::clamp(state.month_offset, 0, std::max(0, months - 1));
  const float unit = ImGui::GetFontSize();

  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Inject");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(9.0f * unit);
  const char* preview =
      templates.empty() ? ""
                        : templates[static_cast<std::size_t>(state.template_index)].label.c_str();
  if (ImGui::BeginCombo("##inject-kind", preview)) {
    for (std::size_t k = 0; k < templates.size(); ++k) {
      const bool selected = static_cast<int>(k) == state.template_index;
      if (ImGui::Selectable(templates[k].label.c_str(), selected)) {
        state.template_index = static_cast<int>(k);
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", templates[k].description.c_str());
    }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered() && !templates.empty()) {
    ImGui::SetTooltip(
        "%s", templates[static_cast<std::size_t>(state.template_index)].description.c_str());
  }
  ImGui::SameLine();
  ImGui::TextUnformatted("at");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(7.0f * unit);
  const std::string date = life.first_month().plus(state.month_offset).to_string();
  ImGui::SliderInt("##inject-month", &state.month_offset, 0, std::max(0, months - 1), date.c_str());
  ImGui::SameLine();
  ImGui::BeginDisabled(templates.empty());
  if (ImGui::Button("Inject")) {
    try {
      life.inject(static_cast<std::size_t>(state.template_index),
                  life.first_month().plus(state.month_offset));
    } catch (const UserError& error) {
      ctx.report_error(error.what());
    }
  }
  ImGui::EndDisabled();
  if (!life.injected().empty()) {
    ImGui::SameLine();
    const std::string clear = clear_label(life) + "###clear-injected";
    if (ImGui::Button(clear.c_str())) life.clear_injected();
  }
  ImGui::SameLine();
  ImGui::TextDisabled("seed");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(5.0f * unit);
  std::uint64_t seed = life.seed();
  if (ImGui::InputScalar("##life-seed", ImGuiDataType_U64, &seed, nullptr, nullptr, nullptr,
                         ImGuiInputTextFlags_EnterReturnsTrue)) {
    life.set_seed(seed);
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The lifecycle's run seed (Enter to re-run)");
  if (const std::string label = back_label(ctx, life); !label.empty()) {
    ImGui::SameLine();
    const std::string back = label + "###back";
    if (ImGui::Button(back.c_str())) {
      try {
        ctx.session.set_scenario(*life.followed(), life.followed()->id());
        life.select(std::nullopt);
        if (ctx.mode == Mode::kReplay) ctx.mode = Mode::kSimulate;
      } catch (const UserError& error) {
        ctx.report_error(error.what());
      }
    }
  }
}

// A curve plot: both parties' series over the axis, y from lo to hi, with its name on the left.
void draw_curves(ImDrawList* draw, AppContext& ctx, const MonthAxis& axis, double top,
                 double bottom, const char* name,
                 const std::array<std::vector<double>, kPartyCount>& series, double lo, double hi,
                 const ImVec2& mouse, bool hovered, std::string* tooltip) {
  ImFont* small = ctx.fonts.small != nullptr ? ctx.fonts.small : ImGui::GetFont();
  const float font = small->FontSize;
  draw->AddLine(v(axis.x0, bottom), v(axis.x1, bottom), kGridGrey.packed());
  draw->AddLine(v(axis.x0, top), v(axis.x1, top), kGridGrey.packed());
  draw->AddText(small, font,
                v(axis.x0 - 4.0 - small->CalcTextSizeA(font, 1e9f, 0.0f, name).x,
                  (top + bottom) / 2.0 - font / 2.0),
                kAxisGrey.packed(), name);
  // The top of the range at the right (the bottom is 0 for both curves here, the grid line).
  const std::string hi_text = two(hi);
  draw->AddText(small, font, v(axis.x1 + 4.0 * ctx.ui_scale, top - 1.0), kAxisGrey.packed(),
                hi_text.c_str());
  if (lo != 0.0) {
    const std::string lo_text = two(lo);
    draw->AddText(small, font, v(axis.x1 + 4.0 * ctx.ui_scale, bottom - font + 2.0),
                  kAxisGrey.packed(), lo_text.c_str());
  }
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    std::vector<ImVec2> pixels;
    for (const CurvePoint& point : curve_pixels(series[p], axis, top, bottom, lo, hi)) {
      pixels.push_back(v(point.x, point.y));
    }
    draw->AddPolyline(pixels.data(), static_cast<int>(pixels.size()), party_color(p).packed(), 0,
                      1.6f * ctx.ui_scale);
  }
  if (hovered && mouse.y >= top && mouse.y <= bottom && mouse.x >= axis.x0 && mouse.x <= axis.x1) {
    const Month m = axis.month_at(mouse.x);
    const auto k = static_cast<std::size_t>(m.since(axis.start));
    if (k < series[0].size()) {
      *tooltip = m.to_string() + " " + name + ": " + two(series[0][k]) + " / " + two(series[1][k]) +
                 " (blue / orange)";
    }
  }
}

}  // namespace

void draw_timeline(AppContext& ctx) {
  if (ctx.lifecycle == nullptr) {
    ImGui::TextDisabled("The treaty timeline appears once a scenario is open.");
    return;
  }
  Lifecycle& life = *ctx.lifecycle;
  if (!life.available()) {
    ImGui::PushFont(ctx.fonts.small);
    ImGui::TextWrapped("%s", life.unavailable_reason().c_str());
    ImGui::TextDisabled(
        "Open a scenario with a [treaty] section (sta-2024, the what-if files) to "
        "see the treaty's life here.");
    ImGui::PopFont();
    return;
  }
  PanelState& state = panel_state();
  const std::string key = life.run_scenario().id() + "/" + life.first_month().to_string();
  if (state.life_key != key) {
    state.life_key = key;
    state.template_index = 0;
    state.month_offset = std::max(0, life.last_month().since(life.first_month()) / 2);
  }

  // The header: a title bar like the other panels' holding the title and, when they fit, the
  // controls (else they go below it). Presenter mode shows the life alone: no title bar, no
  // controls.
  if (!ctx.presenter) {
    const ImGuiStyle& style = ImGui::GetStyle();
    ImFont* heading = ctx.fonts.heading != nullptr ? ctx.fonts.heading : ImGui::GetFont();
    const float bar = heading->FontSize + 2.0f * style.FramePadding.y;
    const ImVec2 corner = ImGui::GetWindowPos();
    const ImVec2 far(corner.x + ImGui::GetWindowWidth(), corner.y + bar);
    ImGui::PushClipRect(corner, far, false);
    ImGui::GetWindowDrawList()->AddRectFilled(corner, far,
                                              ImGui::GetColorU32(ImGuiCol_TitleBgActive),
                                              style.WindowRounding, ImDrawFlags_RoundCornersTop);
    ImGui::PopClipRect();
    ImGui::SetCursorPos(ImVec2(style.FramePadding.x, style.FramePadding.y));
    ImGui::PushFont(heading);
    ImGui::TextUnformatted(std::string(panel_title(PanelId::kTimeline)).c_str());
    const float title_end = ImGui::GetItemRectMax().x - corner.x;
    ImGui::PopFont();
    ImGui::PushFont(ctx.fonts.small);
    const float row_end = ImGui::GetWindowContentRegionMax().x;
    const float width = controls_width(ctx, life);
    if (title_end + 16.0f * ctx.ui_scale + width <= row_end) {
      ImGui::SameLine(row_end - width);
      ImGui::SetCursorPosY(std::round((bar - ImGui::GetFrameHeight()) / 2.0f));
    } else {
      ImGui::SetCursorPosY(bar + style.WindowPadding.y);
    }
    draw_controls(ctx, life, state);
    ImGui::PopFont();
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), bar + style.WindowPadding.y));
  }

  const LifecycleResult& result = life.result();
  const LifecycleDef& def = *life.run_scenario().def().lifecycle;
  ImFont* small = ctx.fonts.small != nullptr ? ctx.fonts.small : ImGui::GetFont();
  const float font = small->FontSize;
  const float scale = ctx.ui_scale;

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (avail.x < 80.0f || avail.y < 40.0f) return;
  ImGui::InvisibleButton("##timeline-canvas", avail);
  const bool hovered = ImGui::IsItemHovered();
  const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  ImDrawList* draw = ImGui::GetWindowDrawList();

  // The payoff curve's range, for its labels and the room they need right of the axis.
  const double discount = def.treaty.monthly_discount;
  const std::array<std::vector<double>, kPartyCount> payoff{
      running_discounted_payoff(result, 0, discount),
      running_discounted_payoff(result, 1, discount)};
  double payoff_hi = 0.0;
  double payoff_lo = 0.0;
  for (const auto& series : payoff) {
    for (const double x : series) {
      payoff_hi = std::max(payoff_hi, x);
      payoff_lo = std::min(payoff_lo, x);
    }
  }
  if (!(payoff_hi > payoff_lo)) payoff_hi = payoff_lo + 1.0;
  const auto text_width = [&](const std::string& text) {
    return static_cast<double>(small->CalcTextSizeA(font, 1e9f, 0.0f, text.c_str()).x);
  };
  // Vertical layout (timeline_layout.hpp): label rows, the band, the negotiation strip, the
  // years, the curves.
  TimelineRowsInput want;
  want.left = origin.x;
  want.top = origin.y;
  want.width = avail.x;
  want.height = avail.y;
  want.font = font;
  want.scale = scale;
  want.min_curve = 2.5 * font;
  want.curve_name_width = std::max(text_width("trust"), text_width("payoff"));
  want.value_width =
      std::max({text_width(two(1.0)), text_width(two(payoff_hi)), text_width(two(payoff_lo))});
  const TimelineRows rows = timeline_rows(want);
  const MonthAxis axis{result.start, result.end, rows.axis_x0, rows.axis_x1};
  const int label_rows = rows.label_rows;
  const double row_height = rows.row_height;
  const double labels_top = rows.labels_top;
  const double band_top = rows.band_top;
  const double band_height = rows.band_bottom - rows.band_top;
  const double band_bottom = rows.band_bottom;
  const double strip_top = rows.strip_top;
  const double strip_bottom = rows.strip_bottom;
  const double years_top = rows.years_top;
  const double curves_top = rows.trust ? rows.trust_top : 0.0;
  const double curves_bottom = rows.payoff ? rows.payoff_bottom : rows.trust_bottom;
  std::string tooltip;

  // State bands, with their names where they fit.
  for (const StateBand& band : state_bands(result, axis)) {
    const Rgba colour = treaty_state_color(band.state);
    draw->AddRectFilled(v(band.x0, band_top), v(band.x1, band_bottom), colour.packed());
    const std::string name(treaty_state_label(band.state));
    const float width = small->CalcTextSizeA(font, 1e9f, 0.0f, name.c_str()).x;
    if (band.x1 - band.x0 > width + 6.0) {
      draw->AddText(small, font, v(band.x0 + 3.0, band_top + (band_height - font) / 2.0),
                    IM_COL32(245, 245, 245, 235), name.c_str());
    }
    if (hovered && mouse.x >= band.x0 && mouse.x < band.x1 && mouse.y >= band_top &&
        mouse.y < band_bottom) {
      for (const TimelineEntry& entry : result.timeline) {
        if (entry.from == band.from) {
          tooltip = std::string(treaty_state_name(entry.state)) + " " + entry.from.to_string() +
                    " – " + entry.to.to_string() + "\n" + entry.cause;
        }
      }
    }
  }

  // Negotiations: a strip under the band, gold where the agreement was ratified by both.
  const auto spans = negotiation_spans(result, def.treaty.offers_per_month, axis);
  for (const NegotiationSpan& span : spans) {
    const NegotiationRecord& n = result.negotiations[span.index];
    Rgba colour = kAxisGrey.with_alpha(150);
    if (n.agreed && !n.superseded) {
      colour = n.ratified[0] && n.ratified[1] ? kSolutionGold : kDeadlineRed;
    }
    draw->AddRectFilled(v(span.x0 + 0.5, strip_top),
                        v(std::max(span.x0 + 2.0, span.x1 - 0.5), strip_bottom), colour.packed());
    if (life.selected() == span.index) {
      draw->AddRect(v(span.x0 - 1.0, band_top - 1.0), v(span.x1 + 1.0, strip_bottom + 1.0),
                    kAgreementWhite.packed(), 0.0f, 0, 1.5f * scale);
    }
  }
  const bool over_talks = hovered && mouse.y >= band_top && mouse.y < strip_bottom + 2.0;
  const std::optional<std::size_t> talks =
      over_talks ? negotiation_at(spans, mouse.x, 6.0 * scale) : std::nullopt;
  if (talks) {
    tooltip = life.negotiation_label(*talks) + "\nclick to open it above";
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  }

  // Year ticks and labels.
  for (const YearTick& tick : year_ticks(axis, 42.0 * scale)) {
    draw->AddLine(v(tick.x, band_bottom), v(tick.x, strip_bottom + 3.0), kAxisGrey.packed());
    if (rows.trust) {
      draw->AddLine(v(tick.x, curves_top), v(tick.x, curves_bottom), kGridGrey.packed());
    }
    if (!tick.labelled) continue;
    const std::string year = std::to_string(tick.year);
    const float width = small->CalcTextSizeA(font, 1e9f, 0.0f, year.c_str()).x;
    draw->AddText(small, font, v(tick.x - width / 2.0, years_top), kAxisGrey.packed(),
                  year.c_str());
  }

  // Event markers: a triangle on the band, a label above it (rows, no overlaps).
  const auto markers = life.markers();
  std::vector<LabelRequest> requests;
  for (const TimelineMarker& marker : markers) {
    const double x = axis.x_of(marker.date) + axis.month_width() / 2.0;
    const float width = small->CalcTextSizeA(font, 1e9f, 0.0f, marker.label.c_str()).x;
    requests.push_back({x, width});
  }
  const auto placed =
      place_labels(requests, origin.x, origin.x + avail.x, 14.0 * scale, label_rows, 180.0 * scale);
  for (std::size_t k = 0; k < markers.size(); ++k) {
    const TimelineMarker& marker = markers[k];
    const Rgba colour = marker.injected ? kInjectedCyan : kSolutionGold;
    const double x = requests[k].anchor;
    const double tri = 4.5 * scale;
    draw->AddTriangleFilled(v(x - tri, band_top - tri - 1.0), v(x + tri, band_top - tri - 1.0),
                            v(x, band_top - 1.0), colour.packed());
    const double label_y = labels_top + (label_rows - 1 - placed[k].row) * row_height;
    if (placed[k].shown) {
      draw->AddText(small, font, v(placed[k].x, label_y), colour.packed(), marker.label.c_str());
      // A leader from the marker to the nearest point under its label (labels may be shifted).
      const double leader_x = std::clamp(x, placed[k].x, placed[k].x + requests[k].width);
      const double leader_top = label_y + font;
      if (band_top - tri - 1.0 > leader_top + 1.0) {
        draw->AddLine(v(leader_x, leader_top), v(x, band_top - tri - 1.0),
                      colour.with_alpha(110).packed());
      }
    }
    const bool near_marker = std::abs(mouse.x - x) <= std::max(tri, axis.month_width() / 2.0) &&
                             mouse.y >= labels_top && mouse.y < band_top;
    const bool on_label = placed[k].shown && mouse.x >= placed[k].x &&
                          mouse.x <= placed[k].x + requests[k].width && mouse.y >= label_y &&
                          mouse.y < label_y + font;
    if (hovered && (near_marker || on_label)) {
      tooltip = marker.date.to_string() + (marker.injected ? " (injected) " : " ") + marker.label +
                "\n" + marker.text;
    }
  }

  // Curves: trust, and the running discounted payoff (the engine's total at the end).
  if (rows.trust) {
    const std::array<std::vector<double>, kPartyCount> trust{party_column(result.trust, 0),
                                                             party_column(result.trust, 1)};
    draw_curves(draw, ctx, axis, rows.trust_top, rows.trust_bottom, "trust", trust, 0.0, 1.0, mouse,
                hovered, &tooltip);
  }
  if (rows.payoff) {
    draw_curves(draw, ctx, axis, rows.payoff_top, rows.payoff_bottom, "payoff", payoff, payoff_lo,
                payoff_hi, mouse, hovered, &tooltip);
  }

  if (clicked) {
    if (talks) {
      open_negotiation(ctx, life, *talks);
    } else if (mouse.x >= axis.x0 && mouse.x <= axis.x1) {
      state.month_offset = axis.month_at(mouse.x).since(axis.start);
    }
  }
  if (hovered && !tooltip.empty()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
    ImGui::TextUnformatted(tooltip.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

}  // namespace treatysim::gui
