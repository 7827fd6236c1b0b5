#include "tests/fuzz/targets/evolve_support.hpp"

#include <cmath>
#include <numeric>

#include "engine/studies/population.hpp"
#include "tests/fuzz/targets/fuzz_support.hpp"

namespace treatysim::fuzz {

void evolve_briefly(const PayoffMatrix& matrix, const std::string& source) {
  validate_population_payoffs(matrix, source);
  PopulationOptions options;
  options.generations = 4;
  options.population = 8;
  options.runs = 4;
  validate_population_options(matrix, options);
  const PopulationResult result = evolve(matrix, options);
  for (const std::vector<double>& shares : result.replicator) {
    const double sum = std::accumulate(shares.begin(), shares.end(), 0.0);
    FUZZ_EXPECT(std::isfinite(sum) && std::abs(sum - 1.0) < 1e-6, "replicator shares sum to 1");
  }
}

}  // namespace treatysim::fuzz
