#include "gui/platform/fonts.hpp"

#include <filesystem>

#include <imgui.h>

namespace treatysim::gui::platform {

namespace {

// Basic Latin + Latin-1, Latin Extended-A, general punctuation (– — ‘ ’ “ ” • …), arrows,
// mathematical operators (− ≤ ≥ ≈) and geometric shapes (▲ ▶ ● ◆). Zero-terminated pairs.
constexpr ImWchar kGlyphRanges[] = {0x0020, 0x017F, 0x2010, 0x205E, 0x2190, 0x21FF,
                                    0x2200, 0x22FF, 0x25A0, 0x25FF, 0};

ImFont* add_font(ImFontAtlas& atlas, const std::filesystem::path& file, float size) {
  ImFontConfig config;
  config.OversampleH = 2;
  config.OversampleV = 1;
  config.PixelSnapH = true;
  return atlas.AddFontFromFileTTF(file.string().c_str(), size, &config, kGlyphRanges);
}

}  // namespace

FontSizes font_sizes(bool presenter) noexcept {
  if (presenter) return {.body = 30.0f, .small = 28.0f, .heading = 36.0f, .bold = 30.0f};
  return {.body = 15.0f, .small = 13.0f, .heading = 17.0f, .bold = 15.0f};
}

std::string default_font_dir() {
  return TREATYSIM_FONT_DIR;
}

FontSet build_fonts(ImFontAtlas& atlas, const FontSizes& sizes, const std::string& font_dir) {
  atlas.Clear();
  const std::filesystem::path dir(font_dir);
  const auto regular = dir / "DejaVuSans.ttf";
  const auto bold = dir / "DejaVuSans-Bold.ttf";
  std::error_code error;
  FontSet set;
  if (std::filesystem::is_regular_file(regular, error) &&
      std::filesystem::is_regular_file(bold, error)) {
    set.body = add_font(atlas, regular, sizes.body);
    set.small = add_font(atlas, regular, sizes.small);
    set.heading = add_font(atlas, bold, sizes.heading);
    set.bold = add_font(atlas, bold, sizes.bold);
  }
  if (set.body == nullptr || set.small == nullptr || set.heading == nullptr ||
      set.bold == nullptr) {
    atlas.Clear();
    ImFontConfig config;
    config.SizePixels = 13.0f;
    ImFont* font = atlas.AddFontDefault(&config);
    set = FontSet{.body = font,
                  .small = font,
                  .heading = font,
                  .bold = font,
                  .fallback = true,
                  .warning = "fonts: " + regular.string() + " or " + bold.string() +
                             " not found (install fonts-dejavu-core); using ImGui's built-in font"};
  }
  atlas.Build();
  return set;
}

}  // namespace treatysim::gui::platform
