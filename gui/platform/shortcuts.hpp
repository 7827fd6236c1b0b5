// The window's keyboard shortcuts as a pure function of a key event: Space play/pause, → / ←
// step / step back, R reset, F fullscreen, P presenter, S screenshot, H help, Escape closes
// overlays. No shortcut fires while a text field has focus (ImGui's io.WantTextInput) or with
// Ctrl/Alt/Super held (those belong to text editing and the desktop).
#pragma once

#include <optional>
#include <string_view>

#include <SFML/Window/Event.hpp>

namespace treatysim::gui::platform {

/// What a shortcut asks the application to do.
enum class Shortcut {
  kPlayPause,   ///< Space
  kStep,        ///< Right arrow
  kStepBack,    ///< Left arrow
  kReset,       ///< R
  kFullscreen,  ///< F
  kPresenter,   ///< P
  kScreenshot,  ///< S
  kHelp,        ///< H (toggles the help overlay)
  kClose,       ///< Escape (closes the help overlay)
};

/// The shortcut of a KeyPressed event, or nullopt (other events, other keys, a text field has
/// focus, or Ctrl/Alt/System held).
[[nodiscard]] std::optional<Shortcut> shortcut_for(const sf::Event& event,
                                                   bool text_field_focused) noexcept;

/// The key as the help overlay names it ("Space", "→", …).
[[nodiscard]] std::string_view shortcut_key_name(Shortcut shortcut) noexcept;

/// What the key does, in a few words for the help overlay.
[[nodiscard]] std::string_view shortcut_description(Shortcut shortcut) noexcept;

/// Every shortcut in the help overlay's order.
inline constexpr Shortcut kAllShortcuts[] = {
    Shortcut::kPlayPause,  Shortcut::kStep,       Shortcut::kStepBack,
    Shortcut::kReset,      Shortcut::kFullscreen, Shortcut::kPresenter,
    Shortcut::kScreenshot, Shortcut::kHelp,       Shortcut::kClose};

}  // namespace treatysim::gui::platform
