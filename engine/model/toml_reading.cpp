#include "engine/model/toml_reading.hpp"

#include <algorithm>

#include "engine/model/issue.hpp"

namespace treatysim::toml_reading {

std::string type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a floating-point number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

std::string describe(const toml::node& node) {
  if (const auto* s = node.as_string()) return "\"" + s->get() + "\" (a string)";
  if (const auto* i = node.as_integer()) return std::to_string(i->get()) + " (an integer)";
  if (const auto* f = node.as_floating_point()) {
    std::string text = format_number(f->get());
    if (text.find_first_not_of("-0123456789") == std::string::npos) text += ".0";
    return text + " (a floating-point number)";
  }
  if (const auto* b = node.as_boolean()) return b->get() ? "true (a boolean)" : "false (a boolean)";
  return type_name(node);
}

SourceLocation location(const std::string& file, const toml::source_region& region) {
  const std::string& own = region.path && !region.path->empty() ? *region.path : file;
  return SourceLocation{own, static_cast<int>(region.begin.line),
                        static_cast<int>(region.begin.column)};
}

std::size_t line_of_too_long_key(std::string_view text) noexcept {
  std::size_t line_number = 0;
  bool in_multiline = false;  // inside a """…""" or '''…''' string
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    ++line_number;
    start = end + 1;
    const std::size_t quotes = [&] {
      std::size_t n = 0;
      for (std::size_t at = line.find("\"\"\""); at != std::string_view::npos;
           at = line.find("\"\"\"", at + 3))
        ++n;
      for (std::size_t at = line.find("'''"); at != std::string_view::npos;
           at = line.find("'''", at + 3))
        ++n;
      return n;
    }();
    const bool was_inside = in_multiline;
    if (quotes % 2 == 1) in_multiline = !in_multiline;
    if (was_inside) continue;
    // The key part: a header up to its closing bracket, otherwise up to the first '='.
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') continue;
    const bool header = line[first] == '[';
    std::size_t dots = 0;
    char quote = 0;
    for (std::size_t i = first; i < line.size(); ++i) {
      const char c = line[i];
      if (quote != 0) {
        if (c == quote) quote = 0;
        continue;
      }
      if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '.') {
        ++dots;
      } else if ((header && c == ']' && i > first + 1 && line[i - 1] != '[') ||
                 (!header && c == '=')) {
        break;
      }
    }
    if (dots + 1 > kMaxKeyParts) return line_number;
    if (end == text.size()) break;
  }
  return 0;
}

void check_key_lengths(std::string_view text, const std::string& source) {
  if (const std::size_t line = line_of_too_long_key(text)) {
    throw UserError(
        SourceLocation{source, static_cast<int>(line), 0}, "",
        "a table header or dotted key with more than " + std::to_string(kMaxKeyParts) + " parts");
  }
}

std::optional<toml::table> try_parse(std::string_view text) {
  if (line_of_too_long_key(text) != 0) return std::nullopt;
  try {
    return toml::parse(text);
  } catch (const toml::parse_error&) {
    return std::nullopt;
  }
}

toml::table parse(std::string_view text, const std::string& source) {
  check_key_lengths(text, source);
  try {
    return toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    throw UserError(location(source, e.source()), "",
                    "TOML syntax error: " + std::string(e.description()));
  }
}

std::string join_key(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

void only_keys(const toml::table& table, const std::string& path,
               std::initializer_list<const char*> allowed, const std::string& file) {
  for (auto&& [key, node] : table) {
    const std::string_view name = key.str();  // (clang 14 cannot capture a structured binding)
    const bool ok =
        std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return name == a; });
    if (ok) continue;
    std::string list;
    for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
    throw UserError(location(file, key.source()), join_key(path, key.str()),
                    "unknown key (expected one of: " + list + ")");
  }
}

}  // namespace treatysim::toml_reading
