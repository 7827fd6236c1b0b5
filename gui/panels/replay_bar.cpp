#include "gui/panels/replay_bar.hpp"

#include <string>

#include <imgui.h>

namespace treatysim::gui {

void draw_replay_bar(AppContext& ctx) {
  Session& session = ctx.session;
  if (!session.replaying()) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled(
        "No trace is open: type a trace file's path in the controls and press Open trace.");
    return;
  }
  const bool playing = session.playing();
  const float button = ImGui::CalcTextSize("Pause").x + 2.0f * ImGui::GetStyle().FramePadding.x;
  if (ImGui::Button(playing ? "Pause" : "Play", ImVec2(button, 0.0f))) {
    if (!playing && session.done()) session.seek(0);
    session.set_playing(!playing);
  }
  ImGui::SameLine();
  const std::string where = "event " + std::to_string(session.cursor()) + " of " +
                            std::to_string(session.total_events()) + " · " +
                            session.scenario_label();
  const float text_width = ImGui::CalcTextSize(where.c_str()).x;
  ImGui::SetNextItemWidth(-text_width - ImGui::GetStyle().ItemSpacing.x);
  int cursor = static_cast<int>(session.cursor());
  if (ImGui::SliderInt("##cursor", &cursor, 0, static_cast<int>(session.total_events()), "")) {
    session.set_playing(false);
    session.seek(static_cast<std::size_t>(cursor));
  }
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(where.c_str());
}

}  // namespace treatysim::gui
