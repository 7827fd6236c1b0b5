#include "engine/studies/study_plan.hpp"

#include <numeric>
#include <utility>

#include "engine/model/issue.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim {

namespace {

// A parsed scenario parameter path.
struct ScenarioParameter {
  std::string party;
  std::string field;  // reservation | discount | weights
  std::string issue;  // for weights
};

const char* const kScenarioPathHelp =
    "expected scenario.PARTY.reservation, scenario.PARTY.discount or "
    "scenario.PARTY.weights.ISSUE";

ScenarioParameter parse_scenario_parameter(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    parts.push_back(path.substr(start, dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  const bool ok = parts.size() >= 3 && parts[0] == "scenario" &&
                  ((parts.size() == 3 && (parts[2] == "reservation" || parts[2] == "discount")) ||
                   (parts.size() == 4 && parts[2] == "weights"));
  if (!ok) throw UserError("\"" + path + "\": " + kScenarioPathHelp);
  return {parts[1], parts[2], parts.size() == 4 ? parts[3] : ""};
}

PartyIndex party_of(const Scenario& scenario, const std::string& party_id,
                    const std::string& path) {
  const PartyIndex p = scenario.find_party(party_id);
  if (p == kPartyCount) {
    throw UserError("\"" + path + "\": scenario \"" + scenario.id() + "\" has no party \"" +
                    party_id + "\" (its parties are \"" + scenario.party(0).id + "\" and \"" +
                    scenario.party(1).id + "\")");
  }
  return p;
}

std::size_t issue_of(const Scenario& scenario, const std::string& issue_id,
                     const std::string& path) {
  const OutcomeSpace& space = scenario.space();
  std::string ids;
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    if (space.issue(i).id == issue_id) return i;
    ids += (ids.empty() ? "" : ", ") + space.issue(i).id;
  }
  throw UserError("\"" + path + "\": scenario \"" + scenario.id() + "\" has no issue \"" +
                  issue_id + "\" (its issues are " + ids + ")");
}

}  // namespace

bool is_scenario_parameter(const std::string& path) noexcept {
  return path.rfind("scenario.", 0) == 0;
}

std::vector<Scenario> load_study_scenarios(const StudyDef& study) {
  std::vector<Scenario> scenarios;
  for (std::size_t i = 0; i < study.scenarios.size(); ++i) {
    const std::string key = study.table + ".scenarios[" + std::to_string(i) + "]";
    Scenario scenario = [&] {
      try {
        return load_scenario_file(study.scenarios[i]);
      } catch (const UserError& e) {
        throw UserError(study.scenario_at[i], key, e.what());
      }
    }();
    if (study.deadline) {
      try {
        scenario = scenario.with_deadline(*study.deadline);
      } catch (const UserError& e) {
        throw UserError(study.deadline_at, study.table + ".deadline", e.message());
      }
    }
    for (const Scenario& seen : scenarios) {
      if (seen.id() == scenario.id()) {
        throw UserError(study.scenario_at[i], key,
                        "scenario \"" + scenario.id() + "\" is already in the list");
      }
    }
    scenarios.push_back(std::move(scenario));
  }
  return scenarios;
}

EvaluationPlan make_plan(const StudyDef& study, const std::vector<Scenario>& scenarios,
                         std::vector<std::uint64_t> seeds) {
  EvaluationPlan plan;
  plan.opponents = study.opponents;
  plan.seeds = std::move(seeds);
  plan.scenarios.reserve(scenarios.size());
  for (const Scenario& scenario : scenarios) {
    EvaluationScenario entry{scenario, analyze_scenario(scenario), {}};
    if (study.roles == "both") {
      entry.roles = {0, 1};
    } else {
      const PartyIndex p = scenario.find_party(study.roles);
      if (p == kPartyCount) {
        throw UserError(study.roles_at, study.table + ".roles",
                        "expected \"both\" or a party id of every scenario; scenario \"" +
                            scenario.id() + "\" has parties \"" + scenario.party(0).id +
                            "\" and \"" + scenario.party(1).id + "\", not \"" + study.roles + "\"");
      }
      entry.roles = {p};
    }
    if (study.metric == Metric::kDistanceToNash && !entry.analysis.nash) {
      throw UserError(SourceLocation{study.file, 0, 0}, study.table + ".metric",
                      "distance_to_nash needs a Nash point, and scenario \"" + scenario.id() +
                          "\" has none (its zone of agreement is empty)");
    }
    plan.scenarios.push_back(std::move(entry));
  }
  return plan;
}

void check_study_plan(const StudyDef& study, const EvaluationPlan& plan,
                      const AgentFactory& factory, const Spec& candidate,
                      const SourceLocation& candidate_at, const std::string& candidate_key) {
  for (std::size_t i = 0; i < plan.opponents.size(); ++i) {
    try {
      check_opponent(plan, factory, i);
    } catch (const UserError& e) {
      throw UserError(study.opponent_at[i], study.table + ".opponents[" + std::to_string(i) + "]",
                      e.message_with_location());
    }
  }
  try {
    check_candidate(plan, factory, candidate);
  } catch (const UserError& e) {
    throw UserError(candidate_at, candidate_key, e.message_with_location());
  }
}

ParameterRange scenario_parameter_range(const std::string& path,
                                        const std::vector<Scenario>& scenarios) {
  const ScenarioParameter parameter = parse_scenario_parameter(path);
  for (const Scenario& scenario : scenarios) {
    static_cast<void>(party_of(scenario, parameter.party, path));
    if (parameter.field == "weights") static_cast<void>(issue_of(scenario, parameter.issue, path));
  }
  if (parameter.field == "discount") return {0.0, 1.0, 1.0, false};
  return {0.0, 1.0, 0.0, false};
}

Scenario with_scenario_parameter(const Scenario& scenario, const std::string& path, double value) {
  const ScenarioParameter parameter = parse_scenario_parameter(path);
  ScenarioDef def = scenario.def();
  const PartyIndex p = party_of(scenario, parameter.party, path);
  Preferences& preferences = def.parties[p].preferences;
  if (parameter.field == "reservation") {
    preferences.reservation_value = value;
    def.parties[p].reservation_distribution.reset();  // a swept value is fixed, not drawn
  } else if (parameter.field == "discount") {
    preferences.discount = value;
  } else {
    const std::size_t issue = issue_of(scenario, parameter.issue, path);
    std::vector<double>& weights = preferences.weights;
    const double others = std::accumulate(weights.begin(), weights.end(), 0.0) - weights[issue];
    if (value < 0.0 || value > 1.0) {
      throw UserError("\"" + path + "\": a weight must be in [0, 1], got " + format_number(value));
    }
    if (others <= 0.0 && value < 1.0) {
      throw UserError("\"" + path +
                      "\": the party's other weights are all 0, so this weight "
                      "must stay 1");
    }
    for (std::size_t i = 0; i < weights.size(); ++i) {
      weights[i] = i == issue ? value : weights[i] * (1.0 - value) / others;
    }
  }
  try {
    return Scenario::create(std::move(def));
  } catch (const UserError& e) {
    throw UserError("\"" + path + "\" = " + format_number(value) + ": " + e.message());
  }
}

}  // namespace treatysim
