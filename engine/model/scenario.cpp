#include "engine/model/scenario.hpp"

#include <cmath>
#include <cstdio>
#include <mutex>
#include <set>
#include <utility>

#include "engine/model/check.hpp"
#include "engine/model/random.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/tolerance.hpp"
#include "engine/model/user_error.hpp"
#include "engine/model/utility_index.hpp"
#include "engine/model/utility_levels.hpp"

namespace treatysim {

struct Scenario::Data {
  ScenarioDef def;
  OutcomeSpace space;
  std::array<UtilityFunction, kPartyCount> utilities;
  std::string hash;
  mutable std::array<std::once_flag, kPartyCount> index_once;
  mutable std::array<std::unique_ptr<UtilityIndex>, kPartyCount> indices;
  mutable std::array<std::once_flag, kPartyCount> levels_once;
  mutable std::array<std::unique_ptr<UtilityLevels>, kPartyCount> levels;
};

namespace {

constexpr double kWeightSumTolerance = 1e-6;

std::string indexed(const std::string& base, std::size_t index) {
  return base + "[" + std::to_string(index) + "]";
}

void require_id(const std::string& key, const std::string& id) {
  if (std::string problem = id_problem(id); !problem.empty()) {
    throw UserError({}, key, std::move(problem));
  }
}

void require_unit_interval(const std::string& key, double value, const char* what) {
  if (!std::isfinite(value) || value < 0.0 || value > 1.0) {
    throw UserError({}, key,
                    std::string("expected ") + what + " in [0, 1], got " + format_number(value));
  }
}

}  // namespace

std::string id_problem(const std::string& text) {
  if (text.size() > kMaxIdLength) {
    return "expected an id of at most " + std::to_string(kMaxIdLength) + " characters, got " +
           std::to_string(text.size());
  }
  if (!is_valid_id(text)) {
    return "expected a non-empty id of letters, digits, '_' or '-', got \"" + text + "\"";
  }
  return {};
}

bool is_valid_id(const std::string& text) noexcept {
  if (text.empty() || text.size() > kMaxIdLength) return false;
  for (const char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

void validate_lifecycle(const ScenarioDef& def);

namespace {

// The structure of a party's interaction terms: labels, `when` (known issues and options, no
// issue twice, not empty), finite utilities.
void validate_interactions(const ScenarioDef& def, std::size_t p) {
  const std::string key = indexed("parties", p) + ".interactions";
  const auto& terms = def.parties[p].preferences.interactions;
  for (std::size_t k = 0; k < terms.size(); ++k) {
    const InteractionTerm& term = terms[k];
    const std::string tkey = indexed(key, k);
    if (term.label.empty()) throw UserError({}, tkey + ".label", "expected a non-empty label");
    if (term.when.empty()) {
      throw UserError({}, tkey + ".when",
                      "expected at least one issue with the options the term applies to, e.g. "
                      "when = { scope = [\"S2\", \"S3\"] }");
    }
    std::set<std::size_t> seen;
    for (const InteractionCondition& condition : term.when) {
      if (condition.issue >= def.issues.size()) {
        throw UserError({}, tkey + ".when",
                        "issue index " + std::to_string(condition.issue) + " is not an issue");
      }
      const Issue& issue = def.issues[condition.issue];
      const std::string ckey = tkey + ".when." + issue.id;
      if (!seen.insert(condition.issue).second) {
        throw UserError({}, ckey, "issue '" + issue.id + "' appears twice in one `when`");
      }
      if (condition.options.empty()) {
        throw UserError({}, ckey, "expected at least one option of '" + issue.id + "'");
      }
      for (std::size_t o = 0; o < condition.options.size(); ++o) {
        const int option = condition.options[o];
        if (option < 0 || static_cast<std::size_t>(option) >= issue.options.size()) {
          throw UserError(
              {}, indexed(ckey, o),
              "option index " + std::to_string(option) + " is not an option of '" + issue.id + "'");
        }
        if (o > 0 && condition.options[o - 1] >= option) {
          throw UserError(
              {}, indexed(ckey, o),
              "expected the options of '" + issue.id + "' once each, in the issue's order");
        }
      }
    }
    if (!std::isfinite(term.utility)) {
      throw UserError({}, tkey + ".utility",
                      "expected a finite number, got " + format_number(term.utility));
    }
  }
}

// A party with interaction terms: u must stay in [0, 1] over the whole space (its exact extremes,
// found without enumerating: utility_search.hpp).
void validate_utility_range(const ScenarioDef& def, std::size_t p) {
  const PartyDef& party = def.parties[p];
  if (party.preferences.interactions.empty()) return;
  const UtilityFunction utility(party.preferences);
  const OutcomeSpace space(def.issues);
  auto fail = [&](const Outcome& outcome, double value, const char* bound) {
    throw UserError({}, indexed("parties", p) + ".interactions",
                    "utilities must stay in [0, 1], but the outcome " + space.format(outcome) +
                        " is worth " + format_number(round_for_output(value)) + " to " +
                        party.name + " (" + party.id + "), " + bound +
                        " (change the terms' utilities or the weights)");
  };
  if (utility.min_utility() < -kUtilityTolerance) {
    fail(utility.worst_outcome(), utility.min_utility(), "below 0");
  }
  if (utility.max_utility() > 1.0 + kUtilityTolerance) {
    fail(utility.best_outcome(), utility.max_utility(), "above 1");
  }
}

}  // namespace

void validate_scenario_def(const ScenarioDef& def) {
  require_id("scenario.id", def.id);
  if (def.protocol.deadline < 1 || def.protocol.deadline > kMaxDeadline) {
    throw UserError({}, "protocol.deadline",
                    "expected a number of offers from 1 to " + std::to_string(kMaxDeadline) +
                        ", got " + std::to_string(def.protocol.deadline));
  }
  if (def.protocol.first_mover >= kPartyCount) {
    throw UserError({}, "protocol.first_mover", "expected the id of one of the two parties");
  }
  if (def.issues.empty()) throw UserError({}, "issues", "expected at least one issue");
  if (def.issues.size() > kMaxIssues) {
    throw UserError({}, "issues",
                    "expected at most " + std::to_string(kMaxIssues) + " issues, got " +
                        std::to_string(def.issues.size()));
  }
  std::set<std::string> issue_ids;
  for (std::size_t i = 0; i < def.issues.size(); ++i) {
    const Issue& issue = def.issues[i];
    const std::string key = indexed("issues", i);
    require_id(key + ".id", issue.id);
    if (!issue_ids.insert(issue.id).second) {
      throw UserError({}, key + ".id", "duplicate issue id \"" + issue.id + "\"");
    }
    if (issue.numeric) {
      const NumericRange& r = issue.range;
      if (!std::isfinite(r.min) || !std::isfinite(r.max) || !(r.min < r.max)) {
        throw UserError({}, key + ".range",
                        "expected finite numbers with min < max, got min = " +
                            format_number(r.min) + ", max = " + format_number(r.max));
      }
      if (r.levels < 2 || r.levels > 0xFFFF) {
        throw UserError(
            {}, key + ".range.levels",
            "expected a number of levels from 2 to 65535, got " + std::to_string(r.levels));
      }
    }
    if (issue.options.size() < 2) {
      throw UserError({}, key + ".options",
                      "expected at least two options, got " + std::to_string(issue.options.size()));
    }
    if (issue.options.size() > 0xFFFF) {
      throw UserError({}, key + ".options", "expected at most 65535 options");
    }
    std::set<std::string> option_ids;
    for (std::size_t o = 0; o < issue.options.size(); ++o) {
      const std::string& id = issue.options[o].id;
      const std::string okey = indexed(key + ".options", o) + ".id";
      if (id.empty() || id.find('/') != std::string::npos) {
        throw UserError({}, okey, "expected a non-empty option id without '/', got \"" + id + "\"");
      }
      if (id.size() > kMaxIdLength) {
        throw UserError({}, okey,
                        "expected an option id of at most " + std::to_string(kMaxIdLength) +
                            " characters, got " + std::to_string(id.size()));
      }
      if (!option_ids.insert(id).second) {
        throw UserError({}, okey, "duplicate option id \"" + id + "\" in issue '" + issue.id + "'");
      }
    }
  }
  std::set<std::string> party_ids;
  for (std::size_t p = 0; p < kPartyCount; ++p) {
    const PartyDef& party = def.parties[p];
    const std::string key = indexed("parties", p);
    require_id(key + ".id", party.id);
    if (!party_ids.insert(party.id).second) {
      throw UserError({}, key + ".id", "duplicate party id \"" + party.id + "\"");
    }
    const Preferences& prefs = party.preferences;
    if (party.reservation_distribution) {
      validate_reservation(*party.reservation_distribution, key + ".reservation");
    } else {
      require_unit_interval(key + ".reservation", prefs.reservation_value, "a reservation value");
    }
    if (!std::isfinite(prefs.discount) || prefs.discount <= 0.0 || prefs.discount > 1.0) {
      throw UserError({}, key + ".discount",
                      "expected a discount factor in (0, 1], got " + format_number(prefs.discount));
    }
    if (prefs.weights.size() != def.issues.size() || prefs.values.size() != def.issues.size()) {
      throw UserError({}, key + ".weights",
                      "expected one weight and one list of values per issue (" +
                          std::to_string(def.issues.size()) + " issues)");
    }
    validate_interactions(def, p);
    double sum = 0.0;
    for (std::size_t i = 0; i < def.issues.size(); ++i) {
      const std::string wkey = key + ".weights." + def.issues[i].id;
      const double w = prefs.weights[i];
      if (!std::isfinite(w) || w < 0.0) {
        throw UserError({}, wkey,
                        "expected a finite, non-negative weight, got " + format_number(w));
      }
      sum += w;
      const std::string vkey = key + ".values." + def.issues[i].id;
      const auto& values = prefs.values[i];
      if (values.size() != def.issues[i].options.size()) {
        throw UserError({}, vkey,
                        "expected " + std::to_string(def.issues[i].options.size()) +
                            (def.issues[i].numeric ? " values (one per level), got "
                                                   : " values (one per option), got ") +
                            std::to_string(values.size()));
      }
      for (std::size_t o = 0; o < values.size(); ++o) {
        require_unit_interval(indexed(vkey, o), values[o], "a value");
      }
    }
    // With interaction terms the weights need not sum to 1: the range of u is checked instead.
    if (prefs.interactions.empty() && std::fabs(sum - 1.0) > kWeightSumTolerance) {
      char buffer[64];
      std::snprintf(buffer, sizeof buffer, "%.6g", sum);
      throw UserError(
          {}, key + ".weights",
          std::string("expected weights summing to 1 (within 1e-6), got a sum of ") + buffer);
    }
  }
  for (std::size_t p = 0; p < kPartyCount; ++p) validate_utility_range(def, p);
  validate_lifecycle(def);
}

namespace {

int find_issue_index(const ScenarioDef& def, const std::string& id) {
  for (std::size_t i = 0; i < def.issues.size(); ++i) {
    if (def.issues[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

void require_issue(const ScenarioDef& def, const std::string& key, const std::string& id) {
  if (find_issue_index(def, id) >= 0) return;
  std::string list;
  for (const Issue& issue : def.issues) list += (list.empty() ? "" : ", ") + issue.id;
  throw UserError({}, key,
                  "unknown issue id \"" + id + "\" (the scenario's issues are: " + list + ")");
}

// The issue of a weight event: given, and an issue of the scenario.
void require_weight_issue(const ScenarioDef& def, const std::string& key, const std::string& id) {
  if (!id.empty()) {
    require_issue(def, key, id);
    return;
  }
  std::string list;
  for (const Issue& issue : def.issues) list += (list.empty() ? "" : ", ") + issue.id;
  throw UserError({}, key,
                  "missing key 'issue': a weight event names the issue whose weight it sets (the "
                  "scenario's issues are: " +
                      list + ")");
}

void require_range(const std::string& key, double value, double lo, double hi, const char* what) {
  if (!std::isfinite(value) || value < lo || value > hi) {
    throw UserError({}, key,
                    std::string("expected ") + what + " in [" + format_number(lo) + ", " +
                        format_number(hi) + "], got " + format_number(value));
  }
}

}  // namespace

void validate_lifecycle(const ScenarioDef& def) {
  if (!def.lifecycle) return;
  const LifecycleDef& life = *def.lifecycle;
  const TreatyDef& t = life.treaty;
  if (!(t.start < t.expiry)) {
    throw UserError({}, "treaty.expiry",
                    "expected a month after treaty.start (" + t.start.to_string() + "), got " +
                        t.expiry.to_string());
  }
  {
    OutcomeSpace space(def.issues);
    std::string error;
    if (!space.parse(t.initial_clauses, &error))
      throw UserError({}, "treaty.initial_clauses", error);
  }
  if (!t.term_issue.empty()) {
    require_issue(def, "treaty.term_issue", t.term_issue);
    const auto& issue = def.issues[static_cast<std::size_t>(find_issue_index(def, t.term_issue))];
    if (t.term_months.size() != issue.options.size()) {
      throw UserError({}, "treaty.term_months",
                      "expected " + std::to_string(issue.options.size()) +
                          " terms in months (one per option of '" + issue.id + "'), got " +
                          std::to_string(t.term_months.size()));
    }
  }
  if (!std::isfinite(t.monthly_discount) || t.monthly_discount <= 0.0 || t.monthly_discount > 1.0) {
    throw UserError(
        {}, "treaty.monthly_discount",
        "expected a discount factor in (0, 1], got " + format_number(t.monthly_discount));
  }
  const ComplianceDef& c = life.compliance;
  const StagePayoffs& b = c.base;
  if (!(b.temptation > b.reward && b.reward > b.punishment && b.punishment > b.sucker)) {
    throw UserError({}, "compliance.payoffs",
                    "expected a prisoner's dilemma, temptation > reward > punishment > sucker, got "
                    "temptation " +
                        format_number(b.temptation) + ", reward " + format_number(b.reward) +
                        ", punishment " + format_number(b.punishment) + ", sucker " +
                        format_number(b.sucker));
  }
  if (!c.scope_issue.empty()) require_issue(def, "compliance.scope_issue", c.scope_issue);
  for (std::size_t k = 0; k < c.protection_issues.size(); ++k) {
    require_issue(def, "compliance.protection_issues[" + std::to_string(k) + "]",
                  c.protection_issues[k]);
  }
  for (std::size_t k = 0; k < c.detection_issues.size(); ++k) {
    require_issue(def, "compliance.detection_issues[" + std::to_string(k) + "]",
                  c.detection_issues[k]);
  }
  if (!c.dispute_issue.empty()) require_issue(def, "compliance.dispute_issue", c.dispute_issue);
  require_range("compliance.detection_base", c.detection_base, 0.0, 1.0, "a probability");
  require_range("compliance.detection_gain", c.detection_gain, 0.0, 1.0, "a probability");
  require_range("compliance.dispute_threshold", c.dispute_threshold, 0.0, 1.0, "a clause strength");
  require_range("compliance.penalty", c.penalty, 0.0, 1e6, "a penalty");
  require_range("compliance.payoff_weight", c.payoff_weight, 0.0, 10.0, "a weight");
  for (std::size_t p = 0; p < kPartyCount; ++p) {
    const DomesticDef& d = life.domestic[p];
    const std::string key = "domestic." + def.parties[p].id;
    require_range(key + ".threshold", d.threshold, 0.0, 1.0, "a utility threshold");
    require_range(key + ".steepness", d.steepness, 0.0, 1e6, "a steepness");
    require_range(key + ".pressure", d.pressure, -1.0, 1.0, "a pressure");
  }
  const TrustDef& tr = life.trust;
  for (std::size_t p = 0; p < kPartyCount; ++p) {
    require_range("trust.initial." + def.parties[p].id, tr.initial[p], 0.0, 1.0, "a trust level");
    require_range("trust.baseline." + def.parties[p].id, tr.baseline[p], 0.0, 1.0, "a trust level");
  }
  require_range("trust.drift", tr.drift, 0.0, 1.0, "a monthly drift");
  require_range("trust.violation_hit", tr.violation_hit, 0.0, 1.0, "a trust change");
  require_range("trust.compliance_gain", tr.compliance_gain, 0.0, 1.0, "a trust change");
  require_range("trust.reservation_per_distrust", tr.reservation_per_distrust, -10.0, 10.0,
                "a slope");
  require_range("trust.pressure_per_distrust", tr.pressure_per_distrust, -10.0, 10.0, "a slope");
  std::set<std::string> ids;
  for (std::size_t k = 0; k < life.events.size(); ++k) {
    const ScheduledEventDef& e = life.events[k];
    const std::string key = "events[" + std::to_string(k) + "]";
    if (!ids.insert(e.id).second)
      throw UserError({}, key + ".id", "duplicate event id \"" + e.id + "\"");
    if (e.kind == LifecycleEventKind::kWeight) {
      require_weight_issue(def, key + ".issue", e.issue);
      require_range(key + ".value", e.value, 0.0, 1.0, "a weight");
    } else {
      require_range(key + ".value", e.value, -1.0, 1.0, "a change");
    }
  }
  for (std::size_t k = 0; k < life.random_events.size(); ++k) {
    const RandomEventDef& e = life.random_events[k];
    const std::string key = "random_events[" + std::to_string(k) + "]";
    if (!ids.insert(e.id).second)
      throw UserError({}, key + ".id", "duplicate event id \"" + e.id + "\"");
    require_range(key + ".yearly_rate", e.yearly_rate, 0.0, 12.0, "a yearly rate");
    if (e.kind == LifecycleEventKind::kWeight) {
      require_weight_issue(def, key + ".issue", e.issue);
      require_range(key + ".value", e.value, 0.0, 1.0, "a weight");
    } else {
      require_range(key + ".value", e.value, -1.0, 1.0, "a change");
    }
  }
}

Scenario Scenario::create(ScenarioDef def) {
  validate_scenario_def(def);
  for (PartyDef& party : def.parties) {
    if (party.reservation_distribution) {
      party.preferences.reservation_value = reservation_mean(*party.reservation_distribution);
    }
  }
  auto data = std::make_shared<Data>();
  data->space = OutcomeSpace(def.issues);
  for (std::size_t p = 0; p < kPartyCount; ++p) {
    data->utilities[p] = UtilityFunction(def.parties[p].preferences);
  }
  data->def = std::move(def);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx",
                static_cast<unsigned long long>(fnv1a64(to_toml(data->def))));
  data->hash = hex;
  return Scenario(std::move(data));
}

const ScenarioDef& Scenario::def() const noexcept {
  return data_->def;
}
const OutcomeSpace& Scenario::space() const noexcept {
  return data_->space;
}
const UtilityFunction& Scenario::utility(PartyIndex party) const noexcept {
  return data_->utilities[party];
}
const std::string& Scenario::content_hash() const noexcept {
  return data_->hash;
}

PartyIndex Scenario::find_party(const std::string& party_id) const noexcept {
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    if (party(p).id == party_id) return p;
  }
  return kPartyCount;
}

const UtilityIndex& Scenario::utility_index(PartyIndex party, const std::string& needed_by) const {
  if (!space().enumerable()) throw UserError(too_large_message(space(), needed_by));
  std::call_once(data_->index_once[party], [this, party] {
    data_->indices[party] = std::make_unique<UtilityIndex>(space(), utility(party));
  });
  return *data_->indices[party];
}

const UtilityLevels& Scenario::utility_levels(PartyIndex party) const {
  std::call_once(data_->levels_once[party], [this, party] {
    data_->levels[party] = std::make_unique<UtilityLevels>(space(), utility(party));
  });
  return *data_->levels[party];
}

Scenario Scenario::with_deadline(int deadline) const {
  ScenarioDef copy = def();
  copy.protocol.deadline = deadline;
  return create(std::move(copy));
}

std::string describe_outcome(const Scenario& scenario, const Outcome& outcome) {
  std::string text;
  const OutcomeSpace& space = scenario.space();
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    const Option& option = space.issue(i).options[static_cast<std::size_t>(outcome[i])];
    if (i > 0) text += "; ";
    text += space.issue(i).id + ": " + option.id;
    if (!option.label.empty() && option.label != option.id) text += " (" + option.label + ")";
  }
  return text;
}

std::string too_large_message(const OutcomeSpace& space, const std::string& needed_by) {
  char buffer[160];
  std::snprintf(buffer, sizeof buffer,
                "the outcome space has %.3g outcomes, more than the %llu that treatysim enumerates",
                space.size(), static_cast<unsigned long long>(kMaxEnumerableOutcomes));
  return std::string(buffer) + "; " + needed_by +
         " lists outcomes by utility and needs an enumerable space (use fewer issues or options)";
}

}  // namespace treatysim
