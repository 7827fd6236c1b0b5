#include <doctest/doctest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"

TEST_CASE("agents --format json lists the Faratin presets with their parameters") {
  std::ostringstream out;
  CHECK(treatysim::cli::agents_command("json", out) == 0);
  const auto list = nlohmann::json::parse(out.str());
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
