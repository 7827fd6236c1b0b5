#include "engine/studies/population.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include "engine/io/bytes.hpp"
#include "engine/model/check.hpp"
#include "engine/model/issue.hpp"
#include "engine/model/random.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim {

namespace {

// Shares divided by their sum. They are divided by the largest first, so that shares of any
// finite magnitude (1e308 twice) sum without overflow.
std::vector<double> normalised(std::span<const double> shares) {
  const double largest = shares.empty() ? 0.0 : *std::max_element(shares.begin(), shares.end());
  TREATYSIM_CHECK(std::isfinite(largest) && largest > 0.0,
                  "shares must be finite with one above 0 (validate the options first)");
  std::vector<double> out(shares.begin(), shares.end());
  double total = 0.0;
  for (double& share : out) {
    share /= largest;
    total += share;
  }
  for (double& share : out) share /= total;
  return out;
}

double smallest_payoff(const PayoffMatrix& matrix) {
  double smallest = std::numeric_limits<double>::infinity();
  for (const auto& row : matrix.payoff) {
    for (const double value : row) smallest = std::min(smallest, value);
  }
  return smallest;
}

double largest_payoff(const PayoffMatrix& matrix) {
  double largest = -std::numeric_limits<double>::infinity();
  for (const auto& row : matrix.payoff) {
    for (const double value : row) largest = std::max(largest, value);
  }
  return largest;
}

// Half the time scale s (see THEORY), computed from halved payoffs so that it stays finite
// for any finite payoffs; halving is exact, so 2·half_time_scale is s itself.
double half_time_scale(const PayoffMatrix& matrix) {
  const double span_half = largest_payoff(matrix) / 2 - smallest_payoff(matrix) / 2;
  return std::max(0.5, span_half / kReplicatorPayoffSpan);
}

// Â = (A − min A)/s, as (A/2 − min A/2)/(s/2): the same numbers, and no difference overflows.
PayoffMatrix rescaled_for_replicator(const PayoffMatrix& matrix) {
  const double low_half = smallest_payoff(matrix) / 2;
  const double scale_half = half_time_scale(matrix);
  PayoffMatrix out = matrix;
  for (auto& row : out.payoff) {
    for (double& value : row) value = (value / 2 - low_half) / scale_half;
  }
  return out;
}

// The fitness 1 − w + w·π of a Moran payoff π, with π clamped to [min A, max A] (it is an
// average of payoffs; the clamp removes rounding): at least 1 − w + w·min A, which
// validate_population_options requires to be positive (rounding is monotone).
struct Fitness {
  double selection;
  double low;
  double high;
  [[nodiscard]] double operator()(double payoff) const {
    return 1.0 - selection + selection * std::clamp(payoff, low, high);
  }
};

Fitness fitness_map(const PayoffMatrix& matrix, double selection) {
  return Fitness{selection, smallest_payoff(matrix), largest_payoff(matrix)};
}

// Σ_l A[k][l] c_l for every k.
std::vector<double> payoff_totals(const PayoffMatrix& matrix, const std::vector<int>& counts) {
  const std::size_t n = matrix.size();
  std::vector<double> total(n, 0.0);
  for (std::size_t k = 0; k < n; ++k) {
    for (std::size_t l = 0; l < n; ++l) total[k] += matrix(k, l) * counts[l];
  }
  return total;
}

// dx_i/dt = x_i ((Ax)_i − xᵀAx).
std::vector<double> replicator_rate(const PayoffMatrix& matrix, const std::vector<double>& x) {
  const std::vector<double> payoffs = payoffs_against(matrix, x);
  double average = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) average += x[i] * payoffs[i];
  std::vector<double> rate(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) rate[i] = x[i] * (payoffs[i] - average);
  return rate;
}

std::vector<double> plus_scaled(const std::vector<double>& x, const std::vector<double>& k,
                                double h) {
  std::vector<double> out(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) out[i] = x[i] + h * k[i];
  return out;
}

double uniform(Rng& rng) {
  return boost::random::uniform_01<double>()(rng);
}

// One Moran run of `generations` generations from `counts`; returns the counts of every
// generation, 0 … G, one generation after another. `total[k]` = Σ_l A[k][l] c_l is kept up to date step by
// step and recomputed every generation, so that rounding cannot build up over a long run.
std::vector<int> moran_run(const PayoffMatrix& matrix, std::vector<int> counts, int generations,
                           double selection, Rng& rng) {
  const std::size_t n = matrix.size();
  const int population = std::accumulate(counts.begin(), counts.end(), 0);
  const double others = static_cast<double>(population - 1);
  const Fitness fitness = fitness_map(matrix, selection);
  std::vector<double> total;
  std::vector<double> weight(n);  // c_k f_k
  boost::random::uniform_int_distribution<int> pick_individual(0, population - 1);
  std::vector<int> history;  // the counts at generations 0 … G, one generation after another
  history.reserve(static_cast<std::size_t>(generations + 1) * n);
  const auto record = [&] { history.insert(history.end(), counts.begin(), counts.end()); };
  record();
  for (int generation = 1; generation <= generations; ++generation) {
    const bool fixed = std::count(counts.begin(), counts.end(), population) == 1;
    if (!fixed) {
      total = payoff_totals(matrix, counts);
      for (int step = 0; step < population; ++step) {
        double weights = 0.0;
        for (std::size_t k = 0; k < n; ++k) {
          if (counts[k] == 0) {
            weight[k] = 0.0;
          } else {
            weight[k] = counts[k] * fitness((total[k] - matrix(k, k)) / others);
          }
          weights += weight[k];
        }
        // Reproduction: proportional to fitness; the last type with a weight takes rounding.
        double target = uniform(rng) * weights;
        std::size_t birth = n;
        for (std::size_t k = 0; k < n; ++k) {
          if (weight[k] <= 0.0) continue;
          birth = k;
          if (target < weight[k]) break;
          target -= weight[k];
        }
        // Death: a uniformly chosen individual (counted in strategy order).
        int individual = pick_individual(rng);
        std::size_t death = 0;
        while (individual >= counts[death]) individual -= counts[death++];
        if (birth == death) continue;
        ++counts[birth];
        --counts[death];
        for (std::size_t k = 0; k < n; ++k) total[k] += matrix(k, birth) - matrix(k, death);
      }
    }
    record();
  }
  return history;
}

}  // namespace

void validate_population_payoffs(const PayoffMatrix& matrix, const std::string& source) {
  for (std::size_t i = 0; i < matrix.payoff.size(); ++i) {
    for (std::size_t j = 0; j < matrix.payoff[i].size(); ++j) {
      const double value = matrix.payoff[i][j];
      if (std::abs(value) <= kMaxPopulationPayoff) continue;
      const std::string pair =
          i < matrix.size() && j < matrix.size()
              ? " (\"" + matrix.strategies[i] + "\" against \"" + matrix.strategies[j] + "\")"
              : "";
      throw UserError(SourceLocation{source, 0, 0},
                      "payoffs[" + std::to_string(i) + "][" + std::to_string(j) + "]",
                      "expected a payoff from -" + format_number(kMaxPopulationPayoff) + " to " +
                          format_number(kMaxPopulationPayoff) +
                          " (the Moran process uses payoffs as fitness, unscaled), got " +
                          format_number(value) + pair +
                          "; divide the payoffs by a constant (the equilibria and the replicator's "
                          "path stay the same)");
    }
  }
}

void validate_population_options(const PayoffMatrix& matrix, const PopulationOptions& options) {
  const auto fail = [](const char* key, const std::string& message) {
    throw UserError(SourceLocation{}, key, message);
  };
  if (options.generations < 1 || options.generations > 1'000'000) {
    fail("generations",
         "expected 1 to 1000000 generations, got " + std::to_string(options.generations));
  }
  if (options.steps_per_generation < 20 || options.steps_per_generation > 10'000) {
    fail("steps_per_generation",
         "expected 20 to 10000 steps, got " + std::to_string(options.steps_per_generation));
  }
  if (!options.initial_shares.empty()) {
    if (options.initial_shares.size() != matrix.size()) {
      fail("initial_shares", "expected " + std::to_string(matrix.size()) +
                                 " shares (one per strategy), got " +
                                 std::to_string(options.initial_shares.size()));
    }
    bool positive = false;
    for (const double share : options.initial_shares) {
      if (!std::isfinite(share) || share < 0.0) {
        fail("initial_shares", "expected finite shares ≥ 0, got " + format_number(share));
      }
      positive = positive || share > 0.0;
    }
    if (!positive) fail("initial_shares", "expected shares that sum to more than 0");
  }
  if (options.population < 2 || options.population > 100'000) {
    fail("population",
         "expected a population of 2 to 100000, got " + std::to_string(options.population));
  }
  if (!(options.selection >= 0.0 && options.selection <= 1.0)) {
    fail("selection",
         "expected a selection intensity from 0 to 1, got " + format_number(options.selection));
  }
  const double low = smallest_payoff(matrix);
  if (1.0 - options.selection + options.selection * low <= 0.0) {
    fail("selection", "fitness 1 − w + w·payoff must stay positive, and the smallest payoff is " +
                          format_number(low) + ": expected w below " +
                          format_number(1.0 / (1.0 - low)) + ", got " +
                          format_number(options.selection));
  }
  if (options.runs < 1 || options.runs > 10'000'000) {
    fail("runs", "expected 1 to 10000000 runs, got " + std::to_string(options.runs));
  }
}

double replicator_time_scale(const PayoffMatrix& matrix) {
  return 2 * half_time_scale(matrix);
}

std::vector<std::vector<double>> replicator_dynamics(const PayoffMatrix& matrix,
                                                     std::span<const double> initial,
                                                     int generations, int steps_per_generation) {
  TREATYSIM_CHECK(initial.size() == matrix.size(), "one initial share per strategy");
  TREATYSIM_CHECK(generations >= 0 && steps_per_generation >= 1, "validate the options first");
  const PayoffMatrix scaled = rescaled_for_replicator(matrix);
  std::vector<double> x = normalised(initial);
  std::vector<std::vector<double>> path{x};
  const double h = 1.0 / steps_per_generation;
  for (int generation = 1; generation <= generations; ++generation) {
    for (int step = 0; step < steps_per_generation; ++step) {
      const std::vector<double> k1 = replicator_rate(scaled, x);
      const std::vector<double> k2 = replicator_rate(scaled, plus_scaled(x, k1, h / 2));
      const std::vector<double> k3 = replicator_rate(scaled, plus_scaled(x, k2, h / 2));
      const std::vector<double> k4 = replicator_rate(scaled, plus_scaled(x, k3, h));
      for (std::size_t i = 0; i < x.size(); ++i) {
        x[i] = std::max(0.0, x[i] + h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]));
      }
      x = normalised(x);
    }
    path.push_back(x);
  }
  return path;
}

std::vector<int> initial_counts(std::span<const double> shares, int population) {
  const std::vector<double> x = normalised(shares);
  std::vector<int> counts(x.size());
  std::vector<double> remainder(x.size());
  int assigned = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double exact = x[i] * population;
    counts[i] = static_cast<int>(std::floor(exact));
    remainder[i] = exact - counts[i];
    assigned += counts[i];
  }
  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
  for (std::size_t i = 0; assigned < population; ++i, ++assigned) ++counts[order[i % order.size()]];
  return counts;
}

MoranTrajectory moran_trajectory(const PayoffMatrix& matrix, const PopulationOptions& options) {
  return moran_trajectory(matrix, options, local_parallel_map({}));
}

std::vector<int> moran_trajectory_run(const PayoffMatrix& matrix, const PopulationOptions& options,
                                      int run) {
  const std::size_t n = matrix.size();
  const std::vector<double> shares =
      options.initial_shares.empty() ? std::vector<double>(n, 1.0) : options.initial_shares;
  Rng rng(derive_seed(options.seed, "moran-trajectory", static_cast<std::uint64_t>(run)));
  return moran_run(matrix, initial_counts(shares, options.population), options.generations,
                   options.selection, rng);
}

MoranTrajectory moran_trajectory(const PayoffMatrix& matrix, const PopulationOptions& options,
                                 const ParallelMap& map) {
  const std::size_t n = matrix.size();
  const auto generations = static_cast<std::size_t>(options.generations);
  MoranTrajectory result;
  result.mean_share.assign(generations + 1, std::vector<double>(n, 0.0));
  result.fixed_share.assign(n, 0.0);
  const auto compute = [&](std::size_t run) {
    const std::vector<int> history = moran_trajectory_run(matrix, options, static_cast<int>(run));
    ByteWriter out;
    for (const int count : history) out.put<std::int32_t>(count);
    return out.take();
  };
  // Runs are added in run order: the sums of shares are the same doubles for any map.
  const auto add = [&](std::size_t, std::string_view bytes) {
    ByteReader in(bytes);
    for (std::size_t g = 0; g <= generations; ++g) {
      for (std::size_t k = 0; k < n; ++k) {
        const int count = in.get<std::int32_t>();
        result.mean_share[g][k] += static_cast<double>(count) / options.population;
        if (g == generations && count == options.population) result.fixed_share[k] += 1.0;
      }
    }
    TREATYSIM_CHECK(in.at_end(), "moran_trajectory: a run's bytes hold more than its counts");
  };
  map(static_cast<std::size_t>(options.runs), compute, add);
  for (auto& row : result.mean_share) {
    for (double& share : row) share /= options.runs;
  }
  for (double& share : result.fixed_share) share /= options.runs;
  return result;
}

double moran_fixation_exact(const PayoffMatrix& matrix, std::size_t mutant, std::size_t resident,
                            int population, double selection) {
  const double others = population - 1.0;
  const Fitness fitness = fitness_map(matrix, selection);
  // log Π_{i=1}^{k} g_i/f_i, summed as exp terms; overflow to +inf gives ρ = 0, as it should.
  double log_product = 0.0;
  double sum = 0.0;
  for (int i = 1; i < population; ++i) {
    const double mutant_payoff =
        (matrix(mutant, mutant) * (i - 1) + matrix(mutant, resident) * (population - i)) / others;
    const double resident_payoff =
        (matrix(resident, mutant) * i + matrix(resident, resident) * (population - i - 1)) / others;
    const double f = fitness(mutant_payoff);
    const double g = fitness(resident_payoff);
    log_product += std::log(g / f);
    sum += std::exp(log_product);
  }
  return 1.0 / (1.0 + sum);
}

FixationProbability moran_fixation(const PayoffMatrix& matrix, std::size_t mutant,
                                   std::size_t resident, const PopulationOptions& options) {
  const int population = options.population;
  const double w = options.selection;
  const double others = population - 1.0;
  const Fitness fitness = fitness_map(matrix, w);
  // P(the next change adds a mutant | i mutants) = f_i / (f_i + g_i), for i = 1..N−1.
  std::vector<double> up(static_cast<std::size_t>(population), 0.0);
  for (int i = 1; i < population; ++i) {
    const double f = fitness(
        (matrix(mutant, mutant) * (i - 1) + matrix(mutant, resident) * (population - i)) / others);
    const double g =
        fitness((matrix(resident, mutant) * i + matrix(resident, resident) * (population - i - 1)) /
                others);
    up[static_cast<std::size_t>(i)] = f / (f + g);
  }
  Rng rng(derive_seed(options.seed, "moran-fixation", mutant * matrix.size() + resident));
  int fixations = 0;
  for (int run = 0; run < options.runs; ++run) {
    int mutants = 1;
    while (mutants > 0 && mutants < population) {
      mutants += uniform(rng) < up[static_cast<std::size_t>(mutants)] ? 1 : -1;
    }
    if (mutants == population) ++fixations;
  }
  FixationProbability result;
  result.runs = options.runs;
  result.estimate = static_cast<double>(fixations) / options.runs;
  result.standard_error = std::sqrt(result.estimate * (1.0 - result.estimate) / options.runs);
  result.exact = moran_fixation_exact(matrix, mutant, resident, population, w);
  return result;
}

PopulationResult evolve(const PayoffMatrix& matrix, const PopulationOptions& options) {
  return evolve(matrix, options, local_parallel_map({}));
}

PopulationResult evolve(const PayoffMatrix& matrix, const PopulationOptions& options,
                        const ParallelMap& map) {
  validate_payoff_matrix(matrix, matrix.name);
  validate_population_payoffs(matrix, matrix.name);
  validate_population_options(matrix, options);
  const std::size_t n = matrix.size();
  PopulationResult result;
  result.matrix = matrix;
  result.options = options;
  if (result.options.initial_shares.empty()) {
    result.options.initial_shares.assign(n, 1.0 / static_cast<double>(n));
  } else {
    result.options.initial_shares = normalised(options.initial_shares);
  }
  result.replicator = replicator_dynamics(matrix, result.options.initial_shares,
                                          options.generations, options.steps_per_generation);
  result.replicator_time_scale = replicator_time_scale(matrix);
  result.moran = moran_trajectory(matrix, result.options, map);
  result.fixation.assign(n, std::vector<FixationProbability>(n));
  // The ordered pairs (mutant, resident), mutant ≠ resident, mutant outer.
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t mutant = 0; mutant < n; ++mutant) {
    for (std::size_t resident = 0; resident < n; ++resident) {
      if (mutant != resident) pairs.emplace_back(mutant, resident);
    }
  }
  const auto compute = [&](std::size_t p) {
    const FixationProbability f = moran_fixation(matrix, pairs[p].first, pairs[p].second, options);
    ByteWriter out;
    out.put<double>(f.estimate);
    out.put<double>(f.standard_error);
    out.put<double>(f.exact);
    out.put<std::int32_t>(f.runs);
    return out.take();
  };
  map(pairs.size(), compute, [&](std::size_t p, std::string_view bytes) {
    ByteReader in(bytes);
    FixationProbability& f = result.fixation[pairs[p].first][pairs[p].second];
    f.estimate = in.get<double>();
    f.standard_error = in.get<double>();
    f.exact = in.get<double>();
    f.runs = in.get<std::int32_t>();
    TREATYSIM_CHECK(in.at_end(), "evolve: a fixation's bytes hold more than its numbers");
  });
  result.metagame = analyze_metagame(matrix);
  return result;
}

}  // namespace treatysim
