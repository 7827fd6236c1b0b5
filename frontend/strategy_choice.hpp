// strategy_choice.hpp — each party's strategy for one negotiation: the scenario's own (its
// parties' `agent` keys), replaced by what the user chose (the CLI's --agent/--us/--cn, the
// Python package's agents={...}), every spec checked against a registry for its party.
#pragma once

#include <array>
#include <string>

#include "agents/registry.hpp"
#include "engine/model/scenario.hpp"
#include "engine/protocol/spec.hpp"

namespace treatysim::frontend {

class StrategyChoices {
 public:
  // Starts from the scenario's defaults (`scenario` must outlive this object).
  explicit StrategyChoices(const Scenario& scenario);

  // Party `party` (an id) plays `spec`; `origin` says where the user wrote it, for messages
  // ("--agent us", "--us", "agents[\"us\"]"). Throws UserError "ORIGIN: …" for a party the
  // scenario does not have, or one that already has a chosen strategy.
  void choose(const std::string& party, const std::string& spec, const std::string& origin);

  // Each party's spec, parsed and checked with registry.check; throws UserError "ORIGIN: …" for
  // the first that fails ("the scenario's parties[i].agent" for a default).
  [[nodiscard]] std::array<Spec, kPartyCount> resolve(const agents::Registry& registry) const;

 private:
  const Scenario& scenario_;
  std::array<std::string, kPartyCount> texts_;
  std::array<std::string, kPartyCount> origins_;
  std::array<bool, kPartyCount> chosen_{false, false};
};

}  // namespace treatysim::frontend
