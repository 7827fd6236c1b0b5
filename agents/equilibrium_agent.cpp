#include "agents/equilibrium_agent.hpp"

#include "engine/analysis/analysis.hpp"
#include "engine/model/check.hpp"
#include "engine/model/tolerance.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim::agents {

void EquilibriumAgent::reset(const NegotiationContext& context) {
  if (!context.complete_information()) {
    throw UserError(
        "equilibrium needs complete information (it solves the game with the "
        "opponent's preferences), but the scenario's protocol.information is \"private\"");
  }
  context_ = context;
  const std::string key = context.scenario->content_hash();
  if (!equilibrium_ || key != solved_hash_) {
    const Scenario& scenario = *context.scenario;
    if (scenario.space().enumerable()) {
      equilibrium_ = std::make_unique<SubgamePerfectEquilibrium>(scenario);
    } else {
      // The frontier plus each party's worst outcome: the same equilibrium values.
      std::vector<OutcomePoint> candidates = shared_frontier(scenario)->points;
      for (PartyIndex p = 0; p < kPartyCount; ++p) {
        const Outcome worst = scenario.utility(p).worst_outcome();
        candidates.push_back(OutcomePoint{
            worst, candidates.size(), {scenario.utility(0)(worst), scenario.utility(1)(worst)}});
      }
      equilibrium_ = std::make_unique<SubgamePerfectEquilibrium>(scenario, std::move(candidates));
    }
    solved_hash_ = key;
  }
}

Outcome EquilibriumAgent::propose(const NegotiationState& state) {
  const EquilibriumStep& step = equilibrium_->step(state.offer_index);
  TREATYSIM_CHECK(step.proposer == context_.self,
                  "the equilibrium agent proposes on its own turns");
  return step.offer;
}

Response EquilibriumAgent::respond(const NegotiationState& state, const Outcome& offer) {
  const double u = (*context_.own.utility)(offer);
  const EquilibriumStep& step = equilibrium_->step(state.offer_index);
  if (utility_at_least(u, step.acceptance_threshold) &&
      utility_at_least(u, context_.own.reservation_value())) {
    return Response::kAccept;
  }
  return step.responder_walks_away ? Response::kWalkAway : Response::kReject;
}

}  // namespace treatysim::agents
