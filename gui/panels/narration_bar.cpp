#include "gui/panels/narration_bar.hpp"

#include <string>

#include <imgui.h>

#include "gui/logic/text_wrap.hpp"

namespace treatysim::gui {

void draw_narration_bar(AppContext& ctx) {
  const Session& session = ctx.session;
  std::string text = session.narration(visible_values(ctx));
  if (text.empty()) {
    if (session.awaiting_human_offer()) {
      text = "Your move: build your opening offer.";
    } else if (session.replaying()) {
      text = "Replay of " + session.scenario_label() + ": drag the slider or press → to step.";
    } else {
      text = session.scenario().title() + ": press Space to play or → to step.";
    }
  }
  // Wrapped at spaces only: ImGui's wrapping would split numbers such as "0.57" at the dot.
  const auto lines = wrap_at_spaces(text, ImGui::GetContentRegionAvail().x, [](std::string_view s) {
    return ImGui::CalcTextSize(s.data(), s.data() + s.size()).x;
  });
  for (const std::string& line : lines) ImGui::TextUnformatted(line.c_str());
}

}  // namespace treatysim::gui
