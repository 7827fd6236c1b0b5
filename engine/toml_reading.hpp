// toml_reading.hpp — what the engine's TOML readers share (scenarios, tournaments, sweep and tune
// files, payoff matrices): parsing with a located syntax error, the names of value types and
// values as error messages quote them, source locations, and the check for unknown keys.
//
// Internal to the engine: it includes toml++, a private dependency of the engine library, so no
// public header includes it.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "engine/user_error.hpp"

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

// Parses a document; a syntax error is a UserError at its line and column ("TOML syntax error:
// …") with `source` as the file.
[[nodiscard]] toml::table parse(std::string_view text, const std::string& source);

// "path.key", or "key" at the top level (empty path).
[[nodiscard]] std::string join_key(const std::string& path, std::string_view key);

// Throws a UserError at the first key of `table` that is not in `allowed` (a typo, a misplaced
// key): "<path.key>: unknown key (expected one of: a, b, c)".
void only_keys(const toml::table& table, const std::string& path,
               std::initializer_list<const char*> allowed, const std::string& file);

}  // namespace treatysim::toml_reading
