#include "gui/platform/sfml_platform.hpp"

#include <SFML/Graphics/Texture.hpp>
#include <SFML/OpenGL.hpp>
#include <SFML/Window/Clipboard.hpp>

#include <backends/imgui_impl_opengl2.h>
#include <imgui.h>

namespace treatysim::gui::platform {

namespace {

const char* get_clipboard(void* user_data) {
  auto* text = static_cast<std::string*>(user_data);
  *text = sf::Clipboard::getString().toAnsiString();
  return text->c_str();
}

void set_clipboard(void* /*user_data*/, const char* text) {
  sf::Clipboard::setString(sf::String::fromUtf8(text, text + std::char_traits<char>::length(text)));
}

}  // namespace

SfmlPlatform::SfmlPlatform(sf::RenderWindow& window) : window_(window) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
  set_key_map(io);
  io.GetClipboardTextFn = get_clipboard;
  io.SetClipboardTextFn = set_clipboard;
  io.ClipboardUserData = &clipboard_;

  const std::array<sf::Cursor::Type, 9> types = {sf::Cursor::Arrow,
                                                 sf::Cursor::Text,
                                                 sf::Cursor::SizeAll,
                                                 sf::Cursor::SizeVertical,
                                                 sf::Cursor::SizeHorizontal,
                                                 sf::Cursor::SizeBottomLeftTopRight,
                                                 sf::Cursor::SizeTopLeftBottomRight,
                                                 sf::Cursor::Hand,
                                                 sf::Cursor::NotAllowed};
  for (std::size_t i = 0; i < types.size(); ++i) {
    auto cursor = std::make_unique<sf::Cursor>();
    if (cursor->loadFromSystem(types[i])) cursors_[i] = std::move(cursor);
  }
  (void)window_.setActive(true);
  ImGui_ImplOpenGL2_Init();
}

SfmlPlatform::~SfmlPlatform() {
  close();
}

void SfmlPlatform::process_event(const sf::Event& event) {
  if (event.type == sf::Event::Resized) {
    window_.setView(sf::View(view_rect_for(event.size)));
  }
  apply_event(event, ImGui::GetIO(), latch_);
}

void SfmlPlatform::new_frame(float dt_seconds) {
  ImGuiIO& io = ImGui::GetIO();
  const sf::Vector2u size = window_.getSize();
  io.DisplaySize = ImVec2(static_cast<float>(size.x), static_cast<float>(size.y));
  io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
  io.DeltaTime = clamp_delta_time(dt_seconds);
  update_mouse_buttons(io, latch_);
  update_cursor();
  ImGui_ImplOpenGL2_NewFrame();
  ImGui::NewFrame();
}

void SfmlPlatform::render() {
  ImGui::Render();
  window_.pushGLStates();
  glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_FALSE);  // keep the framebuffer opaque
  ImGui_ImplOpenGL2_RenderDrawData(ImGui::GetDrawData());
  glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
  window_.popGLStates();
}

const FontSet& SfmlPlatform::rebuild_fonts(const FontSizes& sizes) {
  ImGuiIO& io = ImGui::GetIO();
  ImGui_ImplOpenGL2_DestroyFontsTexture();
  fonts_ = build_fonts(*io.Fonts, sizes, default_font_dir());
  io.FontDefault = fonts_.body;
  ImGui_ImplOpenGL2_CreateFontsTexture();
  return fonts_;
}

bool SfmlPlatform::save_screenshot(const std::string& path) const {
  sf::Texture texture;
  const sf::Vector2u size = window_.getSize();
  if (!texture.create(size.x, size.y)) return false;
  texture.update(window_);
  return texture.copyToImage().saveToFile(path);
}

void SfmlPlatform::close() {
  if (!open_) return;
  open_ = false;
  (void)window_.setActive(true);
  ImGui_ImplOpenGL2_Shutdown();
  window_.close();
  for (auto& cursor : cursors_) cursor.reset();  // only after the window is closed
  ImGui::DestroyContext();
}

void SfmlPlatform::update_cursor() {
  const ImGuiIO& io = ImGui::GetIO();
  if ((io.ConfigFlags & ImGuiConfigFlags_NoMouseCursorChange) != 0) return;
  const int wanted = io.MouseDrawCursor ? ImGuiMouseCursor_None : ImGui::GetMouseCursor();
  if (wanted == last_cursor_) return;
  last_cursor_ = wanted;
  window_.setMouseCursorVisible(wanted != ImGuiMouseCursor_None);
  if (wanted < 0) return;
  const auto index = static_cast<std::size_t>(wanted);
  const sf::Cursor* cursor = index < cursors_.size() ? cursors_[index].get() : nullptr;
  if (cursor == nullptr) cursor = cursors_[0].get();
  if (cursor != nullptr) window_.setMouseCursor(*cursor);
}

}  // namespace treatysim::gui::platform
