#include "gui/panels/replay_bar.hpp"

#include <string>
#include <string_view>

#include <imgui.h>

#include "gui/logic/text_wrap.hpp"

namespace treatysim::gui {

void draw_replay_bar(AppContext& ctx) {
  Session& session = ctx.session;
  if (!session.replaying()) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled(
        "No trace is open: type a trace file's path in the controls and press Open.");
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
  // The text takes at most 45% of the row (cut with "…", whole on hover): the slider keeps room.
  const float room = 0.45f * (ImGui::GetContentRegionAvail().x - button);
  const std::string shown = fit_with_ellipsis(where, room, [](std::string_view t) {
    return ImGui::CalcTextSize(t.data(), t.data() + t.size()).x;
  });
  const float text_width = ImGui::CalcTextSize(shown.c_str()).x;
  ImGui::SetNextItemWidth(-text_width - ImGui::GetStyle().ItemSpacing.x);
  int cursor = static_cast<int>(session.cursor());
  if (ImGui::SliderInt("##cursor", &cursor, 0, static_cast<int>(session.total_events()), "")) {
    session.set_playing(false);
    session.seek(static_cast<std::size_t>(cursor));
  }
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(shown.c_str());
  if (shown != where && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", where.c_str());
}

}  // namespace treatysim::gui
