#include "gui/app/theme.hpp"

#include <imgui.h>

namespace treatysim::gui {

namespace {

ImVec4 rgb(int r, int g, int b, float a = 1.0f) {
  return ImVec4(static_cast<float>(r) / 255.0f, static_cast<float>(g) / 255.0f,
                static_cast<float>(b) / 255.0f, a);
}

void dark_colors(ImVec4* c) {
  c[ImGuiCol_Text] = rgb(0xe6, 0xe8, 0xec);
  c[ImGuiCol_TextDisabled] = rgb(0x8a, 0x90, 0x9c);
  c[ImGuiCol_WindowBg] = rgb(0x22, 0x25, 0x2c);
  c[ImGuiCol_ChildBg] = rgb(0x22, 0x25, 0x2c, 0.0f);
  c[ImGuiCol_PopupBg] = rgb(0x1a, 0x1c, 0x22, 0.97f);
  c[ImGuiCol_Border] = rgb(0x3a, 0x3f, 0x4a);
  c[ImGuiCol_BorderShadow] = rgb(0, 0, 0, 0.0f);
  c[ImGuiCol_FrameBg] = rgb(0x30, 0x34, 0x3e);
  c[ImGuiCol_FrameBgHovered] = rgb(0x3b, 0x41, 0x4e);
  c[ImGuiCol_FrameBgActive] = rgb(0x45, 0x4c, 0x5c);
  c[ImGuiCol_TitleBg] = rgb(0x2a, 0x2e, 0x37);
  c[ImGuiCol_TitleBgActive] = rgb(0x2a, 0x2e, 0x37);
  c[ImGuiCol_TitleBgCollapsed] = rgb(0x2a, 0x2e, 0x37);
  c[ImGuiCol_MenuBarBg] = rgb(0x1b, 0x1d, 0x23);
  c[ImGuiCol_ScrollbarBg] = rgb(0x22, 0x25, 0x2c);
  c[ImGuiCol_ScrollbarGrab] = rgb(0x45, 0x4b, 0x58);
  c[ImGuiCol_ScrollbarGrabHovered] = rgb(0x55, 0x5c, 0x6b);
  c[ImGuiCol_ScrollbarGrabActive] = rgb(0x65, 0x6d, 0x7e);
  c[ImGuiCol_CheckMark] = rgb(0x7a, 0xa7, 0xf0);
  c[ImGuiCol_SliderGrab] = rgb(0x6c, 0x8f, 0xd6);
  c[ImGuiCol_SliderGrabActive] = rgb(0x8a, 0xaa, 0xf0);
  c[ImGuiCol_Button] = rgb(0x34, 0x39, 0x45);
  c[ImGuiCol_ButtonHovered] = rgb(0x41, 0x4f, 0x6e);
  c[ImGuiCol_ButtonActive] = rgb(0x3d, 0x5c, 0xa8);
  c[ImGuiCol_Header] = rgb(0x3d, 0x5c, 0xa8, 0.75f);
  c[ImGuiCol_HeaderHovered] = rgb(0x41, 0x4f, 0x6e);
  c[ImGuiCol_HeaderActive] = rgb(0x3d, 0x5c, 0xa8);
  c[ImGuiCol_Separator] = rgb(0x3a, 0x3f, 0x4a);
  c[ImGuiCol_SeparatorHovered] = rgb(0x6c, 0x8f, 0xd6);
  c[ImGuiCol_SeparatorActive] = rgb(0x8a, 0xaa, 0xf0);
  c[ImGuiCol_ResizeGrip] = rgb(0, 0, 0, 0.0f);
  c[ImGuiCol_ResizeGripHovered] = rgb(0x6c, 0x8f, 0xd6);
  c[ImGuiCol_ResizeGripActive] = rgb(0x8a, 0xaa, 0xf0);
  c[ImGuiCol_Tab] = rgb(0x34, 0x39, 0x45);
  c[ImGuiCol_TabHovered] = rgb(0x41, 0x4f, 0x6e);
  c[ImGuiCol_TabActive] = rgb(0x3d, 0x5c, 0xa8);
  c[ImGuiCol_PlotLines] = rgb(0xc8, 0xcc, 0xd4);
  c[ImGuiCol_PlotHistogram] = rgb(0xe8, 0xc3, 0x4a);
  c[ImGuiCol_TableHeaderBg] = rgb(0x2a, 0x2e, 0x37);
  c[ImGuiCol_TableBorderStrong] = rgb(0x3a, 0x3f, 0x4a);
  c[ImGuiCol_TableBorderLight] = rgb(0x30, 0x34, 0x3e);
  c[ImGuiCol_TableRowBg] = rgb(0, 0, 0, 0.0f);
  c[ImGuiCol_TableRowBgAlt] = rgb(0xff, 0xff, 0xff, 0.03f);
  c[ImGuiCol_TextSelectedBg] = rgb(0x3d, 0x5c, 0xa8, 0.6f);
  c[ImGuiCol_NavHighlight] = rgb(0x8a, 0xaa, 0xf0);
  c[ImGuiCol_ModalWindowDimBg] = rgb(0, 0, 0, 0.55f);
}

// High contrast: near-black panels, white text, saturated controls, visible borders.
void presenter_colors(ImVec4* c) {
  dark_colors(c);
  c[ImGuiCol_Text] = rgb(0xff, 0xff, 0xff);
  c[ImGuiCol_TextDisabled] = rgb(0xc0, 0xc4, 0xcc);
  c[ImGuiCol_WindowBg] = rgb(0x0b, 0x0c, 0x0f);
  c[ImGuiCol_PopupBg] = rgb(0x10, 0x11, 0x15, 0.98f);
  c[ImGuiCol_Border] = rgb(0x80, 0x86, 0x92);
  c[ImGuiCol_TitleBg] = rgb(0x1c, 0x1f, 0x27);
  c[ImGuiCol_TitleBgActive] = rgb(0x1c, 0x1f, 0x27);
  c[ImGuiCol_FrameBg] = rgb(0x24, 0x28, 0x32);
  c[ImGuiCol_Button] = rgb(0x2a, 0x30, 0x3e);
  c[ImGuiCol_ButtonHovered] = rgb(0x3a, 0x5a, 0xb0);
  c[ImGuiCol_ButtonActive] = rgb(0x4a, 0x72, 0xe0);
  c[ImGuiCol_MenuBarBg] = rgb(0x00, 0x00, 0x00);
}

}  // namespace

void apply_theme(ImGuiStyle& style, bool presenter, float ui_scale) {
  style = ImGuiStyle();
  style.WindowPadding = ImVec2(10, 8);
  style.FramePadding = ImVec2(8, 4);
  style.ItemSpacing = ImVec2(8, 6);
  style.ItemInnerSpacing = ImVec2(6, 4);
  style.WindowRounding = 3.0f;
  style.ChildRounding = 3.0f;
  style.FrameRounding = 3.0f;
  style.PopupRounding = 3.0f;
  style.GrabRounding = 3.0f;
  style.TabRounding = 3.0f;
  style.ScrollbarSize = 12.0f;
  style.WindowBorderSize = presenter ? 2.0f : 1.0f;
  style.FrameBorderSize = presenter ? 1.0f : 0.0f;
  style.WindowTitleAlign = ImVec2(0.0f, 0.5f);
  style.AntiAliasedLinesUseTex = true;
  style.ScaleAllSizes(ui_scale);
  if (presenter) {
    presenter_colors(style.Colors);
  } else {
    dark_colors(style.Colors);
  }
}

ClearColor clear_color(bool presenter) noexcept {
  return presenter ? ClearColor{0x00, 0x00, 0x00} : ClearColor{0x17, 0x19, 0x1e};
}

}  // namespace treatysim::gui
