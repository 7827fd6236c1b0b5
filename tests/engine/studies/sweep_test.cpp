// Sweeps: grid arithmetic, the CSV, values checked against negotiations played one by one,
// scenario parameters, evaluation order independence, and file errors with exact messages.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <functional>
#include <string>
#include <vector>

#include "agents/registry.hpp"
#include "engine/model/random.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"
#include "engine/studies/evaluation.hpp"
#include "engine/studies/sweep.hpp"
#include "engine/studies/tuning.hpp"
#include "tests/support/temp_dir.hpp"

namespace treatysim {
namespace {

const std::string kThreeClauses = std::string(TREATYSIM_SOURCE_DIR) + "/configs/three-clauses.toml";

// The registry's range of a top-level numeric parameter (what the CLI's lookup does).
ParameterRange registry_range(const Spec& strategy, const std::string& path) {
  const agents::StrategyInfo* info =
      agents::builtin_registry().find(strategy.name, agents::ComponentKind::kNegotiator);
  for (const agents::ParameterInfo& p : info->parameters) {
    if (p.name == path) {
      const SpecValue* written = strategy.find(path);
      return {p.min, p.max, written != nullptr ? written->number : p.default_number,
              p.type == agents::ParameterType::kInteger};
    }
  }
  throw UserError(info->name + " has no numeric parameter \"" + path + "\"");
}

std::string sweep_text(const std::string& axes, const std::string& extra = "") {
  return "[sweep]\nstrategy = \"boulware\"\nopponents = [\"linear\", \"random\"]\n"
         "scenarios = [\"" +
         kThreeClauses + "\"]\nrepetitions = 3\nseed = 5\n" + extra + axes;
}

PreparedSweep prepare(const std::string& text) {
  return prepare_sweep(parse_sweep(text, "s.toml"), agents::builtin_registry(), registry_range);
}

// The message of the UserError that `f` throws.
template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const UserError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("sweep grids: lists, linear and logarithmic steps") {
  const SweepDef def =
      parse_sweep(sweep_text("[[sweep.axes]]\nparameter = \"e\"\nfrom = 0.1\nto = 0.5\nsteps = 5\n"
                             "[[sweep.axes]]\nparameter = \"k\"\nfrom = 0.01\nto = 100\nsteps = 5\n"
                             "scale = \"log\"\n"),
                  "s.toml");
  REQUIRE(def.axes.size() == 2);
  CHECK(def.axes[0].values == std::vector<double>{0.1, 0.2, 0.3, 0.4, 0.5});
  CHECK(def.axes[1].values == std::vector<double>{0.01, 0.1, 1, 10, 100});
  CHECK_FALSE(def.axes[0].log_scale);
  CHECK(def.axes[1].log_scale);
  const SweepDef listed = parse_sweep(
      sweep_text("[[sweep.axes]]\nparameter = \"e\"\nvalues = [2, 0.5, 1]\n"), "s.toml");
  CHECK(listed.axes[0].values == std::vector<double>{2, 0.5, 1});
  CHECK(listed.study.repetitions == 3);
  CHECK(listed.study.seed == 5);
  CHECK(listed.study.metric == Metric::kUtility);
  CHECK(listed.study.roles == "both");
}

TEST_CASE("a two-axis sweep visits rows then columns and writes one CSV row per point") {
  const PreparedSweep sweep =
      prepare(sweep_text("[[sweep.axes]]\nparameter = \"e\"\nvalues = [0.5, 1, 2]\n"
                         "[[sweep.axes]]\nparameter = \"k\"\nvalues = [0, 0.2]\n"));
  CHECK(sweep.point_count() == 6);
  // 6 points × 1 scenario × 2 roles × 2 opponents × 3 seeds.
  CHECK(sweep.negotiation_count() == 6 * 2 * 2 * 3);
  const SweepResult result = run_sweep(sweep, agents::builtin_registry());
  REQUIRE(result.points.size() == 6);
  CHECK(result.points[1].values == std::vector<double>{0.5, 0.2});
  CHECK(result.points[2].values == std::vector<double>{1, 0});
  CHECK(result.points[5].values == std::vector<double>{2, 0.2});
  const std::string csv = sweep_csv(sweep, result);
  CHECK(csv.substr(0, csv.find('\n')) ==
        "e,k,negotiations,utility,utility_sd,utility_ci_low,utility_ci_high,agreement_rate,"
        "social_welfare,distance_to_nash");
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 7);
  CHECK(csv.find("\n2,0.2,12,") != std::string::npos);
}

TEST_CASE("a sweep point's scores equal the negotiations played one by one") {
  const PreparedSweep sweep =
      prepare(sweep_text("[[sweep.axes]]\nparameter = \"e\"\nvalues = [0.5, 2]\n"));
  const SweepResult result = run_sweep(sweep, agents::builtin_registry());
  const Scenario scenario = load_scenario_file(kThreeClauses);
  const ScenarioAnalysis analysis = analyze_scenario(scenario);
  for (std::size_t point = 0; point < 2; ++point) {
    const Spec candidate = parse_spec(point == 0 ? "boulware(e=0.5)" : "boulware(e=2)");
    double utility = 0.0;
    double agreements = 0.0;
    double welfare = 0.0;
    int n = 0;
    for (PartyIndex role = 0; role < 2; ++role) {
      for (const char* opponent : {"linear", "random"}) {
        std::array<Spec, kPartyCount> specs;
        specs[role] = candidate;
        specs[other_party(role)] = parse_spec(opponent);
        for (std::uint64_t i = 0; i < 3; ++i) {
          const MatchRecord r = play_match(scenario, analysis, agents::builtin_registry(), specs,
                                           derive_seed(5, "evaluation", i));
          utility += r.utilities[role];
          agreements += r.agreement() ? 1.0 : 0.0;
          welfare += r.social_welfare;
          ++n;
        }
      }
    }
    const SweepPoint& p = result.points[point];
    CHECK(p.negotiations == 12);
    CHECK(n == 12);
    CHECK(p.summary.n == 12);
    CHECK(p.summary.mean == doctest::Approx(utility / n).epsilon(1e-12));
    CHECK(p.means[static_cast<std::size_t>(Metric::kAgreementRate)] ==
          doctest::Approx(agreements / n).epsilon(1e-12));
    CHECK(p.means[static_cast<std::size_t>(Metric::kSocialWelfare)] ==
          doctest::Approx(welfare / n).epsilon(1e-12));
    CHECK(p.summary.ci_low <= p.summary.mean);
    CHECK(p.summary.ci_high >= p.summary.mean);
  }
}

TEST_CASE("evaluation results do not depend on the order the pairings run in") {
  const PreparedSweep sweep =
      prepare(sweep_text("[[sweep.axes]]\nparameter = \"e\"\nvalues = [0.5]\n"));
  const EvaluationPlan plan = sweep_plan(sweep, {0.5});
  const Spec candidate = sweep_spec(sweep, {0.5});
  const Evaluation in_order = evaluate(plan, agents::builtin_registry(), candidate);
  const ParallelFor backwards = [](std::size_t count,
                                   const std::function<void(std::size_t)>& body) {
    for (std::size_t k = count; k-- > 0;) body(k);
  };
  const Evaluation reversed = evaluate(plan, agents::builtin_registry(), candidate, backwards);
  CHECK(in_order.values == reversed.values);
}

TEST_CASE("an evaluation cut into blocks of seeds plays the negotiations one by one") {
  // 150 seeds: three blocks per pairing (64, 64, 22), each with its own agents.
  const Scenario scenario = load_scenario_file(kThreeClauses);
  EvaluationPlan plan;
  plan.scenarios.push_back({scenario, analyze_scenario(scenario), {0, 1}});
  plan.opponents = {parse_spec("random(accept=0.3)"), parse_spec("linear")};
  plan.seeds = plan_seeds(3, "evaluation", 150);
  REQUIRE(plan.seeds.size() > 2 * kSeedsPerBlock);
  CHECK(evaluation_item_count(plan) == 2 * 2 * 3);  // roles × opponents × blocks (64, 64, 22)
  const Spec candidate = parse_spec("random(accept=0.5)");
  const Evaluation serial = evaluate(plan, agents::builtin_registry(), candidate);
  std::vector<double> utilities;
  for (const PartyIndex role : {PartyIndex{0}, PartyIndex{1}}) {
    for (const Spec& opponent : plan.opponents) {
      std::array<Spec, kPartyCount> specs;
      specs[role] = candidate;
      specs[other_party(role)] = opponent;
      for (const std::uint64_t seed : plan.seeds) {
        utilities.push_back(play_match(scenario, plan.scenarios[0].analysis,
                                       agents::builtin_registry(), specs, seed)
                                .utilities[role]);
      }
    }
  }
  CHECK(serial.values[static_cast<std::size_t>(Metric::kUtility)] == utilities);
  const ParallelFor backwards = [](std::size_t count,
                                   const std::function<void(std::size_t)>& body) {
    for (std::size_t k = count; k-- > 0;) body(k);
  };
  CHECK(evaluate(plan, agents::builtin_registry(), candidate, backwards).values == serial.values);
  CHECK(evaluate(plan, agents::builtin_registry(), candidate, parallel_for_jobs(2)).values ==
        serial.values);
}

TEST_CASE("scenario parameters: reservation values and renormalised weights") {
  const Scenario scenario = load_scenario_file(kThreeClauses);
  const Scenario reserved = with_scenario_parameter(scenario, "scenario.cn.reservation", 0.6);
  CHECK(reserved.party(1).preferences.reservation_value == 0.6);
  CHECK(reserved.party(0).preferences.reservation_value == 0.35);
  // us weights ip 0.5, data 0.3, dual_use 0.2: ip = 0.8 scales the others by 0.2 / 0.5.
  const Scenario weighted = with_scenario_parameter(scenario, "scenario.us.weights.ip", 0.8);
  const std::vector<double>& w = weighted.party(0).preferences.weights;
  CHECK(w[0] == doctest::Approx(0.8));
  CHECK(w[1] == doctest::Approx(0.12));
  CHECK(w[2] == doctest::Approx(0.08));
  CHECK(
      error_of([&] { (void)with_scenario_parameter(scenario, "scenario.eu.reservation", 0.5); }) ==
      "\"scenario.eu.reservation\": scenario \"three-clauses\" has no party \"eu\" (its parties "
      "are \"us\" and \"cn\")");
  CHECK(
      error_of([&] { (void)with_scenario_parameter(scenario, "scenario.us.weights.term", 0.5); }) ==
      "\"scenario.us.weights.term\": scenario \"three-clauses\" has no issue \"term\" (its issues "
      "are ip, data, dual_use)");
  CHECK(error_of([&] { (void)with_scenario_parameter(scenario, "scenario.us.deadline", 5); }) ==
        "\"scenario.us.deadline\": expected scenario.PARTY.reservation, scenario.PARTY.discount or "
        "scenario.PARTY.weights.ISSUE");
  // A sweep over a scenario parameter plays a re-analysed scenario at each point.
  const PreparedSweep sweep = prepare(
      sweep_text("[[sweep.axes]]\nparameter = \"scenario.us.reservation\"\nvalues = [0.1, 0.9]\n"));
  CHECK(sweep_plan(sweep, {0.9}).scenarios[0].analysis.disagreement[0] == 0.9);
  CHECK(sweep_spec(sweep, {0.9}).to_string() == "boulware");
}

TEST_CASE("a sweep can score distance to Nash (lower is better) under a deadline override") {
  const PreparedSweep sweep =
      prepare(sweep_text("[[sweep.axes]]\nparameter = \"e\"\nvalues = [0.5, 2]\n",
                         "metric = \"distance_to_nash\"\ndeadline = 6\nroles = \"cn\"\n"));
  const EvaluationPlan plan = sweep_plan(sweep, {0.5});
  CHECK(plan.scenarios[0].scenario.protocol().deadline == 6);
  CHECK(plan.scenarios[0].roles == std::vector<PartyIndex>{1});
  CHECK(sweep.negotiation_count() == 2 * 1 * 2 * 3);
  const SweepResult result = run_sweep(sweep, agents::builtin_registry());
  const std::string csv = sweep_csv(sweep, result);
  CHECK(csv.substr(0, csv.find('\n')) ==
        "e,negotiations,distance_to_nash,distance_to_nash_sd,distance_to_nash_ci_low,"
        "distance_to_nash_ci_high,utility,agreement_rate,social_welfare");
  const Evaluation evaluation =
      evaluate(plan, agents::builtin_registry(), sweep_spec(sweep, {0.5}));
  CHECK(result.points[0].summary.mean == evaluation.mean(Metric::kDistanceToNash));
  CHECK(tune_objective(Metric::kDistanceToNash, evaluation) ==
        -evaluation.mean(Metric::kDistanceToNash));
  CHECK(tune_objective(Metric::kUtility, evaluation) == evaluation.mean(Metric::kUtility));
}

TEST_CASE("study files are recognised by their table") {
  CHECK(study_kind("[sweep]\nstrategy = \"x\"\n") == StudyKind::kSweep);
  CHECK(study_kind("[tune]\n") == StudyKind::kTune);
  CHECK_FALSE(study_kind("[scenario]\nid = \"x\"\n").has_value());
  CHECK_FALSE(study_kind("[sweep\n").has_value());
}

TEST_CASE("sweep file errors name the line, the key and what was expected") {
  const std::string axis = "[[sweep.axes]]\nparameter = \"e\"\nvalues = [0.5]\n";
  CHECK(error_of([&] { (void)parse_sweep("[sweep]\nstrategi = \"boulware\"\n", "s.toml"); }) ==
        "s.toml:2:1: sweep.strategi: unknown key (expected one of: name, strategy, opponents, "
        "scenarios, roles, repetitions, seed, metric, deadline, axes)");
  CHECK(error_of([&] { (void)parse_sweep("[sweep]\nopponents = [\"linear\"]\n", "s.toml"); }) ==
        "s.toml:1:1: sweep.strategy: missing key (expected a strategy spec, e.g. strategy = "
        "\"boulware\")");
  CHECK(error_of([&] { (void)parse_sweep(sweep_text(""), "s.toml"); }) ==
        "s.toml:1:1: sweep.axes: missing [[sweep.axes]] (one or two, each with parameter and "
        "values)");
  CHECK(error_of([&] { (void)parse_sweep(sweep_text(axis, "metric = \"wins\"\n"), "s.toml"); }) ==
        "s.toml:7:10: sweep.metric: expected one of utility, agreement_rate, social_welfare, "
        "distance_to_nash, got \"wins\"");
  CHECK(error_of([&] {
          (void)parse_sweep(sweep_text("[[sweep.axes]]\nparameter = \"e\"\nfrom = 1\nto = 0.5\n"
                                       "steps = 3\n"),
                            "s.toml");
        }) == "s.toml:10:6: sweep.axes[0].to: expected a number greater than from");
  CHECK(error_of([&] {
          (void)prepare(sweep_text("[[sweep.axes]]\nparameter = \"e\"\nvalues = [-1, 1]\n"));
        }) ==
        "s.toml:8:13: sweep.axes[0].parameter: the grid value -1 of \"e\" is outside its "
        "range [0, 100]");
  CHECK(error_of([&] {
          (void)prepare(sweep_text("[[sweep.axes]]\nparameter = \"x\"\nvalues = [1]\n"));
        }) == "s.toml:8:13: sweep.axes[0].parameter: boulware has no numeric parameter \"x\"");
  CHECK(error_of([&] { (void)prepare(sweep_text(axis, "roles = \"eu\"\n")); }) ==
        "s.toml:7:9: sweep.roles: expected \"both\" or a party id of every scenario; scenario "
        "\"three-clauses\" has parties \"us\" and \"cn\", not \"eu\"");
  CHECK(error_of([&] {
          (void)prepare(
              sweep_text("[[sweep.axes]]\nparameter = \"scenario.us.weights.ip\"\n"
                         "values = [0.5, 1.5]\n"));
        }) ==
        "s.toml:8:13: sweep.axes[0].parameter: the grid value 1.5 of "
        "\"scenario.us.weights.ip\" is outside its range [0, 1]");
}

}  // namespace treatysim
