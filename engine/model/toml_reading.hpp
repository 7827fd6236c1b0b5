// toml_reading.hpp — what the engine's TOML readers share (scenarios, tournaments, sweep and tune
// files, payoff matrices): parsing with a located syntax error, the names of value types and
// values as error messages quote them, source locations, and the check for unknown keys.
//
// Internal to the engine: it includes toml++, a private dependency of the engine library, so no
// public header includes it.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "engine/model/user_error.hpp"

namespace treatysim::toml_reading {

// "a string", "an integer", "a floating-point number", "a boolean", "a table", "an array",
// "a date", "a time", "a date-time".
[[nodiscard]] std::string type_name(const toml::node& node);

// A value as a message quotes it: "\"x\" (a string)", "3 (an integer)", "10.0 (a
// floating-point number)" (a whole float keeps its ".0", so "expected a whole number, got
// 10.0" shows what is wrong), "true (a boolean)"; other types by their type name.
[[nodiscard]] std::string describe(const toml::node& node);

// The location of `region`: its own file when it has one (a node inherited from another file
// through `extends`), else `file`; line and column.
[[nodiscard]] SourceLocation location(const std::string& file, const toml::source_region& region);

// The most parts a table header or dotted key may have ("[a.b.c]" has 3). toml++ reads key paths
// recursively, and one of 100,000 parts overflows the stack, so longer ones are refused first.
inline constexpr std::size_t kMaxKeyParts = 256;

// The line (1-based) of the first table header or dotted key with more than kMaxKeyParts parts,
// or 0 when there is none. A scan of the text, not a parse: it skips quoted parts of keys and
// the lines of multi-line strings.
[[nodiscard]] std::size_t line_of_too_long_key(std::string_view text) noexcept;

// Throws a UserError at line_of_too_long_key's line, if any.
void check_key_lengths(std::string_view text, const std::string& source);

// Parses a document; a syntax error is a UserError at its line and column ("TOML syntax error:
// …") with `source` as the file.
[[nodiscard]] toml::table parse(std::string_view text, const std::string& source);

// Parses a document to see what kind of file it is: nullopt when it is not TOML (or has a key
// path too long to read).
[[nodiscard]] std::optional<toml::table> try_parse(std::string_view text);

// "path.key", or "key" at the top level (empty path).
[[nodiscard]] std::string join_key(const std::string& path, std::string_view key);

// Throws a UserError at the first key of `table` that is not in `allowed` (a typo, a misplaced
// key): "<path.key>: unknown key (expected one of: a, b, c)".
void only_keys(const toml::table& table, const std::string& path,
               std::initializer_list<const char*> allowed, const std::string& file);

}  // namespace treatysim::toml_reading
