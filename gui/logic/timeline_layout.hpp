// timeline_layout.hpp — the geometry of the treaty timeline, as pure functions: months ↔ pixel x,
// the state bands, year ticks, negotiation spans, event labels placed without overlapping, and
// the per-month series drawn as curves.
//
// Pixel x grows to the right; a month occupies [x_of(m), x_of(m + 1)).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "engine/lifecycle/lifecycle.hpp"

namespace treatysim::gui {

// Maps the months [start, end) onto the pixels [x0, x1].
struct MonthAxis {
  Month start;
  Month end;  // exclusive; end > start
  double x0 = 0.0;
  double x1 = 1.0;

  // Pixels per month.
  [[nodiscard]] double month_width() const noexcept;
  // Left edge of month m (m may lie outside the range: the mapping extends linearly).
  [[nodiscard]] double x_of(Month m) const noexcept;
  // x of a point `months` months after the start (fractions allowed).
  [[nodiscard]] double x_at(double months) const noexcept;
  // The month under pixel x, clamped to [start, end − 1].
  [[nodiscard]] Month month_at(double x) const noexcept;
};

// One state of the treaty as a band [x0, x1).
struct StateBand {
  TreatyState state = TreatyState::kInForce;
  Month from;
  Month to;
  double x0 = 0.0;
  double x1 = 0.0;
};
// The timeline's entries as bands, in order (entries outside the axis are clipped; empty ones
// dropped).
[[nodiscard]] std::vector<StateBand> state_bands(const LifecycleResult& result,
                                                 const MonthAxis& axis);

// A year boundary (January) on the axis.
struct YearTick {
  int year = 0;
  double x = 0.0;
  bool labelled = false;  // every k-th year is labelled so labels stay ≥ min_spacing apart
};
// Januaries inside [start, end]; labels thinned to every 1, 2, 5, 10, … years so that labelled
// ticks are at least `min_label_spacing` pixels apart.
[[nodiscard]] std::vector<YearTick> year_ticks(const MonthAxis& axis, double min_label_spacing);

// One negotiation of the life as a span [x0, x1): from the month its talks opened to the month
// of its last offer (offer r falls in month opened + ⌊r / offers_per_month⌋) inclusive.
struct NegotiationSpan {
  std::size_t index = 0;  // into LifecycleResult::negotiations
  Month from;
  Month to;  // exclusive
  double x0 = 0.0;
  double x1 = 0.0;
};
[[nodiscard]] std::vector<NegotiationSpan> negotiation_spans(const LifecycleResult& result,
                                                             int offers_per_month,
                                                             const MonthAxis& axis);
// The negotiation under pixel x: among the spans containing x (widened to at least
// `min_width` pixels around their centre), the one that opened last; nullopt if none.
[[nodiscard]] std::optional<std::size_t> negotiation_at(const std::vector<NegotiationSpan>& spans,
                                                        double x, double min_width);

// A label to place above the timeline: centred on `anchor` (a marker's x), `width` pixels wide.
struct LabelRequest {
  double anchor = 0.0;
  double width = 0.0;
};
struct PlacedLabel {
  double x = 0.0;  // left edge
  int row = 0;     // 0 = the row nearest the band
  bool shown = true;
};
// Greedy placement in anchor order: each label is centred on its anchor, shifted to stay inside
// [x_min, x_max], and put in the lowest row where it keeps `gap` pixels from the labels already
// there — moved right by up to `max_shift` pixels if need be: the row needing the smallest shift
// wins, ties to the lowest row. A label that fits in none of `max_rows` rows is not shown (the
// panel shows it on hover). The result is in the order of `requests`.
[[nodiscard]] std::vector<PlacedLabel> place_labels(const std::vector<LabelRequest>& requests,
                                                    double x_min, double x_max, double gap,
                                                    int max_rows, double max_shift = 0.0);

// What the canvas of the timeline holds and in how much room.
struct TimelineRowsInput {
  double left = 0.0;  // the canvas, in pixels
  double top = 0.0;
  double width = 0.0;
  double height = 0.0;
  double font = 13.0;             // the small font's size (labels, years, curve names)
  double scale = 1.0;             // the style's scale (presenter mode: 2)
  int max_label_rows = 3;         // rows of event labels wanted at most
  bool curves = true;             // trust and payoff curves wanted (when they get min_curve)
  double min_curve = 32.5;        // the least height worth drawing a curve in
  double curve_name_width = 0.0;  // the widest curve name ("payoff"), drawn left of the axis
  double value_width = 0.0;       // the widest value drawn right of the axis ("75.78")
};

// The canvas, top to bottom: rows of event labels, the band of treaty states, the strip of
// negotiations, the year labels, then the trust curve over the running payoff.
struct TimelineRows {
  double axis_x0 = 0.0;  // the month axis, between the curve names and the values
  double axis_x1 = 0.0;
  int label_rows = 0;
  double row_height = 0.0;  // of a label row: font + 2
  double labels_top = 0.0;
  double band_top = 0.0;
  double band_bottom = 0.0;
  double strip_top = 0.0;
  double strip_bottom = 0.0;
  double years_top = 0.0;
  bool trust = false;  // the trust curve is drawn, in [trust_top, trust_bottom]
  double trust_top = 0.0;
  double trust_bottom = 0.0;
  bool payoff = false;  // the payoff curve is drawn, in [payoff_top, payoff_bottom]
  double payoff_top = 0.0;
  double payoff_bottom = 0.0;
};

// Splits the canvas. Always: 2 px, the label rows (font + 2 each), 4·scale, the band
// (max(14, font + 3)), 2, the strip (7·scale), 2, the years (font + 4), and 2 px at the bottom.
// What room is left goes, in this order, to: one label row; the trust curve (min_curve); the
// payoff curve (6 px gap + min_curve); more label rows up to max_label_rows. The curves then
// share what is still left equally. The axis leaves room for the curve names on the left
// (name + 8·scale) and the values on the right (value + 6·scale) when a curve is drawn, else
// 6·scale on each side.
[[nodiscard]] TimelineRows timeline_rows(const TimelineRowsInput& input);

// A point of a curve (data or pixels, as the function says).
struct CurvePoint {
  double x = 0.0;
  double y = 0.0;
  friend constexpr bool operator==(const CurvePoint&, const CurvePoint&) = default;
};
// A per-month series (value k belongs to month start + k, as after the month) as plot points:
// x = the month's right edge on the axis, y = the value.
[[nodiscard]] std::vector<CurvePoint> monthly_points(const std::vector<double>& values,
                                                     const MonthAxis& axis);
// The series as pixels, ready to draw as a polyline: monthly_points decimated (plot_math's
// decimate, keeping each bucket's extremes) to about one bucket per `pixels_per_bucket` pixels of
// the axis, and y mapped from [lo, hi] onto [bottom, top] (screen y grows downwards).
[[nodiscard]] std::vector<CurvePoint> curve_pixels(const std::vector<double>& values,
                                                   const MonthAxis& axis, double top, double bottom,
                                                   double lo, double hi,
                                                   double pixels_per_bucket = 3.0);
// One party's column of a per-month, per-party table (trust, payoffs).
[[nodiscard]] std::vector<double> party_column(
    const std::vector<std::array<double, kPartyCount>>& table, PartyIndex party);
// The running total of the discounted monthly payoffs, Σ_{j≤k} δ^j·payoff_j with δ the treaty's
// monthly_discount: the engine reports only the final total (LifecycleResult::
// cumulative_discounted), which the last value equals (tested).
[[nodiscard]] std::vector<double> running_discounted_payoff(const LifecycleResult& result,
                                                            PartyIndex party,
                                                            double monthly_discount);

}  // namespace treatysim::gui
