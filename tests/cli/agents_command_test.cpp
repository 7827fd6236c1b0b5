#include <doctest/doctest.h>

#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli_test_support.hpp"
#include "engine/model/user_error.hpp"

namespace {

nlohmann::json agents_json() {
  std::ostringstream out;
  REQUIRE(treatysim::cli::agents_command("json", out) == 0);
  return nlohmann::json::parse(out.str());
}

}  // namespace

TEST_CASE("agents --format json lists the Faratin presets with their parameters") {
  const auto list = agents_json();
  bool found = false;
  for (const auto& entry : list) {
    if (entry.at("name") == "boulware") {
      found = true;
      CHECK(entry.at("kind") == "negotiator");
      CHECK(entry.at("parameters").at(0).at("name") == "e");
      CHECK(entry.at("parameters").at(0).at("default").get<double>() == 0.2);
    }
  }
  CHECK(found);
}

TEST_CASE(
    "agents --format json: every entry has a name, a known kind, a description and described "
    "parameters") {
  const auto list = agents_json();
  REQUIRE(list.is_array());
  REQUIRE_FALSE(list.empty());
  const std::set<std::string> kinds{"negotiator", "bidding", "acceptance", "opponent_model",
                                    "compliance"};
  const std::set<std::string> numeric_types{"number", "integer"};
  std::set<std::string> names;
  for (const auto& entry : list) {
    REQUIRE(entry.is_object());
    REQUIRE(entry.contains("name"));
    REQUIRE(entry.at("name").is_string());
    const auto name = entry.at("name").get<std::string>();
    CAPTURE(name);
    CHECK_FALSE(name.empty());
    CHECK(names.insert(name + "/" + entry.value("kind", "")).second);  // unique within a kind
    REQUIRE(entry.contains("kind"));
    REQUIRE(entry.at("kind").is_string());
    CHECK(kinds.count(entry.at("kind").get<std::string>()) == 1);
    REQUIRE(entry.contains("description"));
    REQUIRE(entry.at("description").is_string());
    CHECK_FALSE(entry.at("description").get<std::string>().empty());
    REQUIRE(entry.contains("parameters"));
    REQUIRE(entry.at("parameters").is_array());
    std::set<std::string> parameter_names;
    for (const auto& parameter : entry.at("parameters")) {
      REQUIRE(parameter.is_object());
      for (const char* key : {"name", "type", "default", "min", "max", "description"}) {
        CAPTURE(key);
        CHECK(parameter.contains(key));
      }
      REQUIRE(parameter.at("name").is_string());
      const auto parameter_name = parameter.at("name").get<std::string>();
      CAPTURE(parameter_name);
      CHECK_FALSE(parameter_name.empty());
      CHECK(parameter_names.insert(parameter_name).second);
      REQUIRE(parameter.at("type").is_string());
      CHECK_FALSE(parameter.at("description").get<std::string>().empty());
      if (numeric_types.count(parameter.at("type").get<std::string>()) == 1) {
        REQUIRE(parameter.at("default").is_number());
        REQUIRE(parameter.at("min").is_number());
        REQUIRE(parameter.at("max").is_number());
        const double low = parameter.at("min").get<double>();
        const double high = parameter.at("max").get<double>();
        const double fallback = parameter.at("default").get<double>();
        CHECK(low <= fallback);
        CHECK(fallback <= high);
      } else {
        CHECK(parameter.at("min").is_null());
        CHECK(parameter.at("max").is_null());
      }
    }
  }
}

TEST_CASE("agents --format text lists every entry with its kind, description and parameters") {
  std::ostringstream out;
  REQUIRE(treatysim::cli::agents_command("text", out) == 0);
  const std::string text = out.str();
  const auto lines = cli_test::lines_of(text);
  const auto has_line = [&](const std::string& wanted) {
    for (const std::string& line : lines) {
      if (line == wanted) return true;
    }
    return false;
  };
  const auto has_line_starting = [&](const std::string& prefix) {
    for (const std::string& line : lines) {
      if (line.rfind(prefix, 0) == 0) return true;
    }
    return false;
  };
  for (const auto& entry : agents_json()) {
    const auto name = entry.at("name").get<std::string>();
    CAPTURE(name);
    CHECK(has_line(name + "  [" + entry.at("kind").get<std::string>() + "]"));
    CHECK(has_line("    " + entry.at("description").get<std::string>()));
    for (const auto& parameter : entry.at("parameters")) {
      CHECK(has_line_starting("    " + parameter.at("name").get<std::string>() + " (" +
                              parameter.at("type").get<std::string>() + ", default "));
    }
  }
  CHECK(has_line(
      "    e (number, default 0.2, range [0, 100]): concession exponent: < 1 Boulware (concede "
      "late), 1 linear, > 1 Conceder, 0 never concede"));
}

TEST_CASE("agents rejects an unknown --format") {
  std::ostringstream out;
  CHECK_THROWS_WITH_AS(treatysim::cli::agents_command("csv", out),
                       "--format: expected text or json, got \"csv\"", treatysim::UserError);
  CHECK(out.str().empty());
}
