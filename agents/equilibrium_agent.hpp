// equilibrium_agent.hpp — plays the subgame-perfect equilibrium of the finite-horizon
// alternating-offers game (engine/analysis/equilibrium.hpp: backward induction over the discrete outcome
// space, per-party discount factors and reservation values).
//
// Source: Rubinstein 1982; Ståhl 1972; THEORY.md. No research platform ships this benchmark.
// Backward induction over offers r = T−1 … 0 (engine/analysis/equilibrium.hpp has every case):
//   Vᵢ(T) = dᵢ (reservation values); at offer r, proposer p, responder q:
//   q accepts ω iff u_q(ω) ≥ max(d_q, V_q(r+1))/δ_qʳ;
//   p offers ω*(r) = the acceptable ω of highest u_p (ties: lowest index) when δ_pʳ·u_p(ω*) is at
//   least what a rejection gives it, and then V(r) = (δ₀ʳ·u₀(ω*), δ₁ʳ·u₁(ω*)).
// propose: the equilibrium offer at the current offer index (whatever happened before: the
//          strategy is subgame perfect, so it does not depend on the history).
// respond: accept offer r iff own u(ω) ≥ max(reservation, Vself(r+1))/δselfʳ (within 1e-9: accepts
//          when indifferent), i.e. iff accepting is at least as good as walking away or going on
//          in equilibrium; otherwise walk away when that beats going on, else reject. It never
//          accepts below its reservation value.
// Needs complete information: the equilibrium depends on the opponent's preferences. Under
// private information the registry refuses it with a clear error.
// The solution is computed once per (scenario, deadline) and reused. On spaces too large to
// enumerate the backward induction runs over the Pareto frontier plus each party's worst outcome
// (equilibrium.hpp): the same equilibrium values; the offers on the path are frontier outcomes.
//
// Parameters: none.
#pragma once

#include <memory>
#include <string>

#include "engine/analysis/equilibrium.hpp"
#include "engine/protocol/agent.hpp"

namespace treatysim::agents {

class EquilibriumAgent final : public Agent {
 public:
  void reset(const NegotiationContext& context) override;
  [[nodiscard]] Outcome propose(const NegotiationState& state) override;
  [[nodiscard]] Response respond(const NegotiationState& state, const Outcome& offer) override;

 private:
  NegotiationContext context_;
  std::string solved_hash_;
  std::unique_ptr<SubgamePerfectEquilibrium> equilibrium_;
};

}  // namespace treatysim::agents
