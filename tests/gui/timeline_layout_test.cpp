// Timeline geometry: month ↔ x, year ticks, state bands, negotiation spans and hit tests, label
// placement without overlaps, and the running discounted payoff against the engine's total.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "agents/registry.hpp"
#include "engine/lifecycle/lifecycle.hpp"
#include "engine/model/scenario_toml.hpp"
#include "gui/logic/timeline_layout.hpp"

using treatysim::Month;
using treatysim::gui::LabelRequest;
using treatysim::gui::MonthAxis;

namespace {

// 2018-08 … 2029-08 (132 months) over x 100 … 760: 5 pixels per month.
MonthAxis sta_axis() {
  return MonthAxis{Month{2018, 8}, Month{2029, 8}, 100.0, 760.0};
}

treatysim::Scenario sta_scenario() {
  return treatysim::load_scenario_file(
      std::string(TREATYSIM_SOURCE_DIR) + "/configs/sta-2024.toml",
      treatysim::agents::spec_checker(treatysim::agents::builtin_registry()));
}

treatysim::LifecycleResult sta_life(const treatysim::Scenario& scenario = sta_scenario()) {
  return treatysim::simulate_lifecycle(scenario, 2024, treatysim::agents::builtin_registry());
}

}  // namespace

TEST_CASE("month axis maps months to pixels and back") {
  const MonthAxis axis = sta_axis();
  CHECK(axis.month_width() == 5.0);
  CHECK(axis.x_of(Month{2018, 8}) == 100.0);
  CHECK(axis.x_of(Month{2019, 1}) == 125.0);  // 5 months in
  CHECK(axis.x_of(Month{2029, 8}) == 760.0);
  CHECK(axis.x_at(1.5) == 107.5);
  CHECK(axis.month_at(127.0) == Month{2019, 1});
  CHECK(axis.month_at(124.99) == Month{2018, 12});
  CHECK(axis.month_at(-50.0) == Month{2018, 8});
  CHECK(axis.month_at(10000.0) == Month{2029, 7});
  for (int k = 0; k < 132; ++k) {
    const Month m = Month{2018, 8}.plus(k);
    REQUIRE(axis.month_at(axis.x_of(m) + 2.5) == m);
  }
}

TEST_CASE("year ticks at each January, labels thinned to keep their spacing") {
  const MonthAxis axis = sta_axis();  // 60 pixels per year
  const auto every_year = treatysim::gui::year_ticks(axis, 50.0);
  REQUIRE(every_year.size() == 11);  // 2019 … 2029
  CHECK(every_year.front().year == 2019);
  CHECK(every_year.front().x == 125.0);
  CHECK(every_year.back().year == 2029);
  for (const auto& tick : every_year) CHECK(tick.labelled);
  const auto every_second = treatysim::gui::year_ticks(axis, 100.0);
  REQUIRE(every_second.size() == 11);
  for (const auto& tick : every_second) CHECK(tick.labelled == (tick.year % 2 == 0));
  const auto every_fifth = treatysim::gui::year_ticks(axis, 200.0);
  for (const auto& tick : every_fifth) CHECK(tick.labelled == (tick.year % 5 == 0));
}

TEST_CASE("labels are placed without overlapping, in rows, inside the bounds") {
  // Widths 40: [80,120] in row 0; the second (anchor 120 → [100,140]) would overlap: row 1; the
  // third is far away: row 0 again, at [280,320].
  const std::vector<LabelRequest> requests{{100.0, 40.0}, {120.0, 40.0}, {300.0, 40.0}};
  const auto placed = treatysim::gui::place_labels(requests, 0.0, 1000.0, 4.0, 3);
  REQUIRE(placed.size() == 3);
  CHECK(placed[0].x == 80.0);
  CHECK(placed[0].row == 0);
  CHECK(placed[1].x == 100.0);
  CHECK(placed[1].row == 1);
  CHECK(placed[2].x == 280.0);
  CHECK(placed[2].row == 0);
  for (const auto& p : placed) CHECK(p.shown);

  // Clamped into [0, 200]: anchor 5 → left edge 0; anchor 195 → left edge 160.
  const auto edge = treatysim::gui::place_labels({{5.0, 40.0}, {195.0, 40.0}}, 0.0, 200.0, 4.0, 1);
  CHECK(edge[0].x == 0.0);
  CHECK(edge[1].x == 160.0);

  // With shifts allowed, the row needing the smallest shift wins: row 1 needs none.
  const auto free_row = treatysim::gui::place_labels(requests, 0.0, 1000.0, 4.0, 3, 30.0);
  CHECK(free_row[1].row == 1);
  CHECK(free_row[1].x == 100.0);
  // One row: shifting right by 120 + 4 − 100 = 24 pixels keeps the label in it…
  const auto shifted = treatysim::gui::place_labels(requests, 0.0, 1000.0, 4.0, 1, 30.0);
  CHECK(shifted[1].shown);
  CHECK(shifted[1].x == 124.0);
  CHECK(shifted[2].x == 280.0);
  // …but a shift of at most 20 is not enough.
  const auto not_enough = treatysim::gui::place_labels(requests, 0.0, 1000.0, 4.0, 1, 20.0);
  CHECK_FALSE(not_enough[1].shown);

  // One row only: the overlapping label is hidden.
  const auto one_row = treatysim::gui::place_labels(requests, 0.0, 1000.0, 4.0, 1);
  CHECK(one_row[0].shown);
  CHECK_FALSE(one_row[1].shown);
  CHECK(one_row[2].shown);
}

TEST_CASE("placed labels never overlap (random requests)") {
  std::mt19937 rng(7);  // only picks test inputs
  std::uniform_real_distribution<double> anchor(0.0, 600.0);
  std::uniform_real_distribution<double> width(10.0, 120.0);
  for (int round = 0; round < 50; ++round) {
    std::vector<LabelRequest> requests;
    for (int k = 0; k < 12; ++k) requests.push_back({anchor(rng), width(rng)});
    const auto placed = treatysim::gui::place_labels(requests, 0.0, 600.0, 6.0, 3, round % 40);
    for (std::size_t a = 0; a < placed.size(); ++a) {
      if (!placed[a].shown) continue;
      CHECK(placed[a].x >= 0.0);
      CHECK(placed[a].x + requests[a].width <= 600.0 + 1e-9);
      for (std::size_t b = a + 1; b < placed.size(); ++b) {
        if (!placed[b].shown || placed[a].row != placed[b].row) continue;
        const bool apart = placed[a].x + requests[a].width + 6.0 <= placed[b].x + 1e-9 ||
                           placed[b].x + requests[b].width + 6.0 <= placed[a].x + 1e-9;
        REQUIRE(apart);
      }
    }
  }
}

TEST_CASE("state bands and negotiation spans of the sta-2024 life") {
  const auto life = sta_life();
  const MonthAxis axis = sta_axis();
  const auto bands = treatysim::gui::state_bands(life, axis);
  REQUIRE(bands.size() == life.timeline.size());
  // 2018-08 – 2023-02 in force: 54 months → [100, 370).
  CHECK(bands[0].state == treatysim::TreatyState::kInForce);
  CHECK(bands[0].x0 == 100.0);
  CHECK(bands[0].x1 == 370.0);
  for (std::size_t k = 1; k < bands.size(); ++k) CHECK(bands[k].x0 == bands[k - 1].x1);
  CHECK(bands.back().x1 == 760.0);

  // The first talks opened 2023-02 with 11 offers at 2 a month: offers 0–10 fall in months
  // 0–5, so the span is 2023-02 … 2023-08 (exclusive) → [370, 400).
  const auto spans = treatysim::gui::negotiation_spans(life, 2, axis);
  REQUIRE(spans.size() == life.negotiations.size());
  CHECK(spans[0].from == Month{2023, 2});
  CHECK(spans[0].to == Month{2023, 8});
  CHECK(spans[0].x0 == 370.0);
  CHECK(spans[0].x1 == 400.0);
  CHECK(treatysim::gui::negotiation_at(spans, 372.0, 6.0) == std::optional<std::size_t>{0});
  // 2023-06 (x 390): the first talks and the restart that opened then both cover it: the later.
  CHECK(treatysim::gui::negotiation_at(spans, 391.0, 6.0) == std::optional<std::size_t>{1});
  CHECK_FALSE(treatysim::gui::negotiation_at(spans, 150.0, 6.0).has_value());
}

TEST_CASE("the running discounted payoff ends at the engine's cumulative total") {
  const treatysim::Scenario scenario = sta_scenario();
  const auto life = sta_life(scenario);
  const double discount = scenario.def().lifecycle->treaty.monthly_discount;
  for (treatysim::PartyIndex p = 0; p < treatysim::kPartyCount; ++p) {
    const auto running = treatysim::gui::running_discounted_payoff(life, p, discount);
    REQUIRE(running.size() == life.payoffs.size());
    CHECK(running.back() == life.cumulative_discounted[p]);  // the same sum, term by term
    CHECK(running.front() == life.payoffs[0][p]);
  }
  const auto trust = treatysim::gui::party_column(life.trust, 1);
  const auto points = treatysim::gui::monthly_points(trust, sta_axis());
  REQUIRE(points.size() == 132);
  CHECK(points[0].x == 105.0);  // the end of the first month
  CHECK(points[0].y == life.trust[0][1]);
  CHECK(points.back().x == 760.0);
}

TEST_CASE("curve pixels map [lo, hi] onto [bottom, top] and stay within the decimation bound") {
  // 1,200 months (100 years) of a zig-zag over a 600-pixel axis, one bucket per 3 pixels.
  const MonthAxis axis{Month{2000, 1}, Month{2100, 1}, 0.0, 600.0};
  std::vector<double> values;
  for (int k = 0; k < 1200; ++k) values.push_back(k % 2 == 0 ? 0.25 : 0.75);
  const auto pixels = treatysim::gui::curve_pixels(values, axis, 10.0, 110.0, 0.0, 1.0, 3.0);
  CHECK(pixels.size() <= 4 * 200);
  CHECK(pixels.front().x == 0.5);   // the end of the first month: 600/1200 pixels
  CHECK(pixels.front().y == 85.0);  // 0.25 → 110 − 0.25·100
  CHECK(pixels.back().x == 600.0);
  CHECK(pixels.back().y == 35.0);  // 0.75
  for (const auto& p : pixels) CHECK((p.y == 85.0 || p.y == 35.0));
  // A short series is kept whole.
  const auto short_series = treatysim::gui::curve_pixels(
      {0.0, 1.0}, MonthAxis{Month{2000, 1}, Month{2000, 3}, 0.0, 100.0}, 0.0, 50.0, 0.0, 1.0);
  REQUIRE(short_series.size() == 2);
  CHECK(short_series[0] == treatysim::gui::CurvePoint{50.0, 50.0});
  CHECK(short_series[1] == treatysim::gui::CurvePoint{100.0, 0.0});
}

TEST_CASE("timeline rows at 1280x800: two label rows and both curves, by hand") {
  using treatysim::gui::timeline_rows;
  using treatysim::gui::TimelineRowsInput;
  // The normal window's timeline canvas: 167 px under its title bar, 13 px text. Fixed rows:
  // 2 + 4 + band max(14, 16) + 2 + strip 7 + 2 + years 13 + 4 + 2 = 52 px; 115 left: one label
  // row (15), the trust curve (32.5), the payoff curve (6 + 32.5), a second label row (15),
  // 14 px left, less than a third row.
  TimelineRowsInput in;
  in.left = 100.0;
  in.top = 600.0;
  in.width = 700.0;
  in.height = 167.0;
  in.curve_name_width = 38.0;
  in.value_width = 33.0;
  const auto rows = timeline_rows(in);
  CHECK(rows.label_rows == 2);
  CHECK(rows.labels_top == 602.0);
  CHECK(rows.band_top == 636.0);  // 602 + 2·15 + 4
  CHECK(rows.band_bottom == 652.0);
  CHECK(rows.strip_top == 654.0);
  CHECK(rows.strip_bottom == 661.0);
  CHECK(rows.years_top == 663.0);
  REQUIRE(rows.trust);
  REQUIRE(rows.payoff);
  // The curves share 680 … 765: (85 − 6) / 2 = 39.5 px each.
  CHECK(rows.trust_top == 680.0);
  CHECK(rows.trust_bottom == 719.5);
  CHECK(rows.payoff_top == 725.5);
  CHECK(rows.payoff_bottom == 765.0);
  // The axis leaves the names' and the values' room: 100 + 38 + 8, 800 − 33 − 6.
  CHECK(rows.axis_x0 == 146.0);
  CHECK(rows.axis_x1 == 761.0);
}

TEST_CASE("timeline rows in presenter mode: labels before curves when the canvas is short") {
  using treatysim::gui::timeline_rows;
  using treatysim::gui::TimelineRowsInput;
  TimelineRowsInput in;
  in.width = 700.0;
  in.font = 28.0;
  in.scale = 2.0;
  in.min_curve = 70.0;
  // 1280×800: the 165 px panel leaves a 127 px canvas; fixed 2 + 8 + 31 + 2 + 14 + 2 + 28 + 4
  // + 2 = 93 px, one label row (30), 4 px left: no curve.
  in.height = 127.0;
  auto rows = timeline_rows(in);
  CHECK(rows.label_rows == 1);
  CHECK_FALSE(rows.trust);
  CHECK_FALSE(rows.payoff);
  CHECK(rows.axis_x0 == 12.0);  // 6·scale on each side without curves
  CHECK(rows.axis_x1 == 688.0);
  // 1920×1080: a 185 px canvas: 92 px beyond the fixed rows; one label row, no room for a
  // 70 px curve after it (62), so the second and third label rows (30 each).
  in.height = 185.0;
  rows = timeline_rows(in);
  CHECK(rows.label_rows == 3);
  CHECK_FALSE(rows.trust);
  // A tall canvas (400 px): three rows and both curves.
  in.height = 400.0;
  rows = timeline_rows(in);
  CHECK(rows.label_rows == 3);
  CHECK(rows.trust);
  CHECK(rows.payoff);
  // Curves not wanted: none, whatever the room.
  in.curves = false;
  CHECK_FALSE(timeline_rows(in).trust);
}

TEST_CASE("timeline rows stay inside the canvas, in order, for any height") {
  using treatysim::gui::timeline_rows;
  using treatysim::gui::TimelineRowsInput;
  for (double height = 40.0; height <= 600.0; height += 7.0) {
    for (const double font : {13.0, 28.0}) {
      TimelineRowsInput in;
      in.top = 10.0;
      in.height = height;
      in.font = font;
      in.scale = font > 20.0 ? 2.0 : 1.0;
      in.min_curve = 2.5 * font;
      const auto rows = timeline_rows(in);
      CAPTURE(height);
      CAPTURE(font);
      CHECK(rows.labels_top < rows.band_top);
      CHECK(rows.band_top < rows.band_bottom);
      CHECK(rows.band_bottom < rows.strip_top);
      CHECK(rows.strip_bottom < rows.years_top);
      if (rows.trust) {
        CHECK(rows.trust_top >= rows.years_top + font);
        CHECK(rows.trust_bottom - rows.trust_top >= in.min_curve - 1e-9);
        CHECK(rows.trust_bottom <= in.top + height);
      }
      if (rows.payoff) {
        CHECK(rows.payoff_top >= rows.trust_bottom);
        CHECK(rows.payoff_bottom - rows.payoff_top >= in.min_curve - 1e-9);
        CHECK(rows.payoff_bottom <= in.top + height);
      }
      // Label rows come before the curves take the room: a curve is only drawn with a label
      // row above the band.
      if (rows.trust) CHECK(rows.label_rows >= 1);
    }
  }
}
