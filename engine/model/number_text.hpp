// number_text.hpp — numbers typed by a person (command-line flags of `treatysim` and the window),
// read strictly and refused in the project's words.
//
// Each function returns the problem with `text` as the message that follows "--flag: ", or
// nullopt when the text is fine:
//   "expected a number of offers from 1 to 1000000, got 1e12"
//   "expected a number of offers from 1 to 1000000, got \"ten\""   (not a number: quoted)
// A whole number is an optional '-' and decimal digits, without a leading zero (a command-line
// library would read "010" as octal 8, so it is refused rather than misread), and no '+', space,
// exponent or hexadecimal prefix. A real number is decimal or scientific notation (from_chars),
// finite. Front ends turn these into their parsers' validators (cli/main.cpp, gui/main.cpp), so
// that every numeric flag answers the same way and the value reaches the variable only when it
// fits.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace treatysim {

// A whole number from `min` to `max`; `what` names it ("a number of offers").
[[nodiscard]] std::optional<std::string> whole_number_problem(std::string_view text,
                                                              std::int64_t min, std::int64_t max,
                                                              std::string_view what);

// A real number from `min` to `max` (inclusive); `what` names it ("a selection intensity").
[[nodiscard]] std::optional<std::string> real_number_problem(std::string_view text, double min,
                                                             double max, std::string_view what);

// A run seed: a whole number from 0 to 2^64 − 1 ("expected a non-negative whole number, got
// \"-1\"", "expected a whole number from 0 to 18446744073709551615, got 18446744073709551616",
// "expected a whole number without leading zeros, got 010").
[[nodiscard]] std::optional<std::string> seed_problem(std::string_view text);

// One of `choices` ("expected text, json or csv, got \"xml\"").
[[nodiscard]] std::optional<std::string> choice_problem(
    std::string_view text, std::initializer_list<std::string_view> choices);

}  // namespace treatysim
