// nash_seeker.hpp — concedes along the Pareto frontier toward the Nash bargaining solution.
//
// Source: Nash 1950 (the target); the time-dependent concession of Faratin et al. 1998 (the pace).
// With complete information the agent knows the exact frontier (engine/analysis/pareto.hpp) and the Nash
// point N (engine/analysis/bargaining.hpp, over the individually rational outcomes). Its target at
// normalised time t is
//   u_target(t) = u_best − (u_best − u(N))·t^(1/e)
// where u_best is its best frontier utility; it offers the frontier outcome of smallest own utility
// ≥ target (ties: lowest index), so every offer is Pareto-optimal and the last one is N itself.
// Acceptance: AC_next (accept an offer worth at least its next bid); on the last offer, anything
// worth at least the reservation value. With no individually rational outcome, N does not exist
// and it holds at its best frontier outcome. On spaces too large to enumerate the frontier is the
// one `analyze` computes (exact for interaction terms, by branch and bound), computed once per
// scenario for the process, and N is searched over it.
//
// Parameters
// | name | default | range    | meaning                                         |
// |------|---------|----------|-------------------------------------------------|
// | e    | 1       | [0, 100] | pace toward N: < 1 late (Boulware), > 1 early   |
#pragma once

#include <string>
#include <vector>

#include "engine/protocol/agent.hpp"

namespace treatysim::agents {

class NashSeeker final : public Agent {
 public:
  explicit NashSeeker(double e) : e_(e) {}

  void reset(const NegotiationContext& context) override;
  [[nodiscard]] Outcome propose(const NegotiationState& state) override;
  [[nodiscard]] Response respond(const NegotiationState& state, const Outcome& offer) override;

 private:
  double e_;
  NegotiationContext context_;
  std::string schedule_hash_;
  PartyIndex schedule_party_ = 0;
  std::vector<Outcome> bids_;          // per offer index
  std::vector<double> bid_utilities_;  // own utility of each
};

}  // namespace treatysim::agents
