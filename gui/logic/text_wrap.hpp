// text_wrap.hpp — word wrapping that breaks lines at spaces only, cutting a text to a width, and
// wrapping into a limited number of lines.
//
// ImGui 1.86's own wrapping also breaks after '.', ',' and other punctuation, which splits
// numbers such as "0.57" across lines; the narration is full of numbers, so it wraps here.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace treatysim::gui {

// Splits `text` into lines no wider than `max_width` (as measured by `width_of`), breaking only
// at spaces (the space at a break is dropped). A single word wider than `max_width` stays whole
// on its own line. Never returns an empty vector for non-empty text.
[[nodiscard]] std::vector<std::string> wrap_at_spaces(
    std::string_view text, float max_width, const std::function<float(std::string_view)>& width_of);

// `text` when it fits in `max_width`; otherwise its longest beginning that fits with "…" after
// it (cut at a UTF-8 character boundary, trailing spaces dropped), or "…" alone when not even
// one character does.
[[nodiscard]] std::string fit_with_ellipsis(std::string_view text, float max_width,
                                            const std::function<float(std::string_view)>& width_of);

// A text wrapped into a limited number of lines.
struct WrappedText {
  std::vector<std::string> lines;  // at most the number asked for
  bool cut = false;                // true when the last line ends in "…" (the rest did not fit)
};

// Wraps `text` into at most `max_lines` lines (≥ 1) no wider than `max_width`, breaking at
// spaces and, inside a word wider than a line, after a '/' ("AI/quantum/" | "biomedical"); when
// more lines would be needed, the last line holds the rest of the text cut with
// fit_with_ellipsis, as is a line holding a word still too wide. For the scenario's title in the
// top bar and the clause board's cells, whose whole text the window shows on hover when cut.
[[nodiscard]] WrappedText wrap_to_lines(std::string_view text, float max_width,
                                        std::size_t max_lines,
                                        const std::function<float(std::string_view)>& width_of);

}  // namespace treatysim::gui
