// Population dynamics as JSON and CSV (`evolve --format json`, `evolve --out`): keys, the
// fixation table without the diagonal, the shares per generation, and CSV quoting.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "engine/studies/population_json.hpp"
#include "tests/support/payoff_game.hpp"

namespace treatysim {

TEST_CASE("population JSON and CSV") {
  PopulationOptions options;
  options.generations = 10;
  options.runs = 20;
  const PopulationResult r =
      evolve(testing::game({"hawk", "dove, \"meek\""}, {{-1, 4}, {0, 2}}), options);
  const nlohmann::ordered_json json = population_to_json("hd.toml", r);
  CHECK(json.at("format") == "treatysim-evolve");
  CHECK(json.at("source") == "hd.toml");
  CHECK(json.at("strategies").size() == 2);
  CHECK(json.at("replicator").size() == 11);  // generations 0 … 10
  CHECK(json.at("fixation").size() == 2);     // ordered pairs, not the diagonal
  CHECK(json.at("options").at("runs") == 20);
  // Hawk-dove's mixed equilibrium: hawks at 2/3.
  bool found = false;
  for (const auto& e : json.at("metagame").at("equilibria")) {
    if (e.at("support").size() == 2) {
      CHECK(e.at("mix").at(0).get<double>() == doctest::Approx(2.0 / 3.0));
      found = true;
    }
  }
  CHECK(found);
  const std::string csv = population_csv(r);
  CHECK(csv.rfind("process,generation,hawk,\"dove, \"\"meek\"\"\"\n", 0) == 0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 2 * 11);
  CHECK(csv.find("\nmoran,10,") != std::string::npos);
}

}  // namespace treatysim
