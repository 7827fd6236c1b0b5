// text_wrap.hpp — word wrapping that breaks lines at spaces only, and cutting a text to a width.
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

}  // namespace treatysim::gui
