// The registry as JSON (`treatysim agents --format json`, the Python package's agents()): every
// entry in registration order, numbers with their ranges, text parameters without.
#include <doctest/doctest.h>

#include <string>

#include "agents/registry_json.hpp"

namespace treatysim::agents {

TEST_CASE("registry JSON lists every entry with its parameters") {
  const Registry& registry = builtin_registry();
  const nlohmann::ordered_json json = registry_to_json(registry);
  REQUIRE(json.size() == registry.entries().size());
  for (std::size_t i = 0; i < json.size(); ++i) {
    CHECK(json[i].at("name") == registry.entries()[i].name);
    CHECK(json[i].at("parameters").size() == registry.entries()[i].parameters.size());
  }
  const nlohmann::ordered_json boulware = strategy_info_to_json(*registry.find("boulware"));
  CHECK(boulware.at("kind") == "negotiator");
  CHECK(boulware.at("traits").at("stochastic") == false);
  const nlohmann::ordered_json& e = boulware.at("parameters").at(0);
  CHECK(e.at("name") == "e");
  CHECK(e.at("default").get<double>() == 0.2);
  CHECK(e.at("min").get<double>() == 0.0);
  CHECK(e.at("max").get<double>() == 100.0);
  const nlohmann::ordered_json boa = strategy_info_to_json(*registry.find("boa"));
  CHECK(boa.at("parameters").at(0).at("type") == "spec");
  CHECK(boa.at("parameters").at(0).at("min").is_null());
}

}  // namespace treatysim::agents
