// Plays a parsed script (script.hpp) into the running window, frame by frame: events go to the
// application's own event handler (so through the platform translation and the shortcuts);
// click_item finds a widget by its ImGui ID path (giving it keyboard-navigation focus for one
// frame makes ImGui record its rectangle) and clicks its centre.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <SFML/Window/Event.hpp>

#include "gui/app/script.hpp"

namespace treatysim::gui {

/// Runs a script; one per window.
class ScriptRunner {
 public:
  /// Frames a click_item waits for its window or widget to appear before failing.
  static constexpr int kAttempts = 30;

  /// The steps of `file` (for messages).
  ScriptRunner(std::vector<ScriptStep> steps, std::string file);

  /// Call before each frame's ImGui::NewFrame: performs the steps due now through `feed` (one
  /// event at a time) and `screenshot`. Returns false once the script has ended or failed.
  bool before_frame(const std::function<void(const sf::Event&)>& feed,
                    const std::function<void(const std::string&)>& screenshot);

  /// Call right after ImGui::NewFrame: starts looking for a click_item's widget.
  void after_new_frame();

  /// Why the script failed ("" while it has not).
  [[nodiscard]] const std::string& error() const noexcept { return error_; }

 private:
  void fail(const ScriptStep& step, const std::string& message);

  std::vector<ScriptStep> steps_;
  std::string file_;
  std::string error_;
  std::size_t index_ = 0;
  int wait_left_ = -1;
  int phase_ = 0;  // click_item: 0 locate, 1 move there, 2 press and release
  int attempts_ = 0;
  unsigned item_id_ = 0;
  float x_ = 0.0f;
  float y_ = 0.0f;
};

}  // namespace treatysim::gui
