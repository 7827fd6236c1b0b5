// population.hpp — population dynamics on a payoff matrix: the replicator dynamics and a seeded
// Moran process, with the meta-game analysis, in one call for the front ends (evolve()).
//
// THEORY.
// - Replicator dynamics (Taylor & Jonker 1978; Hofbauer & Sigmund 1998, "Evolutionary Games
//   and Population Dynamics", ch. 7): an infinite population where x_i is the share playing
//   strategy i and a strategy grows in proportion to how much better than average it does:
//       dx_i/dt = x_i ((Ax)_i − xᵀAx).
//   Time scale. Adding a constant to A leaves the orbits unchanged and multiplying A by c > 0
//   runs them c times faster, but a fixed integration step is only accurate (indeed only
//   stable) while the step times the payoff span is small: at 20 steps per unit of payoff time,
//   hawk–dove with payoffs ×100 overshoots its rest point and ends at the wrong one. So the
//   dynamics run on the rescaled matrix
//       Â = (A − min A) / s,   s = max(1, (max A − min A) / kReplicatorPayoffSpan),
//   s being the time scale (replicator_time_scale()); Â's entries lie in [0, 10]. A matrix
//   whose payoffs span at most 10 (the teaching games; any tournament of utilities in [0, 1])
//   keeps time in payoff units. A wider one runs s times more slowly: one "generation" of the
//   reported path is s units of payoff time, and the path goes through the same shares to the
//   same rest points as the unscaled dynamics.
//   Integration: the classical fourth-order Runge–Kutta method, `steps_per_generation` (≥ 20)
//   steps of length h = 1/steps_per_generation per generation. Every eigenvalue of the
//   Jacobian of the right-hand side has |λ| ≤ 3·span(Â) ≤ 30 (each of its columns sums to at
//   most that in absolute value), so |λh| ≤ 1.5, where the method is stable (its stability
//   region contains the left half of the disc |z| ≤ 2.5), whatever the payoffs' magnitude.
//   After each step shares below 0 (rounding) are set to 0 and the shares renormalised to sum
//   to 1. Rest points include every symmetric Nash equilibrium (engine/studies/metagame.hpp); a share
//   that starts at 0 stays at 0.
// - Moran process (Moran 1958; Nowak, Sasaki, Taylor & Fudenberg 2004, "Emergence of
//   cooperation and evolutionary stability in finite populations", Nature 428): N individuals;
//   an individual of strategy k meets every other individual once, so its payoff is
//       π_k = (Σ_l A[k][l] c_l − A[k][k]) / (N − 1)     (c_l: number playing l)
//   and its fitness f_k = 1 − w + w·π_k, with selection intensity w in [0, 1] (w = 0: neutral
//   drift). Each birth–death step picks one individual to reproduce with probability
//   proportional to fitness and one to die uniformly at random (the parent included); the
//   offspring takes its place. A generation is N steps. Without mutation the process ends when
//   one strategy holds the whole population (fixation). Fitness must stay positive:
//   1 − w + w·min A > 0 is required. The payoffs are used as given (no rescaling: the unit of
//   payoff sets the strength of selection, with w), so they must be at most kMaxPopulationPayoff
//   in magnitude (validate_population_payoffs), which keeps every fitness, weight and sum finite.
//   A payoff π_k is an average of payoffs, so it is clamped to [min A, max A] against rounding:
//   every computed fitness is then at least 1 − w + w·min A > 0.
// - Fixation probability ρ of a single `mutant` in a population of N − 1 `resident`s: estimated
//   as the fraction of `runs` seeded runs the mutant takes over, with its standard error
//   √(ρ̂(1 − ρ̂)/runs). These runs follow the embedded jump chain (the steps that change the
//   count: with i mutants, the next change adds one with probability f_i/(f_i + g_i)), which has
//   the same fixation probability as the full process and skips the steps that change nothing.
//   The exact value (Nowak et al. 2004; Nowak 2006, "Evolutionary Dynamics", ch. 6) is
//       ρ = 1 / (1 + Σ_{k=1}^{N−1} Π_{i=1}^{k} g_i / f_i),
//   with f_i, g_i the fitness of mutant and resident when there are i mutants; ρ = 1/N under
//   neutral drift.
//
// Determinism: every run draws from its own Boost.Random stream, derive_seed(seed,
// "moran-trajectory", run) for the share trajectories and derive_seed(seed, "moran-fixation",
// mutant·n + resident) for the fixation runs of one pair: same seed ⇒ identical results.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/studies/metagame.hpp"
#include "engine/studies/parallel_map.hpp"
#include "engine/studies/payoff_matrix.hpp"

namespace treatysim {

// The replicator dynamics run on payoffs spanning at most this much (see THEORY).
inline constexpr double kReplicatorPayoffSpan = 10.0;
// Largest |payoff| the population dynamics accept (validate_population_payoffs).
inline constexpr double kMaxPopulationPayoff = 1e12;

// Settings of evolve(); validate_population_options checks every field once.
struct PopulationOptions {
  int generations = 100;          // replicator: time horizon (generations); Moran: generations
  int steps_per_generation = 20;  // Runge–Kutta steps per generation, 20 to 10000
  // One per strategy: finite, ≥ 0, at least one > 0, any scale (normalised to sum to 1);
  // empty: uniform.
  std::vector<double> initial_shares;
  int population = 100;    // Moran population size N, 2 to 100000
  double selection = 0.1;  // Moran selection intensity w, 0 (neutral) to 1
  int runs = 1000;         // Moran runs averaged per trajectory and per fixation pair
  std::uint64_t seed = 1;  // the run seed of the Moran process
};

// Throws UserError naming `source` and the key "payoffs[i][j]" when a payoff is not a finite
// number of magnitude at most kMaxPopulationPayoff.
void validate_population_payoffs(const PayoffMatrix& matrix, const std::string& source);

// Throws UserError (key = the field name: "generations", "population", ...) when a field is out
// of range for `matrix`, including a selection intensity that makes some fitness ≤ 0.
void validate_population_options(const PayoffMatrix& matrix, const PopulationOptions& options);

// The time scale s of the replicator dynamics: units of payoff time per generation,
// max(1, (max A − min A) / kReplicatorPayoffSpan) (see THEORY).
[[nodiscard]] double replicator_time_scale(const PayoffMatrix& matrix);

// The replicator dynamics on the rescaled matrix (see THEORY) from `initial` (finite shares
// ≥ 0, at least one > 0, normalised to sum to 1): the shares at generations 0, 1, ...,
// generations ([generation][strategy]); generation g is payoff time g·replicator_time_scale().
[[nodiscard]] std::vector<std::vector<double>> replicator_dynamics(const PayoffMatrix& matrix,
                                                                   std::span<const double> initial,
                                                                   int generations,
                                                                   int steps_per_generation);

// The Moran process averaged over many seeded runs.
struct MoranTrajectory {
  std::vector<std::vector<double>> mean_share;  // [generation 0..G][strategy]: mean over runs
  std::vector<double> fixed_share;  // fraction of runs strategy k had taken over by generation G
};

// Integer counts summing to `population` nearest to `shares` (largest remainder; ties go to
// the lower index). Shares are normalised first.
[[nodiscard]] std::vector<int> initial_counts(std::span<const double> shares, int population);

// `options.runs` seeded Moran runs from initial_counts(initial shares), `options.generations`
// generations each (see THEORY).
[[nodiscard]] MoranTrajectory moran_trajectory(const PayoffMatrix& matrix,
                                               const PopulationOptions& options);

// Run `run` of moran_trajectory: the number playing each strategy at generations 0 … G
// (entry g·n + k: strategy k at generation g). A function of (matrix, options, run) alone, so the
// runs can be computed anywhere and added in run order.
[[nodiscard]] std::vector<int> moran_trajectory_run(const PayoffMatrix& matrix,
                                                    const PopulationOptions& options, int run);

// moran_trajectory with its runs spread by `map` (item r: run r's counts, added in run order):
// the same numbers, bit for bit, for any map.
[[nodiscard]] MoranTrajectory moran_trajectory(const PayoffMatrix& matrix,
                                               const PopulationOptions& options,
                                               const ParallelMap& map);

// A fixation probability: estimated from seeded runs, and exact.
struct FixationProbability {
  double estimate = 0;        // fraction of runs the single mutant took over
  double standard_error = 0;  // √(estimate (1 − estimate) / runs)
  double exact = 0;           // Nowak et al. (2004)'s closed form
  int runs = 0;
};

// The exact fixation probability of one `mutant` among N − 1 `resident`s (see THEORY).
[[nodiscard]] double moran_fixation_exact(const PayoffMatrix& matrix, std::size_t mutant,
                                          std::size_t resident, int population, double selection);

// The fixation probability of one `mutant` among N − 1 `resident`s, from options.runs runs of
// the stream derive_seed(options.seed, "moran-fixation", mutant·n + resident).
[[nodiscard]] FixationProbability moran_fixation(const PayoffMatrix& matrix, std::size_t mutant,
                                                 std::size_t resident,
                                                 const PopulationOptions& options);

// Everything a front end shows about a payoff matrix's population dynamics, from one call.
struct PopulationResult {
  PayoffMatrix matrix;
  PopulationOptions options;                    // initial_shares filled in (uniform by default)
  std::vector<std::vector<double>> replicator;  // [generation 0..G][strategy]: replicator shares
  double replicator_time_scale = 1;  // units of payoff time per replicator generation (≥ 1)
  MoranTrajectory moran;
  // [mutant][resident]: fixation probability of one mutant among N − 1 residents; the
  // diagonal is left at zero (a strategy does not invade itself).
  std::vector<std::vector<FixationProbability>> fixation;
  MetaGame metagame;  // the symmetric Nash equilibria and regrets (engine/studies/metagame.hpp)
};

// Validates the matrix (validate_payoff_matrix, validate_population_payoffs) and the options
// (UserError), then runs the replicator dynamics, the Moran trajectories, the fixation
// probabilities of every ordered pair and the meta-game analysis.
[[nodiscard]] PopulationResult evolve(const PayoffMatrix& matrix, const PopulationOptions& options);

// The same, with the Moran runs (moran_trajectory) and then the fixation probabilities (item p:
// the p-th ordered pair, mutant outer, resident inner) spread by `map`, e.g. over threads or the
// ranks of an MPI job: the same result for any map.
[[nodiscard]] PopulationResult evolve(const PayoffMatrix& matrix, const PopulationOptions& options,
                                      const ParallelMap& map);

}  // namespace treatysim
