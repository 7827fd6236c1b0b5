// scenario_editor.cpp — sliders for weights, option values and reservation values.
#include "gui/panels/scenario_editor.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>

#include "engine/model/user_error.hpp"
#include "gui/logic/colors.hpp"
#include "gui/logic/lifecycle_view.hpp"
#include "gui/logic/scenario_editor.hpp"
#include "gui/logic/text_wrap.hpp"

namespace treatysim::gui {

namespace {

constexpr const char* kEditedSuffix = " (edited)";

// What the panel remembers between frames.
struct PanelState {
  std::array<char, 512> path{};
  std::string path_for;  // the scenario id the default path was made for
  std::string base_label;
  std::string status;
};

PanelState& panel_state() {
  static PanelState state;
  return state;
}

ImU32 packed(Rgba color) {
  return color.packed();
}

// Slider values come as floats: keep three decimals so the saved file reads cleanly.
double rounded(float value) {
  return std::round(static_cast<double>(value) * 1000.0) / 1000.0;
}

std::string strip_edited(std::string label) {
  const std::string suffix = kEditedSuffix;
  if (label.size() >= suffix.size() &&
      label.compare(label.size() - suffix.size(), suffix.size(), suffix) == 0) {
    label.erase(label.size() - suffix.size());
  }
  return label;
}

// Hands the editor's scenario to the session (with the session's deadline, which the controls
// own), so every other panel shows it at once.
void publish(AppContext& ctx, const ScenarioEditor& editor) {
  PanelState& state = panel_state();
  const std::string label = editor.modified() ? state.base_label + kEditedSuffix : state.base_label;
  ctx.session.set_scenario(editor.scenario().with_deadline(ctx.session.deadline()), label);
}

// Runs one edit; a UserError goes to the error dialog and changes nothing.
template <typename Edit>
void edit(AppContext& ctx, ScenarioEditor& editor, Edit&& change) {
  try {
    change();
    publish(ctx, editor);
  } catch (const UserError& error) {
    editor.end_gesture();
    ctx.report_error(error.what());
  }
}

void draw_header(AppContext& ctx, ScenarioEditor& editor) {
  PanelState& state = panel_state();
  ImGui::BeginDisabled(!editor.can_undo());
  if (ImGui::Button("Undo")) edit(ctx, editor, [&] { editor.undo(); });
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!editor.can_redo());
  if (ImGui::Button("Redo")) edit(ctx, editor, [&] { editor.redo(); });
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::PushFont(ctx.fonts.small);
  ImGui::AlignTextToFramePadding();
  if (editor.edits() == 0) {
    ImGui::TextDisabled("no edits yet");
  } else {
    ImGui::TextDisabled("%zu edit%s · last: %s", editor.edits(), editor.edits() == 1 ? "" : "s",
                        editor.last_edit().c_str());
  }
  ImGui::PopFont();

  // Keyboard: Ctrl+Z undo, Ctrl+Y (or Ctrl+Shift+Z) redo, unless a text field has the keys.
  const ImGuiIO& io = ImGui::GetIO();
  const int z = ImGui::GetKeyIndex(ImGuiKey_Z);
  const int y = ImGui::GetKeyIndex(ImGuiKey_Y);
  if (io.KeyCtrl && !io.WantTextInput) {
    if (z >= 0 && ImGui::IsKeyPressed(z, false)) {
      if (io.KeyShift && editor.can_redo()) edit(ctx, editor, [&] { editor.redo(); });
      if (!io.KeyShift && editor.can_undo()) edit(ctx, editor, [&] { editor.undo(); });
    } else if (y >= 0 && ImGui::IsKeyPressed(y, false) && editor.can_redo()) {
      edit(ctx, editor, [&] { editor.redo(); });
    }
  }

  // Save as: a path field and a button.
  if (state.path_for != editor.original().id()) {
    state.path_for = editor.original().id();
    const std::string suggestion = editor.original().id() + "-edited.toml";
    std::snprintf(state.path.data(), state.path.size(), "%s", suggestion.c_str());
    state.status.clear();
  }
  const float button = ImGui::CalcTextSize("Save as").x + 2.0f * ImGui::GetStyle().FramePadding.x;
  ImGui::SetNextItemWidth(
      std::max(60.0f, ImGui::GetContentRegionAvail().x - button - ImGui::GetStyle().ItemSpacing.x));
  const bool enter = ImGui::InputText("##save-path", state.path.data(), state.path.size(),
                                      ImGuiInputTextFlags_EnterReturnsTrue);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "File to write the edited scenario to (TOML that `treatysim validate` "
        "accepts)");
  }
  ImGui::SameLine();
  if (ImGui::Button("Save as") || enter) {
    const std::string path = state.path.data();
    try {
      editor.save_as(path);
      state.status = "Saved " + path;
    } catch (const UserError& error) {
      state.status.clear();
      ctx.report_error(error.what());
    }
  }
  if (!state.status.empty()) {
    ImGui::PushFont(ctx.fonts.small);
    ImGui::TextColored(ImVec4(0.55f, 0.85f, 0.6f, 1.0f), "%s", state.status.c_str());
    ImGui::PopFont();
  }
}

// One labelled slider row of the table; returns true when the value changed.
bool slider_row(const char* label, const char* tooltip, const char* id, float* value,
                const char* format, Rgba grab, bool emphasised, ImFont* bold) {
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::AlignTextToFramePadding();
  if (emphasised && bold != nullptr) ImGui::PushFont(bold);
  // Cut with "…" to the column rather than under the slider; whole on hover.
  const std::string shown = fit_with_ellipsis(
      label, ImGui::GetContentRegionAvail().x,
      [](std::string_view t) { return ImGui::CalcTextSize(t.data(), t.data() + t.size()).x; });
  ImGui::TextUnformatted(shown.c_str());
  if (emphasised && bold != nullptr) ImGui::PopFont();
  const bool cut = shown != label;
  const bool described = tooltip != nullptr && tooltip[0] != '\0';
  if ((cut || described) && ImGui::IsItemHovered()) {
    std::string text = cut ? std::string(label).erase(0, std::string(label).find_first_not_of(' '))
                           : std::string();
    if (described) text += (text.empty() ? "" : "\n") + std::string(tooltip);
    ImGui::SetTooltip("%s", text.c_str());
  }
  ImGui::TableSetColumnIndex(1);
  ImGui::SetNextItemWidth(-1.0f);
  ImGui::PushStyleColor(ImGuiCol_SliderGrab, packed(grab));
  ImGui::PushStyleColor(ImGuiCol_SliderGrabActive, packed(shade(grab, 1.25)));
  const bool changed = ImGui::SliderFloat(id, value, 0.0f, 1.0f, format);
  ImGui::PopStyleColor(2);
  return changed;
}

void draw_party(AppContext& ctx, ScenarioEditor& editor, PartyIndex party) {
  // A copy (it shares the data): an edit below replaces the editor's scenario mid-frame.
  const Scenario scenario = editor.scenario();
  const Preferences& prefs = scenario.party(party).preferences;
  const Rgba colour = party_color(party);
  if (!ImGui::BeginTable("##sliders", 2, ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthStretch, 0.58f);
  ImGui::TableSetupColumn("slider", ImGuiTableColumnFlags_WidthStretch, 0.42f);

  float reservation = static_cast<float>(prefs.reservation_value);
  if (slider_row("Reservation value", "What no agreement is worth to this party", "##reservation",
                 &reservation, "%.2f", colour, true, ctx.fonts.bold)) {
    edit(ctx, editor, [&] { editor.set_reservation(party, rounded(reservation), true); });
  }
  if (ImGui::IsItemDeactivated()) editor.end_gesture();

  const auto& issues = scenario.space().issues();
  // Interaction terms only (no weights or values, the ANAC hyper-rectangles): nothing to slide.
  const std::size_t additive_issues = prefs.weights.empty() ? 0 : issues.size();
  if (!prefs.interactions.empty()) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextWrapped("%zu interaction terms (linked clauses): edit them in the scenario file%s",
                       prefs.interactions.size(),
                       additive_issues == 0 ? "; this party has no additive part" : "");
  }
  for (std::size_t i = 0; i < additive_issues; ++i) {
    const Issue& issue = issues[i];
    ImGui::PushID(issue.id.c_str());
    float weight = static_cast<float>(prefs.weights[i]);
    const std::string weight_label = issue.label + " · weight";
    if (slider_row(weight_label.c_str(), issue.description.c_str(), "##weight", &weight, "%.3f",
                   colour, true, ctx.fonts.bold)) {
      edit(ctx, editor, [&] { editor.set_weight(party, i, rounded(weight), true); });
    }
    if (ImGui::IsItemDeactivated()) editor.end_gesture();
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip(
          "Weights stay normalised: the other issues' weights rescale in "
          "proportion.");
    }
    // The values of a numeric issue with many levels would be a wall of sliders: collapse them.
    const bool many = issue.options.size() > 8;
    bool show_values = true;
    if (many) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::Indent();
      show_values = ImGui::TreeNodeEx("##levels", ImGuiTreeNodeFlags_NoTreePushOnOpen, "%zu levels",
                                      issue.options.size());
      ImGui::Unindent();
    }
    for (std::size_t o = 0; show_values && o < issue.options.size(); ++o) {
      const Option& option = issue.options[o];
      ImGui::PushID(option.id.c_str());
      float value = static_cast<float>(prefs.values[i][o]);
      const std::string label = "   " + option.id + "  " + option.label;
      ImGui::PushStyleColor(ImGuiCol_FrameBg, packed(utility_color(value).with_alpha(70)));
      ImGui::PushStyleColor(ImGuiCol_FrameBgHovered, packed(utility_color(value).with_alpha(110)));
      if (slider_row(label.c_str(), option.description.c_str(), "##value", &value, "%.2f",
                     shade(colour, 0.9), false, nullptr)) {
        edit(ctx, editor, [&] { editor.set_value(party, i, o, rounded(value), true); });
      }
      ImGui::PopStyleColor(2);
      if (ImGui::IsItemDeactivated()) editor.end_gesture();
      ImGui::PopID();
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace

void draw_scenario_editor(AppContext& ctx) {
  if (ctx.editor == nullptr) {
    ImGui::TextDisabled("The editor starts once a scenario is open.");
    return;
  }
  ScenarioEditor& editor = *ctx.editor;
  PanelState& state = panel_state();
  const Scenario shown = ctx.session.scenario();
  if (!same_except_deadline(editor.scenario().def(), shown.def())) {
    ImGui::TextWrapped("The window shows another scenario than the one being edited (%s).",
                       ctx.session.scenario_label().c_str());
    if (ImGui::Button("Edit the scenario shown")) {
      editor.reset(shown);
      state.base_label = strip_edited(ctx.session.scenario_label());
    }
    return;
  }
  if (!editor.modified() || state.base_label.empty()) {
    state.base_label = strip_edited(ctx.session.scenario_label());
  }

  draw_header(ctx, editor);
  ImGui::Separator();
  if (!ImGui::BeginTabBar("##parties")) return;
  for (PartyIndex party = 0; party < kPartyCount; ++party) {
    const std::string tab =
        editor.scenario().party(party).name + "###party-" + std::to_string(party);
    ImGui::PushStyleColor(ImGuiCol_TabActive, packed(shade(party_color(party), 0.75)));
    const bool open = ImGui::BeginTabItem(tab.c_str());
    ImGui::PopStyleColor();
    if (!open) continue;
    draw_party(ctx, editor, party);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

}  // namespace treatysim::gui
