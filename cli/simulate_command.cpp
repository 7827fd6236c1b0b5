// simulate_command.cpp — `treatysim simulate`: the treaty's life over the years (one seed), or
// the distribution of paths over many (engine/studies/lifecycle_runs.hpp).
#include <iostream>
#include <optional>
#include <ostream>

#include "agents/registry.hpp"
#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "cli/scenario_setup.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/lifecycle/lifecycle.hpp"
#include "engine/lifecycle/lifecycle_json.hpp"
#include "engine/model/user_error.hpp"
#include "engine/studies/lifecycle_runs.hpp"
#include "frontend/reports.hpp"
#include "mpi/job.hpp"
#include "mpi/rank_map.hpp"

namespace treatysim::cli {

int simulate_command(const SimulateOptions& options, std::ostream& out) {
  if (options.format != "text" && options.format != "json" && options.format != "csv") {
    throw UserError("--format: expected text, json or csv, got \"" + options.format + "\"");
  }
  if (options.runs < 1) throw UserError("--runs: expected at least 1");
  // Under MPI every rank loads the scenario; a problem on any rank stops them all alike.
  const mpi::Job& job = options.job != nullptr ? *options.job : mpi::Job::single_process();
  std::optional<Scenario> loaded;
  job.collectively([&] { loaded.emplace(load_scenario(options.scenario, std::nullopt)); });
  const Scenario& scenario = *loaded;
  if (!scenario.def().lifecycle) {
    throw UserError(options.scenario + ": scenario \"" + scenario.id() +
                    "\" has no [treaty] section: it describes one negotiation, not a treaty's life "
                    "(use `treatysim run`)");
  }
  const int years = options.years.value_or(0);
  if (options.years && (years < 1 || years > 100))
    throw UserError("--years: expected 1 to 100, got " + std::to_string(years));
  const std::uint64_t seed = options.seed.value_or(scenario.def().lifecycle->treaty.seed);
  const auto& registry = agents::builtin_registry();
  std::string content;
  if (options.runs == 1) {
    const LifecycleResult result = simulate_lifecycle(scenario, seed, registry, years);
    content = options.format == "json"  ? lifecycle_to_json(scenario, result).dump(2) + "\n"
              : options.format == "csv" ? lifecycle_csv(scenario, result)
                                        : frontend::lifecycle_text(scenario, result);
  } else {
    const auto runs = static_cast<std::uint64_t>(options.runs);
    Progress progress("simulating runs", runs,
                      options.progress ? Progress::Style::kTerminal : Progress::Style::kNone);
    std::optional<LifecycleDistribution> distribution;
    try {
      if (job.distributed()) {
        // Over MPI ranks: runs are the items, each rank playing its share on its threads; the bar
        // moves as rank 0 counts them.
        if (job.root())
          std::cerr << "treatysim: " << mpi::describe_ranks(job, options.jobs) << "\n";
        distribution =
            simulate_lifecycle_runs(scenario, seed, runs, registry, years,
                                    mpi::rank_parallel_map(job, parallel_for_jobs(options.jobs)),
                                    [&](std::uint64_t n) { progress.advance(n); });
      } else {
        distribution = simulate_lifecycle_runs(scenario, seed, runs, registry, years,
                                               parallel_for_jobs(options.jobs),
                                               [&](std::uint64_t n) { progress.advance(n); });
      }
    } catch (...) {
      progress.stop();
      throw;
    }
    progress.stop();
    content = options.format == "json"
                  ? lifecycle_distribution_to_json(scenario, *distribution).dump(2) + "\n"
              : options.format == "csv"
                  ? lifecycle_distribution_csv(*distribution)
                  : frontend::lifecycle_distribution_text(scenario, *distribution);
  }
  if (!job.root()) return 0;  // rank 0 prints or writes
  if (options.out.empty()) {
    out << content;
  } else {
    write_file_atomically(options.out, content);
  }
  return 0;
}

}  // namespace treatysim::cli
