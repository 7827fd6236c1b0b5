#include "agents/registry_json.hpp"

#include <string>

namespace treatysim::agents {

using nlohmann::ordered_json;

ordered_json strategy_info_to_json(const StrategyInfo& info) {
  ordered_json entry;
  entry["name"] = info.name;
  entry["kind"] = std::string(component_kind_name(info.kind));
  entry["description"] = info.description;
  entry["source"] = info.source;
  entry["traits"] = {{"stochastic", info.traits.stochastic},
                     {"needs_complete_information", info.traits.needs_complete_information},
                     {"uses_opponent_model", info.traits.uses_opponent_model},
                     {"needs_enumeration", info.traits.needs_enumeration}};
  ordered_json parameters = ordered_json::array();
  for (const ParameterInfo& p : info.parameters) {
    ordered_json param;
    param["name"] = p.name;
    param["type"] = std::string(parameter_type_name(p.type));
    const bool numeric = p.type == ParameterType::kNumber || p.type == ParameterType::kInteger;
    if (numeric) {
      param["default"] = p.default_number;
      param["min"] = p.min;
      param["max"] = p.max;
    } else {
      param["default"] = p.default_text;
      param["min"] = nullptr;
      param["max"] = nullptr;
    }
    param["description"] = p.description;
    parameters.push_back(std::move(param));
  }
  entry["parameters"] = std::move(parameters);
  return entry;
}

ordered_json registry_to_json(const Registry& registry) {
  ordered_json list = ordered_json::array();
  for (const StrategyInfo& info : registry.entries()) list.push_back(strategy_info_to_json(info));
  return list;
}

}  // namespace treatysim::agents
