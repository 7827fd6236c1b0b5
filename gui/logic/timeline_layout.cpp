// timeline_layout.cpp — timeline geometry.
#include "gui/logic/timeline_layout.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "gui/logic/plot_math.hpp"

namespace treatysim::gui {

double MonthAxis::month_width() const noexcept {
  const int months = std::max(1, end.since(start));
  return (x1 - x0) / months;
}

double MonthAxis::x_of(Month m) const noexcept {
  return x0 + month_width() * m.since(start);
}

double MonthAxis::x_at(double months) const noexcept {
  return x0 + month_width() * months;
}

Month MonthAxis::month_at(double x) const noexcept {
  const double width = month_width();
  const int last = std::max(0, end.since(start) - 1);
  int k = width > 0.0 ? static_cast<int>(std::floor((x - x0) / width)) : 0;
  k = std::clamp(k, 0, last);
  return start.plus(k);
}

std::vector<StateBand> state_bands(const LifecycleResult& result, const MonthAxis& axis) {
  std::vector<StateBand> bands;
  for (const TimelineEntry& entry : result.timeline) {
    const Month from = std::max(entry.from, axis.start);
    const Month to = std::min(entry.to, axis.end);
    if (!(from < to)) continue;
    bands.push_back({entry.state, from, to, axis.x_of(from), axis.x_of(to)});
  }
  return bands;
}

std::vector<YearTick> year_ticks(const MonthAxis& axis, double min_label_spacing) {
  std::vector<YearTick> ticks;
  const int first = axis.start.month() == 1 ? axis.start.year() : axis.start.year() + 1;
  const int last = axis.end.year();  // January of end's year is ≤ end
  if (first > last) return ticks;
  const double year_width = axis.month_width() * 12.0;
  int every = 1;
  for (const int candidate : {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}) {
    every = candidate;
    if (year_width * candidate >= min_label_spacing) break;
  }
  for (int year = first; year <= last; ++year) {
    ticks.push_back({year, axis.x_of(Month{year, 1}), year % every == 0});
  }
  return ticks;
}

std::vector<NegotiationSpan> negotiation_spans(const LifecycleResult& result, int offers_per_month,
                                               const MonthAxis& axis) {
  std::vector<NegotiationSpan> spans;
  const int per_month = std::max(1, offers_per_month);
  for (std::size_t i = 0; i < result.negotiations.size(); ++i) {
    const NegotiationRecord& n = result.negotiations[i];
    const int offers = std::max(1, n.trace.result.offers);
    const Month to = n.opened.plus((offers - 1) / per_month + 1);
    spans.push_back({i, n.opened, to, axis.x_of(n.opened), axis.x_of(to)});
  }
  return spans;
}

std::optional<std::size_t> negotiation_at(const std::vector<NegotiationSpan>& spans, double x,
                                          double min_width) {
  std::optional<std::size_t> found;
  Month opened;
  for (const NegotiationSpan& span : spans) {
    double x0 = span.x0;
    double x1 = span.x1;
    if (x1 - x0 < min_width) {
      const double centre = (x0 + x1) / 2.0;
      x0 = centre - min_width / 2.0;
      x1 = centre + min_width / 2.0;
    }
    if (x < x0 || x >= x1) continue;
    if (!found || !(span.from < opened)) {
      found = span.index;
      opened = span.from;
    }
  }
  return found;
}

std::vector<PlacedLabel> place_labels(const std::vector<LabelRequest>& requests, double x_min,
                                      double x_max, double gap, int max_rows, double max_shift) {
  std::vector<PlacedLabel> placed(requests.size());
  std::vector<std::size_t> order(requests.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return requests[a].anchor < requests[b].anchor;
  });
  // Per row, the right edge of the last label placed there (labels go left to right).
  std::vector<double> row_end(static_cast<std::size_t>(std::max(0, max_rows)), -1e300);
  for (const std::size_t i : order) {
    const LabelRequest& request = requests[i];
    double left = request.anchor - request.width / 2.0;
    left = std::min(left, x_max - request.width);
    left = std::max(left, x_min);
    PlacedLabel label{left, 0, false};
    // The row needing the smallest shift to the right (ties: the lowest row).
    double best_shift = max_shift;
    for (std::size_t row = 0; row < row_end.size(); ++row) {
      const double earliest = std::max(left, row_end[row] + gap);
      const double shift = earliest - left;
      if (shift <= best_shift && earliest + request.width <= x_max &&
          (!label.shown || shift < best_shift)) {
        label = PlacedLabel{earliest, static_cast<int>(row), true};
        best_shift = shift;
      }
    }
    if (label.shown) row_end[static_cast<std::size_t>(label.row)] = label.x + request.width;
    placed[i] = label;
  }
  return placed;
}

std::vector<CurvePoint> monthly_points(const std::vector<double>& values, const MonthAxis& axis) {
  std::vector<CurvePoint> points;
  points.reserve(values.size());
  for (std::size_t k = 0; k < values.size(); ++k) {
    points.push_back({axis.x_at(static_cast<double>(k) + 1.0), values[k]});
  }
  return points;
}

std::vector<CurvePoint> curve_pixels(const std::vector<double>& values, const MonthAxis& axis,
                                     double top, double bottom, double lo, double hi,
                                     double pixels_per_bucket) {
  std::vector<SeriesPoint> series;
  series.reserve(values.size());
  for (const CurvePoint& p : monthly_points(values, axis)) series.push_back({p.x, p.y});
  const double width = std::max(1.0, axis.x1 - axis.x0);
  const auto buckets =
      static_cast<std::size_t>(std::max(1.0, width / std::max(0.5, pixels_per_bucket)));
  const double span = hi > lo ? hi - lo : 1.0;
  std::vector<CurvePoint> pixels;
  for (const SeriesPoint& p : decimate(series, buckets)) {
    pixels.push_back({p.x, bottom - (p.y - lo) / span * (bottom - top)});
  }
  return pixels;
}

std::vector<double> party_column(const std::vector<std::array<double, kPartyCount>>& table,
                                 PartyIndex party) {
  std::vector<double> column;
  column.reserve(table.size());
  for (const auto& row : table) column.push_back(row[party]);
  return column;
}

std::vector<double> running_discounted_payoff(const LifecycleResult& result, PartyIndex party,
                                              double monthly_discount) {
  std::vector<double> running;
  running.reserve(result.payoffs.size());
  double total = 0.0;
  for (std::size_t k = 0; k < result.payoffs.size(); ++k) {
    // The engine's own sum, term by term in the same order: δ^k · payoff_k.
    total += std::pow(monthly_discount, static_cast<double>(k)) * result.payoffs[k][party];
    running.push_back(total);
  }
  return running;
}

TimelineRows timeline_rows(const TimelineRowsInput& in) {
  TimelineRows rows;
  rows.row_height = in.font + 2.0;
  const double band = std::max(14.0, in.font + 3.0);
  const double strip = 7.0 * in.scale;
  const double fixed = 2.0 + 4.0 * in.scale + band + 2.0 + strip + 2.0 + in.font + 4.0 + 2.0;
  double left = in.height - fixed;
  const auto take = [&left](double amount) {
    if (amount > left) return false;
    left -= amount;
    return true;
  };
  const int max_rows = std::max(0, in.max_label_rows);
  if (max_rows > 0 && take(rows.row_height)) rows.label_rows = 1;
  if (in.curves) {
    rows.trust = take(in.min_curve);
    rows.payoff = rows.trust && take(6.0 + in.min_curve);
  }
  while (rows.label_rows < max_rows && take(rows.row_height)) ++rows.label_rows;

  rows.labels_top = in.top + 2.0;
  rows.band_top = rows.labels_top + rows.label_rows * rows.row_height + 4.0 * in.scale;
  rows.band_bottom = rows.band_top + band;
  rows.strip_top = rows.band_bottom + 2.0;
  rows.strip_bottom = rows.strip_top + strip;
  rows.years_top = rows.strip_bottom + 2.0;
  const double curves_top = rows.years_top + in.font + 4.0;
  const double curves_bottom = in.top + in.height - 2.0;
  if (rows.payoff) {
    const double each = (curves_bottom - curves_top - 6.0) / 2.0;
    rows.trust_top = curves_top;
    rows.trust_bottom = curves_top + each;
    rows.payoff_top = rows.trust_bottom + 6.0;
    rows.payoff_bottom = curves_bottom;
  } else if (rows.trust) {
    rows.trust_top = curves_top;
    rows.trust_bottom = curves_bottom;
  }
  const bool any_curve = rows.trust || rows.payoff;
  rows.axis_x0 = in.left + (any_curve ? in.curve_name_width + 8.0 * in.scale : 6.0 * in.scale);
  rows.axis_x1 =
      in.left + in.width - (any_curve ? in.value_width + 6.0 * in.scale : 6.0 * in.scale);
  return rows;
}

}  // namespace treatysim::gui
