// A treaty's life as JSON and CSV (`simulate --format json|csv`, the Python package's
// Lifecycle): every part of the result, in its place, and one CSV row per month.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "agents/registry.hpp"
#include "engine/lifecycle/lifecycle_json.hpp"
#include "engine/model/scenario_toml.hpp"

namespace treatysim {

TEST_CASE("lifecycle JSON and CSV hold the whole result") {
  const Scenario sta =
      load_scenario_file(std::string(TREATYSIM_SOURCE_DIR) + "/configs/sta-2024.toml");
  const LifecycleResult r = simulate_lifecycle(sta, 2024, agents::builtin_registry());
  const nlohmann::ordered_json json = lifecycle_to_json(sta, r);
  CHECK(json.at("format") == "treatysim-lifecycle");
  CHECK(json.at("path") == r.path());
  CHECK(json.at("timeline").size() == r.timeline.size());
  CHECK(json.at("negotiations").size() == r.negotiations.size());
  CHECK(json.at("negotiations").at(0).at("trace").at("result").at("offers") ==
        r.negotiations[0].trace.result.offers);
  CHECK(json.at("compliance").size() == r.compliance.size());
  CHECK(json.at("months").size() == r.trust.size());
  CHECK(json.at("months").at(0).at("month") == r.start.to_string());
  CHECK(json.at("final_state") == std::string(treaty_state_name(r.final_state)));
  if (!r.compliance.empty()) {
    const std::string move = json.at("compliance").at(0).at("moves").at("us");
    CHECK((move == "honour" || move == "exploit"));
  }
  const std::string csv = lifecycle_csv(sta, r);
  CHECK(csv.rfind("month,state,trust_us,trust_cn,payoff_us,payoff_cn\n", 0) == 0);
  CHECK(static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')) == r.trust.size() + 1);
  CHECK(csv.find("\n" + r.start.to_string() + ",in_force,") != std::string::npos);
}

}  // namespace treatysim
