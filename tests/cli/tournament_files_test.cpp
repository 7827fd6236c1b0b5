// tournament_files_test.cpp — `tournament --resume` and `merge` on output folders that were
// edited by hand or come from elsewhere: every bad summary.json, plan or row is a UserError (exit
// status 2) naming the file, the key and what was expected — never an uncaught library exception.
#include <doctest/doctest.h>

#include <filesystem>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli_test_support.hpp"
#include "engine/model/user_error.hpp"

namespace {

using nlohmann::ordered_json;

// A tournament of 4 negotiations (2 competitors, both sides, 2 repetitions, split-the-pie): its
// whole run in WHOLE, and shards 1/2 and 2/2 in S1 and S2.
struct Runs {
  cli_test::TempDir dir;
  std::string toml = dir.write("t.toml",
                               "[tournament]\nname = \"t\"\nrepetitions = 2\nseed = 5\n"
                               "[[competitors]]\nlabel = \"b\"\nstrategy = \"boulware\"\n"
                               "[[competitors]]\nlabel = \"c\"\nstrategy = \"conceder\"\n"
                               "[[scenarios]]\nfile = \"" +
                                   cli_test::config("split-the-pie.toml") + "\"\n");
  std::string whole = dir.file("whole");
  std::string s1 = dir.file("s1");
  std::string s2 = dir.file("s2");
};

treatysim::cli::TournamentOptions tournament_options(const std::string& toml,
                                                     const std::string& out,
                                                     const std::string& shard, bool resume) {
  treatysim::cli::TournamentOptions options;
  options.file = toml;
  options.out = out;
  options.shard = shard;
  options.resume = resume;
  options.jobs = 1;
  return options;
}

int tournament(const std::string& toml, const std::string& out, const std::string& shard = "",
               bool resume = false) {
  std::ostringstream sink;
  return treatysim::cli::tournament_command(tournament_options(toml, out, shard, resume), sink);
}

// A finished run and both shards.
void play_all(const Runs& runs) {
  REQUIRE(tournament(runs.toml, runs.whole) == 0);
  REQUIRE(tournament(runs.toml, runs.s1, "1/2") == 0);
  REQUIRE(tournament(runs.toml, runs.s2, "2/2") == 0);
}

// The UserError message of a call, or "(no error)".
std::string error_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const treatysim::UserError& e) {
    return e.what();
  }
  return "(no error)";
}

std::string merge_error(const std::vector<std::string>& dirs, const std::string& out) {
  return error_of([&] {
    std::ostringstream sink;
    static_cast<void>(treatysim::cli::merge_command({dirs, out}, sink));
  });
}

std::string resume_error(const Runs& runs, const std::string& dir, const std::string& shard) {
  return error_of([&] { static_cast<void>(tournament(runs.toml, dir, shard, true)); });
}

std::string summary_of(const std::string& dir) {
  return (std::filesystem::path(dir) / "summary.json").string();
}

ordered_json read_json(const std::string& path) {
  return ordered_json::parse(cli_test::read_file(path));
}

// summary.json of `dir` after `edit`.
void edit_summary(const std::string& dir, const std::function<void(ordered_json&)>& edit) {
  ordered_json json = read_json(summary_of(dir));
  edit(json);
  cli_test::write_file(summary_of(dir), json.dump(2) + "\n");
}

// Replaces the `column`-th field (0-based) of data row `row` (1-based) of a negotiations.csv text.
std::string with_field(const std::string& csv, int row, std::size_t column,
                       const std::string& value) {
  std::vector<std::string> lines = cli_test::lines_of(csv);
  std::string& line = lines.at(static_cast<std::size_t>(row));
  std::size_t start = 0;
  for (std::size_t c = 0; c < column; ++c) start = line.find(',', start) + 1;
  const std::size_t end = line.find(',', start);
  line.replace(start, (end == std::string::npos ? line.size() : end) - start, value);
  std::string text;
  for (const std::string& l : lines) text += l + "\n";
  return text;
}

}  // namespace

TEST_CASE("tournament refuses an --out whose summary.json is not a tournament's, with the key") {
  const Runs runs;
  const std::string dir = runs.dir.file("d");
  std::filesystem::create_directories(dir);
  cli_test::write_file(summary_of(dir), "{\"format\": 5}\n");
  const std::string expected =
      summary_of(dir) +
      ": format: expected \"treatysim-tournament-summary\" as in a tournament's summary.json, got "
      "5; use another --out, or remove the file";
  CHECK(error_of([&] { static_cast<void>(tournament(runs.toml, dir)); }) == expected);
  CHECK(resume_error(runs, dir, "") == expected);
  cli_test::write_file(summary_of(dir), "[1, 2]\n");
  CHECK(resume_error(runs, dir, "") ==
        summary_of(dir) +
            ": expected a JSON object (a tournament's summary.json), got [1,2]; use another "
            "--out, or remove the file");
}

TEST_CASE("tournament --resume checks the type of every summary.json member it reads") {
  const Runs runs;
  REQUIRE(tournament(runs.toml, runs.s1, "1/2") == 0);
  const std::string path = summary_of(runs.s1);
  const std::string advice = "; use another --out, or remove the file";
  edit_summary(runs.s1, [](ordered_json& j) { j["shard"] = 5; });
  CHECK(resume_error(runs, runs.s1, "1/2") ==
        path + ": shard: expected null or \"i/n\", got 5" + advice);
  edit_summary(runs.s1, [](ordered_json& j) { j["shard"] = "3/2"; });
  CHECK(resume_error(runs, runs.s1, "1/2") ==
        path + ": shard: expected null or \"i/n\" with 1 ≤ i ≤ n, got \"3/2\"" + advice);
  edit_summary(runs.s1, [](ordered_json& j) { j["shard"] = "1/2"; });
  edit_summary(runs.s1, [](ordered_json& j) { j["complete"] = "yes"; });
  // Without --resume too: whether the run is complete decides whether it may be replaced.
  CHECK(error_of([&] { static_cast<void>(tournament(runs.toml, runs.s1, "1/2")); }) ==
        path + ": complete: expected true or false, got \"yes\"" + advice);
  edit_summary(runs.s1, [](ordered_json& j) { j["complete"] = true; });
  edit_summary(runs.s1, [](ordered_json& j) { j["plan"]["fingerprint"] = nullptr; });
  CHECK(resume_error(runs, runs.s1, "1/2") ==
        path + ": plan.fingerprint: expected the plan's fingerprint, a string, got null" + advice);
  edit_summary(runs.s1, [](ordered_json& j) { j.erase("plan"); });
  CHECK(resume_error(runs, runs.s1, "1/2") ==
        path + ": plan: missing key (expected the tournament's plan, an object)" + advice);
}

TEST_CASE("merge names the summary.json key that is missing or of the wrong type") {
  const Runs runs;
  play_all(runs);
  const std::string path = summary_of(runs.s1);
  const std::string original = cli_test::read_file(path);
  const std::string out = runs.dir.file("merged");
  const auto merge_with = [&](const std::string& text) {
    cli_test::write_file(path, text);
    return merge_error({runs.s1, runs.s2}, out);
  };
  const auto merge_edited = [&](const std::function<void(ordered_json&)>& edit) {
    ordered_json json = ordered_json::parse(original);
    edit(json);
    return merge_with(json.dump(2));
  };
  const std::string not_object = ": expected a JSON object (a tournament's summary.json), got ";
  CHECK(merge_with("[]") == path + not_object + "[]");
  CHECK(merge_with("\"x\"") == path + not_object + "\"x\"");
  CHECK(merge_with("null") == path + not_object + "null");
  CHECK(merge_with("{").find(path + ": not valid JSON: ") == 0);
  CHECK(merge_edited([](ordered_json& j) { j.erase("format"); }) ==
        path +
            ": format: missing key (expected \"treatysim-tournament-summary\" as in a "
            "tournament's summary.json)");
  CHECK(merge_edited([](ordered_json& j) { j["complete"] = 1; }) ==
        path + ": complete: expected true or false, got 1");
  CHECK(merge_edited([](ordered_json& j) { j["complete"] = "yes"; }) ==
        path + ": complete: expected true or false, got \"yes\"");
  CHECK(merge_edited([](ordered_json& j) {
          j["complete"] = false;
        }).find(path + ": complete: this run is incomplete") == 0);
  CHECK(merge_edited([](ordered_json& j) { j["shard"] = 5; }) ==
        path + ": shard: expected null or \"i/n\", got 5");
  CHECK(merge_edited([](ordered_json& j) {
          j["shard"] = ordered_json::parse("{\"index\": 0, \"count\": 2}");
        }) == path + ": shard: expected null or \"i/n\", got {\"index\":0,\"count\":2}");
  CHECK(merge_edited([](ordered_json& j) { j["shard"] = "0/2"; }) ==
        path + ": shard: expected null or \"i/n\" with 1 ≤ i ≤ n, got \"0/2\"");
  CHECK(merge_edited([](ordered_json& j) { j.erase("shard"); }) ==
        path + ": shard: missing key (expected null or \"i/n\")");
  CHECK(merge_edited([](ordered_json& j) { j.erase("plan"); }) ==
        path + ": plan: missing key (expected the tournament's plan, an object)");
  CHECK(merge_edited([](ordered_json& j) { j["plan"] = 3; }) ==
        path + ": plan: expected the tournament's plan, an object, got 3");
  // Nothing was written anywhere.
  CHECK(!std::filesystem::exists(out));
}

TEST_CASE("merge names the plan member that is missing or of the wrong type or range") {
  const Runs runs;
  play_all(runs);
  const std::string path = summary_of(runs.s1);
  const std::string original = cli_test::read_file(path);
  const auto merge_edited = [&](const std::function<void(ordered_json&)>& edit) {
    ordered_json json = ordered_json::parse(original);
    edit(json["plan"]);
    cli_test::write_file(path, json.dump(2));
    return merge_error({runs.s1, runs.s2}, runs.dir.file("merged"));
  };
  CHECK(merge_edited([](ordered_json& p) { p["mode"] = nullptr; }) ==
        path + ": plan.mode: expected \"negotiation\" or \"lifecycle\", got null");
  CHECK(merge_edited([](ordered_json& p) { p["mode"] = "league"; }) ==
        path + ": plan.mode: expected \"negotiation\" or \"lifecycle\", got \"league\"");
  CHECK(merge_edited([](ordered_json& p) { p.erase("name"); }) ==
        path + ": plan.name: missing key (expected a string)");
  CHECK(merge_edited([](ordered_json& p) { p["competitors"] = "b,c"; }) ==
        path + ": plan.competitors: expected an array of competitors, got \"b,c\"");
  CHECK(merge_edited([](ordered_json& p) { p["competitors"][1]["label"] = nullptr; }) ==
        path + ": plan.competitors[1].label: expected a string, got null");
  CHECK(merge_edited([](ordered_json& p) { p["competitors"][0].erase("strategy"); }) ==
        path + ": plan.competitors[0].strategy: missing key (expected a strategy spec)");
  CHECK(merge_edited([](ordered_json& p) { p["scenarios"][0]["parties"] = {"a"}; }) ==
        path + ": plan.scenarios[0].parties: expected an array of the 2 parties' ids, got [\"a\"]");
  CHECK(merge_edited([](ordered_json& p) { p["scenarios"][0]["parties"][1] = 7; }) ==
        path + ": plan.scenarios[0].parties[1]: expected a party id, got 7");
  CHECK(merge_edited([](ordered_json& p) { p["repetitions"] = "2"; }) ==
        path + ": plan.repetitions: expected a number of repetitions from 1 to 1000000, got \"2\"");
  CHECK(merge_edited([](ordered_json& p) { p["repetitions"] = 0; }) ==
        path + ": plan.repetitions: expected a number of repetitions from 1 to 1000000, got 0");
  CHECK(merge_edited([](ordered_json& p) { p["seed"] = -5; }) ==
        path + ": plan.seed: expected a seed (a whole number, 0 or more), got -5");
  CHECK(merge_edited([](ordered_json& p) { p["role_swap"] = "true"; }) ==
        path + ": plan.role_swap: expected true or false, got \"true\"");
  CHECK(merge_edited([](ordered_json& p) { p["deadline"] = 2.5; }) ==
        path + ": plan.deadline: expected null or a number of offers from 1 to 1000000, got 2.5");
  CHECK(merge_edited([](ordered_json& p) {
          p["metrics"] = {"agreement", "speed"};
        }) == path +
                  ": plan.metrics[1]: expected \"agreement\", \"offers\", \"social_welfare\", "
                  "\"distance_to_pareto\", \"distance_to_nash\", \"advantage\", "
                  "\"model_pearson\", \"model_kendall\", \"model_mae\", \"model_pareto\" or "
                  "\"model_reservation_error\", got \"speed\"");
  CHECK(merge_edited([](ordered_json& p) { p.erase("fingerprint"); }) ==
        path + ": plan.fingerprint: missing key (expected the plan's fingerprint, a string)");
  CHECK(merge_edited([](ordered_json& p) { p["repetitions"] = 3; }) ==
        path + ": plan: its fingerprint does not match its content (edited by hand?)");
}

TEST_CASE("merge refuses an --out that is one of the folders it merges") {
  const Runs runs;
  play_all(runs);
  const std::string csv = cli_test::read_file(runs.s1 + "/negotiations.csv");
  const std::string summary = cli_test::read_file(summary_of(runs.s1));
  CHECK(merge_error({runs.s1, runs.s2}, runs.s1) ==
        runs.s1 +
            ": --out: is one of the folders to merge: its files would be overwritten; choose "
            "another --out");
  const std::string spelled = runs.s2 + "/../s1/.";
  CHECK(merge_error({runs.s1, runs.s2}, spelled) ==
        spelled + ": --out: is the folder " + runs.s1 +
            ", one of those to merge: its files would be overwritten; choose another --out");
  std::filesystem::create_directory_symlink(runs.s2, runs.dir.file("link"));
  CHECK(merge_error({runs.s1, runs.s2}, runs.dir.file("link"))
            .find(": --out: is the folder " + runs.s2 + ", one of those to merge") !=
        std::string::npos);
  CHECK(cli_test::read_file(runs.s1 + "/negotiations.csv") == csv);
  CHECK(cli_test::read_file(summary_of(runs.s1)) == summary);
  // Another folder is fine, and gives the whole run's files.
  CHECK(merge_error({runs.s1, runs.s2}, runs.dir.file("merged")) == "(no error)");
  CHECK(cli_test::read_file(runs.dir.file("merged/negotiations.csv")) ==
        cli_test::read_file(runs.whole + "/negotiations.csv"));
  CHECK(cli_test::read_file(summary_of(runs.dir.file("merged"))) ==
        cli_test::read_file(summary_of(runs.whole)));
}

TEST_CASE("tournament --resume plays again the journal's rows from the first invalid one on") {
  const Runs runs;
  REQUIRE(tournament(runs.toml, runs.whole) == 0);
  const std::string csv = cli_test::read_file(runs.whole + "/negotiations.csv");
  const std::string summary = cli_test::read_file(summary_of(runs.whole));
  // Columns: 8 end, 9 agreement, 11 utility_a, 12 utility_b, 13 social_welfare, 14 distance to
  // Pareto. Each edit makes row 2 (of 4) one that no run writes.
  const std::vector<std::pair<std::size_t, std::string>> edits = {
      {11, "nan"}, {12, "-inf"}, {13, "NaN"}, {14, "-0.5"}, {14, ""}, {8, "won"}, {10, "x"}};
  int n = 0;
  for (const auto& [column, value] : edits) {
    CAPTURE(column);
    CAPTURE(value);
    const std::string dir = runs.dir.file("r" + std::to_string(n++));
    std::filesystem::create_directories(dir);
    cli_test::write_file(dir + "/negotiations.csv.partial", with_field(csv, 2, column, value));
    CHECK(tournament(runs.toml, dir, "", true) == 0);
    CHECK(cli_test::read_file(dir + "/negotiations.csv") == csv);
    CHECK(cli_test::read_file(summary_of(dir)) == summary);
  }
  // The agreement column must agree with 'end'.
  const std::vector<std::string> lines = cli_test::lines_of(csv);
  const bool agreed = lines.at(2).find(",agreement,1,") != std::string::npos;
  const std::string dir = runs.dir.file("flipped");
  std::filesystem::create_directories(dir);
  cli_test::write_file(dir + "/negotiations.csv.partial",
                       with_field(csv, 2, 9, agreed ? "0" : "1"));
  CHECK(tournament(runs.toml, dir, "", true) == 0);
  CHECK(cli_test::read_file(dir + "/negotiations.csv") == csv);
}

TEST_CASE("merge refuses a row that no run writes, naming the file and line") {
  const Runs runs;
  play_all(runs);
  const std::string csv_file = runs.s1 + "/negotiations.csv";
  const std::string csv = cli_test::read_file(csv_file);
  const std::string out = runs.dir.file("merged");
  cli_test::write_file(csv_file, with_field(csv, 1, 11, "nan"));
  CHECK(merge_error({runs.s1, runs.s2}, out) ==
        csv_file + ":2: expected a utility (a finite number), got \"nan\"");
  cli_test::write_file(csv_file, with_field(csv, 2, 13, "inf"));
  CHECK(merge_error({runs.s1, runs.s2}, out) ==
        csv_file + ":3: expected the social welfare (a finite number), got \"inf\"");
  cli_test::write_file(csv_file, with_field(csv, 1, 8, "won"));
  CHECK(merge_error({runs.s1, runs.s2}, out) ==
        csv_file +
            ":2: expected agreement, walk_away or deadline in the 'end' column, got \"won\"");
  cli_test::write_file(csv_file, with_field(csv, 2, 15, "-1"));
  CHECK(merge_error({runs.s1, runs.s2}, out) ==
        csv_file + ":3: expected a distance (a finite number, 0 or more) or nothing, got \"-1\"");
}
