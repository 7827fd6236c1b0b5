// plot_math.hpp — the arithmetic of drawing plots, separate from ImGui so it can be tested:
// mapping data coordinates to pixels, nice axis ticks, decimating long series to about the
// plot's pixel width, binning big outcome clouds into a density grid, and laying out a legend
// in rows under a plot.
//
// Nothing here computes a negotiation number: values come from the engine; this only maps them
// to the screen (and keeps the GL2 renderer under its ~65k-vertex limit per window).
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace treatysim::gui {

// A point in data or pixel coordinates.
struct Vec2d {
  double x = 0.0;
  double y = 0.0;
  friend constexpr bool operator==(const Vec2d&, const Vec2d&) = default;
};

// An axis-aligned rectangle [min.x, max.x] × [min.y, max.y].
struct PlotRect {
  Vec2d min;
  Vec2d max;
  [[nodiscard]] constexpr double width() const noexcept { return max.x - min.x; }
  [[nodiscard]] constexpr double height() const noexcept { return max.y - min.y; }
  // True when p lies inside (edges included).
  [[nodiscard]] constexpr bool contains(Vec2d p) const noexcept {
    return p.x >= min.x && p.x <= max.x && p.y >= min.y && p.y <= max.y;
  }
};

// Maps a data rectangle onto a pixel rectangle, with the data y axis pointing up (screen y grows
// downwards): data.min ↦ (pixels.min.x, pixels.max.y), data.max ↦ (pixels.max.x, pixels.min.y).
// A data rectangle of zero width or height is widened by ±0.5 around its value so the mapping
// stays invertible.
class PlotTransform {
 public:
  PlotTransform(PlotRect data, PlotRect pixels) noexcept;

  // Pixel position of a data point.
  [[nodiscard]] Vec2d to_pixel(Vec2d data) const noexcept;
  // Data point at a pixel position (inverse of to_pixel).
  [[nodiscard]] Vec2d to_data(Vec2d pixel) const noexcept;
  // Pixel x of a data x; pixel y of a data y.
  [[nodiscard]] double pixel_x(double data_x) const noexcept;
  [[nodiscard]] double pixel_y(double data_y) const noexcept;
  [[nodiscard]] const PlotRect& data() const noexcept { return data_; }
  [[nodiscard]] const PlotRect& pixels() const noexcept { return pixels_; }

 private:
  PlotRect data_;
  PlotRect pixels_;
};

// "Nice" tick positions covering [lo, hi]: multiples of 1, 2 or 5 × 10ᵏ, chosen so that there are
// about `target_count` ticks (at least 2 when lo < hi), every tick inside [lo, hi] (within
// 1e-9 of the step). Empty when lo > hi or target_count < 1; {lo} when lo == hi.
[[nodiscard]] std::vector<double> nice_ticks(double lo, double hi, int target_count);
// The step nice_ticks uses for this range and count (0 when the range is empty).
[[nodiscard]] double nice_step(double lo, double hi, int target_count) noexcept;

// One point of a series kept by decimate: the x value and the y value.
struct SeriesPoint {
  double x = 0.0;
  double y = 0.0;
  friend constexpr bool operator==(const SeriesPoint&, const SeriesPoint&) = default;
};

// Reduces a series (x non-decreasing) to at most about 2·bucket_count points for drawing: the
// x range is cut into `bucket_count` equal buckets and each bucket keeps its first, minimum,
// maximum and last points (in their original order, duplicates removed). Properties: the global
// minimum and maximum y are kept, the first and last points are kept, the output is a
// subsequence of the input, and its size is at most 4·bucket_count. A series of at most
// 4·bucket_count points is returned unchanged. bucket_count < 1 counts as 1.
[[nodiscard]] std::vector<SeriesPoint> decimate(const std::vector<SeriesPoint>& series,
                                                std::size_t bucket_count);

// One column of a series' envelope: a bucket's x range and the y range the series covers in it.
struct EnvelopeColumn {
  double x0 = 0.0;  // the bucket's left edge (data x)
  double x1 = 0.0;  // its right edge
  double y_min = 0.0;
  double y_max = 0.0;
  friend constexpr bool operator==(const EnvelopeColumn&, const EnvelopeColumn&) = default;
};

// The envelope of a dense series (x non-decreasing): the x range [first x, last x] is cut into
// `bucket_count` equal buckets (as decimate does) and each non-empty bucket gives one column
// whose y range covers its points and the last point before it, so that consecutive columns
// join as the line through the points would. Drawn as one bar per pixel column it looks like
// that line and costs two triangles per column. Properties: at most bucket_count columns, in
// increasing x; the union of the y ranges covers every point; the first column starts at the
// first x. Empty for an empty series; bucket_count < 1 counts as 1.
[[nodiscard]] std::vector<EnvelopeColumn> envelope(const std::vector<SeriesPoint>& series,
                                                   std::size_t bucket_count);

// A density grid over a data rectangle: cell (column, row) counts the points inside it; row 0 is
// at the bottom of the data (low y). Points outside the rectangle are clamped into the edge cells,
// so the counts always sum to the number of points binned.
class DensityGrid {
 public:
  // An empty grid (columns, rows ≥ 1; smaller values count as 1).
  DensityGrid(PlotRect data, std::size_t columns, std::size_t rows);
  // Counts one point.
  void add(Vec2d point) noexcept;
  [[nodiscard]] std::size_t columns() const noexcept { return columns_; }
  [[nodiscard]] std::size_t rows() const noexcept { return rows_; }
  // The count of a cell.
  [[nodiscard]] std::uint32_t count(std::size_t column, std::size_t row) const noexcept {
    return counts_[row * columns_ + column];
  }
  // The largest count of any cell.
  [[nodiscard]] std::uint32_t max_count() const noexcept { return max_count_; }
  // The sum of all counts (= points added).
  [[nodiscard]] std::uint64_t total() const noexcept { return total_; }
  // The data rectangle of one cell.
  [[nodiscard]] PlotRect cell(std::size_t column, std::size_t row) const noexcept;
  // Shade of a count in [0, 1]: log(1 + count) / log(1 + max_count) (0 for an empty grid).
  [[nodiscard]] double intensity(std::size_t column, std::size_t row) const noexcept;

 private:
  PlotRect data_;
  std::size_t columns_;
  std::size_t rows_;
  std::vector<std::uint32_t> counts_;
  std::uint32_t max_count_ = 0;
  std::uint64_t total_ = 0;
};

// Where an item of a left-to-right flow goes (a legend laid out in rows under a plot).
struct FlowSlot {
  std::size_t row = 0;  // 0 is the first row
  double x = 0.0;       // offset from the left edge
};

// Places items of the given widths left to right with `gap` between them, starting a new row
// when the next item would pass `available` (an item wider than `available` gets a row of its
// own). One slot per item, in order; the number of rows is the last slot's row + 1.
[[nodiscard]] std::vector<FlowSlot> flow_rows(const std::vector<double>& widths, double available,
                                              double gap);

// Where a plot's legend goes in an area `width` × `height` pixels: in rows under the plot
// (`below_height` tall), or in a column right of it (`column_width` wide with its gap,
// `column_height` tall).
enum class LegendSide : std::uint8_t { kBelow, kRight };

// The side that leaves the plot the larger of its smaller sides, min(width, height) — the data
// of an outcome space is a square — ties to below; the column only when it fits the height.
// Presenter mode at 1280×800 has a wide, short outcome space, where the column wins.
[[nodiscard]] LegendSide legend_side(double width, double height, double below_height,
                                     double column_width, double column_height) noexcept;

// The left edge of a label `width` pixels wide beside a marker at `anchor_x`, `offset` pixels
// away: on the marker's left when it fits right of `min_x`, else on its right when it fits left
// of `max_x`, else against `min_x` (the "agreement" label of an outcome at the plot's left edge).
[[nodiscard]] double side_label_x(double anchor_x, double offset, double width, double min_x,
                                  double max_x) noexcept;

// Where the two reservation lines' labels go (top-left corners), in a plot whose pixel rectangle
// is `plot`: the first party's vertical line at x = `line_x`, its label `width0` wide at the
// foot of the line on its right (on its left when it would pass the plot's right edge, and
// against the right edge, over the line, when it fits on neither side); the
// second party's horizontal line at y = `line_y`, its label `width1` wide above the line at the
// plot's left (below it when it would pass the top). `height` is the text's, `pad` the gap. When
// the two would overlap (both reservations near 0, as in split-the-pie), the first moves above
// the second.
struct ReservationLabels {
  Vec2d first;
  Vec2d second;
};
[[nodiscard]] ReservationLabels reservation_labels(const PlotRect& plot, double line_x,
                                                   double line_y, double width0, double width1,
                                                   double height, double pad) noexcept;

// Outcome clouds with more points than this are drawn as a density grid (each point costs four
// vertices; a window must stay under ~60k vertices with the trails and text).
inline constexpr std::size_t kMaxPointsDrawn = 8'000;

}  // namespace treatysim::gui
