#include "gui/panels/controls.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "agents/registry.hpp"
#include "engine/model/user_error.hpp"
#include "gui/logic/control_rows.hpp"
#include "gui/logic/narration.hpp"
#include "gui/panels/model_controls.hpp"
#include "gui/panels/plot_frame.hpp"

namespace treatysim::gui {

namespace {

// Runs an action that takes user input; a UserError goes to the error dialog.
template <typename Action>
void guarded(AppContext& ctx, Action action) {
  try {
    action();
  } catch (const UserError& error) {
    if (ctx.report_error) ctx.report_error(error.what());
  }
}

// Values being dragged or typed, per widget, until the edit is finished (the session is only
// changed when the widget is released: every change resets the run).
std::unordered_map<ImGuiID, double>& drafts() {
  static std::unordered_map<ImGuiID, double> values;
  return values;
}

// A labelled row: the label in the first column, the widget filling the rest.
void row_label(const char* label, float label_width) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  ImGui::SameLine(label_width);
  ImGui::SetNextItemWidth(-1.0f);
}

// The current row of the window, in the panel's coordinates (as SameLine takes them).
RowGeometry row_geometry(float label_width) {
  const float start = ImGui::GetCursorPosX();
  return {start, start + ImGui::GetContentRegionAvail().x, label_width};
}

// A number widget with a draft while editing; returns the value when an edit was finished.
std::optional<double> edit_number(const char* id, double current,
                                  const agents::ParameterInfo& info) {
  const ImGuiID key = ImGui::GetID(id);
  auto& pending = drafts();
  double value = pending.contains(key) ? pending[key] : current;
  const bool integer = info.type == agents::ParameterType::kInteger;
  const double span = info.max - info.min;
  if (integer && span <= 100.0) {
    int v = static_cast<int>(std::lround(value));
    ImGui::SliderInt(id, &v, static_cast<int>(info.min), static_cast<int>(info.max));
    value = v;
  } else if (!integer && span <= 1.0) {
    ImGui::SliderScalar(id, ImGuiDataType_Double, &value, &info.min, &info.max, "%.3g");
  } else {
    const double step = integer ? 1.0 : 0.1;
    ImGui::InputScalar(id, ImGuiDataType_Double, &value, &step, nullptr, integer ? "%.0f" : "%.3g");
  }
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    pending.erase(key);
    return integer ? std::round(value) : value;
  }
  if (ImGui::IsItemActive()) {
    pending[key] = value;
  } else {
    pending.erase(key);
  }
  return std::nullopt;
}

// `spec` with parameter `name` set to `value`.
Spec with_parameter(Spec spec, const std::string& name, SpecValue value) {
  for (SpecParameter& parameter : spec.parameters) {
    if (parameter.name == name) {
      parameter.value = std::move(value);
      return spec;
    }
  }
  spec.parameters.push_back({name, std::move(value)});
  return spec;
}

void party_controls(AppContext& ctx, PartyIndex party, float label_width) {
  Session& session = ctx.session;
  const Scenario& scenario = session.scenario();
  const agents::Registry& registry = agents::builtin_registry();
  const Spec& spec = session.specs()[party];
  ImGui::PushID(static_cast<int>(party));
  // The party's name labels its strategy's row (one row instead of a heading and a row).
  if (ctx.fonts.bold != nullptr) ImGui::PushFont(ctx.fonts.bold);
  ImGui::PushStyleColor(ImGuiCol_Text, im_color(party_color(party)));
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(party_short_name(scenario, party).c_str());
  ImGui::PopStyleColor();
  if (ctx.fonts.bold != nullptr) ImGui::PopFont();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", scenario.party(party).name.c_str());
  ImGui::SameLine(label_width);
  if (session.human() == party && !session.replaying()) {
    ImGui::TextDisabled("played by you");
    ImGui::PopID();
    return;
  }

  ImGui::SetNextItemWidth(-1.0f);
  if (ImGui::BeginCombo("##strategy", spec.name.c_str())) {
    for (const agents::StrategyInfo& info : registry.entries()) {
      if (info.kind != agents::ComponentKind::kNegotiator || info.traits.interactive) continue;
      const bool selected = info.name == spec.name;
      if (ImGui::Selectable(info.name.c_str(), selected) && !selected) {
        guarded(ctx, [&] { session.set_spec(party, Spec{info.name, {}}); });
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", info.description.c_str());
    }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("the strategy %s plays", party_phrase(scenario, party).c_str());
  }

  const agents::StrategyInfo* info = registry.find(spec.name, agents::ComponentKind::kNegotiator);
  if (info == nullptr) {
    ImGui::PopID();
    return;
  }
  for (const agents::ParameterInfo& parameter : info->parameters) {
    const SpecValue* given = spec.find(parameter.name);
    const std::string id = "##" + parameter.name;
    row_label(parameter.name.c_str(), label_width);
    switch (parameter.type) {
      case agents::ParameterType::kNumber:
      case agents::ParameterType::kInteger: {
        const double current = given != nullptr && given->kind == SpecValue::Kind::kNumber
                                   ? given->number
                                   : parameter.default_number;
        if (const auto value = edit_number(id.c_str(), current, parameter)) {
          guarded(ctx, [&] {
            session.set_spec(party,
                             with_parameter(spec, parameter.name, SpecValue::of_number(*value)));
          });
        }
        break;
      }
      case agents::ParameterType::kString: {
        const std::string current = given != nullptr ? given->text : parameter.default_text;
        if (!parameter.choices.empty()) {
          if (ImGui::BeginCombo(id.c_str(), current.c_str())) {
            for (const std::string& choice : parameter.choices) {
              if (ImGui::Selectable(choice.c_str(), choice == current) && choice != current) {
                guarded(ctx, [&] {
                  session.set_spec(
                      party, with_parameter(spec, parameter.name, SpecValue::of_string(choice)));
                });
              }
            }
            ImGui::EndCombo();
          }
        } else {
          std::string text = current;
          if (ImGui::InputText(id.c_str(), &text, ImGuiInputTextFlags_EnterReturnsTrue)) {
            guarded(ctx, [&] {
              session.set_spec(party,
                               with_parameter(spec, parameter.name, SpecValue::of_string(text)));
            });
          }
        }
        break;
      }
      case agents::ParameterType::kSpec: {
        std::string text = given != nullptr ? given->to_string() : parameter.default_text;
        if (ImGui::InputText(id.c_str(), &text, ImGuiInputTextFlags_EnterReturnsTrue)) {
          guarded(ctx, [&] {
            session.set_spec(
                party, with_parameter(spec, parameter.name, SpecValue::of_spec(parse_spec(text))));
          });
        }
        break;
      }
    }
    if (ImGui::IsItemHovered() && !parameter.description.empty()) {
      ImGui::SetTooltip("%s", parameter.description.c_str());
    }
  }
  ImGui::PopID();
}

void scenario_controls(AppContext& ctx, float label_width) {
  Session& session = ctx.session;
  row_label("Scenario", label_width);
  const std::string preview = session.has_scenario() ? session.scenario_label() : "(none)";
  if (ImGui::BeginCombo("##scenario", preview.c_str())) {
    for (const std::string& file : ctx.scenario_files) {
      const std::string name = std::filesystem::path(file).filename().string();
      if (ImGui::Selectable(name.c_str(), file == session.scenario_path())) {
        guarded(ctx, [&] { session.load_scenario_file(file); });
      }
    }
    ImGui::EndCombo();
  }
  static std::string path;
  const char* open_label = "Open";
  const ImGuiStyle& style = ImGui::GetStyle();
  const float button = ImGui::CalcTextSize(open_label).x + 2.0f * style.FramePadding.x;
  // The hint reads whole: beside the label when it fits, else across the label's column, else
  // shorter (control_rows.hpp).
  const char* hints[] = {"scenario .toml or trace .json", ".toml or .json file"};
  std::vector<float> hint_widths;
  for (const char* hint : hints) hint_widths.push_back(ImGui::CalcTextSize(hint).x);
  const FieldRow file = field_row(row_geometry(label_width), button, style.ItemSpacing.x,
                                  style.FramePadding.x, hint_widths);
  if (file.show_label) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("File");
    ImGui::SameLine(file.x);
  }
  ImGui::SetNextItemWidth(file.field_width);
  const bool entered = ImGui::InputTextWithHint("##open", hints[file.hint], &path,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  ImGui::BeginDisabled(path.empty());
  if ((ImGui::Button(open_label, ImVec2(button, 0.0f)) || entered) && !path.empty()) {
    // A saved trace opens for replay; anything else is read as a scenario.
    const bool trace = std::filesystem::path(path).extension() == ".json";
    guarded(ctx, [&] {
      if (trace) {
        session.load_trace_file(path);
      } else {
        session.load_scenario_file(path);
      }
    });
  }
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip("a .json file opens as a trace to replay; anything else as a scenario");
  }
}

// A whole-number field changed on release (every change resets the run).
template <typename Apply>
void whole_number_field(const char* id, double current, Apply apply) {
  const ImGuiID key = ImGui::GetID(id);
  auto& pending = drafts();
  double value = pending.contains(key) ? pending[key] : current;
  ImGui::InputDouble(id, &value, 0.0, 0.0, "%.0f");
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    pending.erase(key);
    apply(value);
  } else if (ImGui::IsItemActive()) {
    pending[key] = value;
  } else {
    pending.erase(key);
  }
}

void run_settings(AppContext& ctx, float label_width) {
  Session& session = ctx.session;
  const ImGuiStyle& style = ImGui::GetStyle();
  // The deadline needs room for four digits; the seed (up to twenty) takes the rest.
  const SeedDeadlineRow row = seed_deadline_row(
      row_geometry(label_width), ImGui::CalcTextSize("Seed").x, ImGui::CalcTextSize("Deadline").x,
      ImGui::CalcTextSize("9999").x, ImGui::CalcTextSize("1234567").x + 2.0f * style.FramePadding.x,
      style.ItemSpacing.x, style.FramePadding.x);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Seed");
  ImGui::SameLine(row.x);
  ImGui::SetNextItemWidth(row.seed_width);
  whole_number_field("##seed", static_cast<double>(session.seed()), [&](double value) {
    guarded(ctx, [&] {
      if (!(value >= 0.0) || value > 1.8e19) {
        throw UserError("seed: expected a whole number from 0 to 2^64-1");
      }
      session.set_seed(static_cast<std::uint64_t>(value));
    });
  });
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Deadline");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(row.deadline_width);
  whole_number_field("##deadline", session.deadline(), [&](double value) {
    guarded(ctx, [&] {
      if (!(value >= 1.0) || value > 1e9) {
        throw UserError("deadline: expected a whole number of offers, at least 1");
      }
      session.set_deadline(static_cast<int>(value));
    });
  });
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("offers before the talks end without agreement");
}

void run_buttons(AppContext& ctx, float label_width) {
  Session& session = ctx.session;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float quarter = (ImGui::GetContentRegionAvail().x - 3.0f * style.ItemSpacing.x) / 4.0f;
  const bool playing = session.playing();
  if (playing) ImGui::PushStyleColor(ImGuiCol_Button, style.Colors[ImGuiCol_ButtonActive]);
  if (ImGui::Button(playing ? "Pause" : "Play", ImVec2(quarter, 0.0f))) {
    session.set_playing(!playing);
  }
  if (playing) ImGui::PopStyleColor();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Space");
  ImGui::SameLine();
  if (ImGui::Button("Back", ImVec2(quarter, 0.0f))) session.step_back();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Step back one action (←)");
  ImGui::SameLine();
  if (ImGui::Button("Step", ImVec2(quarter, 0.0f))) session.step();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("One action: an offer or an answer (→)");
  ImGui::SameLine();
  if (ImGui::Button("Reset", ImVec2(quarter, 0.0f))) session.reset();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to the start (R)");

  // The value beside the slider, not on its grab (control_rows.hpp).
  const std::string value = speed_text(session.speed());
  const float value_width = std::max(ImGui::CalcTextSize(value.c_str()).x,
                                     ImGui::CalcTextSize(speed_text(1000.0).c_str()).x);
  const SliderRow row =
      slider_row(row_geometry(label_width), ImGui::CalcTextSize("Speed").x, value_width,
                 style.ItemSpacing.x, 4.0f * ImGui::GetFrameHeight());
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Speed");
  ImGui::SameLine(row.x);
  ImGui::SetNextItemWidth(row.slider_width);
  float speed = static_cast<float>(session.speed());
  if (ImGui::SliderFloat("##speed", &speed, 0.5f, 1000.0f, row.value_beside ? "" : value.c_str(),
                         ImGuiSliderFlags_Logarithmic)) {
    session.set_speed(speed);
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("actions (offers and answers) per second");
  if (row.value_beside) {
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(value.c_str());
  }
}

void save_controls(AppContext& ctx, float label_width) {
  Session& session = ctx.session;
  static std::string trace_path = "trace.json";
  static std::string screenshot_path = "screenshot.png";
  static std::string saved_note;
  const float button = ImGui::CalcTextSize("Save").x + 2.0f * ImGui::GetStyle().FramePadding.x;
  row_label("Trace", label_width);
  ImGui::SetNextItemWidth(-button - ImGui::GetStyle().ItemSpacing.x);
  ImGui::InputText("##trace_path", &trace_path);
  ImGui::SameLine();
  if (ImGui::Button("Save##trace", ImVec2(button, 0.0f))) {
    guarded(ctx, [&] {
      session.save_trace(trace_path);
      saved_note = "saved " + trace_path;
    });
  }
  row_label("Picture", label_width);
  ImGui::SetNextItemWidth(-button - ImGui::GetStyle().ItemSpacing.x);
  ImGui::InputText("##screenshot_path", &screenshot_path);
  ImGui::SameLine();
  if (ImGui::Button("Save##picture", ImVec2(button, 0.0f)) && ctx.request_screenshot) {
    ctx.request_screenshot(screenshot_path);  // the application reports the result
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("save a screenshot of the window (S)");
  if (!saved_note.empty()) ImGui::TextDisabled("%s", saved_note.c_str());
}

}  // namespace

void draw_controls(AppContext& ctx) {
  // Labels take the width of the longest one (capped so the widgets keep room).
  float longest = ImGui::CalcTextSize("Scenario").x;
  if (ctx.session.has_scenario()) {
    if (ctx.fonts.bold != nullptr) ImGui::PushFont(ctx.fonts.bold);
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      longest = std::max(
          longest, ImGui::CalcTextSize(party_short_name(ctx.session.scenario(), p).c_str()).x);
    }
    if (ctx.fonts.bold != nullptr) ImGui::PopFont();
    for (const Spec& spec : ctx.session.specs()) {
      if (const auto* info = agents::builtin_registry().find(spec.name)) {
        for (const agents::ParameterInfo& parameter : info->parameters) {
          longest = std::max(longest, ImGui::CalcTextSize(parameter.name.c_str()).x);
        }
      }
    }
  }
  const float label_width =
      std::min(longest + 12.0f * ctx.ui_scale, ImGui::GetContentRegionAvail().x * 0.42f);
  scenario_controls(ctx, label_width);
  if (!ctx.session.has_scenario()) return;
  ImGui::Spacing();
  for (PartyIndex party = 0; party < kPartyCount; ++party) {
    party_controls(ctx, party, label_width);
    ImGui::Spacing();
  }
  run_settings(ctx, label_width);
  ImGui::Spacing();
  run_buttons(ctx, label_width);
  ImGui::Separator();
  save_controls(ctx, label_width);
  draw_model_controls(ctx);
}

}  // namespace treatysim::gui
