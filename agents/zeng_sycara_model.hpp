// zeng_sycara_model.hpp — a reservation-value estimator after Zeng & Sycara, "Bayesian learning in
// negotiation" (International Journal of Human-Computer Studies 48(1), 1998, pp. 125–141).
//
// Zeng & Sycara's buyer holds hypotheses Hₖ about the seller's reservation price with prior
// probabilities, and after every offer e updates them by Bayes' rule, P(Hₖ | e) ∝ P(Hₖ)·P(e | Hₖ),
// where P(e | Hₖ) comes from domain knowledge relating offers to the reservation price; its
// estimate is the expectation Σₖ P(Hₖ | e)·rₖ. Here the negotiation is multi-issue, so the
// evidence is the opponent's concession curve in its own utility, and the domain knowledge is the
// time-dependent tactics (Faratin et al. 1998) most agents follow:
//   hypotheses  (r, e): reservation r ∈ {0, 1/(K−1), …, 1} (K = `candidates`) crossed with the
//               concession exponent e ∈ {0.2, 0.5, 1, 2, 5}; uniform prior
//   evidence    the opponent's offer b at normalised time t, valued by the inner opponent model
//               (the `model` parameter: frequency, bayesian…) relative to its first offer b₀
//               (its best, where a time-dependent opponent starts): v = min(1, û(b)/û(b₀)), both
//               valued by the model as it is after b
//   likelihood  P(b | r, e) = φ((v − (1 − (1 − r)·t^(1/e)))/σ): the utility a time-dependent
//               opponent with that reservation value and exponent targets at t
//   estimate    r̂ = Σ P(r, e | offers)·r
// The utility estimate is the inner model's, unchanged: this component adds the reservation value.
// Simplifications, documented: the opponent's best utility is taken as 1 (as the time-dependent
// tactics start there); the evidence is only as good as the inner model's valuation of the offers;
// a repeated offer is evidence again (a Boulware opponent holding firm late says something about
// its reservation value).
//
// Parameters
// | name       | default   | range     | meaning                                                |
// |------------|-----------|-----------|--------------------------------------------------------|
// | model      | frequency | a model   | the opponent model that values the opponent's offers   |
// | candidates | 21        | 2 … 201   | reservation hypotheses, evenly spaced on [0, 1]        |
// | sigma      | 0.1       | [0.01, 1] | standard deviation σ of the likelihood                 |
#pragma once

#include <memory>
#include <vector>

#include "agents/components.hpp"

namespace treatysim::agents {

class ZengSycaraModel final : public OpponentModel {
 public:
  ZengSycaraModel(std::unique_ptr<OpponentModel> inner, int candidates, double sigma);

  void reset(const NegotiationContext& context) override;
  void update(const NegotiationState& state, const Outcome& offer) override;
  [[nodiscard]] double utility(const Outcome& outcome) const override {
    return inner_->utility(outcome);
  }
  [[nodiscard]] std::optional<double> reservation() const override { return estimate_; }

  // The posterior probability of each reservation candidate (summed over the exponents).
  [[nodiscard]] std::vector<double> reservation_posterior() const;
  [[nodiscard]] const std::vector<double>& candidates() const noexcept { return reservations_; }

 private:
  std::unique_ptr<OpponentModel> inner_;
  double sigma_;
  std::vector<double> reservations_;
  std::vector<double> exponents_;
  std::vector<double> probability_;  // [r · |exponents| + e]
  double estimate_ = 0.5;
  std::optional<Outcome> first_offer_;
};

}  // namespace treatysim::agents
