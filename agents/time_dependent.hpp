// time_dependent.hpp — Faratin's time-dependent concession tactics.
//
// Source: P. Faratin, C. Sierra, N. R. Jennings, "Negotiation decision functions for autonomous
// agents", Robotics and Autonomous Systems 24(3–4), 1998; as implemented by GENIUS's
// TimeDependentAgent (whose concession exponent is called e, as here).
//
// Concession fraction at normalised time t = r/(deadline−1) ∈ [0, 1]:
//   polynomial  α(t) = k + (1−k)·t^(1/e)          (α(t) = k for every t when e = 0)
//   exponential α(t) = exp((1−t)^e · ln k)
//                 (with e = 0, (1−t)⁰ = 1 at every t, so α = k throughout: a hardliner too)
// Target utility: u_target(t) = u_max − (u_max − u_min)·α(t), with u_max the agent's best utility
// and u_min = max(reservation value, lowest utility) (capped at u_max).
// e < 1: Boulware (holds firm, concedes late); e = 1: linear; e > 1: Conceder; e = 0: hardliner.
//
// Bidding: offer the outcome with the smallest own utility that reaches the target (ties: lowest
// outcome index), found in O(log n) in the sorted utility index; the schedule of bids is computed
// once per (scenario, deadline, parameters) and reused across negotiations. On spaces too large
// to enumerate (agents/own_levels.hpp): the first offer (target = u_max) is the exact best
// outcome; later offers have an own utility ≥ target, and within target + 0.005 when the
// budgeted level search reaches that window (all but a few per cent of the bids on the 50-issue
// ANAC 2014 domain: tests/agents/large_space_test.cpp, bench/negotiation_bench.cpp).
// Acceptance (AC_next, Baarslag et al. 2012): accept offer r when it is worth at least the bid the
// agent would make at r+1; at the last offer (no bid follows), accept when it is worth at least
// the reservation value. Never accepts below the reservation value; never walks away.
//
// Parameters
// | name | default | range       | meaning                                                  |
// |------|---------|-------------|----------------------------------------------------------|
// | e    | 1       | [0, 100]    | concession exponent (β in Faratin's paper)               |
// | k    | 0       | [0, 1]      | initial concession α(0) (polynomial)                     |
// | k    | 0.01    | [1e-6, 1]   | initial concession α(0) (exponential; must be > 0)      |
// Presets (polynomial): boulware e=0.2, linear e=1, conceder e=2, hardliner e=0.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/protocol/agent.hpp"

namespace treatysim::agents {

enum class ConcessionFamily { kPolynomial, kExponential };

// α(t) of the family (exposed for tests and plots).
[[nodiscard]] double concession_fraction(ConcessionFamily family, double t, double e, double k);

// The bidding schedule of a time-dependent tactic, shared by the TimeDependentAgent and the BOA
// bidding component: per offer index r of the current negotiation, the target utility
// u_target(t_r), the bid (smallest own utility ≥ target, ties: lowest outcome index) and the bid's
// utility. Computed once per (scenario, party, deadline) and kept across negotiations.
class ConcessionSchedule {
 public:
  ConcessionSchedule(ConcessionFamily family, double e, double k) : family_(family), e_(e), k_(k) {}

  // Computes the schedule for this negotiation, unless it is the one already computed.
  void update(const NegotiationContext& context);
  // The target, bid and bid's utility at offer index r (0 … deadline−1).
  [[nodiscard]] double target(int offer_index) const { return targets_[at(offer_index)]; }
  [[nodiscard]] const Outcome& bid(int offer_index) const { return bids_[at(offer_index)]; }
  [[nodiscard]] double bid_utility(int offer_index) const {
    return bid_utilities_[at(offer_index)];
  }
  // target(offer_index) within 0 … deadline−1, else nullopt.
  [[nodiscard]] std::optional<double> target_if_scheduled(int offer_index) const;

 private:
  [[nodiscard]] static std::size_t at(int offer_index) {
    return static_cast<std::size_t>(offer_index);
  }

  ConcessionFamily family_;
  double e_;
  double k_;
  std::string hash_;  // scenario content hash of the cached schedule ("" = none)
  PartyIndex party_ = 0;
  int deadline_ = 0;
  double reservation_ = -1.0;  // the reservation value (u_min) it was computed for (drawn values)
  std::vector<double> targets_;
  std::vector<Outcome> bids_;
  std::vector<double> bid_utilities_;
};

class TimeDependentAgent final : public Agent {
 public:
  TimeDependentAgent(ConcessionFamily family, double e, double k);

  void reset(const NegotiationContext& context) override;
  [[nodiscard]] Outcome propose(const NegotiationState& state) override;
  [[nodiscard]] Response respond(const NegotiationState& state, const Outcome& offer) override;

  // The target utility at offer index r of the current negotiation.
  [[nodiscard]] double target(int offer_index) const { return schedule_.target(offer_index); }
  // Agent::target_utility: target(offer_index) within 0 … deadline−1, else nullopt.
  [[nodiscard]] std::optional<double> target_utility(int offer_index) const override;

 private:
  NegotiationContext context_;
  ConcessionSchedule schedule_;
};

}  // namespace treatysim::agents
