// svg.hpp — standalone SVG pictures for slides, reports and notebooks: the pictures every front
// end shows the same way (the CLI's --svg files, the Python package's rich display).
//
// The outcome space: every outcome as a point (a density grid past 4,000 outcomes), the Pareto
// frontier, the Nash, Kalai–Smorodinsky, egalitarian and utilitarian points with a legend, both
// reservation lines and the zone of possible agreement shaded. With a trace: both parties' offer
// trails (party colours, fading with age), the agreement, and a second panel with the utility of
// every offer over rounds. Colours follow the window: party 0 (the U.S.) blue, party 1 orange.
//
// Charts of a sweep (line_chart_svg, heat_map_svg): a title and subtitle, labelled axes with
// round ticks, a 95% confidence band or a colour scale with its legend, the best point marked.
#pragma once

#include <string>
#include <vector>

#include "engine/analysis/analysis.hpp"
#include "engine/protocol/trace.hpp"
#include "engine/studies/sweep.hpp"

namespace treatysim::charts {

// Shared by every SVG writer: a coordinate with one decimal, and text escaped for XML content
// and attribute values.
[[nodiscard]] std::string svg_number(double value);
[[nodiscard]] std::string svg_escape(const std::string& text);

// Another model's frontier drawn over the same outcome space (analyze --compare): e.g. the
// additive sta-2024 under the linked sta-linkage. Utilities are that model's.
struct ComparedFrontier {
  std::string label;                 // the legend's words for it
  std::vector<OutcomePoint> points;  // ordered by u₀ descending
};

// The picture of a scenario's outcome space (and, when `trace` is given, of that negotiation;
// when `compared` is given, that frontier dashed in grey, and the solutions of both).
[[nodiscard]] std::string outcome_space_svg(const Scenario& scenario,
                                            const ScenarioAnalysis& analysis,
                                            const Trace* trace = nullptr,
                                            const ComparedFrontier* compared = nullptr);

// One point of a line chart: the mean at x and its confidence interval.
struct LinePoint {
  double x = 0.0;
  double mean = 0.0;
  double ci_low = 0.0;
  double ci_high = 0.0;
};

struct LineChart {
  std::string title;
  std::string subtitle;  // one line under the title (what was played)
  std::string x_label;
  std::string y_label;
  std::vector<LinePoint> points;  // in increasing x, at least one
  bool log_x = false;             // a logarithmic x axis (every x > 0)
  bool higher_is_better = true;   // which point is marked as the best
};

// A line chart of the mean with its 95% confidence band shaded, the best point marked.
[[nodiscard]] std::string line_chart_svg(const LineChart& chart);

struct HeatMap {
  std::string title;
  std::string subtitle;
  std::string x_label;
  std::string y_label;
  std::string value_label;       // the colour scale's legend title
  std::vector<double> x_values;  // columns, left to right
  std::vector<double> y_values;  // rows, bottom to top
  std::vector<double> values;    // values[row * x_values.size() + column]
  bool higher_is_better = true;  // which cell is outlined as the best
};

// A heat map: one cell per grid point (equal widths, whatever the spacing of the values), a
// sequential colour scale (dark blue low, yellow high) with its legend, the value printed in
// each cell when the grid is small, the best cell outlined.
[[nodiscard]] std::string heat_map_svg(const HeatMap& chart);

// The chart of a sweep's result: a line chart with its 95% band for one axis, a heat map of the
// metric's means for two (the first axis across, the second up), titled with the study's name
// and what it played (study_description), the best point marked.
[[nodiscard]] std::string sweep_svg(const PreparedSweep& sweep, const SweepResult& result);

}  // namespace treatysim::charts
