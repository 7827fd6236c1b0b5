// The SFML 2.5 platform of Dear ImGui 1.86 plus the OpenGL2 renderer that Debian's libimgui
// ships: owns the ImGui context, forwards events (event_translation.hpp), starts and renders
// frames, sets the mouse cursor, gives ImGui the clipboard, rebuilds fonts and takes
// screenshots. One per window; the window must outlive it.
#pragma once

#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/Window/Cursor.hpp>

#include <array>
#include <memory>
#include <string>

#include "gui/platform/event_translation.hpp"
#include "gui/platform/fonts.hpp"

namespace treatysim::gui::platform {

/// ImGui on an SFML render window.
class SfmlPlatform {
 public:
  /// Creates the ImGui context (no .ini file), sets the key map, clipboard and cursors, and
  /// initialises the GL2 renderer on the window's GL context.
  explicit SfmlPlatform(sf::RenderWindow& window);
  /// Calls close() if it has not been called.
  ~SfmlPlatform();
  SfmlPlatform(const SfmlPlatform&) = delete;
  SfmlPlatform& operator=(const SfmlPlatform&) = delete;

  /// Forwards an event to ImGui; on Resized also resets the window's view to its new size.
  void process_event(const sf::Event& event);

  /// Starts a frame: display size, clamped delta time, mouse buttons, cursor; ImGui::NewFrame.
  void new_frame(float dt_seconds);

  /// Ends the frame and draws it (GL states pushed, alpha writes masked).
  void render();

  /// Rebuilds the fonts at these sizes and recreates the font texture. Between frames only.
  [[nodiscard]] const FontSet& rebuild_fonts(const FontSizes& sizes);

  /// The fonts last built.
  [[nodiscard]] const FontSet& fonts() const noexcept { return fonts_; }

  /// Saves what has been drawn so far (call before display()) as an image file (PNG by its
  /// extension); false if it could not be written.
  [[nodiscard]] bool save_screenshot(const std::string& path) const;

  /// Shuts the renderer down, closes the window, then frees the cursors (X11 needs this
  /// order) and destroys the ImGui context. Idempotent.
  void close();

 private:
  void update_cursor();

  sf::RenderWindow& window_;
  InputLatch latch_;
  FontSet fonts_;
  std::array<std::unique_ptr<sf::Cursor>, 9> cursors_;  // by ImGuiMouseCursor_, 0..8
  int last_cursor_ = -2;
  std::string clipboard_;  // keeps the text ImGui reads alive
  bool open_ = true;
};

}  // namespace treatysim::gui::platform
