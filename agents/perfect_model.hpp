// perfect_model.hpp — the "perfect" opponent model: the opponent's true preferences.
//
// A baseline for measuring opponent models (Baarslag et al. 2013, "Predicting the performance of
// opponent models in automated negotiation", compare learned models with a perfect one; GENIUS's
// BOA framework ships one as PerfectModel): it reads the opponent's utility function and its
// reservation value in this negotiation, so it needs complete information. Its accuracy is the
// best possible — Pearson and Kendall 1, errors 0 — and a tournament entry using it shows what a
// better model could gain at most.
//
//   û(ω) = u_opponent(ω)        r̂ = r_opponent (the drawn value, when drawn)
//
// Parameters: none.
#pragma once

#include "agents/components.hpp"

namespace treatysim::agents {

class PerfectModel final : public OpponentModel {
 public:
  void reset(const NegotiationContext& context) override { opponent_ = context.opponent; }
  void update(const NegotiationState& state, const Outcome& offer) override {
    static_cast<void>(state);
    static_cast<void>(offer);
  }
  [[nodiscard]] double utility(const Outcome& outcome) const override {
    return (*opponent_.utility)(outcome);
  }
  [[nodiscard]] std::optional<double> reservation() const override {
    return opponent_.reservation_value();
  }

 private:
  PartyView opponent_;
};

}  // namespace treatysim::agents
