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

TEST_CASE("wrap_to_lines: whole in the lines allowed, else the last line cut with an ellipsis") {
  using treatysim::gui::wrap_to_lines;
  // One unit per byte; "…" is three bytes, so three units.
  const std::string title = "U.S.-China Science and Technology Agreement, 2023-24 renegotiation";
  // 34 units, two lines: "U.S.-China Science and Technology" (33) and the rest (32), whole.
  const auto two = wrap_to_lines(title, 34.0f, 2, chars);
  CHECK(two.lines == std::vector<std::string>{"U.S.-China Science and Technology",
                                              "Agreement, 2023-24 renegotiation"});
  CHECK_FALSE(two.cut);
  // One line: the longest beginning that fits with the ellipsis, 31 + 3 = 34 units.
  const auto one = wrap_to_lines(title, 34.0f, 1, chars);
  CHECK(one.lines == std::vector<std::string>{"U.S.-China Science and Technolo\u2026"});
  CHECK(one.cut);
  // 20 units, two lines: the second line takes the rest ("and Technology Agreement, …") and is
  // cut to 17 + 3 units.
  const auto narrow = wrap_to_lines(title, 20.0f, 2, chars);
  CHECK(narrow.lines == std::vector<std::string>{"U.S.-China Science", "and Technology Ag\u2026"});
  CHECK(narrow.cut);
  // A word wider than the line is cut too; zero lines asked for counts as one.
  const auto word = wrap_to_lines("AI/quantum/biomedical", 10.0f, 0, chars);
  CHECK(word.lines == std::vector<std::string>{"AI/quan\u2026"});
  CHECK(word.cut);
  // A word wider than the line breaks after its slashes.
  const auto slashes = wrap_to_lines("broad incl. AI/quantum/biomedical", 12.0f, 3, chars);
  CHECK(slashes.lines == std::vector<std::string>{"broad incl.", "AI/quantum/", "biomedical"});
  CHECK_FALSE(slashes.cut);
  // Short texts are untouched.
  CHECK(wrap_to_lines("5 years", 10.0f, 3, chars).lines == std::vector<std::string>{"5 years"});
}
