#include "gui/app/top_bar.hpp"

#include <algorithm>
#include <vector>

#include <imgui.h>

namespace treatysim::gui {

namespace {

constexpr Mode kModes[] = {Mode::kSimulate, Mode::kPlay, Mode::kEdit, Mode::kReplay,
                           Mode::kTournament};

}  // namespace

std::string ellipsize(const std::string& text, float width) {
  if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
  const std::string dots = "\xE2\x80\xA6";
  std::size_t end = text.size();
  while (end > 0) {
    --end;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) --end;
    const std::string candidate = text.substr(0, end) + dots;
    if (ImGui::CalcTextSize(candidate.c_str()).x <= width) return candidate;
  }
  return dots;
}

PanelId key_panel(Mode mode) noexcept {
  switch (mode) {
    case Mode::kSimulate:
      return PanelId::kOutcomeSpace;
    case Mode::kPlay:
      return PanelId::kHumanPlay;
    case Mode::kEdit:
      return PanelId::kScenarioEditor;
    case Mode::kReplay:
      return PanelId::kReplayBar;
    case Mode::kTournament:
      return PanelId::kTournament;
  }
  return PanelId::kOutcomeSpace;
}

const char* mode_label(Mode mode) noexcept {
  switch (mode) {
    case Mode::kSimulate:
      return "Simulate";
    case Mode::kPlay:
      return "Play";
    case Mode::kEdit:
      return "Edit";
    case Mode::kReplay:
      return "Replay";
    case Mode::kTournament:
      return "Tournament";
  }
  return "";
}

namespace {

const char* const kPresenterLabel = "Presenter [P]###presenter";
const char* const kHelpLabel = "Keys [H]###help";

ImFont* title_font(const AppContext& ctx) {
  ImFont* font = ctx.presenter ? ctx.fonts.bold : ctx.fonts.heading;
  return font != nullptr ? font : ImGui::GetFont();
}

std::string title_text(const AppContext& ctx) {
  return ctx.session.has_scenario() ? ctx.session.scenario().title()
                                    : std::string("treatysim \xE2\x80\x94 no scenario");
}

// Where the top bar's parts go across a window `bar_width` wide (in the current style and the
// body font): the title's room, then the tabs (or the presenter drop-down), then the buttons.
struct TopBarGeometry {
  float padding = 0.0f;      // left and right
  float full = 0.0f;         // the width between the paddings
  float gap = 0.0f;          // between the title, the tabs and the buttons
  float title_width = 0.0f;  // the room for the title
  float right_width = 0.0f;  // the presenter and help buttons
  float combo_width = 0.0f;  // the presenter mode's drop-down
  std::vector<Mode> tabs;
};

TopBarGeometry geometry(const AppContext& ctx, PanelSet wired, float bar_width) {
  const ImGuiStyle& style = ImGui::GetStyle();
  TopBarGeometry g;
  g.padding = 12.0f * ctx.ui_scale;
  g.full = bar_width - 2.0f * g.padding;
  g.gap = 24.0f * ctx.ui_scale;
  g.right_width = ImGui::CalcTextSize(kPresenterLabel, nullptr, true).x +
                  ImGui::CalcTextSize(kHelpLabel, nullptr, true).x + 4.0f * style.FramePadding.x +
                  style.ItemSpacing.x;
  // Tabs, each as wide as its label; in presenter mode (large text) one drop-down instead.
  float tabs_width = 0.0f;
  float widest_tab = 0.0f;
  for (const Mode mode : kModes) {
    if ((wired & panel_bit(key_panel(mode))) == 0) continue;
    g.tabs.push_back(mode);
    const float label = ImGui::CalcTextSize(mode_label(mode)).x;
    widest_tab = std::max(widest_tab, label);
    tabs_width += label + 2.0f * style.FramePadding.x + style.ItemSpacing.x;
  }
  g.combo_width = widest_tab + 2.0f * style.FramePadding.x + ImGui::GetFrameHeight();
  if (ctx.presenter) tabs_width = g.combo_width + style.ItemSpacing.x;
  g.title_width = std::max(40.0f, g.full - tabs_width - g.right_width - 2.0f * g.gap);
  return g;
}

}  // namespace

WrappedText top_bar_title(const AppContext& ctx, PanelSet wired, float bar_width) {
  const TopBarGeometry g = geometry(ctx, wired, bar_width);
  ImFont* font = title_font(ctx);
  return wrap_to_lines(
      title_text(ctx), g.title_width, top_bar_title_lines(ctx.presenter),
      [font](std::string_view s) {
        return font->CalcTextSizeA(font->FontSize, 1e9f, 0.0f, s.data(), s.data() + s.size()).x;
      });
}

float top_bar_height(const AppContext& ctx, PanelSet wired, float bar_width) {
  const ImFont* heading = ctx.fonts.heading != nullptr ? ctx.fonts.heading : ImGui::GetFont();
  const float frame = heading->FontSize + 2.0f * ImGui::GetStyle().FramePadding.y;
  return gui::top_bar_height(frame, top_bar_title(ctx, wired, bar_width).lines.size(),
                             title_font(ctx)->FontSize);
}

TopBarRequest draw_top_bar(const Rect& bar, const AppContext& ctx, PanelSet wired,
                           const std::string& status) {
  TopBarRequest request;
  const ImGuiStyle& style = ImGui::GetStyle();
  const TopBarGeometry g = geometry(ctx, wired, bar.width);
  const WrappedText title = top_bar_title(ctx, wired, bar.width);
  ImGui::SetNextWindowPos(ImVec2(bar.x, bar.y));
  ImGui::SetNextWindowSize(ImVec2(bar.width, bar.height));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, style.Colors[ImGuiCol_MenuBarBg]);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(g.padding, 0.0f));
  const ImGuiWindowFlags flags =
      ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
      ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse;
  ImGui::Begin("##topbar", nullptr, flags);
  ImGui::PopStyleVar(3);
  ImGui::PopStyleColor();
  const float left = ImGui::GetCursorPosX();
  // Every item is centred vertically in the bar: the title's block of lines, and the frames.
  const float frame_y = std::round((bar.height - ImGui::GetFrameHeight()) / 2.0f);

  // The scenario's title in the heading font (bold in presenter mode), on its lines.
  ImFont* font = title_font(ctx);
  ImGui::PushFont(font);
  const float block = static_cast<float>(title.lines.size()) * font->FontSize;
  ImGui::SetCursorPosY(std::round((bar.height - block) / 2.0f));
  ImGui::BeginGroup();
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(style.ItemSpacing.x, 0.0f));
  for (const std::string& line : title.lines) ImGui::TextUnformatted(line.c_str());
  ImGui::PopStyleVar();
  ImGui::EndGroup();
  if (ImGui::IsItemHovered() && ctx.session.has_scenario()) {
    ImGui::SetTooltip("%s (%s)", title_text(ctx).c_str(), ctx.session.scenario_label().c_str());
  }
  ImGui::PopFont();

  ImGui::SameLine(left + g.title_width + g.gap);
  ImGui::SetCursorPosY(frame_y);
  if (ctx.presenter) {
    ImGui::SetNextItemWidth(g.combo_width);
    if (ImGui::BeginCombo("##mode", mode_label(ctx.mode))) {
      for (const Mode mode : g.tabs) {
        if (ImGui::Selectable(mode_label(mode), mode == ctx.mode)) request.mode = mode;
      }
      ImGui::EndCombo();
    }
  } else {
    for (std::size_t i = 0; i < g.tabs.size(); ++i) {
      const Mode mode = g.tabs[i];
      if (i > 0) ImGui::SameLine();
      const bool active = mode == ctx.mode;
      if (active) ImGui::PushStyleColor(ImGuiCol_Button, style.Colors[ImGuiCol_ButtonActive]);
      if (ImGui::Button(mode_label(mode))) request.mode = mode;
      if (active) ImGui::PopStyleColor();
    }
  }
  if (!status.empty()) {
    const float status_width = ImGui::CalcTextSize(status.c_str()).x;
    const float x = left + g.full - g.right_width - status_width - g.gap;
    ImGui::SameLine();
    if (x > ImGui::GetCursorPosX()) {
      ImGui::SameLine(x);
      ImGui::SetCursorPosY(frame_y + style.FramePadding.y);
      ImGui::TextDisabled("%s", status.c_str());
    }
  }
  ImGui::SameLine(left + g.full - g.right_width);
  ImGui::SetCursorPosY(frame_y);
  if (ctx.presenter) ImGui::PushStyleColor(ImGuiCol_Button, style.Colors[ImGuiCol_ButtonActive]);
  if (ImGui::Button(kPresenterLabel)) request.toggle_presenter = true;
  if (ctx.presenter) ImGui::PopStyleColor();
  ImGui::SameLine();
  if (ImGui::Button(kHelpLabel)) request.toggle_help = true;
  ImGui::End();
  return request;
}

}  // namespace treatysim::gui
