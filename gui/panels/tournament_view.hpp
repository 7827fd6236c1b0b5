// tournament_view.hpp — the tournament panel: a results folder, summary.json or payoff-matrix
// file opened from a path field; the ranking (mean utility bars with 95% confidence-interval
// whiskers, best first, significant adjacent differences marked); the pairwise payoff heatmap
// (colour legend, values in the cells when they fit, a tooltip per cell); the population shares
// over time (replicator dynamics, or the Moran process's mean shares) with their settings; and
// the meta-game's symmetric equilibria and each strategy's regret. Every number comes from the
// file or from the engine's evolve() (gui/logic/tournament_view.hpp).
#pragma once

#include "gui/app/app_context.hpp"

namespace treatysim::gui {

// Draws the panel into the current ImGui window (needs ctx.tournament; no scenario).
void draw_tournament_view(AppContext& ctx);

}  // namespace treatysim::gui
