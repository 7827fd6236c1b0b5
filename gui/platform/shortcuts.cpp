#include "gui/platform/shortcuts.hpp"

namespace treatysim::gui::platform {

std::optional<Shortcut> shortcut_for(const sf::Event& event, bool text_field_focused) noexcept {
  if (event.type != sf::Event::KeyPressed || text_field_focused) return std::nullopt;
  if (event.key.control || event.key.alt || event.key.system) return std::nullopt;
  switch (event.key.code) {
    case sf::Keyboard::Space:
      return Shortcut::kPlayPause;
    case sf::Keyboard::Right:
      return Shortcut::kStep;
    case sf::Keyboard::Left:
      return Shortcut::kStepBack;
    case sf::Keyboard::R:
      return Shortcut::kReset;
    case sf::Keyboard::F:
      return Shortcut::kFullscreen;
    case sf::Keyboard::P:
      return Shortcut::kPresenter;
    case sf::Keyboard::S:
      return Shortcut::kScreenshot;
    case sf::Keyboard::H:
      return Shortcut::kHelp;
    case sf::Keyboard::Escape:
      return Shortcut::kClose;
    default:
      return std::nullopt;
  }
}

std::string_view shortcut_key_name(Shortcut shortcut) noexcept {
  switch (shortcut) {
    case Shortcut::kPlayPause:
      return "Space";
    case Shortcut::kStep:
      return "\xE2\x86\x92";  // →
    case Shortcut::kStepBack:
      return "\xE2\x86\x90";  // ←
    case Shortcut::kReset:
      return "R";
    case Shortcut::kFullscreen:
      return "F";
    case Shortcut::kPresenter:
      return "P";
    case Shortcut::kScreenshot:
      return "S";
    case Shortcut::kHelp:
      return "H";
    case Shortcut::kClose:
      return "Esc";
  }
  return "";
}

std::string_view shortcut_description(Shortcut shortcut) noexcept {
  switch (shortcut) {
    case Shortcut::kPlayPause:
      return "play / pause the negotiation";
    case Shortcut::kStep:
      return "one step forward";
    case Shortcut::kStepBack:
      return "one step back";
    case Shortcut::kReset:
      return "reset to the first offer";
    case Shortcut::kFullscreen:
      return "full screen on / off";
    case Shortcut::kPresenter:
      return "presenter mode on / off (big fonts, high contrast)";
    case Shortcut::kScreenshot:
      return "save a screenshot (treatysim-<time>.png)";
    case Shortcut::kHelp:
      return "show / hide this help";
    case Shortcut::kClose:
      return "close this help or a dialog";
  }
  return "";
}

}  // namespace treatysim::gui::platform
