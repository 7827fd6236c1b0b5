// The limits of scenario files (docs/reliability.md): ids, TOML nesting, and the deadline read
// from any kind of number. Each is refused with its line, its key and the limit.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"

namespace {

std::string config_text(const char* name) {
  std::ifstream in(std::string(TREATYSIM_SOURCE_DIR "/configs/") + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string error_of(const std::string& text) {
  try {
    static_cast<void>(treatysim::parse_scenario(text, "s.toml"));
  } catch (const treatysim::UserError& e) {
    return e.what();
  }
  return "no error";
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("ids: at most 128 characters") {
  const std::string sta = config_text("sta-2024.toml");
  CHECK(error_of(replaced(sta, "id = \"sta-2024\"", "id = \"" + std::string(128, 's') + "\"")) ==
        "no error");
  CHECK(error_of(replaced(sta, "id = \"sta-2024\"", "id = \"" + std::string(129, 's') + "\"")) ==
        "s.toml:6:6: scenario.id: expected an id of at most 128 characters, got 129");
  CHECK(error_of(replaced(sta, "id = \"scope\"", "id = \"" + std::string(200, 'i') + "\"")) ==
        "s.toml:20:6: issues[0].id: expected an id of at most 128 characters, got 200");
  // A party id is also named by protocol.first_mover; both change.
  const std::string party(129, 'p');
  const std::string three = config_text("three-clauses.toml");
  CHECK(error_of(replaced(replaced(three, "id = \"us\"", "id = \"" + party + "\""),
                          "first_mover = \"us\"", "first_mover = \"" + party + "\""))
            .find("parties[0].id: expected an id of at most 128 characters, got 129") !=
        std::string::npos);
  CHECK(error_of(replaced(sta, "{ id = \"S0\"", "{ id = \"" + std::string(129, 'o') + "\""))
            .find("issues[0].options[0].id: expected an option id of at most 128 characters, got "
                  "129") != std::string::npos);
}

TEST_CASE("TOML nesting: arrays and inline tables deeper than toml++'s 256 levels are refused") {
  const std::string deep_array =
      "x = " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  CHECK(error_of(deep_array).rfind("s.toml:1:", 0) == 0);
  CHECK(error_of(deep_array).find("TOML syntax error: ") != std::string::npos);
  std::string deep_table = "x = ";
  for (int i = 0; i < 100000; ++i) deep_table += "{a = ";
  deep_table += "1";
  for (int i = 0; i < 100000; ++i) deep_table += "}";
  CHECK(error_of(deep_table).find("TOML syntax error: ") != std::string::npos);
}

TEST_CASE("the deadline: at most 1000000 offers, whatever the number's size") {
  const std::string sta = config_text("sta-2024.toml");
  CHECK(error_of(replaced(sta, "deadline = 40", "deadline = 1000001")) ==
        "s.toml:15:12: protocol.deadline: expected a number of offers from 1 to 1000000, got "
        "1000001");
  CHECK(error_of(replaced(sta, "deadline = 40", "deadline = 9223372036854775807")) ==
        "s.toml:15:12: protocol.deadline: expected a number of offers from 1 to 1000000, got "
        "9223372036854775807");
}
