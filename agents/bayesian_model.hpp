// bayesian_model.hpp — the Bayesian opponent model of Hindriks & Tykhonov, "Opponent modelling in
// automated multi-issue negotiation using Bayesian learning" (AAMAS 2008, pp. 331–338).
//
// The opponent's utility is assumed linear additive, û(ω) = Σᵢ wᵢ·eᵢ(ωᵢ), and learned as
// probability distributions over hypotheses:
//  - issue weights: hypotheses over the *ranking* of the issues (every permutation π), each with
//    the weights the paper derives from a ranking, w_π,i = 2·rankᵢ / (n(n+1)) (rank n = the most
//    important issue); with more than 7 issues (n! > 5040) the ranking space is replaced by the
//    paper's scalable approximation: each issue's weight on its own, 11 hypotheses
//    w ∈ {0, 0.1, …, 1} with a uniform prior, the expected weights normalised to sum 1;
//  - each issue's evaluation function eᵢ over its options in file order (0 … m−1): "uphill"
//    j/(m−1), "downhill" (m−1−j)/(m−1), and "triangular" with its peak at k = 1 … m−2
//    (j/k up to the peak, (m−1−j)/(m−1−k) after it); uniform priors.
// Rationality assumption (the paper's): the opponent concedes over time, so its utility of its
// own offer at normalised time t is predicted as u′(t) = 1 − concession·t, and the likelihood of
// an offer b under a hypothesis h is the normal density φ((U_h(b) − u′(t))/σ). After each new
// opponent offer every hypothesis set is updated by Bayes' rule, P(h | b) ∝ P(h)·φ(…), where U_h
// combines h with the expected values of the other sets (the paper's independence assumption
// between issues; all sets are updated from the same prior expectations). The estimate is the
// expected utility: û(ω) = Σᵢ E[wᵢ]·E[eᵢ(ωᵢ)].
// Simplifications, documented: an offer the opponent already made is skipped (it carries no new
// evidence under the concession assumption, and GENIUS's implementation does the same); options
// of a discrete issue are taken in the scenario's order (the paper's shapes assume ordered values;
// for unordered values they are only an approximation); there is no reservation estimate (see
// zeng_sycara_model.hpp).
//
// Parameters
// | name       | default | range        | meaning                                              |
// |------------|---------|--------------|------------------------------------------------------|
// | sigma      | 0.25    | [0.01, 1]    | standard deviation σ of the likelihood               |
// | concession | 0.2     | [0, 1]       | assumed concession: u′(t) = 1 − concession·t         |
#pragma once

#include <vector>

#include "agents/components.hpp"

namespace treatysim::agents {

class BayesianModel final : public OpponentModel {
 public:
  BayesianModel(double sigma, double concession) : sigma_(sigma), concession_(concession) {}

  void reset(const NegotiationContext& context) override;
  void update(const NegotiationState& state, const Outcome& offer) override;
  [[nodiscard]] double utility(const Outcome& outcome) const override;

  // E[wᵢ] (summing to 1) and E[eᵢ(option)].
  [[nodiscard]] const std::vector<double>& expected_weights() const noexcept { return weights_; }
  [[nodiscard]] double expected_value(std::size_t issue, int option) const {
    return values_[issue][static_cast<std::size_t>(option)];
  }
  // True when the weights are learned as rankings (≤ 7 issues), false for the per-issue variant.
  [[nodiscard]] bool ranking_hypotheses() const noexcept { return !rankings_.empty(); }

 private:
  void refresh_expectations();
  [[nodiscard]] double likelihood(double utility, double predicted) const;

  double sigma_;
  double concession_;
  // Ranking hypotheses: weights per issue of each ranking, and their probabilities.
  std::vector<std::vector<double>> rankings_;
  std::vector<double> ranking_probability_;
  // Per-issue weight hypotheses (the scalable variant): probabilities of w = k/10.
  std::vector<std::vector<double>> weight_probability_;
  // Evaluation hypotheses: [issue][hypothesis][option] and their probabilities.
  std::vector<std::vector<std::vector<double>>> shapes_;
  std::vector<std::vector<double>> shape_probability_;
  // Cached expectations.
  std::vector<double> weights_;
  std::vector<std::vector<double>> values_;
  std::vector<Outcome> seen_;
};

}  // namespace treatysim::agents
