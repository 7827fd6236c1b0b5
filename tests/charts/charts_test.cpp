// charts: the SVG writers every front end shares — line chart, heat map, a sweep's chart and the
// outcome space — parsed as XML (well-formed, escaped) with their texts and marks checked.
#include <doctest/doctest.h>

#include <string>

#include <pugixml.hpp>

#include "agents/registry.hpp"
#include "charts/svg.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/protocol/trace.hpp"
#include "engine/studies/sweep.hpp"
#include "frontend/batch.hpp"

namespace {

using namespace treatysim;
using namespace treatysim::charts;

// The text of every <text> element of an SVG document, joined by '|'.
std::string texts_of(const pugi::xml_document& doc) {
  std::string all;
  for (const pugi::xpath_node& node : doc.select_nodes("//text")) {
    all += std::string(node.node().child_value()) + "|";
  }
  return all;
}

const std::string kConfigs = std::string(TREATYSIM_SOURCE_DIR) + "/configs/";

SweepDef sweep_def(const std::string& axes) {
  return parse_sweep(
      "[sweep]\nname = \"e & k <test>\"\nstrategy = \"boulware\"\n"
      "opponents = [\"linear\", \"random\"]\nscenarios = [\"" +
          kConfigs + "three-clauses.toml\"]\nrepetitions = 2\n" + axes,
      "test.toml");
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

TEST_CASE("sweep_svg: a line for one axis, a heat map for two, titled with the study") {
  const agents::Registry& registry = agents::builtin_registry();
  const PreparedSweep line =
      prepare_sweep(sweep_def("[[sweep.axes]]\nparameter = \"e\"\nvalues = [0.2, 1, 3]\n"),
                    registry, frontend::registry_parameter_lookup(registry));
  pugi::xml_document doc;
  REQUIRE(doc.load_string(sweep_svg(line, run_sweep(line, registry)).c_str()));
  std::string texts = texts_of(doc);
  CHECK(texts.find("e & k <test>|") != std::string::npos);  // escaped in the file, whole here
  CHECK(
      texts.find("boulware vs linear, random · three-clauses · both roles · 2 seeds per pairing") !=
      std::string::npos);
  CHECK(texts.find("mean utility of boulware (discounted)") != std::string::npos);
  CHECK(doc.select_nodes("//polyline").size() == 1);

  const PreparedSweep grid =
      prepare_sweep(sweep_def("[[sweep.axes]]\nparameter = \"e\"\nvalues = [0.2, 1]\n"
                              "[[sweep.axes]]\nparameter = \"k\"\nvalues = [0, 0.1, 0.2]\n"),
                    registry, frontend::registry_parameter_lookup(registry));
  const SweepResult result = run_sweep(grid, registry);
  REQUIRE(doc.load_string(sweep_svg(grid, result).c_str()));
  texts = texts_of(doc);
  CHECK(texts.find("|utility|") != std::string::npos);  // the colour scale's title: the metric
  // One outlined best cell, and it is best_sweep_point's.
  CHECK(doc.select_nodes("//rect[@stroke='#d62728']").size() == 1);
  const SweepPoint& best = result.points[best_sweep_point(grid, result)];
  for (const SweepPoint& p : result.points) CHECK(p.summary.mean <= best.summary.mean);
}

TEST_CASE("outcome_space_svg: the frontier, the solutions, and a negotiation's offers") {
  const Scenario scenario = load_scenario_file(kConfigs + "sta-2024.toml");
  const ScenarioAnalysis analysis = analyze_scenario(scenario);
  pugi::xml_document doc;
  REQUIRE(doc.load_string(outcome_space_svg(scenario, analysis).c_str()));
  const std::string texts = texts_of(doc);
  CHECK(texts.find("Nash") != std::string::npos);
  const Trace trace = run_traced(scenario, {parse_spec("boulware"), parse_spec("linear")}, 1,
                                 agents::builtin_registry());
  const std::string with_trace = outcome_space_svg(scenario, analysis, &trace);
  REQUIRE(doc.load_string(with_trace.c_str()));
  CHECK(with_trace.size() > outcome_space_svg(scenario, analysis).size());
}
