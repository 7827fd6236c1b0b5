#include "engine/model/scenario_toml.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <type_traits>
#include <utility>

#include <toml++/toml.h>

#include "engine/model/toml_reading.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim {

namespace {

// The limits validate_scenario_def applies (scenario.cpp), checked here while the TOML value is
// still a 64-bit integer, so that a huge value gets the same message as a small one.
constexpr int kMaxLevels = 0xFFFF;

// [SECTION] Reading TOML with locations ----------------------------------------------------

using toml_reading::describe;
using toml_reading::type_name;

// Reads a parsed document into a ScenarioDef, remembering where every key stood, so that
// problems found later (by validate_scenario_def) can still point at a line.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[nodiscard]] SourceLocation where(const toml::source_region& region) const {
    // A node inherited through `extends` carries the path of the file it came from.
    return toml_reading::location(file_, region);
  }
  [[noreturn]] void fail(const toml::source_region& region, const std::string& key,
                         const std::string& message) const {
    throw UserError(where(region), key, message);
  }
  [[noreturn]] void fail_file(const std::string& key, const std::string& message) const {
    throw UserError(SourceLocation{file_, 0, 0}, key, message);
  }

  void remember(const std::string& key, const toml::source_region& region) {
    locations_.emplace(key, where(region));
  }
  // The location of `key`, or of its nearest remembered parent.
  [[nodiscard]] SourceLocation location_of(std::string key) const {
    while (!key.empty()) {
      if (const auto it = locations_.find(key); it != locations_.end()) return it->second;
      const std::size_t cut = key.find_last_of(".[");
      if (cut == std::string::npos) break;
      key.resize(cut);
    }
    return SourceLocation{file_, 0, 0};
  }

  // Rejects keys of `table` that are not in `allowed` (typos, misplaced keys).
  void only_keys(const toml::table& table, const std::string& path,
                 std::initializer_list<const char*> allowed) const {
    toml_reading::only_keys(table, path, allowed, file_);
  }

  static std::string join(const std::string& path, const std::string& key) {
    return toml_reading::join_key(path, key);
  }
  // The table header a user writes for a key path: "parties[0].values" -> "parties.values".
  static std::string header_of(const std::string& path) {
    std::string header;
    bool in_index = false;
    for (const char c : path) {
      if (c == '[') in_index = true;
      if (!in_index) header += c;
      if (c == ']') in_index = false;
    }
    return header;
  }

  const toml::table& table(const toml::table& parent, const toml::source_region& parent_region,
                           const std::string& path, const char* key) {
    const toml::node* node = parent.get(key);
    const std::string full = join(path, key);
    if (node == nullptr) fail(parent_region, full, "missing table [" + header_of(full) + "]");
    const toml::table* t = node->as_table();
    if (t == nullptr) fail(node->source(), full, "expected a table, got " + type_name(*node));
    remember(full, node->source());
    return *t;
  }

  const toml::node& node(const toml::table& parent, const toml::source_region& parent_region,
                         const std::string& path, const char* key) {
    const toml::node* n = parent.get(key);
    const std::string full = join(path, key);
    if (n == nullptr) fail(parent_region, full, "missing key '" + std::string(key) + "'");
    remember(full, n->source());
    return *n;
  }

  std::string string(const toml::table& parent, const toml::source_region& region,
                     const std::string& path, const char* key) {
    const toml::node& n = node(parent, region, path, key);
    const auto* s = n.as_string();
    if (s == nullptr) fail(n.source(), join(path, key), "expected a string, got " + describe(n));
    return s->get();
  }

  std::string optional_string(const toml::table& parent, const std::string& path, const char* key) {
    const toml::node* n = parent.get(key);
    if (n == nullptr) return {};
    remember(join(path, key), n->source());
    const auto* s = n->as_string();
    if (s == nullptr) fail(n->source(), join(path, key), "expected a string, got " + describe(*n));
    return s->get();
  }

  double number(const toml::node& n, const std::string& key) {
    remember(key, n.source());
    if (const auto* f = n.as_floating_point()) return f->get();
    if (const auto* i = n.as_integer()) return static_cast<double>(i->get());
    fail(n.source(), key, "expected a number, got " + describe(n));
  }

  double number(const toml::table& parent, const toml::source_region& region,
                const std::string& path, const char* key) {
    return number(node(parent, region, path, key), join(path, key));
  }

  // A whole number in [min, max]; `what` names it in messages ("a number of offers").
  int integer(const toml::node& n, const std::string& key, const char* what, int min, int max) {
    remember(key, n.source());
    const auto* i = n.as_integer();
    if (i == nullptr) {
      fail(n.source(), key,
           std::string("expected ") + what + " (a whole number), got " + describe(n));
    }
    const std::int64_t v = i->get();
    if (v < min || v > max) {
      fail(n.source(), key,
           std::string("expected ") + what + " from " + std::to_string(min) + " to " +
               std::to_string(max) + ", got " + std::to_string(v));
    }
    return static_cast<int>(v);
  }

  int integer(const toml::node& n, const std::string& key, long long min, long long max) {
    return integer(n, key, "a number", static_cast<int>(min), static_cast<int>(max));
  }

  const toml::array& array(const toml::node& n, const std::string& key) {
    remember(key, n.source());
    const auto* a = n.as_array();
    if (a == nullptr) fail(n.source(), key, "expected an array, got " + describe(n));
    return *a;
  }

  const toml::table& table_of(const toml::node& n, const std::string& key) {
    remember(key, n.source());
    const auto* t = n.as_table();
    if (t == nullptr) fail(n.source(), key, "expected a table, got " + describe(n));
    return *t;
  }

  const std::string& file() const { return file_; }

  // The node at `key`, remembered, or nullptr when it is absent (optional keys).
  const toml::node* optional(const toml::table& parent, const std::string& path, const char* key) {
    const toml::node* n = parent.get(key);
    if (n != nullptr) remember(join(path, key), n->source());
    return n;
  }
  bool boolean(const toml::node& n, const std::string& key) {
    remember(key, n.source());
    const auto* b = n.as_boolean();
    if (b == nullptr) fail(n.source(), key, "expected true or false, got " + describe(n));
    return b->get();
  }
  std::string string_of(const toml::node& n, const std::string& key) {
    remember(key, n.source());
    const auto* s = n.as_string();
    if (s == nullptr) fail(n.source(), key, "expected a string, got " + describe(n));
    return s->get();
  }

 private:
  std::string file_;
  std::map<std::string, SourceLocation> locations_;
};

std::string indexed(const std::string& base, std::size_t index) {
  return base + "[" + std::to_string(index) + "]";
}

// [SECTION] Sections ----------------------------------------------------------------------

Issue read_issue(Reader& r, const toml::table& t, const toml::source_region& region,
                 const std::string& key) {
  r.only_keys(t, key, {"id", "label", "description", "options", "range"});
  Issue issue;
  issue.id = r.string(t, region, key, "id");
  issue.label = r.string(t, region, key, "label");
  issue.description = r.optional_string(t, key, "description");
  const toml::node* options = t.get("options");
  const toml::node* range = t.get("range");
  if ((options == nullptr) == (range == nullptr)) {
    r.fail(region, key,
           options ? "give either 'options' or 'range', not both"
                   : "missing 'options' (a list of {id, label, description}) or 'range' "
                     "({min, max, levels})");
  }
  if (options != nullptr) {
    const std::string okey = key + ".options";
    const toml::array& list = r.array(*options, okey);
    for (std::size_t o = 0; o < list.size(); ++o) {
      const std::string ekey = indexed(okey, o);
      const toml::table& ot = r.table_of(*list.get(o), ekey);
      r.only_keys(ot, ekey, {"id", "label", "description"});
      Option option;
      option.id = r.string(ot, list.get(o)->source(), ekey, "id");
      option.label = r.string(ot, list.get(o)->source(), ekey, "label");
      option.description = r.optional_string(ot, ekey, "description");
      issue.options.push_back(std::move(option));
    }
    return issue;
  }
  const std::string rkey = key + ".range";
  const toml::table& rt = r.table_of(*range, rkey);
  r.only_keys(rt, rkey, {"min", "max", "levels"});
  NumericRange numeric;
  numeric.min = r.number(rt, range->source(), rkey, "min");
  numeric.max = r.number(rt, range->source(), rkey, "max");
  numeric.levels = r.integer(r.node(rt, range->source(), rkey, "levels"), rkey + ".levels",
                             "a number of levels", 2, kMaxLevels);
  return Issue::make_numeric(issue.id, issue.label, issue.description, numeric);
}

// Values of one issue: a list, or {shape, direction} for a numeric issue.
std::vector<double> read_values(Reader& r, const toml::node& n, const std::string& key,
                                const Issue& issue, ValueShape& shape) {
  shape = ValueShape::kTable;
  const std::string expected_list = "a list of " + std::to_string(issue.options.size()) +
                                    " values (one per " + (issue.numeric ? "level)" : "option)");
  if (const auto* t = n.as_table()) {
    r.remember(key, n.source());
    if (!issue.numeric) {
      r.fail(
          n.source(), key,
          "expected " + expected_list + "; a {shape, direction} table is only for numeric issues");
    }
    r.only_keys(*t, key, {"shape", "direction"});
    const std::string s = r.string(*t, n.source(), key, "shape");
    if (s != "linear")
      r.fail(t->get("shape")->source(), key + ".shape", "expected \"linear\", got \"" + s + "\"");
    const std::string d = r.string(*t, n.source(), key, "direction");
    if (d != "increasing" && d != "decreasing") {
      r.fail(t->get("direction")->source(), key + ".direction",
             "expected \"increasing\" or \"decreasing\", got \"" + d + "\"");
    }
    const bool increasing = d == "increasing";
    shape = increasing ? ValueShape::kLinearIncreasing : ValueShape::kLinearDecreasing;
    return linear_values(issue.range.levels, increasing);
  }
  r.remember(key, n.source());
  const toml::array* list = n.as_array();
  if (list == nullptr) {
    r.fail(n.source(), key,
           "expected " + expected_list +
               (issue.numeric ? " or {shape = \"linear\", direction = \"increasing\"}" : "") +
               ", got " + describe(n));
  }
  std::vector<double> values;
  values.reserve(list->size());
  for (std::size_t o = 0; o < list->size(); ++o) {
    values.push_back(r.number(*list->get(o), indexed(key, o)));
  }
  return values;
}

// Per-issue numbers keyed by issue id: every issue exactly once, no unknown ids.
template <typename ReadOne>
void read_per_issue(Reader& r, const toml::table& t, const toml::source_region& region,
                    const std::string& key, const std::vector<Issue>& issues, ReadOne read_one) {
  std::string list;
  for (const Issue& issue : issues) list += (list.empty() ? "" : ", ") + issue.id;
  for (auto&& [k, v] : t) {
    bool known = false;
    for (const Issue& issue : issues) known = known || issue.id == k.str();
    if (!known) {
      r.fail(k.source(), key + "." + std::string(k.str()),
             "unknown issue id (the scenario's issues are: " + list + ")");
    }
  }
  for (std::size_t i = 0; i < issues.size(); ++i) {
    const toml::node* n = t.get(issues[i].id);
    if (n == nullptr) {
      r.fail(region, key + "." + issues[i].id,
             "missing key '" + issues[i].id + "' (expected one entry per issue: " + list + ")");
    }
    read_one(i, *n, key + "." + issues[i].id);
  }
}

// [[parties.interactions]]: label, when = { issue = [option ids] }, utility.
std::vector<InteractionTerm> read_interactions(Reader& r, const toml::node& n,
                                               const std::string& key,
                                               const std::vector<Issue>& issues) {
  std::vector<InteractionTerm> terms;
  const toml::array& list = r.array(n, key);
  std::string issue_list;
  for (const Issue& issue : issues) issue_list += (issue_list.empty() ? "" : ", ") + issue.id;
  for (std::size_t k = 0; k < list.size(); ++k) {
    const std::string tkey = indexed(key, k);
    const toml::node& node = *list.get(k);
    const toml::table& tt = r.table_of(node, tkey);
    r.only_keys(tt, tkey, {"label", "when", "utility"});
    InteractionTerm term;
    term.label = r.string(tt, node.source(), tkey, "label");
    if (term.label.empty())
      r.fail(tt.get("label")->source(), tkey + ".label", "expected a non-empty label");
    const std::string wkey = tkey + ".when";
    const toml::node& when_node = r.node(tt, node.source(), tkey, "when");
    const toml::table& when = r.table_of(when_node, wkey);
    if (when.empty()) {
      r.fail(when_node.source(), wkey,
             "expected at least one issue with the options the term applies to, e.g. when = { " +
                 issues[0].id + " = [\"" + issues[0].options[0].id + "\"] }");
    }
    for (auto&& [k2, v] : when) {
      const std::string issue_id(k2.str());
      const std::string ckey = wkey + "." + issue_id;
      std::size_t issue = issues.size();
      for (std::size_t i = 0; i < issues.size(); ++i) {
        if (issues[i].id == issue_id) issue = i;
      }
      if (issue == issues.size()) {
        r.fail(k2.source(), ckey,
               "unknown issue id (the scenario's issues are: " + issue_list + ")");
      }
      r.remember(ckey, v.source());
      std::vector<std::pair<std::string, const toml::node*>> ids;
      if (const auto* one = v.as_string()) {
        ids.emplace_back(one->get(), &v);
      } else if (const auto* many = v.as_array()) {
        for (std::size_t o = 0; o < many->size(); ++o) {
          ids.emplace_back(r.string_of(*many->get(o), indexed(ckey, o)), many->get(o));
        }
      } else {
        r.fail(v.source(), ckey,
               "expected a list of option ids of '" + issue_id + "', got " + describe(v));
      }
      if (ids.empty()) {
        r.fail(v.source(), ckey, "expected at least one option id of '" + issue_id + "'");
      }
      InteractionCondition condition;
      condition.issue = issue;
      for (const auto& [id, at] : ids) {
        const int option = issues[issue].find_option(id);
        if (option < 0) {
          std::string options;
          for (const Option& o : issues[issue].options) options += " " + o.id;
          r.fail(at->source(), ckey,
                 "issue '" + issue_id + "' has no option \"" + id + "\" (options:" + options + ")");
        }
        if (std::find(condition.options.begin(), condition.options.end(), option) !=
            condition.options.end()) {
          r.fail(at->source(), ckey, "option \"" + id + "\" is listed twice");
        }
        condition.options.push_back(option);
      }
      std::sort(condition.options.begin(), condition.options.end());
      term.when.push_back(std::move(condition));
    }
    std::sort(term.when.begin(), term.when.end(),
              [](const InteractionCondition& a, const InteractionCondition& b) {
                return a.issue < b.issue;
              });
    const toml::node& u = r.node(tt, node.source(), tkey, "utility");
    term.utility = r.number(u, tkey + ".utility");
    if (!std::isfinite(term.utility)) {
      r.fail(u.source(), tkey + ".utility",
             "expected a finite number, got " + format_number(term.utility));
    }
    terms.push_back(std::move(term));
  }
  return terms;
}

// A party's reservation value: a number, or a distribution table (reservation.hpp):
// { uniform = [lo, hi] }, { beta = [a, b], range = [lo, hi] }, { choices = [...], weights = [...] }.
void read_reservation(Reader& r, const toml::node& n, const std::string& key, PartyDef& party) {
  const toml::table* t = n.as_table();
  if (t == nullptr) {
    if (!n.is_number()) {
      r.remember(key, n.source());
      r.fail(n.source(), key,
             "expected a number or a distribution ({ uniform = [lo, hi] }, { beta = [a, b], "
             "range = [lo, hi] } or { choices = [v1, ...], weights = [w1, ...] }), got " +
                 describe(n));
    }
    party.preferences.reservation_value = r.number(n, key);
    return;
  }
  r.remember(key, n.source());
  r.only_keys(*t, key, {"uniform", "beta", "range", "choices", "weights"});
  const auto numbers = [&](const char* name, std::size_t count) {
    const std::string k = key + "." + name;
    const toml::array& list = r.array(*t->get(name), k);
    if (count > 0 && list.size() != count) {
      r.fail(t->get(name)->source(), k,
             "expected " + std::to_string(count) + " numbers, got " + std::to_string(list.size()));
    }
    std::vector<double> values;
    for (std::size_t i = 0; i < list.size(); ++i)
      values.push_back(r.number(*list.get(i), indexed(k, i)));
    return values;
  };
  const bool uniform = t->contains("uniform");
  const bool beta = t->contains("beta");
  const bool choices = t->contains("choices");
  if (int{uniform} + int{beta} + int{choices} != 1) {
    r.fail(n.source(), key,
           "expected exactly one of 'uniform', 'beta' or 'choices' in a reservation "
           "distribution");
  }
  const auto refuse = [&](const char* name, const char* kind) {
    if (const toml::node* extra = t->get(name)) {
      r.fail(extra->source(), key + "." + name,
             std::string("'") + name + "' does not go with '" + kind + "'");
    }
  };
  ReservationDistribution d;
  if (uniform) {
    refuse("range", "uniform");
    refuse("weights", "uniform");
    const std::vector<double> range = numbers("uniform", 2);
    d.kind = ReservationKind::kUniform;
    d.low = range[0];
    d.high = range[1];
  } else if (beta) {
    refuse("weights", "beta");
    if (!t->contains("range")) {
      r.fail(n.source(), key + ".range",
             "missing key 'range' ([lo, hi]: the interval the Beta(a, b) variable is scaled to)");
    }
    const std::vector<double> shape = numbers("beta", 2);
    const std::vector<double> range = numbers("range", 2);
    d.kind = ReservationKind::kBeta;
    d.alpha = shape[0];
    d.beta = shape[1];
    d.low = range[0];
    d.high = range[1];
  } else {
    refuse("range", "choices");
    d.kind = ReservationKind::kChoices;
    d.choices = numbers("choices", 0);
    if (t->contains("weights")) d.weights = numbers("weights", 0);
  }
  party.reservation_distribution = std::move(d);
}

PartyDef read_party(Reader& r, const toml::table& t, const toml::source_region& region,
                    const std::string& key, const std::vector<Issue>& issues) {
  r.only_keys(
      t, key,
      {"id", "name", "reservation", "discount", "agent", "weights", "values", "interactions"});
  PartyDef party;
  party.id = r.string(t, region, key, "id");
  party.name = r.string(t, region, key, "name");
  read_reservation(r, r.node(t, region, key, "reservation"), key + ".reservation", party);
  party.preferences.discount = r.number(t, region, key, "discount");
  party.agent = r.string(t, region, key, "agent");
  Preferences& prefs = party.preferences;
  prefs.weights.assign(issues.size(), 0.0);
  prefs.values.assign(issues.size(), {});
  prefs.shapes.assign(issues.size(), ValueShape::kTable);
  if (const toml::node* terms = r.optional(t, key, "interactions")) {
    prefs.interactions = read_interactions(r, *terms, key + ".interactions", issues);
  }
  // A party with interaction terms may leave out its additive part (then every weight is 0).
  if (!prefs.interactions.empty() && t.get("weights") == nullptr && t.get("values") == nullptr) {
    for (std::size_t i = 0; i < issues.size(); ++i) prefs.values[i].assign(issues[i].size(), 0.0);
    return party;
  }
  const toml::table& weights = r.table(t, region, key, "weights");
  read_per_issue(r, weights, t.get("weights")->source(), key + ".weights", issues,
                 [&](std::size_t i, const toml::node& n, const std::string& k) {
                   prefs.weights[i] = r.number(n, k);
                 });
  const toml::table& values = r.table(t, region, key, "values");
  read_per_issue(r, values, t.get("values")->source(), key + ".values", issues,
                 [&](std::size_t i, const toml::node& n, const std::string& k) {
                   prefs.values[i] = read_values(r, n, k, issues[i], prefs.shapes[i]);
                 });
  return party;
}

// [SECTION] Treaty lifecycle sections -------------------------------------------------------

// A party id → its index ("both" → −1 when allowed).
int party_ref(Reader& r, const toml::node& n, const std::string& key, const ScenarioDef& def,
              bool allow_both) {
  const std::string id = r.string_of(n, key);
  if (allow_both && id == "both") return -1;
  for (std::size_t p = 0; p < kPartyCount; ++p) {
    if (def.parties[p].id == id) return static_cast<int>(p);
  }
  r.fail(n.source(), key,
         "expected a party id (\"" + def.parties[0].id + "\" or \"" + def.parties[1].id + "\"" +
             (allow_both ? ", or \"both\"" : "") + "), got \"" + id + "\"");
}

Month month_of(Reader& r, const toml::node& n, const std::string& key) {
  r.remember(key, n.source());
  if (!n.is_string())
    r.fail(n.source(), key,
           "expected a month as \"YYYY-MM\" (a quoted string), got " + describe(n));
  const std::string text = r.string_of(n, key);
  const auto month = Month::parse(text);
  if (!month) r.fail(n.source(), key, "expected a month as \"YYYY-MM\", got \"" + text + "\"");
  return *month;
}

LifecycleEventKind event_kind_of(Reader& r, const toml::node& n, const std::string& key) {
  const std::string text = r.string_of(n, key);
  struct Known {
    const char* name;
    LifecycleEventKind kind;
  };
  constexpr Known kinds[] = {{"trust_shock", LifecycleEventKind::kTrustShock},
                             {"pressure", LifecycleEventKind::kPressure},
                             {"reservation", LifecycleEventKind::kReservation},
                             {"weight", LifecycleEventKind::kWeight},
                             {"forced_lapse", LifecycleEventKind::kForcedLapse},
                             {"termination", LifecycleEventKind::kTermination}};
  for (const Known& k : kinds) {
    if (text == k.name) return k.kind;
  }
  r.fail(n.source(), key,
         "expected one of \"trust_shock\", \"pressure\", \"reservation\", \"weight\", "
         "\"forced_lapse\", "
         "\"termination\", got \"" +
             text + "\"");
}

std::vector<std::string> string_list(Reader& r, const toml::node& n, const std::string& key) {
  std::vector<std::string> list;
  const toml::array& a = r.array(n, key);
  for (std::size_t k = 0; k < a.size(); ++k)
    list.push_back(r.string_of(*a.get(k), indexed(key, k)));
  return list;
}

// {us = x, cn = y}: one number per party.
std::array<double, 2> per_party_numbers(Reader& r, const toml::node& n, const std::string& key,
                                        const ScenarioDef& def) {
  const toml::table& t = r.table_of(n, key);
  std::array<double, 2> values{};
  for (auto&& [k, v] : t) {
    bool known = false;
    for (std::size_t p = 0; p < kPartyCount; ++p) known = known || def.parties[p].id == k.str();
    if (!known)
      r.fail(k.source(), key + "." + std::string(k.str()),
             "unknown party id (expected \"" + def.parties[0].id + "\" or \"" + def.parties[1].id +
                 "\")");
  }
  for (std::size_t p = 0; p < kPartyCount; ++p) {
    const toml::node* v = t.get(def.parties[p].id);
    if (v == nullptr)
      r.fail(n.source(), key, "missing entry for party '" + def.parties[p].id + "'");
    values[p] = r.number(*v, key + "." + def.parties[p].id);
  }
  return values;
}

void read_lifecycle(Reader& r, const toml::table& root, ScenarioDef& def) {
  const toml::node* treaty_node = root.get("treaty");
  if (treaty_node == nullptr) {
    for (const char* section : {"compliance", "domestic", "trust", "events", "random_events"}) {
      if (const toml::node* n = root.get(section)) {
        r.fail(
            n->source(), section,
            "this section belongs to the treaty lifecycle: add a [treaty] section, or remove it");
      }
    }
    return;
  }
  LifecycleDef life;
  // [treaty]
  const toml::table& treaty = r.table_of(*treaty_node, "treaty");
  r.only_keys(treaty, "treaty",
              {"start", "expiry", "years", "initial_clauses", "lead_months", "offers_per_month",
               "extension_months", "max_extensions", "lapse_talks_months", "retroactive",
               "term_issue", "term_months", "default_term_months", "monthly_discount", "seed"});
  TreatyDef& t = life.treaty;
  const auto& tr = treaty_node->source();
  t.start = month_of(r, r.node(treaty, tr, "treaty", "start"), "treaty.start");
  t.expiry = month_of(r, r.node(treaty, tr, "treaty", "expiry"), "treaty.expiry");
  t.years = r.integer(r.node(treaty, tr, "treaty", "years"), "treaty.years", 1, 100);
  t.initial_clauses = r.string(treaty, tr, "treaty", "initial_clauses");
  auto opt_int = [&](const toml::table& table, const std::string& path, const char* key, int& out,
                     long long lo, long long hi) {
    if (const toml::node* n = r.optional(table, path, key))
      out = r.integer(*n, path + "." + key, lo, hi);
  };
  auto opt_num = [&](const toml::table& table, const std::string& path, const char* key,
                     double& out) {
    if (const toml::node* n = r.optional(table, path, key)) out = r.number(*n, path + "." + key);
  };
  opt_int(treaty, "treaty", "lead_months", t.lead_months, 0, 120);
  opt_int(treaty, "treaty", "offers_per_month", t.offers_per_month, 1, 1000);
  opt_int(treaty, "treaty", "extension_months", t.extension_months, 1, 120);
  opt_int(treaty, "treaty", "max_extensions", t.max_extensions, 0, 100);
  opt_int(treaty, "treaty", "lapse_talks_months", t.lapse_talks_months, 0, 240);
  opt_int(treaty, "treaty", "default_term_months", t.default_term_months, 1, 1200);
  opt_num(treaty, "treaty", "monthly_discount", t.monthly_discount);
  if (const toml::node* n = r.optional(treaty, "treaty", "retroactive"))
    t.retroactive = r.boolean(*n, "treaty.retroactive");
  if (const toml::node* n = r.optional(treaty, "treaty", "term_issue"))
    t.term_issue = r.string_of(*n, "treaty.term_issue");
  if (const toml::node* n = r.optional(treaty, "treaty", "term_months")) {
    const toml::array& a = r.array(*n, "treaty.term_months");
    for (std::size_t k = 0; k < a.size(); ++k)
      t.term_months.push_back(r.integer(*a.get(k), indexed("treaty.term_months", k), 1, 1200));
  }
  if (const toml::node* n = r.optional(treaty, "treaty", "seed")) {
    t.seed = static_cast<std::uint64_t>(r.integer(*n, "treaty.seed", 0, 2'000'000'000));
  }
  // [compliance]
  if (const toml::node* n = root.get("compliance")) {
    const toml::table& c = r.table_of(*n, "compliance");
    r.only_keys(c, "compliance",
                {"period_months", "payoffs", "policies", "scope_issue", "protection_issues",
                 "detection_issues", "dispute_issue", "detection_base", "detection_gain", "penalty",
                 "dispute_threshold", "payoff_weight"});
    ComplianceDef& cd = life.compliance;
    opt_int(c, "compliance", "period_months", cd.period_months, 1, 120);
    if (const toml::node* p = r.optional(c, "compliance", "payoffs")) {
      const toml::table& pt = r.table_of(*p, "compliance.payoffs");
      r.only_keys(pt, "compliance.payoffs", {"temptation", "reward", "punishment", "sucker"});
      cd.base.temptation = r.number(pt, p->source(), "compliance.payoffs", "temptation");
      cd.base.reward = r.number(pt, p->source(), "compliance.payoffs", "reward");
      cd.base.punishment = r.number(pt, p->source(), "compliance.payoffs", "punishment");
      cd.base.sucker = r.number(pt, p->source(), "compliance.payoffs", "sucker");
    }
    if (const toml::node* p = r.optional(c, "compliance", "policies")) {
      const toml::table& pt = r.table_of(*p, "compliance.policies");
      for (auto&& [k, v] : pt) {
        bool known = false;
        for (std::size_t q = 0; q < kPartyCount; ++q) known = known || def.parties[q].id == k.str();
        if (!known) {
          r.fail(k.source(), "compliance.policies." + std::string(k.str()),
                 "unknown party id (expected \"" + def.parties[0].id + "\" or \"" +
                     def.parties[1].id + "\")");
        }
      }
      for (std::size_t q = 0; q < kPartyCount; ++q) {
        if (const toml::node* v = pt.get(def.parties[q].id)) {
          cd.policies[q] = r.string_of(*v, "compliance.policies." + def.parties[q].id);
        }
      }
    }
    if (const toml::node* v = r.optional(c, "compliance", "scope_issue"))
      cd.scope_issue = r.string_of(*v, "compliance.scope_issue");
    if (const toml::node* v = r.optional(c, "compliance", "protection_issues"))
      cd.protection_issues = string_list(r, *v, "compliance.protection_issues");
    if (const toml::node* v = r.optional(c, "compliance", "detection_issues"))
      cd.detection_issues = string_list(r, *v, "compliance.detection_issues");
    if (const toml::node* v = r.optional(c, "compliance", "dispute_issue"))
      cd.dispute_issue = r.string_of(*v, "compliance.dispute_issue");
    opt_num(c, "compliance", "detection_base", cd.detection_base);
    opt_num(c, "compliance", "detection_gain", cd.detection_gain);
    opt_num(c, "compliance", "penalty", cd.penalty);
    opt_num(c, "compliance", "dispute_threshold", cd.dispute_threshold);
    opt_num(c, "compliance", "payoff_weight", cd.payoff_weight);
  }
  // [domestic.<party>]
  if (const toml::node* n = root.get("domestic")) {
    const toml::table& d = r.table_of(*n, "domestic");
    for (auto&& [k, v] : d) {
      const std::string key = "domestic." + std::string(k.str());
      int party = -1;
      for (std::size_t q = 0; q < kPartyCount; ++q) {
        if (def.parties[q].id == k.str()) party = static_cast<int>(q);
      }
      if (party < 0)
        r.fail(k.source(), key,
               "unknown party id (expected [domestic." + def.parties[0].id + "] or [domestic." +
                   def.parties[1].id + "])");
      const toml::table& dt = r.table_of(v, key);
      r.only_keys(dt, key, {"rule", "threshold", "steepness", "pressure", "tied_hands"});
      DomesticDef& dd = life.domestic[static_cast<std::size_t>(party)];
      if (const toml::node* rule = r.optional(dt, key, "rule")) {
        const std::string text = r.string_of(*rule, key + ".rule");
        if (text == "threshold") {
          dd.rule = DomesticRule::kThreshold;
        } else if (text == "logistic") {
          dd.rule = DomesticRule::kLogistic;
        } else {
          r.fail(rule->source(), key + ".rule",
                 "expected \"threshold\" or \"logistic\", got \"" + text + "\"");
        }
      }
      opt_num(dt, key, "threshold", dd.threshold);
      opt_num(dt, key, "steepness", dd.steepness);
      opt_num(dt, key, "pressure", dd.pressure);
      if (const toml::node* th = r.optional(dt, key, "tied_hands"))
        dd.tied_hands = r.boolean(*th, key + ".tied_hands");
    }
  }
  // [trust]
  if (const toml::node* n = root.get("trust")) {
    const toml::table& tt = r.table_of(*n, "trust");
    r.only_keys(tt, "trust",
                {"initial", "baseline", "drift", "violation_hit", "compliance_gain",
                 "reservation_per_distrust", "pressure_per_distrust"});
    TrustDef& td = life.trust;
    if (const toml::node* v = r.optional(tt, "trust", "initial"))
      td.initial = per_party_numbers(r, *v, "trust.initial", def);
    if (const toml::node* v = r.optional(tt, "trust", "baseline"))
      td.baseline = per_party_numbers(r, *v, "trust.baseline", def);
    opt_num(tt, "trust", "drift", td.drift);
    opt_num(tt, "trust", "violation_hit", td.violation_hit);
    opt_num(tt, "trust", "compliance_gain", td.compliance_gain);
    opt_num(tt, "trust", "reservation_per_distrust", td.reservation_per_distrust);
    opt_num(tt, "trust", "pressure_per_distrust", td.pressure_per_distrust);
  }
  // [[events]] and [[random_events]]: the same fields, plus a date or a yearly rate.
  auto read_events = [&](const char* section, auto& out, std::initializer_list<const char*> keys) {
    const toml::node* n = root.get(section);
    if (n == nullptr) return;
    const toml::array& a = r.array(*n, section);
    for (std::size_t k = 0; k < a.size(); ++k) {
      const std::string key = indexed(section, k);
      const toml::table& et = r.table_of(*a.get(k), key);
      const auto& region = a.get(k)->source();
      r.only_keys(et, key, keys);
      typename std::remove_reference_t<decltype(out)>::value_type e;
      e.id = r.string(et, region, key, "id");
      if constexpr (std::is_same_v<decltype(e), ScheduledEventDef>) {
        e.date = month_of(r, r.node(et, region, key, "date"), key + ".date");
      } else {
        e.yearly_rate = r.number(et, region, key, "yearly_rate");
      }
      e.kind = event_kind_of(r, r.node(et, region, key, "kind"), key + ".kind");
      if (const toml::node* v = r.optional(et, key, "party"))
        e.party = party_ref(r, *v, key + ".party", def, true);
      opt_num(et, key, "value", e.value);
      if (const toml::node* v = r.optional(et, key, "issue"))
        e.issue = r.string_of(*v, key + ".issue");
      e.narration = r.string(et, region, key, "narration");
      if (const toml::node* v = r.optional(et, key, "enabled"))
        e.enabled = r.boolean(*v, key + ".enabled");
      out.push_back(std::move(e));
    }
  };
  read_events("events", life.events,
              {"id", "date", "kind", "party", "value", "issue", "narration", "enabled"});
  read_events("random_events", life.random_events,
              {"id", "kind", "party", "value", "issue", "yearly_rate", "narration", "enabled"});
  def.lifecycle = std::move(life);
}

ScenarioDef read_def(Reader& r, const toml::table& root) {
  const toml::source_region top{};
  r.only_keys(root, "",
              {"scenario", "protocol", "issues", "parties", "treaty", "compliance", "domestic",
               "trust", "events", "random_events"});
  ScenarioDef def;
  const toml::table& scenario = r.table(root, top, "", "scenario");
  r.only_keys(scenario, "scenario", {"id", "title", "description"});
  def.id = r.string(scenario, root.get("scenario")->source(), "scenario", "id");
  def.title = r.string(scenario, root.get("scenario")->source(), "scenario", "title");
  def.description = r.optional_string(scenario, "scenario", "description");

  const toml::table& protocol = r.table(root, top, "", "protocol");
  const toml::source_region& pregion = root.get("protocol")->source();
  r.only_keys(protocol, "protocol", {"deadline", "first_mover", "information"});
  def.protocol.deadline = r.integer(r.node(protocol, pregion, "protocol", "deadline"),
                                    "protocol.deadline", "a number of offers", 1, kMaxDeadline);
  const std::string first_mover = r.string(protocol, pregion, "protocol", "first_mover");
  const std::string information = r.string(protocol, pregion, "protocol", "information");
  if (information == "private") {
    def.protocol.information = Information::kPrivate;
  } else if (information == "complete") {
    def.protocol.information = Information::kComplete;
  } else {
    r.fail(protocol.get("information")->source(), "protocol.information",
           "expected \"private\" or \"complete\", got \"" + information + "\"");
  }

  const toml::node* issues_node = root.get("issues");
  if (issues_node == nullptr) r.fail_file("issues", "missing [[issues]] (at least one issue)");
  const toml::array& issues = r.array(*issues_node, "issues");
  for (std::size_t i = 0; i < issues.size(); ++i) {
    const std::string key = indexed("issues", i);
    def.issues.push_back(
        read_issue(r, r.table_of(*issues.get(i), key), issues.get(i)->source(), key));
  }
  // Missing, duplicate and malformed issue ids must be reported before weights refer to them
  // (validate_scenario_def checks the same later, for defs built in code).
  if (def.issues.empty()) r.fail(issues_node->source(), "issues", "expected at least one issue");
  for (std::size_t i = 0; i < def.issues.size(); ++i) {
    if (std::string problem = id_problem(def.issues[i].id); !problem.empty()) {
      const std::string key = indexed("issues", i) + ".id";
      throw UserError(r.location_of(key), key, std::move(problem));
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (def.issues[i].id == def.issues[j].id) {
        const std::string key = indexed("issues", i) + ".id";
        throw UserError(r.location_of(key), key, "duplicate issue id \"" + def.issues[i].id + "\"");
      }
    }
  }

  const toml::node* parties_node = root.get("parties");
  if (parties_node == nullptr) r.fail_file("parties", "missing [[parties]] (exactly two parties)");
  const toml::array& parties = r.array(*parties_node, "parties");
  if (parties.size() != kPartyCount) {
    // Point at the first party too many, or at the list when there are too few.
    const toml::node* at = parties.size() > kPartyCount ? parties.get(kPartyCount) : parties_node;
    r.fail(at->source(), "parties",
           "expected exactly two parties, got " + std::to_string(parties.size()));
  }
  for (std::size_t p = 0; p < kPartyCount; ++p) {
    const std::string key = indexed("parties", p);
    def.parties[p] =
        read_party(r, r.table_of(*parties.get(p), key), parties.get(p)->source(), key, def.issues);
  }
  bool found = false;
  for (std::size_t p = 0; p < kPartyCount; ++p) {
    if (def.parties[p].id == first_mover) {
      def.protocol.first_mover = p;
      found = true;
    }
  }
  if (!found) {
    r.fail(protocol.get("first_mover")->source(), "protocol.first_mover",
           "expected a party id (\"" + def.parties[0].id + "\" or \"" + def.parties[1].id +
               "\"), got \"" + first_mover + "\"");
  }
  read_lifecycle(r, root, def);
  return def;
}

bool valid_utf8(std::string_view text, std::size_t& bad_offset) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    std::uint32_t min = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xE0U) == 0xC0U) {
      extra = 1;
      min = 0x80;
    } else if ((c & 0xF0U) == 0xE0U) {
      extra = 2;
      min = 0x800;
    } else if ((c & 0xF8U) == 0xF0U) {
      extra = 3;
      min = 0x10000;
    } else {
      bad_offset = i;
      return false;
    }
    if (i + extra >= text.size()) {
      bad_offset = i;
      return false;
    }
    std::uint32_t cp = c & (0x3FU >> extra);
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0U) != 0x80U) {
        bad_offset = i;
        return false;
      }
      cp = (cp << 6U) | (cc & 0x3FU);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      bad_offset = i;
      return false;
    }
    i += extra + 1;
  }
  return true;
}

SourceLocation offset_location(std::string_view text, std::size_t offset, const std::string& file) {
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return SourceLocation{file, line, column};
}

// True when 1-based (line, column), columns counted in code points, is a line break or the
// end of the text.
bool at_line_end(std::string_view text, int line, int column) {
  std::size_t i = 0;
  for (int l = 1; l < line; ++l) {
    i = text.find('\n', i);
    if (i == std::string_view::npos) return false;
    ++i;
  }
  for (int c = 1; c < column; ++c) {
    if (i >= text.size() || text[i] == '\n') return false;
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0U) == 0x80U) ++i;
  }
  return i >= text.size() || text[i] == '\n' || text[i] == '\r';
}

// [SECTION] Writing --------------------------------------------------------------------------

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

}  // namespace

namespace {

// Checks and parses one file's text (empty files, UTF-8, TOML syntax).
toml::table parse_toml_text(std::string_view text, const std::string& source_name) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    throw UserError(
        SourceLocation{source_name, 0, 0}, "",
        "the file is empty (expected [scenario], [protocol], [[issues]] and [[parties]])");
  }
  std::size_t bad = 0;
  if (!valid_utf8(text, bad)) {
    throw UserError(offset_location(text, bad, source_name), "",
                    "invalid UTF-8 (scenario files must be UTF-8 text)");
  }
  toml_reading::check_key_lengths(text, source_name);
  try {
    return toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    const SourceLocation where = toml_reading::location(source_name, e.source());
    std::string message = "TOML syntax error: " + std::string(e.description());
    // toml++ reports a string left open at the end of its line as a forbidden control
    // character (the line break); say what usually causes it.
    if (message.find("control characters") != std::string::npos &&
        at_line_end(text, where.line, where.column)) {
      message += " (is a string missing its closing quote?)";
    }
    throw UserError(where, "", message);
  }
}

// The id of an array element that is a table with a string "id", or "".
std::string element_id(const toml::node& node) {
  if (const auto* t = node.as_table()) {
    if (const auto* id = t->get_as<std::string>("id")) return id->get();
  }
  return {};
}

// Child values override the parent's: tables merge key by key; arrays of tables whose elements
// have ids (issues, parties, events) merge element by element, matched by id, new ids appended;
// anything else is replaced. The child's nodes are moved, not copied: a copied toml++ node loses
// its source region, and problems in the child's values must still point at the child's lines.
void merge_into(toml::table& parent, toml::table& child) {
  for (auto&& [key, value] : child) {
    toml::node* existing = parent.get(key);
    if (existing != nullptr && existing->is_table() && value.is_table()) {
      merge_into(*existing->as_table(), *value.as_table());
      continue;
    }
    if (existing != nullptr && existing->is_array() && value.is_array()) {
      toml::array& into = *existing->as_array();
      toml::array& from = *value.as_array();
      const bool by_id =
          !from.empty() && std::all_of(from.begin(), from.end(),
                                       [](const toml::node& n) { return !element_id(n).empty(); });
      if (by_id) {
        for (toml::node& element : from) {
          const std::string id = element_id(element);
          bool merged = false;
          for (toml::node& target : into) {
            if (element_id(target) == id) {
              merge_into(*target.as_table(), *element.as_table());
              merged = true;
              break;
            }
          }
          if (!merged) into.push_back(std::move(element));
        }
        continue;
      }
    }
    parent.insert_or_assign(key, std::move(value));
  }
}

// A file of an `extends` chain: its canonical path (to find cycles) and its path as messages show
// it (as the user gave it, or the parent's path joined with the `extends` value, normalised).
struct ChainLink {
  std::string canonical;
  std::string shown;
};

// The path that identifies a file in an `extends` chain (symbolic links resolved where possible).
std::string canonical_path(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(fs::path(path), ec);
  if (!ec) return canonical.string();
  const fs::path absolute = fs::absolute(fs::path(path), ec);
  return (ec ? fs::path(path) : absolute).lexically_normal().string();
}

// Reads a file and everything it extends, merged; `chain` holds the files being read (cycles).
toml::table load_merged(const std::string& path, std::vector<ChainLink>& chain) {
  namespace fs = std::filesystem;
  std::error_code ec;
  chain.push_back(ChainLink{canonical_path(path), path});
  const std::string text = read_text_file(path);
  toml::table table = parse_toml_text(text, path);
  const toml::node* extends = table.get("extends");
  if (extends == nullptr) {
    chain.pop_back();
    return table;
  }
  const SourceLocation where{path, static_cast<int>(extends->source().begin.line),
                             static_cast<int>(extends->source().begin.column)};
  const auto* parent_name = extends->as_string();
  if (parent_name == nullptr) {
    throw UserError(
        where, "extends",
        "expected the path of the scenario file this one extends, e.g. \"sta-2024.toml\"");
  }
  // Relative to the directory of the file that says `extends`.
  const std::string parent_path =
      (fs::path(path).parent_path() / parent_name->get()).lexically_normal().string();
  if (!fs::exists(parent_path, ec)) {
    throw UserError(where, "extends", "the file to extend does not exist: " + parent_path);
  }
  const std::string parent_canonical = canonical_path(parent_path);
  const auto again = std::find_if(chain.begin(), chain.end(), [&](const ChainLink& link) {
    return link.canonical == parent_canonical;
  });
  if (again != chain.end()) {
    std::string cycle;
    for (auto link = again; link != chain.end(); ++link) cycle += link->shown + " -> ";
    throw UserError(where, "extends",
                    "the files extend each other in a cycle: " + cycle + parent_path);
  }
  toml::table merged = load_merged(parent_path, chain);
  table.erase("extends");
  merge_into(merged, table);
  chain.pop_back();
  return merged;
}

Scenario build_scenario(const toml::table& root, const std::string& source_name,
                        const SpecChecker& checker) {
  Reader reader(source_name);
  if (const toml::node* extends = root.get("extends")) {
    reader.fail(extends->source(), "extends",
                "`extends` works only for scenario files read from disk");
  }
  ScenarioDef def = read_def(reader, root);
  try {
    validate_scenario_def(def);
  } catch (const UserError& e) {
    throw e.located(reader.location_of(e.key()));
  }
  Scenario scenario = Scenario::create(std::move(def));
  if (checker) {
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      const std::string key = indexed("parties", p) + ".agent";
      try {
        checker(scenario.party(p).agent, scenario, p);
      } catch (const UserError& e) {
        throw UserError(reader.location_of(key), key, e.message_with_location());
      }
    }
    if (scenario.def().lifecycle) {
      for (PartyIndex p = 0; p < kPartyCount; ++p) {
        const std::string key = "compliance.policies." + scenario.party(p).id;
        try {
          checker("compliance:" + scenario.def().lifecycle->compliance.policies[p], scenario, p);
        } catch (const UserError& e) {
          throw UserError(reader.location_of(key), key, e.message_with_location());
        }
      }
    }
  }
  return scenario;
}

}  // namespace

Scenario parse_scenario(std::string_view text, const std::string& source_name,
                        const SpecChecker& checker) {
  return build_scenario(parse_toml_text(text, source_name), source_name, checker);
}

void read_party_reservation(std::string_view value, const std::string& key, PartyDef& party) {
  // The value as the only key of a one-line document, read by the file reader's own function.
  const std::string text = "reservation = " + std::string(value) + "\n";
  try {
    const toml::table table = parse_toml_text(text, key);
    Reader r(key);
    PartyDef read = party;
    read.reservation_distribution.reset();
    read_reservation(r, *table.get("reservation"), key, read);
    party = std::move(read);
  } catch (const UserError& e) {
    throw UserError(SourceLocation{}, e.key().empty() ? key : e.key(), e.message());
  }
}

Scenario load_scenario_file(const std::string& path, const SpecChecker& checker) {
  std::vector<ChainLink> chain;
  const toml::table merged = load_merged(path, chain);
  return build_scenario(merged, path, checker);
}

namespace {

void write_interactions(std::string& out, const ScenarioDef& def, const Preferences& prefs) {
  for (const InteractionTerm& term : prefs.interactions) {
    out += "\n[[parties.interactions]]\n";
    out += "label = " + quoted(term.label) + "\n";
    out += "when = { ";
    for (std::size_t c = 0; c < term.when.size(); ++c) {
      const Issue& issue = def.issues[term.when[c].issue];
      out += (c ? ", " : "") + issue.id + " = [";
      for (std::size_t o = 0; o < term.when[c].options.size(); ++o) {
        out += (o ? ", " : "") +
               quoted(issue.options[static_cast<std::size_t>(term.when[c].options[o])].id);
      }
      out += "]";
    }
    out += " }\n";
    out += "utility = " + format_number(term.utility) + "\n";
  }
}

}  // namespace

std::string to_toml(const ScenarioDef& def) {
  std::string out;
  auto line = [&out](const std::string& key, const std::string& value) {
    out += key + " = " + value + "\n";
  };
  out += "[scenario]\n";
  line("id", quoted(def.id));
  line("title", quoted(def.title));
  line("description", quoted(def.description));
  out += "\n[protocol]\n";
  line("deadline", std::to_string(def.protocol.deadline));
  line("first_mover", quoted(def.parties[def.protocol.first_mover].id));
  line("information",
       def.protocol.information == Information::kComplete ? "\"complete\"" : "\"private\"");
  for (const Issue& issue : def.issues) {
    out += "\n[[issues]]\n";
    line("id", quoted(issue.id));
    line("label", quoted(issue.label));
    if (!issue.description.empty()) line("description", quoted(issue.description));
    if (issue.numeric) {
      line("range", "{ min = " + format_number(issue.range.min) +
                        ", max = " + format_number(issue.range.max) +
                        ", levels = " + std::to_string(issue.range.levels) + " }");
      continue;
    }
    out += "options = [\n";
    for (const Option& o : issue.options) {
      out += "  { id = " + quoted(o.id) + ", label = " + quoted(o.label);
      if (!o.description.empty()) out += ", description = " + quoted(o.description);
      out += " },\n";
    }
    out += "]\n";
  }
  for (const PartyDef& party : def.parties) {
    out += "\n[[parties]]\n";
    line("id", quoted(party.id));
    line("name", quoted(party.name));
    line("reservation", party.reservation_distribution
                            ? reservation_to_toml(*party.reservation_distribution)
                            : format_number(party.preferences.reservation_value));
    line("discount", format_number(party.preferences.discount));
    line("agent", quoted(party.agent));
    const auto& weights = party.preferences.weights;
    if (!party.preferences.interactions.empty() &&
        std::all_of(weights.begin(), weights.end(), [](double w) { return w == 0.0; })) {
      // No additive part: weights and values left out (read back as all 0).
      write_interactions(out, def, party.preferences);
      continue;
    }
    out += "\n[parties.weights]\n";
    for (std::size_t i = 0; i < def.issues.size(); ++i) {
      line(def.issues[i].id, format_number(party.preferences.weights[i]));
    }
    out += "\n[parties.values]\n";
    for (std::size_t i = 0; i < def.issues.size(); ++i) {
      const ValueShape shape =
          i < party.preferences.shapes.size() ? party.preferences.shapes[i] : ValueShape::kTable;
      if (shape != ValueShape::kTable) {
        line(def.issues[i].id,
             std::string("{ shape = \"linear\", direction = \"") +
                 (shape == ValueShape::kLinearIncreasing ? "increasing" : "decreasing") + "\" }");
        continue;
      }
      std::string list = "[";
      for (std::size_t o = 0; o < party.preferences.values[i].size(); ++o) {
        if (o > 0) list += ", ";
        list += format_number(party.preferences.values[i][o]);
      }
      line(def.issues[i].id, list + "]");
    }
    write_interactions(out, def, party.preferences);
  }
  if (def.lifecycle) {
    const LifecycleDef& life = *def.lifecycle;
    const TreatyDef& t = life.treaty;
    const auto& ids = def.parties;
    out += "\n[treaty]\n";
    line("start", quoted(t.start.to_string()));
    line("expiry", quoted(t.expiry.to_string()));
    line("years", std::to_string(t.years));
    line("initial_clauses", quoted(t.initial_clauses));
    line("lead_months", std::to_string(t.lead_months));
    line("offers_per_month", std::to_string(t.offers_per_month));
    line("extension_months", std::to_string(t.extension_months));
    line("max_extensions", std::to_string(t.max_extensions));
    line("lapse_talks_months", std::to_string(t.lapse_talks_months));
    line("retroactive", t.retroactive ? "true" : "false");
    if (!t.term_issue.empty()) line("term_issue", quoted(t.term_issue));
    if (!t.term_months.empty()) {
      std::string list = "[";
      for (std::size_t k = 0; k < t.term_months.size(); ++k)
        list += (k ? ", " : "") + std::to_string(t.term_months[k]);
      line("term_months", list + "]");
    }
    line("default_term_months", std::to_string(t.default_term_months));
    line("monthly_discount", format_number(t.monthly_discount));
    line("seed", std::to_string(t.seed));
    const ComplianceDef& c = life.compliance;
    out += "\n[compliance]\n";
    line("period_months", std::to_string(c.period_months));
    line("payoffs", "{ temptation = " + format_number(c.base.temptation) +
                        ", reward = " + format_number(c.base.reward) +
                        ", punishment = " + format_number(c.base.punishment) +
                        ", sucker = " + format_number(c.base.sucker) + " }");
    line("policies", "{ " + ids[0].id + " = " + quoted(c.policies[0]) + ", " + ids[1].id + " = " +
                         quoted(c.policies[1]) + " }");
    auto list_of = [](const std::vector<std::string>& items) {
      std::string text = "[";
      for (std::size_t k = 0; k < items.size(); ++k) text += (k ? ", " : "") + quoted(items[k]);
      return text + "]";
    };
    if (!c.scope_issue.empty()) line("scope_issue", quoted(c.scope_issue));
    line("protection_issues", list_of(c.protection_issues));
    line("detection_issues", list_of(c.detection_issues));
    if (!c.dispute_issue.empty()) line("dispute_issue", quoted(c.dispute_issue));
    line("detection_base", format_number(c.detection_base));
    line("detection_gain", format_number(c.detection_gain));
    line("penalty", format_number(c.penalty));
    line("dispute_threshold", format_number(c.dispute_threshold));
    line("payoff_weight", format_number(c.payoff_weight));
    for (std::size_t p = 0; p < kPartyCount; ++p) {
      const DomesticDef& d = life.domestic[p];
      out += "\n[domestic." + ids[p].id + "]\n";
      line("rule", d.rule == DomesticRule::kLogistic ? "\"logistic\"" : "\"threshold\"");
      line("threshold", format_number(d.threshold));
      line("steepness", format_number(d.steepness));
      line("pressure", format_number(d.pressure));
      line("tied_hands", d.tied_hands ? "true" : "false");
    }
    const TrustDef& tr = life.trust;
    out += "\n[trust]\n";
    line("initial", "{ " + ids[0].id + " = " + format_number(tr.initial[0]) + ", " + ids[1].id +
                        " = " + format_number(tr.initial[1]) + " }");
    line("baseline", "{ " + ids[0].id + " = " + format_number(tr.baseline[0]) + ", " + ids[1].id +
                         " = " + format_number(tr.baseline[1]) + " }");
    line("drift", format_number(tr.drift));
    line("violation_hit", format_number(tr.violation_hit));
    line("compliance_gain", format_number(tr.compliance_gain));
    line("reservation_per_distrust", format_number(tr.reservation_per_distrust));
    line("pressure_per_distrust", format_number(tr.pressure_per_distrust));
    auto kind_name = [](LifecycleEventKind kind) {
      switch (kind) {
        case LifecycleEventKind::kTrustShock:
          return "trust_shock";
        case LifecycleEventKind::kPressure:
          return "pressure";
        case LifecycleEventKind::kReservation:
          return "reservation";
        case LifecycleEventKind::kWeight:
          return "weight";
        case LifecycleEventKind::kForcedLapse:
          return "forced_lapse";
        case LifecycleEventKind::kTermination:
          return "termination";
      }
      return "trust_shock";
    };
    auto party_name = [&ids](int party) {
      return party < 0 ? std::string("both") : ids[static_cast<std::size_t>(party)].id;
    };
    for (const ScheduledEventDef& e : life.events) {
      out += "\n[[events]]\n";
      line("id", quoted(e.id));
      line("date", quoted(e.date.to_string()));
      line("kind", quoted(kind_name(e.kind)));
      line("party", quoted(party_name(e.party)));
      line("value", format_number(e.value));
      if (!e.issue.empty()) line("issue", quoted(e.issue));
      line("narration", quoted(e.narration));
      if (!e.enabled) line("enabled", "false");
    }
    for (const RandomEventDef& e : life.random_events) {
      out += "\n[[random_events]]\n";
      line("id", quoted(e.id));
      line("kind", quoted(kind_name(e.kind)));
      line("party", quoted(party_name(e.party)));
      line("value", format_number(e.value));
      if (!e.issue.empty()) line("issue", quoted(e.issue));
      line("yearly_rate", format_number(e.yearly_rate));
      line("narration", quoted(e.narration));
      if (!e.enabled) line("enabled", "false");
    }
  }
  return out;
}

}  // namespace treatysim
