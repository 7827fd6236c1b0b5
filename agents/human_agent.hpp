// human_agent.hpp — a negotiator whose decisions come from a person, through a front end (the
// GUI, or the terminal game `treatysim play`).
//
// The front end asks the Negotiation who acts next (next_actor(), awaiting_response()); when it
// is the human, it collects the decision, hands it over with set_offer() or set_response(), and
// then steps the negotiation. propose()/respond() consume the decision handed over (calling them
// without one is a programming error). The engine never waits on a person.
//
// Source and formula: none — this is not a model of behaviour; the decisions are the person's:
//   propose(r) = the offer handed over; respond(r, ω) = the answer handed over.
// Parameters: none.
#pragma once

#include <cstddef>
#include <optional>

#include "engine/protocol/agent.hpp"
#include "engine/protocol/event.hpp"
#include "engine/protocol/negotiation.hpp"

namespace treatysim::agents {

class HumanAgent final : public Agent {
 public:
  void reset(const NegotiationContext& context) override;
  [[nodiscard]] Outcome propose(const NegotiationState& state) override;
  [[nodiscard]] Response respond(const NegotiationState& state, const Outcome& offer) override;

  // The next offer the person makes (must be an outcome of the scenario).
  void set_offer(const Outcome& offer) { offer_ = offer; }
  // The person's answer to the offer on the table.
  void set_response(Response response) { response_ = response; }
  [[nodiscard]] bool has_decision() const noexcept {
    return offer_.has_value() || response_.has_value();
  }

 private:
  std::optional<Outcome> offer_;
  std::optional<Response> response_;
};

// Hands `human` the decision recorded in `event` (events[index] of a saved trace, for replay):
// an offer when `negotiation` awaits one, else a response. Throws UserError ("events[3]: …")
// when the event is not the next actor's action on the current offer, or not of the kind the
// negotiation awaits.
void feed_recorded_decision(HumanAgent& human, const Negotiation& negotiation, const Event& event,
                            std::size_t index);

}  // namespace treatysim::agents
