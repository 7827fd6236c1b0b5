// Which panel functions exist (gui/panels/<name>.hpp, written by GB and GC) and calling them by
// PanelId.
#pragma once

#include "gui/app/app_context.hpp"
#include "gui/logic/layout.hpp"

namespace treatysim::gui {

/// The panels whose draw functions are linked into this build.
[[nodiscard]] PanelSet wired_panels() noexcept;

/// Calls the panel's draw function (into the current ImGui window); nothing for panels not in
/// wired_panels().
void draw_panel(PanelId id, AppContext& ctx);

/// Whether the panel needs a loaded scenario to draw anything (the controls do not: they open
/// one).
[[nodiscard]] bool panel_needs_scenario(PanelId id) noexcept;

}  // namespace treatysim::gui
