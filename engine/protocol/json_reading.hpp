// json_reading.hpp — parsing the JSON files treatysim reads (traces, a tournament's summary.json),
// with the limits of docs/reliability.md and every failure as a UserError.
//
// The JSON library parses without recursion, but printing, comparing and copying a document
// recurse once per level: a file of a million '[' would overflow the stack long after parsing.
// No file treatysim writes nests deeper than 5 levels, so anything deeper than kMaxSavedJsonDepth is
// refused before it is parsed. Every exception of the JSON library (a syntax error, a number too
// large for a double: "1e99999") becomes a UserError.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/model/user_error.hpp"

namespace treatysim {

// The deepest nesting of arrays and objects a JSON file may have.
inline constexpr std::size_t kMaxSavedJsonDepth = 64;

// Throws UserError at the line and column of the first '[' or '{' that opens level
// kMaxSavedJsonDepth + 1 (outside strings), if there is one.
void check_json_depth(std::string_view text, const std::string& source);

// Parses `text` (the content of `source`) into a Json (nlohmann::json or ordered_json): first
// check_json_depth, then the parser; a parser exception becomes UserError(source, prefix +
// the parser's message), e.g. prefix "not a JSON trace: ".
template <class Json>
[[nodiscard]] Json parse_json_text(std::string_view text, const std::string& source,
                                   const std::string& prefix) {
  check_json_depth(text, source);
  try {
    return Json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw UserError(SourceLocation{source, 0, 0}, "", prefix + e.what());
  }
}

}  // namespace treatysim
