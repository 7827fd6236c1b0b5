// sweep and tune in process: the files written (the chart well-formed and titled), same results
// for any number of threads, and validate on sweep and tuning files. (The chart writers are
// tested in tests/charts, the registry's parameter ranges in tests/frontend.)
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include <pugixml.hpp>

#include "agents/registry.hpp"
#include "engine/model/user_error.hpp"
#include "tests/cli/cli_test_support.hpp"

namespace {

using namespace treatysim;
using namespace treatysim::cli;

// The text of every <text> element of an SVG document, joined by '|'.
std::string texts_of(const pugi::xml_document& doc) {
  std::string all;
  for (const pugi::xpath_node& node : doc.select_nodes("//text")) {
    all += std::string(node.node().child_value()) + "|";
  }
  return all;
}

std::string sweep_file(const std::string& axes) {
  return "[sweep]\nname = \"e & k <test>\"\nstrategy = \"boulware\"\n"
         "opponents = [\"linear\", \"random\"]\nscenarios = [\"" +
         cli_test::config("three-clauses.toml") + "\"]\nrepetitions = 3\n" + axes;
}

}  // namespace

TEST_CASE("sweep refuses one file for both the CSV and the chart, before running") {
  cli_test::TempDir dir;
  const std::string file =
      dir.write("s.toml", sweep_file("[[sweep.axes]]\nparameter = \"e\"\nvalues = [0.5, 1]\n"));
  SweepOptions options;
  options.file = file;
  options.csv = dir.file("out.txt");
  options.svg = dir.file("./out.txt");
  std::ostringstream out;
  CHECK_THROWS_WITH_AS(static_cast<void>(sweep_command(options, out)),
                       ("--csv and --svg: both name " + options.csv +
                        "; the chart would overwrite the table (give two files)")
                           .c_str(),
                       UserError);
  CHECK_FALSE(std::filesystem::exists(options.csv));
}

TEST_CASE("sweep writes the CSV and the chart, the same for any number of threads") {
  cli_test::TempDir dir;
  const std::string file =
      dir.write("s.toml", sweep_file("[[sweep.axes]]\nparameter = \"e\"\nvalues = [0.5, 1, 2]\n"));
  std::string csv[2];
  std::string text[2];
  for (int jobs = 1; jobs <= 2; ++jobs) {
    SweepOptions options;
    options.file = file;
    options.csv = dir.file("out" + std::to_string(jobs) + ".csv");
    options.svg = dir.file("out" + std::to_string(jobs) + ".svg");
    options.jobs = jobs;
    std::ostringstream out;
    REQUIRE(sweep_command(options, out) == 0);
    csv[jobs - 1] = cli_test::read_file(options.csv);
    text[jobs - 1] = out.str();
    pugi::xml_document doc;
    CHECK(doc.load_file(options.svg.c_str()));
    CHECK(texts_of(doc).find("e & k <test>|") != std::string::npos);
  }
  CHECK(csv[0] == csv[1]);
  CHECK(std::count(csv[0].begin(), csv[0].end(), '\n') == 4);
  CHECK(text[0].find("3 grid points × 12 negotiations = 36 negotiations") != std::string::npos);
  CHECK(text[0].find("\nbest: e = ") != std::string::npos);
}

TEST_CASE("validate recognises sweep and tuning files and checks them") {
  cli_test::TempDir dir;
  const std::string sweep = dir.write(
      "s.toml", sweep_file("[[sweep.axes]]\nparameter = \"e\"\nfrom = 0.1\nto = 2\nsteps = 4\n"));
  const std::string tune =
      dir.write("t.toml",
                "[tune]\nstrategy = \"boulware\"\nparameters = [\"e\", \"k\"]\n"
                "opponents = [\"linear\"]\nscenarios = [\"" +
                    cli_test::config("three-clauses.toml") + "\"]\nevaluations = 20\n");
  const std::string bad =
      dir.write("b.toml", sweep_file("[[sweep.axes]]\nparameter = \"e\"\nvalues = [0.5, 200]\n"));
  const std::string human =
      dir.write("h.toml",
                "[tune]\nstrategy = \"boulware\"\nparameters = [\"e\"]\nopponents = [\"human\"]\n"
                "scenarios = [\"" +
                    cli_test::config("three-clauses.toml") + "\"]\n");
  std::ostringstream out;
  std::ostringstream err;
  CHECK(validate_command({sweep, tune, bad, human}, out, err) == 2);
  CHECK(out.str() == sweep + ": OK (sweep \"e & k <test>\", 4 grid points, 48 negotiations)\n" +
                         tune +
                         ": OK (tuning \"t\", 2 parameters, crs2, 20 evaluations of 20 "
                         "negotiations)\n");
  CHECK(err.str() == "treatysim: error: " + bad +
                         ":8:13: sweep.axes[0].parameter: the grid value 200 of \"e\" is outside "
                         "its range [0, 100]\n" +
                         "treatysim: error: " + human +
                         ":4:14: tune.opponents[0]: human is played by a person, so it cannot "
                         "take part in a batch run\n");
}
