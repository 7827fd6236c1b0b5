// tournament_plan_json.cpp — the JSON side of summary.json that `merge` and `tournament --resume`
// read back: the plan (tournament_plan_to_json / tournament_plan_from_json) and the fields that
// say which run a folder holds (parse_tournament_summary). Declared in tournament_results.hpp.
//
// These files may have been edited by hand or come from elsewhere: every member is checked for
// presence and type before use, and a problem is a UserError naming the file, the key (a path
// such as plan.competitors[2].label) and what was expected.
#include <cstdint>
#include <limits>

#include "engine/model/user_error.hpp"
#include "engine/studies/tournament_results.hpp"

namespace treatysim {

using nlohmann::ordered_json;

namespace {

constexpr const char* kSummaryFormat = "treatysim-tournament-summary";
constexpr std::int64_t kMaxRepetitions = 1'000'000;  // as in tournament files
constexpr std::int64_t kMaxDeadline = 1'000'000;
constexpr std::int64_t kMaxYears = 100;
constexpr std::size_t kMaxShown = 60;  // characters of a bad value quoted in a message

// A JSON value as a message quotes it: compact, cut after kMaxShown characters.
std::string shown(const ordered_json& value) {
  std::string text = value.dump();
  if (text.size() <= kMaxShown) return text;
  std::size_t cut = kMaxShown;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;
  return text.substr(0, cut) + "...";
}

// Reads the members of one file's JSON; every failure names the file and the member's key path.
class JsonFields {
 public:
  explicit JsonFields(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const std::string& key, const std::string& message) const {
    throw UserError(SourceLocation{file_, 0, 0}, key, message);
  }
  [[noreturn]] void expected(const std::string& key, const std::string& what,
                             const ordered_json& value) const {
    fail(key, "expected " + what + ", got " + shown(value));
  }

  // object[name] (object already checked to be an object); `what` describes what it should be.
  const ordered_json& member(const ordered_json& object, const std::string& path,
                             const std::string& name, const std::string& what) const {
    const auto it = object.find(name);
    if (it == object.end()) fail(key(path, name), "missing key (expected " + what + ")");
    return *it;
  }
  const ordered_json& object(const ordered_json& value, const std::string& key,
                             const std::string& what) const {
    if (!value.is_object()) expected(key, what, value);
    return value;
  }
  const ordered_json& array(const ordered_json& value, const std::string& key,
                            const std::string& what) const {
    if (!value.is_array()) expected(key, what, value);
    return value;
  }
  std::string string(const ordered_json& value, const std::string& key,
                     const std::string& what) const {
    if (!value.is_string()) expected(key, what, value);
    return value.get<std::string>();
  }
  bool boolean(const ordered_json& value, const std::string& key) const {
    if (!value.is_boolean()) expected(key, "true or false", value);
    return value.get<bool>();
  }
  // A whole number from min to max.
  std::int64_t integer(const ordered_json& value, const std::string& key, const std::string& what,
                       std::int64_t min, std::int64_t max) const {
    const std::string range = what + " from " + std::to_string(min) + " to " + std::to_string(max);
    if (!value.is_number_integer()) expected(key, range, value);
    // Whole numbers past 2^63 − 1 are stored unsigned: compare those before converting.
    if (value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(max))
      expected(key, range, value);
    const auto number = value.get<std::int64_t>();
    if (number < min || number > max) expected(key, range, value);
    return number;
  }

  static std::string key(const std::string& path, const std::string& name) {
    return path.empty() ? name : path + "." + name;
  }
  static std::string indexed(const std::string& path, std::size_t i) {
    return path + "[" + std::to_string(i) + "]";
  }

 private:
  std::string file_;
};

}  // namespace

ordered_json tournament_plan_to_json(const TournamentPlan& plan) {
  ordered_json json;
  json["name"] = plan.name;
  json["mode"] = std::string(tournament_mode_name(plan.mode));
  ordered_json competitors = ordered_json::array();
  for (const Competitor& c : plan.competitors) {
    competitors.push_back({{"label", c.label}, {"strategy", c.spec.to_string()}});
  }
  json["competitors"] = std::move(competitors);
  ordered_json scenarios = ordered_json::array();
  for (const PlanScenario& s : plan.scenarios) {
    scenarios.push_back({{"name", s.name},
                         {"parties", {s.parties[0], s.parties[1]}},
                         {"content_hash", s.content_hash}});
  }
  json["scenarios"] = std::move(scenarios);
  json["repetitions"] = plan.repetitions;
  json["seed"] = plan.seed;
  json["role_swap"] = plan.role_swap;
  json["self_play"] = plan.self_play;
  json["deadline"] = plan.deadline ? ordered_json(*plan.deadline) : ordered_json(nullptr);
  json["years"] = plan.years;
  ordered_json metrics = ordered_json::array();
  for (const TournamentMetric m : plan.metrics) {
    metrics.push_back(std::string(tournament_metric_name(m)));
  }
  json["metrics"] = std::move(metrics);
  // Only when not the default, so that the fingerprints of plans written before it existed hold.
  if (plan.rank_by != RankBy::kUtility) json["rank_by"] = std::string(rank_by_name(plan.rank_by));
  json["negotiations"] = plan.negotiation_count();
  json["fingerprint"] = "";
  return json;
}

TournamentPlan tournament_plan_from_json(const ordered_json& json, const std::string& file) {
  const JsonFields r(file);
  const std::string p = "plan";
  r.object(json, p, "the tournament's plan, an object");
  const auto field = [&](const char* name, const std::string& what) -> const ordered_json& {
    return r.member(json, p, name, what);
  };
  TournamentPlan plan;
  plan.name = r.string(field("name", "a string"), p + ".name", "a string");
  if (plan.name.empty()) r.expected(p + ".name", "a name", json.at("name"));
  const std::string mode = r.string(field("mode", "\"negotiation\" or \"lifecycle\""), p + ".mode",
                                    "\"negotiation\" or \"lifecycle\"");
  if (mode != tournament_mode_name(TournamentMode::kNegotiation) &&
      mode != tournament_mode_name(TournamentMode::kLifecycle)) {
    r.expected(p + ".mode", "\"negotiation\" or \"lifecycle\"", json.at("mode"));
  }
  plan.mode = mode == tournament_mode_name(TournamentMode::kLifecycle)
                  ? TournamentMode::kLifecycle
                  : TournamentMode::kNegotiation;

  const std::string competitors_key = p + ".competitors";
  const ordered_json& competitors = r.array(field("competitors", "an array of competitors"),
                                            competitors_key, "an array of competitors");
  for (std::size_t i = 0; i < competitors.size(); ++i) {
    const std::string key = JsonFields::indexed(competitors_key, i);
    const ordered_json& c = r.object(competitors[i], key, "an object {label, strategy}");
    Competitor competitor;
    competitor.label = r.string(r.member(c, key, "label", "a string"), key + ".label", "a string");
    const std::string strategy = r.string(r.member(c, key, "strategy", "a strategy spec"),
                                          key + ".strategy", "a strategy spec");
    try {
      competitor.spec = parse_spec(strategy);
    } catch (const UserError& e) {
      r.fail(key + ".strategy", e.message());
    }
    plan.competitors.push_back(std::move(competitor));
  }
  if (plan.competitors.empty()) r.fail(competitors_key, "expected at least one competitor");

  const std::string scenarios_key = p + ".scenarios";
  const ordered_json& scenarios =
      r.array(field("scenarios", "an array of scenarios"), scenarios_key, "an array of scenarios");
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    const std::string key = JsonFields::indexed(scenarios_key, i);
    const ordered_json& s = r.object(scenarios[i], key, "an object {name, parties, content_hash}");
    PlanScenario entry;
    entry.name = r.string(r.member(s, key, "name", "a string"), key + ".name", "a string");
    const std::string parties_what =
        "an array of the " + std::to_string(kPartyCount) + " parties' ids";
    const ordered_json& parties =
        r.array(r.member(s, key, "parties", parties_what), key + ".parties", parties_what);
    if (parties.size() != kPartyCount) r.expected(key + ".parties", parties_what, parties);
    for (std::size_t party = 0; party < kPartyCount; ++party) {
      entry.parties[party] =
          r.string(parties[party], JsonFields::indexed(key + ".parties", party), "a party id");
    }
    entry.content_hash = r.string(r.member(s, key, "content_hash", "a hash string"),
                                  key + ".content_hash", "a hash string");
    plan.scenarios.push_back(std::move(entry));
  }
  if (plan.scenarios.empty()) r.fail(scenarios_key, "expected at least one scenario");

  plan.repetitions = static_cast<int>(r.integer(field("repetitions", "a number of repetitions"),
                                                p + ".repetitions", "a number of repetitions", 1,
                                                kMaxRepetitions));
  const ordered_json& seed = field("seed", "a seed (a whole number, 0 or more)");
  if (!seed.is_number_unsigned())
    r.expected(p + ".seed", "a seed (a whole number, 0 or more)", seed);
  plan.seed = seed.get<std::uint64_t>();
  plan.role_swap = r.boolean(field("role_swap", "true or false"), p + ".role_swap");
  plan.self_play = r.boolean(field("self_play", "true or false"), p + ".self_play");
  const ordered_json& deadline = field("deadline", "null or a number of offers");
  if (!deadline.is_null()) {
    plan.deadline = static_cast<int>(
        r.integer(deadline, p + ".deadline", "null or a number of offers", 1, kMaxDeadline));
  }
  plan.years = static_cast<int>(r.integer(field("years", "a number of years"), p + ".years",
                                          "a number of years", 0, kMaxYears));
  const std::string metrics_key = p + ".metrics";
  const ordered_json& metrics = r.array(field("metrics", "an array of metric names"), metrics_key,
                                        "an array of metric names");
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    const std::string key = JsonFields::indexed(metrics_key, i);
    const auto metric = parse_tournament_metric(r.string(metrics[i], key, "a metric name"));
    if (!metric) {
      r.expected(key, tournament_metric_names(), metrics[i]);
    }
    plan.metrics.push_back(*metric);
  }
  if (json.contains("rank_by")) {
    const std::string by =
        r.string(json.at("rank_by"), p + ".rank_by", "\"utility\" or \"advantage\"");
    if (by == "advantage") {
      plan.rank_by = RankBy::kAdvantage;
    } else if (by != "utility") {
      r.expected(p + ".rank_by", "\"utility\" or \"advantage\"", json.at("rank_by"));
    }
  }
  const std::string fingerprint = r.string(field("fingerprint", "the plan's fingerprint, a string"),
                                           p + ".fingerprint", "the plan's fingerprint, a string");
  if (fingerprint != plan.fingerprint()) {
    r.fail(p, "its fingerprint does not match its content (edited by hand?)");
  }
  return plan;
}

TournamentSummaryHead parse_tournament_summary(std::string_view text, const std::string& file) {
  const JsonFields r(file);
  ordered_json json;
  try {
    json = ordered_json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    r.fail("", std::string("not valid JSON: ") + e.what());
  }
  r.object(json, "", "a JSON object (a tournament's summary.json)");
  const std::string format_what =
      std::string("\"") + kSummaryFormat + "\" as in a tournament's summary.json";
  const ordered_json& format = r.member(json, "", "format", format_what);
  if (!format.is_string() || format.get<std::string>() != kSummaryFormat) {
    r.expected("format", format_what, format);
  }
  TournamentSummaryHead head;
  head.complete = r.boolean(r.member(json, "", "complete", "true or false"), "complete");
  const std::string shard_what = "null or \"i/n\"";
  const ordered_json& shard = r.member(json, "", "shard", shard_what);
  if (!shard.is_null()) {
    const std::string text_shard = r.string(shard, "shard", shard_what);
    try {
      head.shard = parse_shard(text_shard);
    } catch (const UserError&) {
      r.expected("shard", shard_what + " with 1 ≤ i ≤ n", shard);
    }
  }
  head.plan = r.object(r.member(json, "", "plan", "the tournament's plan, an object"), "plan",
                       "the tournament's plan, an object");
  head.fingerprint =
      r.string(r.member(head.plan, "plan", "fingerprint", "the plan's fingerprint, a string"),
               "plan.fingerprint", "the plan's fingerprint, a string");
  return head;
}

}  // namespace treatysim
