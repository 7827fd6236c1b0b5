#include "gui/panels/model_controls.hpp"

#include <string>

#include <imgui.h>

#include "gui/logic/colors.hpp"
#include "gui/logic/narration.hpp"
#include "gui/panels/plot_frame.hpp"

namespace treatysim::gui {

void draw_model_controls(AppContext& ctx) {
  const Session& session = ctx.session;
  if (!session.has_scenario()) return;
  if (!session.has_model(0) && !session.has_model(1)) {
    ctx.shown_estimate.reset();
    ctx.show_accuracy = false;
    return;
  }
  const Scenario& scenario = session.scenario();
  ImGui::Separator();
  ImGui::TextDisabled("Opponent models");
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    if (!session.has_model(p)) {
      if (ctx.shown_estimate == p) ctx.shown_estimate.reset();
      continue;
    }
    bool shown = ctx.shown_estimate == p;
    const std::string label = party_short_name(scenario, p) + "'s estimate of " +
                              party_phrase(scenario, other_party(p)) + "##estimate" +
                              std::to_string(p);
    ImGui::PushStyleColor(ImGuiCol_Text, im_color(party_color(p)));
    if (ImGui::Checkbox(label.c_str(), &shown)) {
      ctx.shown_estimate = shown ? std::optional<PartyIndex>(p) : std::nullopt;
    }
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip(
          "draw where %s believes each outcome lies (hollow squares) and the "
          "frontier it believes in (dashed), beside the truth",
          party_phrase(scenario, p).c_str());
    }
  }
  ImGui::Checkbox("Accuracy over rounds##accuracy", &ctx.show_accuracy);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "the rounds panel shows how well each model guessed after every offer it "
        "received: Pearson and Kendall correlation with the truth");
  }
}

}  // namespace treatysim::gui
