// metagame.hpp — the meta-game: Nash equilibria of the empirical game between strategies, and
// each strategy's regret against them.
//
// THEORY. A tournament reduces to a symmetric two-player game (the "empirical game" or
// "heuristic payoff table": Walsh, Das, Tesauro & Kephart 2002, "Analyzing complex strategic
// interactions in multi-agent systems"; Wellman 2006, "Methods for empirical game-theoretic
// analysis"): each player picks a strategy, and strategy i earns A[i][j] against j. A mixed
// strategy x (a point of the simplex, read as the shares of a population) earns (Ax)_i for
// pure i and xᵀAx for itself.
//
// - Symmetric Nash equilibrium: a mix x with (Ax)_i ≤ xᵀAx for every i — no strategy does
//   better against the population than the population does against itself. Every symmetric
//   game has one (Nash 1951). Only symmetric equilibria are listed: they are the ones with a
//   population reading (the rest points of the replicator dynamics, engine/studies/population.hpp),
//   and the ones empirical game-theoretic analysis reports.
// - Support enumeration (e.g. Nisan, Roughgarden, Tardos & Vazirani 2007, ch. 3; Porter,
//   Nudelman & Shoham 2008): for every non-empty support S, solve the indifference system
//       Σ_{j∈S} A[i][j] x_j = v  (i ∈ S),   Σ_{j∈S} x_j = 1,
//   keep the solution when x_j > 0 on S and (Ax)_i ≤ v off S. 2^n − 1 supports, each a
//   (|S|+1)-square linear system: n ≤ 16 (kMaxMetaGameStrategies) runs in well under a second.
//   In a nondegenerate game the equilibria are isolated and this finds all of them.
// - Regret (Wellman 2006; Jordan, Kiekintveld & Wellman 2007, "Empirical game-theoretic
//   analysis of the TAC supply chain game", whose "NE-regret" ranks strategies):
//     * regret of a mix x: ε(x) = max_k (Ax)_k − xᵀAx ≥ 0, what the best deviation gains;
//       x is an equilibrium exactly when ε(x) = 0.
//     * regret of strategy i against x: max_k (Ax)_k − (Ax)_i ≥ 0, what playing i instead of a
//       best response loses when the others play x. Against an equilibrium it is 0 on the
//       support; off it, it says how far i is from being worth playing.
//     * regret of the pure profile "everyone plays i": max_k A[k][i] − A[i][i] (0: pure i is a
//       symmetric equilibrium).
//
// Tolerances. The payoffs are divided by s = max |A[i][j]| before solving (s = 1 for an
// all-zero matrix), so these are relative to the largest payoff: a pivot below 1e-10 makes an
// indifference system singular; a probability above 1e-9 puts a strategy in the support (a
// solution with some x_j in [−1e-9, 1e-9] belongs to a smaller support and is found there, so
// each equilibrium is listed once); the best-response condition (Ax)_i ≤ v holds within 1e-9;
// regrets below 1e-9·s are reported as 0.
//
// Evolutionary stability (Maynard Smith & Price 1973; Maynard Smith 1982): x is an
// evolutionarily stable strategy (ESS) when a population playing x resists every small invasion:
// xᵀAy > yᵀAy for every mix y ≠ x near x. An ESS is asymptotically stable under the replicator
// dynamics (Taylor & Jonker 1978; Hofbauer, Schuster & Sigmund 1979). It is decided here for
// regular equilibria, where no strategy off the support is an alternative best reply (regret
// 0): then x is an ESS exactly when yᵀAy < 0 for every y ≠ 0 with Σ y_i = 0 and y_i = 0 off the
// support (Haigh 1975) — a pure equilibrium qualifies at once (it is strict), a mixed one when
// the symmetric part of A is negative definite on that plane (checked by a Cholesky
// factorisation, pivots above 1e-9 relative to the largest payoff). With an alternative best
// reply off the support the question needs a copositivity test, and the answer is left open.
//
// Degenerate games (e.g. two strategies with identical rows, common when two competitors play
// alike) can have a continuum of equilibria: a support whose system is singular but consistent
// sets MetaGame::degenerate, and only the equilibria on other supports are listed.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "engine/studies/payoff_matrix.hpp"

namespace treatysim {

// Relative tolerances of the support enumeration (see the THEORY block above).
inline constexpr double kMetaGamePivotTolerance = 1e-10;
inline constexpr double kMetaGameProbabilityTolerance = 1e-9;
inline constexpr double kMetaGamePayoffTolerance = 1e-9;

// One symmetric Nash equilibrium of the meta-game.
struct SymmetricEquilibrium {
  std::vector<double> mix;              // probability of each strategy; sums to 1
  std::vector<std::size_t> support;     // strategies with positive probability, ascending
  double payoff = 0;                    // xᵀAx: each player's expected payoff
  double regret = 0;                    // ε(x) = max_k (Ax)_k − xᵀAx (0 up to rounding)
  std::vector<double> strategy_payoff;  // (Ax)_i: payoff of strategy i against the mix
  std::vector<double> strategy_regret;  // max_k (Ax)_k − (Ax)_i: i's regret against the mix
  // Whether x is an evolutionarily stable strategy; nullopt when a strategy off the support is
  // an alternative best reply, where this test cannot decide (see above).
  std::optional<bool> evolutionarily_stable;
};

// Everything the meta-game analysis finds.
struct MetaGame {
  // Every isolated symmetric equilibrium, by support size, then by support (lexicographic).
  std::vector<SymmetricEquilibrium> equilibria;
  // regret of the pure profile "everyone plays i": max_k A[k][i] − A[i][i].
  std::vector<double> pure_profile_regret;
  // True when some support's indifference system is singular but consistent: equilibria there
  // may form a continuum and are not listed.
  bool degenerate = false;
};

// (Ax)_i for every strategy i: the payoff of each pure strategy against the mix x.
[[nodiscard]] std::vector<double> payoffs_against(const PayoffMatrix& matrix,
                                                  std::span<const double> mix);

// ε(x) = max_k (Ax)_k − xᵀAx: what the best unilateral deviation from the mix x gains.
[[nodiscard]] double mix_regret(const PayoffMatrix& matrix, std::span<const double> mix);

// The symmetric Nash equilibria by support enumeration and the regrets (see above). The matrix
// must satisfy validate_payoff_matrix.
[[nodiscard]] MetaGame analyze_metagame(const PayoffMatrix& matrix);

}  // namespace treatysim
