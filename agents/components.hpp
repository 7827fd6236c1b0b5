// components.hpp — the BOA decomposition of a negotiator (Baarslag, Hindriks, Hendrikx,
// Dirkzwager & Jonker, "Decoupling negotiating agents to explore the space of negotiation
// strategies", Novel Insights in Agent-based Complex Automated Negotiation, 2014):
//   negotiator = bidding strategy + acceptance condition + (optionally) opponent model.
// Each component is its own file in agents/, registered by name with its kind; `boa(...)`
// composes them, and the named presets are compositions with fixed parts (boa_agent.hpp).
// Parameters: none here (these are the interfaces; each component's header has its table).
#pragma once

#include <memory>
#include <optional>

#include "engine/protocol/agent.hpp"

namespace treatysim::agents {

// Estimates the opponent's utility from its offers (private information).
class OpponentModel {
 public:
  virtual ~OpponentModel() = default;
  // A negotiation starts: forget everything.
  virtual void reset(const NegotiationContext& context) = 0;
  // The opponent made `offer` (state.offers includes it).
  virtual void update(const NegotiationState& state, const Outcome& offer) = 0;
  // Estimated opponent utility of an outcome, in [0, 1].
  [[nodiscard]] virtual double utility(const Outcome& outcome) const = 0;
  // Estimated opponent reservation value, for models that estimate one (default: none).
  [[nodiscard]] virtual std::optional<double> reservation() const { return std::nullopt; }
};

// Chooses the agent's offers.
class BiddingStrategy {
 public:
  virtual ~BiddingStrategy() = default;
  virtual void reset(const NegotiationContext& context) = 0;
  // The own-utility target of an offer made at state.offer_index, given the offers so far and
  // the opponent model (may be null). Pure: asking twice gives the same answer (acceptance
  // conditions preview the next bid).
  [[nodiscard]] virtual double target(const NegotiationState& state,
                                      const OpponentModel* model) const = 0;
  // The offer at state.offer_index. Pure as well; `model` may be null.
  [[nodiscard]] virtual Outcome bid(const NegotiationState& state,
                                    const OpponentModel* model) const = 0;
  // True when bid() uses the opponent model (the registry's "uses_opponent_model" trait).
  [[nodiscard]] virtual bool uses_model() const noexcept { return false; }
  // The target at `offer_index` when the strategy fixes it in advance as a function of time
  // (Agent::target_utility); nullopt otherwise (default) or out of range.
  [[nodiscard]] virtual std::optional<double> scheduled_target(int offer_index) const {
    static_cast<void>(offer_index);
    return std::nullopt;
  }
};

// What an acceptance condition decides on.
struct AcceptanceInput {
  const NegotiationState& state;  // offer_index = the offer being answered
  double offer_utility;           // own utility of the offer
  double next_bid_utility;        // own utility of the bid the agent would make next (if any)
  bool has_next_bid;              // false on the last offer
  double best_received_utility;   // best own utility among the opponent's EARLIER offers (-1: none)
};

// Decides whether to accept the opponent's offer. BoaAgent never accepts an offer worth less
// than the reservation value, whatever the condition says.
class AcceptanceCondition {
 public:
  virtual ~AcceptanceCondition() = default;
  virtual void reset(const NegotiationContext& context) = 0;
  [[nodiscard]] virtual bool accept(const AcceptanceInput& input) const = 0;
};

}  // namespace treatysim::agents
