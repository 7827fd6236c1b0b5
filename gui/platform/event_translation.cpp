#include "gui/platform/event_translation.hpp"

#include <algorithm>
#include <cfloat>

#include <imgui.h>

namespace treatysim::gui::platform {

namespace {

using Key = sf::Keyboard::Key;

[[nodiscard]] bool key_down(const ImGuiIO& io, Key key) noexcept {
  const int index = key_index(key);
  return index >= 0 && io.KeysDown[index];
}

// Modifiers from the key states (the event's own flags miss a modifier released elsewhere).
void update_modifiers(ImGuiIO& io) noexcept {
  io.KeyCtrl = key_down(io, Key::LControl) || key_down(io, Key::RControl);
  io.KeyShift = key_down(io, Key::LShift) || key_down(io, Key::RShift);
  io.KeyAlt = key_down(io, Key::LAlt) || key_down(io, Key::RAlt);
  io.KeySuper = key_down(io, Key::LSystem) || key_down(io, Key::RSystem);
}

}  // namespace

void set_key_map(ImGuiIO& io) {
  io.BackendPlatformName = "treatysim_sfml";
  io.KeyMap[ImGuiKey_Tab] = Key::Tab;
  io.KeyMap[ImGuiKey_LeftArrow] = Key::Left;
  io.KeyMap[ImGuiKey_RightArrow] = Key::Right;
  io.KeyMap[ImGuiKey_UpArrow] = Key::Up;
  io.KeyMap[ImGuiKey_DownArrow] = Key::Down;
  io.KeyMap[ImGuiKey_PageUp] = Key::PageUp;
  io.KeyMap[ImGuiKey_PageDown] = Key::PageDown;
  io.KeyMap[ImGuiKey_Home] = Key::Home;
  io.KeyMap[ImGuiKey_End] = Key::End;
  io.KeyMap[ImGuiKey_Insert] = Key::Insert;
  io.KeyMap[ImGuiKey_Delete] = Key::Delete;
  io.KeyMap[ImGuiKey_Backspace] = Key::Backspace;
  io.KeyMap[ImGuiKey_Space] = Key::Space;
  io.KeyMap[ImGuiKey_Enter] = Key::Enter;
  io.KeyMap[ImGuiKey_Escape] = Key::Escape;
  io.KeyMap[ImGuiKey_KeyPadEnter] = Key::Enter;  // SFML 2.5 does not tell the two apart
  io.KeyMap[ImGuiKey_A] = Key::A;
  io.KeyMap[ImGuiKey_C] = Key::C;
  io.KeyMap[ImGuiKey_V] = Key::V;
  io.KeyMap[ImGuiKey_X] = Key::X;
  io.KeyMap[ImGuiKey_Y] = Key::Y;
  io.KeyMap[ImGuiKey_Z] = Key::Z;
}

int key_index(sf::Keyboard::Key key) noexcept {
  const int index = static_cast<int>(key);
  return index >= 0 && index < static_cast<int>(sf::Keyboard::KeyCount) ? index : -1;
}

int mouse_button_index(sf::Mouse::Button button) noexcept {
  switch (button) {
    case sf::Mouse::Left:
      return 0;
    case sf::Mouse::Right:
      return 1;
    case sf::Mouse::Middle:
      return 2;
    case sf::Mouse::XButton1:
      return 3;
    case sf::Mouse::XButton2:
      return 4;
    default:
      return -1;
  }
}

bool is_text_character(std::uint32_t code_point) noexcept {
  const bool control = code_point < 0x20 || code_point == 0x7F;
  const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
  return !control && !surrogate && code_point <= 0x10FFFF;
}

void apply_event(const sf::Event& event, ImGuiIO& io, InputLatch& latch) {
  switch (event.type) {
    case sf::Event::KeyPressed:
    case sf::Event::KeyReleased: {
      const int index = key_index(event.key.code);
      if (index >= 0) io.KeysDown[index] = event.type == sf::Event::KeyPressed;
      update_modifiers(io);
      break;
    }
    case sf::Event::TextEntered:
      if (is_text_character(event.text.unicode)) io.AddInputCharacter(event.text.unicode);
      break;
    case sf::Event::MouseMoved:
      io.MousePos =
          ImVec2(static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y));
      break;
    case sf::Event::MouseButtonPressed:
    case sf::Event::MouseButtonReleased: {
      const int button = mouse_button_index(event.mouseButton.button);
      if (button < 0) break;
      const auto slot = static_cast<std::size_t>(button);
      const bool pressed = event.type == sf::Event::MouseButtonPressed;
      io.MousePos =
          ImVec2(static_cast<float>(event.mouseButton.x), static_cast<float>(event.mouseButton.y));
      latch.held[slot] = pressed;
      if (pressed) latch.pressed[slot] = true;
      break;
    }
    case sf::Event::MouseWheelScrolled:
      if (event.mouseWheelScroll.wheel == sf::Mouse::VerticalWheel) {
        io.MouseWheel += event.mouseWheelScroll.delta;
      } else {
        io.MouseWheelH += event.mouseWheelScroll.delta;
      }
      break;
    case sf::Event::LostFocus:
      release_all_input(io, latch);
      break;
    case sf::Event::MouseLeft:
      io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
      break;
    default:
      break;  // MouseWheelMoved is deprecated and duplicates MouseWheelScrolled
  }
}

void update_mouse_buttons(ImGuiIO& io, InputLatch& latch) {
  for (std::size_t button = 0; button < latch.held.size(); ++button) {
    io.MouseDown[button] = latch.held[button] || latch.pressed[button];
    latch.pressed[button] = false;
  }
}

void release_all_input(ImGuiIO& io, InputLatch& latch) {
  std::fill(std::begin(io.KeysDown), std::end(io.KeysDown), false);
  io.KeyCtrl = io.KeyShift = io.KeyAlt = io.KeySuper = false;
  latch = InputLatch{};
  std::fill(std::begin(io.MouseDown), std::end(io.MouseDown), false);
}

float clamp_delta_time(float seconds) noexcept {
  if (!(seconds > 1e-4f)) return 1e-4f;  // also catches NaN
  return std::min(seconds, 0.25f);
}

sf::FloatRect view_rect_for(const sf::Event::SizeEvent& size) noexcept {
  return {0.0f, 0.0f, static_cast<float>(size.width), static_cast<float>(size.height)};
}

}  // namespace treatysim::gui::platform
