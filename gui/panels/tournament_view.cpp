#include "gui/panels/tournament_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <numeric>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "engine/model/user_error.hpp"
#include "gui/logic/tournament_view.hpp"
#include "gui/panels/plot_frame.hpp"
#include "gui/panels/tournament_charts.hpp"

namespace treatysim::gui {

namespace {

constexpr Rgba kMuted = kTournamentMuted;
constexpr Rgba kWarning{0xe8, 0xa0, 0x4a, 255};

float f(double value) {
  return static_cast<float>(value);
}

float small_size(const AppContext& ctx) {
  return ctx.fonts.small != nullptr ? ctx.fonts.small->FontSize : ImGui::GetFontSize();
}

// [SECTION] population shares --------------------------------------------------------------------

struct PanelState {
  std::string path;
  std::string data_path;  // the data the settings draft was taken for
  EvolveSettings draft;
  bool moran = false;
};

PanelState& state() {
  static PanelState panel;
  return panel;
}

void guarded(AppContext& ctx, const std::function<void()>& action) {
  try {
    action();
  } catch (const UserError& error) {
    if (ctx.report_error) ctx.report_error(error.what());
  }
}

void draw_settings(AppContext& ctx, TournamentView& view) {
  PanelState& panel = state();
  const float field = ImGui::CalcTextSize("000000").x + 2.0f * ImGui::GetStyle().FramePadding.x;
  bool first = true;
  auto labelled = [&](const char* label, const char* tip) {
    // Next to the previous field when label and field fit, else on a new line.
    const float needed = ImGui::CalcTextSize(label).x + 4.0f + field;
    if (!first && ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + needed <=
                      ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) {
      ImGui::SameLine();
    }
    first = false;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
    ImGui::SameLine(0.0f, 4.0f);
    ImGui::SetNextItemWidth(field);
  };
  labelled("generations", "replicator time horizon and Moran generations");
  ImGui::InputInt("##generations", &panel.draft.generations, 0, 0);
  labelled("N", "Moran population size");
  ImGui::InputInt("##population", &panel.draft.population, 0, 0);
  labelled("w", "Moran selection intensity: fitness 1 - w + w * payoff (0: neutral drift)");
  ImGui::InputDouble("##selection", &panel.draft.selection, 0.0, 0.0, "%.2f");
  labelled("runs", "Moran runs averaged");
  ImGui::InputInt("##runs", &panel.draft.runs, 0, 0);
  labelled("seed", "the Moran process's run seed");
  ImGui::InputScalar("##seed", ImGuiDataType_U64, &panel.draft.seed);
  const float run_width = ImGui::CalcTextSize("Run").x + 2.0f * ImGui::GetStyle().FramePadding.x;
  if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + run_width <=
      ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) {
    ImGui::SameLine();
  }
  if (ImGui::Button("Run")) guarded(ctx, [&] { view.request_evolve(panel.draft); });
}

void draw_shares(AppContext& ctx, TournamentView& view) {
  PanelState& panel = state();
  const TournamentData& data = view.data();
  section_title(ctx, "Population shares", "");
  if (!data.matrix) {
    muted_wrapped("Population dynamics are unavailable: " + data.matrix_error);
    return;
  }
  ImGui::SameLine(0.0f, 16.0f * ctx.ui_scale);
  if (ImGui::RadioButton("replicator", !panel.moran)) panel.moran = false;
  ImGui::SameLine();
  if (ImGui::RadioButton("Moran (mean)", panel.moran)) panel.moran = true;
  if (view.computing()) {
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, im_color(kSolutionGold));
    ImGui::TextUnformatted("computing…");
    ImGui::PopStyleColor();
  }
  draw_settings(ctx, view);
  if (!view.evolve_error().empty()) muted_wrapped(view.evolve_error());
  const auto& result = view.population();
  if (!result) return;

  const auto& series = panel.moran ? result->moran.mean_share : result->replicator;
  const std::size_t n = result->matrix.size();
  if (series.empty()) return;
  const std::vector<double>& last = series.back();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return last[a] > last[b]; });
  float legend_width = 0.0f;
  for (std::size_t k = 0; k < n; ++k) {
    legend_width =
        std::max(legend_width, small_text_width(ctx, "0.000 " + result->matrix.strategies[k]));
  }
  legend_width = std::max(legend_width, small_text_width(ctx, "share at the end"));
  legend_width += 34.0f * ctx.ui_scale;
  const ImVec2 avail = ImGui::GetContentRegionAvail();

  ImGui::BeginChild("##shares_plot", ImVec2(std::max(avail.x - legend_width, 60.0f), avail.y),
                    false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  // Let the last x tick label run a little past the plot's child window into the gap.
  const ImVec2 child_min = ImGui::GetWindowPos();
  const ImVec2 child_size = ImGui::GetWindowSize();
  ImGui::PushClipRect(
      child_min,
      ImVec2(child_min.x + child_size.x + 16.0f * ctx.ui_scale, child_min.y + child_size.y), false);
  const auto generations = static_cast<double>(series.size() - 1);
  AxisLabels labels;
  labels.x = panel.moran ? "generation (N birth-death steps each)" : "time (generations)";
  labels.y = "share";
  labels.x_format = "%.0f";
  labels.y_format = "%.2f";
  labels.y_tick_target = 4;
  // The share axis ends at a round number just above the largest share shown.
  double top = 0.0;
  for (const auto& shares : series)
    top = std::max(top, *std::max_element(shares.begin(), shares.end()));
  const double top_step = top > 0.5 ? 0.2 : (top > 0.2 ? 0.1 : 0.05);
  top = std::min(1.0, std::ceil(top / top_step + 1e-9) * top_step);
  const PlotTransform t =
      begin_plot("##shares", ctx, PlotRect{{0.0, 0.0}, {std::max(generations, 1.0), top}}, labels);
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const auto buckets = static_cast<std::size_t>(std::max(8.0, t.pixels().width() / 2.0));
  for (std::size_t k = 0; k < n; ++k) {
    std::vector<SeriesPoint> points;
    points.reserve(series.size());
    for (std::size_t g = 0; g < series.size(); ++g) {
      points.push_back({static_cast<double>(g), series[g][k]});
    }
    std::vector<ImVec2> line;
    for (const SeriesPoint& p : decimate(points, buckets)) {
      line.push_back(im_vec(t.to_pixel({p.x, p.y})));
    }
    polyline(draw, line, im_color(strategy_color(k)), 2.0f * ctx.ui_scale);
  }
  if (hovered) {
    const double x = t.to_data({ImGui::GetIO().MousePos.x, ImGui::GetIO().MousePos.y}).x;
    const auto g = static_cast<std::size_t>(
        std::clamp(std::lround(x), 0L, static_cast<long>(series.size() - 1)));
    const float px = f(t.pixel_x(static_cast<double>(g)));
    draw->AddLine(ImVec2(px, f(t.pixels().min.y)), ImVec2(px, f(t.pixels().max.y)),
                  IM_COL32(255, 255, 255, 70));
    std::vector<std::size_t> by_share = order;
    std::stable_sort(by_share.begin(), by_share.end(),
                     [&](std::size_t a, std::size_t b) { return series[g][a] > series[g][b]; });
    ImGui::BeginTooltip();
    ImGui::Text("%s %zu", panel.moran ? "generation" : "time", g);
    for (const std::size_t k : by_share) {
      ImGui::PushStyleColor(ImGuiCol_Text, im_color(strategy_color(k)));
      ImGui::Text("%.3f %s", series[g][k], result->matrix.strategies[k].c_str());
      ImGui::PopStyleColor();
    }
    ImGui::EndTooltip();
  }
  ImGui::PopClipRect();
  ImGui::EndChild();

  // The legend, by final share.
  ImGui::SameLine(0.0f, 18.0f * ctx.ui_scale);
  ImGui::BeginChild("##shares_legend", ImVec2(0.0f, avail.y), false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ImDrawList* legend = ImGui::GetWindowDrawList();
  const float small = small_size(ctx);
  small_text(legend, ctx, ImGui::GetCursorScreenPos(), kMuted, "share at the end");
  ImVec2 at = ImGui::GetCursorScreenPos();
  at.y += small + 4.0f * ctx.ui_scale;
  const float line = small + 2.0f * ctx.ui_scale;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool legend_hovered = ImGui::IsWindowHovered();
  for (const std::size_t k : order) {
    legend->AddRectFilled(
        ImVec2(at.x, at.y + small * 0.3f),
        ImVec2(at.x + 10.0f * ctx.ui_scale, at.y + small * 0.3f + 4.0f * ctx.ui_scale),
        im_color(strategy_color(k)));
    small_text(legend, ctx, ImVec2(at.x + 14.0f * ctx.ui_scale, at.y), kAgreementWhite,
               format_number("%.3f", last[k]) + " " + result->matrix.strategies[k]);
    if (panel.moran && legend_hovered && mouse.y >= at.y && mouse.y < at.y + line) {
      ImGui::SetTooltip("%s took over in %.1f%% of the runs by generation %zu",
                        result->matrix.strategies[k].c_str(), 100.0 * result->moran.fixed_share[k],
                        series.size() - 1);
    }
    at.y += line;
  }
  ImGui::EndChild();
}

// [SECTION] meta-game ----------------------------------------------------------------------------

std::string mix_text(const PayoffMatrix& matrix, const SymmetricEquilibrium& equilibrium) {
  std::string text;
  for (const std::size_t k : equilibrium.support) {
    if (!text.empty()) text += ", ";
    text += matrix.strategies[k] + " " + format_number("%.3f", equilibrium.mix[k]);
  }
  return text;
}

void draw_metagame(AppContext& ctx, const TournamentView& view) {
  section_title(ctx, "Meta-game", "symmetric Nash equilibria and regrets");
  const auto& result = view.population();
  if (!result) {
    muted_wrapped(view.data().matrix ? "computing…"
                                     : "needs a payoff matrix with every strategy's payoff "
                                       "against itself (a tournament with self-play)");
    return;
  }
  const PayoffMatrix& matrix = result->matrix;
  const MetaGame& game = result->metagame;
  const ImGuiTableFlags flags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (ctx.fonts.small != nullptr) ImGui::PushFont(ctx.fonts.small);
  if (ImGui::BeginTable("##equilibria", 3, flags)) {
    ImGui::TableSetupColumn("equilibrium: shares", ImGuiTableColumnFlags_WidthStretch, 4.0f);
    ImGui::TableSetupColumn("payoff", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("ESS", ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableHeadersRow();
    for (const SymmetricEquilibrium& e : game.equilibria) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", mix_text(matrix, e).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%.3f", e.payoff);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(!e.evolutionarily_stable ? "?"
                                                      : (*e.evolutionarily_stable ? "yes" : "no"));
    }
    ImGui::EndTable();
  }
  if (game.degenerate) {
    muted_wrapped("Degenerate game: some equilibria form a continuum and are not listed.");
  }
  ImGui::Spacing();
  const bool has_equilibrium = !game.equilibria.empty();
  if (ImGui::BeginTable("##regrets", 3, flags | ImGuiTableFlags_ScrollY)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("strategy", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn(has_equilibrium ? "regret vs eq. 1" : "regret",
                            ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("all play it", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableHeadersRow();
    std::vector<std::size_t> order(matrix.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    if (has_equilibrium) {
      const auto& regret = game.equilibria.front().strategy_regret;
      std::stable_sort(order.begin(), order.end(),
                       [&](std::size_t a, std::size_t b) { return regret[a] < regret[b]; });
    }
    for (const std::size_t k : order) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushStyleColor(ImGuiCol_Text, im_color(strategy_color(k)));
      ImGui::TextUnformatted(matrix.strategies[k].c_str());
      ImGui::PopStyleColor();
      ImGui::TableNextColumn();
      if (has_equilibrium) {
        ImGui::Text("%.4f", game.equilibria.front().strategy_regret[k]);
      } else {
        ImGui::TextUnformatted("-");
      }
      ImGui::TableNextColumn();
      ImGui::Text("%.4f", game.pure_profile_regret[k]);
    }
    ImGui::EndTable();
  }
  if (ctx.fonts.small != nullptr) ImGui::PopFont();
}

}  // namespace

// [SECTION] the panel ----------------------------------------------------------------------------

void draw_tournament_view(AppContext& ctx) {
  if (ctx.tournament == nullptr) return;
  TournamentView& view = *ctx.tournament;
  view.poll();
  PanelState& panel = state();
  if (view.has_data() && panel.data_path != view.data().path) {
    panel.data_path = view.data().path;
    panel.draft = view.settings();
    if (panel.path.empty()) panel.path = view.data().path;
  }

  // The path field.
  const char* open_label = "Open";
  const ImGuiStyle& style = ImGui::GetStyle();
  const float button = ImGui::CalcTextSize(open_label).x + 2.0f * style.FramePadding.x;
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x * 0.45f,
                                   ImGui::GetContentRegionAvail().x - button - 8.0f));
  const bool entered = ImGui::InputTextWithHint(
      "##tournament_path", "results folder, summary.json or payoff-matrix .toml", &panel.path,
      ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  ImGui::BeginDisabled(panel.path.empty());
  if ((ImGui::Button(open_label, ImVec2(button, 0.0f)) || entered) && !panel.path.empty()) {
    guarded(ctx, [&] { view.open(panel.path); });
  }
  ImGui::EndDisabled();
  if (!view.has_data()) {
    muted_wrapped(
        "Open the --out folder of `treatysim tournament FILE --out DIR` (or its summary.json) to "
        "see the ranking, the pairwise payoffs and the population dynamics; a payoff-matrix TOML "
        "file (configs/tournaments/hawk-dove.toml) shows the matrix and its dynamics.");
    return;
  }
  const TournamentData& data = view.data();
  ImGui::SameLine(0.0f, 14.0f * ctx.ui_scale);
  if (ctx.fonts.bold != nullptr) ImGui::PushFont(ctx.fonts.bold);
  ImGui::TextUnformatted(data.name.c_str());
  if (ctx.fonts.bold != nullptr) ImGui::PopFont();
  if (data.negotiations_total > 0 && data.complete) {
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, im_color(kMuted));
    ImGui::Text("%llu negotiations", static_cast<unsigned long long>(data.negotiations_done));
    ImGui::PopStyleColor();
  }
  if (!data.complete) {
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, im_color(kWarning));
    ImGui::Text("incomplete: %llu of %llu negotiations",
                static_cast<unsigned long long>(data.negotiations_done),
                static_cast<unsigned long long>(data.negotiations_total));
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip(
          "The run was interrupted: `treatysim tournament FILE --out DIR --resume` "
          "finishes it.");
    }
  }

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = style.ItemSpacing.x;
  const float left_width = std::floor((avail.x - gap) * 0.5f);
  // Without population dynamics (no self-play) the ranking and heatmap get most of the height.
  const float top_fraction = data.matrix ? 0.5f : 0.75f;
  const float top_height = std::floor((avail.y - style.ItemSpacing.y) * top_fraction);
  const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
  if (!data.ranking.empty()) {
    // Tournament results: ranking | heatmap over shares | meta-game.
    ImGui::BeginChild("##ranking_box", ImVec2(left_width, top_height), true, fixed);
    draw_tournament_ranking(ctx, data);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##heatmap_box", ImVec2(0.0f, top_height), true, fixed);
    draw_tournament_heatmap(ctx, data);
    ImGui::EndChild();
    ImGui::BeginChild("##shares_box", ImVec2(left_width, 0.0f), true, fixed);
    draw_shares(ctx, view);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##metagame_box", ImVec2(0.0f, 0.0f), true);
    draw_metagame(ctx, view);
    ImGui::EndChild();
    return;
  }
  // A payoff-matrix file (no ranking): heatmap | meta-game over the shares, full width.
  ImGui::BeginChild("##heatmap_box", ImVec2(left_width, top_height), true, fixed);
  draw_tournament_heatmap(ctx, data);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##metagame_box", ImVec2(0.0f, top_height), true);
  draw_metagame(ctx, view);
  ImGui::EndChild();
  ImGui::BeginChild("##shares_box", ImVec2(0.0f, 0.0f), true, fixed);
  draw_shares(ctx, view);
  ImGui::EndChild();
}

}  // namespace treatysim::gui
