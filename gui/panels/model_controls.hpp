// model_controls.hpp — the opponent-model section of the side panels (Simulate and Replay: the
// controls; Play: the human-play panel): for each side whose agent has an opponent model, a
// toggle that draws its estimate of the other side beside the truth in the outcome space
// (AppContext::shown_estimate), and one that turns the rounds panel into the models' accuracy
// over rounds (AppContext::show_accuracy). Nothing is drawn when no agent has a model.
#pragma once

#include "gui/app/app_context.hpp"

namespace treatysim::gui {

// Draws the section into the current ImGui window (requires a scenario).
void draw_model_controls(AppContext& ctx);

}  // namespace treatysim::gui
