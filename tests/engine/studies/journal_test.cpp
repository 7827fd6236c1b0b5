// Tournament journals read line by line (read_tournament_journal), resuming a folder that holds
// another tournament's rows, and the limits on competitors and scenarios (docs/reliability.md).
#include <doctest/doctest.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "engine/model/user_error.hpp"
#include "engine/studies/tournament.hpp"
#include "engine/studies/tournament_results.hpp"
#include "engine/studies/tournament_run.hpp"
#include "tests/support/temp_dir.hpp"

using treatysim::JournalPrefix;
using treatysim::TournamentPlan;
using treatysim::TournamentRow;
using treatysim::UserError;

namespace {

TournamentPlan plan_with_seed(std::uint64_t seed) {
  TournamentPlan plan;
  plan.name = "journal";
  for (const char* label : {"x", "y", "z"}) {
    plan.competitors.push_back({label, treatysim::parse_spec("linear")});
  }
  plan.scenarios.push_back({"s", {"us", "cn"}, "0000000000000000"});
  plan.repetitions = 2;
  plan.seed = seed;
  plan.metrics = {treatysim::TournamentMetric::kAgreement};
  return plan;
}

// The CSV of rows 0 … count−1 of `plan`, each an agreement after 3 offers worth 0.5 to both.
std::string journal_of(const TournamentPlan& plan, std::uint64_t count) {
  std::string csv = treatysim::tournament_csv_header(plan);
  for (std::uint64_t k = 0; k < count; ++k) {
    TournamentRow row;
    row.slot = plan.slot(k);
    row.end = "agreement";
    row.agreement = true;
    row.offers = 3;
    row.utilities = {0.5, 0.5};
    row.social_welfare = 1.0;
    row.distance_to_pareto = 0.25;
    row.reservations = std::array<double, 2>{0.25, 0.125};
    csv += treatysim::tournament_csv_line(plan, row);
  }
  return csv;
}

// Line `n` (0: the header) of a CSV, with its newline.
std::string line_of(const std::string& csv, std::size_t n) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < n; ++i) start = csv.find('\n', start) + 1;
  return csv.substr(start, csv.find('\n', start) + 1 - start);
}

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("journal: streamed rows agree with the text reader, cut short or not") {
  const treatysim::testing::TempDir dir;
  const TournamentPlan plan = plan_with_seed(5);
  const std::string csv = journal_of(plan, 12);
  const auto path = dir.path() / "negotiations.csv.partial";
  for (const std::size_t cut : {csv.size(), csv.size() - 1, csv.size() - 40, std::size_t{300},
                                std::size_t{20}, std::size_t{0}}) {
    write(path, csv.substr(0, cut));
    std::vector<TournamentRow> rows;
    const JournalPrefix prefix = treatysim::read_tournament_journal(
        plan, path.string(), [&](const TournamentRow& row) { rows.push_back(row); });
    const treatysim::CsvRows text =
        treatysim::parse_tournament_csv(plan, csv.substr(0, cut), "f", true);
    CHECK(rows == text.rows);
    CHECK(prefix.rows == text.rows.size());
    CHECK(prefix.valid_bytes == text.valid_bytes);
    CHECK_FALSE(prefix.foreign.has_value());
  }
  write(path, "index,scenario,bogus\n");
  CHECK_THROWS_WITH_AS(
      static_cast<void>(
          treatysim::read_tournament_journal(plan, path.string(), [](const TournamentRow&) {})),
      (path.string() + ":1: not a tournament's negotiations.csv (unexpected header)").c_str(),
      UserError);
}

TEST_CASE("journal: another tournament's rows stop the reading and are reported") {
  const treatysim::testing::TempDir dir;
  const TournamentPlan mine = plan_with_seed(5);
  const TournamentPlan other = plan_with_seed(6);  // the same list, other seeds
  const auto path = dir.path() / "negotiations.csv.partial";
  // Two rows of this tournament, then one of the other.
  const std::string own = journal_of(mine, 2);
  const std::string foreign = journal_of(other, 3);
  write(path, own + line_of(foreign, 3) + line_of(own, 1));
  std::uint64_t seen = 0;
  const JournalPrefix prefix = treatysim::read_tournament_journal(
      mine, path.string(), [&](const TournamentRow&) { ++seen; });
  CHECK(seen == 2);
  CHECK(prefix.rows == 2);
  CHECK(prefix.valid_bytes == own.size());
  REQUIRE(prefix.foreign.has_value());
  CHECK(std::string(prefix.foreign->what()) ==
        path.string() +
            ":4: negotiation 2 does not match this tournament's (another tournament's "
            "file?)");
}

TEST_CASE("resume: a journal of another tournament without summary.json is refused, not cut") {
  const treatysim::testing::TempDir dir;
  const TournamentPlan mine = plan_with_seed(5);
  const TournamentPlan other = plan_with_seed(6);
  const auto journal = dir.path() / "negotiations.csv.partial";
  const std::string text = journal_of(other, 5);
  write(journal, text);
  CHECK_THROWS_WITH_AS(
      treatysim::TournamentFiles(dir.path().string(), mine, treatysim::Shard{}, true, false),
      (journal.string() +
       ":2: negotiation 0 does not match this tournament's (another tournament's file?); use "
       "another --out, or remove the file")
          .c_str(),
      UserError);
  CHECK(read(journal) == text);  // untouched: once, it was cut to its header
  CHECK_FALSE(std::filesystem::exists(dir.path() / "summary.json"));
  // The same journal cut short by a crash of this tournament is resumed as before.
  write(journal, journal_of(mine, 5) + "3,s,1");
  treatysim::TournamentFiles files(dir.path().string(), mine, treatysim::Shard{}, true, false);
  CHECK(files.done() == 5);
  CHECK(files.resumed() == 5);
}

TEST_CASE("tournament limits: at most 1000 competitors and 1000 scenarios") {
  std::string text = "[tournament]\nname = \"big\"\n";
  for (int i = 0; i < 1001; ++i) {
    text += "[[competitors]]\nlabel = \"c" + std::to_string(i) + "\"\nstrategy = \"linear\"\n";
  }
  const std::string source = TREATYSIM_SOURCE_DIR "/configs/tournaments/big.toml";
  const auto accept = [](const treatysim::Spec&, const treatysim::Scenario&,
                         treatysim::PartyIndex) {};
  CHECK_THROWS_WITH_AS(
      static_cast<void>(treatysim::parse_tournament(text, source, accept)),
      (source + ":3:1: competitors: expected at most 1000 competitors, got 1001").c_str(),
      UserError);
  std::string scenarios =
      "[tournament]\nname = \"big\"\n[[competitors]]\nlabel = \"a\"\n"
      "strategy = \"linear\"\n[[competitors]]\nlabel = \"b\"\n"
      "strategy = \"linear\"\n";
  for (int i = 0; i < 1001; ++i) scenarios += "[[scenarios]]\nfile = \"../three-clauses.toml\"\n";
  CHECK_THROWS_WITH_AS(
      static_cast<void>(treatysim::parse_tournament(scenarios, source, accept)),
      (source + ":9:1: scenarios: expected at most 1000 scenarios, got 1001").c_str(), UserError);
  // summary.json's plan (what `merge` rebuilds) has the same limits.
  TournamentPlan plan = plan_with_seed(5);
  nlohmann::ordered_json json = treatysim::tournament_plan_to_json(plan);
  for (int i = 0; i < 1001; ++i) json["competitors"].push_back(json["competitors"][0]);
  CHECK_THROWS_WITH_AS(
      static_cast<void>(treatysim::tournament_plan_from_json(json, "summary.json")),
      doctest::Contains("expected at most 1000 competitors, got 1004"), UserError);
}
