#include <doctest/doctest.h>

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
