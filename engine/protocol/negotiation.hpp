// negotiation.hpp — one run of the alternating-offers protocol (Rubinstein 1982; Ståhl 1972).
//
// Rules, used everywhere in treatysim:
// - Time is counted in offers. Offer r (r = 0, 1, …, deadline−1) is made by the first mover
//   when r is even and by the other party when r is odd.
// - The responder to offer r accepts it, walks away, or rejects it; after a rejection it makes
//   offer r+1 (the counter-offer), unless r was the last offer (r = deadline−1), in which case
//   the negotiation ends in disagreement at the deadline.
// - An agreement on ω at offer index r is worth δᵢʳ·uᵢ(ω) to party i (`discounted_utilities`;
//   `utilities` holds uᵢ(ω)). Disagreement and walk-away give each party its reservation value,
//   undiscounted, in both fields.
// - A party whose reservation value is a distribution (reservation.hpp) gets the value drawn from
//   derive_seed(seed, "reservation", party) at every (re)start: its agent sees it in
//   NegotiationContext::own, the other agent only under complete information.
// The negotiation is steppable one action (an offer or a response) at a time, or runnable to
// the end. With no listener it allocates nothing per offer.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "engine/model/scenario.hpp"
#include "engine/protocol/agent.hpp"
#include "engine/protocol/event.hpp"

namespace treatysim {

enum class NegotiationEnd : std::uint8_t { kRunning, kAgreement, kWalkAway, kDeadline };

// "running", "agreement", "walk_away", "deadline".
[[nodiscard]] std::string_view negotiation_end_name(NegotiationEnd end) noexcept;

struct NegotiationResult {
  NegotiationEnd end = NegotiationEnd::kRunning;
  int offers = 0;                                          // offers made
  std::optional<Outcome> agreement;                        // set only when end == kAgreement
  int agreement_offer_index = -1;                          // r of the accepted offer, or −1
  std::array<double, kPartyCount> utilities{};             // uᵢ(ω), or reservation values
  std::array<double, kPartyCount> discounted_utilities{};  // δᵢʳ·uᵢ(ω), or reservation values
  // Each party's reservation value in this negotiation: fixed, or drawn from the seed
  // (reservation_values_for), set from the start.
  std::array<double, kPartyCount> reservation_values{};

  friend bool operator==(const NegotiationResult&, const NegotiationResult&) = default;
};

class Negotiation {
 public:
  // Runs `scenario` between agents[0] (party 0) and agents[1] (party 1). The agents must outlive
  // the negotiation; they are reset here with their random streams derived from `seed`.
  Negotiation(const Scenario& scenario, std::array<Agent*, kPartyCount> agents, std::uint64_t seed,
              EventListener* listener = nullptr);

  // Starts over with another seed, keeping allocated memory (for benchmarks and tournaments).
  // With `continue_series`, the agents are told this is the next negotiation of a series
  // (Agent::continue_series) instead of being reset.
  void restart(std::uint64_t seed, bool continue_series = false);

  [[nodiscard]] bool done() const noexcept { return result_.end != NegotiationEnd::kRunning; }
  // Performs the next action (an offer or a response) and returns the event it produced
  // (for a rejection of the last offer: the deadline event). Requires !done().
  const Event& step();
  // Steps until done and returns the result.
  const NegotiationResult& run();

  [[nodiscard]] const NegotiationResult& result() const noexcept { return result_; }
  [[nodiscard]] const std::vector<OfferRecord>& offers() const noexcept { return offers_; }
  [[nodiscard]] const Scenario& scenario() const noexcept { return scenario_; }
  [[nodiscard]] std::uint64_t seed() const noexcept { return seed_; }
  // The party that makes offer r.
  [[nodiscard]] PartyIndex proposer(int offer_index) const noexcept {
    return (scenario_.protocol().first_mover + static_cast<std::size_t>(offer_index)) % kPartyCount;
  }
  // The offer being made or answered now.
  [[nodiscard]] int offer_index() const noexcept { return offer_index_; }
  // True when the next step is a response to offers().back(); false when it is an offer.
  [[nodiscard]] bool awaiting_response() const noexcept { return awaiting_response_; }
  // The party that acts in the next step (requires !done()).
  [[nodiscard]] PartyIndex next_actor() const noexcept {
    return awaiting_response_ ? other_party(proposer(offer_index_)) : proposer(offer_index_);
  }

 private:
  void emit();
  void finish(NegotiationEnd end);
  NegotiationState state() const noexcept;

  Scenario scenario_;
  std::array<Agent*, kPartyCount> agents_;
  EventListener* listener_;
  std::uint64_t seed_ = 0;
  std::vector<OfferRecord> offers_;
  NegotiationResult result_;
  Event last_event_;
  int offer_index_ = 0;
  bool awaiting_response_ = false;
};

// Stream name under which agent seeds are derived: agent i's seed is
// derive_seed(run seed, kAgentStream, i).
inline constexpr std::string_view kAgentStream = "agent";

}  // namespace treatysim
