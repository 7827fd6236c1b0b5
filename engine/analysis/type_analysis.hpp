// type_analysis.hpp — the analysis of a scenario whose reservation values are drawn (types).
//
// With drawn reservation values (reservation.hpp) the Pareto frontier does not move, but the
// disagreement point d = (R₀, R₁) does, and with it the bargaining solutions and the zone of
// possible agreement. R₀ and R₁ are independent (each party's own stream). This reports:
//  - the probability that a ZOPA exists, P(∃ω on the frontier: u₀(ω) ≥ R₀, u₁(ω) ≥ R₁) (within
//    1e-9), exactly for every distribution: with the frontier sorted by u₀ descending
//    (a₁ ≥ a₂ ≥ …, running maximum of u₁: b₁ ≤ b₂ ≤ …),
//        P = Σₖ [F₀(aₖ) − F₀(aₖ₊₁)] · F₁(bₖ)        (F the CDFs, F₀(a_{K+1}) = 0);
//  - for each bargaining solution (Nash, Kalai–Smorodinsky, egalitarian, utilitarian), the
//    expected utilities and their standard deviations over the types, given that it exists (a
//    ZOPA), and the probability that it exists as the rule below integrates it.
// The expectations are sums over a grid of types (r₀, r₁) with weights w₀·w₁ — per party:
//  - a fixed value: one node of weight 1;
//  - `choices`: its values with their probabilities (exact);
//  - `uniform` and `beta`: a Gauss–Legendre rule of K nodes on the CDF: E[f(R)] = ∫₀¹ f(F⁻¹(p)) dp
//    ≈ Σⱼ wⱼ f(F⁻¹(pⱼ)), pⱼ and wⱼ the Legendre nodes and weights mapped to [0, 1]; K = 32, or 8
//    when the frontier has more than 20,000 points. A solution's utilities are step functions of
//    d, so the rule is not exact there: its error shrinks about as 1/K (the probability it
//    reports beside the exact ZOPA probability shows how far off it is).
// Solutions are searched over the frontier (every solution has a frontier point of equal
// objective value; only the tie-break between outcomes of equal utilities could differ from a
// search over every outcome, and utilities are what this reports).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "engine/analysis/analysis.hpp"

namespace treatysim {

// One point of the grid of types.
struct TypeNode {
  std::array<double, kPartyCount> reservation{};
  double weight = 0.0;  // probability mass (the weights sum to 1)
};

// A bargaining solution's distribution over the types.
struct SolutionOverTypes {
  double probability = 0.0;                        // that it exists (grid rule)
  std::array<double, kPartyCount> mean_utility{};  // given that it exists
  std::array<double, kPartyCount> sd_utility{};    // given that it exists
};

struct TypeAnalysis {
  std::array<std::string, kPartyCount>
      rule;  // "fixed", "exact, 3 choices", "Gauss-Legendre, 32 nodes on the CDF"
  std::array<double, kPartyCount> mean_reservation{};
  std::vector<TypeNode> nodes;
  double zopa_probability = 0.0;  // exact (formula above)
  SolutionOverTypes nash;
  SolutionOverTypes kalai_smorodinsky;
  SolutionOverTypes egalitarian;
  SolutionOverTypes utilitarian;
};

// Gauss–Legendre nodes and weights of order `order` (≥ 1) mapped to [0, 1] (weights sum to 1).
[[nodiscard]] std::vector<std::pair<double, double>> gauss_legendre_unit(int order);

// The grid of types of a scenario (one node when no value is drawn).
[[nodiscard]] std::vector<TypeNode> type_grid(
    const Scenario& scenario, int continuous_nodes,
    std::array<std::string, kPartyCount>* rules = nullptr);

// The analysis above; `analysis` is analyze_scenario(scenario) (its frontier is used).
[[nodiscard]] TypeAnalysis analyze_types(const Scenario& scenario,
                                         const ScenarioAnalysis& analysis);

}  // namespace treatysim
