// The controls panel's rows (gui/logic/control_rows.hpp), with the numbers of the 1280×800 and
// 1920×1080 windows worked by hand: the open-file hint reads whole, the speed's value sits beside
// its slider, the seed keeps the room the deadline does not need.
//
// The controls column at 1280×800 is round(0.23·1280) = 294 px wide; inset 3 px on both sides,
// its content runs from the 10 px window padding to 288 − 10 = 278 (268 px). At 1920×1080 it is
// round(0.23·1920) = 442 px: content from 10 to 426. The label column starts at x = 97 (the
// longest label, "learning_rate", 85 px, plus 12). Measured DejaVu Sans 15 px widths:
// "scenario .toml or trace .json" 181 px, ".toml or .json file" 109 px, "Open" 34 px (a 50 px
// button with the 8 px frame padding on both sides), "Speed" 40 px, "1000 actions/s" 94 px,
// "Seed" 32 px, "Deadline" 57 px, "9999" 33 px. The frame height is 15 + 2·4 = 23 px.
#include <doctest/doctest.h>

#include <vector>

#include "gui/logic/control_rows.hpp"

using treatysim::gui::field_row;
using treatysim::gui::FieldRow;
using treatysim::gui::RowGeometry;
using treatysim::gui::seed_deadline_row;
using treatysim::gui::slider_row;
using treatysim::gui::speed_text;

namespace {
constexpr RowGeometry kSmall{10.0f, 278.0f, 97.0f};  // 1280×800
constexpr RowGeometry kLarge{10.0f, 426.0f, 97.0f};  // 1920×1080
}  // namespace

TEST_CASE("control rows: the open-file hint reads whole at 1280x800 and 1920x1080") {
  const std::vector<float> hints{181.0f, 109.0f};
  // 1280×800: beside the label the field is 278 − 97 − 50 − 8 = 123 px, too narrow for
  // 181 + 16 = 197; from the row's start it is 278 − 10 − 58 = 210 px: the whole hint.
  const FieldRow small = field_row(kSmall, 50.0f, 8.0f, 8.0f, hints);
  CHECK_FALSE(small.show_label);
  CHECK(small.hint == 0);
  CHECK(small.x == 10.0f);
  CHECK(small.field_width == 210.0f);
  // 1920×1080: 426 − 97 − 58 = 271 px beside the label ≥ 197: label and whole hint.
  const FieldRow large = field_row(kLarge, 50.0f, 8.0f, 8.0f, hints);
  CHECK(large.show_label);
  CHECK(large.hint == 0);
  CHECK(large.x == 97.0f);
  CHECK(large.field_width == 271.0f);
  // A 230 px row (10 to 240): 172 px from the start: the long hint does not read whole, the
  // short one (109 + 16 = 125) does — not beside the label (240 − 97 − 58 = 85).
  const FieldRow mid = field_row({10.0f, 240.0f, 97.0f}, 50.0f, 8.0f, 8.0f, hints);
  CHECK_FALSE(mid.show_label);
  CHECK(mid.hint == 1);
  CHECK(mid.field_width == 172.0f);
  // A 180 px row: 122 px, not even the short hint reads whole: the shortest is shown.
  const FieldRow narrow = field_row({10.0f, 190.0f, 97.0f}, 50.0f, 8.0f, 8.0f, hints);
  CHECK_FALSE(narrow.show_label);
  CHECK(narrow.hint == 1);
  CHECK(narrow.field_width == 122.0f);
}

TEST_CASE("control rows: the speed's value beside its slider, never on it") {
  const float min_slider = 4.0f * 23.0f;  // 92 px
  // 1280×800: from the label column 278 − 97 − 94 − 8 = 79 px < 92, so the slider starts after
  // "Speed": x = 10 + 40 + 8 = 58, 278 − 58 − 94 − 8 = 118 px.
  const auto small = slider_row(kSmall, 40.0f, 94.0f, 8.0f, min_slider);
  CHECK(small.value_beside);
  CHECK(small.x == 58.0f);
  CHECK(small.slider_width == 118.0f);
  // 1920×1080: from the label column, 426 − 97 − 102 = 227 px.
  const auto large = slider_row(kLarge, 40.0f, 94.0f, 8.0f, min_slider);
  CHECK(large.value_beside);
  CHECK(large.x == 97.0f);
  CHECK(large.slider_width == 227.0f);
  // A 200 px row: 210 − 58 − 102 = 50 px even after the label: the slider takes the rest,
  // 152 px, and shows its value itself.
  const auto narrow = slider_row({10.0f, 210.0f, 97.0f}, 40.0f, 94.0f, 8.0f, min_slider);
  CHECK_FALSE(narrow.value_beside);
  CHECK(narrow.x == 58.0f);
  CHECK(narrow.slider_width == 152.0f);
}

TEST_CASE("control rows: the speed as text") {
  CHECK(speed_text(0.5) == "0.5 actions/s");
  CHECK(speed_text(4.0) == "4 actions/s");
  CHECK(speed_text(2.4) == "2.4 actions/s");
  CHECK(speed_text(9.96) == "10 actions/s");
  CHECK(speed_text(96.0) == "96 actions/s");
  CHECK(speed_text(1000.0) == "1000 actions/s");
}

TEST_CASE("control rows: the seed takes the room the deadline does not need") {
  const float min_seed = 83.0f;  // seven digits and the padding
  // 1280×800, from the label column: fields 278 − 97 − 57 − 16 = 108, the deadline 33 + 16 = 49,
  // the seed 59 < 83; after "Seed" (x = 10 + 32 + 8 = 50): fields 278 − 50 − 73 = 155, the seed
  // 106.
  const auto small = seed_deadline_row(kSmall, 32.0f, 57.0f, 33.0f, min_seed, 8.0f, 8.0f);
  CHECK(small.x == 50.0f);
  CHECK(small.seed_width == 106.0f);
  CHECK(small.deadline_width == 49.0f);
  // 1920×1080: from the label column, fields 426 − 97 − 73 = 256: the seed 207, the deadline 49.
  const auto large = seed_deadline_row(kLarge, 32.0f, 57.0f, 33.0f, min_seed, 8.0f, 8.0f);
  CHECK(large.x == 97.0f);
  CHECK(large.seed_width == 207.0f);
  CHECK(large.deadline_width == 49.0f);
  // A 150 px row: 160 − 50 − 73 = 37 px for both fields, less than two deadline fields.
  const auto narrow =
      seed_deadline_row({10.0f, 160.0f, 97.0f}, 32.0f, 57.0f, 33.0f, min_seed, 8.0f, 8.0f);
  CHECK(narrow.seed_width == 18.5f);
  CHECK(narrow.deadline_width == 18.5f);
}

TEST_CASE("control rows: buttons per row so that every label reads whole") {
  using treatysim::gui::buttons_per_row;
  // Presenter mode (30 px text, 16 px frame padding, 16 px spacing): "Counter" 112, "Accept"
  // 100, "Walk away" 150 px. In the play panel's 458 px: three need (458 − 32) / 3 = 142 each
  // < 150 + 32 = 182; two get (458 − 16) / 2 = 221 ≥ 182.
  const std::vector<float> labels{112.0f, 100.0f, 150.0f};
  CHECK(buttons_per_row(labels, 458.0f, 16.0f, 16.0f) == 2);
  // The normal window (15 px text: 56, 50, 75 px; 8 px padding and spacing) in 326 px: three of
  // (326 − 16) / 3 = 103.3 ≥ 91.
  CHECK(buttons_per_row({56.0f, 50.0f, 75.0f}, 326.0f, 8.0f, 8.0f) == 3);
  // Too narrow even for two: one a row; no labels: one.
  CHECK(buttons_per_row(labels, 300.0f, 16.0f, 16.0f) == 1);
  CHECK(buttons_per_row({}, 300.0f, 16.0f, 16.0f) == 1);
}

TEST_CASE("control rows: the first text that fits") {
  using treatysim::gui::first_that_fits;
  CHECK(first_that_fits({300.0f, 200.0f, 100.0f}, 250.0f) == 1);
  CHECK(first_that_fits({300.0f, 200.0f, 100.0f}, 300.0f) == 0);
  CHECK(first_that_fits({300.0f, 200.0f, 100.0f}, 50.0f) == 2);
}
