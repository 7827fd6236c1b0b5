// tournament_toml.cpp — tournament files: TOML in, a checked TournamentDef out.
//
// File format (docs/file-formats.md, "Tournament files"):
//   [tournament]
//     name         string, required
//     mode         "negotiation" (default) | "lifecycle"
//     repetitions  1 … 1000000 (default 1): negotiations per pairing and scenario
//     seed         0 … 2^63−1 (default 1): the base seed
//     role_swap    true (default): every pair plays both sides; false: a pair (a, b) with a < b
//                  plays once, a on the first party's side
//     self_play    false (default): a competitor also meets itself
//     deadline     1 … 1000000 (negotiation mode): replaces every scenario's deadline (a GENIUS
//                  or GeniusWeb domain is imported with it; default 100 there)
//     years        1 … 100 (lifecycle mode): the horizon (default: each scenario's)
//     rank_by      "utility" (default) or "advantage" (utility minus own reservation value)
//     metrics      list of "agreement", "offers", "social_welfare", "distance_to_pareto",
//                  "distance_to_nash", "advantage", "model_pearson", "model_kendall",
//                  "model_mae", "model_pareto", "model_reservation_error" (the last six:
//                  negotiation mode) (default ["agreement", "offers", "distance_to_nash"];
//                  lifecycle: ["agreement", "offers"], no distances): the ranking's columns
//                  besides the mean utility
//   [[competitors]]  label (unique), strategy (a spec, e.g. "boulware(e=0.2)")
//   [[scenarios]]    file = "path.toml", or domain, profile_a, profile_b (GENIUS XML or
//                    GeniusWeb JSON files, recognised by content: engine/io/external_scenario.hpp);
//                    name (optional; default: the scenario's id). Relative paths resolve
//                    against the tournament file's folder.
// Unknown keys are errors (they are usually typos).
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <limits>
#include <set>

#include <toml++/toml.h>

#include "engine/io/external_scenario.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/toml_reading.hpp"
#include "engine/model/user_error.hpp"
#include "engine/studies/tournament.hpp"

namespace treatysim {

namespace {

constexpr std::int64_t kMaxRepetitions = 1'000'000;
constexpr std::int64_t kMaxDeadline = 1'000'000;
constexpr std::size_t kMaxCompetitors = 1000;
constexpr std::size_t kMaxLabelLength = 60;

using toml_reading::describe;

// Reads values with their locations; every failure names file, line, column and key.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[nodiscard]] SourceLocation where(const toml::source_region& region) const {
    return toml_reading::location(file_, region);
  }
  [[noreturn]] void fail(const toml::source_region& region, const std::string& key,
                         const std::string& message) const {
    throw UserError(where(region), key, message);
  }

  void only_keys(const toml::table& table, const std::string& path,
                 std::initializer_list<const char*> allowed) const {
    toml_reading::only_keys(table, path, allowed, file_);
  }

  std::string string(const toml::node& n, const std::string& key) const {
    const auto* s = n.as_string();
    if (s == nullptr) fail(n.source(), key, "expected a string, got " + describe(n));
    return s->get();
  }
  bool boolean(const toml::node& n, const std::string& key) const {
    const auto* b = n.as_boolean();
    if (b == nullptr) fail(n.source(), key, "expected true or false, got " + describe(n));
    return b->get();
  }
  std::int64_t integer(const toml::node& n, const std::string& key, const std::string& what,
                       std::int64_t min, std::int64_t max) const {
    const auto* i = n.as_integer();
    if (i == nullptr) {
      fail(n.source(), key, "expected " + what + " (a whole number), got " + describe(n));
    }
    if (i->get() < min || i->get() > max) {
      fail(n.source(), key,
           "expected " + what + " from " + std::to_string(min) + " to " + std::to_string(max) +
               ", got " + std::to_string(i->get()));
    }
    return i->get();
  }
  const toml::array& array(const toml::node& n, const std::string& key) const {
    const auto* a = n.as_array();
    if (a == nullptr) fail(n.source(), key, "expected an array, got " + describe(n));
    return *a;
  }
  const toml::table& table(const toml::node& n, const std::string& key) const {
    const auto* t = n.as_table();
    if (t == nullptr) fail(n.source(), key, "expected a table, got " + describe(n));
    return *t;
  }
  const std::string& file() const noexcept { return file_; }

 private:
  std::string file_;
};

std::string indexed(const char* base, std::size_t i) {
  return std::string(base) + "[" + std::to_string(i) + "]";
}

bool valid_label(const std::string& label) {
  if (label.empty() || label.size() > kMaxLabelLength) return false;
  return std::all_of(label.begin(), label.end(), [](char c) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return alnum || std::string_view("_-.+=()").find(c) != std::string_view::npos;
  });
}

// A path as written, resolved against the tournament file's folder; it must exist.
std::string resolve_path(const Reader& r, const toml::node& n, const std::string& key) {
  const std::string written = r.string(n, key);
  if (written.empty()) r.fail(n.source(), key, "expected a file path, got \"\"");
  std::filesystem::path path(written);
  if (path.is_relative()) path = std::filesystem::path(r.file()).parent_path() / path;
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    r.fail(n.source(), key,
           "cannot read \"" + written + "\"" +
               (path.string() != written ? " (looked for " + path.string() + ")" : "") +
               ": no such file (relative paths start from the tournament file's folder)");
  }
  return path.string();
}

void read_settings(Reader& r, const toml::table& t, const toml::node& header,
                   TournamentPlan& plan) {
  r.only_keys(t, "tournament",
              {"name", "mode", "repetitions", "seed", "role_swap", "self_play", "deadline", "years",
               "metrics", "rank_by"});
  const toml::node* name = t.get("name");
  if (name == nullptr) r.fail(header.source(), "tournament.name", "missing key 'name' (a string)");
  plan.name = r.string(*name, "tournament.name");
  if (plan.name.empty()) r.fail(name->source(), "tournament.name", "expected a name, got \"\"");
  if (const toml::node* mode = t.get("mode")) {
    const std::string m = r.string(*mode, "tournament.mode");
    if (m == "lifecycle") {
      plan.mode = TournamentMode::kLifecycle;
    } else if (m != "negotiation") {
      r.fail(mode->source(), "tournament.mode",
             "expected \"negotiation\" or \"lifecycle\", got \"" + m + "\"");
    }
  }
  if (const toml::node* n = t.get("repetitions")) {
    plan.repetitions = static_cast<int>(
        r.integer(*n, "tournament.repetitions", "a number of repetitions", 1, kMaxRepetitions));
  }
  if (const toml::node* n = t.get("seed")) {
    plan.seed = static_cast<std::uint64_t>(
        r.integer(*n, "tournament.seed", "a seed", 0, std::numeric_limits<std::int64_t>::max()));
  }
  if (const toml::node* n = t.get("role_swap"))
    plan.role_swap = r.boolean(*n, "tournament.role_swap");
  if (const toml::node* n = t.get("self_play"))
    plan.self_play = r.boolean(*n, "tournament.self_play");
  if (const toml::node* n = t.get("deadline")) {
    if (plan.mode == TournamentMode::kLifecycle) {
      r.fail(n->source(), "tournament.deadline",
             "applies to negotiation tournaments only (a lifecycle's talks last their phase's "
             "months × offers_per_month)");
    }
    plan.deadline = static_cast<int>(
        r.integer(*n, "tournament.deadline", "a number of offers", 1, kMaxDeadline));
  }
  if (const toml::node* n = t.get("years")) {
    if (plan.mode != TournamentMode::kLifecycle) {
      r.fail(n->source(), "tournament.years",
             "applies to lifecycle tournaments only (mode = \"lifecycle\")");
    }
    plan.years = static_cast<int>(r.integer(*n, "tournament.years", "a number of years", 1, 100));
  }
  plan.metrics = {TournamentMetric::kAgreement, TournamentMetric::kOffers};
  if (plan.mode == TournamentMode::kNegotiation) {
    plan.metrics.push_back(TournamentMetric::kDistanceToNash);
  }
  if (const toml::node* n = t.get("metrics")) {
    const toml::array& list = r.array(*n, "tournament.metrics");
    plan.metrics.clear();
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string key = indexed("tournament.metrics", i);
      const std::string text = r.string(*list.get(i), key);
      const auto metric = parse_tournament_metric(text);
      if (!metric) {
        r.fail(list.get(i)->source(), key,
               "expected one of " + tournament_metric_names() + ", got \"" + text + "\"");
      }
      const bool distance = *metric == TournamentMetric::kDistanceToPareto ||
                            *metric == TournamentMetric::kDistanceToNash ||
                            *metric == TournamentMetric::kAdvantage || is_model_metric(*metric);
      if (distance && plan.mode == TournamentMode::kLifecycle) {
        r.fail(list.get(i)->source(), key,
               "\"" + text + "\" is a metric of single negotiations, not of lifecycle tournaments");
      }
      if (plan.reports(*metric))
        r.fail(list.get(i)->source(), key, "\"" + text + "\" is listed twice");
      plan.metrics.push_back(*metric);
    }
  }
  if (const toml::node* n = t.get("rank_by")) {
    const std::string by = r.string(*n, "tournament.rank_by");
    if (by == "advantage") {
      if (plan.mode == TournamentMode::kLifecycle) {
        r.fail(n->source(), "tournament.rank_by",
               "\"advantage\" ranks single negotiations, not lifecycle tournaments");
      }
      plan.rank_by = RankBy::kAdvantage;
    } else if (by != "utility") {
      r.fail(n->source(), "tournament.rank_by",
             "expected \"utility\" or \"advantage\", got \"" + by + "\"");
    }
  }
}

}  // namespace

bool is_tournament_text(std::string_view text) {
  const std::optional<toml::table> root = toml_reading::try_parse(text);
  return root && root->get("tournament") != nullptr;
}

TournamentDef parse_tournament(std::string_view text, const std::string& source_name,
                               const CompetitorCheck& check) {
  Reader r(source_name);
  const toml::table root = toml_reading::parse(text, source_name);
  r.only_keys(root, "", {"tournament", "competitors", "scenarios"});
  TournamentDef def;
  def.file = source_name;
  TournamentPlan& plan = def.plan;
  const toml::node* settings = root.get("tournament");
  if (settings == nullptr) {
    throw UserError(SourceLocation{source_name, 0, 0}, "tournament",
                    "missing table [tournament] (name, repetitions, seed, ...)");
  }
  read_settings(r, r.table(*settings, "tournament"), *settings, plan);

  // Competitors.
  const toml::node* competitors = root.get("competitors");
  if (competitors == nullptr) {
    throw UserError(SourceLocation{source_name, 0, 0}, "competitors",
                    "missing [[competitors]] (each a label and a strategy)");
  }
  const toml::array& competitor_list = r.array(*competitors, "competitors");
  std::vector<toml::source_region> strategy_regions;
  for (std::size_t i = 0; i < competitor_list.size(); ++i) {
    const std::string key = indexed("competitors", i);
    const toml::node& node = *competitor_list.get(i);
    const toml::table& t = r.table(node, key);
    r.only_keys(t, key, {"label", "strategy"});
    const toml::node* label = t.get("label");
    const toml::node* strategy = t.get("strategy");
    if (label == nullptr) r.fail(node.source(), key + ".label", "missing key 'label' (a string)");
    if (strategy == nullptr) {
      r.fail(node.source(), key + ".strategy",
             "missing key 'strategy' (a strategy spec such as \"boulware(e=0.2)\")");
    }
    Competitor c;
    c.label = r.string(*label, key + ".label");
    if (!valid_label(c.label)) {
      r.fail(label->source(), key + ".label",
             "expected 1 to 60 letters, digits or _-.+=() (no spaces, commas or quotes), got \"" +
                 c.label + "\"");
    }
    for (std::size_t j = 0; j < plan.competitors.size(); ++j) {
      if (plan.competitors[j].label == c.label) {
        r.fail(label->source(), key + ".label",
               "the label \"" + c.label + "\" is already used by competitors[" + std::to_string(j) +
                   "]");
      }
    }
    const std::string spec_text = r.string(*strategy, key + ".strategy");
    try {
      c.spec = parse_spec(spec_text);
    } catch (const UserError& e) {
      r.fail(strategy->source(), key + ".strategy", e.message_with_location());
    }
    plan.competitors.push_back(std::move(c));
    strategy_regions.push_back(strategy->source());
  }
  if (plan.competitors.size() > kMaxCompetitors) {
    r.fail(competitors->source(), "competitors", "at most 1000 competitors");
  }
  if (plan.competitors.empty() || (plan.competitors.size() == 1 && !plan.self_play)) {
    throw UserError(r.where(competitors->source()), "competitors",
                    "expected at least 2 competitors (or 1 with self_play = true), got " +
                        std::to_string(plan.competitors.size()));
  }

  // Scenarios.
  const toml::node* scenarios = root.get("scenarios");
  if (scenarios == nullptr) {
    throw UserError(SourceLocation{source_name, 0, 0}, "scenarios",
                    "missing [[scenarios]] (each a file, or a GENIUS or GeniusWeb domain, "
                    "profile_a and profile_b)");
  }
  const toml::array& scenario_list = r.array(*scenarios, "scenarios");
  if (scenario_list.empty()) {
    r.fail(scenarios->source(), "scenarios", "expected at least one scenario");
  }
  for (std::size_t i = 0; i < scenario_list.size(); ++i) {
    const std::string key = indexed("scenarios", i);
    const toml::node& node = *scenario_list.get(i);
    const toml::table& t = r.table(node, key);
    r.only_keys(t, key, {"name", "file", "domain", "profile_a", "profile_b"});
    const toml::node* file = t.get("file");
    const toml::node* domain = t.get("domain");
    if ((file == nullptr) == (domain == nullptr)) {
      r.fail(node.source(), key,
             file != nullptr ? "give either 'file' or 'domain' (GENIUS XML or GeniusWeb JSON), not "
                               "both"
                             : "missing 'file' (a scenario file) or 'domain', 'profile_a' and "
                               "'profile_b' (GENIUS XML or GeniusWeb JSON files)");
    }
    std::optional<Scenario> scenario;
    if (file != nullptr) {
      for (const char* extra : {"profile_a", "profile_b"}) {
        if (const toml::node* n = t.get(extra)) {
          r.fail(n->source(), key + "." + extra,
                 "only with 'domain' (GENIUS XML or GeniusWeb JSON), not 'file'");
        }
      }
      scenario = load_scenario_file(resolve_path(r, *file, key + ".file"));
      if (plan.deadline) scenario = scenario->with_deadline(*plan.deadline);
    } else {
      std::array<std::string, 2> profiles;
      int p = 0;
      for (const char* profile : {"profile_a", "profile_b"}) {
        const toml::node* n = t.get(profile);
        if (n == nullptr) {
          r.fail(node.source(), key + "." + profile,
                 std::string("missing key '") + profile +
                     "' (a GENIUS utility profile, XML, or a GeniusWeb profile, JSON)");
        }
        profiles[static_cast<std::size_t>(p++)] = resolve_path(r, *n, key + "." + profile);
      }
      GeniusImportOptions options;
      options.deadline = plan.deadline.value_or(options.deadline);
      scenario = Scenario::create(import_external_scenario(
          resolve_path(r, *domain, key + ".domain"), profiles[0], profiles[1], options));
    }
    PlanScenario entry;
    entry.name = scenario->id();
    if (const toml::node* name = t.get("name")) {
      entry.name = r.string(*name, key + ".name");
      if (!is_valid_id(entry.name)) {
        r.fail(name->source(), key + ".name",
               "expected an id (letters, digits, '_' and '-'), got \"" + entry.name + "\"");
      }
    }
    for (std::size_t j = 0; j < plan.scenarios.size(); ++j) {
      if (plan.scenarios[j].name == entry.name) {
        r.fail(node.source(), key,
               "the name \"" + entry.name + "\" is already used by scenarios[" + std::to_string(j) +
                   "] (give this one another 'name')");
      }
    }
    if (plan.mode == TournamentMode::kLifecycle && !scenario->def().lifecycle) {
      r.fail(node.source(), key,
             "scenario \"" + scenario->id() +
                 "\" has no [treaty] section: a lifecycle tournament needs the treaty's life");
    }
    for (std::size_t p = 0; p < kPartyCount; ++p) entry.parties[p] = scenario->party(p).id;
    entry.content_hash = scenario->content_hash();
    plan.scenarios.push_back(std::move(entry));
    def.scenarios.push_back(std::move(*scenario));
  }

  // Refuse, before anything runs, a competitor that cannot play a side it will play.
  std::vector<std::array<bool, kPartyCount>> sides(plan.competitors.size(), {false, false});
  for (const Pairing& pairing : plan.pairings()) {
    for (std::size_t p = 0; p < kPartyCount; ++p) sides[pairing[p]][p] = true;
  }
  for (std::size_t c = 0; c < plan.competitors.size(); ++c) {
    for (std::size_t s = 0; s < def.scenarios.size(); ++s) {
      for (std::size_t p = 0; p < kPartyCount; ++p) {
        if (!sides[c][p]) continue;
        try {
          check(plan.competitors[c].spec, def.scenarios[s], p);
        } catch (const UserError& e) {
          r.fail(strategy_regions[c], indexed("competitors", c) + ".strategy",
                 "competitor \"" + plan.competitors[c].label + "\" cannot play scenario \"" +
                     plan.scenarios[s].name + "\" as party \"" + plan.scenarios[s].parties[p] +
                     "\": " + e.message());
        }
      }
    }
  }
  if (plan.mode == TournamentMode::kNegotiation) {
    for (const Scenario& scenario : def.scenarios) {
      def.analyses.push_back(std::make_shared<const ScenarioAnalysis>(analyze_scenario(scenario)));
      if (plan.reports_models()) {
        def.accuracy_bases.push_back({std::make_shared<const AccuracyBasis>(scenario, 0),
                                      std::make_shared<const AccuracyBasis>(scenario, 1)});
      }
    }
  }
  return def;
}

TournamentDef load_tournament_file(const std::string& path, const CompetitorCheck& check) {
  return parse_tournament(read_text_file(path), path, check);
}

}  // namespace treatysim
