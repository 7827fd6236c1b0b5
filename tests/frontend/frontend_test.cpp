// frontend: what the CLI and the Python package share — choosing each party's strategy (the
// messages name where the user wrote it), the batch checks and the registry's parameter ranges.
#include <doctest/doctest.h>

#include <string>

#include "agents/registry.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"
#include "frontend/batch.hpp"
#include "frontend/strategy_choice.hpp"

namespace {

using namespace treatysim;
using namespace treatysim::frontend;

const std::string kConfigs = std::string(TREATYSIM_SOURCE_DIR) + "/configs/";

}  // namespace

TEST_CASE("StrategyChoices: the scenario's defaults, replaced, each checked for its party") {
  const Scenario sta = load_scenario_file(kConfigs + "sta-2024.toml");
  const agents::Registry& registry = agents::builtin_registry();
  {
    const StrategyChoices none(sta);
    const auto specs = none.resolve(registry);
    CHECK(specs[0].to_string() == "boulware(e=0.2)");
    CHECK(specs[1].to_string() == "pareto_follower(e=0.5)");
  }
  StrategyChoices choices(sta);
  choices.choose("cn", "conceder(e=3)", "--cn");
  CHECK(choices.resolve(registry)[1].to_string() == "conceder(e=3)");
  CHECK_THROWS_WITH_AS(choices.choose("cn", "linear", "agents[\"cn\"]"),
                       "agents[\"cn\"]: party \"cn\" already has a strategy from --cn (give "
                       "each party one strategy)",
                       UserError);
  CHECK_THROWS_WITH_AS(choices.choose("xx", "linear", "--agent xx"),
                       "--agent xx: the scenario has no party \"xx\" (its parties are \"us\" "
                       "and \"cn\")",
                       UserError);
  StrategyChoices bad(sta);
  bad.choose("us", "boulware(e=-1)", "--us");
  CHECK_THROWS_WITH_AS(static_cast<void>(bad.resolve(registry)),
                       "--us: boulware: parameter e = -1 is out of range [0, 100]", UserError);
  StrategyChoices complete(sta);
  complete.choose("us", "equilibrium", "--us");
  CHECK_THROWS_WITH_AS(static_cast<void>(complete.resolve(registry)),
                       "--us: equilibrium needs complete information (it reads the opponent's "
                       "preferences), but the scenario's protocol.information is \"private\"",
                       UserError);
}

TEST_CASE("batch_competitor_check refuses people and scripts, then asks the registry") {
  const Scenario sta = load_scenario_file(kConfigs + "sta-2024.toml");
  const CompetitorCheck check = batch_competitor_check(agents::builtin_registry());
  CHECK_NOTHROW(check(parse_spec("boulware"), sta, 0));
  CHECK_THROWS_WITH_AS(check(parse_spec("human"), sta, 0),
                       "\"human\" is played by a person at the keyboard; a tournament runs "
                       "unattended",
                       UserError);
  CHECK_THROWS_AS(check(parse_spec("scripted(file=\"x.txt\")"), sta, 0), UserError);
  CHECK_THROWS_AS(check(parse_spec("nash_seeker"), sta, 0), UserError);  // complete information
}

TEST_CASE("registry_parameter_range reads ranges, defaults and nested specs") {
  const agents::Registry& registry = agents::builtin_registry();
  const ParameterRange e = registry_parameter_range(registry, parse_spec("boulware"), "e");
  CHECK(e.min == 0.0);
  CHECK(e.max == 100.0);
  CHECK(e.default_value == 0.2);
  CHECK_FALSE(e.integer);
  CHECK(registry_parameter_range(registry, parse_spec("boulware(e=3)"), "e").default_value == 3.0);
  CHECK(registry_parameter_range(registry, parse_spec("relative_tit_for_tat"), "window").integer);
  const ParameterRange nested = registry_parameter_range(
      registry, parse_spec("boa(bidding=time_dependent(e=0.4))"), "bidding.e");
  CHECK(nested.default_value == 0.4);
  CHECK(nested.max == 100.0);
  CHECK_THROWS_WITH_AS((void)registry_parameter_range(registry, parse_spec("boulware"), "x"),
                       "boulware has no numeric parameter \"x\" (its numeric parameters: e, k)",
                       UserError);
  CHECK_THROWS_WITH_AS(
      (void)registry_parameter_range(registry, parse_spec("boa"), "bidding.e"),
      "write the nested spec of \"bidding\" in the strategy (e.g. boa(bidding=time_dependent)) "
      "to vary its parameters",
      UserError);
}
