// Payoff matrices (engine/studies/payoff_matrix.hpp): the shipped teaching games and a hand-written
// tournament summary load with the numbers in the files; bad files give UserErrors naming the
// file, line and key and saying what was expected.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/model/user_error.hpp"
#include "engine/studies/payoff_matrix.hpp"

using treatysim::PayoffMatrix;

namespace {

std::string config(const std::string& name) {
  return std::string(TREATYSIM_SOURCE_DIR) + "/configs/tournaments/" + name;
}

// what() of the UserError parsing `text` as TOML throws ("" when it parses).
std::string toml_error(const std::string& text) {
  try {
    (void)treatysim::parse_payoff_matrix_toml(text, "game.toml");
  } catch (const treatysim::UserError& e) {
    return e.what();
  }
  return "";
}

std::string json_error(const std::string& text) {
  try {
    (void)treatysim::parse_tournament_summary(text, "summary.json");
  } catch (const treatysim::UserError& e) {
    return e.what();
  }
  return "";
}

const char* const kSummaryHead =
    R"({"format": "treatysim-tournament-summary", "version": 1, "complete": false,
        "tournament": "t", "competitors": ["a", "b"], "payoff_matrix": {"competitors": ["a", "b"],
        "mean_utility": )";

}  // namespace

TEST_CASE("payoff matrix: the shipped teaching games load") {
  const PayoffMatrix hd = treatysim::load_payoff_matrix(config("hawk-dove.toml"));
  CHECK(hd.name == "hawk-dove");
  CHECK(hd.strategies == std::vector<std::string>{"hawk", "dove"});
  CHECK(hd.payoff == std::vector<std::vector<double>>{{-1, 4}, {0, 2}});
  CHECK(hd.complete);
  CHECK(treatysim::load_payoff_matrix(config("prisoners-dilemma.toml")).payoff[1][0] == 5.0);
  CHECK(treatysim::load_payoff_matrix(config("rock-paper-scissors.toml")).size() == 3);
  CHECK(treatysim::load_payoff_matrix(config("stag-hunt.toml")).payoff[0][0] == 4.0);
}

TEST_CASE("payoff matrix: a tournament summary gives mean_utility and its labels") {
  const PayoffMatrix m =
      treatysim::load_payoff_matrix(std::string(TREATYSIM_TEST_DATA) + "/evolve/summary.json");
  CHECK(m.name == "hand-written");
  CHECK(m.strategies == std::vector<std::string>{"boulware", "conceder", "tit-for-tat"});
  CHECK(m.payoff[0][1] == 0.70);
  CHECK(m.payoff[2][2] == 0.60);
  CHECK(m.complete);
  const PayoffMatrix partial = treatysim::parse_tournament_summary(
      std::string(kSummaryHead) + "[[1, 2], [3, 4]]}}", "summary.json");
  CHECK_FALSE(partial.complete);
  CHECK(partial.payoff == std::vector<std::vector<double>>{{1, 2}, {3, 4}});
}

TEST_CASE("payoff matrix: a summary without self-play is refused, saying why") {
  CHECK(
      json_error(std::string(kSummaryHead) + "[[null, 2], [3, null]]}}") ==
      "summary.json: payoff_matrix.mean_utility[0][0]: the diagonal is null: the tournament ran "
      "without self-play, so \"a\"'s payoff against itself is unknown; population dynamics and "
      "the meta-game need it (run the tournament with self_play = true in its [tournament] table)");
  CHECK(json_error(std::string(kSummaryHead) + "[[1, null], [3, 4]]}}") ==
        "summary.json: payoff_matrix.mean_utility[0][1]: null: \"a\" never met \"b\" (expected a "
        "number for every pair)");
}

TEST_CASE("payoff matrix: bad summaries name the key and what was expected") {
  CHECK(json_error("{\"format\": \"treatysim-trace\"}") ==
        "summary.json: format: expected \"treatysim-tournament-summary\", got \"treatysim-trace\"");
  CHECK(json_error(R"({"format": "treatysim-tournament-summary", "version": 2})") ==
        "summary.json: version: expected 1 (the summary format this program reads), got 2");
  CHECK(json_error(R"({"format": "treatysim-tournament-summary", "version": 1})") ==
        "summary.json: payoff_matrix: missing key (expected an object with competitors and "
        "mean_utility)");
  CHECK(json_error(std::string(kSummaryHead) + "[[1, 2]]}}") ==
        "summary.json: payoff_matrix.mean_utility: expected a 2 × 2 array (one row per "
        "competitor), got [[1,2]]");
  CHECK(json_error(std::string(kSummaryHead) + "[[1, \"x\"], [3, 4]]}}") ==
        "summary.json: payoff_matrix.mean_utility[0][1]: expected a number, got \"x\"");
  CHECK(json_error("{").rfind("summary.json: not a JSON tournament summary: ", 0) == 0);
}

TEST_CASE("payoff matrix: bad TOML files name the line, the key and what was expected") {
  CHECK(toml_error("[game]\n") ==
        "game.toml: payoff_matrix: missing table (expected [payoff_matrix] with strategies and "
        "payoffs, or a tournament's summary.json)");
  CHECK(toml_error("[payoff_matrix]\nstrategies = [\"a\", \"b\"]\npayoffs = [[1, 2], [3]]\n") ==
        "game.toml:3:20: payoff_matrix.payoffs[1]: expected an array of 2 numbers (\"b\" against "
        "each strategy)");
  CHECK(toml_error("[payoff_matrix]\nstrategies = [\"a\", \"b\"]\npayoffs = [[1, 2], [3, "
                   "\"x\"]]\n") ==
        "game.toml:3:24: payoff_matrix.payoffs[1][1]: expected a finite number");
  CHECK(toml_error("[payoff_matrix]\nstrategies = [\"a\", \"a\"]\npayoffs = [[1, 2], [3, 4]]\n") ==
        "game.toml:2:14: payoff_matrix.strategies[1]: duplicate label \"a\" (labels must differ)");
  CHECK(toml_error("[payoff_matrix]\nstrategies = [\"a\"]\npayoffs = [[1]]\n") ==
        "game.toml:2:14: payoff_matrix.strategies: expected 2 to 16 strategies, got 1");
  CHECK(toml_error("[payoff_matrix]\nstrategies = [\"a\", \"b\"]\npayof = [[1, 2], [3, 4]]\n") ==
        "game.toml:3:1: payoff_matrix.payof: unknown key (expected one of: name, strategies, "
        "payoffs)");
  CHECK(toml_error("[payoff_matrix]\nstrategies = [\"a\", \"b\"]\n") ==
        "game.toml: payoff_matrix.payoffs: missing key (expected a square array: payoffs[i][j] "
        "is the payoff to strategies[i] against strategies[j])");
  CHECK(toml_error("[payoff_matrix\n").rfind("game.toml:1:", 0) == 0);
}
