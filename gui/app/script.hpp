// Scripted input for tests and demos (`treatysim-gui --script FILE`): a list of synthetic SFML
// events fed, frame by frame, through the same platform translation as real input.
//
// One command a line; `#` starts a comment; words are separated by spaces, "quoted words" may
// hold spaces (\" and \\ escape):
//   wait N                       let N frames pass
//   key NAME                     press and release a key: Space, Left, Right, Up, Down, Enter,
//                                Escape, Tab, Backspace, Delete, Home, End, A–Z, 0–9; with
//                                modifiers joined by '+': ctrl+z, shift+tab
//   type "TEXT"                  type the text (one TextEntered event per character)
//   move X Y                     move the mouse to window pixel (X, Y)
//   click X Y                    move there, then press and release the left button (one frame)
//   drag X1 Y1 X2 Y2             move to (X1, Y1), press, move to (X2, Y2), release (4 frames)
//   click_item WINDOW ID… LABEL  click the widget with that ImGui ID path inside the window of
//                                that title: the label as passed to the widget (with any ##),
//                                after the strings/#integers pushed with PushID, e.g.
//                                click_item "Your move" "Propose"
//   screenshot FILE              save a screenshot of this frame
// Errors name the file and line (UserError).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <SFML/Window/Event.hpp>

namespace treatysim::gui {

/// One step of a script.
struct ScriptStep {
  /// What the step does.
  enum class Kind {
    kWait,        ///< Let `frames` frames pass.
    kEvents,      ///< Feed `events` in this frame.
    kClickItem,   ///< Find the widget `item_path` and click its centre.
    kScreenshot,  ///< Save a screenshot to `path`.
  };
  Kind kind = Kind::kWait;
  int line = 0;                        ///< Line in the script file (for messages).
  int frames = 0;                      ///< kWait: frames to let pass.
  std::vector<sf::Event> events;       ///< kEvents: fed in one frame.
  std::vector<std::string> item_path;  ///< kClickItem: window title, then the ID path.
  std::string path;                    ///< kScreenshot: the file.
};

/// Parses a script; `file_name` is used in error messages. Throws UserError
/// ("FILE:LINE: unknown command \"…\"; expected wait, key, type, move, click, drag, click_item
/// or screenshot").
[[nodiscard]] std::vector<ScriptStep> parse_script(std::string_view text,
                                                   const std::string& file_name);

/// Reads and parses a script file (UserError when it cannot be read or parsed).
[[nodiscard]] std::vector<ScriptStep> load_script(const std::string& path);

/// The SFML key of a script key name ("Space", "A", "7", "Left"), or sf::Keyboard::Unknown.
[[nodiscard]] sf::Keyboard::Key key_from_name(std::string_view name) noexcept;

}  // namespace treatysim::gui
