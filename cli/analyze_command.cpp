// analyze_command.cpp — `treatysim analyze`: the frontier, the solutions, the ZOPA, the SPE
// (engine/analysis), as text (frontend/reports.hpp), JSON (engine/analysis/analysis_json.hpp)
// and an SVG picture (charts/svg.hpp).
#include <ostream>

#include "charts/svg.hpp"
#include "cli/commands.hpp"
#include "cli/scenario_setup.hpp"
#include "engine/analysis/analysis.hpp"
#include "engine/analysis/analysis_json.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/model/user_error.hpp"
#include "frontend/reports.hpp"

namespace treatysim::cli {

int analyze_command(const AnalyzeOptions& options, std::ostream& out) {
  if (options.format != "text" && options.format != "json") {
    throw UserError("--format: expected text or json, got \"" + options.format + "\"");
  }
  const Scenario scenario = load_scenario(options.scenario, std::nullopt);
  std::optional<Outcome> chosen;
  if (!options.outcome.empty()) {
    std::string error;
    chosen = scenario.space().parse(options.outcome, &error);
    if (!chosen) throw UserError("--outcome: " + error);
  }
  const ScenarioAnalysis analysis = analyze_scenario(scenario);
  if (!options.svg.empty())
    write_file_atomically(options.svg, charts::outcome_space_svg(scenario, analysis));
  if (options.format == "json") {
    out << analysis_to_json(scenario, analysis, chosen).dump(2) << "\n";
  } else {
    out << frontend::analysis_text(scenario, analysis, chosen);
  }
  return 0;
}

}  // namespace treatysim::cli
