// `treatysim evolve` in process: the text tables of hawk–dove and of a hand-written tournament
// summary (numbers checked by hand in tests/engine/studies/metagame_test.cpp), the CSV header and rows,
// the JSON layout against the engine, the same bytes for the same seed, large payoffs (the
// replicator's time scale, hawk–dove ×100 still at 2/3 hawks), and the errors (no self-play,
// bad flags, payoffs beyond 1e12, NaN) leaving no CSV behind.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli_test_support.hpp"
#include "engine/model/issue.hpp"
#include "engine/model/user_error.hpp"
#include "engine/studies/payoff_matrix.hpp"
#include "engine/studies/population.hpp"

using treatysim::UserError;
using treatysim::cli::evolve_command;
using treatysim::cli::EvolveOptions;

namespace {

EvolveOptions small(const std::string& file) {
  EvolveOptions options;
  options.file = file;
  options.generations = 20;
  options.population = 20;
  options.runs = 50;
  options.seed = 3;
  return options;
}

std::string output(const EvolveOptions& options) {
  std::ostringstream out;
  REQUIRE(evolve_command(options, out) == 0);
  return out.str();
}

bool has_line(const std::string& text, const std::string& line) {
  const auto lines = cli_test::lines_of(text);
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

std::string error_of(const EvolveOptions& options) {
  std::ostringstream out;
  try {
    (void)evolve_command(options, out);
  } catch (const UserError& e) {
    CHECK(out.str().empty());
    return e.what();
  }
  return "";
}

const std::string kHawkDove = cli_test::config("tournaments/hawk-dove.toml");
const std::string kSummary = std::string(TREATYSIM_TEST_DATA) + "/evolve/summary.json";

}  // namespace

TEST_CASE("evolve: hawk-dove's tables: matrix, equilibrium at 2/3 hawks, regrets, shares") {
  const std::string text = output(small(kHawkDove));
  CAPTURE(text);
  for (const char* line : {
           "           hawk    dove",
           "  hawk  -1.0000  4.0000",
           "  dove   0.0000  2.0000",
           "Symmetric Nash equilibria of the meta-game (support enumeration): 1",
           "  #     hawk   dove  payoff  regret  ESS",
           "  NE1  0.667  0.333  0.6667  0.0000  yes",
           "  strategy     NE1  all-play",
           "  hawk      0.0000    1.0000",
           "  dove      0.0000    2.0000",
           "Replicator dynamics (from hawk 0.500, dove 0.500; 20 Runge-Kutta steps per generation)",
           "  generation   hawk   dove",
           "  0           0.500  0.500",
           "  20          0.667  0.333",
           "Moran process (N = 20, w = 0.1, seed 3; mean shares over 50 runs from 10 hawk, 10 "
           "dove)",
           "Fixation probability of one mutant (row) among 19 residents (column): estimate +- "
           "standard error over 50 runs [exact]; neutral 1/N = 0.0500",
       }) {
    CHECK_MESSAGE(has_line(text, line), line);
  }
}

TEST_CASE(
    "evolve: a tournament summary: tit-for-tat's pure equilibrium and hand-computed regrets") {
  const std::string text = output(small(kSummary));
  CAPTURE(text);
  for (const char* line : {
           "Payoff matrix \"hand-written\" (" TREATYSIM_TEST_DATA
           "/evolve/summary.json): 3 strategies; row's payoff against column",
           "  #    boulware  conceder  tit-for-tat  payoff  regret  ESS",
           "  NE1     0.000     0.000        1.000  0.6000  0.0000  yes",
           "  boulware     0.0500    0.2000",
           "  conceder     0.1500    0.2000",
           "  tit-for-tat  0.0000    0.0000",
       }) {
    CHECK_MESSAGE(has_line(text, line), line);
  }
}

TEST_CASE("evolve: the CSV has a header and one row per generation of each process") {
  cli_test::TempDir dir;
  EvolveOptions options = small(kHawkDove);
  options.out = (dir.path() / "shares.csv").string();
  const std::string text = output(options);
  CHECK(text.find("Shares over time written to " + options.out) != std::string::npos);
  const auto rows = cli_test::lines_of(cli_test::read_file(options.out));
  REQUIRE(rows.size() == 1 + 21 + 21);
  CHECK(rows[0] == "process,generation,hawk,dove");
  CHECK(rows[1] == "replicator,0,0.5,0.5");
  CHECK(rows[21].rfind("replicator,20,0.6666", 0) == 0);
  CHECK(rows[22] == "moran,0,0.5,0.5");
  CHECK(rows[42].rfind("moran,20,", 0) == 0);
  // The rows are the engine's numbers (rounded to 12 significant digits).
  const auto matrix = treatysim::load_payoff_matrix(kHawkDove);
  treatysim::PopulationOptions population;
  population.generations = 20;
  population.population = 20;
  population.runs = 50;
  population.seed = 3;
  const auto result = treatysim::evolve(matrix, population);
  const auto csv_number = [](double x) {
    return treatysim::format_number(treatysim::round_for_output(x));
  };
  CHECK(rows[42] == "moran,20," + csv_number(result.moran.mean_share[20][0]) + "," +
                        csv_number(result.moran.mean_share[20][1]));
}

TEST_CASE("evolve: the same seed gives the same bytes, another seed other Moran numbers") {
  const EvolveOptions options = small(kSummary);
  const std::string first = output(options);
  CHECK(output(options) == first);
  EvolveOptions other = options;
  other.seed = 4;
  CHECK(output(other) != first);
}

TEST_CASE("evolve: --format json carries the engine's result") {
  EvolveOptions options = small(cli_test::config("tournaments/stag-hunt.toml"));
  options.format = "json";
  const auto json = nlohmann::json::parse(output(options));
  CHECK(json["format"] == "treatysim-evolve");
  CHECK(json["strategies"] == std::vector<std::string>{"stag", "hare"});
  const auto& equilibria = json["metagame"]["equilibria"];
  REQUIRE(equilibria.size() == 3);
  CHECK(equilibria[2]["mix"] == std::vector<double>{0.75, 0.25});
  CHECK(equilibria[0]["support"] == std::vector<std::string>{"stag"});
  CHECK(equilibria[1]["strategy_regret"] == std::vector<double>{3, 0});
  CHECK(equilibria[1]["evolutionarily_stable"] == true);
  CHECK(equilibria[2]["evolutionarily_stable"] == false);
  CHECK(json["replicator"].size() == 21);
  CHECK(json["moran"]["mean_share"].size() == 21);
  REQUIRE(json["fixation"].size() == 2);
  CHECK(json["fixation"][0]["mutant"] == "stag");
  CHECK(json["fixation"][0]["runs"] == 50);
  CHECK(json["options"]["population"] == 20);
}

TEST_CASE("evolve: bad input throws a UserError naming the file or flag, and writes no CSV") {
  cli_test::TempDir dir;
  EvolveOptions options =
      small(std::string(TREATYSIM_TEST_DATA) + "/evolve/summary-no-self-play.json");
  options.out = (dir.path() / "shares.csv").string();
  CHECK(error_of(options) ==
        options.file +
            ": payoff_matrix.mean_utility[0][0]: the diagonal is null: the tournament ran "
            "without self-play, so \"boulware\"'s payoff against itself is unknown; population "
            "dynamics and the meta-game need it (run the tournament with self_play = true in its "
            "[tournament] table)");
  CHECK_FALSE(std::filesystem::exists(options.out));

  options.file = kHawkDove;
  options.selection = 0.6;
  CHECK(error_of(options) ==
        "--selection: fitness 1 − w + w·payoff must stay positive, and the smallest payoff is -1: "
        "expected w below 0.5, got 0.6");
  options.selection = 0.1;
  options.population = 1;
  CHECK(error_of(options) == "--population: expected a population size from 2 to 100000, got 1");
  options.population = 20;
  options.format = "csv";
  CHECK(error_of(options) == "--format: expected text or json, got \"csv\"");
  CHECK_FALSE(std::filesystem::exists(options.out));
}

namespace {

// A payoff-matrix file with strategies a and b and the given payoffs (TOML text), in `dir`.
std::string matrix_file(const cli_test::TempDir& dir, const std::string& payoffs) {
  const std::string path = (dir.path() / "game.toml").string();
  cli_test::write_file(path,
                       "[payoff_matrix]\nstrategies = [\"a\", \"b\"]\npayoffs = " + payoffs + "\n");
  return path;
}

}  // namespace

TEST_CASE("evolve: large payoffs: hawk-dove x100 ends at 2/3 hawks, a dominant a wins") {
  cli_test::TempDir dir;
  // (A + 100)/50 = [[0, 10], [2, 6]]: rest point 2/3, the gap shrinking like e^(−4t/3).
  // The Moran process uses the payoffs as given: 1 − w + w·(−100) > 0 needs w < 1/101.
  EvolveOptions options = small(matrix_file(dir, "[[-100, 400], [0, 200]]"));
  options.selection = 0.005;
  std::string text = output(options);
  CAPTURE(text);
  CHECK(has_line(text, "  20          0.667  0.333"));
  CHECK(has_line(text,
                 "note: the payoffs span more than 10, so the dynamics run on them divided by 50 "
                 "(the same path, to the same rest points): a generation is 50 units of payoff "
                 "time"));
  // a earns 100·x_a, b nothing: a grows from 1/2 to 1.
  text = output(small(matrix_file(dir, "[[100, 0], [0, 0]]")));
  CHECK(has_line(text, "  20          1.000  0.000"));
  // 1e11 no longer stops the program: the same dynamics, 1e10 units of payoff time per generation.
  options = small(matrix_file(dir, "[[1e11, 0], [0, 0]]"));
  text = output(options);
  CHECK(has_line(text, "  20          1.000  0.000"));
  options.format = "json";
  const auto json = nlohmann::json::parse(output(options));
  CHECK(json["replicator_time_scale"] == 1e10);
  CHECK(json["replicator"][20][0] == 1.0);
  // Hawk-dove as shipped spans 5: time stays payoff time, and the JSON says so.
  options = small(kHawkDove);
  options.format = "json";
  CHECK(nlohmann::json::parse(output(options))["replicator_time_scale"] == 1.0);
  CHECK(output(small(kHawkDove)).find("note: the payoffs span") == std::string::npos);
}

TEST_CASE("evolve: --initial-shares 1e308,1e308 starts from equal shares") {
  EvolveOptions options = small(kHawkDove);
  options.initial_shares = "1e308,1e308";
  const std::string text = output(options);
  CAPTURE(text);
  CHECK(has_line(text,
                 "Replicator dynamics (from hawk 0.500, dove 0.500; 20 Runge-Kutta steps "
                 "per generation)"));
  CHECK(has_line(text, "  20          0.667  0.333"));
  options.initial_shares = "nan,1";
  CHECK(error_of(options) == "--initial-shares: expected finite shares ≥ 0, got nan");
  options.initial_shares = "1e400,1";  // not a double
  CHECK(error_of(options).rfind("--initial-shares: expected numbers separated by commas", 0) == 0);
}

TEST_CASE("evolve: payoffs beyond 1e12 and NaN payoffs are refused, naming file and key") {
  cli_test::TempDir dir;
  EvolveOptions options = small(matrix_file(dir, "[[1, 1e13], [0, 0]]"));
  options.out = (dir.path() / "shares.csv").string();
  CHECK(error_of(options) ==
        options.file +
            ": payoffs[0][1]: expected a payoff from -1e+12 to 1e+12 (the Moran process uses "
            "payoffs as fitness, unscaled), got 1e+13 (\"a\" against \"b\"); divide the payoffs "
            "by a constant (the equilibria and the replicator's path stay the same)");
  options.file = matrix_file(dir, "[[nan, 0], [0, 0]]");
  CHECK(error_of(options) ==
        options.file + ":3:13: payoff_matrix.payoffs[0][0]: expected a finite number");
  // A tournament summary whose mean utility is 1e20.
  std::string summary = cli_test::read_file(kSummary);
  const std::string cell = "[0.30, 0.70, 0.55]";
  REQUIRE(summary.find(cell) != std::string::npos);
  summary.replace(summary.find(cell), cell.size(), "[0.30, 1e20, 0.55]");
  options.file = (dir.path() / "summary.json").string();
  cli_test::write_file(options.file, summary);
  CHECK(error_of(options).rfind(options.file + ": payoffs[0][1]: expected a payoff from -1e+12",
                                0) == 0);
  CHECK_FALSE(std::filesystem::exists(options.out));
}
