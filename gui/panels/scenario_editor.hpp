// scenario_editor.hpp — the scenario editor panel (Edit mode): a slider for every issue weight,
// option value and reservation value of each party; undo / redo (also Ctrl+Z / Ctrl+Y); Save as.
//
// Every change goes through the editor model (gui/logic/scenario_editor.hpp), which has the
// engine build a new validated scenario; the panel hands it to Session::set_scenario at once, so
// the outcome space, the frontier and the solutions move while the slider is dragged.
//
// Stable widget IDs (for scripted tests), window "Scenario editor": buttons "Undo", "Redo",
// "Save as"; the path field "##save-path"; the tab bar "##parties" with one tab per party
// "###party-<i>" holding a table "##sliders" with "##reservation", and per issue (PushID issue
// id) "##weight" and per option (PushID option id) "##value". A script path for the U.S. scope
// weight: click_item "Scenario editor" "##parties" "###party-0" "##sliders" "scope" "##weight".
#pragma once

#include "gui/app/app_context.hpp"

namespace treatysim::gui {

// Draws the scenario editor into the current ImGui window.
void draw_scenario_editor(AppContext& ctx);

}  // namespace treatysim::gui
