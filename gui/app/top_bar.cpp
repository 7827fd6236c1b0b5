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

TopBarRequest draw_top_bar(const Rect& bar, const AppContext& ctx, PanelSet wired,
                           const std::string& status) {
  TopBarRequest request;
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::SetNextWindowPos(ImVec2(bar.x, bar.y));
  ImGui::SetNextWindowSize(ImVec2(bar.width, bar.height));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, style.Colors[ImGuiCol_MenuBarBg]);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
  const float frame_height = ImGui::GetFrameHeight();
  ImGui::PushStyleVar(
      ImGuiStyleVar_WindowPadding,
      ImVec2(12.0f * ctx.ui_scale, std::max(0.0f, (bar.height - frame_height) / 2.0f)));
  const ImGuiWindowFlags flags =
      ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
      ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse;
  ImGui::Begin("##topbar", nullptr, flags);
  ImGui::PopStyleVar(3);
  ImGui::PopStyleColor();

  // Right-hand group: status, presenter toggle, help.
  const char* presenter_label = "Presenter [P]###presenter";
  const char* help_label = "Keys [H]###help";
  const float right_width = ImGui::CalcTextSize(presenter_label, nullptr, true).x +
                            ImGui::CalcTextSize(help_label, nullptr, true).x +
                            4.0f * style.FramePadding.x + style.ItemSpacing.x;
  // Tabs, each as wide as its label; in presenter mode (large text) one drop-down instead.
  float tabs_width = 0.0f;
  float widest_tab = 0.0f;
  std::vector<Mode> tabs;
  for (const Mode mode : kModes) {
    if ((wired & panel_bit(key_panel(mode))) == 0) continue;
    tabs.push_back(mode);
    const float label = ImGui::CalcTextSize(mode_label(mode)).x;
    widest_tab = std::max(widest_tab, label);
    tabs_width += label + 2.0f * style.FramePadding.x + style.ItemSpacing.x;
  }
  const float combo_width = widest_tab + 2.0f * style.FramePadding.x + ImGui::GetFrameHeight();
  if (ctx.presenter) tabs_width = combo_width + style.ItemSpacing.x;
  const float left = ImGui::GetCursorPosX();
  const float full = ImGui::GetWindowWidth() - 2.0f * style.WindowPadding.x;
  const float gap = 24.0f * ctx.ui_scale;
  const float title_width = std::max(40.0f, full - tabs_width - right_width - 2.0f * gap);

  // The scenario's title in the heading font, cut to the room left.
  ImGui::PushFont(ctx.presenter ? ctx.fonts.bold : ctx.fonts.heading);
  ImGui::AlignTextToFramePadding();
  const std::string title = ctx.session.has_scenario()
                                ? ctx.session.scenario().title()
                                : std::string("treatysim \xE2\x80\x94 no scenario");
  ImGui::TextUnformatted(ellipsize(title, title_width).c_str());
  if (ImGui::IsItemHovered() && ctx.session.has_scenario()) {
    ImGui::SetTooltip("%s (%s)", title.c_str(), ctx.session.scenario_label().c_str());
  }
  ImGui::PopFont();

  ImGui::SameLine(left + title_width + gap);
  if (ctx.presenter) {
    ImGui::SetNextItemWidth(combo_width);
    if (ImGui::BeginCombo("##mode", mode_label(ctx.mode))) {
      for (const Mode mode : tabs) {
        if (ImGui::Selectable(mode_label(mode), mode == ctx.mode)) request.mode = mode;
      }
      ImGui::EndCombo();
    }
    ImGui::SameLine();
  } else {
    for (const Mode mode : tabs) {
      const bool active = mode == ctx.mode;
      if (active) ImGui::PushStyleColor(ImGuiCol_Button, style.Colors[ImGuiCol_ButtonActive]);
      if (ImGui::Button(mode_label(mode))) request.mode = mode;
      if (active) ImGui::PopStyleColor();
      ImGui::SameLine();
    }
  }
  if (!status.empty()) {
    const float status_width = ImGui::CalcTextSize(status.c_str()).x;
    const float x = left + full - right_width - status_width - gap;
    if (x > ImGui::GetCursorPosX()) {
      ImGui::SameLine(x);
      ImGui::AlignTextToFramePadding();
      ImGui::TextDisabled("%s", status.c_str());
      ImGui::SameLine();
    }
  }
  ImGui::SameLine(left + full - right_width);
  if (ctx.presenter) ImGui::PushStyleColor(ImGuiCol_Button, style.Colors[ImGuiCol_ButtonActive]);
  if (ImGui::Button(presenter_label)) request.toggle_presenter = true;
  if (ctx.presenter) ImGui::PopStyleColor();
  ImGui::SameLine();
  if (ImGui::Button(help_label)) request.toggle_help = true;
  ImGui::End();
  return request;
}

}  // namespace treatysim::gui
