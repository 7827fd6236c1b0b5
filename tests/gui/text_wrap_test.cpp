#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "gui/logic/text_wrap.hpp"

using treatysim::gui::wrap_at_spaces;

namespace {
// Every character is 1 unit wide.
float chars(std::string_view s) {
  return static_cast<float>(s.size());
}
}  // namespace

TEST_CASE("text wrap: lines break at spaces only, never inside a number") {
  // ImGui would break "0.57" after the dot; here the whole number moves to the next line.
  const auto lines = wrap_at_spaces("it is worth 0.57 to it", 14.0f, chars);
  CHECK(lines == std::vector<std::string>{"it is worth", "0.57 to it"});
}

TEST_CASE("text wrap: short text stays on one line, long words stay whole") {
  CHECK(wrap_at_spaces("short", 80.0f, chars) == std::vector<std::string>{"short"});
  CHECK(wrap_at_spaces("", 10.0f, chars) == std::vector<std::string>{""});
  CHECK(wrap_at_spaces("a verylongword b", 5.0f, chars) ==
        std::vector<std::string>{"a", "verylongword", "b"});
}

TEST_CASE("text wrap: every line fits and the words come back in order") {
  const std::string text =
      "Round 24: China now offers basic research only (Scope), none (Data reciprocity) and "
      "none (Dual-use guardrails); the U.S. rejects — it is worth 0.57 to it.";
  for (float width : {10.0f, 25.0f, 40.0f, 200.0f}) {
    const auto lines = wrap_at_spaces(text, width, chars);
    std::string joined;
    for (const auto& line : lines) {
      if (line.find(' ') != std::string::npos) CHECK(chars(line) <= width);
      joined += (joined.empty() ? "" : " ") + line;
    }
    CHECK(joined == text);
  }
}

namespace {
// Width in characters (UTF-8 code points), so that "…" (3 bytes) is 1 wide.
float code_points(std::string_view s) {
  float n = 0.0f;
  for (const char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) n += 1.0f;
  }
  return n;
}
}  // namespace

TEST_CASE("fit_with_ellipsis: whole when it fits, else the longest beginning with an ellipsis") {
  using treatysim::gui::fit_with_ellipsis;
  CHECK(fit_with_ellipsis("S0  basic research only", 40.0f, code_points) ==
        "S0  basic research only");
  // 12 wide: 11 characters + "…"; the space before the cut is dropped.
  CHECK(fit_with_ellipsis("S0  basic research only", 12.0f, code_points) == "S0  basic r\u2026");
  CHECK(fit_with_ellipsis("S0  basic research only", 10.0f, code_points) == "S0  basic\u2026");
  // Never cuts inside a multi-byte character: "–" is 3 bytes, 1 wide.
  CHECK(fit_with_ellipsis("a\u2013b\u2013c\u2013d", 4.0f, code_points) == "a\u2013b\u2026");
  CHECK(fit_with_ellipsis("abc", 0.5f, code_points) == "\u2026");
  // Property: the result fits (or is the ellipsis alone) for every width.
  const std::string text = "IP3  generic pre-2018 wording";
  for (int w = 1; w <= 40; ++w) {
    const std::string fitted = fit_with_ellipsis(text, static_cast<float>(w), code_points);
    CHECK(code_points(fitted) <= static_cast<float>(std::max(w, 1)));
  }
}
