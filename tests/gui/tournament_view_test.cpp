// The tournament view's model: hand-written summaries (tests/data/evolve,
// tests/data/tournament-view) and the hawk-dove matrix file, read as written, and the population
// dynamics computed by the engine's evolve() on a worker thread.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "engine/model/user_error.hpp"
#include "gui/logic/tournament_view.hpp"
#include "tests/support/temp_dir.hpp"

using treatysim::UserError;
using treatysim::gui::EvolveSettings;
using treatysim::gui::load_tournament_data;
using treatysim::gui::TournamentData;
using treatysim::gui::TournamentView;

namespace {

std::string data_file(const std::string& name) {
  return std::string(TREATYSIM_TEST_DATA) + "/" + name;
}

std::string error_of(const std::string& path) {
  try {
    (void)load_tournament_data(path);
  } catch (const UserError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("tournament view: the evolve test summary gives its matrix as written") {
  const TournamentData data = load_tournament_data(data_file("evolve/summary.json"));
  CHECK(data.name == "hand-written");
  CHECK(data.complete);
  REQUIRE(data.pairwise.labels == std::vector<std::string>{"boulware", "conceder", "tit-for-tat"});
  REQUIRE(data.pairwise.values.size() == 3);
  CHECK(data.pairwise.values[0][1] == 0.70);
  CHECK(data.pairwise.values[2][0] == 0.50);
  CHECK(data.pairwise.counts[1][1] == 20);
  CHECK(data.ranking.empty());
  REQUIRE(data.matrix.has_value());
  CHECK(data.matrix_error.empty());
  CHECK(data.matrix->payoff[1][2] == 0.45);
}

TEST_CASE("tournament view: a results folder opens its summary.json") {
  const treatysim::testing::TempDir dir;
  std::filesystem::copy_file(data_file("tournament-view/summary.json"),
                             dir.path() / "summary.json");
  const TournamentData data = load_tournament_data(dir.path().string());
  CHECK(data.path == (dir.path() / "summary.json").string());
  CHECK(data.name == "three-strategies");
}

TEST_CASE("tournament view: ranking rows and adjacent tests as the summary states them") {
  const TournamentData data = load_tournament_data(data_file("tournament-view/summary.json"));
  CHECK_FALSE(data.complete);
  CHECK(data.negotiations_done == 90);
  CHECK(data.negotiations_total == 120);
  REQUIRE(data.ranking.size() == 3);
  CHECK(data.ranking[0].rank == 1);
  CHECK(data.ranking[0].competitor == "tit-for-tat");
  CHECK(data.ranking[0].strategy == "nice_tit_for_tat");
  CHECK(data.ranking[0].n == 50);
  CHECK(data.ranking[0].mean == 0.56);
  CHECK(data.ranking[0].ci_low == 0.5316);
  CHECK(data.ranking[0].ci_high == 0.5884);
  CHECK(data.ranking[1].agreement_rate == 0.7);
  CHECK(data.ranking[2].mean_offers == 4.0);
  CHECK_FALSE(data.ranking[2].mean_distance_to_nash.has_value());
  REQUIRE(data.adjacent.size() == 2);
  CHECK_FALSE(data.adjacent[0].significant);
  CHECK(data.adjacent[1].significant);
  CHECK(data.adjacent[1].higher == "boulware");
  CHECK(data.adjacent[1].holm_p_value == 0.02);
}

TEST_CASE(
    "tournament view: without self-play the heatmap loads and population dynamics say why not") {
  const TournamentData data = load_tournament_data(data_file("tournament-view/no-self-play.json"));
  REQUIRE(data.pairwise.values.size() == 2);
  CHECK_FALSE(data.pairwise.values[0][0].has_value());
  CHECK(data.pairwise.values[1][0] == 0.75);
  CHECK_FALSE(data.matrix.has_value());
  CHECK(data.matrix_error.find("self-play") != std::string::npos);
  REQUIRE(data.ranking.size() == 2);
  CHECK_FALSE(data.ranking[1].ci_low.has_value());

  TournamentView view;
  view.open(data_file("tournament-view/no-self-play.json"));
  CHECK_FALSE(view.computing());
  CHECK_FALSE(view.population().has_value());
}

TEST_CASE("tournament view: errors name the file and the key") {
  const std::string bad = data_file("tournament-view/bad-mean.json");
  const std::string message = error_of(bad);
  CHECK(message.find(bad) != std::string::npos);
  CHECK(message.find("ranking[0].mean_utility") != std::string::npos);
  CHECK(message.find("\"high\"") != std::string::npos);

  const std::string missing = data_file("tournament-view/no-such-file.json");
  CHECK(error_of(missing).find("no such file") != std::string::npos);

  // Not a summary: the scenario files are TOML without [payoff_matrix].
  const std::string scenario = std::string(TREATYSIM_SOURCE_DIR) + "/configs/split-the-pie.toml";
  CHECK(error_of(scenario).find("payoff_matrix") != std::string::npos);

  TournamentView view;
  CHECK_THROWS_AS(view.open(bad), UserError);
  CHECK_FALSE(view.has_data());
}

TEST_CASE("tournament view: hawk-dove settles at two-thirds hawks") {
  TournamentView view;
  view.open(std::string(TREATYSIM_SOURCE_DIR) + "/configs/tournaments/hawk-dove.toml");
  REQUIRE(view.has_data());
  CHECK(view.data().name == "hawk-dove");
  CHECK(view.data().ranking.empty());
  CHECK(view.data().pairwise.values[0][0] == -1.0);
  EvolveSettings settings;
  settings.generations = 40;
  settings.population = 30;
  settings.runs = 20;
  settings.seed = 7;
  view.request_evolve(settings);
  view.wait();
  CHECK_FALSE(view.computing());
  REQUIRE(view.population().has_value());
  const auto& result = *view.population();
  CHECK(result.options.population == 30);
  CHECK(result.options.seed == 7);
  REQUIRE(result.replicator.size() == 41);
  CHECK(result.replicator.front()[0] == doctest::Approx(0.5));
  CHECK(result.replicator.back()[0] == doctest::Approx(2.0 / 3.0).epsilon(0.01));
  REQUIRE(result.moran.mean_share.size() == 41);
  bool mixed = false;
  for (const auto& equilibrium : result.metagame.equilibria) {
    if (equilibrium.support.size() == 2) {
      mixed = true;
      CHECK(equilibrium.mix[0] == doctest::Approx(2.0 / 3.0));
    }
  }
  CHECK(mixed);
}

TEST_CASE("tournament view: bad settings are refused and the settings kept") {
  TournamentView view;
  view.open(std::string(TREATYSIM_SOURCE_DIR) + "/configs/tournaments/hawk-dove.toml");
  view.wait();
  const EvolveSettings before = view.settings();
  EvolveSettings bad = before;
  bad.selection = 1.5;
  CHECK_THROWS_AS(view.request_evolve(bad), UserError);
  CHECK(view.settings() == before);
  CHECK_FALSE(view.computing());
}

TEST_CASE("tournament view: queued requests end with the newest settings, same seed same shares") {
  TournamentView view;
  view.open(data_file("evolve/summary.json"));
  EvolveSettings first;
  first.generations = 10;
  first.population = 20;
  first.runs = 10;
  EvolveSettings second = first;
  second.generations = 12;
  view.request_evolve(first);
  view.request_evolve(second);
  view.wait();
  REQUIRE(view.population().has_value());
  CHECK(view.population()->moran.mean_share.size() == 13);
  const auto shares = view.population()->moran.mean_share;
  view.request_evolve(second);
  view.wait();
  CHECK(view.population()->moran.mean_share == shares);
}
