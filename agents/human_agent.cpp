#include "agents/human_agent.hpp"

#include <string>

#include "engine/model/check.hpp"
#include "engine/model/user_error.hpp"

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

void feed_recorded_decision(HumanAgent& human, const Negotiation& negotiation, const Event& event,
                            std::size_t index) {
  const Scenario& scenario = negotiation.scenario();
  const std::string where = "events[" + std::to_string(index) + "]";
  if (event.party != negotiation.next_actor() || event.offer_index != negotiation.offer_index()) {
    throw UserError(
        where + ": expected an action of party \"" + scenario.party(negotiation.next_actor()).id +
        "\" on offer " + std::to_string(negotiation.offer_index()) + ", got one of \"" +
        scenario.party(event.party).id + "\" on offer " + std::to_string(event.offer_index));
  }
  if (!negotiation.awaiting_response()) {
    if (event.kind != EventKind::kOffer) {
      throw UserError(where + ": expected an offer, got \"" +
                      std::string(event_kind_name(event.kind)) + "\"");
    }
    human.set_offer(event.outcome);
    return;
  }
  switch (event.kind) {
    case EventKind::kAccept:
      human.set_response(Response::kAccept);
      return;
    case EventKind::kReject:
      human.set_response(Response::kReject);
      return;
    case EventKind::kWalkAway:
      human.set_response(Response::kWalkAway);
      return;
    case EventKind::kOffer:
    case EventKind::kDeadline:
      break;
  }
  throw UserError(where + ": expected a response (accept, reject or walk_away), got \"" +
                  std::string(event_kind_name(event.kind)) + "\"");
}

}  // namespace treatysim::agents
