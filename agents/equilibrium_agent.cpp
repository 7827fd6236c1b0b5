#include "agents/equilibrium_agent.hpp"

#include "engine/analysis/analysis.hpp"
#include "engine/model/check.hpp"
#include "engine/model/issue.hpp"
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
  // Under complete information both reservation values of this negotiation are known (drawn
  // ones included): the game solved is the one with these values.
  std::array<double, kPartyCount> reservations{};
  reservations[context.self] = context.own.reservation_value();
  reservations[other_party(context.self)] = context.opponent.reservation_value();
  const std::string key = context.scenario->content_hash() + "/" + format_number(reservations[0]) +
                          "/" + format_number(reservations[1]);
  if (!equilibrium_ || key != solved_hash_) {
    const Scenario& scenario = *context.scenario;
    if (scenario.space().enumerable()) {
      equilibrium_ = std::make_unique<SubgamePerfectEquilibrium>(scenario, reservations);
    } else {
      // The frontier plus each party's worst outcome: the same equilibrium values.
      std::vector<OutcomePoint> candidates = shared_frontier(scenario)->points;
      for (PartyIndex p = 0; p < kPartyCount; ++p) {
        const Outcome worst = scenario.utility(p).worst_outcome();
        candidates.push_back(OutcomePoint{
            worst, candidates.size(), {scenario.utility(0)(worst), scenario.utility(1)(worst)}});
      }
      equilibrium_ = std::make_unique<SubgamePerfectEquilibrium>(scenario, std::move(candidates),
                                                                 reservations);
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
