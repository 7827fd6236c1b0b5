// evolve_command.cpp — `treatysim evolve`: population dynamics and the meta-game of a payoff
// matrix (a tournament's summary.json or a payoff-matrix TOML file). Every number comes from
// engine/studies/population.hpp and engine/studies/metagame.hpp, the JSON and CSV from
// engine/studies/population_json.hpp, the text from frontend/reports.hpp; this file reads the
// flags.
#include <algorithm>
#include <cstdio>
#include <exception>
#include <iostream>
#include <ostream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/model/issue.hpp"
#include "engine/model/user_error.hpp"
#include "engine/studies/payoff_matrix.hpp"
#include "engine/studies/population.hpp"
#include "engine/studies/population_json.hpp"
#include "frontend/reports.hpp"
#include "mpi/job.hpp"
#include "mpi/rank_map.hpp"

namespace treatysim::cli {

namespace {

// "--initial-shares 3,1" → {3, 1}; the engine checks the count and the values.
std::vector<double> parse_shares(const std::string& text) {
  std::vector<double> shares;
  std::size_t begin = 0;
  while (true) {
    const std::size_t comma = text.find(',', begin);
    const std::string item = text.substr(begin, comma == std::string::npos ? comma : comma - begin);
    std::size_t used = 0;
    double value = 0;
    try {
      value = std::stod(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (item.empty() || used != item.size()) {
      throw UserError(
          "--initial-shares: expected numbers separated by commas, one per strategy "
          "(e.g. 0.8,0.2), got \"" +
          text + "\"");
    }
    shares.push_back(value);
    if (comma == std::string::npos) return shares;
    begin = comma + 1;
  }
}

}  // namespace

int evolve_command(const EvolveOptions& options, std::ostream& out) {
  if (options.format != "text" && options.format != "json") {
    throw UserError("--format: expected text or json, got \"" + options.format + "\"");
  }
  // Under MPI every rank loads the file; a problem on any rank stops them all alike.
  const mpi::Job& job = options.job != nullptr ? *options.job : mpi::Job::single_process();
  PayoffMatrix matrix;
  job.collectively([&] {
    matrix = load_payoff_matrix(options.file);
    validate_population_payoffs(matrix, options.file);
  });
  PopulationOptions population;
  population.generations = options.generations;
  population.population = options.population;
  population.selection = options.selection;
  population.runs = options.runs;
  population.seed = options.seed;
  if (!options.initial_shares.empty())
    population.initial_shares = parse_shares(options.initial_shares);
  try {
    validate_population_options(matrix, population);
  } catch (const UserError& e) {
    std::string flag = e.key();
    std::replace(flag.begin(), flag.end(), '_', '-');
    throw UserError("--" + flag + ": " + e.message());
  }
  if (job.distributed() && job.root()) {
    std::cerr << "treatysim: " << mpi::describe_ranks(job, options.jobs) << "\n";
  }
  // The Moran runs and the fixation pairs spread over the threads (and over the ranks of an MPI
  // job); the numbers do not depend on it.
  const ParallelFor threads = parallel_for_jobs(options.jobs);
  const PopulationResult result = evolve(
      matrix, population,
      job.distributed() ? mpi::rank_parallel_map(job, threads) : local_parallel_map(threads));
  if (!job.root()) return 0;  // rank 0 writes the file
  if (!options.out.empty()) write_file_atomically(options.out, population_csv(result));
  if (options.format == "json") {
    out << population_to_json(options.file, result).dump(2) << "\n";
  } else {
    out << frontend::population_text(options.file, result);
    if (!options.out.empty()) out << "\nShares over time written to " << options.out << "\n";
  }
  return 0;
}

}  // namespace treatysim::cli
