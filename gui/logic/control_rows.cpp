#include "gui/logic/control_rows.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace treatysim::gui {

FieldRow field_row(const RowGeometry& row, float button_width, float spacing, float frame_padding,
                   const std::vector<float>& hint_widths) {
  const auto field_from = [&](float x) {
    return std::max(0.0f, row.end - x - button_width - spacing);
  };
  const float with_label = field_from(row.label_column);
  const float without_label = field_from(row.start);
  const auto reads_whole = [&](std::size_t i, float field) {
    return hint_widths[i] + 2.0f * frame_padding <= field;
  };
  for (std::size_t i = 0; i < hint_widths.size(); ++i) {
    if (reads_whole(i, with_label)) return {true, i, row.label_column, with_label};
    if (reads_whole(i, without_label)) return {false, i, row.start, without_label};
  }
  return {false, hint_widths.empty() ? 0 : hint_widths.size() - 1, row.start, without_label};
}

SliderRow slider_row(const RowGeometry& row, float label_width, float value_width, float spacing,
                     float min_slider) {
  const auto slider_from = [&](float x) { return row.end - x - value_width - spacing; };
  if (slider_from(row.label_column) >= min_slider) {
    return {row.label_column, slider_from(row.label_column), true};
  }
  const float after_label = row.start + label_width + spacing;
  if (slider_from(after_label) >= min_slider) return {after_label, slider_from(after_label), true};
  return {after_label, std::max(0.0f, row.end - after_label), false};
}

std::string speed_text(double actions_per_second) {
  char buffer[48];
  const double v = std::isfinite(actions_per_second) ? actions_per_second : 0.0;
  const double tenths = std::round(v * 10.0) / 10.0;
  if (v >= 10.0 || tenths == std::round(tenths)) {
    std::snprintf(buffer, sizeof buffer, "%.0f actions/s", v);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f actions/s", v);
  }
  return buffer;
}

SeedDeadlineRow seed_deadline_row(const RowGeometry& row, float seed_label_width,
                                  float deadline_label_width, float deadline_text_width,
                                  float min_seed, float spacing, float frame_padding) {
  const float deadline = deadline_text_width + 2.0f * frame_padding;
  const auto row_from = [&](float x) -> SeedDeadlineRow {
    const float fields = std::max(0.0f, row.end - x - deadline_label_width - 2.0f * spacing);
    if (deadline * 2.0f > fields) return {x, fields / 2.0f, fields / 2.0f};
    return {x, fields - deadline, deadline};
  };
  const SeedDeadlineRow aligned = row_from(row.label_column);
  if (aligned.seed_width >= min_seed) return aligned;
  return row_from(row.start + seed_label_width + spacing);
}

std::size_t buttons_per_row(const std::vector<float>& label_widths, float avail, float spacing,
                            float frame_padding) {
  float widest = 0.0f;
  for (const float w : label_widths) widest = std::max(widest, w);
  const float needed = widest + 2.0f * frame_padding;
  for (std::size_t k = label_widths.size(); k > 1; --k) {
    const float each = (avail - spacing * static_cast<float>(k - 1)) / static_cast<float>(k);
    if (each >= needed) return k;
  }
  return 1;
}

std::size_t first_that_fits(const std::vector<float>& widths, float avail) {
  for (std::size_t i = 0; i < widths.size(); ++i) {
    if (widths[i] <= avail) return i;
  }
  return widths.empty() ? 0 : widths.size() - 1;
}

}  // namespace treatysim::gui
