#include "gui/logic/plot_math.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace treatysim::gui {

namespace {

// Widens a degenerate interval to ±0.5 around its value.
void widen(double& lo, double& hi) noexcept {
  if (!(hi > lo)) {
    const double mid = lo;
    lo = mid - 0.5;
    hi = mid + 0.5;
  }
}

}  // namespace

PlotTransform::PlotTransform(PlotRect data, PlotRect pixels) noexcept
    : data_(data), pixels_(pixels) {
  widen(data_.min.x, data_.max.x);
  widen(data_.min.y, data_.max.y);
}

double PlotTransform::pixel_x(double data_x) const noexcept {
  return pixels_.min.x + (data_x - data_.min.x) / data_.width() * pixels_.width();
}

double PlotTransform::pixel_y(double data_y) const noexcept {
  return pixels_.max.y - (data_y - data_.min.y) / data_.height() * pixels_.height();
}

Vec2d PlotTransform::to_pixel(Vec2d data) const noexcept {
  return {pixel_x(data.x), pixel_y(data.y)};
}

Vec2d PlotTransform::to_data(Vec2d pixel) const noexcept {
  const double w = pixels_.width();
  const double h = pixels_.height();
  return {data_.min.x + (w != 0.0 ? (pixel.x - pixels_.min.x) / w : 0.0) * data_.width(),
          data_.min.y + (h != 0.0 ? (pixels_.max.y - pixel.y) / h : 0.0) * data_.height()};
}

double nice_step(double lo, double hi, int target_count) noexcept {
  if (!(hi > lo) || target_count < 1 || !std::isfinite(hi - lo)) return 0.0;
  const double raw = (hi - lo) / static_cast<double>(std::max(target_count, 1));
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double fraction = raw / magnitude;
  double nice = 10.0;
  if (fraction <= 1.0) {
    nice = 1.0;
  } else if (fraction <= 2.0) {
    nice = 2.0;
  } else if (fraction <= 5.0) {
    nice = 5.0;
  }
  return nice * magnitude;
}

std::vector<double> nice_ticks(double lo, double hi, int target_count) {
  std::vector<double> ticks;
  if (lo > hi || target_count < 1 || !std::isfinite(lo) || !std::isfinite(hi)) return ticks;
  if (lo == hi) return {lo};
  double step = nice_step(lo, hi, target_count);
  // Make sure there are at least two ticks inside the range.
  while (std::floor(hi / step + 1e-9) - std::ceil(lo / step - 1e-9) < 1.0) step /= 2.0;
  const double first = std::ceil(lo / step - 1e-9);
  const double last = std::floor(hi / step + 1e-9);
  for (double k = first; k <= last; k += 1.0) {
    const double value = k * step;
    ticks.push_back(std::abs(value) < step * 1e-9 ? 0.0 : value);
  }
  return ticks;
}

std::vector<SeriesPoint> decimate(const std::vector<SeriesPoint>& series,
                                  std::size_t bucket_count) {
  const std::size_t buckets = std::max<std::size_t>(bucket_count, 1);
  if (series.size() <= 4 * buckets) return series;
  const double x0 = series.front().x;
  const double x1 = series.back().x;
  const double width = x1 > x0 ? x1 - x0 : 1.0;
  std::vector<SeriesPoint> out;
  out.reserve(4 * buckets);
  std::size_t begin = 0;
  while (begin < series.size()) {
    // The bucket of series[begin] and the first point beyond it.
    const auto bucket = std::min(
        buckets - 1, static_cast<std::size_t>(std::max(0.0, (series[begin].x - x0) / width) *
                                              static_cast<double>(buckets)));
    std::size_t end = begin + 1;
    while (end < series.size()) {
      const auto b = std::min(buckets - 1,
                              static_cast<std::size_t>(std::max(0.0, (series[end].x - x0) / width) *
                                                       static_cast<double>(buckets)));
      if (b != bucket) break;
      ++end;
    }
    std::size_t lo = begin;
    std::size_t hi = begin;
    for (std::size_t i = begin; i < end; ++i) {
      if (series[i].y < series[lo].y) lo = i;
      if (series[i].y > series[hi].y) hi = i;
    }
    std::size_t keep[4] = {begin, std::min(lo, hi), std::max(lo, hi), end - 1};
    std::size_t last_kept = std::numeric_limits<std::size_t>::max();
    for (const std::size_t k : keep) {
      if (k != last_kept) out.push_back(series[k]);
      last_kept = k;
    }
    begin = end;
  }
  return out;
}

std::vector<EnvelopeColumn> envelope(const std::vector<SeriesPoint>& series,
                                     std::size_t bucket_count) {
  std::vector<EnvelopeColumn> out;
  if (series.empty()) return out;
  const std::size_t buckets = std::max<std::size_t>(bucket_count, 1);
  const double x0 = series.front().x;
  const double x1 = series.back().x;
  const double width = x1 > x0 ? x1 - x0 : 1.0;
  const double step = width / static_cast<double>(buckets);
  const auto bucket_of = [&](double x) {
    return std::min(buckets - 1, static_cast<std::size_t>(std::max(0.0, (x - x0) / width) *
                                                          static_cast<double>(buckets)));
  };
  std::size_t begin = 0;
  while (begin < series.size()) {
    const std::size_t bucket = bucket_of(series[begin].x);
    EnvelopeColumn column{x0 + step * static_cast<double>(bucket),
                          x0 + step * static_cast<double>(bucket + 1), series[begin].y,
                          series[begin].y};
    if (begin > 0) {
      column.y_min = std::min(column.y_min, series[begin - 1].y);
      column.y_max = std::max(column.y_max, series[begin - 1].y);
    }
    std::size_t end = begin;
    while (end < series.size() && bucket_of(series[end].x) == bucket) {
      column.y_min = std::min(column.y_min, series[end].y);
      column.y_max = std::max(column.y_max, series[end].y);
      ++end;
    }
    out.push_back(column);
    begin = end;
  }
  return out;
}

DensityGrid::DensityGrid(PlotRect data, std::size_t columns, std::size_t rows)
    : data_(data),
      columns_(std::max<std::size_t>(columns, 1)),
      rows_(std::max<std::size_t>(rows, 1)),
      counts_(columns_ * rows_, 0) {
  widen(data_.min.x, data_.max.x);
  widen(data_.min.y, data_.max.y);
}

void DensityGrid::add(Vec2d point) noexcept {
  auto bin = [](double value, double lo, double span, std::size_t n) {
    const double f = (value - lo) / span * static_cast<double>(n);
    if (!(f > 0.0)) return std::size_t{0};  // also NaN
    return std::min(n - 1, static_cast<std::size_t>(f));
  };
  const std::size_t c = bin(point.x, data_.min.x, data_.width(), columns_);
  const std::size_t r = bin(point.y, data_.min.y, data_.height(), rows_);
  std::uint32_t& count = counts_[r * columns_ + c];
  ++count;
  max_count_ = std::max(max_count_, count);
  ++total_;
}

PlotRect DensityGrid::cell(std::size_t column, std::size_t row) const noexcept {
  const double w = data_.width() / static_cast<double>(columns_);
  const double h = data_.height() / static_cast<double>(rows_);
  const double x = data_.min.x + w * static_cast<double>(column);
  const double y = data_.min.y + h * static_cast<double>(row);
  return PlotRect{{x, y}, {x + w, y + h}};
}

double DensityGrid::intensity(std::size_t column, std::size_t row) const noexcept {
  if (max_count_ == 0) return 0.0;
  return std::log1p(static_cast<double>(count(column, row))) /
         std::log1p(static_cast<double>(max_count_));
}

std::vector<FlowSlot> flow_rows(const std::vector<double>& widths, double available, double gap) {
  std::vector<FlowSlot> slots;
  slots.reserve(widths.size());
  std::size_t row = 0;
  double x = 0.0;
  for (const double w : widths) {
    if (x > 0.0 && x + w > available) {
      ++row;
      x = 0.0;
    }
    slots.push_back({row, x});
    x += w + gap;
  }
  return slots;
}

LegendSide legend_side(double width, double height, double below_height, double column_width,
                       double column_height) noexcept {
  const double below = std::min(width, height - below_height);
  const double right = std::min(width - column_width, height);
  return column_height <= height && right > below ? LegendSide::kRight : LegendSide::kBelow;
}

double side_label_x(double anchor_x, double offset, double width, double min_x,
                    double max_x) noexcept {
  const double left = anchor_x - offset - width;
  if (left >= min_x) return left;
  const double right = anchor_x + offset;
  if (right + width <= max_x) return right;
  return min_x;
}

ReservationLabels reservation_labels(const PlotRect& plot, double line_x, double line_y,
                                     double width0, double width1, double height,
                                     double pad) noexcept {
  ReservationLabels labels;
  labels.first = {line_x + pad, plot.max.y - height - pad};
  if (labels.first.x + width0 > plot.max.x) {
    // Left of the line when it fits there, else as far right as the plot allows (over the line).
    labels.first.x = line_x - pad - width0 >= plot.min.x
                         ? line_x - pad - width0
                         : std::max(plot.min.x, plot.max.x - width0);
  }
  labels.second = {plot.min.x + pad, line_y - height - pad};
  if (labels.second.y < plot.min.y) labels.second.y = line_y + pad;
  const bool overlap =
      labels.first.x < labels.second.x + width1 && labels.second.x < labels.first.x + width0 &&
      labels.first.y < labels.second.y + height && labels.second.y < labels.first.y + height;
  if (overlap) labels.first.y = labels.second.y - height - pad;
  return labels;
}

}  // namespace treatysim::gui
