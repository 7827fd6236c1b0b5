// toml_reading: the shared pieces of the engine's TOML readers (engine/model/toml_reading.hpp).
#include <doctest/doctest.h>

#include <string>

#include "engine/model/scenario_toml.hpp"
#include "engine/model/toml_reading.hpp"
#include "engine/model/user_error.hpp"

namespace reading = treatysim::toml_reading;

namespace {

// "a.a.a…" with `parts` parts.
std::string key_path(std::size_t parts) {
  std::string path = "a";
  for (std::size_t i = 1; i < parts; ++i) path += ".a";
  return path;
}

}  // namespace

TEST_CASE("toml_reading: key paths longer than 256 parts are refused before toml++ reads them") {
  // toml++ reads key paths recursively: 100,000 parts overflowed the stack (a segfault).
  CHECK(reading::line_of_too_long_key("[" + key_path(256) + "]\n") == 0);
  CHECK(reading::line_of_too_long_key("[" + key_path(257) + "]\n") == 1);
  CHECK(reading::line_of_too_long_key("x = 1\n" + key_path(100'000) + " = 1\n") == 2);
  CHECK(reading::line_of_too_long_key("[[" + key_path(300) + "]]\n") == 1);
  // Dots inside quoted keys, values and multi-line strings are not parts.
  const std::string dots(1000, '.');
  CHECK(reading::line_of_too_long_key("\"" + dots + "\" = 1\n") == 0);
  CHECK(reading::line_of_too_long_key("x = \"" + dots + "\"\n") == 0);
  CHECK(reading::line_of_too_long_key("x = \"\"\"\n" + key_path(500) + " = 1\n\"\"\"\n") == 0);
  CHECK(reading::line_of_too_long_key("# " + key_path(500) + "\n") == 0);

  CHECK_THROWS_WITH_AS(
      static_cast<void>(reading::parse("[" + key_path(100'000) + "]\n", "deep.toml")),
      "deep.toml:1: a table header or dotted key with more than 256 parts", treatysim::UserError);
  CHECK_FALSE(reading::try_parse("[" + key_path(100'000) + "]\n").has_value());
  CHECK(reading::try_parse("[" + key_path(3) + "]\nx = 1\n").has_value());
  // The scenario reader has its own parse (empty files, UTF-8) and checks the same.
  CHECK_THROWS_WITH_AS(
      static_cast<void>(treatysim::parse_scenario(key_path(100'000) + " = 1\n", "deep.toml")),
      "deep.toml:1: a table header or dotted key with more than 256 parts", treatysim::UserError);
}

TEST_CASE("toml_reading: values are quoted with their type, whole floats keep their .0") {
  const toml::table t = reading::parse(
      "s = \"x\"\ni = 3\nf = 10.0\ng = 0.25\nb = true\na = [1]\nd = 2024-01-01\n", "t.toml");
  CHECK(reading::describe(*t.get("s")) == "\"x\" (a string)");
  CHECK(reading::describe(*t.get("i")) == "3 (an integer)");
  CHECK(reading::describe(*t.get("f")) == "10.0 (a floating-point number)");
  CHECK(reading::describe(*t.get("g")) == "0.25 (a floating-point number)");
  CHECK(reading::describe(*t.get("b")) == "true (a boolean)");
  CHECK(reading::describe(*t.get("a")) == "an array");
  CHECK(reading::describe(*t.get("d")) == "a date");
  // toml++ keeps a table's keys sorted: the first unknown one is "a", on line 6.
  CHECK_THROWS_WITH_AS(reading::only_keys(t, "top", {"s", "i"}, "t.toml"),
                       "t.toml:6:1: top.a: unknown key (expected one of: s, i)",
                       treatysim::UserError);
  CHECK_THROWS_WITH_AS(static_cast<void>(reading::parse("x = = 1\n", "bad.toml")),
                       doctest::Contains("bad.toml:1:"), treatysim::UserError);
}
