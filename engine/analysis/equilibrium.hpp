// equilibrium.hpp — the subgame-perfect equilibrium (SPE) of the finite-horizon
// alternating-offers game on a discrete outcome space, by backward induction.
//
// Rules are those of negotiation.hpp: offer r is made by proposer(r); agreement on ω at offer r
// is worth δᵢʳ·uᵢ(ω); walking away, or the last offer (r = T−1) being rejected, gives each party
// its reservation value dᵢ. Let Vᵢ(r) be party i's equilibrium payoff when the game reaches
// offer r, with Vᵢ(T) = dᵢ. At offer r, proposer p and responder q:
//   - q's alternative to accepting is Wq = max(dq, Vq(r+1)): walking away, or rejecting and going
//     on. After a rejection q walks away iff dq > Vq(r+1) (by more than 1e-9), so a rejection
//     leads to R(r) = d in that case and to V(r+1) otherwise;
//   - q accepts ω iff uq(ω) ≥ Wq/δqʳ (within 1e-9: it accepts when indifferent);
//   - p offers ω* = the acceptable outcome with the highest up (ties: lowest outcome index),
//     if δpʳ·up(ω*) ≥ Rp(r); then V(r) = (δ₀ʳ·u₀(ω*), δ₁ʳ·u₁(ω*));
//   - otherwise (no acceptable outcome, or p prefers the rejection) p offers its best outcome
//     among those q rejects, and V(r) = R(r). If q would accept everything, p cannot avoid an
//     agreement and offers ω* anyway (a proposer cannot walk away).
// Without walk-away (the textbook game) the responder's alternative is Vq(r+1) alone; with every
// dᵢ ≤ the continuation values (e.g. reservation values of 0, as in splitting a pie) the two
// games coincide.
// Comparisons are made on undiscounted utilities so that long horizons (δʳ → 0) stay well
// conditioned. Cost: O(n log n) to sort once, then O(log n) per offer index: O(n log n + T log n).
//
// Source: Rubinstein (1982), Ståhl (1972); THEORY.md "Alternating offers".
#pragma once

#include <array>
#include <string>
#include <vector>

#include "engine/analysis/pareto.hpp"
#include "engine/model/outcome.hpp"
#include "engine/model/scenario.hpp"

namespace treatysim {

struct EquilibriumStep {
  PartyIndex proposer = 0;
  Outcome offer;          // what the proposer offers at this index in equilibrium
  bool accepted = false;  // whether the responder accepts it
  // The utility the responder needs to accept at this index (undiscounted): Wq/δqʳ.
  double acceptance_threshold = 0.0;
  // Whether the responder, rejecting here, walks away (dq > Vq(r+1)) rather than going on.
  bool responder_walks_away = false;
  std::array<double, kPartyCount> values{};  // Vᵢ(r): payoffs if the game reaches offer r
};

class SubgamePerfectEquilibrium {
 public:
  // Solves the game of `scenario` (its deadline, first mover, discounts, reservation values).
  // Throws UserError when the space is too large to enumerate.
  explicit SubgamePerfectEquilibrium(const Scenario& scenario);
  // The equilibrium of the game with these reservation values instead of the scenario's (one
  // type of a scenario whose values are drawn: both sides know both values).
  SubgamePerfectEquilibrium(const Scenario& scenario,
                            const std::array<double, kPartyCount>& reservation_values);
  // The same backward induction over a list of candidate outcomes instead of every outcome: for
  // spaces too large to enumerate, the Pareto frontier plus each party's worst outcome. Every
  // value Vᵢ(r) is the same as over the whole space (the proposer's best acceptable outcome is on
  // the frontier, and whether some outcome is rejected is decided by the responder's worst one);
  // only the outcome offered when the proposer prefers a rejection, and ties, may differ. With
  // the reservation values of the game solved (drawn ones included).
  SubgamePerfectEquilibrium(const Scenario& scenario, std::vector<OutcomePoint> candidates,
                            const std::array<double, kPartyCount>& reservation_values);

  [[nodiscard]] int deadline() const noexcept { return static_cast<int>(steps_.size()); }
  // Step r = 0 … deadline−1.
  [[nodiscard]] const EquilibriumStep& step(int offer_index) const noexcept {
    return steps_[static_cast<std::size_t>(offer_index)];
  }
  // The equilibrium path's outcome: the first accepted offer (nullptr when the game ends in
  // disagreement: the deadline, or a responder walking away before any offer is accepted), and
  // its offer index.
  [[nodiscard]] const EquilibriumStep* agreement() const noexcept;
  [[nodiscard]] int agreement_offer_index() const noexcept;
  // V(0): each party's equilibrium payoff.
  [[nodiscard]] const std::array<double, kPartyCount>& values() const noexcept {
    return steps_.front().values;
  }

 private:
  std::vector<EquilibriumStep> steps_;
};

}  // namespace treatysim
