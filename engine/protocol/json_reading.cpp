#include "engine/protocol/json_reading.hpp"

namespace treatysim {

void check_json_depth(std::string_view text, const std::string& source) {
  std::size_t depth = 0;
  int line = 1;
  int column = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++column;  // columns in code points
    if (c == '\n') {
      ++line;
      column = 0;
    }
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxSavedJsonDepth) {
        throw UserError(SourceLocation{source, line, column}, "",
                        "arrays and objects nested more than " +
                            std::to_string(kMaxSavedJsonDepth) +
                            " levels deep (treatysim's files nest at most 5; "
                            "docs/reliability.md)");
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
}

}  // namespace treatysim
