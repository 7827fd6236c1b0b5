// The limits of the JSON readers (engine/protocol/json_reading.hpp) and of strategy specs
// (engine/protocol/spec.hpp): nesting refused at its line and column before parsing, every
// parser exception a UserError, specs bounded in length and depth.
#include <doctest/doctest.h>

#include <string>

#include "engine/model/user_error.hpp"
#include "engine/protocol/json_reading.hpp"
#include "engine/protocol/spec.hpp"
#include "engine/protocol/trace.hpp"

using nlohmann::ordered_json;
using treatysim::UserError;

namespace {

std::string nested(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

std::string json_error(const std::string& text) {
  try {
    static_cast<void>(treatysim::parse_json_text<ordered_json>(text, "f.json", "not JSON: "));
  } catch (const UserError& e) {
    return e.what();
  }
  return "no error";
}

std::string spec_error(const std::string& text) {
  try {
    static_cast<void>(treatysim::parse_spec(text));
  } catch (const UserError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("JSON nesting: 64 levels are read, the 65th is refused where it opens") {
  CHECK(json_error(nested(64)) == "no error");
  CHECK(json_error(nested(65)) ==
        "f.json:1:65: arrays and objects nested more than 64 levels deep (treatysim's files nest "
        "at most 5; docs/reliability.md)");
  // A million levels: refused by the scan, never handed to the recursive printer.
  CHECK(json_error(nested(1000000)).rfind("f.json:1:65: arrays and objects nested", 0) == 0);
  // Brackets inside strings do not count, escaped quotes included; lines and columns (in code
  // points) are counted.
  CHECK(json_error("[\"[[[[\\\"[[[[\", \"é\"]") == "no error");
  CHECK(json_error("{\"a\":\n \"é\", \"b\": " + nested(64) + "}").rfind("f.json:2:75: ", 0) == 0);
}

TEST_CASE("JSON: every exception of the parser is a UserError with the reader's prefix") {
  CHECK(json_error("{") ==
        "f.json: not JSON: [json.exception.parse_error.101] parse error at line 1, column 2: "
        "syntax error while parsing object key - unexpected end of input; expected string "
        "literal");
  // Not a parse_error but an out_of_range: once, `evolve` aborted on it.
  CHECK(json_error("[1e99999]") ==
        "f.json: not JSON: [json.exception.out_of_range.406] number overflow parsing '1e99999'");
  CHECK_THROWS_WITH_AS(static_cast<void>(treatysim::parse_trace(nested(100000), "t.json")),
                       doctest::Contains("t.json:1:65: arrays and objects nested"), UserError);
}

TEST_CASE("specs: at most 4096 characters and 16 levels of nested specs") {
  std::string deep = "boa";
  for (int i = 0; i < 15; ++i) deep = "boa(bidding=" + deep + ")";
  CHECK(spec_error(deep) == "no error");  // 16 levels
  const std::string too_deep = "boa(bidding=" + deep + ")";
  CHECK(spec_error(too_deep) == "agent spec \"" + too_deep +
                                    "\": at column 193: expected at most 16 levels of nested "
                                    "specs, found 'b'");
  CHECK(spec_error("linear(note=\"" + std::string(4096, 'x') + "\")") ==
        "agent spec of 4111 characters: at most 4096 are allowed (docs/reliability.md)");
  // A million levels: refused without recursing a million times.
  std::string huge;
  for (int i = 0; i < 1000; ++i) huge += "a(b=";
  CHECK(spec_error(huge).rfind("agent spec \"", 0) == 0);
}
