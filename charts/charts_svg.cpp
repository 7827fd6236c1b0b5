// charts_svg.cpp — the line chart and heat map of svg.hpp (a file of their own:
// outcome_space_svg.cpp draws the outcome space).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "charts/svg.hpp"

namespace treatysim::charts {

namespace {

constexpr const char* kInk = "#222222";
constexpr const char* kMuted = "#666666";
constexpr const char* kGrid = "#e4e4e4";
constexpr const char* kLine = "#2f6fdf";
constexpr const char* kBest = "#d62728";
constexpr double kWidth = 880;
constexpr double kHeight = 560;

std::string num(double value) {
  return svg_number(value);
}
std::string escape(const std::string& text) {
  return svg_escape(text);
}

std::string text(double x, double y, const std::string& content, const char* anchor = "start",
                 int size = 13, const char* colour = kInk, const std::string& extra = "") {
  return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" font-size=\"" + std::to_string(size) +
         "\" text-anchor=\"" + anchor + "\" fill=\"" + colour + "\"" + extra + ">" +
         escape(content) + "</text>\n";
}

std::string line(double x1, double y1, double x2, double y2, const char* colour,
                 const std::string& extra = "") {
  return "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" +
         num(y2) + "\" stroke=\"" + colour + "\"" + extra + "/>\n";
}

// A value with as many decimals as `step` needs ("0.25" for a step of 0.05).
std::string tick_label(double value, double step) {
  const int decimals = std::clamp(static_cast<int>(-std::floor(std::log10(step) + 1e-9)), 0, 6);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value == 0.0 ? 0.0 : value);
  return buffer;
}

// Three significant digits, for values on the chart ("0.712", "12.4", "1.2e-05").
std::string short_number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", value);
  return buffer;
}

// A heat map cell's value: three decimals for values under 100 ("0.600"), else 3 digits.
std::string cell_number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, std::abs(value) < 100 ? "%.3f" : "%.3g", value);
  return buffer;
}

// Round ticks covering [lo, hi]: steps of 1, 2 or 5 × 10ᵏ, about `target` of them.
struct Ticks {
  double step = 1.0;
  std::vector<double> values;
};
Ticks nice_ticks(double lo, double hi, int target) {
  const double raw = (hi - lo) / target;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double fraction = raw / magnitude;
  Ticks ticks;
  ticks.step = (fraction < 1.5   ? 1.0
                : fraction < 3.0 ? 2.0
                : fraction < 7.0 ? 5.0
                                 : 10.0) *
               magnitude;
  const double first = std::ceil(lo / ticks.step - 1e-9);
  for (double k = first; k * ticks.step <= hi + ticks.step * 1e-9; k += 1.0) {
    ticks.values.push_back(k * ticks.step);
  }
  return ticks;
}

// [lo, hi] widened to round numbers (and to a non-empty range).
std::pair<double, double> padded_range(double lo, double hi) {
  if (hi - lo < 1e-12) {
    const double pad = std::max(0.05, std::abs(lo) * 0.05);
    lo -= pad;
    hi += pad;
  } else {
    const double pad = (hi - lo) * 0.08;
    lo -= pad;
    hi += pad;
  }
  const Ticks ticks = nice_ticks(lo, hi, 5);
  return {std::floor(lo / ticks.step + 1e-9) * ticks.step,
          std::ceil(hi / ticks.step - 1e-9) * ticks.step};
}

void header(std::string& svg, const std::string& title, const std::string& subtitle) {
  svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(kWidth) + "\" height=\"" +
         num(kHeight) + "\" viewBox=\"0 0 " + num(kWidth) + " " + num(kHeight) +
         "\" font-family=\"DejaVu Sans, Verdana, sans-serif\">\n";
  svg += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  svg += text(kWidth / 2, 32, title, "middle", 20, kInk, " font-weight=\"bold\"");
  if (!subtitle.empty()) svg += text(kWidth / 2, 54, subtitle, "middle", 13, kMuted);
}

void axis_labels(std::string& svg, double left, double top, double width, double height,
                 const std::string& x_label, const std::string& y_label) {
  svg += text(left + width / 2, top + height + 48, x_label, "middle", 15);
  const double x = left - 62;
  const double y = top + height / 2;
  svg += text(x, y, y_label, "middle", 15, kInk,
              " transform=\"rotate(-90 " + num(x) + " " + num(y) + ")\"");
}

// Index of the best value (the first one of equals).
std::size_t best_index(const std::vector<double>& values, bool higher_is_better) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < values.size(); ++i) {
    if (higher_is_better ? values[i] > values[best] : values[i] < values[best]) best = i;
  }
  return best;
}

// The sequential scale (viridis stops): t in [0, 1] to a colour.
std::array<double, 3> scale_colour(double t) {
  static constexpr std::array<std::array<double, 3>, 5> kStops = {
      {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}}};
  t = std::clamp(t, 0.0, 1.0) * 4.0;
  const auto i = std::min(static_cast<std::size_t>(t), std::size_t{3});
  const double f = t - static_cast<double>(i);
  std::array<double, 3> c{};
  for (std::size_t k = 0; k < 3; ++k) c[k] = kStops[i][k] + f * (kStops[i + 1][k] - kStops[i][k]);
  return c;
}

std::string hex(const std::array<double, 3>& c) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", static_cast<unsigned>(std::lround(c[0])),
                static_cast<unsigned>(std::lround(c[1])), static_cast<unsigned>(std::lround(c[2])));
  return buffer;
}

}  // namespace

std::string line_chart_svg(const LineChart& chart) {
  constexpr double kLeft = 100;
  constexpr double kTop = 84;
  constexpr double kPlotWidth = 740;
  constexpr double kPlotHeight = 384;
  std::string svg;
  header(svg, chart.title, chart.subtitle);

  double y_lo = std::numeric_limits<double>::infinity();
  double y_hi = -std::numeric_limits<double>::infinity();
  for (const LinePoint& p : chart.points) {
    y_lo = std::min({y_lo, p.ci_low, p.mean});
    y_hi = std::max({y_hi, p.ci_high, p.mean});
  }
  const auto [y_min, y_max] = padded_range(y_lo, y_hi);
  const auto fx = [&](double x) { return chart.log_x ? std::log10(x) : x; };
  double x_min = fx(chart.points.front().x);
  double x_max = fx(chart.points.back().x);
  if (x_max - x_min < 1e-12) {
    x_min -= 0.5;
    x_max += 0.5;
  }
  const auto px = [&](double x) { return kLeft + (fx(x) - x_min) / (x_max - x_min) * kPlotWidth; };
  const auto py = [&](double y) { return kTop + (y_max - y) / (y_max - y_min) * kPlotHeight; };

  // Grid and ticks.
  const Ticks y_ticks = nice_ticks(y_min, y_max, 6);
  for (const double y : y_ticks.values) {
    svg += line(kLeft, py(y), kLeft + kPlotWidth, py(y), kGrid);
    svg += text(kLeft - 8, py(y) + 4, tick_label(y, y_ticks.step), "end", 12, kMuted);
  }
  std::vector<std::pair<double, std::string>> x_ticks;
  if (chart.log_x) {
    for (int k = static_cast<int>(std::floor(x_min)); k <= static_cast<int>(std::ceil(x_max));
         ++k) {
      for (const double m : {1.0, 2.0, 5.0}) {
        const double v = m * std::pow(10.0, k);
        if (std::log10(v) >= x_min - 1e-9 && std::log10(v) <= x_max + 1e-9) {
          x_ticks.emplace_back(v, short_number(v));
        }
      }
    }
  } else {
    const Ticks ticks = nice_ticks(x_min, x_max, 8);
    for (const double x : ticks.values) x_ticks.emplace_back(x, tick_label(x, ticks.step));
  }
  for (const auto& [x, label] : x_ticks) {
    svg += line(px(x), kTop, px(x), kTop + kPlotHeight, kGrid);
    svg += text(px(x), kTop + kPlotHeight + 20, label, "middle", 12, kMuted);
  }
  svg += "<rect x=\"" + num(kLeft) + "\" y=\"" + num(kTop) + "\" width=\"" + num(kPlotWidth) +
         "\" height=\"" + num(kPlotHeight) + "\" fill=\"none\" stroke=\"#999999\"/>\n";
  axis_labels(svg, kLeft, kTop, kPlotWidth, kPlotHeight, chart.x_label, chart.y_label);

  // The confidence band, then the mean.
  std::string band;
  for (const LinePoint& p : chart.points) band += num(px(p.x)) + "," + num(py(p.ci_high)) + " ";
  for (auto it = chart.points.rbegin(); it != chart.points.rend(); ++it) {
    band += num(px(it->x)) + "," + num(py(it->ci_low)) + " ";
  }
  svg += "<polygon points=\"" + band + "\" fill=\"" + kLine +
         "\" fill-opacity=\"0.18\" stroke=\"none\"/>\n";
  std::string mean;
  for (const LinePoint& p : chart.points) mean += num(px(p.x)) + "," + num(py(p.mean)) + " ";
  svg += "<polyline points=\"" + mean + "\" fill=\"none\" stroke=\"" + kLine +
         "\" stroke-width=\"2.5\"/>\n";
  svg += "<g fill=\"" + std::string(kLine) + "\">\n";
  for (const LinePoint& p : chart.points) {
    svg += "<circle cx=\"" + num(px(p.x)) + "\" cy=\"" + num(py(p.mean)) + "\" r=\"3.5\"/>\n";
  }
  svg += "</g>\n";

  // The best point.
  std::vector<double> means;
  for (const LinePoint& p : chart.points) means.push_back(p.mean);
  const LinePoint& best = chart.points[best_index(means, chart.higher_is_better)];
  svg += "<circle cx=\"" + num(px(best.x)) + "\" cy=\"" + num(py(best.mean)) +
         "\" r=\"8\" fill=\"none\" stroke=\"" + kBest + "\" stroke-width=\"2.5\"/>\n";
  const std::string best_label =
      "best: " + chart.x_label + " = " + short_number(best.x) + " → " + short_number(best.mean);
  // A callout box beside the point (white, so that the curve behind it does not blur it).
  const bool right_half = px(best.x) > kLeft + kPlotWidth * 0.6;
  const bool low = py(best.mean) > kTop + kPlotHeight * 0.8;
  const double box_width = 8.0 * static_cast<double>(best_label.size()) + 12.0;
  const double box_x = right_half ? px(best.x) - 14 - box_width : px(best.x) + 14;
  const double box_y = low ? py(best.mean) - 36 : py(best.mean) + 10;
  svg += "<rect x=\"" + num(box_x) + "\" y=\"" + num(box_y) + "\" width=\"" + num(box_width) +
         "\" height=\"22\" rx=\"4\" fill=\"#ffffff\" fill-opacity=\"0.92\" stroke=\"" + kBest +
         "\" stroke-width=\"1\"/>\n";
  svg += text(box_x + box_width / 2, box_y + 15.5, best_label, "middle", 13, kBest,
              " font-weight=\"bold\"");

  // Legend, above the plot on the right.
  const double lx = kLeft + kPlotWidth - 330;
  const double ly = kTop - 14;
  svg += line(lx, ly, lx + 24, ly, kLine, " stroke-width=\"2.5\"");
  svg += text(lx + 30, ly + 4, "mean", "start", 12);
  svg += "<rect x=\"" + num(lx + 80) + "\" y=\"" + num(ly - 6) +
         "\" width=\"24\" height=\"12\" fill=\"" + kLine + "\" fill-opacity=\"0.18\"/>\n";
  svg += text(lx + 110, ly + 4, "95% confidence interval", "start", 12);
  svg += "</svg>\n";
  return svg;
}

std::string heat_map_svg(const HeatMap& chart) {
  constexpr double kLeft = 110;
  constexpr double kTop = 80;
  constexpr double kPlotWidth = 600;
  constexpr double kPlotHeight = 390;
  std::string svg;
  header(svg, chart.title, chart.subtitle);
  const std::size_t columns = chart.x_values.size();
  const std::size_t rows = chart.y_values.size();
  const double cell_w = kPlotWidth / static_cast<double>(columns);
  const double cell_h = kPlotHeight / static_cast<double>(rows);
  const auto [lo_it, hi_it] = std::minmax_element(chart.values.begin(), chart.values.end());
  const double lo = *lo_it;
  const double hi = *hi_it;
  const auto t_of = [&](double v) { return hi - lo < 1e-12 ? 0.5 : (v - lo) / (hi - lo); };
  const bool labels = columns <= 12 && rows <= 12;

  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < columns; ++c) {
      const double v = chart.values[r * columns + c];
      const double x = kLeft + static_cast<double>(c) * cell_w;
      const double y = kTop + static_cast<double>(rows - 1 - r) * cell_h;
      const std::array<double, 3> colour = scale_colour(t_of(v));
      svg += "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(cell_w + 0.3) +
             "\" height=\"" + num(cell_h + 0.3) + "\" fill=\"" + hex(colour) + "\"/>\n";
      if (labels) {
        const double luminance = 0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2];
        svg += text(x + cell_w / 2, y + cell_h / 2 + 4, cell_number(v), "middle",
                    cell_w < 48 ? 10 : 12, luminance > 140 ? kInk : "#ffffff");
      }
    }
  }
  // Tick labels at cell centres (every k-th on large grids).
  const std::size_t x_every = std::max<std::size_t>(1, (columns + 11) / 12);
  for (std::size_t c = 0; c < columns; c += x_every) {
    svg += text(kLeft + (static_cast<double>(c) + 0.5) * cell_w, kTop + kPlotHeight + 20,
                short_number(chart.x_values[c]), "middle", 12, kMuted);
  }
  const std::size_t y_every = std::max<std::size_t>(1, (rows + 11) / 12);
  for (std::size_t r = 0; r < rows; r += y_every) {
    svg += text(kLeft - 8, kTop + (static_cast<double>(rows - 1 - r) + 0.5) * cell_h + 4,
                short_number(chart.y_values[r]), "end", 12, kMuted);
  }
  svg += "<rect x=\"" + num(kLeft) + "\" y=\"" + num(kTop) + "\" width=\"" + num(kPlotWidth) +
         "\" height=\"" + num(kPlotHeight) + "\" fill=\"none\" stroke=\"#999999\"/>\n";
  axis_labels(svg, kLeft, kTop, kPlotWidth, kPlotHeight, chart.x_label, chart.y_label);

  // The best cell.
  const std::size_t best = best_index(chart.values, chart.higher_is_better);
  const std::size_t br = best / columns;
  const std::size_t bc = best % columns;
  svg += "<rect x=\"" + num(kLeft + static_cast<double>(bc) * cell_w + 1.5) + "\" y=\"" +
         num(kTop + static_cast<double>(rows - 1 - br) * cell_h + 1.5) + "\" width=\"" +
         num(cell_w - 3) + "\" height=\"" + num(cell_h - 3) + "\" fill=\"none\" stroke=\"" + kBest +
         "\" stroke-width=\"3\"/>\n";
  svg += text(kLeft, kTop + kPlotHeight + 74,
              "best (outlined): " + chart.x_label + " = " + short_number(chart.x_values[bc]) +
                  ", " + chart.y_label + " = " + short_number(chart.y_values[br]) + " → " +
                  cell_number(chart.values[best]),
              "start", 13, kBest, " font-weight=\"bold\"");

  // The colour scale's legend.
  constexpr double kBarX = kLeft + kPlotWidth + 50;
  constexpr double kBarWidth = 22;
  constexpr int kSteps = 40;
  svg += text(kBarX + kBarWidth / 2, kTop - 10, chart.value_label, "middle", 13);
  for (int i = 0; i < kSteps; ++i) {
    const double t = (i + 0.5) / kSteps;
    svg += "<rect x=\"" + num(kBarX) + "\" y=\"" +
           num(kTop + kPlotHeight * (1.0 - static_cast<double>(i + 1) / kSteps)) + "\" width=\"" +
           num(kBarWidth) + "\" height=\"" + num(kPlotHeight / kSteps + 0.5) + "\" fill=\"" +
           hex(scale_colour(t)) + "\"/>\n";
  }
  svg += "<rect x=\"" + num(kBarX) + "\" y=\"" + num(kTop) + "\" width=\"" + num(kBarWidth) +
         "\" height=\"" + num(kPlotHeight) + "\" fill=\"none\" stroke=\"#999999\"/>\n";
  if (hi - lo < 1e-12) {
    svg += text(kBarX + kBarWidth + 6, kTop + kPlotHeight / 2 + 4, short_number(lo), "start", 12,
                kMuted);
  } else {
    const Ticks ticks = nice_ticks(lo, hi, 5);
    for (const double v : ticks.values) {
      const double y = kTop + kPlotHeight * (1.0 - t_of(v));
      svg += line(kBarX + kBarWidth, y, kBarX + kBarWidth + 4, y, kMuted);
      svg += text(kBarX + kBarWidth + 7, y + 4, tick_label(v, ticks.step), "start", 12, kMuted);
    }
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace treatysim::charts
