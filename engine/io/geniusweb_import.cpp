#include "engine/io/geniusweb_import.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/io/exact_decimal.hpp"
#include "engine/io/json_tree.hpp"
#include "engine/model/outcome.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim {

namespace {

namespace fs = std::filesystem;
using Kind = JsonValue::Kind;

constexpr const char* kLinearAdditive = "LinearAdditiveUtilitySpace";
constexpr std::size_t kMaxOptions = 0xFFFF;
// Utilities and weights are computed exactly (exact_decimal.hpp); GeniusWeb's files have
// fewer than 20 digits.
constexpr std::size_t kMaxSignificantDigits = 100;

// Joins texts as a list for messages: "a, b, c" (each quoted when `quote`).
std::string listed(const std::vector<std::string>& items, bool quote = true) {
  std::string list;
  for (const std::string& item : items) {
    list += (list.empty() ? "" : ", ") + (quote ? json_quoted(item) : item);
  }
  return list;
}

// One JSON file and checked access to its values; every failure names the file and the path.
class JsonFile {
 public:
  explicit JsonFile(std::string path) : path_(std::move(path)) {
    const std::string text = read_text_file(path_);
    root_ = read_json_tree(text, path_);
  }

  [[nodiscard]] const JsonValue& root() const noexcept { return root_; }
  [[nodiscard]] std::string file_name() const { return fs::path(path_).filename().string(); }
  [[nodiscard]] std::string stem() const { return fs::path(path_).stem().string(); }

  [[noreturn]] void fail(const std::string& at, const std::string& message) const {
    throw UserError(SourceLocation{path_, 0, 0}, at, message);
  }

  // `value` must be of `kind`; `what` says what it is ("the issue weights, an object").
  void require(const JsonValue& value, Kind kind, const std::string& at,
               const std::string& what) const {
    if (value.kind != kind) fail(at, "expected " + what + ", got " + json_kind_name(value));
  }

  // The member `key` of the object `object` (at path `at`), which must be there.
  [[nodiscard]] const JsonValue& member(const JsonValue& object, const std::string& at,
                                        const std::string& key, const std::string& what) const {
    const JsonValue* value = object.find(key);
    if (value == nullptr) fail(at, "missing key " + json_quoted(key) + " (" + what + ")");
    return *value;
  }

  // Refuses keys other than `allowed` (a misspelt key would otherwise be ignored silently).
  void only_keys(const JsonValue& object, const std::string& at,
                 std::initializer_list<const char*> allowed) const {
    for (const JsonMember& m : object.members) {
      if (std::find_if(allowed.begin(), allowed.end(), [&](const char* k) { return m.key == k; }) ==
          allowed.end()) {
        std::vector<std::string> names;
        for (const char* k : allowed) names.emplace_back(k);
        fail(json_member_path(at, m.key),
             "unknown key " + json_quoted(m.key) + " (expected " + listed(names) + ")");
      }
    }
  }

  // A number, exactly as written.
  [[nodiscard]] Decimal number(const JsonValue& value, const std::string& at,
                               const std::string& what) const {
    require(value, Kind::kNumber, at, what);
    const std::optional<Decimal> d = Decimal::parse(value.text);
    if (!d) fail(at, "expected " + what + ", got " + value.text);  // never: the JSON reader checks
    if (d->significant_digits() > kMaxSignificantDigits) {
      fail(at, "expected " + what + " with at most " + std::to_string(kMaxSignificantDigits) +
                   " significant digits, got " + std::to_string(d->significant_digits()));
    }
    return *d;
  }

 private:
  std::string path_;
  JsonValue root_;
};

// [SECTION] The domain ----------------------------------------------------------------------

struct DomainIssue {
  std::string name;
  std::vector<std::string> values;  // in the file's order

  [[nodiscard]] std::optional<std::size_t> find(const std::string& value) const {
    const auto it = std::find(values.begin(), values.end(), value);
    if (it == values.end()) return std::nullopt;
    return static_cast<std::size_t>(it - values.begin());
  }
};

struct Domain {
  std::string name;
  std::vector<DomainIssue> issues;  // in the file's order

  [[nodiscard]] std::optional<std::size_t> find(const std::string& issue) const {
    for (std::size_t i = 0; i < issues.size(); ++i) {
      if (issues[i].name == issue) return i;
    }
    return std::nullopt;
  }
  [[nodiscard]] std::vector<std::string> issue_names() const {
    std::vector<std::string> names;
    for (const DomainIssue& issue : issues) names.push_back(issue.name);
    return names;
  }
  [[nodiscard]] double outcome_count() const {
    double count = 1.0;
    for (const DomainIssue& issue : issues) count *= static_cast<double>(issue.values.size());
    return count;
  }
};

// The option id of a value: '/' becomes '_' (option ids are joined by '/' on the command line).
std::string option_id(const std::string& value) {
  std::string id = value;
  std::replace(id.begin(), id.end(), '/', '_');
  return id;
}

// Reads a domain object ({"name": ..., "issuesValues": {...}}) at path `at` of `file`.
Domain read_domain(const JsonFile& file, const JsonValue& object, const std::string& at) {
  const std::string what = "a GeniusWeb domain: {\"name\": ..., \"issuesValues\": {...}}";
  file.require(object, Kind::kObject, at, what);
  if (object.find("issuesValues") == nullptr && object.members.size() == 1 &&
      object.members[0].value.kind == Kind::kObject) {
    file.fail(at, "expected " + what + ", got an object with the single key " +
                      json_quoted(object.members[0].key) + " (a GeniusWeb profile?)");
  }
  file.only_keys(object, at, {"name", "issuesValues"});
  Domain domain;
  const std::string name_at = json_member_path(at, "name");
  const JsonValue& name = file.member(object, at, "name", "the domain's name, a string");
  file.require(name, Kind::kString, name_at, "the domain's name, a string");
  domain.name = name.text;

  const std::string issues_at = json_member_path(at, "issuesValues");
  const JsonValue& issues =
      file.member(object, at, "issuesValues", "an object with the value set of each issue");
  file.require(issues, Kind::kObject, issues_at, "an object with the value set of each issue");
  if (issues.members.empty()) file.fail(issues_at, "expected at least one issue, got none");
  if (issues.members.size() > kMaxIssues) {
    file.fail(issues_at, "expected at most " + std::to_string(kMaxIssues) + " issues, got " +
                             std::to_string(issues.members.size()));
  }
  for (const JsonMember& m : issues.members) {
    const std::string issue_at = json_member_path(issues_at, m.key);
    const std::string set_what =
        "the value set of issue " + json_quoted(m.key) + ": {\"values\": [...]}";
    file.require(m.value, Kind::kObject, issue_at, set_what);
    if (m.value.find("range") != nullptr) {
      file.fail(issue_at, "issue " + json_quoted(m.key) +
                              " has a numeric value set (\"range\"): only discrete value sets "
                              "({\"values\": [...]}) can be imported");
    }
    file.only_keys(m.value, issue_at, {"values"});
    const std::string values_at = json_member_path(issue_at, "values");
    const JsonValue& values = file.member(m.value, issue_at, "values", "an array of the values");
    file.require(values, Kind::kArray, values_at, "an array of the issue's values (strings)");
    DomainIssue issue;
    issue.name = m.key;
    std::set<std::string> ids;
    for (std::size_t k = 0; k < values.elements.size(); ++k) {
      const JsonValue& value = values.elements[k];
      const std::string value_at = json_element_path(values_at, k);
      file.require(value, Kind::kString, value_at, "a value (a string)");
      if (value.text.empty()) file.fail(value_at, "expected a non-empty value, got \"\"");
      if (issue.find(value.text)) {
        file.fail(value_at, "the value " + json_quoted(value.text) + " appears twice in issue " +
                                json_quoted(m.key));
      }
      if (!ids.insert(option_id(value.text)).second) {
        file.fail(value_at, "the value " + json_quoted(value.text) + " of issue " +
                                json_quoted(m.key) + " has the option id " +
                                json_quoted(option_id(value.text)) +
                                " of an earlier value (option ids are the values with '/' "
                                "replaced by '_')");
      }
      issue.values.push_back(value.text);
    }
    if (issue.values.size() < 2) {
      file.fail(values_at, "issue " + json_quoted(m.key) + " has " +
                               std::to_string(issue.values.size()) +
                               " value(s); expected at least two (an issue with one value leaves "
                               "nothing to negotiate)");
    }
    if (issue.values.size() > kMaxOptions) {
      file.fail(values_at,
                "expected at most 65535 values, got " + std::to_string(issue.values.size()));
    }
    domain.issues.push_back(std::move(issue));
  }
  return domain;
}

// The embedded domain `embedded` (at `at` in `file`) must be the domain file's.
void require_same_domain(const JsonFile& file, const std::string& at, const Domain& embedded,
                         const Domain& domain, const std::string& domain_file) {
  if (embedded.name != domain.name) {
    file.fail(json_member_path(at, "name"),
              "the profile's domain is " + json_quoted(embedded.name) + " but the domain file " +
                  domain_file + " is " + json_quoted(domain.name));
  }
  const std::string issues_at = json_member_path(at, "issuesValues");
  for (const DomainIssue& issue : embedded.issues) {
    const std::optional<std::size_t> i = domain.find(issue.name);
    if (!i) {
      file.fail(json_member_path(issues_at, issue.name),
                "issue " + json_quoted(issue.name) + " is not in the domain file " + domain_file +
                    " (its issues: " + listed(domain.issue_names()) + ")");
    }
    const DomainIssue& expected = domain.issues[*i];
    const std::string values_at =
        json_member_path(json_member_path(issues_at, issue.name), "values");
    for (const std::string& value : issue.values) {
      if (!expected.find(value)) {
        file.fail(values_at, "value " + json_quoted(value) + " of issue " +
                                 json_quoted(issue.name) + " is not in the domain file " +
                                 domain_file + " (its values: " + listed(expected.values) + ")");
      }
    }
    for (const std::string& value : expected.values) {
      if (!issue.find(value)) {
        file.fail(values_at, "issue " + json_quoted(issue.name) + " has no value " +
                                 json_quoted(value) + " (the domain file " + domain_file +
                                 " has it)");
      }
    }
  }
  for (const DomainIssue& issue : domain.issues) {
    if (!embedded.find(issue.name)) {
      file.fail(issues_at, "no issue " + json_quoted(issue.name) + " (the domain file " +
                               domain_file + " has it)");
    }
  }
}

// [SECTION] A profile -----------------------------------------------------------------------

struct Profile {
  std::string name;                          // empty when the profile gives none
  Domain domain;                             // the one the profile holds
  std::vector<Decimal> weights;              // in the order of the domain's issues
  std::vector<std::vector<Decimal>> values;  // [issue][value], same order
  double reservation = 0.0;

  [[nodiscard]] std::vector<double> weights_as_doubles() const {
    std::vector<double> out;
    for (const Decimal& w : weights) out.push_back(w.to_double());
    return out;
  }
  [[nodiscard]] std::vector<std::vector<double>> values_as_doubles() const {
    std::vector<std::vector<double>> out;
    for (const std::vector<Decimal>& issue : values) {
      out.emplace_back();
      for (const Decimal& v : issue) out.back().push_back(v.to_double());
    }
    return out;
  }
};

// Reads a profile. With `domain_file_domain` (read from the file named `domain_file`), the
// profile's own domain must be that one, and weights and values come in its order; without it
// (a profile checked on its own), in the order of the profile's own domain.
Profile read_profile(const JsonFile& file, const Domain* domain_file_domain,
                     const std::string& domain_file) {
  const JsonValue& root = file.root();
  file.require(root, Kind::kObject, "",
               "a GeniusWeb profile: {\"LinearAdditiveUtilitySpace\": {...}}");
  if (root.find("issuesValues") != nullptr) {
    file.fail("",
              "expected a GeniusWeb profile, {\"LinearAdditiveUtilitySpace\": {...}}, got a "
              "domain (it has \"issuesValues\")");
  }
  if (root.members.size() != 1) {
    file.fail("",
              "expected one key naming the profile's kind, {\"LinearAdditiveUtilitySpace\": "
              "{...}}, got " +
                  std::to_string(root.members.size()) + " keys");
  }
  const std::string& kind = root.members[0].key;
  const std::string at = json_member_path("", kind);
  if (kind != kLinearAdditive) {
    file.fail(at, "profile kind " + json_quoted(kind) +
                      " is not supported: only LinearAdditiveUtilitySpace profiles can be "
                      "imported");
  }
  const JsonValue& space = root.members[0].value;
  file.require(space, Kind::kObject, at, "an object (the LinearAdditiveUtilitySpace)");
  file.only_keys(space, at, {"name", "domain", "issueUtilities", "issueWeights", "reservationBid"});

  Profile profile;
  if (const JsonValue* name = space.find("name")) {
    file.require(*name, Kind::kString, json_member_path(at, "name"),
                 "the profile's name, a string");
    profile.name = name->text;
  }
  const std::string domain_at = json_member_path(at, "domain");
  profile.domain = read_domain(
      file, file.member(space, at, "domain", "the profile's domain, as in the domain file"),
      domain_at);
  if (domain_file_domain != nullptr) {
    require_same_domain(file, domain_at, profile.domain, *domain_file_domain, domain_file);
  }
  const Domain& domain = domain_file_domain != nullptr ? *domain_file_domain : profile.domain;
  const std::vector<std::string> issue_names = domain.issue_names();

  // issueUtilities: {"issue": {"discreteutils": {"valueUtilities": {"value": u, ...}}}, ...}
  const std::string utilities_at = json_member_path(at, "issueUtilities");
  const JsonValue& utilities =
      file.member(space, at, "issueUtilities", "the utilities of each issue's values");
  file.require(utilities, Kind::kObject, utilities_at, "an object with each issue's utilities");
  profile.values.assign(domain.issues.size(), {});
  std::vector<bool> seen(domain.issues.size(), false);
  for (const JsonMember& m : utilities.members) {
    const std::string issue_at = json_member_path(utilities_at, m.key);
    const std::optional<std::size_t> i = domain.find(m.key);
    if (!i) {
      file.fail(issue_at, "no issue " + json_quoted(m.key) +
                              " in the domain (its issues: " + listed(issue_names) + ")");
    }
    seen[*i] = true;
    const DomainIssue& issue = domain.issues[*i];
    const std::string shape = "{\"discreteutils\": {\"valueUtilities\": {...}}}";
    file.require(m.value, Kind::kObject, issue_at,
                 "the utilities of issue " + json_quoted(m.key) + ", " + shape);
    if (m.value.members.size() != 1) {
      file.fail(issue_at, "expected one key naming the kind of utilities, " + shape + ", got " +
                              std::to_string(m.value.members.size()) + " keys");
    }
    const JsonMember& utils = m.value.members[0];
    const std::string utils_at = json_member_path(issue_at, utils.key);
    if (utils.key == "numberutils") {
      file.fail(utils_at, "issue " + json_quoted(m.key) +
                              " has numeric utilities (\"numberutils\"): only \"discreteutils\" "
                              "can be imported");
    }
    if (utils.key != "discreteutils") {
      file.fail(utils_at, "utilities of kind " + json_quoted(utils.key) +
                              " are not supported: only \"discreteutils\" can be imported");
    }
    file.require(utils.value, Kind::kObject, utils_at, "an object, {\"valueUtilities\": {...}}");
    file.only_keys(utils.value, utils_at, {"valueUtilities"});
    const std::string values_at = json_member_path(utils_at, "valueUtilities");
    const JsonValue& values =
        file.member(utils.value, utils_at, "valueUtilities", "the utility of each value");
    file.require(values, Kind::kObject, values_at, "an object with the utility of each value");
    std::vector<std::optional<Decimal>> by_value(issue.values.size());
    for (const JsonMember& v : values.members) {
      const std::string value_at = json_member_path(values_at, v.key);
      const std::optional<std::size_t> k = issue.find(v.key);
      if (!k) {
        file.fail(value_at, "no value " + json_quoted(v.key) + " in issue " + json_quoted(m.key) +
                                " (its values: " + listed(issue.values) + ")");
      }
      const Decimal u = file.number(v.value, value_at, "a utility in [0, 1]");
      if (u < Decimal() || u > *Decimal::parse("1")) {
        file.fail(value_at, "expected a utility in [0, 1], got " + v.value.text);
      }
      by_value[*k] = u;
    }
    for (std::size_t k = 0; k < by_value.size(); ++k) {
      if (!by_value[k]) {
        file.fail(values_at,
                  "no utility for value " + json_quoted(issue.values[k]) +
                      " (expected one for each value of the issue: " + listed(issue.values) + ")");
      }
      profile.values[*i].push_back(*by_value[k]);
    }
  }
  for (std::size_t i = 0; i < seen.size(); ++i) {
    if (!seen[i]) {
      file.fail(utilities_at,
                "no utilities for issue " + json_quoted(domain.issues[i].name) +
                    " (expected them for every issue of the domain: " + listed(issue_names) + ")");
    }
  }

  // issueWeights: {"issue": w, ...}, each w ≥ 0, summing to exactly 1.
  const std::string weights_at = json_member_path(at, "issueWeights");
  const JsonValue& weights = file.member(space, at, "issueWeights", "the weight of each issue");
  file.require(weights, Kind::kObject, weights_at, "an object with the weight of each issue");
  std::vector<std::optional<Decimal>> exact(domain.issues.size());
  for (const JsonMember& m : weights.members) {
    const std::string weight_at = json_member_path(weights_at, m.key);
    const std::optional<std::size_t> i = domain.find(m.key);
    if (!i) {
      file.fail(weight_at, "no issue " + json_quoted(m.key) +
                               " in the domain (its issues: " + listed(issue_names) + ")");
    }
    const Decimal w = file.number(m.value, weight_at, "a weight (a number from 0 to 1)");
    if (w.is_negative())
      file.fail(weight_at, "expected a weight of at least 0, got " + m.value.text);
    exact[*i] = w;
  }
  for (std::size_t i = 0; i < exact.size(); ++i) {
    if (!exact[i]) {
      file.fail(weights_at,
                "no weight for issue " + json_quoted(domain.issues[i].name) +
                    " (expected one for every issue of the domain: " + listed(issue_names) + ")");
    }
    profile.weights.push_back(*exact[i]);
  }
  const std::optional<Decimal> total = exact_sum(profile.weights);
  if (!total) {
    file.fail(weights_at, "the weights' digits span more than " + std::to_string(kMaxExactSumSpan) +
                              " decimal places: cannot check that they sum to exactly 1");
  }
  if (*total != *Decimal::parse("1")) {
    file.fail(weights_at, "the weights sum to " + total->to_string() +
                              ", not 1 (GeniusWeb requires issue weights that sum to exactly 1; "
                              "they are not renormalised)");
  }

  // reservationBid: {"issuevalues": {"issue": "value", ...}}, possibly partial; null = none.
  if (const JsonValue* bid = space.find("reservationBid");
      bid != nullptr && bid->kind != Kind::kNull) {
    const std::string bid_at = json_member_path(at, "reservationBid");
    const std::string bid_what = "a bid, {\"issuevalues\": {...}}, or null";
    file.require(*bid, Kind::kObject, bid_at, bid_what);
    file.only_keys(*bid, bid_at, {"issuevalues"});
    const std::string values_at = json_member_path(bid_at, "issuevalues");
    const JsonValue& values =
        file.member(*bid, bid_at, "issuevalues", "the value of each issue in the bid");
    file.require(values, Kind::kObject, values_at, "an object with the bid's value of each issue");
    std::vector<std::optional<std::size_t>> chosen(domain.issues.size());
    for (const JsonMember& m : values.members) {
      const std::string value_at = json_member_path(values_at, m.key);
      const std::optional<std::size_t> i = domain.find(m.key);
      if (!i) {
        file.fail(value_at, "no issue " + json_quoted(m.key) +
                                " in the domain (its issues: " + listed(issue_names) + ")");
      }
      const DomainIssue& issue = domain.issues[*i];
      file.require(m.value, Kind::kString, value_at,
                   "a value of issue " + json_quoted(m.key) + " (a string)");
      chosen[*i] = issue.find(m.value.text);
      if (!chosen[*i]) {
        file.fail(value_at, "no value " + json_quoted(m.value.text) + " in issue " +
                                json_quoted(m.key) + " (its values: " + listed(issue.values) + ")");
      }
    }
    // GeniusWeb's getUtility, in decimal: Σ weight × utility over the issues of the bid (an
    // issue it leaves out adds 0).
    std::vector<Decimal> terms;
    for (std::size_t i = 0; i < chosen.size(); ++i) {
      if (chosen[i])
        terms.push_back(exact_product(profile.weights[i], profile.values[i][*chosen[i]]));
    }
    const std::optional<Decimal> utility = exact_sum(terms);
    if (!utility) {
      file.fail(bid_at, "the digits of the weights and utilities span more than " +
                            std::to_string(kMaxExactSumSpan) +
                            " decimal places: cannot compute the bid's utility exactly");
    }
    profile.reservation = std::min(utility->to_double(), 1.0);
  }
  return profile;
}

std::string default_scenario_id(const Domain& domain, const JsonFile& file) {
  std::string id = sanitize_genius_id(domain.name);
  if (id.empty()) id = sanitize_genius_id(file.stem());
  return id.empty() ? "geniusweb" : id;
}

std::string describe_domain(const Domain& domain) {
  const std::size_t issues = domain.issues.size();
  return "GeniusWeb domain " + json_quoted(domain.name) + ", " + std::to_string(issues) +
         (issues == 1 ? " issue, " : " issues, ") + format_count(domain.outcome_count()) +
         " outcomes";
}

}  // namespace

ScenarioDef import_geniusweb(const std::string& domain_path, const std::string& profile_a_path,
                             const std::string& profile_b_path,
                             const GeniusImportOptions& options) {
  check_genius_import_options(options);
  const JsonFile domain_file(domain_path);
  const Domain domain = read_domain(domain_file, domain_file.root(), "");
  const std::array<JsonFile, kPartyCount> profile_files{JsonFile(profile_a_path),
                                                        JsonFile(profile_b_path)};
  const std::array<Profile, kPartyCount> profiles{
      read_profile(profile_files[0], &domain, domain_file.file_name()),
      read_profile(profile_files[1], &domain, domain_file.file_name())};

  ScenarioDef def;
  def.id = options.id.empty() ? default_scenario_id(domain, domain_file) : options.id;
  def.title = def.id + " (GeniusWeb)";
  def.description = "Imported from the GeniusWeb files " + domain_file.file_name() + ", " +
                    profile_files[0].file_name() + " and " + profile_files[1].file_name() + ".";
  def.protocol.deadline = options.deadline;
  def.protocol.first_mover = 0;
  def.protocol.information = Information::kPrivate;

  std::set<std::string> issue_ids;
  for (std::size_t i = 0; i < domain.issues.size(); ++i) {
    const DomainIssue& source = domain.issues[i];
    Issue issue;
    std::string base = sanitize_genius_id(source.name);
    if (base.empty()) base = "issue" + std::to_string(i + 1);
    issue.id = base;
    for (int n = 2; !issue_ids.insert(issue.id).second; ++n) {
      issue.id = base + "_" + std::to_string(n);
    }
    issue.label = source.name;
    for (const std::string& value : source.values) {
      Option option;
      option.id = option_id(value);
      option.label = value;
      issue.options.push_back(std::move(option));
    }
    def.issues.push_back(std::move(issue));
  }

  const std::array<std::string, kPartyCount> ids{options.party_a, options.party_b};
  for (std::size_t p = 0; p < kPartyCount; ++p) {
    PartyDef& party = def.parties[p];
    party.id = ids[p];
    party.name = profiles[p].name.empty() ? profile_files[p].stem() : profiles[p].name;
    party.agent = options.agent;
    Preferences& prefs = party.preferences;
    prefs.weights = profiles[p].weights_as_doubles();
    prefs.values = profiles[p].values_as_doubles();
    prefs.shapes.assign(domain.issues.size(), ValueShape::kTable);
    prefs.reservation_value = profiles[p].reservation;
    prefs.discount = 1.0;
  }
  validate_scenario_def(def);
  return def;
}

std::string check_geniusweb_file(const std::string& path) {
  const JsonFile file(path);
  const JsonValue& root = file.root();
  if (root.kind == Kind::kObject && root.find("issuesValues") != nullptr) {
    return describe_domain(read_domain(file, root, ""));
  }
  if (root.kind != Kind::kObject || root.members.size() != 1) {
    const std::string got = root.kind == Kind::kObject
                                ? "an object with " + std::to_string(root.members.size()) + " keys"
                                : json_kind_name(root);
    file.fail("",
              "expected a GeniusWeb domain, {\"name\": ..., \"issuesValues\": {...}}, or "
              "profile, {\"LinearAdditiveUtilitySpace\": {...}}, got " +
                  got);
  }
  const Profile profile = read_profile(file, nullptr, "");
  const std::string name = profile.name.empty() ? file.stem() : profile.name;
  return std::string(kLinearAdditive) + " profile " + json_quoted(name) + " of " +
         describe_domain(profile.domain) + ", reservation value " +
         format_number(profile.reservation);
}

}  // namespace treatysim
