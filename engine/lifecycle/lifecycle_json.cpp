#include "engine/lifecycle/lifecycle_json.hpp"

#include "engine/model/issue.hpp"

namespace treatysim {

using nlohmann::ordered_json;

const char* move_name(Move move) noexcept {
  return move == Move::kHonour ? "honour" : "exploit";
}

ordered_json lifecycle_to_json(const Scenario& scenario, const LifecycleResult& r) {
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
  for (const LogEntry& e : r.log) {
    log.push_back({{"date", e.date.to_string()}, {"kind", e.kind}, {"text", e.text}});
  }
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

}  // namespace treatysim
