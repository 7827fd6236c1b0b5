// time_dependent_bidding.hpp — Faratin's time-dependent tactic as a BOA bidding component.
//
// Source and formula: see time_dependent.hpp (Faratin, Sierra & Jennings 1998). target(t) =
// u_max − (u_max − u_min)·α(t); the bid is the outcome of smallest own utility ≥ target (ties:
// lowest outcome index). The schedule (ConcessionSchedule, shared with TimeDependentAgent) is
// computed once per (scenario, party, deadline).
//
// Parameters (time_dependent / time_dependent_exp)
// | name | default     | range             | meaning                                    |
// |------|-------------|-------------------|--------------------------------------------|
// | e    | 1           | [0, 100]          | concession exponent                        |
// | k    | 0 / 0.01    | [0, 1] / [1e-6, 1]| initial concession α(0)                    |
#pragma once

#include <string>
#include <vector>

#include "agents/components.hpp"
#include "agents/time_dependent.hpp"

namespace treatysim::agents {

class TimeDependentBidding final : public BiddingStrategy {
 public:
  TimeDependentBidding(ConcessionFamily family, double e, double k) : schedule_(family, e, k) {}

  void reset(const NegotiationContext& context) override { schedule_.update(context); }
  [[nodiscard]] double target(const NegotiationState& state,
                              const OpponentModel* model) const override;
  [[nodiscard]] Outcome bid(const NegotiationState& state,
                            const OpponentModel* model) const override;
  // The schedule's target at `offer_index` (0 … deadline−1), else nullopt.
  [[nodiscard]] std::optional<double> scheduled_target(int offer_index) const override;

 private:
  ConcessionSchedule schedule_;  // the same schedule as TimeDependentAgent's
};

}  // namespace treatysim::agents
