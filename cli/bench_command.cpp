// bench_command.cpp — `treatysim bench`: the engine's benchmark loop (engine/studies/benchmark.hpp)
// on each scenario, as text or JSON.
#include <cstdio>
#include <ostream>

#include "agents/registry.hpp"
#include "cli/commands.hpp"
#include "cli/scenario_setup.hpp"
#include "engine/model/user_error.hpp"
#include "engine/studies/benchmark.hpp"

namespace treatysim::cli {

namespace {

std::string text_line(const BenchFigures& f) {
  const auto n = static_cast<double>(f.negotiations);
  char buffer[512];
  std::snprintf(
      buffer, sizeof buffer,
      "%s: %s vs %s\n  %lld negotiations in %.3f s: %.0f negotiations/s, %.3g offers/s\n"
      "  mean offers %.2f, agreement rate %.3f, mean discounted utility %s %.4f, %s %.4f\n",
      f.scenario.c_str(), f.specs[0].c_str(), f.specs[1].c_str(), f.negotiations, f.seconds,
      f.seconds > 0 ? n / f.seconds : 0.0,
      f.seconds > 0 ? static_cast<double>(f.offers) / f.seconds : 0.0,
      n > 0 ? static_cast<double>(f.offers) / n : 0.0,
      n > 0 ? static_cast<double>(f.agreements) / n : 0.0, f.party_ids[0].c_str(),
      n > 0 ? f.utility_sums[0] / n : 0.0, f.party_ids[1].c_str(),
      n > 0 ? f.utility_sums[1] / n : 0.0);
  return buffer;
}

}  // namespace

int bench_command(const BenchOptions& options, std::ostream& out) {
  if (options.format != "text" && options.format != "json") {
    throw UserError("--format: expected text or json, got \"" + options.format + "\"");
  }
  if (options.negotiations < 1) throw UserError("--negotiations: expected at least 1");
  std::vector<BenchFigures> all;
  for (const std::string& path : options.scenarios) {
    const Scenario scenario = load_scenario(path, options.deadline);
    const auto specs = resolve_agents(scenario, options.agents);
    all.push_back(bench_negotiations(scenario, specs, options.seed, options.negotiations,
                                     agents::builtin_registry()));
  }
  if (options.format == "json") {
    out << bench_to_json(all).dump(2) << "\n";
    return 0;
  }
  for (const BenchFigures& f : all) out << text_line(f);
  return 0;
}

}  // namespace treatysim::cli
