// tournament_charts.hpp — the tournament panel's charts drawn straight into ImGui 1.86 draw lists:
// the ranking (mean-utility bars with 95% confidence-interval whiskers, best first, significant
// adjacent differences marked) and the pairwise payoff heatmap (colour legend, values in the cells
// when they fit, a tooltip per cell); and the helpers the panel's other parts share (competitor
// colours, section titles). Every number comes from the open file (gui/logic/tournament_view.hpp).
#pragma once

#include <cstddef>
#include <string>

#include "gui/app/app_context.hpp"
#include "gui/logic/colors.hpp"
#include "gui/logic/tournament_view.hpp"

namespace treatysim::gui {

// Muted text colour of captions and notes.
inline constexpr Rgba kTournamentMuted{0x9a, 0xa0, 0xaa, 255};

// The colour of competitor `index` (its position in the payoff matrix): the same competitor has
// the same colour in every chart; a categorical palette of 16 colours readable on the dark theme.
[[nodiscard]] Rgba strategy_color(std::size_t index) noexcept;

// printf-formats one number (e.g. "%.3f").
[[nodiscard]] std::string format_number(const char* pattern, double value);

// A bold section title with a muted caption beside it ("" for none).
void section_title(const AppContext& ctx, const char* title, const std::string& caption);

// Muted, wrapped text (notes and explanations).
void muted_wrapped(const std::string& text);

// The ranking chart, filling the space left in the current window (nothing without a ranking).
void draw_tournament_ranking(AppContext& ctx, const TournamentData& data);

// The pairwise payoff heatmap with its colour legend, filling the space left in the window.
void draw_tournament_heatmap(AppContext& ctx, const TournamentData& data);

}  // namespace treatysim::gui
