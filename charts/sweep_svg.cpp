// sweep_svg.cpp — a sweep's result as a chart: the line chart or heat map of svg.hpp, filled in
// from the grid (what `treatysim sweep --svg` writes and the Python package shows).
#include <cstddef>

#include "charts/svg.hpp"
#include "engine/studies/study_file.hpp"

namespace treatysim::charts {

std::string sweep_svg(const PreparedSweep& sweep, const SweepResult& result) {
  const StudyDef& study = sweep.def.study;
  const std::vector<SweepAxis>& axes = sweep.def.axes;
  if (axes.size() == 1) {
    LineChart chart;
    chart.title = study.name;
    chart.subtitle = study_description(study, 4);
    chart.x_label = axes[0].parameter;
    chart.y_label = study_metric_label(study);
    chart.log_x = axes[0].log_scale;
    chart.higher_is_better = metric_higher_is_better(study.metric);
    for (const SweepPoint& p : result.points) {
      chart.points.push_back({p.values[0], p.summary.mean, p.summary.ci_low, p.summary.ci_high});
    }
    return line_chart_svg(chart);
  }
  // Points are stored row by row (first axis outer); the heat map puts the first axis across.
  const std::size_t rows = axes[0].values.size();
  const std::size_t columns = axes[1].values.size();
  HeatMap chart;
  chart.title = study.name;
  chart.subtitle = study_description(study, 4);
  chart.x_label = axes[0].parameter;
  chart.y_label = axes[1].parameter;
  chart.value_label = std::string(metric_name(study.metric));
  chart.x_values = axes[0].values;
  chart.y_values = axes[1].values;
  chart.higher_is_better = metric_higher_is_better(study.metric);
  for (std::size_t y = 0; y < columns; ++y) {
    for (std::size_t x = 0; x < rows; ++x) {
      chart.values.push_back(result.points[x * columns + y].summary.mean);
    }
  }
  return heat_map_svg(chart);
}

}  // namespace treatysim::charts
