#include "frontend/batch.hpp"

#include <optional>

#include "engine/model/user_error.hpp"

namespace treatysim::frontend {

namespace {

std::string numeric_parameters(const agents::StrategyInfo& info) {
  std::string list;
  for (const agents::ParameterInfo& p : info.parameters) {
    if (p.type == agents::ParameterType::kNumber || p.type == agents::ParameterType::kInteger) {
      list += (list.empty() ? "" : ", ") + p.name;
    }
  }
  return list.empty() ? "none" : list;
}

}  // namespace

ParameterRange registry_parameter_range(const agents::Registry& registry, const Spec& strategy,
                                        const std::string& path) {
  Spec spec = strategy;
  std::optional<agents::ComponentKind> kind = agents::ComponentKind::kNegotiator;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    const std::string name = path.substr(start, dot == std::string::npos ? dot : dot - start);
    const agents::StrategyInfo* info = nullptr;
    static_cast<void>(registry.resolve(spec, &info, kind));
    const agents::ParameterInfo* parameter = nullptr;
    for (const agents::ParameterInfo& p : info->parameters) {
      if (p.name == name) parameter = &p;
    }
    if (dot == std::string::npos) {
      const bool numeric =
          parameter != nullptr && (parameter->type == agents::ParameterType::kNumber ||
                                   parameter->type == agents::ParameterType::kInteger);
      if (!numeric) {
        throw UserError(info->name + " has no numeric parameter \"" + name +
                        "\" (its numeric parameters: " + numeric_parameters(*info) + ")");
      }
      const SpecValue* written = spec.find(name);
      const double value = written != nullptr && written->kind == SpecValue::Kind::kNumber
                               ? written->number
                               : parameter->default_number;
      return {parameter->min, parameter->max, value,
              parameter->type == agents::ParameterType::kInteger};
    }
    if (parameter == nullptr || parameter->type != agents::ParameterType::kSpec) {
      throw UserError(info->name + " has no parameter \"" + name + "\" that takes a spec");
    }
    const SpecValue* written = spec.find(name);
    if (written == nullptr || written->kind != SpecValue::Kind::kSpec) {
      throw UserError("write the nested spec of \"" + name + "\" in the strategy (e.g. " +
                      info->name + "(" + name + "=" + parameter->default_text +
                      ")) to vary its parameters");
    }
    const Spec nested = written->spec.front();
    spec = nested;
    kind = parameter->spec_kind;
    start = dot + 1;
  }
}

ParameterLookup registry_parameter_lookup(const agents::Registry& registry) {
  return [&registry](const Spec& strategy, const std::string& path) {
    return registry_parameter_range(registry, strategy, path);
  };
}

void check_batch_strategies(const StudyDef& study, const agents::Registry& registry) {
  const auto check = [&](const Spec& spec, const std::string& key, const SourceLocation& at) {
    try {
      static_cast<void>(registry.resolve(spec, nullptr, agents::ComponentKind::kNegotiator));
      if (registry.traits(spec).interactive) {
        throw UserError(spec.to_string() +
                        " is played by a person, so it cannot take part in a batch run");
      }
    } catch (const UserError& e) {
      if (!e.location().file.empty()) throw;
      throw UserError(at, key, e.message());
    }
  };
  check(study.strategy, study.table + ".strategy", study.strategy_at);
  for (std::size_t i = 0; i < study.opponents.size(); ++i) {
    check(study.opponents[i], study.table + ".opponents[" + std::to_string(i) + "]",
          study.opponent_at[i]);
  }
}

CompetitorCheck batch_competitor_check(const agents::Registry& registry) {
  return [&registry](const Spec& spec, const Scenario& scenario, PartyIndex party) {
    const agents::StrategyInfo* info = nullptr;
    static_cast<void>(registry.resolve(spec, &info));
    if (registry.traits(spec).interactive) {
      throw UserError("\"" + info->name +
                      "\" is played by a person at the keyboard; a tournament runs unattended");
    }
    if (info->name == "scripted") {
      throw UserError(
          "\"scripted\" replays a fixed list of offers written for one scenario and side; it is a "
          "demonstration, not a strategy to rank");
    }
    registry.check(spec, scenario, party);
  };
}

}  // namespace treatysim::frontend
