// The clause board's lines per row (gui/logic/clause_fit.hpp), by hand.
#include <doctest/doctest.h>

#include <vector>

#include "gui/logic/clause_fit.hpp"

using treatysim::gui::fit_row_lines;
using treatysim::gui::RowLines;

TEST_CASE("clause fit: rows that fit whole cost nothing; whole rows first, fewest lines first") {
  // Presenter mode at 1280×800 (28 px lines): sta-2024's five rows, four needing a second line,
  // 58 px to spare: two rows can be made whole (2 × 28 = 56), in order.
  CHECK(fit_row_lines({{2, 1}, {2, 1}, {1, 1}, {2, 1}, {2, 1}}, 28.0, 58.0) ==
        std::vector<int>{2, 2, 1, 1, 1});
  // Missing 2, 1 and 3 lines of 20 px with 60 px: the second row (1 line), then the first
  // (2 lines) are made whole; the third stays at one line.
  CHECK(fit_row_lines({{3, 1}, {2, 1}, {4, 1}}, 20.0, 60.0) == std::vector<int>{3, 2, 1});
  // No row can be made whole with 50 px: a line each in turn, 2 × 20 px, 10 px left over.
  CHECK(fit_row_lines({{4, 1}, {5, 1}}, 20.0, 50.0) == std::vector<int>{2, 2});
  // With room for everything every row is whole.
  CHECK(fit_row_lines({{3, 1}, {1, 1}, {2, 1}}, 15.0, 1000.0) == std::vector<int>{3, 1, 2});
}

TEST_CASE("clause fit: lines a row holds anyway, never fewer than one line, no room") {
  // A row as tall as three lines (its label) shows its two lines at no cost.
  CHECK(fit_row_lines({{2, 3}, {3, 1}}, 20.0, 0.0) == std::vector<int>{2, 1});
  // A row holding two lines needing four gets two more with 40 px.
  CHECK(fit_row_lines({{4, 2}}, 20.0, 40.0) == std::vector<int>{4});
  // Negative spare (the board overflows anyway) and zero needs: one line each.
  CHECK(fit_row_lines({{3, 1}, {0, 0}}, 20.0, -100.0) == std::vector<int>{1, 1});
  CHECK(fit_row_lines({}, 20.0, 100.0).empty());
}

TEST_CASE("clause fit: the lines given never exceed the spare height (random rows)") {
  for (int seed = 1; seed <= 200; ++seed) {
    std::vector<RowLines> rows;
    unsigned state = static_cast<unsigned>(seed) * 2654435761U;
    const auto next = [&state](int n) {
      state = state * 1103515245U + 12345U;
      return static_cast<int>((state >> 16U) % static_cast<unsigned>(n));
    };
    const int count = 1 + next(8);
    for (int i = 0; i < count; ++i) rows.push_back({1 + next(5), 1 + next(3)});
    const double line = 10.0 + next(20);
    const double spare = next(200);
    const std::vector<int> given = fit_row_lines(rows, line, spare);
    double used = 0.0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      CHECK(given[i] >= 1);
      CHECK(given[i] <= std::max(rows[i].needed, 1));
      used += std::max(0, given[i] - std::max(1, rows[i].free)) * line;
    }
    CHECK(used <= spare);
  }
}
