// clause_board.hpp — the clauses on the table: the issues as rows, each side's current proposal
// (its latest offer) side by side with option labels, each clause coloured by what it is worth to
// the side proposing it (the option's value in the scenario), the clauses changed since that
// side's previous offer outlined, and what each proposal is worth to both sides.
#pragma once

#include "gui/app/app_context.hpp"

namespace treatysim::gui {

// Draws the panel into the current ImGui window (requires a scenario).
void draw_clause_board(AppContext& ctx);

}  // namespace treatysim::gui
