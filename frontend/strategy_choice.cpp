#include "frontend/strategy_choice.hpp"

#include "engine/model/user_error.hpp"

namespace treatysim::frontend {

StrategyChoices::StrategyChoices(const Scenario& scenario)
    : scenario_(scenario),
      texts_{scenario.party(0).agent, scenario.party(1).agent},
      origins_{"the scenario's parties[0].agent", "the scenario's parties[1].agent"} {}

void StrategyChoices::choose(const std::string& party, const std::string& spec,
                             const std::string& origin) {
  const PartyIndex p = scenario_.find_party(party);
  if (p == kPartyCount) {
    throw UserError(origin + ": the scenario has no party \"" + party + "\" (its parties are \"" +
                    scenario_.party(0).id + "\" and \"" + scenario_.party(1).id + "\")");
  }
  if (chosen_[p]) {
    throw UserError(origin + ": party \"" + party + "\" already has a strategy from " +
                    origins_[p] + " (give each party one strategy)");
  }
  chosen_[p] = true;
  texts_[p] = spec;
  origins_[p] = origin;
}

std::array<Spec, kPartyCount> StrategyChoices::resolve(const agents::Registry& registry) const {
  std::array<Spec, kPartyCount> specs;
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    try {
      specs[p] = parse_spec(texts_[p]);
      registry.check(specs[p], scenario_, p);
    } catch (const UserError& e) {
      throw UserError(origins_[p] + ": " + e.message_with_location());
    }
  }
  return specs;
}

}  // namespace treatysim::frontend
