// timeline.hpp — the treaty timeline panel: the treaty's states as coloured bands with year
// ticks, events as labelled markers (labels never overlap; hidden ones show on hover), the
// negotiations as a strip under the band (click one to open it in the panels above, in Replay
// mode), trust and cumulative discounted payoffs as curves, and the inject-event controls.
//
// All numbers come from the engine's simulate_lifecycle (gui/logic/lifecycle_view.hpp); the
// geometry from gui/logic/timeline_layout.hpp.
//
// Stable widget IDs (window "Treaty timeline"): "##inject-kind" (combo), "##inject-month"
// (slider), "Inject", "###clear-injected", "##life-seed", "##timeline-canvas" (the drawing; a
// click on a negotiation opens it, elsewhere it sets the injection month), "###back" (back to the
// treaty's scenario after opening one of its negotiations).
#pragma once

#include "gui/app/app_context.hpp"

namespace treatysim::gui {

// Draws the treaty timeline into the current ImGui window.
void draw_timeline(AppContext& ctx);

}  // namespace treatysim::gui
