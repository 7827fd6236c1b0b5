// registry_json.hpp — the registry's metadata as JSON: what `treatysim agents --format json`
// prints and the Python package's agents() table holds, from one writer.
//
// A list of {"name", "kind", "description", "source", "traits": {"stochastic",
// "needs_complete_information", "uses_opponent_model", "needs_enumeration"}, "parameters":
// [{"name", "type", "default", "min", "max", "description"}]} in registration order; "min" and
// "max" are null for string and spec parameters, whose "default" is their text.
#pragma once

#include <nlohmann/json.hpp>

#include "agents/registry.hpp"

namespace treatysim::agents {

// One entry (layout above).
[[nodiscard]] nlohmann::ordered_json strategy_info_to_json(const StrategyInfo& info);

// Every entry of `registry`, in registration order.
[[nodiscard]] nlohmann::ordered_json registry_to_json(const Registry& registry);

}  // namespace treatysim::agents
