#include "gui/app/overlays.hpp"

#include <algorithm>

#include <imgui.h>

#include "gui/platform/shortcuts.hpp"

namespace treatysim::gui {

void draw_help_overlay(bool& open, bool blocked, const AppContext& ctx) {
  const char* name = "Keys";
  if (open && !blocked && !ImGui::IsPopupOpen(name)) ImGui::OpenPopup(name);
  const ImVec2 centre = ImGui::GetMainViewport()->GetCenter();
  ImGui::SetNextWindowPos(centre, ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  bool still_open = true;
  if (!ImGui::BeginPopupModal(name, &still_open,
                              ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                                  ImGuiWindowFlags_NoSavedSettings)) {
    return;
  }
  if (!still_open) open = false;
  if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_PadOuterX)) {
    for (const platform::Shortcut shortcut : platform::kAllShortcuts) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushFont(ctx.fonts.bold);
      ImGui::TextUnformatted(std::string(platform::shortcut_key_name(shortcut)).c_str());
      ImGui::PopFont();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(std::string(platform::shortcut_description(shortcut)).c_str());
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  ImGui::TextDisabled("Keys do nothing while a text field is being edited.");
  ImGui::TextDisabled("Drag the gaps between panels to resize them.");
  ImGui::Spacing();
  if (ImGui::Button("Close")) open = false;
  if (!open || blocked) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void draw_error_dialog(std::deque<std::string>& errors, const AppContext& ctx) {
  const char* name = "Error";
  if (errors.empty()) return;
  if (!ImGui::IsPopupOpen(name)) ImGui::OpenPopup(name);
  const ImVec2 centre = ImGui::GetMainViewport()->GetCenter();
  ImGui::SetNextWindowPos(centre, ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  const float width = std::min(720.0f * ctx.ui_scale, ImGui::GetIO().DisplaySize.x * 0.9f);
  ImGui::SetNextWindowSize(ImVec2(width, 0.0f));
  if (!ImGui::BeginPopupModal(
          name, nullptr,
          ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoResize)) {
    return;
  }
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(errors.front().c_str());
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  if (ctx.session.has_scenario()) {
    ImGui::TextDisabled("The window keeps %s.", ctx.session.scenario_label().c_str());
  }
  ImGui::Spacing();
  const bool keys = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
                    ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape));
  if (ImGui::Button("OK", ImVec2(120.0f * ctx.ui_scale, 0.0f)) || keys) {
    errors.pop_front();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace treatysim::gui
