// simulate_command.cpp — `treatysim simulate`: the treaty's life over the years (one seed), or
// the distribution of paths over many (engine/studies/lifecycle_runs.hpp).
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

namespace treatysim::cli {

int simulate_command(const SimulateOptions& options, std::ostream& out) {
  if (options.format != "text" && options.format != "json" && options.format != "csv") {
    throw UserError("--format: expected text, json or csv, got \"" + options.format + "\"");
  }
  if (options.runs < 1) throw UserError("--runs: expected at least 1");
  const Scenario scenario = load_scenario(options.scenario, std::nullopt);
  if (!scenario.def().lifecycle) {
    throw UserError(options.scenario + ": scenario \"" + scenario.id() +
                    "\" has no [treaty] section: it describes one negotiation, not a treaty's life "
                    "(use `treatysim run`)");
  }
  const int years = options.years.value_or(0);
  if (options.years && (years < 1 || years > 100))
    throw UserError("--years: expected a number of years from 1 to 100, got " +
                    std::to_string(years));
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
      distribution = simulate_lifecycle_runs(scenario, seed, runs, registry, years,
                                             parallel_for_jobs(options.jobs),
                                             [&](std::uint64_t n) { progress.advance(n); });
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
  if (options.out.empty()) {
    out << content;
  } else {
    write_file_atomically(options.out, content);
  }
  return 0;
}

}  // namespace treatysim::cli
