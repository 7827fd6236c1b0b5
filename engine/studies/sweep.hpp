// sweep.hpp — a grid over one or two parameters of a strategy or of its scenarios, each point
// scored against fixed opponents (engine/studies/evaluation.hpp): `treatysim sweep`.
//
// Every grid point plays the same negotiations with the same seeds (common random numbers), so
// the curve or heat map shows the effect of the parameter, not of different draws. Points are
// visited row by row: the first axis outer, the second inner. File format: study_file.hpp.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "engine/studies/evaluation.hpp"
#include "engine/studies/statistics.hpp"
#include "engine/studies/study_file.hpp"
#include "engine/studies/study_plan.hpp"

namespace treatysim {

// A sweep with its scenarios loaded and every axis checked.
struct PreparedSweep {
  SweepDef def;
  std::vector<Scenario> scenarios;     // as loaded (scenario parameters are applied per point)
  std::vector<ParameterRange> ranges;  // one per axis
  std::vector<std::uint64_t> seeds;    // plan_seeds(seed, "evaluation", repetitions)

  // Number of grid points (the product of the axes' sizes).
  [[nodiscard]] std::size_t point_count() const noexcept;
  // Negotiations the whole sweep plays.
  [[nodiscard]] std::size_t negotiation_count() const;
};

// Loads the scenarios and checks the sweep: every axis names a numeric parameter of the
// strategy (through `lookup`) or a scenario parameter, every grid value lies in its range (and
// is whole for an integer parameter), and the strategy and opponents can play every role asked
// at every value. Throws UserError located in the sweep file.
[[nodiscard]] PreparedSweep prepare_sweep(SweepDef def, const AgentFactory& factory,
                                          const ParameterLookup& lookup);

// The candidate spec at one grid point (strategy axes set; scenario axes are not in the spec).
[[nodiscard]] Spec sweep_spec(const PreparedSweep& sweep, const std::vector<double>& values);

// The plan at one grid point (scenario axes applied to the scenarios).
[[nodiscard]] EvaluationPlan sweep_plan(const PreparedSweep& sweep,
                                        const std::vector<double>& values);

// The scores at one grid point.
struct SweepPoint {
  std::vector<double> values;  // one per axis
  std::size_t negotiations = 0;
  SampleSummary summary;                           // of the sweep's metric
  std::array<double, kMetricCount> means{};        // of every metric, in Metric order
  std::array<std::size_t, kMetricCount> counts{};  // negotiations with a value of each metric
};

struct SweepResult {
  std::vector<SweepPoint> points;  // row by row
};

// Plays every grid point; `progress(done, total)` is called after each point.
[[nodiscard]] SweepResult run_sweep(
    const PreparedSweep& sweep, const AgentFactory& factory, const ParallelFor& parallel = {},
    const std::function<void(std::size_t, std::size_t)>& progress = {});

// The same, with the grid points spread by `points` (item i: grid point i, its pairings played
// through `parallel`), e.g. over the ranks of an MPI job; `progress` is called as the points are
// accepted, in order. The result does not depend on the map.
[[nodiscard]] SweepResult run_sweep(
    const PreparedSweep& sweep, const AgentFactory& factory, const ParallelFor& parallel,
    const ParallelMap& points, const std::function<void(std::size_t, std::size_t)>& progress = {});

// The index of the best grid point: the highest mean of the sweep's metric (the lowest for
// distance_to_nash), the first one in visiting order among equals.
[[nodiscard]] std::size_t best_sweep_point(const PreparedSweep& sweep, const SweepResult& result);

// The CSV of a sweep: one row per grid point, the axes' values, the number of negotiations,
// the metric's mean, sd and 95% interval, then the means of the other metrics
// (distance_to_nash empty when no scenario has a Nash point). Numbers to 12 significant digits.
[[nodiscard]] std::string sweep_csv(const PreparedSweep& sweep, const SweepResult& result);

}  // namespace treatysim
