// control_rows.hpp — the arithmetic of the controls panel's rows, so that no label is cut and no
// text sits on a widget: the open-file row (a field with a hint and a button), the speed row (a
// slider with its value printed beside it, not on the slider's grab) and the seed / deadline row.
//
// Widths are in pixels; the caller measures its texts (ImGui) and passes the widths in. A field's
// text needs its width plus the frame padding on both sides. Positions are x from the panel's
// left edge, as ImGui::SameLine takes them.
#pragma once

#include <string>
#include <vector>

namespace treatysim::gui {

/// Where a row of the panel lies.
struct RowGeometry {
  float start = 0.0f;         ///< Where the row's content starts (the window padding).
  float end = 0.0f;           ///< Where it ends (start + the content width).
  float label_column = 0.0f;  ///< Where widgets after a label start, when rows are aligned.
};

/// The open-file row: [label] [field showing a hint] [button].
struct FieldRow {
  bool show_label = true;  ///< False: the field starts at the row's start (no label).
  std::size_t hint = 0;    ///< Index of the hint to show (into the widths given).
  float x = 0.0f;          ///< Where the field starts.
  float field_width = 0.0f;
};

/// The first hint (longest first) that reads whole in the field, beside the label (from the
/// label column) if it fits there, else with the field starting at the row's start; when none
/// reads whole, the last (shortest) hint from the row's start. `button_width` and one `spacing`
/// are kept at the end for the button; `frame_padding` is the field's inner padding per side.
[[nodiscard]] FieldRow field_row(const RowGeometry& row, float button_width, float spacing,
                                 float frame_padding, const std::vector<float>& hint_widths);

/// A slider whose value is printed beside it rather than on it.
struct SliderRow {
  float x = 0.0f;             ///< Where the slider starts.
  float slider_width = 0.0f;  ///< The slider's width.
  bool value_beside = true;   ///< False: too narrow; the value is printed on the slider.
};

/// The row [label][slider][value]: the slider starts at the label column when it keeps
/// `min_slider` there, else right after the label (`label_width` and one `spacing`); the value's
/// text (`value_width`, the widest it can take) follows after one `spacing`. When even then the
/// slider would be narrower than `min_slider`, it takes the rest of the row and shows its value
/// itself.
[[nodiscard]] SliderRow slider_row(const RowGeometry& row, float label_width, float value_width,
                                   float spacing, float min_slider);

/// The speed as the speed row prints it: "0.5 actions/s", "4 actions/s", "96 actions/s",
/// "1000 actions/s" (whole numbers from 10 up, else one decimal without a trailing ".0").
[[nodiscard]] std::string speed_text(double actions_per_second);

/// The seed / deadline row: [Seed][seed field] [Deadline][deadline field].
struct SeedDeadlineRow {
  float x = 0.0f;  ///< Where the seed field starts, from the row's left edge.
  float seed_width = 0.0f;
  float deadline_width = 0.0f;
};

/// The deadline field gets room for `deadline_text_width` (its widest expected number) plus its
/// padding (`frame_padding` per side); the seed, a 64-bit number, gets the rest. The seed field
/// starts at the label column when it keeps `min_seed` there, else right after its label
/// (`seed_label_width` and one `spacing`). Between the seed field, the "Deadline" label
/// (`deadline_label_width`) and its field go two `spacing`s. When the row is too narrow for two
/// deadline fields, both fields share it equally.
[[nodiscard]] SeedDeadlineRow seed_deadline_row(const RowGeometry& row, float seed_label_width,
                                                float deadline_label_width,
                                                float deadline_text_width, float min_seed,
                                                float spacing, float frame_padding);

/// How many equal buttons go in a row of width `avail` (`spacing` between them) so that every
/// label (its width plus `frame_padding` on both sides) reads whole: the most, from all of them
/// down to one a row. E.g. Counter / Accept / Walk away in presenter mode's narrow play panel
/// go two and one.
[[nodiscard]] std::size_t buttons_per_row(const std::vector<float>& label_widths, float avail,
                                          float spacing, float frame_padding);

/// The index of the first of `widths` (longest text first) that fits in `avail`, else the last.
[[nodiscard]] std::size_t first_that_fits(const std::vector<float>& widths, float avail);

}  // namespace treatysim::gui
