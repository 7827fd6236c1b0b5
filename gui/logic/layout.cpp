#include "gui/logic/layout.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace treatysim::gui {

namespace {

constexpr float kSplitterThickness = 8.0f;

// The shape of a mode's arrangement before availability is applied.
struct Arrangement {
  std::optional<PanelId> left;
  std::optional<PanelId> centre;
  std::optional<PanelId> right;
  std::vector<PanelId> strips;  // full width, fixed height, top to bottom
  std::vector<PanelId> bottom;  // zero to two
  // A panel under the centre column only (presenter mode's timeline): the side columns span
  // its height, so the right column keeps the whole height of the upper row.
  std::optional<PanelId> below_centre{};
};

Arrangement arrangement_for(Mode mode, bool presenter) {
  using P = PanelId;
  switch (mode) {
    case Mode::kSimulate:
      // Presenter mode: the treaty timeline under the outcome space; the clause board keeps the
      // column's whole height (its labels need it at 28–36 px), the narration at the bottom.
      if (presenter) {
        return {std::nullopt, P::kOutcomeSpace, P::kClauseBoard, {P::kNarration}, {}, P::kTimeline};
      }
      return {P::kControls,
              P::kOutcomeSpace,
              P::kClauseBoard,
              {P::kNarration},
              {P::kUtilities, P::kTimeline}};
    case Mode::kPlay:
      if (presenter) return {P::kHumanPlay, P::kOutcomeSpace, std::nullopt, {P::kNarration}, {}};
      return {P::kHumanPlay, P::kOutcomeSpace, P::kClauseBoard, {P::kNarration}, {P::kUtilities}};
    case Mode::kEdit:
      return {P::kScenarioEditor, P::kOutcomeSpace, std::nullopt, {}, {}};
    case Mode::kReplay:
      if (presenter) {
        return {std::nullopt, P::kOutcomeSpace, P::kClauseBoard, {P::kReplayBar, P::kNarration},
                {},           P::kTimeline};
      }
      return {P::kControls,
              P::kOutcomeSpace,
              P::kClauseBoard,
              {P::kReplayBar, P::kNarration},
              {P::kUtilities, P::kTimeline}};
    case Mode::kTournament:
      if (presenter) return {std::nullopt, P::kTournament, std::nullopt, {}, {}};
      return {P::kControls, P::kTournament, std::nullopt, {}, {}};
  }
  return {};
}

// Fixed-height strips. The narration: its lines (two, or three for a long sentence at a large
// size) of text with 2·scale between them, the window's padding (8·scale above and below), its
// border (≤ 2·scale) and the 3 px inset on each side: L·(text + 2·scale) + 16·scale + 6. The
// replay bar: a slider line and its padding.
float strip_height(PanelId id, const LayoutInput& input) {
  if (id == PanelId::kNarration) {
    const auto lines = static_cast<float>(std::clamp(input.narration_lines, 2, 3));
    return std::round(lines * (input.text_height + 2.0f * input.ui_scale) + 16.0f * input.ui_scale +
                      6.0f);
  }
  return std::round(input.text_height * 1.15f + 26.0f * input.ui_scale);
}

Arrangement available_arrangement(const LayoutInput& input) {
  Arrangement all = arrangement_for(input.mode, input.presenter);
  const auto has = [&](PanelId id) { return (input.available & panel_bit(id)) != 0; };
  const auto keep = [&](std::optional<PanelId>& slot) {
    if (slot && !has(*slot)) slot.reset();
  };
  keep(all.left);
  keep(all.centre);
  keep(all.right);
  std::erase_if(all.strips, [&](PanelId id) { return !has(id); });
  std::erase_if(all.bottom, [&](PanelId id) { return !has(id); });
  keep(all.below_centre);
  // The panel under the centre only when both keep their minimum heights in the row left by
  // the top bar and the strips (presenter mode's Replay at 1280×800 has no room for the
  // timeline under the outcome space; Simulate has).
  if (all.below_centre && all.centre) {
    float upper = input.height - input.top_bar_height;
    for (const PanelId id : all.strips) upper -= strip_height(id, input);
    const float needed = minimum_size(*all.centre, input.text_height, input.presenter).height +
                         minimum_size(*all.below_centre, input.text_height, input.presenter).height;
    if (upper < needed) all.below_centre.reset();
  }
  // The centre takes what the side columns leave: with no centre panel the right column (or
  // else the left) moves into it.
  if (!all.centre) {
    if (all.below_centre) {
      all.centre = all.below_centre;
      all.below_centre.reset();
    } else if (all.right) {
      all.centre = all.right;
      all.right.reset();
    } else if (all.left) {
      all.centre = all.left;
      all.left.reset();
    }
  }
  return all;
}

// One length of a row or column: the wanted size, its minimum; the flexible one takes the rest.
struct Want {
  float wanted = 0.0f;
  float minimum = 0.0f;
  bool flexible = false;
};

// Lengths that sum to `total`: fixed ones at their wanted size (at least the minimum), the
// flexible one the remainder; fixed ones give way (down to their minimum) when the flexible one
// would fall below its minimum; all shrink in proportion to their minimums when even that is
// too much. Boundaries are rounded to whole pixels without changing the sum.
std::vector<float> fit_lengths(float total, const std::vector<Want>& wants) {
  std::vector<float> lengths(wants.size(), 0.0f);
  float min_sum = 0.0f;
  for (const Want& want : wants) min_sum += want.minimum;
  if (min_sum >= total) {
    for (std::size_t i = 0; i < wants.size(); ++i) {
      lengths[i] = min_sum > 0.0f ? wants[i].minimum * total / min_sum
                                  : total / static_cast<float>(wants.size());
    }
  } else {
    float fixed_sum = 0.0f;
    float slack = 0.0f;  // how far the fixed ones can give way
    std::optional<std::size_t> flexible;
    for (std::size_t i = 0; i < wants.size(); ++i) {
      if (wants[i].flexible) {
        flexible = i;
        continue;
      }
      lengths[i] = std::max(wants[i].wanted, wants[i].minimum);
      fixed_sum += lengths[i];
      slack += lengths[i] - wants[i].minimum;
    }
    const float flexible_min = flexible ? wants[*flexible].minimum : 0.0f;
    const float shortfall = fixed_sum + flexible_min - total;
    if (shortfall > 0.0f && slack > 0.0f) {
      const float give = std::min(1.0f, shortfall / slack);
      for (std::size_t i = 0; i < wants.size(); ++i) {
        if (!wants[i].flexible) lengths[i] -= (lengths[i] - wants[i].minimum) * give;
      }
    }
    float used = 0.0f;
    for (std::size_t i = 0; i < wants.size(); ++i) {
      if (!wants[i].flexible) used += lengths[i];
    }
    if (flexible) {
      lengths[*flexible] = total - used;
    } else if (used > 0.0f) {  // no flexible part: scale to fill
      for (float& length : lengths) length *= total / used;
    }
  }
  // Whole-pixel boundaries: round the running sum.
  float sum = 0.0f;
  float previous = 0.0f;
  for (std::size_t i = 0; i < lengths.size(); ++i) {
    sum += lengths[i];
    const float boundary = i + 1 == lengths.size() ? total : std::round(sum);
    lengths[i] = boundary - previous;
    previous = boundary;
  }
  return lengths;
}

Rect splitter_rect_vertical(float x, float top, float height) {
  return {x - kSplitterThickness / 2.0f, top, kSplitterThickness, height};
}

Rect splitter_rect_horizontal(float y, float left, float width) {
  return {left, y - kSplitterThickness / 2.0f, width, kSplitterThickness};
}

}  // namespace

const PanelPlacement* Layout::find(PanelId id) const noexcept {
  for (const PanelPlacement& placement : panels) {
    if (placement.id == id) return &placement;
  }
  return nullptr;
}

Splits default_splits(Mode mode, bool presenter) noexcept {
  Splits splits;
  switch (mode) {
    case Mode::kSimulate:
    case Mode::kReplay:
      splits.right = presenter ? 0.40f : 0.28f;
      if (presenter) splits.bottom = 0.22f;  // the timeline under the outcome space
      break;
    case Mode::kPlay:
      splits.left = presenter ? 0.42f : 0.28f;
      splits.right = 0.26f;
      break;
    case Mode::kEdit:
      splits.left = presenter ? 0.45f : 0.36f;
      break;
    case Mode::kTournament:
      break;
  }
  return splits;
}

PanelSet panels_for(Mode mode, bool presenter) noexcept {
  const Arrangement arrangement = arrangement_for(mode, presenter);
  PanelSet set = 0;
  for (const auto& slot : {arrangement.left, arrangement.centre, arrangement.right}) {
    if (slot) set |= panel_bit(*slot);
  }
  for (const PanelId id : arrangement.strips) set |= panel_bit(id);
  for (const PanelId id : arrangement.bottom) set |= panel_bit(id);
  if (arrangement.below_centre) set |= panel_bit(*arrangement.below_centre);
  return set;
}

Size minimum_size(PanelId id, float text_height, bool presenter) noexcept {
  const auto lines = [text_height](float width, float height) {
    return Size{width * text_height, height * text_height};
  };
  switch (id) {
    case PanelId::kControls:
      return lines(17.0f, 14.0f);
    case PanelId::kHumanPlay:
      return lines(18.0f, 14.0f);
    case PanelId::kScenarioEditor:
      return lines(22.0f, 14.0f);
    case PanelId::kOutcomeSpace:
      return lines(18.0f, 14.0f);
    case PanelId::kClauseBoard:
      return lines(16.0f, 14.0f);
    case PanelId::kReplayBar:
      return lines(20.0f, 2.0f);
    case PanelId::kNarration:
      return lines(20.0f, 2.0f);
    case PanelId::kUtilities:
      return lines(20.0f, 7.0f);
    case PanelId::kTimeline:
      // Presenter mode's timeline has no controls and no title bar: a row of event labels, the
      // band, the negotiation strip and the years (timeline_rows in timeline_layout.hpp).
      return presenter ? lines(24.0f, 5.5f) : lines(24.0f, 7.0f);
    case PanelId::kTournament:
      return lines(24.0f, 14.0f);
  }
  return {};
}

Size minimum_window(const LayoutInput& input) noexcept {
  const Arrangement a = available_arrangement(input);
  const float th = input.text_height;
  const bool pr = input.presenter;
  float upper_width = 0.0f;
  float upper_height = 0.0f;
  for (const auto& slot : {a.left, a.centre, a.right}) {
    if (!slot) continue;
    Size size = minimum_size(*slot, th, pr);
    if (slot == a.centre && a.below_centre) {
      const Size below = minimum_size(*a.below_centre, th, pr);
      size = {std::max(size.width, below.width), size.height + below.height};
    }
    upper_width += size.width;
    upper_height = std::max(upper_height, size.height);
  }
  float width = upper_width;
  float height = input.top_bar_height + upper_height;
  for (const PanelId id : a.strips) height += strip_height(id, input);
  float bottom_width = 0.0f;
  float bottom_height = 0.0f;
  for (const PanelId id : a.bottom) {
    bottom_width += minimum_size(id, th, pr).width;
    bottom_height = std::max(bottom_height, minimum_size(id, th, pr).height);
  }
  return {std::max(width, bottom_width), height + bottom_height};
}

Layout compute_layout(const LayoutInput& input) {
  const Arrangement a = available_arrangement(input);
  const float width = std::max(input.width, 1.0f);
  const float height = std::max(input.height, 1.0f);
  const float th = input.text_height;
  const bool pr = input.presenter;
  const auto min_of = [&](PanelId id) { return minimum_size(id, th, pr); };
  Layout layout;
  const float top = std::min(std::round(input.top_bar_height), height);
  layout.top_bar = {0.0f, 0.0f, width, top};
  const float content = height - top;

  // Rows: upper, strips, bottom.
  std::vector<Want> rows;
  float upper_min = 0.0f;
  for (const auto& slot : {a.left, a.centre, a.right}) {
    if (!slot) continue;
    float h = min_of(*slot).height;
    if (slot == a.centre && a.below_centre) h += min_of(*a.below_centre).height;
    upper_min = std::max(upper_min, h);
  }
  const bool has_upper = a.left || a.centre || a.right;
  if (has_upper) rows.push_back({0.0f, upper_min, true});
  for (const PanelId id : a.strips) {
    const float h = strip_height(id, input);
    rows.push_back({h, h, false});
  }
  float bottom_min = 0.0f;
  for (const PanelId id : a.bottom) bottom_min = std::max(bottom_min, min_of(id).height);
  if (!a.bottom.empty()) {
    rows.push_back({input.splits.bottom * content, bottom_min, !has_upper});
  }
  if (rows.empty()) return layout;
  const std::vector<float> row_heights = fit_lengths(content, rows);

  float y = top;
  std::size_t row = 0;
  if (has_upper) {
    std::vector<Want> columns;
    std::vector<PanelId> ids;
    if (a.left) {
      columns.push_back({input.splits.left * width, min_of(*a.left).width, false});
      ids.push_back(*a.left);
    }
    if (a.centre) {
      float centre_min = min_of(*a.centre).width;
      if (a.below_centre) centre_min = std::max(centre_min, min_of(*a.below_centre).width);
      columns.push_back({0.0f, centre_min, true});
      ids.push_back(*a.centre);
    }
    if (a.right) {
      columns.push_back({input.splits.right * width, min_of(*a.right).width, false});
      ids.push_back(*a.right);
    }
    const std::vector<float> widths = fit_lengths(width, columns);
    const float h = row_heights[row++];
    float x = 0.0f;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (ids[i] == a.centre && a.below_centre) {
        // The centre column holds two panels; the one below takes its share of the content
        // height (splits.bottom), the centre panel the rest.
        const std::vector<float> heights = fit_lengths(
            h, {{0.0f, min_of(*a.centre).height, true},
                {input.splits.bottom * content, min_of(*a.below_centre).height, false}});
        layout.panels.push_back({ids[i], {x, y, widths[i], heights[0]}});
        layout.panels.push_back({*a.below_centre, {x, y + heights[0], widths[i], heights[1]}});
        layout.splitters.push_back(
            {SplitId::kBottom, splitter_rect_horizontal(y + heights[0], x, widths[i]), false});
      } else {
        layout.panels.push_back({ids[i], {x, y, widths[i], h}});
      }
      if (i > 0) {
        const SplitId split = (a.left && i == 1) ? SplitId::kLeft : SplitId::kRight;
        layout.splitters.push_back({split, splitter_rect_vertical(x, y, h), true});
      }
      x += widths[i];
    }
    y += h;
  }
  for (const PanelId id : a.strips) {
    const float h = row_heights[row++];
    layout.panels.push_back({id, {0.0f, y, width, h}});
    y += h;
  }
  if (!a.bottom.empty()) {
    const float h = row_heights[row++];
    if (has_upper) {
      layout.splitters.push_back(
          {SplitId::kBottom, splitter_rect_horizontal(y, 0.0f, width), false});
    }
    std::vector<Want> columns;
    columns.push_back(
        {input.splits.bottom_middle * width, min_of(a.bottom[0]).width, a.bottom.size() == 1});
    if (a.bottom.size() > 1) columns.push_back({0.0f, min_of(a.bottom[1]).width, true});
    const std::vector<float> widths = fit_lengths(width, columns);
    float x = 0.0f;
    for (std::size_t i = 0; i < a.bottom.size(); ++i) {
      layout.panels.push_back({a.bottom[i], {x, y, widths[i], h}});
      if (i > 0) {
        layout.splitters.push_back({SplitId::kBottomMiddle, splitter_rect_vertical(x, y, h), true});
      }
      x += widths[i];
    }
  }
  return layout;
}

Splits drag_split(const LayoutInput& input, SplitId split, float delta) {
  const Layout before = compute_layout(input);
  const float width = std::max(input.width, 1.0f);
  const float content = std::max(input.height - before.top_bar.height, 1.0f);
  LayoutInput moved = input;
  const Arrangement a = available_arrangement(input);
  const auto size_of = [](const Layout& layout, const std::optional<PanelId>& id,
                          bool horizontal) -> std::optional<float> {
    if (!id) return std::nullopt;
    const PanelPlacement* placement = layout.find(*id);
    if (placement == nullptr) return std::nullopt;
    return horizontal ? placement->rect.width : placement->rect.height;
  };
  // The panel whose height the bottom splitter sets: the first of the bottom row, or the one
  // under the centre column.
  const std::optional<PanelId> bottom_first =
      a.bottom.empty() ? a.below_centre : std::optional<PanelId>(a.bottom.front());
  switch (split) {
    case SplitId::kLeft:
      if (auto w = size_of(before, a.left, true)) moved.splits.left = (*w + delta) / width;
      break;
    case SplitId::kRight:
      if (auto w = size_of(before, a.right, true)) moved.splits.right = (*w - delta) / width;
      break;
    case SplitId::kBottom:
      if (auto h = size_of(before, bottom_first, false))
        moved.splits.bottom = (*h - delta) / content;
      break;
    case SplitId::kBottomMiddle:
      if (auto w = size_of(before, bottom_first, true)) {
        moved.splits.bottom_middle = (*w + delta) / width;
      }
      break;
  }
  // Keep every column and row visible, then store what the layout actually gave.
  moved.splits.left = std::clamp(moved.splits.left, 0.05f, 0.8f);
  moved.splits.right = std::clamp(moved.splits.right, 0.05f, 0.8f);
  moved.splits.bottom = std::clamp(moved.splits.bottom, 0.05f, 0.8f);
  moved.splits.bottom_middle = std::clamp(moved.splits.bottom_middle, 0.1f, 0.9f);
  const Layout after = compute_layout(moved);
  Splits result = moved.splits;
  if (auto w = size_of(after, a.left, true)) result.left = *w / width;
  if (auto w = size_of(after, a.right, true)) result.right = *w / width;
  if (a.bottom.size() > 0 || a.below_centre) {
    if (auto h = size_of(after, bottom_first, false)) result.bottom = *h / content;
  }
  if (a.bottom.size() > 1) {
    if (auto w = size_of(after, bottom_first, true)) result.bottom_middle = *w / width;
  }
  return result;
}

float top_bar_height(float frame_height, std::size_t title_lines,
                     float title_line_height) noexcept {
  return std::round(std::max(frame_height, static_cast<float>(title_lines) * title_line_height) +
                    14.0f);
}

std::string_view panel_title(PanelId id) noexcept {
  switch (id) {
    case PanelId::kControls:
      return "Controls";
    case PanelId::kHumanPlay:
      return "Your move";
    case PanelId::kScenarioEditor:
      return "Scenario editor";
    case PanelId::kOutcomeSpace:
      return "Outcome space \xE2\x80\x94 every possible treaty, valued by each side";
    case PanelId::kClauseBoard:
      return "Clauses on the table";
    case PanelId::kReplayBar:
      return "Replay";
    case PanelId::kNarration:
      return "What just happened";
    case PanelId::kUtilities:
      return "Utility of each offer over rounds";
    case PanelId::kTimeline:
      return "Treaty timeline";
    case PanelId::kTournament:
      return "Tournament";
  }
  return "";
}

}  // namespace treatysim::gui
