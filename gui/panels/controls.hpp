// controls.hpp — the controls panel: scenario picker (configs/ files) and open-file field
// (scenarios and saved traces), each party's strategy and its parameters (widgets generated
// from the strategy registry's ParameterInfo: sliders for bounded numbers, integer fields,
// choice combos, spec text), seed, deadline, play / pause / step / step back / reset, speed,
// save trace and save screenshot. Bad input opens the error dialog (ctx.report_error) with the
// engine's message and leaves the session as it was.
#pragma once

#include "gui/app/app_context.hpp"

namespace treatysim::gui {

// Draws the panel into the current ImGui window (works without a scenario: it opens one).
void draw_controls(AppContext& ctx);

}  // namespace treatysim::gui
