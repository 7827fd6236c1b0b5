#include "gui/panels/narration_bar.hpp"

#include <string>

#include <imgui.h>

namespace treatysim::gui {

std::string narration_text(const AppContext& ctx) {
  const Session& session = ctx.session;
  if (!session.has_scenario()) return {};
  std::string text = session.narration(visible_values(ctx));
  if (text.empty()) {
    if (session.awaiting_human_offer()) {
      text = "Your move: build your opening offer.";
    } else if (session.replaying()) {
      text = "Replay of " + session.scenario_label() +
             ": drag the slider or press \xE2\x86\x92 to step.";
    } else {
      text = session.scenario().title() + ": press Space to play or \xE2\x86\x92 to step.";
    }
  }
  return text;
}

WrappedText narration_lines(const AppContext& ctx, float width) {
  ImFont* font = ctx.fonts.body != nullptr ? ctx.fonts.body : ImGui::GetFont();
  // Wrapped at spaces only: ImGui's wrapping would split numbers such as "0.57" at the dot.
  return wrap_to_lines(narration_text(ctx), width, 3, [font](std::string_view s) {
    return font->CalcTextSizeA(font->FontSize, 1e9f, 0.0f, s.data(), s.data() + s.size()).x;
  });
}

void draw_narration_bar(AppContext& ctx) {
  const WrappedText text = narration_lines(ctx, ImGui::GetContentRegionAvail().x);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing,
                      ImVec2(ImGui::GetStyle().ItemSpacing.x, 2.0f * ctx.ui_scale));
  ImGui::BeginGroup();
  for (const std::string& line : text.lines) ImGui::TextUnformatted(line.c_str());
  ImGui::EndGroup();
  ImGui::PopStyleVar();
  if (text.cut && ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
    ImGui::TextUnformatted(narration_text(ctx).c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

}  // namespace treatysim::gui
