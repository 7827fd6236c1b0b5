// Tuning: the optimiser on synthetic objectives with known optima (smooth and piecewise
// constant), determinism, the budget, and a real tuning problem against the built-in agents.
#include <doctest/doctest.h>

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "agents/registry.hpp"
#include "engine/model/user_error.hpp"
#include "engine/studies/study_file.hpp"
#include "engine/studies/tuning.hpp"
#include "tests/support/backwards_map.hpp"
#include "tests/support/temp_dir.hpp"

namespace treatysim {
namespace {

constexpr TuneAlgorithm kAllAlgorithms[] = {TuneAlgorithm::kCrs2, TuneAlgorithm::kIsres,
                                            TuneAlgorithm::kBobyqa, TuneAlgorithm::kSubplex,
                                            TuneAlgorithm::kNelderMead};

// A concave quadratic on [−1, 2] × [0, 5] with its maximum 1 at (0.3, 3.5).
double quadratic(const std::vector<double>& x) {
  return 1.0 - (x[0] - 0.3) * (x[0] - 0.3) - 0.2 * (x[1] - 3.5) * (x[1] - 3.5);
}

// A staircase on [0, 1]²: steps of width 1/8 around (0.62, 0.25); the top plateau (value 0) is
// |x − 0.62| < 0.125 and |y − 0.25| < 0.125. Zero gradient almost everywhere.
double staircase(const std::vector<double>& x) {
  return -(std::floor(8.0 * std::abs(x[0] - 0.62)) + std::floor(8.0 * std::abs(x[1] - 0.25)));
}

std::string tune_file(const std::string& algorithm, int evaluations) {
  return std::string("[tune]\n") + "strategy = \"time_dependent\"\n" + "parameters = [\"e\"]\n" +
         "bounds = { e = [0.01, 5] }\n" +
         "opponents = [\"relative_tit_for_tat\", \"conceder\", \"linear\"]\n" + "scenarios = [\"" +
         TREATYSIM_SOURCE_DIR + "/configs/sta-2024.toml\"]\n" + "repetitions = 2\n" +
         "algorithm = \"" + algorithm + "\"\n" + "evaluations = " + std::to_string(evaluations) +
         "\n" + "validation_repetitions = 4\n";
}

ParameterLookup fixed_lookup(ParameterRange range) {
  return [range](const Spec&, const std::string& path) {
    if (path != "e" && path != "k") throw UserError("no numeric parameter \"" + path + "\"");
    return range;
  };
}

}  // namespace

TEST_CASE("maximise finds the optimum of a quadratic with every algorithm") {
  for (const TuneAlgorithm algorithm : kAllAlgorithms) {
    CAPTURE(tune_algorithm_name(algorithm));
    const OptimiserResult r =
        maximise(quadratic, {-1.0, 0.0}, {2.0, 5.0}, {1.5, 0.5}, {algorithm, 300, 7});
    CHECK(r.best_x[0] == doctest::Approx(0.3).epsilon(0.05));
    CHECK(r.best_x[1] == doctest::Approx(3.5).epsilon(0.05));
    CHECK(r.best_value == doctest::Approx(1.0).epsilon(0.01));
    CHECK(r.evaluations <= 300);
  }
}

TEST_CASE("maximise reaches the top plateau of a staircase with every algorithm") {
  for (const TuneAlgorithm algorithm : kAllAlgorithms) {
    CAPTURE(tune_algorithm_name(algorithm));
    const OptimiserResult r =
        maximise(staircase, {0.0, 0.0}, {1.0, 1.0}, {0.02, 0.97}, {algorithm, 150, 3});
    CHECK(r.best_value == 0.0);
    CHECK(std::abs(r.best_x[0] - 0.62) < 0.125);
    CHECK(std::abs(r.best_x[1] - 0.25) < 0.125);
  }
}

TEST_CASE("maximise keeps the best point it evaluated, within the budget, deterministically") {
  for (const TuneAlgorithm algorithm : kAllAlgorithms) {
    CAPTURE(tune_algorithm_name(algorithm));
    std::vector<std::vector<double>> seen;
    double best_seen = -1e300;
    int calls = 0;
    const auto objective = [&](const std::vector<double>& x) {
      ++calls;
      seen.push_back(x);
      const double v = staircase(x);
      best_seen = std::max(best_seen, v);
      return v;
    };
    std::vector<OptimiserStep> steps;
    const OptimiserResult r =
        maximise(objective, {0.0, 0.0}, {1.0, 1.0}, {0.5, 0.5}, {algorithm, 40, 11},
                 [&](const OptimiserStep& s) { steps.push_back(s); });
    CHECK(calls <= 40);
    CHECK(r.evaluations == calls);
    CHECK(static_cast<int>(steps.size()) == calls);
    CHECK(r.best_value == best_seen);
    CHECK(staircase(r.best_x) == r.best_value);
    // No point is played twice (the cache answers repeats).
    CHECK(std::set<std::vector<double>>(seen.begin(), seen.end()).size() == seen.size());
    // The first evaluation is the start.
    CHECK(seen.front() == std::vector<double>{0.5, 0.5});

    std::vector<std::vector<double>> again;
    const OptimiserResult r2 = maximise(
        [&](const std::vector<double>& x) {
          again.push_back(x);
          return staircase(x);
        },
        {0.0, 0.0}, {1.0, 1.0}, {0.5, 0.5}, {algorithm, 40, 11});
    CHECK(again == seen);
    CHECK(r2.best_x == r.best_x);
  }
}

TEST_CASE("maximise lets the objective's exceptions through") {
  const auto objective = [](const std::vector<double>& x) -> double {
    if (x[0] > 0.6) throw UserError("boom");
    return x[0];
  };
  CHECK_THROWS_WITH_AS(maximise(objective, {0.0}, {1.0}, {0.5}, {TuneAlgorithm::kSubplex, 50, 1}),
                       "boom", UserError);
}

TEST_CASE("prepare_tune reads bounds, defaults and integer rounding from the lookup") {
  testing::TempDir dir;
  TuneDef def = parse_tune(tune_file("sbplx", 10), dir.file("t.toml"));
  def.parameters = {"e", "k"};
  def.bounds = {{"k", 0.25, 0.75, {}}};
  const auto lookup = [](const Spec&, const std::string& path) -> ParameterRange {
    if (path == "e") return {0.0, 4.0, 2.0, true};
    return {0.0, 1.0, 0.0, false};
  };
  const PreparedTune tune = prepare_tune(def, agents::builtin_registry(), lookup);
  REQUIRE(tune.parameters.size() == 2);
  CHECK(tune.parameters[0].min == 0.0);
  CHECK(tune.parameters[0].max == 4.0);
  CHECK(tune.parameters[0].integer);
  CHECK(tune.parameters[1].min == 0.25);
  CHECK(tune.parameters[1].max == 0.75);
  CHECK(tune.default_spec.to_string() == "time_dependent(e=2, k=0)");
  CHECK(tune_spec(tune, {3.4, 0.1}).to_string() == "time_dependent(e=3, k=0.25)");
  CHECK(tune_spec(tune, {0.6, 0.5}).to_string() == "time_dependent(e=1, k=0.5)");
  // 1 scenario × 2 roles × 3 opponents × seeds.
  CHECK(tune.plan.negotiation_count() == 1 * 2 * 3 * 2);
  CHECK(tune.validation_plan.negotiation_count() == 1 * 2 * 3 * 4);
  // Fresh seeds are disjoint from the tuning seeds.
  for (const std::uint64_t s : tune.validation_plan.seeds) {
    for (const std::uint64_t t : tune.plan.seeds) CHECK(s != t);
  }
}

TEST_CASE("tune_spec rounds continuous parameters to four significant digits") {
  testing::TempDir dir;
  const PreparedTune tune =
      prepare_tune(parse_tune(tune_file("sbplx", 10), dir.file("t.toml")),
                   agents::builtin_registry(), fixed_lookup({0.0, 100.0, 1.0, false}));
  CHECK(tune_spec(tune, {0.0123456}).to_string() == "time_dependent(e=0.01235)");
  CHECK(tune_spec(tune, {2.718281828}).to_string() == "time_dependent(e=2.718)");
  CHECK(tune_spec(tune, {0.001}).to_string() == "time_dependent(e=0.01)");  // clamped to bounds
}

TEST_CASE("prepare_tune rejects bounds outside the registry's range") {
  testing::TempDir dir;
  const std::string path = dir.write("t.toml", tune_file("crs2", 10));
  CHECK_THROWS_WITH_AS(
      prepare_tune(load_tune_file(path), agents::builtin_registry(),
                   fixed_lookup({0.1, 1.0, 0.5, false})),
      (path + ":4:16: tune.bounds.e: [0.01, 5] is not inside the range of \"e\", [0.1, 1]").c_str(),
      UserError);
}

TEST_CASE("a real tuning run improves on the defaults, and runs the same twice") {
  testing::TempDir dir;
  const std::string path = dir.write("t.toml", tune_file("sbplx", 12));
  const agents::Registry& registry = agents::builtin_registry();
  const auto lookup = [&](const Spec& s, const std::string& p) -> ParameterRange {
    const agents::StrategyInfo* info = registry.find(s.name, agents::ComponentKind::kNegotiator);
    for (const agents::ParameterInfo& param : info->parameters) {
      if (param.name == p) return {param.min, param.max, param.default_number, false};
    }
    throw UserError("no parameter " + p);
  };
  const PreparedTune tune = prepare_tune(load_tune_file(path), registry, lookup);
  CHECK(tune.default_spec.to_string() == "time_dependent(e=1)");
  std::vector<TuneStep> steps;
  const TuneResult a = run_tuning(tune, registry, [&](const TuneStep& s) { steps.push_back(s); });
  CHECK(a.evaluations == 12);
  CHECK(steps.size() == 12);
  CHECK(steps.front().spec.to_string() == "time_dependent(e=1)");
  CHECK(steps.front().score == doctest::Approx(a.default_score));
  CHECK(a.best_score > a.default_score + 0.05);
  CHECK(a.best_validation.mean > a.default_validation.mean);
  CHECK(a.comparison.n == tune.validation_plan.negotiation_count());
  CHECK(a.comparison.mean_difference ==
        doctest::Approx(a.best_validation.mean - a.default_validation.mean));
  CHECK(a.comparison.p_value < 0.05);
  const TuneResult b = run_tuning(tune, registry);
  CHECK(b.best_spec == a.best_spec);
  CHECK(b.best_score == a.best_score);
  CHECK(b.best_validation.mean == a.best_validation.mean);
}

TEST_CASE(
    "a tuning run takes the same path through a map that computes each evaluation backwards") {
  testing::TempDir dir;
  const std::string path = dir.write("t.toml", tune_file("crs2", 10));
  const agents::Registry& registry = agents::builtin_registry();
  const auto lookup = [&](const Spec& s, const std::string& p) -> ParameterRange {
    const agents::StrategyInfo* info = registry.find(s.name, agents::ComponentKind::kNegotiator);
    for (const agents::ParameterInfo& param : info->parameters) {
      if (param.name == p) return {param.min, param.max, param.default_number, false};
    }
    throw UserError("no parameter " + p);
  };
  const PreparedTune tune = prepare_tune(load_tune_file(path), registry, lookup);
  std::vector<std::string> plain_path;
  const TuneResult plain = run_tuning(
      tune, registry, [&](const TuneStep& s) { plain_path.push_back(s.spec.to_string()); });
  std::vector<std::string> mapped_path;
  std::size_t computed = 0;
  const TuneResult mapped = run_tuning(
      tune, registry, [&](const TuneStep& s) { mapped_path.push_back(s.spec.to_string()); },
      testing::backwards_map(&computed));
  CHECK(mapped_path == plain_path);
  CHECK(mapped.best_spec == plain.best_spec);
  CHECK(mapped.best_score == plain.best_score);
  CHECK(mapped.default_score == plain.default_score);
  CHECK(mapped.best_validation.mean == plain.best_validation.mean);
  CHECK(mapped.comparison.t == plain.comparison.t);
  // Every evaluation went through the map: the pairings of each distinct spec, then the two
  // validations (the defaults are scored from the cache).
  const std::set<std::string> distinct(mapped_path.begin(), mapped_path.end());
  CHECK(computed == evaluation_item_count(tune.plan) * distinct.size() +
                        2 * evaluation_item_count(tune.validation_plan));
}

}  // namespace treatysim
