#include "gui/panels/narration_bar.hpp"

#include <string>

#include <imgui.h>

namespace treatysim::gui {

void draw_narration_bar(AppContext& ctx) {
  const Session& session = ctx.session;
  std::string text = session.narration();
  if (text.empty()) {
    if (session.awaiting_human_offer()) {
      text = "Your move: build your opening offer.";
    } else if (session.replaying()) {
      text = "Replay of " + session.scenario_label() + ": drag the slider or press → to step.";
    } else {
      text = session.scenario().title() + ": press Space to play or → to step.";
    }
  }
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
}

}  // namespace treatysim::gui
