#include "agents/human_agent.hpp"

#include "engine/check.hpp"

namespace treatysim::agents {

void HumanAgent::reset(const NegotiationContext& context) {
  static_cast<void>(context);
  offer_.reset();
  response_.reset();
}

Outcome HumanAgent::propose(const NegotiationState& state) {
  static_cast<void>(state);
  TREATYSIM_CHECK(offer_.has_value(),
                  "the front end steps a human's offer before the person made it");
  const Outcome offer = *offer_;
  offer_.reset();
  return offer;
}

Response HumanAgent::respond(const NegotiationState& state, const Outcome& offer) {
  static_cast<void>(state);
  static_cast<void>(offer);
  TREATYSIM_CHECK(response_.has_value(),
                  "the front end steps a human's answer before the person gave it");
  const Response response = *response_;
  response_.reset();
  return response;
}

}  // namespace treatysim::agents
