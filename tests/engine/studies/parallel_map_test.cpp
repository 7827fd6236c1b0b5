// ParallelMap: local_parallel_map accepts in index order on any threads and rethrows the first
// failing item; evaluate, sweeps, tuning and evolve give the same bytes through a map that
// computes backwards (tests/support/backwards_map.hpp) — what MPI runs rely on.
#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "agents/registry.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"
#include "engine/studies/lifecycle_runs.hpp"
#include "engine/studies/parallel_map.hpp"
#include "engine/studies/population.hpp"
#include "engine/studies/sweep.hpp"
#include "tests/support/backwards_map.hpp"
#include "tests/support/payoff_game.hpp"

namespace treatysim {
namespace {

// A ParallelFor on plain threads, items interleaved across them (not in order).
ParallelFor two_threads() {
  return [](std::size_t count, const std::function<void(std::size_t)>& body) {
    std::thread odd([&] {
      for (std::size_t i = 1; i < count; i += 2) body(i);
    });
    for (std::size_t i = 0; i < count; i += 2) body(i);
    odd.join();
  };
}

const std::string kThreeClauses = std::string(TREATYSIM_SOURCE_DIR) + "/configs/three-clauses.toml";

}  // namespace

TEST_CASE("local_parallel_map accepts every result once, in index order, with or without threads") {
  for (const bool threaded : {false, true}) {
    const ParallelMap map = local_parallel_map(threaded ? two_threads() : ParallelFor{});
    std::vector<std::size_t> order;
    std::string joined;
    map(
        7, [](std::size_t i) { return std::string(i + 1, static_cast<char>('a' + i)); },
        [&](std::size_t i, std::string_view bytes) {
          order.push_back(i);
          joined += std::string(bytes) + "|";
        });
    CHECK(order == std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6});
    CHECK(joined == "a|bb|ccc|dddd|eeeee|ffffff|ggggggg|");
  }
}

TEST_CASE(
    "local_parallel_map rethrows the first failing item in index order, accepting those before") {
  for (const bool threaded : {false, true}) {
    const ParallelMap map = local_parallel_map(threaded ? two_threads() : ParallelFor{});
    std::vector<std::size_t> accepted;
    CHECK_THROWS_WITH_AS(map(
                             6,
                             [](std::size_t i) -> std::string {
                               if (i == 4) throw std::runtime_error("item 4");
                               if (i == 2) throw UserError("item 2");
                               return "ok";
                             },
                             [&](std::size_t i, std::string_view) { accepted.push_back(i); }),
                         "item 2", UserError);
    CHECK(accepted == std::vector<std::size_t>{0, 1});
  }
}

TEST_CASE(
    "evaluate, sweeps and evolve give the same numbers through a map that computes backwards") {
  const agents::Registry& registry = agents::builtin_registry();
  const std::string text =
      "[sweep]\nstrategy = \"boulware\"\nopponents = [\"linear\", \"random\", \"conceder\"]\n"
      "scenarios = [\"" +
      kThreeClauses +
      "\"]\nrepetitions = 4\nseed = 9\n[[sweep.axes]]\nparameter = \"e\"\nvalues = [0.2, 1, 3]\n"
      "[[sweep.axes]]\nparameter = \"scenario.cn.reservation\"\nvalues = [0.1, 0.5]\n";
  const auto lookup = [&](const Spec&, const std::string&) {
    return ParameterRange{0.0, 100.0, 1.0, false};
  };
  const PreparedSweep sweep = prepare_sweep(parse_sweep(text, "s.toml"), registry, lookup);

  const EvaluationPlan plan = sweep_plan(sweep, {1, 0.5});
  const Spec candidate = sweep_spec(sweep, {1, 0.5});
  std::size_t computed = 0;
  const Evaluation one = evaluate(plan, registry, candidate);
  const Evaluation mapped = evaluate(plan, registry, candidate, testing::backwards_map(&computed));
  CHECK(computed == evaluation_item_count(plan));
  CHECK(evaluation_pairing_count(plan) == 1 * 2 * 3);  // scenario × roles × opponents
  CHECK(mapped.values == one.values);
  CHECK(one.values[0].size() == 6 * 4);

  computed = 0;
  const SweepResult plain = run_sweep(sweep, registry);
  std::vector<std::size_t> progress;
  const SweepResult points =
      run_sweep(sweep, registry, two_threads(), testing::backwards_map(&computed),
                [&](std::size_t done, std::size_t total) {
                  CHECK(total == 6);
                  progress.push_back(done);
                });
  CHECK(computed == 6);
  CHECK(progress == std::vector<std::size_t>{1, 2, 3, 4, 5, 6});
  CHECK(sweep_csv(sweep, points) == sweep_csv(sweep, plain));

  const PayoffMatrix matrix =
      testing::game({"hawk", "dove", "bully"}, {{-1, 4, 1}, {0, 2, 0.5}, {1.5, 3, 0.2}});
  PopulationOptions options;
  options.runs = 40;
  options.generations = 30;
  options.population = 20;
  options.seed = 3;
  const PopulationResult local = evolve(matrix, options);
  computed = 0;
  const PopulationResult backwards = evolve(matrix, options, testing::backwards_map(&computed));
  CHECK(computed == 40 + 3 * 2);  // the Moran runs, then the ordered pairs
  CHECK(backwards.moran.mean_share == local.moran.mean_share);
  CHECK(backwards.moran.fixed_share == local.moran.fixed_share);
  for (std::size_t m = 0; m < 3; ++m) {
    for (std::size_t r = 0; r < 3; ++r) {
      CHECK(backwards.fixation[m][r].estimate == local.fixation[m][r].estimate);
      CHECK(backwards.fixation[m][r].exact == local.fixation[m][r].exact);
      CHECK(backwards.fixation[m][r].runs == local.fixation[m][r].runs);
    }
  }
  // The mean share of generation 0 is the starting counts' (20 individuals, equal shares: 7/7/6).
  CHECK(local.moran.mean_share[0][0] == doctest::Approx(7.0 / 20));
  CHECK(local.moran.mean_share[0][2] == doctest::Approx(6.0 / 20));
}

TEST_CASE("simulate --runs gives the same distribution through a map that computes backwards") {
  const Scenario scenario =
      load_scenario_file(std::string(TREATYSIM_SOURCE_DIR) + "/configs/sta-2024.toml");
  const agents::Registry& registry = agents::builtin_registry();
  const std::optional<LifecycleDistribution> threads =
      simulate_lifecycle_runs(scenario, 7, 12, registry, 8, two_threads());
  REQUIRE(threads.has_value());
  std::size_t computed = 0;
  std::uint64_t counted = 0;
  const LifecycleDistribution mapped =
      simulate_lifecycle_runs(scenario, 7, 12, registry, 8, testing::backwards_map(&computed),
                              [&](std::uint64_t n) { counted += n; });
  CHECK(computed == 12);
  CHECK(counted == 12);
  CHECK(mapped.runs == 12);
  CHECK(mapped.paths == threads->paths);
  CHECK(mapped.finals == threads->finals);
  std::uint64_t total = 0;
  for (const auto& [path, count] : mapped.paths) total += count;
  CHECK(total == 12);
}

TEST_CASE("a Moran run's counts sum to the population every generation and start from the shares") {
  const PayoffMatrix matrix = testing::game({"a", "b"}, {{1, 0}, {2, 0.5}});
  PopulationOptions options;
  options.population = 10;
  options.generations = 25;
  options.initial_shares = {0.3, 0.7};
  for (int run = 0; run < 20; ++run) {
    const std::vector<int> counts = moran_trajectory_run(matrix, options, run);
    REQUIRE(counts.size() == 26 * 2);
    CHECK(counts[0] == 3);
    CHECK(counts[1] == 7);
    for (std::size_t g = 0; g <= 25; ++g) CHECK(counts[2 * g] + counts[2 * g + 1] == 10);
    CHECK(moran_trajectory_run(matrix, options, run) == counts);  // a function of the run alone
  }
}

}  // namespace treatysim
