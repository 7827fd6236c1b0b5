// clause_fit.hpp — how many lines of text each row of the clause board gets when the board must
// fit its panel's height (presenter mode at 1280×800): as many rows as possible show their
// clauses whole, the others as many lines as are left, cut with "…" (whole on hover).
#pragma once

#include <vector>

namespace treatysim::gui {

/// What one row of the board needs.
struct RowLines {
  int needed = 1;  ///< Lines its longest cell takes when wrapped whole.
  int free = 1;    ///< Lines the row holds anyway (its issue label may make it that tall).
};

/// The lines each row gets, given `spare` pixels beyond the board's height with every row at
/// max(1, free) lines and `line_height` pixels per further line. Rows needing no more than
/// they hold get what they need, at no cost. Then, fewest missing lines first (ties: the first
/// row), each row that can be made whole within the spare height is; what is left goes one line
/// at a time to the rows still cut, in turn from the first. Never fewer than one line a row.
[[nodiscard]] std::vector<int> fit_row_lines(const std::vector<RowLines>& rows, double line_height,
                                             double spare);

}  // namespace treatysim::gui
