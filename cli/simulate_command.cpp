// simulate_command.cpp — `treatysim simulate`: the treaty's life over the years.
#include <unistd.h>
#include <cstdio>
#include <map>
#include <mutex>
#include <optional>
#include <ostream>

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <nlohmann/json.hpp>

#include "agents/registry.hpp"
#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "cli/scenario_setup.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/lifecycle/lifecycle.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim::cli {

using nlohmann::ordered_json;

namespace {

std::string fixed(double value, int digits) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

std::string pad(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

const char* move_name(Move move) {
  return move == Move::kHonour ? "honour" : "exploit";
}

ordered_json lifecycle_json(const Scenario& scenario, const LifecycleResult& r) {
  ordered_json json;
  json["format"] = "treatysim-lifecycle";
  json["scenario"] = scenario.id();
  json["seed"] = r.seed;
  json["start"] = r.start.to_string();
  json["end"] = r.end.to_string();
  json["path"] = r.path();
  ordered_json timeline = ordered_json::array();
  for (const TimelineEntry& e : r.timeline) {
    ordered_json entry;
    entry["state"] = std::string(treaty_state_name(e.state));
    entry["from"] = e.from.to_string();
    entry["to"] = e.to.to_string();
    entry["cause"] = e.cause;
    if (e.effective) entry["effective"] = e.effective->to_string();
    timeline.push_back(std::move(entry));
  }
  json["timeline"] = std::move(timeline);
  ordered_json log = ordered_json::array();
  for (const LogEntry& e : r.log)
    log.push_back({{"date", e.date.to_string()}, {"kind", e.kind}, {"text", e.text}});
  json["log"] = std::move(log);
  ordered_json negotiations = ordered_json::array();
  for (const NegotiationRecord& n : r.negotiations) {
    ordered_json entry;
    entry["phase"] = n.phase;
    entry["opened"] = n.opened.to_string();
    entry["agreed"] = n.agreed ? ordered_json(n.agreed->to_string()) : ordered_json(nullptr);
    entry["superseded"] = n.superseded;
    entry["ratified"] = {{scenario.party(0).id, n.ratified[0]},
                         {scenario.party(1).id, n.ratified[1]}};
    entry["trace"] = trace_to_json(n.trace);
    negotiations.push_back(std::move(entry));
  }
  json["negotiations"] = std::move(negotiations);
  ordered_json compliance = ordered_json::array();
  for (const CompliancePeriod& c : r.compliance) {
    ordered_json entry;
    entry["date"] = c.date.to_string();
    entry["moves"] = {{scenario.party(0).id, move_name(c.moves[0])},
                      {scenario.party(1).id, move_name(c.moves[1])}};
    entry["detected"] = {{scenario.party(0).id, c.detected[0]},
                         {scenario.party(1).id, c.detected[1]}};
    entry["payoffs"] = party_values_to_json(scenario, c.payoffs);
    compliance.push_back(std::move(entry));
  }
  json["compliance"] = std::move(compliance);
  ordered_json months = ordered_json::array();
  for (std::size_t k = 0; k < r.trust.size(); ++k) {
    months.push_back({{"month", r.start.plus(static_cast<int>(k)).to_string()},
                      {"trust", party_values_to_json(scenario, r.trust[k])},
                      {"payoff", party_values_to_json(scenario, r.payoffs[k])}});
  }
  json["months"] = std::move(months);
  json["cumulative_discounted_payoffs"] = party_values_to_json(scenario, r.cumulative_discounted);
  json["final_state"] = std::string(treaty_state_name(r.final_state));
  json["final_clauses"] = outcome_to_json(scenario, r.final_clauses);
  return json;
}

std::string lifecycle_text(const Scenario& scenario, const LifecycleResult& r) {
  std::string text = scenario.title() + " — the treaty's life " + r.start.to_string() + " to " +
                     r.end.to_string() + ", seed " + std::to_string(r.seed) +
                     "\nPath: " + r.path() + "\n\nTimeline\n";
  for (const TimelineEntry& e : r.timeline) {
    std::string dates = e.from.to_string() + " – " + e.to.to_string();
    text += "  " + dates + "  " + pad(std::string(treaty_state_name(e.state)), 14) + " " + e.cause +
            "\n";
  }
  text += "\nWhat happened\n";
  for (const LogEntry& e : r.log) {
    if (e.kind == "transition") continue;  // shown in the timeline
    text += "  " + e.date.to_string() + "  " + pad(e.kind, 12) + " " + e.text + "\n";
  }
  text += "\nNegotiations\n";
  for (const NegotiationRecord& n : r.negotiations) {
    text += "  " + n.opened.to_string() + "  " + pad(n.phase, 13) + " " +
            std::to_string(n.trace.result.offers) + " offers, ";
    if (n.agreed && n.superseded) {
      text += "heading for " + scenario.space().format(*n.trace.result.agreement) + " in " +
              n.agreed->to_string() + ", superseded before it was signed\n";
    } else if (n.agreed) {
      text += "agreement in " + n.agreed->to_string() + " on " +
              scenario.space().format(*n.trace.result.agreement) + " (" + scenario.party(0).id +
              " " + fixed(n.trace.result.utilities[0], 2) + ", " + scenario.party(1).id + " " +
              fixed(n.trace.result.utilities[1], 2) + "), ratified: " + scenario.party(0).id +
              (n.ratified[0] ? " yes" : " no") + ", " + scenario.party(1).id +
              (n.ratified[1] ? " yes" : " no") + "\n";
    } else {
      text += "no agreement\n";
    }
  }
  int exploited[2] = {0, 0};
  int detected[2] = {0, 0};
  for (const CompliancePeriod& c : r.compliance) {
    for (std::size_t p = 0; p < kPartyCount; ++p) {
      exploited[p] += c.moves[p] == Move::kExploit ? 1 : 0;
      detected[p] += c.detected[p] ? 1 : 0;
    }
  }
  text += "\nCompliance: " + std::to_string(r.compliance.size()) +
          " periods; exploited (detected): " + scenario.party(0).id + " " +
          std::to_string(exploited[0]) + " (" + std::to_string(detected[0]) + "), " +
          scenario.party(1).id + " " + std::to_string(exploited[1]) + " (" +
          std::to_string(detected[1]) + ")\n";
  const auto& trust = r.trust.back();
  text += "Trust at the end: " + scenario.party(0).id + " " + fixed(trust[0], 2) + ", " +
          scenario.party(1).id + " " + fixed(trust[1], 2) + "\n";
  text += "Cumulative discounted payoff: " + scenario.party(0).id + " " +
          fixed(r.cumulative_discounted[0], 2) + ", " + scenario.party(1).id + " " +
          fixed(r.cumulative_discounted[1], 2) + "\n";
  text += "Final state: " + std::string(treaty_state_name(r.final_state)) + " with " +
          scenario.space().format(r.final_clauses) + "\n";
  return text;
}

std::string lifecycle_csv(const Scenario& scenario, const LifecycleResult& r) {
  const std::string& a = scenario.party(0).id;
  const std::string& b = scenario.party(1).id;
  std::string csv =
      "month,state,trust_" + a + ",trust_" + b + ",payoff_" + a + ",payoff_" + b + "\n";
  std::size_t entry = 0;
  for (std::size_t k = 0; k < r.trust.size(); ++k) {
    const Month m = r.start.plus(static_cast<int>(k));
    while (entry + 1 < r.timeline.size() && r.timeline[entry + 1].from <= m) ++entry;
    csv += m.to_string() + "," + std::string(treaty_state_name(r.timeline[entry].state)) + "," +
           format_number(round_for_output(r.trust[k][0])) + "," +
           format_number(round_for_output(r.trust[k][1])) + "," +
           format_number(round_for_output(r.payoffs[k][0])) + "," +
           format_number(round_for_output(r.payoffs[k][1])) + "\n";
  }
  return csv;
}

// Paths and final clauses over many seeds.
std::string distribution(const Scenario& scenario, const std::vector<LifecycleResult>& results,
                         const std::string& format, std::uint64_t first_seed) {
  std::map<std::string, int> paths;
  std::map<std::string, int> finals;
  for (const LifecycleResult& r : results) {
    ++paths[r.path()];
    ++finals[std::string(treaty_state_name(r.final_state)) + " " +
             scenario.space().format(r.final_clauses)];
  }
  auto sorted = [](const std::map<std::string, int>& counts) {
    std::vector<std::pair<std::string, int>> list(counts.begin(), counts.end());
    std::stable_sort(list.begin(), list.end(),
                     [](const auto& x, const auto& y) { return x.second > y.second; });
    return list;
  };
  const auto n = static_cast<double>(results.size());
  if (format == "json") {
    ordered_json json;
    json["scenario"] = scenario.id();
    json["runs"] = results.size();
    json["seeds"] = {{"first", first_seed}, {"last", first_seed + results.size() - 1}};
    ordered_json p = ordered_json::array();
    for (const auto& [path, count] : sorted(paths))
      p.push_back({{"path", path}, {"count", count}, {"share", count / n}});
    json["paths"] = std::move(p);
    ordered_json f = ordered_json::array();
    for (const auto& [clauses, count] : sorted(finals))
      f.push_back({{"final", clauses}, {"count", count}, {"share", count / n}});
    json["final_clauses"] = std::move(f);
    return json.dump(2) + "\n";
  }
  if (format == "csv") {
    std::string csv = "kind,value,count,share\n";
    for (const auto& [path, count] : sorted(paths))
      csv += "path,\"" + path + "\"," + std::to_string(count) + "," + fixed(count / n, 4) + "\n";
    for (const auto& [clauses, count] : sorted(finals))
      csv +=
          "final,\"" + clauses + "\"," + std::to_string(count) + "," + fixed(count / n, 4) + "\n";
    return csv;
  }
  std::string text = scenario.title() + ": " + std::to_string(results.size()) + " runs, seeds " +
                     std::to_string(first_seed) + "–" +
                     std::to_string(first_seed + results.size() - 1) + "\n\nPaths\n";
  for (const auto& [path, count] : sorted(paths)) {
    text += "  " + pad(fixed(100.0 * count / n, 1) + "%", 7) + " " + pad(std::to_string(count), 6) +
            " " + path + "\n";
  }
  text += "\nFinal state and clauses\n";
  for (const auto& [clauses, count] : sorted(finals)) {
    text += "  " + pad(fixed(100.0 * count / n, 1) + "%", 7) + " " + pad(std::to_string(count), 6) +
            " " + clauses + "\n";
  }
  return text;
}

}  // namespace

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
    content = options.format == "json"  ? lifecycle_json(scenario, result).dump(2) + "\n"
              : options.format == "csv" ? lifecycle_csv(scenario, result)
                                        : lifecycle_text(scenario, result);
  } else {
    // Run k uses seed + k: results land in their own slot, so they do not depend on the threads.
    std::vector<std::optional<LifecycleResult>> slots(static_cast<std::size_t>(options.runs));
    Progress progress("simulating runs", static_cast<std::uint64_t>(options.runs),
                      options.progress ? Progress::Style::kTerminal : Progress::Style::kNone);
    std::optional<oneapi::tbb::global_control> limit;
    if (options.jobs > 0) {
      limit.emplace(oneapi::tbb::global_control::max_allowed_parallelism,
                    static_cast<std::size_t>(options.jobs));
    }
    std::exception_ptr failure;
    std::mutex failure_mutex;
    oneapi::tbb::parallel_for(0, options.runs, [&](int k) {
      try {
        slots[static_cast<std::size_t>(k)] =
            simulate_lifecycle(scenario, seed + static_cast<std::uint64_t>(k), registry, years);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(failure_mutex);
        if (!failure) failure = std::current_exception();
      }
      progress.advance();
    });
    progress.stop();
    if (failure) std::rethrow_exception(failure);
    std::vector<LifecycleResult> results;
    results.reserve(slots.size());
    for (auto& slot : slots) results.push_back(std::move(*slot));
    content = distribution(scenario, results, options.format, seed);
  }
  if (options.out.empty()) {
    out << content;
  } else {
    write_file_atomically(options.out, content);
  }
  return 0;
}

}  // namespace treatysim::cli
