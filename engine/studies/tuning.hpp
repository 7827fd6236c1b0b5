// tuning.hpp — optimising the numeric parameters of one strategy against an opponent population
// (`treatysim tune`), with NLopt's derivative-free algorithms (Johnson, The NLopt nonlinear-
// optimization package; Kaelo & Ali 2006 for CRS2-LM; Runarsson & Yao 2005 for ISRES; Powell
// 2009 for BOBYQA; Rowan 1990 for Subplex; Nelder & Mead 1965).
//
// The objective — the mean of a metric over a fixed set of negotiations — is deterministic
// (common random numbers: every evaluation plays the same seeds, and NLopt's own generator is
// seeded from the run seed), so a tuning run gives the same result every time. It is also
// piecewise constant: outcomes are discrete, so a small change of a parameter usually changes
// nothing. How plateaus are handled:
//   - the search runs in the unit cube (each parameter scaled to [0, 1] over its bounds), and the
//     local algorithms start with steps of a quarter of each range, so their first moves cross
//     plateaus instead of probing differences of 1e-7 that are always zero;
//   - the global algorithms (crs2, isres) spend 80% of the budget; the rest polishes the best
//     point with Subplex, starting with steps of 5% of each range (and restarting as below);
//   - a local search that stops early (its steps fell below 1e-4 of the range: it sits on a
//     plateau or at a local optimum) is followed by another until the budget is spent: from the
//     best point when the last search improved it, else from a random point of the box (seeded
//     from the run seed) with steps of a quarter of the range — a multi-start local search;
//   - parameters are rounded to 4 significant digits (integers to whole numbers) before a spec
//     is built, and repeated specs (Nelder–Mead revisits, points rounding to the same values) are
//     answered from a cache and not played again;
//   - the reported best is the best point evaluated (the first one in case of ties), never
//     NLopt's last iterate.
// The best parameters and the defaults are then both scored on fresh seeds (disjoint from the
// tuning seeds), with 95% intervals and a paired t-test of the difference: a score found on the
// tuning seeds alone would be biased upward by the search (the winner's curse).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/studies/evaluation.hpp"
#include "engine/studies/statistics.hpp"
#include "engine/studies/study_file.hpp"
#include "engine/studies/study_plan.hpp"

namespace treatysim {

// [SECTION] A bounded derivative-free maximiser ------------------------------------------------

struct OptimiserOptions {
  TuneAlgorithm algorithm = TuneAlgorithm::kCrs2;
  int evaluations = 100;   // budget of objective calls (cached repeats not counted), ≥ 2
  std::uint64_t seed = 1;  // seeds NLopt's generator (crs2, isres) and the restart points
};

// One objective call, reported as it happens.
struct OptimiserStep {
  int evaluation = 0;  // 1-based count of distinct points evaluated
  std::vector<double> x;
  double value = 0.0;
  std::vector<double> best_x;  // the best point so far (including this one)
  double best_value = 0.0;
  bool improved = false;  // this point is the new best
};

struct OptimiserResult {
  std::vector<double> best_x;
  double best_value = 0.0;
  int evaluations = 0;  // distinct points evaluated
};

// Maximises `objective` over the box [lower, upper] (lower < upper in every coordinate),
// starting from `start` (clamped into the box), within the budget, as described above.
// `on_step` is called after every distinct evaluation. Exceptions from the objective propagate.
[[nodiscard]] OptimiserResult maximise(
    const std::function<double(const std::vector<double>&)>& objective,
    const std::vector<double>& lower, const std::vector<double>& upper,
    const std::vector<double>& start, const OptimiserOptions& options,
    const std::function<void(const OptimiserStep&)>& on_step = {});

// [SECTION] Tuning a strategy ------------------------------------------------------------------

// One tuned parameter with its bounds (the registry's range, narrowed by the file's bounds).
struct TunedParameter {
  std::string path;
  double min = 0.0;
  double max = 0.0;
  double default_value = 0.0;  // written in the strategy spec, else the registry's default
  bool integer = false;
};

// A tuning file with its scenarios loaded, bounds resolved and specs checked.
struct PreparedTune {
  TuneDef def;
  std::vector<TunedParameter> parameters;
  EvaluationPlan plan;             // tuning seeds: plan_seeds(seed, "evaluation", repetitions)
  EvaluationPlan validation_plan;  // fresh seeds: plan_seeds(seed, "validation", …)
  Spec default_spec;               // the strategy with every tuned parameter at its default
};

// Loads the scenarios and checks the tuning file: every parameter is a numeric parameter of the
// strategy (through `lookup`), the bounds lie inside its range, the strategy (at its default and
// at both ends of every bound) and the opponents can play every role asked. Throws UserError
// located in the file.
[[nodiscard]] PreparedTune prepare_tune(TuneDef def, const AgentFactory& factory,
                                        const ParameterLookup& lookup);

// The strategy spec with the tuned parameters at `values`, clamped to their bounds and rounded
// (whole numbers for integer parameters, 4 significant digits for the others).
[[nodiscard]] Spec tune_spec(const PreparedTune& tune, const std::vector<double>& values);

// The objective: the metric's mean (its negative for distance_to_nash, so that larger is better).
[[nodiscard]] double tune_objective(Metric metric, const Evaluation& evaluation);

// Progress of a tuning run, after each evaluation.
struct TuneStep {
  int evaluation = 0;
  int budget = 0;
  Spec spec;
  double score = 0.0;  // the metric's mean at this point
  Spec best_spec;
  double best_score = 0.0;
  bool improved = false;
};

struct TuneResult {
  Spec best_spec;
  std::vector<double> best_values;  // one per tuned parameter
  double best_score = 0.0;          // on the tuning seeds
  double default_score = 0.0;       // the defaults on the tuning seeds
  int evaluations = 0;
  SampleSummary best_validation;     // on the fresh seeds
  SampleSummary default_validation;  // on the same fresh seeds
  PairedTest comparison;             // best − default, negotiation by negotiation
};

// Runs the optimiser, then scores the best point and the defaults on the fresh seeds.
[[nodiscard]] TuneResult run_tuning(const PreparedTune& tune, const AgentFactory& factory,
                                    const std::function<void(const TuneStep&)>& progress = {},
                                    const ParallelFor& parallel = {});

// The same, with the pairings of each evaluation spread by `map` (evaluate's items), e.g. over
// the ranks of an MPI job: one evaluation at a time, as the optimiser asks for it, so the search
// takes the same path, and gives the same result, for any map.
[[nodiscard]] TuneResult run_tuning(const PreparedTune& tune, const AgentFactory& factory,
                                    const std::function<void(const TuneStep&)>& progress,
                                    const ParallelMap& map);

}  // namespace treatysim
