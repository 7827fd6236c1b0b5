// builtin.cpp — the one explicit list of built-in strategies.
#include <memory>

#include "agents/random_agent.hpp"
#include "agents/registry.hpp"
#include "agents/time_dependent.hpp"

namespace treatysim::agents {

namespace {

ParameterInfo number(std::string name, double default_value, double min, double max,
                     std::string description) {
  ParameterInfo p;
  p.name = std::move(name);
  p.type = ParameterType::kNumber;
  p.default_number = default_value;
  p.min = min;
  p.max = max;
  p.description = std::move(description);
  return p;
}

constexpr const char* kFaratin =
    "Faratin, Sierra & Jennings 1998, Robotics and Autonomous Systems 24; GENIUS TimeDependentAgent";

void add_time_dependent(Registry& registry, std::string name, std::string description,
                        ConcessionFamily family, double default_e, double default_k, double min_k) {
  StrategyInfo info;
  info.name = std::move(name);
  info.kind = ComponentKind::kNegotiator;
  info.description = std::move(description);
  info.source = kFaratin;
  info.traits.needs_enumeration = true;
  info.parameters = {
      number("e", default_e, 0.0, 100.0,
             "concession exponent: < 1 Boulware (concede late), 1 linear, > 1 Conceder, 0 never concede"),
      number("k", default_k, min_k, 1.0, "initial concession: fraction of the range conceded at t = 0"),
  };
  info.create_negotiator = [family](const Parameters& p, const Registry&) {
    return std::make_unique<TimeDependentAgent>(family, p.number("e"), p.number("k"));
  };
  registry.add(std::move(info));
}

Registry make_builtin_registry() {
  Registry registry;
  const auto poly = ConcessionFamily::kPolynomial;
  add_time_dependent(registry, "time_dependent",
                     "concedes from its best outcome toward its reservation value as t^(1/e)",
                     poly, 1.0, 0.0, 0.0);
  add_time_dependent(registry, "time_dependent_exp",
                     "exponential time-dependent concession: alpha = exp((1-t)^e ln k)",
                     ConcessionFamily::kExponential, 1.0, 0.01, 1e-6);
  add_time_dependent(registry, "boulware", "holds firm and concedes late (time_dependent, e = 0.2)",
                     poly, 0.2, 0.0, 0.0);
  add_time_dependent(registry, "linear", "concedes at a constant rate (time_dependent, e = 1)", poly,
                     1.0, 0.0, 0.0);
  add_time_dependent(registry, "conceder", "concedes early (time_dependent, e = 2)", poly, 2.0, 0.0,
                     0.0);
  add_time_dependent(registry, "hardliner",
                     "never concedes: always offers its best outcome (time_dependent, e = 0)", poly,
                     0.0, 0.0, 0.0);

  StrategyInfo random;
  random.name = "random";
  random.kind = ComponentKind::kNegotiator;
  random.description =
      "offers uniformly random outcomes it finds acceptable; accepts acceptable offers at random";
  random.source = "GENIUS / NegMAS random baseline";
  random.traits.stochastic = true;
  random.traits.needs_enumeration = true;
  random.parameters = {
      number("accept", 0.1, 0.0, 1.0, "probability of accepting an offer worth at least the reservation value"),
      number("walk_away", 0.0, 0.0, 1.0, "probability of walking away instead of answering an offer"),
  };
  random.create_negotiator = [](const Parameters& p, const Registry&) {
    return std::make_unique<RandomAgent>(p.number("accept"), p.number("walk_away"));
  };
  registry.add(std::move(random));
  return registry;
}

}  // namespace

const Registry& builtin_registry() {
  static const Registry registry = make_builtin_registry();
  return registry;
}

}  // namespace treatysim::agents
