// The window layout (gui/logic/layout.hpp): for every mode, with and without presenter mode, at
// several window sizes, the panels and the top bar tile the window exactly (areas sum to the
// window's, no two overlap, all inside), minimum sizes hold where the window has room, presenter
// mode shows fewer panels, and dragging a splitter moves exactly that boundary.
#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <string>

#include "gui/logic/layout.hpp"

using treatysim::gui::compute_layout;
using treatysim::gui::kAllPanels;
using treatysim::gui::Layout;
using treatysim::gui::LayoutInput;
using treatysim::gui::minimum_size;
using treatysim::gui::Mode;
using treatysim::gui::panel_bit;
using treatysim::gui::PanelId;
using treatysim::gui::panels_for;
using treatysim::gui::PanelSet;
using treatysim::gui::Rect;
using treatysim::gui::SplitId;

namespace {

constexpr Mode kModes[] = {Mode::kSimulate, Mode::kPlay, Mode::kEdit, Mode::kReplay,
                           Mode::kTournament};

bool overlap(const Rect& a, const Rect& b) {
  return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
}

void check_tiles(const LayoutInput& input, const Layout& layout) {
  CAPTURE(static_cast<int>(input.mode));
  CAPTURE(input.presenter);
  CAPTURE(input.width);
  CAPTURE(input.height);
  double area = layout.top_bar.area();
  for (std::size_t i = 0; i < layout.panels.size(); ++i) {
    const Rect& r = layout.panels[i].rect;
    CHECK(r.width > 0.0f);
    CHECK(r.height > 0.0f);
    CHECK(r.x >= 0.0f);
    CHECK(r.y >= layout.top_bar.bottom());
    CHECK(r.right() <= input.width);
    CHECK(r.bottom() <= input.height);
    CHECK(r.x == std::round(r.x));  // whole pixels
    CHECK(r.y == std::round(r.y));
    CHECK_FALSE(overlap(r, layout.top_bar));
    for (std::size_t j = i + 1; j < layout.panels.size(); ++j) {
      CHECK_FALSE(overlap(r, layout.panels[j].rect));
    }
    area += r.area();
  }
  CHECK(area == doctest::Approx(static_cast<double>(input.width) * input.height));
}

}  // namespace

TEST_CASE("panels tile the window exactly in every mode, size and presenter setting") {
  const float sizes[][2] = {{1280, 800}, {1920, 1080}, {1024, 700}, {640, 400}, {300, 200}};
  for (const Mode mode : kModes) {
    for (const bool presenter : {false, true}) {
      for (const auto& size : sizes) {
        LayoutInput input;
        input.mode = mode;
        input.presenter = presenter;
        input.width = size[0];
        input.height = size[1];
        input.text_height = presenter ? 30.0f : 15.0f;
        input.top_bar_height = presenter ? 56.0f : 36.0f;
        input.splits = treatysim::gui::default_splits(mode, presenter);
        const Layout layout = compute_layout(input);
        // Every panel of the mode is placed, except presenter mode's timeline where the window
        // is too short for it under the outcome space.
        PanelSet placed = 0;
        for (const auto& placement : layout.panels) placed |= panel_bit(placement.id);
        const PanelSet wanted = panels_for(mode, presenter);
        CHECK((placed & ~wanted) == 0);
        const PanelSet optional = presenter ? panel_bit(PanelId::kTimeline) : 0;
        CHECK((wanted & ~placed & ~optional) == 0);
        CHECK(layout.panels.size() == static_cast<std::size_t>(std::popcount(placed)));
        check_tiles(input, layout);
      }
    }
  }
}

TEST_CASE("at 1280x800 every panel gets at least its minimum size") {
  for (const Mode mode : kModes) {
    for (const bool presenter : {false, true}) {
      LayoutInput input;
      input.mode = mode;
      input.presenter = presenter;
      input.text_height = presenter ? 30.0f : 15.0f;
      input.top_bar_height = presenter ? 56.0f : 36.0f;
      input.splits = treatysim::gui::default_splits(mode, presenter);
      const auto needed = treatysim::gui::minimum_window(input);
      CHECK(needed.width <= 1280.0f);
      CHECK(needed.height <= 800.0f);
      for (const auto& placement : compute_layout(input).panels) {
        CAPTURE(std::string(treatysim::gui::panel_title(placement.id)));
        CAPTURE(presenter);
        const auto minimum = minimum_size(placement.id, input.text_height, presenter);
        CHECK(placement.rect.width >= minimum.width);
        if (placement.id != PanelId::kNarration && placement.id != PanelId::kReplayBar) {
          CHECK(placement.rect.height >= minimum.height);
        }
      }
    }
  }
}

TEST_CASE("the simulate layout at 1280x800 follows the wireframe, by hand") {
  LayoutInput input;  // 1280x800, 15 px text, top bar 36, splits 0.23 / 0.28 / 0.28 / 0.44
  const Layout layout = compute_layout(input);
  CHECK(layout.top_bar == Rect{0, 0, 1280, 36});
  // Columns: round(0.23·1280) = 294, right round(0.28·1280) = 358, centre 1280−294−358 = 628.
  CHECK(layout.find(PanelId::kControls)->rect.width == 294.0f);
  CHECK(layout.find(PanelId::kOutcomeSpace)->rect.x == 294.0f);
  CHECK(layout.find(PanelId::kOutcomeSpace)->rect.width == 628.0f);
  CHECK(layout.find(PanelId::kClauseBoard)->rect.width == 358.0f);
  // Rows of the 764 px content: narration (two lines) 2·(15+2) + 16 + 6 = 56, bottom
  // round(0.28·764) = 214, upper 764−56−214 = 494.
  CHECK(layout.find(PanelId::kOutcomeSpace)->rect.height == 494.0f);
  CHECK(layout.find(PanelId::kNarration)->rect == Rect{0, 530, 1280, 56});
  CHECK(layout.find(PanelId::kUtilities)->rect == Rect{0, 586, 563, 214});  // round(0.44·1280)
  CHECK(layout.find(PanelId::kTimeline)->rect == Rect{563, 586, 717, 214});
  CHECK(layout.splitters.size() == 4);
}

TEST_CASE("presenter mode's narration strip holds two lines of its 30 px text, by hand") {
  LayoutInput input;
  input.presenter = true;
  input.text_height = 30.0f;
  input.ui_scale = 2.0f;  // the theme's paddings doubled: window padding 16, line spacing 12
  input.top_bar_height = 56.0f;
  input.splits = treatysim::gui::default_splits(Mode::kSimulate, true);
  const Layout layout = compute_layout(input);
  // 2·(30 + 4) + 16·2 + 6 = 106: two 30 px lines 4 px apart, 16 px of padding above and below,
  // a 2 px border and the 3 px inset on each side; at the bottom of the window.
  CHECK(layout.find(PanelId::kNarration)->rect == Rect{0, 694, 1280, 106});
  // A long sentence: three lines, 3·34 + 38 = 140.
  input.narration_lines = 3;
  CHECK(compute_layout(input).find(PanelId::kNarration)->rect == Rect{0, 660, 1280, 140});
  input.narration_lines = 2;
  input.mode = Mode::kReplay;
  input.splits = treatysim::gui::default_splits(Mode::kReplay, true);
  // The replay bar: round(30·1.15 + 26·2) = round(86.5) = 87 ≥ a 46 px slider + 32 + 4.
  const Layout replay = compute_layout(input);
  REQUIRE(replay.find(PanelId::kReplayBar) != nullptr);
  CHECK(replay.find(PanelId::kReplayBar)->rect.height == 87.0f);
}

TEST_CASE("presenter mode shows fewer panels than the normal view of the same mode") {
  for (const Mode mode : kModes) {
    CAPTURE(static_cast<int>(mode));
    const auto normal = panels_for(mode, false);
    const auto presenter = panels_for(mode, true);
    CHECK((presenter & ~normal) == 0);  // a subset
    if (mode != Mode::kEdit) CHECK(std::popcount(presenter) < std::popcount(normal));
  }
  CHECK((panels_for(Mode::kSimulate, true) & panel_bit(PanelId::kNarration)) != 0);
  CHECK((panels_for(Mode::kSimulate, true) & panel_bit(PanelId::kControls)) == 0);
}

TEST_CASE("panels that do not exist are left out and the others still tile the window") {
  LayoutInput input;
  input.available = kAllPanels & ~panel_bit(PanelId::kTimeline) & ~panel_bit(PanelId::kControls);
  const Layout layout = compute_layout(input);
  CHECK(layout.find(PanelId::kTimeline) == nullptr);
  CHECK(layout.find(PanelId::kControls) == nullptr);
  REQUIRE(layout.find(PanelId::kUtilities) != nullptr);
  CHECK(layout.find(PanelId::kUtilities)->rect.width == 1280.0f);  // alone in the bottom row
  CHECK(layout.find(PanelId::kOutcomeSpace)->rect.x == 0.0f);
  check_tiles(input, layout);

  input.mode = Mode::kTournament;
  input.available = kAllPanels & ~panel_bit(PanelId::kTournament);
  const Layout tournament = compute_layout(input);
  REQUIRE(tournament.panels.size() == 1);  // the controls move into the centre
  CHECK(tournament.panels[0].rect == Rect{0, 36, 1280, 764});
}

TEST_CASE("dragging a splitter moves that boundary by the drag, within minimum sizes") {
  LayoutInput input;
  const Layout before = compute_layout(input);
  input.splits = treatysim::gui::drag_split(input, SplitId::kLeft, 40.0f);
  const Layout after = compute_layout(input);
  CHECK(after.find(PanelId::kControls)->rect.width == 334.0f);
  CHECK(after.find(PanelId::kOutcomeSpace)->rect.width == 588.0f);
  CHECK(after.find(PanelId::kClauseBoard)->rect == before.find(PanelId::kClauseBoard)->rect);

  input.splits = treatysim::gui::drag_split(input, SplitId::kBottom, -50.0f);  // up: taller
  CHECK(compute_layout(input).find(PanelId::kTimeline)->rect.height == 264.0f);

  // Dragging far past the minimum stops there, and dragging back has no dead zone.
  input.splits = treatysim::gui::drag_split(input, SplitId::kLeft, -500.0f);
  CHECK(compute_layout(input).find(PanelId::kControls)->rect.width ==
        minimum_size(PanelId::kControls, 15.0f).width);
  input.splits = treatysim::gui::drag_split(input, SplitId::kLeft, 10.0f);
  CHECK(compute_layout(input).find(PanelId::kControls)->rect.width ==
        minimum_size(PanelId::kControls, 15.0f).width + 10.0f);
}

TEST_CASE("presenter mode: the timeline under the outcome space, the clause board beside both") {
  LayoutInput input;
  input.presenter = true;
  input.text_height = 30.0f;
  input.ui_scale = 2.0f;
  input.splits = treatysim::gui::default_splits(Mode::kSimulate, true);
  // 1280×800 with the title on two lines: top bar max(36 + 16, 2·30) + 14 = 74.
  input.top_bar_height = treatysim::gui::top_bar_height(52.0f, 2, 30.0f);
  CHECK(input.top_bar_height == 74.0f);
  Layout layout = compute_layout(input);
  check_tiles(input, layout);
  // Content 726: the narration 106 at the bottom, 620 above it. Columns: the board
  // round(0.40·1280) = 512, the centre 768. Under the outcome space the timeline wants
  // 0.22·726 = 159.7 but has its minimum of 5.5 lines, 165; the outcome space 620 − 165 = 455.
  CHECK(layout.find(PanelId::kOutcomeSpace)->rect == Rect{0, 74, 768, 455});
  CHECK(layout.find(PanelId::kTimeline)->rect == Rect{0, 529, 768, 165});
  CHECK(layout.find(PanelId::kClauseBoard)->rect == Rect{768, 74, 512, 620});
  CHECK(layout.find(PanelId::kNarration)->rect == Rect{0, 694, 1280, 106});
  // A three-line narration (140) leaves 586 ≥ 420 + 165: the timeline stays, the outcome
  // space gives way.
  input.narration_lines = 3;
  CHECK(compute_layout(input).find(PanelId::kOutcomeSpace)->rect.height == 421.0f);
  CHECK(compute_layout(input).find(PanelId::kTimeline)->rect.height == 165.0f);
  input.narration_lines = 2;
  REQUIRE(layout.splitters.size() == 2);
  // Dragging the gap above the timeline 20 px up makes it 20 px taller; 40 px more stop at the
  // outcome space's minimum, 14 lines = 420 px (the timeline 620 − 420 = 200).
  input.splits = treatysim::gui::drag_split(input, SplitId::kBottom, -20.0f);
  layout = compute_layout(input);
  CHECK(layout.find(PanelId::kTimeline)->rect == Rect{0, 509, 768, 185});
  CHECK(layout.find(PanelId::kOutcomeSpace)->rect.height == 435.0f);
  input.splits = treatysim::gui::drag_split(input, SplitId::kBottom, -40.0f);
  CHECK(compute_layout(input).find(PanelId::kTimeline)->rect.height == 200.0f);
  input.splits = treatysim::gui::default_splits(Mode::kSimulate, true);

  // Replay mode adds its bar (round(30·1.15 + 52) = 87): 533 px above the strips, less than the
  // outcome space's 420 and the timeline's 165, so the outcome space keeps the column.
  input.mode = Mode::kReplay;
  layout = compute_layout(input);
  check_tiles(input, layout);
  CHECK(layout.find(PanelId::kTimeline) == nullptr);
  CHECK(layout.find(PanelId::kOutcomeSpace)->rect == Rect{0, 74, 768, 533});
  input.mode = Mode::kSimulate;

  // 1920×1080, the title on one line: top bar 52 + 14 = 66, content 1014, 908 above the
  // narration; the board 768, the centre 1152; the timeline 0.22·1014 = 223.1 → 223, the
  // outcome space 685.
  input.width = 1920.0f;
  input.height = 1080.0f;
  input.top_bar_height = treatysim::gui::top_bar_height(52.0f, 1, 30.0f);
  input.splits = treatysim::gui::default_splits(Mode::kSimulate, true);
  layout = compute_layout(input);
  check_tiles(input, layout);
  CHECK(layout.find(PanelId::kOutcomeSpace)->rect == Rect{0, 66, 1152, 685});
  CHECK(layout.find(PanelId::kTimeline)->rect == Rect{0, 751, 1152, 223});
  CHECK(layout.find(PanelId::kClauseBoard)->rect == Rect{1152, 66, 768, 908});
  CHECK(layout.find(PanelId::kNarration)->rect == Rect{0, 974, 1920, 106});

  // Replay mode at 1920×1080: 908 − 87 = 821 px hold both.
  input.mode = Mode::kReplay;
  input.splits = treatysim::gui::default_splits(Mode::kReplay, true);
  CHECK(compute_layout(input).find(PanelId::kTimeline) != nullptr);
  input.mode = Mode::kSimulate;

  // Without a treaty to show, the outcome space takes the column again.
  input.available = kAllPanels & ~panel_bit(PanelId::kTimeline);
  layout = compute_layout(input);
  CHECK(layout.find(PanelId::kTimeline) == nullptr);
  CHECK(layout.find(PanelId::kOutcomeSpace)->rect == Rect{0, 66, 1152, 908});
}

TEST_CASE("the top bar's height: a button's frame or the title's lines, with 7 px around") {
  using treatysim::gui::top_bar_height;
  CHECK(top_bar_height(25.0f, 1, 17.0f) == 39.0f);  // the normal window: 17 px heading frame
  CHECK(top_bar_height(52.0f, 1, 30.0f) == 66.0f);  // presenter, one line
  CHECK(top_bar_height(52.0f, 2, 30.0f) == 74.0f);  // presenter, two lines
  CHECK(treatysim::gui::top_bar_title_lines(true) == 2);
  CHECK(treatysim::gui::top_bar_title_lines(false) == 1);
}
