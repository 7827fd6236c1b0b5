// analyze_command.cpp — `treatysim analyze`: the frontier, the solutions, the ZOPA, the SPE
// (engine/analysis), as text (frontend/reports.hpp), JSON (engine/analysis/analysis_json.hpp)
// and an SVG picture (charts/svg.hpp).
#include <cstddef>
#include <optional>
#include <ostream>

#include <nlohmann/json.hpp>

#include "charts/svg.hpp"
#include "cli/commands.hpp"
#include "cli/scenario_setup.hpp"
#include "engine/analysis/analysis.hpp"
#include "engine/analysis/analysis_json.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/model/user_error.hpp"
#include "engine/protocol/trace.hpp"
#include "frontend/reports.hpp"

namespace treatysim::cli {

using nlohmann::ordered_json;

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
  FrontierOptions frontier_options;
  frontier_options.time_limit_seconds = options.time_limit;
  const ScenarioAnalysis analysis = analyze_scenario(scenario, {}, frontier_options);
  // --compare: another model of the same outcomes (e.g. the additive one of a linked scenario).
  std::optional<Scenario> other;
  std::optional<ScenarioAnalysis> other_analysis;
  std::size_t other_efficient = 0;
  std::optional<bool> other_nash_efficient;
  if (!options.compare.empty()) {
    other.emplace(load_scenario(options.compare, std::nullopt));
    const OutcomeSpace& a = scenario.space();
    const OutcomeSpace& b = other->space();
    bool same = a.issue_count() == b.issue_count();
    for (std::size_t i = 0; same && i < a.issue_count(); ++i) {
      same = a.issue(i).id == b.issue(i).id && a.issue(i).size() == b.issue(i).size();
      for (std::size_t o = 0; same && o < a.issue(i).size(); ++o)
        same = a.issue(i).options[o].id == b.issue(i).options[o].id;
    }
    if (!same) {
      throw UserError("--compare: " + options.compare +
                      " does not have the same issues and options as " + options.scenario);
    }
    other_analysis.emplace(analyze_scenario(*other, {}, frontier_options));
    for (const OutcomePoint& p : other_analysis->frontier.points) {
      if (outcome_metrics(scenario, analysis, p.outcome).pareto_optimal) ++other_efficient;
    }
    if (other_analysis->nash) {
      other_nash_efficient =
          outcome_metrics(scenario, analysis, other_analysis->nash->outcome).pareto_optimal;
    }
  }
  if (!options.svg.empty()) {
    if (other) {
      const charts::ComparedFrontier compared{"Pareto frontier of " + other->id(),
                                              other_analysis->frontier.points};
      write_file_atomically(options.svg,
                            charts::outcome_space_svg(scenario, analysis, nullptr, &compared));
    } else {
      write_file_atomically(options.svg, charts::outcome_space_svg(scenario, analysis));
    }
  }
  if (options.format == "json") {
    ordered_json json = analysis_to_json(scenario, analysis, chosen);
    if (other) {
      ordered_json compared;
      compared["scenario"] = other->id();
      compared["frontier_outcomes"] = other_analysis->frontier.points.size();
      compared["frontier_outcomes_pareto_optimal_here"] = other_efficient;
      compared["nash"] = other_analysis->nash
                             ? outcome_to_json(*other, other_analysis->nash->outcome)
                             : ordered_json(nullptr);
      compared["nash_pareto_optimal_here"] =
          other_nash_efficient ? ordered_json(*other_nash_efficient) : ordered_json(nullptr);
      json["compared"] = std::move(compared);
    }
    out << json.dump(2) << "\n";
  } else {
    out << frontend::analysis_text(scenario, analysis, chosen);
    if (other) {
      out << "\nCompared with " << other->id() << ": " << other_efficient << " of its "
          << other_analysis->frontier.points.size() << " frontier outcomes are Pareto-optimal here";
      if (other_analysis->nash) {
        out << "; its Nash outcome " << scenario.space().format(other_analysis->nash->outcome)
            << (*other_nash_efficient ? " is" : " is not") << " Pareto-optimal here";
      }
      out << "\n";
    }
  }
  return 0;
}

}  // namespace treatysim::cli
