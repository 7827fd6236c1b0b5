#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "agents/registry.hpp"
#include "engine/model/scenario.hpp"
#include "engine/model/user_error.hpp"
#include "engine/protocol/spec.hpp"
#include "tests/support/random_scenario.hpp"

using treatysim::parse_spec;
using treatysim::agents::builtin_registry;
using treatysim::agents::ComponentKind;
using treatysim::agents::ParameterInfo;
using treatysim::agents::ParameterType;
using treatysim::agents::Registry;
using treatysim::agents::StrategyInfo;

namespace {

// The message of the UserError that `action` throws, or "" when it throws none.
template <typename Action>
std::string error_of(Action action) {
  try {
    action();
  } catch (const treatysim::UserError& e) {
    return e.what();
  }
  return {};
}

std::string resolve_error(const Registry& registry, const std::string& spec) {
  return error_of([&] { static_cast<void>(registry.resolve(parse_spec(spec))); });
}

ParameterInfo parameter(std::string name, ParameterType type, double default_number, double min,
                        double max, std::string default_text = {}) {
  ParameterInfo p;
  p.name = std::move(name);
  p.type = type;
  p.default_number = default_number;
  p.min = min;
  p.max = max;
  p.default_text = std::move(default_text);
  return p;
}

// A registry with one of each kind of parameter and a non-negotiator component.
Registry test_registry() {
  Registry registry;
  StrategyInfo bid;
  bid.name = "bid";
  bid.kind = ComponentKind::kBidding;
  bid.parameters = {parameter("level", ParameterType::kNumber, 0.5, 0.0, 1.0)};
  registry.add(bid);

  StrategyInfo full;
  full.name = "full";
  full.kind = ComponentKind::kNegotiator;
  full.parameters = {
      parameter("rounds", ParameterType::kInteger, 3, 1, 10),
      parameter("label", ParameterType::kString, 0, 0, 0, "plain"),
      parameter("bidding", ParameterType::kSpec, 0, 0, 0, "bid(level=0.25)"),
  };
  full.create_negotiator = [](const treatysim::agents::Parameters&, const Registry&) {
    return builtin_registry().create("linear");
  };
  registry.add(full);

  StrategyInfo oracle;
  oracle.name = "oracle";
  oracle.kind = ComponentKind::kNegotiator;
  oracle.traits.needs_complete_information = true;
  oracle.create_negotiator = [](const treatysim::agents::Parameters&, const Registry&) {
    return builtin_registry().create("linear");
  };
  registry.add(oracle);
  return registry;
}

// The tail of every unknown-strategy message: the registry's negotiators in registration order.
// Built from the registry so that adding a strategy does not break these tests; the entries this
// file relies on are checked by name below.
std::string negotiator_list(const Registry& registry) {
  std::string list;
  for (const StrategyInfo& info : registry.entries()) {
    if (info.kind == ComponentKind::kNegotiator) list += (list.empty() ? "" : ", ") + info.name;
  }
  return "negotiators: " + list + " (see `treatysim agents`)";
}

}  // namespace

TEST_CASE("registry: unknown strategy, with a did-you-mean for close names") {
  const Registry& registry = builtin_registry();
  const std::string negotiators = negotiator_list(registry);
  // The built-in list starts with the Faratin family, in this order.
  CHECK(negotiators.rfind(
            "negotiators: time_dependent, time_dependent_exp, boulware, linear, conceder, "
            "hardliner, ",
            0) == 0);
  CHECK(negotiators.find(", random") != std::string::npos);
  const std::string all = "; `treatysim agents` lists them all";
  CHECK(resolve_error(registry, "bolware") ==
        "unknown strategy \"bolware\" (did you mean \"boulware\"?)" + all);
  CHECK(resolve_error(registry, "Linear") ==
        "unknown strategy \"Linear\" (did you mean \"linear\"?)" + all);
  CHECK(resolve_error(registry, "no_such_tactic") ==
        "unknown strategy \"no_such_tactic\"; " + negotiators);
  CHECK(error_of([&] { static_cast<void>(registry.create("randm")); }) ==
        "unknown strategy \"randm\" (did you mean \"random\"?)" + all);
}

TEST_CASE("registry: unknown parameter, with a did-you-mean and the list of parameters") {
  const Registry& registry = builtin_registry();
  CHECK(resolve_error(registry, "boulware(ee=0.1)") ==
        "boulware: unknown parameter \"ee\" (did you mean \"e\"?); parameters: e, k");
  CHECK(resolve_error(registry, "random(acept=0.5)") ==
        "random: unknown parameter \"acept\" (did you mean \"accept\"?); parameters: accept, "
        "walk_away");
  CHECK(resolve_error(registry, "random(patience=2)") ==
        "random: unknown parameter \"patience\"; parameters: accept, walk_away");
  CHECK(resolve_error(test_registry(), "oracle(x=1)") ==
        "oracle: unknown parameter \"x\"; it takes no parameters");
}

TEST_CASE("registry: values out of range and of the wrong type") {
  const Registry& registry = builtin_registry();
  CHECK(resolve_error(registry, "boulware(e=-1)") ==
        "boulware: parameter e = -1 is out of range [0, 100]");
  CHECK(resolve_error(registry, "boulware(e=100.5)") ==
        "boulware: parameter e = 100.5 is out of range [0, 100]");
  CHECK(resolve_error(registry, "random(accept=1.5)") ==
        "random: parameter accept = 1.5 is out of range [0, 1]");
  CHECK(resolve_error(registry, "time_dependent_exp(k=0)") ==
        "time_dependent_exp: parameter k = 0 is out of range [1e-06, 1]");
  CHECK(resolve_error(registry, "boulware(e=\"0.2\")") ==
        "boulware: parameter e expects a number, got \"0.2\"");
  CHECK(resolve_error(registry, "boulware(e=linear)") ==
        "boulware: parameter e expects a number, got linear");
  // Bounds are inclusive.
  CHECK(resolve_error(registry, "boulware(e=0)").empty());
  CHECK(resolve_error(registry, "boulware(e=100)").empty());
  CHECK(resolve_error(registry, "random(accept=0, walk_away=1)").empty());

  const Registry custom = test_registry();
  CHECK(resolve_error(custom, "full(rounds=2.5)") ==
        "full: parameter rounds expects a whole number, got 2.5");
  CHECK(resolve_error(custom, "full(rounds=11)") ==
        "full: parameter rounds = 11 is out of range [1, 10]");
  CHECK(resolve_error(custom, "full(label=3)") ==
        "full: parameter label expects a quoted string, got 3");
  CHECK(resolve_error(custom, "full(bidding=0.5)") ==
        "full: parameter bidding expects a component spec, got 0.5");
  // Nested specs are validated too.
  CHECK(resolve_error(custom, "full(bidding=bid(level=2))") ==
        "bid: parameter level = 2 is out of range [0, 1]");
  CHECK(resolve_error(custom, "full(bidding=bidd)") ==
        "unknown strategy \"bidd\" (did you mean \"bid\"?); `treatysim agents` lists them all");
}

TEST_CASE("registry: components that are not negotiators cannot negotiate") {
  const Registry custom = test_registry();
  CHECK(error_of([&] { static_cast<void>(custom.create("bid")); }) ==
        "\"bid\" is a bidding component, not a negotiator; use it inside a negotiator's spec");
  const treatysim::Scenario scenario = treatysim::testing::random_scenario(1);
  CHECK(error_of([&] { custom.check(parse_spec("bid"), scenario, 0); }) ==
        "\"bid\" is a bidding component, not a negotiator");
  // Unknown-strategy lists name negotiators only.
  CHECK(resolve_error(custom, "zzz") ==
        "unknown strategy \"zzz\"; negotiators: full, oracle (see `treatysim agents`)");
}

TEST_CASE("registry: a person's strategy is refused by check(), so no batch run creates it") {
  const Registry& registry = treatysim::agents::builtin_registry();
  const treatysim::Scenario scenario = treatysim::testing::random_scenario(1);
  CHECK(registry.traits(parse_spec("human")).interactive);
  CHECK(error_of([&] { registry.check(parse_spec("human"), scenario, 0); }) ==
        "\"human\" is decided by a person, so it cannot play on its own (a person takes a side "
        "with `treatysim play --as ID` or in the window's Play mode)");
  CHECK_NOTHROW(registry.check(parse_spec("boulware"), scenario, 0));
}

TEST_CASE("registry: defaults are filled in for parameters not given") {
  const Registry& registry = builtin_registry();
  const auto td = registry.resolve(parse_spec("time_dependent"));
  CHECK(td.number("e") == 1.0);
  CHECK(td.number("k") == 0.0);
  const auto partial = registry.resolve(parse_spec("time_dependent(k=0.3)"));
  CHECK(partial.number("e") == 1.0);
  CHECK(partial.number("k") == 0.3);
  const auto exp = registry.resolve(parse_spec("time_dependent_exp"));
  CHECK(exp.number("e") == 1.0);
  CHECK(exp.number("k") == 0.01);
  const auto random = registry.resolve(parse_spec("random(walk_away=0.5)"));
  CHECK(random.number("accept") == 0.1);
  CHECK(random.number("walk_away") == 0.5);

  const Registry custom = test_registry();
  const treatysim::agents::StrategyInfo* info = nullptr;
  const auto full = custom.resolve(parse_spec("full"), &info);
  REQUIRE(info != nullptr);
  CHECK(info->name == "full");
  CHECK(full.integer("rounds") == 3);
  CHECK(full.text("label") == "plain");
  CHECK(full.spec("bidding").to_string() == "bid(level=0.25)");
  const auto given = custom.resolve(parse_spec("full(rounds=7, label=\"x y\", bidding=bid)"));
  CHECK(given.integer("rounds") == 7);
  CHECK(given.text("label") == "x y");
  CHECK(given.spec("bidding").to_string() == "bid");
}

TEST_CASE("registry: the Faratin presets have the documented defaults") {
  const Registry& registry = builtin_registry();
  struct Preset {
    const char* name;
    double e;
  };
  for (const Preset preset :
       {Preset{"boulware", 0.2}, Preset{"linear", 1.0}, Preset{"conceder", 2.0},
        Preset{"hardliner", 0.0}, Preset{"time_dependent", 1.0}}) {
    CAPTURE(preset.name);
    const StrategyInfo* info = registry.find(preset.name);
    REQUIRE(info != nullptr);
    CHECK(info->kind == ComponentKind::kNegotiator);
    REQUIRE(info->parameters.size() == 2);
    CHECK(info->parameters[0].name == "e");
    CHECK(info->parameters[0].default_number == preset.e);
    CHECK(info->parameters[1].name == "k");
    CHECK(info->parameters[1].default_number == 0.0);
    CHECK(registry.resolve(parse_spec(preset.name)).number("e") == preset.e);
    CHECK_FALSE(info->traits.stochastic);
    CHECK_FALSE(info->traits.needs_enumeration);  // plays on spaces no one enumerates
    CHECK(registry.create(preset.name) != nullptr);
  }
  const StrategyInfo* random = registry.find("random");
  REQUIRE(random != nullptr);
  CHECK(random->traits.stochastic);
  CHECK(registry.find("no_such_strategy") == nullptr);
  CHECK(registry.find("time_dependent_exp") != nullptr);
}

TEST_CASE("registry: check() accepts a space too large to enumerate, refuses private information") {
  treatysim::ScenarioDef def = treatysim::testing::random_scenario(5).def();
  def.issues.clear();
  for (auto& party : def.parties) {
    party.preferences.weights.clear();
    party.preferences.values.clear();
    party.preferences.shapes.clear();
  }
  for (int i = 0; i < 24; ++i) {
    treatysim::Issue issue;
    issue.id = "i" + std::to_string(i);
    for (int o = 0; o < 4; ++o) issue.options.push_back({"o" + std::to_string(o), {}, {}});
    def.issues.push_back(issue);
    for (auto& party : def.parties) {
      party.preferences.weights.push_back(1.0 / 24.0);
      party.preferences.values.push_back({0.0, 0.3, 0.6, 1.0});
      party.preferences.shapes.push_back(treatysim::ValueShape::kTable);
    }
  }
  def.protocol.information = treatysim::Information::kPrivate;
  const treatysim::Scenario huge = treatysim::Scenario::create(def);
  REQUIRE_FALSE(huge.space().enumerable());
  const Registry& registry = builtin_registry();
  // Every built-in negotiator plays on spaces too large to enumerate (own_levels.hpp).
  CHECK(error_of([&] { registry.check(parse_spec("boulware"), huge, 0); }).empty());
  CHECK(error_of([&] { registry.check(parse_spec("random"), huge, 1); }).empty());
  // The spec checker used by scenario loading says the same.
  const auto checker = treatysim::agents::spec_checker(registry);
  CHECK(error_of([&] { checker("linear", huge, 0); }).empty());

  const treatysim::Scenario small = treatysim::testing::random_scenario(5);
  CHECK(error_of([&] { registry.check(parse_spec("boulware"), small, 0); }).empty());
  CHECK(error_of([&] { registry.check(parse_spec("boulware(e=-2)"), small, 0); }) ==
        "boulware: parameter e = -2 is out of range [0, 100]");

  const Registry custom = test_registry();
  CHECK(
      error_of([&] { custom.check(parse_spec("oracle"), huge, 0); }) ==
      "oracle needs complete information (it reads the opponent's preferences), but the scenario's "
      "protocol.information is \"private\"");
  def.protocol.information = treatysim::Information::kComplete;
  CHECK(error_of([&] {
          custom.check(parse_spec("oracle"), treatysim::Scenario::create(def), 0);
        }).empty());
}

TEST_CASE("registry: a component's name given as a negotiator says what it is") {
  const Registry& registry = treatysim::agents::builtin_registry();
  // "tit_for_tat" is only a compliance policy (the negotiators are relative_/absolute_/nice_…):
  // no "did you mean "tit_for_tat"?" pointing at itself.
  CHECK(error_of([&] {
          static_cast<void>(registry.resolve(parse_spec("tit_for_tat"), nullptr,
                                             treatysim::agents::ComponentKind::kNegotiator));
        }) == "\"tit_for_tat\" is a compliance component, not a negotiator");
  CHECK(error_of([&] { static_cast<void>(registry.create("frequency")); }) ==
        "\"frequency\" is an opponent_model component, not a negotiator; use it inside a "
        "negotiator's spec");
  CHECK(error_of([&] { static_cast<void>(registry.create("ac_next")); }) ==
        "\"ac_next\" is an acceptance component, not a negotiator; use it inside a "
        "negotiator's spec");
}
