#include "gui/app/script_runner.hpp"

#include <cstdlib>
#include <iostream>
#include <utility>

#include <imgui.h>
#include <imgui_internal.h>

namespace treatysim::gui {

ScriptRunner::ScriptRunner(std::vector<ScriptStep> steps, std::string file)
    : steps_(std::move(steps)), file_(std::move(file)) {}

void ScriptRunner::fail(const ScriptStep& step, const std::string& message) {
  error_ = file_ + ":" + std::to_string(step.line) + ": " + message;
  index_ = steps_.size();
}

bool ScriptRunner::before_frame(const std::function<void(const sf::Event&)>& feed,
                                const std::function<void(const std::string&)>& screenshot) {
  while (index_ < steps_.size()) {
    const ScriptStep& step = steps_[index_];
    switch (step.kind) {
      case ScriptStep::Kind::kWait:
        if (wait_left_ < 0) wait_left_ = step.frames;
        if (wait_left_ == 0) {
          wait_left_ = -1;
          ++index_;
          continue;
        }
        --wait_left_;
        return true;
      case ScriptStep::Kind::kEvents:
        for (const sf::Event& event : step.events) feed(event);
        ++index_;
        return true;
      case ScriptStep::Kind::kScreenshot:
        screenshot(step.path);
        ++index_;
        return true;
      case ScriptStep::Kind::kClickItem: {
        if (phase_ == 0) return true;  // being located during this frame (after_new_frame)
        if (phase_ == 1) {
          ImGuiWindow* window = ImGui::FindWindowByName(step.item_path.front().c_str());
          const ImGuiContext& g = *ImGui::GetCurrentContext();
          if (window == nullptr || g.NavId != item_id_ || !g.NavIdIsAlive) {
            if (++attempts_ < kAttempts) {  // not drawn yet: look again
              phase_ = 0;
              return true;
            }
            fail(step, "no widget \"" + step.item_path.back() + "\" in window \"" +
                           step.item_path.front() + "\"");
            return false;
          }
          const ImVec2 centre =
              ImGui::WindowRectRelToAbs(window, window->NavRectRel[0]).GetCenter();
          x_ = centre.x;
          y_ = centre.y;
          sf::Event move{};
          move.type = sf::Event::MouseMoved;
          move.mouseMove = {static_cast<int>(x_), static_cast<int>(y_)};
          feed(move);
          phase_ = 2;
          return true;
        }
        for (const auto type : {sf::Event::MouseButtonPressed, sf::Event::MouseButtonReleased}) {
          sf::Event button{};
          button.type = type;
          button.mouseButton = {sf::Mouse::Left, static_cast<int>(x_), static_cast<int>(y_)};
          feed(button);
        }
        std::cerr << "script: clicked \"" << step.item_path.back() << "\" at ("
                  << static_cast<int>(x_) << ", " << static_cast<int>(y_) << ")\n";
        phase_ = 0;
        attempts_ = 0;
        ++index_;
        return true;
      }
    }
  }
  return false;
}

void ScriptRunner::after_new_frame() {
  if (index_ >= steps_.size()) return;
  const ScriptStep& step = steps_[index_];
  if (step.kind != ScriptStep::Kind::kClickItem || phase_ != 0) return;
  ImGuiWindow* window = ImGui::FindWindowByName(step.item_path.front().c_str());
  if (window == nullptr) {
    if (++attempts_ >= kAttempts) fail(step, "no window \"" + step.item_path.front() + "\"");
    return;  // not drawn yet: look again next frame
  }
  // The ID as the widget computes it: the window's ID, then each pushed ID, then the label
  // ("#N" is an integer pushed with PushID(int)).
  ImGuiID id = window->ID;
  for (std::size_t i = 1; i < step.item_path.size(); ++i) {
    const std::string& part = step.item_path[i];
    if (i + 1 < step.item_path.size() && part.size() > 1 && part[0] == '#' && part[1] != '#') {
      const int number = std::atoi(part.c_str() + 1);
      id = ImHashData(&number, sizeof(number), id);
    } else {
      id = ImHashStr(part.c_str(), 0, id);
    }
  }
  item_id_ = id;
  ImGui::SetFocusID(id, window);
  phase_ = 1;
}

}  // namespace treatysim::gui
