// human_play.hpp — the human play panel (Play mode): pick a side, build an offer clause by clause
// (or click a point in the outcome space), propose, accept or walk away; the agent answers after
// a short visible pause; a summary compares the deal with the Nash solution and the agent's best.
//
// Every utility shown comes from the engine (gui/logic/human_play.hpp). The other side's utility
// is shown only when the scenario declares complete information.
//
// Stable widget IDs (for scripted tests, window "Your move"): side buttons "###play-0" and
// "###play-1"; per clause (PushID issue id) one button per option labelled with the option id
// (e.g. click_item "Your move" "scope" "S1") — numeric issues with more than 8 levels use a
// slider "##level"; "###propose" (Propose / Reject and propose), "###accept", "###walk-away",
// "###new-game", "###stop", and the pause slider "##agent-pause".
#pragma once

#include "gui/app/app_context.hpp"

namespace treatysim::gui {

// Draws the human play panel into the current ImGui window.
void draw_human_play(AppContext& ctx);

}  // namespace treatysim::gui
