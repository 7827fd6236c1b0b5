// json_tree.hpp — a JSON file read for an importer: values in file order, numbers as written,
// and the path of every value for messages.
//
// nlohmann::json would round numbers to doubles and keep the last of two equal keys; an importer
// of another program's files needs the digits as written (exact_decimal.hpp) and must refuse a
// repeated key rather than pick one silently. Messages name a value by its path from the root:
// object keys joined by '.', a key that is not only letters, digits, '_' and '-' written as a
// JSON string, array elements as [index] (from 0):
//   LinearAdditiveUtilitySpace.issueUtilities."Delivery time".discreteutils
//   issuesValues.Colour.values[2]
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace treatysim {

struct JsonMember;

// One JSON value. Objects keep their members in file order (keys are unique: the reader refuses
// a repeated key); numbers keep their text exactly as the file wrote it.
struct JsonValue {
  enum class Kind { kNull, kBoolean, kNumber, kString, kArray, kObject };

  Kind kind = Kind::kNull;
  bool boolean = false;             // a boolean's value
  std::string text;                 // a string's value, or a number's text ("0.10", "1e-3")
  std::vector<JsonMember> members;  // an object's members, in file order
  std::vector<JsonValue> elements;  // an array's elements

  // The member with this key, or nullptr (also when this is not an object).
  [[nodiscard]] const JsonValue* find(std::string_view key) const noexcept;
};

struct JsonMember {
  std::string key;
  JsonValue value;
};

// Deepest nesting of arrays and objects read_json_tree accepts (a GeniusWeb profile needs 6).
inline constexpr int kMaxJsonDepth = 100;

// Parses `text`, the contents of the file `source`. Throws UserError naming the file: a syntax
// error with its line and column ("JSON syntax error: ..."), an empty file, a key repeated in an
// object (with the object's path), nesting deeper than kMaxJsonDepth.
[[nodiscard]] JsonValue read_json_tree(std::string_view text, const std::string& source);

// The path of `parent`'s member `key` ("a" + "b" → "a.b"; "a" + "x y" → "a.\"x y\"";
// "" + "b" → "b").
[[nodiscard]] std::string json_member_path(const std::string& parent, std::string_view key);
// The path of `parent`'s element `index` ("a" + 2 → "a[2]").
[[nodiscard]] std::string json_element_path(const std::string& parent, std::size_t index);
// "an object", "an array", "a string", "a number", "true", "false" or "null", for messages
// ("expected an object, got a string").
[[nodiscard]] std::string json_kind_name(const JsonValue& value);
// `text` as a JSON string literal, quotes included (for keys and values in messages).
[[nodiscard]] std::string json_quoted(std::string_view text);

}  // namespace treatysim
