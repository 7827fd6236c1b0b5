#include "cli/commands.hpp"

#include <cstdio>
#include <memory>
#include <ostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "agents/registry.hpp"
#include "agents/registry_json.hpp"
#include "agents/trace_replay.hpp"
#include "charts/svg.hpp"
#include "cli/scenario_setup.hpp"
#include "cli/study_setup.hpp"
#include "cli/tournament_support.hpp"
#include "engine/analysis/analysis.hpp"
#include "engine/analysis/model_accuracy.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/io/external_scenario.hpp"
#include "engine/io/geniusweb_import.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"
#include "engine/protocol/series.hpp"
#include "engine/protocol/trace.hpp"
#include "engine/studies/payoff_matrix.hpp"
#include "frontend/reports.hpp"
#include "frontend/strategy_choice.hpp"

namespace treatysim::cli {

using nlohmann::ordered_json;

// [SECTION] Shared setup ---------------------------------------------------------------------

Scenario load_scenario(const std::string& path, const std::optional<int>& deadline) {
  Scenario scenario = load_scenario_file(path, agents::spec_checker(agents::builtin_registry()));
  if (deadline) {
    try {
      scenario = scenario.with_deadline(*deadline);
    } catch (const UserError& e) {
      throw UserError("--deadline: " + e.message());
    }
  }
  return scenario;
}

std::array<Spec, kPartyCount> resolve_agents(const Scenario& scenario,
                                             const AgentOverrides& overrides) {
  frontend::StrategyChoices choices(scenario);
  for (const std::string& assignment : overrides.assignments) {
    const std::size_t eq = assignment.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw UserError("--agent: expected ID=SPEC, e.g. --agent us=boulware(e=0.2), got \"" +
                      assignment + "\"");
    }
    const std::string party = assignment.substr(0, eq);
    choices.choose(party, assignment.substr(eq + 1), "--agent " + party);
  }
  if (overrides.us) choices.choose("us", *overrides.us, "--us");
  if (overrides.cn) choices.choose("cn", *overrides.cn, "--cn");
  return choices.resolve(agents::builtin_registry());
}

namespace {

void emit(const std::string& content, const std::string& out_path, std::ostream& out) {
  if (out_path.empty()) {
    out << content;
  } else {
    write_file_atomically(out_path, content);
  }
}

// A series of negotiations between the same two agents: one line (or row, or object) each.
std::string series_output(const Scenario& scenario, const std::array<Spec, kPartyCount>& specs,
                          const RunOptions& options) {
  const auto& registry = agents::builtin_registry();
  std::array<std::unique_ptr<Agent>, kPartyCount> agents{registry.create(specs[0]),
                                                         registry.create(specs[1])};
  const std::vector<NegotiationResult> results =
      run_series(scenario, {agents[0].get(), agents[1].get()}, options.seed, options.series);
  const std::string& a = scenario.party(0).id;
  const std::string& b = scenario.party(1).id;
  if (options.format == "json") {
    ordered_json json;
    json["scenario"] = scenario.id();
    json["seed"] = options.seed;
    json["agents"] = {{a, specs[0].to_string()}, {b, specs[1].to_string()}};
    ordered_json list = ordered_json::array();
    for (const NegotiationResult& r : results) list.push_back(result_to_json(scenario, r));
    json["negotiations"] = std::move(list);
    return json.dump(2) + "\n";
  }
  std::string text;
  if (options.format == "csv") {
    text = "negotiation,end,offers,utility_" + a + ",utility_" + b + "\n";
  } else {
    text = "Series of " + std::to_string(results.size()) + " negotiations on " + scenario.id() +
           ": " + a + " = " + specs[0].to_string() + ", " + b + " = " + specs[1].to_string() +
           ", seed " + std::to_string(options.seed) +
           "\n(payoffs are discounted utilities; a learning agent keeps what it learned from one "
           "to the next)\n\n" +
           "   #  end         offers  " + a + "      " + b + "\n";
  }
  std::array<double, kPartyCount> sums{};
  for (std::size_t i = 0; i < results.size(); ++i) {
    const NegotiationResult& r = results[i];
    char line[160];
    const std::string end(negotiation_end_name(r.end));
    if (options.format == "csv") {
      std::snprintf(line, sizeof line, "%zu,%s,%d,%s,%s\n", i, end.c_str(), r.offers,
                    format_number(round_for_output(r.discounted_utilities[0])).c_str(),
                    format_number(round_for_output(r.discounted_utilities[1])).c_str());
    } else {
      std::snprintf(line, sizeof line, "%4zu  %-10s  %6d  %.3f  %.3f\n", i, end.c_str(), r.offers,
                    r.discounted_utilities[0], r.discounted_utilities[1]);
    }
    text += line;
    sums[0] += r.discounted_utilities[0];
    sums[1] += r.discounted_utilities[1];
  }
  if (options.format == "text") {
    char line[160];
    const auto n = static_cast<double>(results.size());
    std::snprintf(line, sizeof line, "\nmean payoff: %s %.3f, %s %.3f\n", a.c_str(), sums[0] / n,
                  b.c_str(), sums[1] / n);
    text += line;
  }
  return text;
}

}  // namespace

// [SECTION] run ---------------------------------------------------------------------------

int run_command(const RunOptions& options, std::ostream& out) {
  if (options.format != "text" && options.format != "json" && options.format != "csv") {
    throw UserError("--format: expected text, json or csv, got \"" + options.format + "\"");
  }
  const Scenario scenario = load_scenario(options.scenario, options.deadline);
  const auto specs = resolve_agents(scenario, options.agents);
  if (options.model_report && (options.series > 0 || options.format == "csv")) {
    throw UserError(
        "--model-report: works with one negotiation in --format text or json (not "
        "with --series or --format csv)");
  }
  if (options.series > 0) {
    emit(series_output(scenario, specs, options), options.out, out);
    return 0;
  }
  std::optional<ModelReport> report;
  Trace trace{scenario, options.seed, {}, {}, {}};
  if (options.model_report) {
    TracedReport traced =
        run_traced_with_models(scenario, specs, options.seed, agents::builtin_registry());
    trace = std::move(traced.trace);
    report = std::move(traced.report);
  } else {
    trace = run_traced(scenario, specs, options.seed, agents::builtin_registry());
  }
  if (!options.svg.empty())
    write_file_atomically(options.svg,
                          charts::outcome_space_svg(scenario, analyze_scenario(scenario), &trace));
  std::string content;
  if (options.format == "json") {
    if (report) {
      nlohmann::ordered_json json = trace_to_json(trace);
      json["model_report"] = model_report_to_json(scenario, *report);
      content = json.dump(2) + "\n";
    } else {
      content = trace_to_text(trace);
    }
  } else if (options.format == "csv") {
    content = offers_csv(trace);
  } else {
    content = frontend::format_negotiation_text(trace);
    if (report) content += frontend::format_model_report_text(trace, *report);
  }
  emit(content, options.out, out);
  return 0;
}

// [SECTION] validate ----------------------------------------------------------------------

namespace {

// The "OK (...)" description of a valid tournament file.
std::string validate_tournament(const std::string& file) {
  const TournamentDef def = load_tournament(file);
  return "tournament \"" + def.plan.name + "\", " + std::to_string(def.plan.competitors.size()) +
         " competitors, " + std::to_string(def.plan.scenarios.size()) +
         (def.plan.scenarios.size() == 1 ? " scenario, " : " scenarios, ") +
         std::to_string(def.plan.negotiation_count()) + " negotiations";
}

// The "OK (...)" description of a valid scenario file.
std::string validate_scenario(const std::string& file) {
  const Scenario scenario =
      load_scenario_file(file, agents::spec_checker(agents::builtin_registry()));
  const std::size_t issues = scenario.space().issue_count();
  std::string description = "scenario \"" + scenario.id() + "\", " + std::to_string(issues) +
                            (issues == 1 ? " issue, " : " issues, ") +
                            format_count(scenario.space().size()) + " outcomes";
  // With interaction terms: each party's exact utility range (the check that it stays in [0, 1]).
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    const UtilityFunction& u = scenario.utility(p);
    if (!u.has_interactions()) continue;
    char range[96];
    std::snprintf(range, sizeof range, "%.4g to %.4g", u.min_utility(), u.max_utility());
    description += "; " + scenario.party(p).id + " utilities " + range + " (" +
                   std::to_string(scenario.party(p).preferences.interactions.size()) +
                   " interaction terms)";
  }
  return description;
}

// Checks one file, recognised by its content: JSON (its first character is '{') is a GeniusWeb
// domain or profile; in TOML, a top-level table that only one kind of file has ([tournament]: a
// tournament file; [payoff_matrix]: a payoff matrix for `evolve`; [sweep] or [tune]: a sweep or
// tuning file); anything else is read as a scenario.
std::string validate_file(const std::string& file) {
  const std::string text = read_text_file(file);
  if (external_format_by_content(text) == ExternalFormat::kGeniusWebJson) {
    return check_geniusweb_file(file);
  }
  if (is_tournament_text(text)) return validate_tournament(file);
  if (is_payoff_matrix_text(text)) {
    const PayoffMatrix matrix = load_payoff_matrix(file);
    return "payoff matrix \"" + matrix.name + "\", " + std::to_string(matrix.size()) +
           " strategies";
  }
  if (std::optional<std::string> study = validate_study_file(file, text)) return *study;
  return validate_scenario(file);
}

}  // namespace

int validate_command(const std::vector<std::string>& files, std::ostream& out, std::ostream& err) {
  int status = 0;
  for (const std::string& file : files) {
    try {
      const std::string description = validate_file(file);
      out << file << ": OK (" << description << ")\n";
    } catch (const UserError& e) {
      err << "treatysim: error: " << e.what() << "\n";
      status = 2;
    }
  }
  return status;
}

// [SECTION] agents --------------------------------------------------------------------------

int agents_command(const std::string& format, std::ostream& out) {
  const auto& registry = agents::builtin_registry();
  if (format == "json") {
    out << agents::registry_to_json(registry).dump(2) << "\n";
    return 0;
  }
  if (format != "text") throw UserError("--format: expected text or json, got \"" + format + "\"");
  for (const agents::StrategyInfo& info : registry.entries()) {
    out << info.name << "  [" << agents::component_kind_name(info.kind) << "]\n";
    out << "    " << info.description << "\n";
    out << "    source: " << info.source << "\n";
    std::string traits;
    if (info.traits.stochastic) traits += " stochastic";
    if (info.traits.needs_complete_information) traits += " needs-complete-information";
    if (info.traits.uses_opponent_model) traits += " opponent-model";
    if (info.traits.needs_enumeration) traits += " enumerates-outcomes";
    if (!traits.empty()) out << "    traits:" << traits << "\n";
    for (const agents::ParameterInfo& p : info.parameters) {
      out << "    " << p.name << " (" << agents::parameter_type_name(p.type) << ", default ";
      if (p.type == agents::ParameterType::kNumber || p.type == agents::ParameterType::kInteger) {
        out << format_number(p.default_number) << ", range [" << format_number(p.min) << ", "
            << format_number(p.max) << "]";
      } else {
        out << p.default_text;
      }
      out << "): " << p.description << "\n";
    }
    out << "\n";
  }
  return 0;
}

// [SECTION] replay ----------------------------------------------------------------------------

int replay_command(const std::string& trace_path, std::ostream& out) {
  const SavedTrace saved = load_trace_file(trace_path);
  const agents::Registry& registry = agents::builtin_registry();
  const Trace rerun =
      agents::rerun_trace(saved, events_from_trace_json(saved, trace_path), registry);
  const ordered_json fresh = trace_to_json(rerun);
  const ordered_json& old_events = saved.json.at("events");
  const ordered_json& new_events = fresh.at("events");
  const std::size_t common = std::min(old_events.size(), new_events.size());
  for (std::size_t i = 0; i < common; ++i) {
    if (old_events[i] != new_events[i]) {
      out << trace_path << ": DIFFERENT at event " << i << "\n  saved:  " << old_events[i].dump()
          << "\n  replay: " << new_events[i].dump() << "\n";
      return 1;
    }
  }
  if (old_events.size() != new_events.size()) {
    out << trace_path << ": DIFFERENT: the saved trace has " << old_events.size()
        << " events, the replay " << new_events.size() << "\n";
    return 1;
  }
  if (saved.json.at("result") != fresh.at("result")) {
    out << trace_path << ": DIFFERENT result\n  saved:  " << saved.json.at("result").dump()
        << "\n  replay: " << fresh.at("result").dump() << "\n";
    return 1;
  }
  out << trace_path << ": identical (" << new_events.size() << " events, "
      << fresh.at("result").at("end").get<std::string>() << " after "
      << fresh.at("result").at("offers").get<int>() << " offers, seed " << saved.seed << ")\n";
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    if (registry.traits(saved.specs[p]).interactive) {
      out << "  " << saved.scenario.party(p).id << " was played by a person: its recorded "
          << "decisions were given again; the other side decided anew\n";
    }
  }
  const auto version = saved.json.find("program_version");
  if (version != saved.json.end() && *version != fresh.at("program_version")) {
    out << "  note: recorded by treatysim " << version->dump() << ", replayed by "
        << fresh.at("program_version").dump() << "\n";
  }
  return 0;
}

}  // namespace treatysim::cli
