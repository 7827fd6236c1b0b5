// The SFML → ImGui platform layer without a window: events built by hand go through the pure
// translation functions into a fresh ImGui context's IO block; shortcuts, delta time, the view
// on resize and the font atlas (built in memory, no GPU texture) are checked by hand-known values.
#include <doctest/doctest.h>

#include <cfloat>
#include <cstdint>
#include <string>

#include <imgui.h>

#include "gui/platform/event_translation.hpp"
#include "gui/platform/fonts.hpp"
#include "gui/platform/shortcuts.hpp"

namespace platform = treatysim::gui::platform;

namespace {

// A fresh ImGui context for one test case, destroyed at the end.
class ImGuiScope {
 public:
  ImGuiScope() : context_(ImGui::CreateContext()) {
    ImGui::GetIO().IniFilename = nullptr;
    platform::set_key_map(ImGui::GetIO());
  }
  ~ImGuiScope() { ImGui::DestroyContext(context_); }
  ImGuiScope(const ImGuiScope&) = delete;
  ImGuiScope& operator=(const ImGuiScope&) = delete;

 private:
  ImGuiContext* context_;
};

sf::Event key_event(sf::Event::EventType type, sf::Keyboard::Key code, bool control = false) {
  sf::Event event{};
  event.type = type;
  event.key.code = code;
  event.key.control = control;
  return event;
}

sf::Event button_event(sf::Event::EventType type, sf::Mouse::Button button, int x, int y) {
  sf::Event event{};
  event.type = type;
  event.mouseButton.button = button;
  event.mouseButton.x = x;
  event.mouseButton.y = y;
  return event;
}

sf::Event text_event(std::uint32_t code_point) {
  sf::Event event{};
  event.type = sf::Event::TextEntered;
  event.text.unicode = code_point;
  return event;
}

sf::Event plain_event(sf::Event::EventType type) {
  sf::Event event{};
  event.type = type;
  return event;
}

}  // namespace

TEST_CASE("key map points ImGui's named keys at SFML key codes") {
  ImGuiScope scope;
  const ImGuiIO& io = ImGui::GetIO();
  CHECK(io.KeyMap[ImGuiKey_Tab] == sf::Keyboard::Tab);
  CHECK(io.KeyMap[ImGuiKey_LeftArrow] == sf::Keyboard::Left);
  CHECK(io.KeyMap[ImGuiKey_Enter] == sf::Keyboard::Enter);
  CHECK(io.KeyMap[ImGuiKey_A] == sf::Keyboard::A);
  CHECK(io.KeyMap[ImGuiKey_Z] == sf::Keyboard::Z);
  for (int key = 0; key < ImGuiKey_COUNT; ++key) {
    CHECK(io.KeyMap[key] >= 0);
    CHECK(io.KeyMap[key] < 512);
  }
}

TEST_CASE("key presses and releases set KeysDown and derive the modifiers from key states") {
  ImGuiScope scope;
  ImGuiIO& io = ImGui::GetIO();
  platform::InputLatch latch;
  platform::apply_event(key_event(sf::Event::KeyPressed, sf::Keyboard::A), io, latch);
  CHECK(io.KeysDown[sf::Keyboard::A]);
  CHECK_FALSE(io.KeyCtrl);
  platform::apply_event(key_event(sf::Event::KeyPressed, sf::Keyboard::RControl), io, latch);
  CHECK(io.KeyCtrl);
  platform::apply_event(key_event(sf::Event::KeyPressed, sf::Keyboard::LShift), io, latch);
  CHECK(io.KeyShift);
  platform::apply_event(key_event(sf::Event::KeyReleased, sf::Keyboard::RControl), io, latch);
  CHECK_FALSE(io.KeyCtrl);
  CHECK(io.KeyShift);
  platform::apply_event(key_event(sf::Event::KeyReleased, sf::Keyboard::A), io, latch);
  CHECK_FALSE(io.KeysDown[sf::Keyboard::A]);
}

TEST_CASE("an unknown key (code -1) touches no KeysDown entry") {
  ImGuiScope scope;
  ImGuiIO& io = ImGui::GetIO();
  platform::InputLatch latch;
  CHECK(platform::key_index(sf::Keyboard::Unknown) == -1);
  CHECK(platform::key_index(sf::Keyboard::A) == 0);
  platform::apply_event(key_event(sf::Event::KeyPressed, sf::Keyboard::Unknown), io, latch);
  int down = 0;
  for (const bool key : io.KeysDown) down += key ? 1 : 0;
  CHECK(down == 0);
}

TEST_CASE("TextEntered passes printable code points only") {
  CHECK(platform::is_text_character(U'a'));
  CHECK(platform::is_text_character(U' '));
  CHECK(platform::is_text_character(0x00E9));      // é
  CHECK(platform::is_text_character(0x2192));      // →
  CHECK_FALSE(platform::is_text_character(0x08));  // backspace
  CHECK_FALSE(platform::is_text_character(0x0D));  // return
  CHECK_FALSE(platform::is_text_character(0x1F));
  CHECK_FALSE(platform::is_text_character(0x7F));  // delete
  CHECK_FALSE(platform::is_text_character(0xD800));
  CHECK_FALSE(platform::is_text_character(0x110000));

  ImGuiScope scope;
  ImGuiIO& io = ImGui::GetIO();
  platform::InputLatch latch;
  platform::apply_event(text_event(0x08), io, latch);
  platform::apply_event(text_event(U'x'), io, latch);
  platform::apply_event(text_event(0x7F), io, latch);
  REQUIRE(io.InputQueueCharacters.Size == 1);
  CHECK(io.InputQueueCharacters[0] == U'x');
}

TEST_CASE("a click within one frame is latched: the button is down for exactly one frame") {
  ImGuiScope scope;
  ImGuiIO& io = ImGui::GetIO();
  platform::InputLatch latch;
  platform::apply_event(button_event(sf::Event::MouseButtonPressed, sf::Mouse::Left, 120, 45), io,
                        latch);
  platform::apply_event(button_event(sf::Event::MouseButtonReleased, sf::Mouse::Left, 120, 45), io,
                        latch);
  CHECK(io.MousePos.x == 120.0f);
  CHECK(io.MousePos.y == 45.0f);
  platform::update_mouse_buttons(io, latch);
  CHECK(io.MouseDown[0]);  // pressed during the frame
  platform::update_mouse_buttons(io, latch);
  CHECK_FALSE(io.MouseDown[0]);  // released by the next frame
}

TEST_CASE("a held button stays down across frames; right and middle map to 1 and 2") {
  ImGuiScope scope;
  ImGuiIO& io = ImGui::GetIO();
  platform::InputLatch latch;
  CHECK(platform::mouse_button_index(sf::Mouse::Right) == 1);
  CHECK(platform::mouse_button_index(sf::Mouse::Middle) == 2);
  CHECK(platform::mouse_button_index(sf::Mouse::XButton2) == 4);
  platform::apply_event(button_event(sf::Event::MouseButtonPressed, sf::Mouse::Right, 3, 4), io,
                        latch);
  platform::update_mouse_buttons(io, latch);
  platform::update_mouse_buttons(io, latch);
  CHECK(io.MouseDown[1]);
  CHECK_FALSE(io.MouseDown[0]);
}

TEST_CASE("mouse moves set the position; leaving the window hides it") {
  ImGuiScope scope;
  ImGuiIO& io = ImGui::GetIO();
  platform::InputLatch latch;
  sf::Event move{};
  move.type = sf::Event::MouseMoved;
  move.mouseMove.x = 640;
  move.mouseMove.y = 400;
  platform::apply_event(move, io, latch);
  CHECK(io.MousePos.x == 640.0f);
  CHECK(io.MousePos.y == 400.0f);
  platform::apply_event(plain_event(sf::Event::MouseLeft), io, latch);
  CHECK(io.MousePos.x == -FLT_MAX);
}

TEST_CASE("the wheel: MouseWheelScrolled counts, the deprecated MouseWheelMoved does not") {
  ImGuiScope scope;
  ImGuiIO& io = ImGui::GetIO();
  platform::InputLatch latch;
  sf::Event scroll{};
  scroll.type = sf::Event::MouseWheelScrolled;
  scroll.mouseWheelScroll.wheel = sf::Mouse::VerticalWheel;
  scroll.mouseWheelScroll.delta = -2.0f;
  platform::apply_event(scroll, io, latch);
  scroll.mouseWheelScroll.wheel = sf::Mouse::HorizontalWheel;
  scroll.mouseWheelScroll.delta = 1.5f;
  platform::apply_event(scroll, io, latch);
  sf::Event old{};
  old.type = sf::Event::MouseWheelMoved;
  old.mouseWheel.delta = 7;
  platform::apply_event(old, io, latch);
  CHECK(io.MouseWheel == -2.0f);
  CHECK(io.MouseWheelH == 1.5f);
}

TEST_CASE("focus loss releases every key, modifier and button") {
  ImGuiScope scope;
  ImGuiIO& io = ImGui::GetIO();
  platform::InputLatch latch;
  platform::apply_event(key_event(sf::Event::KeyPressed, sf::Keyboard::LControl), io, latch);
  platform::apply_event(key_event(sf::Event::KeyPressed, sf::Keyboard::C), io, latch);
  platform::apply_event(button_event(sf::Event::MouseButtonPressed, sf::Mouse::Left, 1, 1), io,
                        latch);
  platform::apply_event(plain_event(sf::Event::LostFocus), io, latch);
  CHECK_FALSE(io.KeyCtrl);
  CHECK_FALSE(io.KeysDown[sf::Keyboard::C]);
  CHECK_FALSE(io.KeysDown[sf::Keyboard::LControl]);
  platform::update_mouse_buttons(io, latch);
  CHECK_FALSE(io.MouseDown[0]);
}

TEST_CASE("delta time is clamped to between 0.1 ms and 0.25 s") {
  CHECK(platform::clamp_delta_time(0.0f) > 0.0f);
  CHECK(platform::clamp_delta_time(-1.0f) > 0.0f);
  CHECK(platform::clamp_delta_time(0.016f) == 0.016f);
  CHECK(platform::clamp_delta_time(3.0f) == 0.25f);
}

TEST_CASE("a resize gives a view of exactly the new size in pixels") {
  sf::Event resize{};
  resize.type = sf::Event::Resized;
  resize.size.width = 1600;
  resize.size.height = 900;
  const sf::FloatRect view = platform::view_rect_for(resize.size);
  CHECK(view.left == 0.0f);
  CHECK(view.top == 0.0f);
  CHECK(view.width == 1600.0f);
  CHECK(view.height == 900.0f);
}

TEST_CASE("shortcuts: one key each, none while typing or with Ctrl held") {
  using platform::Shortcut;
  const auto press = [](sf::Keyboard::Key key, bool typing = false, bool control = false) {
    return platform::shortcut_for(key_event(sf::Event::KeyPressed, key, control), typing);
  };
  CHECK(press(sf::Keyboard::Space) == Shortcut::kPlayPause);
  CHECK(press(sf::Keyboard::Right) == Shortcut::kStep);
  CHECK(press(sf::Keyboard::Left) == Shortcut::kStepBack);
  CHECK(press(sf::Keyboard::R) == Shortcut::kReset);
  CHECK(press(sf::Keyboard::F) == Shortcut::kFullscreen);
  CHECK(press(sf::Keyboard::P) == Shortcut::kPresenter);
  CHECK(press(sf::Keyboard::S) == Shortcut::kScreenshot);
  CHECK(press(sf::Keyboard::H) == Shortcut::kHelp);
  CHECK(press(sf::Keyboard::Escape) == Shortcut::kClose);
  CHECK_FALSE(press(sf::Keyboard::Q).has_value());
  CHECK_FALSE(press(sf::Keyboard::Space, true).has_value());
  CHECK_FALSE(press(sf::Keyboard::S, false, true).has_value());
  CHECK_FALSE(
      platform::shortcut_for(key_event(sf::Event::KeyReleased, sf::Keyboard::Space), false));
  for (const Shortcut shortcut : platform::kAllShortcuts) {
    CHECK_FALSE(platform::shortcut_key_name(shortcut).empty());
    CHECK_FALSE(platform::shortcut_description(shortcut).empty());
  }
}

TEST_CASE("presenter font sizes lie in 28-36 px and exceed the normal sizes") {
  const platform::FontSizes normal = platform::font_sizes(false);
  const platform::FontSizes presenter = platform::font_sizes(true);
  for (const float size : {presenter.body, presenter.small, presenter.heading, presenter.bold}) {
    CHECK(size >= 28.0f);
    CHECK(size <= 36.0f);
  }
  CHECK(presenter.body > normal.body);
  CHECK(presenter.small > normal.small);
  CHECK(presenter.heading > normal.heading);
  CHECK(normal.small < normal.body);
  CHECK(normal.heading > normal.body);
}

TEST_CASE("fonts build at the asked sizes, with a fallback when the files are missing") {
  ImGuiScope scope;
  ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  const platform::FontSizes sizes = platform::font_sizes(true);
  const platform::FontSet fonts = platform::build_fonts(atlas, sizes, platform::default_font_dir());
  REQUIRE_FALSE(fonts.fallback);
  CHECK(fonts.warning.empty());
  CHECK(fonts.body->FontSize == sizes.body);
  CHECK(fonts.heading->FontSize == sizes.heading);
  CHECK(fonts.small->FontSize == sizes.small);
  CHECK(fonts.body->FindGlyphNoFallback(0x2192) != nullptr);  // → in the help overlay
  CHECK(fonts.body->FindGlyphNoFallback(0x2013) != nullptr);  // – in the scenario titles
  CHECK(atlas.IsBuilt());

  const platform::FontSet missing = platform::build_fonts(atlas, sizes, "/nonexistent-font-dir");
  CHECK(missing.fallback);
  CHECK(missing.warning.find("fonts-dejavu-core") != std::string::npos);
  CHECK(missing.body == missing.heading);
  CHECK(atlas.Fonts.Size == 1);
}
