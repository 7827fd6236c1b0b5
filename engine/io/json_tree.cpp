#include "engine/io/json_tree.hpp"

#include <cstdint>
#include <set>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "engine/model/check.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim {

namespace {

using nlohmann::json;

// The location of the byte at `offset` (0-based): 1-based line, column in code points.
SourceLocation location_of(std::string_view text, std::size_t offset, const std::string& source) {
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      ++line;
      column = 1;
    } else if ((byte & 0xC0U) != 0x80U) {  // not a UTF-8 continuation byte
      ++column;
    }
  }
  return SourceLocation{source, line, column};
}

// The length of the valid UTF-8 sequence starting at text[at], or 0 when there is none.
std::size_t utf8_sequence_length(std::string_view text, std::size_t at) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80U) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80U;
  unsigned char high = 0xBFU;
  if (lead >= 0xC2U && lead <= 0xDFU) {
    length = 2;
  } else if (lead >= 0xE0U && lead <= 0xEFU) {
    length = 3;
    if (lead == 0xE0U) low = 0xA0U;   // no overlong forms
    if (lead == 0xEDU) high = 0x9FU;  // no surrogates
  } else if (lead >= 0xF0U && lead <= 0xF4U) {
    length = 4;
    if (lead == 0xF0U) low = 0x90U;
    if (lead == 0xF4U) high = 0x8FU;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    const unsigned char c = byte(at + k);
    if (c < (k == 1 ? low : 0x80U) || c > (k == 1 ? high : 0xBFU)) return 0;
  }
  return length;
}

// `text` with each byte that is not part of valid UTF-8 written as <0xFF> (nlohmann quotes the
// bytes it read in a syntax error, and a message must stay printable text).
std::string printable(std::string_view text) {
  std::string out;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = utf8_sequence_length(text, at);
    if (length == 0) {
      constexpr const char* kHex = "0123456789ABCDEF";
      const auto b = static_cast<unsigned char>(text[at]);
      out += std::string("<0x") + kHex[b >> 4U] + kHex[b & 0xFU] + ">";
      ++at;
    } else {
      out.append(text.substr(at, length));
      at += length;
    }
  }
  return out;
}

bool is_plain_key(std::string_view key) noexcept {
  if (key.empty()) return false;
  for (const char c : key) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// Builds the tree from nlohmann's SAX events. Containers being filled are on `open_`; a value
// goes into the innermost one (appending to it never moves the containers outside it, so the
// pointers on the stack stay valid).
class TreeBuilder final : public nlohmann::json_sax<json> {
 public:
  TreeBuilder(std::string_view text, std::string source)
      : text_(text), source_(std::move(source)) {}

  JsonValue take_root() { return std::move(root_); }

  bool null() override { return add(JsonValue{}) != nullptr; }
  bool boolean(bool value) override {
    JsonValue v;
    v.kind = JsonValue::Kind::kBoolean;
    v.boolean = value;
    return add(std::move(v)) != nullptr;
  }
  bool number_integer(number_integer_t value) override { return number(std::to_string(value)); }
  bool number_unsigned(number_unsigned_t value) override { return number(std::to_string(value)); }
  bool number_float(number_float_t /*value*/, const string_t& text) override {
    return number(text);
  }
  bool string(string_t& value) override {
    JsonValue v;
    v.kind = JsonValue::Kind::kString;
    v.text = std::move(value);
    return add(std::move(v)) != nullptr;
  }
  bool binary(binary_t& /*value*/) override { return false; }  // never sent for JSON text

  bool start_object(std::size_t /*elements*/) override {
    JsonValue v;
    v.kind = JsonValue::Kind::kObject;
    open(add(std::move(v)));
    keys_.emplace_back();
    return true;
  }
  bool key(string_t& key) override {
    if (!keys_.back().insert(key).second) {
      throw UserError(
          SourceLocation{source_, 0, 0}, json_member_path(path(false), key),
          "the key " + json_quoted(key) + " appears twice in this object (expected each key once)");
    }
    pending_key_ = std::move(key);
    return true;
  }
  bool end_object() override {
    keys_.pop_back();
    open_.pop_back();
    return true;
  }
  bool start_array(std::size_t /*elements*/) override {
    JsonValue v;
    v.kind = JsonValue::Kind::kArray;
    open(add(std::move(v)));
    return true;
  }
  bool end_array() override {
    open_.pop_back();
    return true;
  }

  // A syntax error. nlohmann's message reads "[json.exception.parse_error.101] parse error at
  // line 1, column 5: syntax error while parsing value - ...": what follows the position is kept,
  // and the location is computed here (in code points, as for every other file). `position` is
  // the 1-based index of the last byte read.
  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& error) override {
    std::string what = error.what();
    const std::size_t colon = what.find(": ");
    if (colon != std::string::npos) what = what.substr(colon + 2);
    throw UserError(location_of(text_, position > 0 ? position - 1 : 0, source_), "",
                    "JSON syntax error: " + printable(what));
  }

 private:
  bool number(std::string text) {
    JsonValue v;
    v.kind = JsonValue::Kind::kNumber;
    v.text = std::move(text);
    return add(std::move(v)) != nullptr;
  }

  JsonValue* add(JsonValue value) {
    if (open_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    JsonValue& parent = *open_.back();
    if (parent.kind == JsonValue::Kind::kObject) {
      parent.members.push_back(JsonMember{std::move(pending_key_), std::move(value)});
      return &parent.members.back().value;
    }
    parent.elements.push_back(std::move(value));
    return &parent.elements.back();
  }

  void open(JsonValue* container) {
    if (open_.size() >= static_cast<std::size_t>(kMaxJsonDepth)) {
      throw UserError(SourceLocation{source_, 0, 0}, path(true),
                      "arrays and objects nested more than " + std::to_string(kMaxJsonDepth) +
                          " levels deep (expected a GeniusWeb domain or profile)");
    }
    open_.push_back(container);
  }

  // The path of the innermost open container (with_newest_entry = false) or of its newest entry.
  [[nodiscard]] std::string path(bool with_newest_entry) const {
    std::string text;
    const std::size_t count = with_newest_entry || open_.empty() ? open_.size() : open_.size() - 1;
    for (std::size_t level = 0; level < count; ++level) {
      const JsonValue* container = open_[level];
      if (container->kind == JsonValue::Kind::kObject) {
        if (!container->members.empty()) {
          text = json_member_path(text, container->members.back().key);
        }
      } else if (!container->elements.empty()) {
        text = json_element_path(text, container->elements.size() - 1);
      }
    }
    return text;
  }

  std::string_view text_;
  std::string source_;
  JsonValue root_;
  std::vector<JsonValue*> open_;
  std::vector<std::set<std::string>> keys_;  // the keys seen in each open object
  std::string pending_key_;
};

}  // namespace

const JsonValue* JsonValue::find(std::string_view key) const noexcept {
  for (const JsonMember& member : members) {
    if (member.key == key) return &member.value;
  }
  return nullptr;
}

JsonValue read_json_tree(std::string_view text, const std::string& source) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    throw UserError(SourceLocation{source, 0, 0}, "", "the file is empty (expected JSON)");
  }
  TreeBuilder builder(text, source);
  // Every error throws from the builder; sax_parse returns false only after one.
  const bool parsed = json::sax_parse(text.begin(), text.end(), &builder);
  TREATYSIM_CHECK(parsed, "the JSON parser stopped without reporting an error");
  return builder.take_root();
}

std::string json_member_path(const std::string& parent, std::string_view key) {
  const std::string part = is_plain_key(key) ? std::string(key) : json_quoted(key);
  return parent.empty() ? part : parent + "." + part;
}

std::string json_element_path(const std::string& parent, std::size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

std::string json_kind_name(const JsonValue& value) {
  switch (value.kind) {
    case JsonValue::Kind::kNull:
      return "null";
    case JsonValue::Kind::kBoolean:
      return value.boolean ? "true" : "false";
    case JsonValue::Kind::kNumber:
      return "a number";
    case JsonValue::Kind::kString:
      return "a string";
    case JsonValue::Kind::kArray:
      return "an array";
    case JsonValue::Kind::kObject:
      return "an object";
  }
  return "a value";
}

std::string json_quoted(std::string_view text) {
  // nlohmann's dump escapes quotes, backslashes and control characters (and checks UTF-8; the
  // text comes from a file nlohmann has already read, so it is valid).
  return json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace treatysim
