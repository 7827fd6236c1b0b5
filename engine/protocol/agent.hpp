// agent.hpp — the interface every negotiating strategy implements.
//
// An agent sees its own preferences, the public scenario (issues, protocol), the time and the
// history of offers. It sees the opponent's preferences only when the scenario declares complete
// information (NegotiationContext::opponent is null otherwise). Agents are created by the
// agents layer's registry; the engine never names a concrete strategy.
//
// Lifecycle: reset(context) at the start of a negotiation forgets everything; in a series of
// negotiations against the same opponent, continue_series(context) starts each later one and a
// learning agent keeps what it learned (every other agent treats it as reset). Then propose() and
// respond() as the protocol demands, with observe() for every event, including the agent's own.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "engine/model/compliance.hpp"
#include "engine/model/outcome.hpp"
#include "engine/model/scenario.hpp"
#include "engine/protocol/event.hpp"
#include "engine/protocol/spec.hpp"

namespace treatysim {

class UtilityIndex;
class UtilityLevels;

// What one side may know of one party: its preferences and utility, and the reservation value
// in force in this negotiation.
struct PartyView {
  const PartyDef* party = nullptr;
  const UtilityFunction* utility = nullptr;
  // The value drawn for this negotiation when the party's reservation value is a distribution
  // (reservation.hpp); absent for a fixed one.
  std::optional<double> drawn_reservation;
  // The party's reservation value in this negotiation: the drawn value, or the fixed one.
  [[nodiscard]] double reservation_value() const noexcept {
    return drawn_reservation ? *drawn_reservation : party->preferences.reservation_value;
  }
  [[nodiscard]] double discount() const noexcept { return party->preferences.discount; }
};

// Given to an agent at reset: who it is and what it may know.
struct NegotiationContext {
  const Scenario* scenario = nullptr;  // for the public part: space(), protocol(), ids
  PartyIndex self = 0;
  PartyView own;
  PartyView opponent;      // party == nullptr under private information
  int deadline = 1;        // number of offers
  std::uint64_t seed = 0;  // the agent's own random stream (derived from the run seed)

  [[nodiscard]] bool complete_information() const noexcept { return opponent.party != nullptr; }
  [[nodiscard]] const OutcomeSpace& space() const noexcept { return scenario->space(); }
  // The agent's own outcomes sorted by its utility (throws UserError on huge spaces).
  [[nodiscard]] const UtilityIndex& own_index(const std::string& needed_by) const;
  // "An outcome of my utility near t" on any space (utility_levels.hpp).
  [[nodiscard]] const UtilityLevels& own_levels() const;
};

// An offer on record.
struct OfferRecord {
  Outcome outcome;
  PartyIndex proposer = 0;
};

// The moment of a decision.
struct NegotiationState {
  int offer_index = 0;  // the offer being made (propose) or answered (respond)
  int deadline = 1;
  std::span<const OfferRecord> offers;  // every offer so far, in order

  // Normalised time t = r/(deadline−1) in [0, 1]: 0 at the first offer, 1 at the last (1 when
  // the deadline is a single offer).
  [[nodiscard]] double time() const noexcept {
    return deadline > 1 ? static_cast<double>(offer_index) / static_cast<double>(deadline - 1)
                        : 1.0;
  }
  // True when this is the last offer: rejecting it ends in disagreement.
  [[nodiscard]] bool last_offer() const noexcept { return offer_index + 1 >= deadline; }
};

enum class Response { kAccept, kReject, kWalkAway };

class Agent {
 public:
  virtual ~Agent() = default;
  Agent() = default;
  Agent(const Agent&) = delete;
  Agent& operator=(const Agent&) = delete;

  // Starts a negotiation and forgets everything, including anything learned in earlier ones.
  virtual void reset(const NegotiationContext& context) = 0;
  // Starts the next negotiation of a series against the same opponent: a learning agent keeps
  // what it learned; for every other agent this is reset().
  virtual void continue_series(const NegotiationContext& context) { reset(context); }
  // The next offer (must be an outcome of the space).
  [[nodiscard]] virtual Outcome propose(const NegotiationState& state) = 0;
  // The answer to the offer `offer` (state.offers.back()). kReject leads to propose() for the
  // counter-offer unless the offer was the last.
  [[nodiscard]] virtual Response respond(const NegotiationState& state, const Outcome& offer) = 0;
  // Every event of the negotiation, in order (default: ignored).
  virtual void observe(const Event& event) { static_cast<void>(event); }
  // Optional, for front ends that plot aspirations: the agent's own target utility for an offer
  // made at `offer_index` (0 … deadline−1) of the current negotiation (after reset), where its
  // strategy fixes that target in advance as a function of time (the time-dependent tactics,
  // alone or as a BOA bidding component). nullopt for strategies whose targets depend on the
  // opponent's moves or that have none (default), and for indices out of range.
  [[nodiscard]] virtual std::optional<double> target_utility(int offer_index) const {
    static_cast<void>(offer_index);
    return std::nullopt;
  }
  // Optional, for agents with an opponent model: the agent's current estimate of the opponent's
  // utility of `outcome` (what its model says now, after the offers it has seen). nullopt for
  // agents without a model (default). Read by the accuracy measures (analysis/model_accuracy.hpp)
  // and the window; it must not change the agent's state.
  [[nodiscard]] virtual std::optional<double> estimated_utility(const Outcome& outcome) const {
    static_cast<void>(outcome);
    return std::nullopt;
  }
  // Optional: the agent's current estimate of the opponent's reservation value, for agents whose
  // model estimates one; nullopt otherwise (default).
  [[nodiscard]] virtual std::optional<double> estimated_reservation() const { return std::nullopt; }
};

// Creates agents from specs: implemented by the agents layer's registry, so that the engine
// (negotiation runner, tournaments, replay) never names a concrete strategy.
class AgentFactory {
 public:
  virtual ~AgentFactory() = default;
  // A new agent; throws UserError for unknown names, parameters or values out of range.
  [[nodiscard]] virtual std::unique_ptr<Agent> create(const Spec& spec) const = 0;
  // Throws UserError when `spec` cannot play `party` of `scenario` (bad spec, complete
  // information required, outcome space too large…).
  virtual void check(const Spec& spec, const Scenario& scenario, PartyIndex party) const = 0;
  // A compliance policy for the treaty lifecycle (throws UserError for bad specs).
  [[nodiscard]] virtual std::unique_ptr<CompliancePolicy> create_compliance(
      const Spec& spec) const = 0;
};

}  // namespace treatysim
