#include "gui/logic/clause_fit.hpp"

#include <algorithm>
#include <numeric>

namespace treatysim::gui {

std::vector<int> fit_row_lines(const std::vector<RowLines>& rows, double line_height,
                               double spare) {
  std::vector<int> given(rows.size(), 1);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    given[i] = std::max(1, std::min(rows[i].needed, std::max(1, rows[i].free)));
  }
  if (!(line_height > 0.0)) return given;
  const auto missing = [&](std::size_t i) { return std::max(0, rows[i].needed - given[i]); };
  // Whole rows first, the ones missing the fewest lines first.
  std::vector<std::size_t> order(rows.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return missing(a) < missing(b); });
  for (const std::size_t i : order) {
    const double cost = missing(i) * line_height;
    if (missing(i) > 0 && cost <= spare) {
      spare -= cost;
      given[i] = rows[i].needed;
    }
  }
  // Then a line at a time to the rows still cut, in turn.
  bool gave = true;
  while (gave && spare >= line_height) {
    gave = false;
    for (std::size_t i = 0; i < rows.size() && spare >= line_height; ++i) {
      if (missing(i) == 0) continue;
      ++given[i];
      spare -= line_height;
      gave = true;
    }
  }
  return given;
}

}  // namespace treatysim::gui
