// plot_math: data <-> pixel mapping, nice ticks, decimation, density grids, legend rows.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include "gui/logic/plot_math.hpp"

using treatysim::gui::decimate;
using treatysim::gui::DensityGrid;
using treatysim::gui::nice_ticks;
using treatysim::gui::PlotRect;
using treatysim::gui::PlotTransform;
using treatysim::gui::SeriesPoint;
using treatysim::gui::Vec2d;

TEST_CASE("PlotTransform maps the data corners to the pixel corners with y up") {
  const PlotTransform t(PlotRect{{0.0, 0.0}, {1.0, 1.0}}, PlotRect{{10.0, 20.0}, {110.0, 220.0}});
  CHECK(t.to_pixel({0.0, 0.0}) == Vec2d{10.0, 220.0});  // bottom left
  CHECK(t.to_pixel({1.0, 1.0}) == Vec2d{110.0, 20.0});  // top right
  CHECK(t.to_pixel({0.5, 0.25}) == Vec2d{60.0, 170.0});
  CHECK(t.to_data({60.0, 170.0}) == Vec2d{0.5, 0.25});
}

TEST_CASE("PlotTransform round-trips data -> pixel -> data for any point") {
  boost::random::mt19937 rng(7);
  boost::random::uniform_real_distribution<double> u(-3.0, 3.0);
  for (int trial = 0; trial < 200; ++trial) {
    const Vec2d corner{u(rng), u(rng)};
    const PlotRect d{corner,
                     {corner.x + 0.1 + std::abs(u(rng)), corner.y + 0.1 + std::abs(u(rng))}};
    const PlotRect pixels{{u(rng) * 100.0, u(rng) * 100.0}, {400.0 + u(rng), 500.0 + u(rng)}};
    const PlotTransform t(d, pixels);
    const Vec2d p{u(rng), u(rng)};
    const Vec2d back = t.to_data(t.to_pixel(p));
    CHECK(back.x == doctest::Approx(p.x).epsilon(1e-9));
    CHECK(back.y == doctest::Approx(p.y).epsilon(1e-9));
  }
}

TEST_CASE("PlotTransform widens a degenerate data range around its value") {
  const PlotTransform t(PlotRect{{0.4, 0.4}, {0.4, 0.4}}, PlotRect{{0.0, 0.0}, {100.0, 100.0}});
  CHECK(t.to_pixel({0.4, 0.4}) == Vec2d{50.0, 50.0});
  CHECK(t.data().min.x == doctest::Approx(-0.1));
  CHECK(t.data().max.y == doctest::Approx(0.9));
}

TEST_CASE("nice_ticks picks multiples of 1, 2 or 5 times a power of ten") {
  const std::vector<double> unit = nice_ticks(0.0, 1.0, 5);
  REQUIRE(unit.size() == 6);
  for (std::size_t i = 0; i < unit.size(); ++i) {
    CHECK(unit[i] == doctest::Approx(0.2 * static_cast<double>(i)).epsilon(1e-12));
  }
  CHECK(nice_ticks(0.0, 40.0, 5) == std::vector<double>{0.0, 10.0, 20.0, 30.0, 40.0});
  const std::vector<double> inner = nice_ticks(0.13, 0.87, 4);
  REQUIRE(inner.size() == 4);
  CHECK(inner.front() == doctest::Approx(0.2));
  CHECK(inner.back() == doctest::Approx(0.8));
  CHECK(nice_ticks(2.0, 2.0, 5) == std::vector<double>{2.0});
  CHECK(nice_ticks(3.0, 2.0, 5).empty());
}

TEST_CASE("nice_ticks: every tick inside the range, evenly spaced, at least two") {
  boost::random::mt19937 rng(11);
  boost::random::uniform_real_distribution<double> u(-1000.0, 1000.0);
  for (int trial = 0; trial < 300; ++trial) {
    double lo = u(rng);
    double hi = u(rng);
    if (lo > hi) std::swap(lo, hi);
    if (hi - lo < 1e-6) continue;
    const int count = 2 + trial % 8;
    const std::vector<double> ticks = nice_ticks(lo, hi, count);
    REQUIRE(ticks.size() >= 2);
    const double step = ticks[1] - ticks[0];
    for (std::size_t i = 0; i < ticks.size(); ++i) {
      CHECK(ticks[i] >= lo - 1e-9 * std::abs(step));
      CHECK(ticks[i] <= hi + 1e-9 * std::abs(step));
      if (i > 0) CHECK(ticks[i] - ticks[i - 1] == doctest::Approx(step).epsilon(1e-9));
    }
  }
}

TEST_CASE("decimate returns a short series unchanged") {
  std::vector<SeriesPoint> series;
  for (int i = 0; i < 40; ++i) series.push_back({static_cast<double>(i), std::sin(i)});
  CHECK(decimate(series, 10) == series);  // 40 <= 4 * 10
}

TEST_CASE("decimate keeps extremes, ends and order, and bounds the output size") {
  boost::random::mt19937 rng(3);
  boost::random::uniform_real_distribution<double> u(0.0, 1.0);
  for (const std::size_t n : {1000U, 20000U, 100000U}) {
    std::vector<SeriesPoint> series;
    for (std::size_t i = 0; i < n; ++i) series.push_back({static_cast<double>(i), u(rng)});
    series[n / 3].y = 5.0;   // a spike
    series[n / 2].y = -4.0;  // a dip
    for (const std::size_t buckets : {1U, 7U, 300U}) {
      const std::vector<SeriesPoint> out = decimate(series, buckets);
      CHECK(out.size() <= 4 * buckets);
      CHECK(out.front() == series.front());
      CHECK(out.back() == series.back());
      CHECK(std::any_of(out.begin(), out.end(), [](const SeriesPoint& p) { return p.y == 5.0; }));
      CHECK(std::any_of(out.begin(), out.end(), [](const SeriesPoint& p) { return p.y == -4.0; }));
      // A subsequence: x strictly increasing (the input's x are distinct and increasing).
      for (std::size_t i = 1; i < out.size(); ++i) CHECK(out[i].x > out[i - 1].x);
    }
  }
}

TEST_CASE("DensityGrid counts every point once, clamping points outside into edge cells") {
  DensityGrid grid(PlotRect{{0.0, 0.0}, {1.0, 1.0}}, 4, 2);
  boost::random::mt19937 rng(5);
  boost::random::uniform_real_distribution<double> u(-0.2, 1.2);
  const int n = 5000;
  for (int i = 0; i < n; ++i) grid.add({u(rng), u(rng)});
  std::uint64_t sum = 0;
  std::uint32_t largest = 0;
  for (std::size_t r = 0; r < grid.rows(); ++r) {
    for (std::size_t c = 0; c < grid.columns(); ++c) {
      sum += grid.count(c, r);
      largest = std::max(largest, grid.count(c, r));
    }
  }
  CHECK(sum == n);
  CHECK(grid.total() == n);
  CHECK(grid.max_count() == largest);
}

TEST_CASE("DensityGrid: cells by hand, row 0 at the bottom, intensity 1 at the fullest cell") {
  DensityGrid grid(PlotRect{{0.0, 0.0}, {2.0, 1.0}}, 2, 2);
  grid.add({0.5, 0.25});  // column 0, row 0
  grid.add({1.5, 0.75});  // column 1, row 1
  grid.add({1.6, 0.9});   // column 1, row 1
  CHECK(grid.count(0, 0) == 1);
  CHECK(grid.count(1, 1) == 2);
  CHECK(grid.count(1, 0) == 0);
  CHECK(grid.intensity(1, 1) == doctest::Approx(1.0));
  CHECK(grid.intensity(0, 0) == doctest::Approx(std::log(2.0) / std::log(3.0)));
  CHECK(grid.intensity(1, 0) == 0.0);
  const PlotRect cell = grid.cell(1, 0);
  CHECK(cell.min == Vec2d{1.0, 0.0});
  CHECK(cell.max == Vec2d{2.0, 0.5});
}

TEST_CASE("flow_rows wraps items left to right, an oversized item alone on its row") {
  using treatysim::gui::flow_rows;
  using treatysim::gui::FlowSlot;
  // Widths 100, 120, 90 with gap 10 in 250 px: 0..100, 110..230, then 240+90 > 250 wraps.
  auto slots = flow_rows({100.0, 120.0, 90.0}, 250.0, 10.0);
  REQUIRE(slots.size() == 3);
  CHECK(slots[0].row == 0);
  CHECK(slots[0].x == 0.0);
  CHECK(slots[1].row == 0);
  CHECK(slots[1].x == 110.0);
  CHECK(slots[2].row == 1);
  CHECK(slots[2].x == 0.0);
  // An item wider than the space starts its own row and the next one starts another.
  slots = flow_rows({50.0, 400.0, 50.0}, 250.0, 10.0);
  CHECK(slots[0].row == 0);
  CHECK(slots[1].row == 1);
  CHECK(slots[1].x == 0.0);
  CHECK(slots[2].row == 2);
  CHECK(flow_rows({}, 250.0, 10.0).empty());
  // Property: no item but a row's first starts past the space, and rows never go back.
  const std::vector<double> widths{30, 70, 20, 90, 10, 60, 40, 80, 50, 100};
  slots = flow_rows(widths, 200.0, 8.0);
  for (std::size_t i = 0; i < slots.size(); ++i) {
    if (slots[i].x > 0.0) CHECK(slots[i].x + widths[i] <= 200.0);
    if (i > 0) CHECK(slots[i].row >= slots[i - 1].row);
  }
}

TEST_CASE("legend beside a wide, short plot; under a tall one") {
  using treatysim::gui::legend_side;
  using treatysim::gui::LegendSide;
  // Presenter mode at 1280×800: a 736 × 330 px area, the legend 81 px in rows under it (a 736 ×
  // 249 plot, 249 its smaller side) or a 332 px column (404 × 330: 330): beside.
  CHECK(legend_side(736.0, 330.0, 81.0, 332.0, 156.0) == LegendSide::kRight);
  // The normal window: 606 × 440 px, 40 px under it (606 × 400: 400) or a 240 px column (366 ×
  // 440: 366): under.
  CHECK(legend_side(606.0, 440.0, 40.0, 240.0, 110.0) == LegendSide::kBelow);
  // A column taller than the area never goes beside.
  CHECK(legend_side(900.0, 100.0, 60.0, 200.0, 150.0) == LegendSide::kBelow);
  // Ties go under.
  CHECK(legend_side(500.0, 500.0, 100.0, 100.0, 50.0) == LegendSide::kBelow);
}

TEST_CASE("a marker's label on its left, or on its right at the plot's left edge") {
  using treatysim::gui::side_label_x;
  // Room on the left: 300 − 12 − 80 = 208 ≥ 100.
  CHECK(side_label_x(300.0, 12.0, 80.0, 100.0, 700.0) == 208.0);
  // An agreement at x = 130: 130 − 15 − 70 < 100, so right of it at 145.
  CHECK(side_label_x(130.0, 15.0, 70.0, 100.0, 700.0) == 145.0);
  // Room on neither side: against the left edge.
  CHECK(side_label_x(150.0, 15.0, 300.0, 100.0, 400.0) == 100.0);
}

TEST_CASE("reservation labels by their lines, inside the plot, apart") {
  using treatysim::gui::PlotRect;
  using treatysim::gui::reservation_labels;
  const PlotRect plot{{100.0, 50.0}, {500.0, 450.0}};
  // sta-2024: the U.S. line at x = 260, China's at y = 370: the U.S. label at the foot of its
  // line (450 − 13 − 3 = 434), China's above its line at the left (370 − 16 = 354).
  auto at = reservation_labels(plot, 260.0, 370.0, 120.0, 130.0, 13.0, 3.0);
  CHECK(at.first.x == 263.0);
  CHECK(at.first.y == 434.0);
  CHECK(at.second.x == 103.0);
  CHECK(at.second.y == 354.0);
  // A U.S. line near the right edge: its label goes left of the line (480 − 3 − 120 = 357).
  at = reservation_labels(plot, 480.0, 370.0, 120.0, 130.0, 13.0, 3.0);
  CHECK(at.first.x == 357.0);
  // A label fitting on neither side of its line: against the right edge (500 − 270 = 230).
  at = reservation_labels(plot, 260.0, 370.0, 270.0, 130.0, 13.0, 3.0);
  CHECK(at.first.x == 230.0);
  // China's line at the top: its label goes under the line.
  at = reservation_labels(plot, 260.0, 55.0, 120.0, 130.0, 13.0, 3.0);
  CHECK(at.second.y == 58.0);
  // Split the pie: both reservations 0, both labels in the bottom-left corner; the U.S. one
  // moves above China's (434 − 13 − 3 = 418).
  at = reservation_labels(plot, 100.0, 450.0, 120.0, 130.0, 13.0, 3.0);
  CHECK(at.second.y == 434.0);
  CHECK(at.first.y == 418.0);
}
