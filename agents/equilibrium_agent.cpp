#include "agents/equilibrium_agent.hpp"

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
    equilibrium_ = std::make_unique<SubgamePerfectEquilibrium>(*context.scenario);
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
