// Event translation: SFML 2.5 window events into Dear ImGui 1.86 input (the old key model:
// io.KeysDown[] indexed by sf::Keyboard::Key, io.KeyMap[] pointing into it). Pure functions of
// an event, the ImGui IO block and a small latch state: no window is needed, so they are
// unit-tested with events built by hand.
#pragma once

#include <array>
#include <cstdint>

#include <SFML/Graphics/Rect.hpp>
#include <SFML/Window/Event.hpp>

struct ImGuiIO;

namespace treatysim::gui::platform {

/// The mouse buttons ImGui tracks (left, right, middle, extra 1, extra 2).
inline constexpr int kMouseButtonCount = 5;

/// Input that must live between events: ImGui 1.86 samples io.MouseDown[] once per frame, so a
/// press and release within one frame would be lost without a latch.
struct InputLatch {
  std::array<bool, kMouseButtonCount> pressed{};  ///< Pressed at some time during this frame.
  std::array<bool, kMouseButtonCount> held{};     ///< Down right now.
};

/// Fills io.KeyMap so that ImGui's named keys point at the sf::Keyboard::Key codes used as
/// indices into io.KeysDown[]; also names the backend in io.BackendPlatformName.
void set_key_map(ImGuiIO& io);

/// The io.KeysDown[] index of an SFML key, or -1 for keys outside it (sf::Keyboard::Unknown).
[[nodiscard]] int key_index(sf::Keyboard::Key key) noexcept;

/// ImGui's index of an SFML mouse button (0 left, 1 right, 2 middle, 3 and 4 extras).
[[nodiscard]] int mouse_button_index(sf::Mouse::Button button) noexcept;

/// Whether a TextEntered code point is text (ImGui gets no control characters: ≥ U+0020, not
/// U+007F, and not a surrogate or beyond U+10FFFF).
[[nodiscard]] bool is_text_character(std::uint32_t code_point) noexcept;

/// Applies one event to ImGui's IO block: keys and modifiers, typed text, mouse position,
/// buttons (latched), the wheel (MouseWheelScrolled only; the deprecated MouseWheelMoved is
/// ignored), focus loss (releases every key and button) and leaving the window.
void apply_event(const sf::Event& event, ImGuiIO& io, InputLatch& latch);

/// Call once per frame before ImGui::NewFrame(): a button is down this frame when it is held or
/// was pressed since the last call; then the latch is cleared.
void update_mouse_buttons(ImGuiIO& io, InputLatch& latch);

/// Releases every key, modifier and mouse button (focus loss).
void release_all_input(ImGuiIO& io, InputLatch& latch);

/// A frame's delta time made safe for ImGui, which asserts it is > 0: clamped to
/// [1e-4 s, 0.25 s] (a stalled frame does not make animations jump).
[[nodiscard]] float clamp_delta_time(float seconds) noexcept;

/// The SFML view rectangle that maps one unit to one pixel for a window of this size (reset on
/// every Resized event, or SFML stretches the picture).
[[nodiscard]] sf::FloatRect view_rect_for(const sf::Event::SizeEvent& size) noexcept;

}  // namespace treatysim::gui::platform
