// sweep and tune in process: the charts (well-formed SVG with title, labels, legend, escaping),
// the registry's parameter ranges (nested specs too), the files written, same results for any
// number of threads, and validate on sweep and tuning files.
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include <pugixml.hpp>

#include "agents/registry.hpp"
#include "charts/svg.hpp"
#include "engine/model/user_error.hpp"
#include "frontend/batch.hpp"
#include "tests/cli/cli_test_support.hpp"

namespace {

using namespace treatysim;
using namespace treatysim::cli;
using namespace treatysim::charts;
using namespace treatysim::frontend;

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

TEST_CASE("line_chart_svg draws a well-formed chart with its band, labels and best point") {
  LineChart chart;
  chart.title = "Boulware <e> & friends";
  chart.subtitle = "against linear";
  chart.x_label = "e";
  chart.y_label = "mean utility";
  chart.points = {{0.1, 0.5, 0.45, 0.55}, {0.2, 0.7, 0.66, 0.74}, {0.4, 0.6, 0.58, 0.62}};
  chart.log_x = true;
  const std::string svg = line_chart_svg(chart);
  pugi::xml_document doc;
  REQUIRE(doc.load_string(svg.c_str()));
  const std::string texts = texts_of(doc);
  CHECK(texts.find("Boulware <e> & friends|") != std::string::npos);
  CHECK(texts.find("|e|") != std::string::npos);
  CHECK(texts.find("|mean utility|") != std::string::npos);
  CHECK(texts.find("95% confidence interval") != std::string::npos);
  CHECK(texts.find("best: e = 0.2 → 0.7") != std::string::npos);
  CHECK(doc.select_nodes("//polygon").size() == 1);   // the band
  CHECK(doc.select_nodes("//polyline").size() == 1);  // the mean
}

TEST_CASE("heat_map_svg draws one cell per point, a colour legend and the best cell") {
  HeatMap chart;
  chart.title = "grid";
  chart.x_label = "e";
  chart.y_label = "k";
  chart.value_label = "utility";
  chart.x_values = {0.5, 1, 2};
  chart.y_values = {0, 0.2};
  chart.values = {0.1, 0.2, 0.3, 0.4, 0.9, 0.6};
  const std::string svg = heat_map_svg(chart);
  pugi::xml_document doc;
  REQUIRE(doc.load_string(svg.c_str()));
  const std::string texts = texts_of(doc);
  CHECK(texts.find("|0.900|") != std::string::npos);
  CHECK(texts.find("best (outlined): e = 1, k = 0.2 → 0.900") != std::string::npos);
  CHECK(texts.find("|utility|") != std::string::npos);
  // The best cell is the fifth value: row 1 (k = 0.2, the top row), column 1.
  CHECK(doc.select_nodes("//rect[@stroke='#d62728']").size() == 1);
}

TEST_CASE("registry_parameter_range reads ranges, defaults and nested specs") {
  const agents::Registry& registry = agents::builtin_registry();
  const ParameterRange e = registry_parameter_range(registry, parse_spec("boulware"), "e");
  CHECK(e.min == 0.0);
  CHECK(e.max == 100.0);
  CHECK(e.default_value == 0.2);
  CHECK_FALSE(e.integer);
  CHECK(registry_parameter_range(registry, parse_spec("boulware(e=3)"), "e").default_value == 3.0);
  CHECK(registry_parameter_range(registry, parse_spec("relative_tit_for_tat"), "window").integer);
  const ParameterRange nested = registry_parameter_range(
      registry, parse_spec("boa(bidding=time_dependent(e=0.4))"), "bidding.e");
  CHECK(nested.default_value == 0.4);
  CHECK(nested.max == 100.0);
  CHECK_THROWS_WITH_AS((void)registry_parameter_range(registry, parse_spec("boulware"), "x"),
                       "boulware has no numeric parameter \"x\" (its numeric parameters: e, k)",
                       UserError);
  CHECK_THROWS_WITH_AS(
      (void)registry_parameter_range(registry, parse_spec("boa"), "bidding.e"),
      "write the nested spec of \"bidding\" in the strategy (e.g. boa(bidding=time_dependent)) "
      "to vary its parameters",
      UserError);
}

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
