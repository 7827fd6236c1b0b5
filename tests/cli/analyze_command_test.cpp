// `treatysim analyze` in process: the JSON layout and its numbers (checked against the engine),
// --outcome metrics and its errors, the text report, and the SVG pictures of analyze --svg and
// run --svg parsed with pugixml (well-formed, the expected elements, escaped text, the density
// grid on large spaces).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "cli/commands.hpp"
#include "cli_test_support.hpp"
#include "engine/analysis/analysis.hpp"
#include "engine/analysis/equilibrium.hpp"
#include "engine/analysis/pareto.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"

using nlohmann::ordered_json;
using treatysim::UserError;
using treatysim::cli::analyze_command;
using treatysim::cli::AnalyzeOptions;

namespace {

AnalyzeOptions analyze_options(const std::string& config_name, const std::string& format) {
  AnalyzeOptions options;
  options.scenario = cli_test::config(config_name);
  options.format = format;
  return options;
}

std::string analyze_output(const AnalyzeOptions& options) {
  std::ostringstream out;
  REQUIRE(analyze_command(options, out) == 0);
  return out.str();
}

ordered_json analyze_json(const AnalyzeOptions& options) {
  return ordered_json::parse(analyze_output(options));
}

std::vector<std::string> keys_of(const ordered_json& object) {
  std::vector<std::string> keys;
  for (const auto& item : object.items()) keys.push_back(item.key());
  return keys;
}

treatysim::Scenario sta() {
  return treatysim::load_scenario_file(cli_test::config("sta-2024.toml"));
}

// {outcome: {issue id: option id, …}, utilities: {party id: value, …}}, every id valid.
void check_point(const ordered_json& point, const treatysim::Scenario& scenario) {
  REQUIRE(point.is_object());
  CHECK(keys_of(point) == std::vector<std::string>{"outcome", "utilities"});
  const auto& outcome = point.at("outcome");
  const auto& space = scenario.space();
  REQUIRE(outcome.size() == space.issue_count());
  std::vector<std::string> issue_ids;
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    issue_ids.push_back(space.issue(i).id);
    REQUIRE(outcome.contains(space.issue(i).id));
    REQUIRE(outcome.at(space.issue(i).id).is_string());
    CHECK(space.issue(i).find_option(outcome.at(space.issue(i).id).get<std::string>()) >= 0);
  }
  CHECK(keys_of(outcome) == issue_ids);
  const auto& utilities = point.at("utilities");
  CHECK(keys_of(utilities) == std::vector<std::string>{scenario.party(0).id, scenario.party(1).id});
  for (const auto& u : utilities) CHECK(u.is_number());
}

// The outcome of a JSON point, as "S0/IP1/…".
std::string outcome_text(const ordered_json& point) {
  std::string text;
  for (const auto& item : point.at("outcome").items())
    text += (text.empty() ? "" : "/") + item.value().get<std::string>();
  return text;
}

// [SECTION] SVG helpers ----------------------------------------------------------------------

struct Svg {
  pugi::xml_document document;
  pugi::xml_parse_result parsed;
};

// Parses an SVG file: well-formed XML with an <svg> root carrying width, height and viewBox.
void load_svg(Svg& svg, const std::string& path) {
  const std::string text = cli_test::read_file(path);
  CHECK(text.rfind("<?xml", 0) == 0);
  svg.parsed = svg.document.load_string(text.c_str());
  INFO(svg.parsed.description(), " at offset ", svg.parsed.offset);
  REQUIRE(svg.parsed);
  const pugi::xml_node root = svg.document.document_element();
  REQUIRE(std::string(root.name()) == "svg");
  CHECK(std::string(root.attribute("xmlns").value()) == "http://www.w3.org/2000/svg");
  for (const char* attribute : {"width", "height", "viewBox"}) {
    CAPTURE(attribute);
    CHECK_FALSE(std::string(root.attribute(attribute).value()).empty());
  }
}

std::size_t count_elements(const pugi::xml_node& node, const char* name) {
  std::size_t count = 0;
  for (const pugi::xml_node& child : node.children()) {
    if (std::string(child.name()) == name) ++count;
    count += count_elements(child, name);
  }
  return count;
}

// The largest number of <circle> children of any one <g>.
std::size_t largest_circle_group(const pugi::xml_node& node) {
  std::size_t best = 0;
  for (const pugi::xml_node& child : node.children()) {
    if (std::string(child.name()) == "g") {
      std::size_t circles = 0;
      for (const pugi::xml_node& c : child.children("circle")) {
        (void)c;
        ++circles;
      }
      best = std::max(best, circles);
    }
    best = std::max(best, largest_circle_group(child));
  }
  return best;
}

// The text content of every <text> element.
std::vector<std::string> texts(const pugi::xml_node& node) {
  std::vector<std::string> result;
  for (const pugi::xml_node& child : node.children()) {
    if (std::string(child.name()) == "text") result.emplace_back(child.child_value());
    const std::vector<std::string> inner = texts(child);
    result.insert(result.end(), inner.begin(), inner.end());
  }
  return result;
}

bool has_text_containing(const std::vector<std::string>& all, const std::string& needle) {
  return std::any_of(all.begin(), all.end(), [&needle](const std::string& t) {
    return t.find(needle) != std::string::npos;
  });
}

}  // namespace

TEST_CASE("analyze: --format json on sta-2024 has the stable layout") {
  const ordered_json json = analyze_json(analyze_options("sta-2024.toml", "json"));
  CHECK(keys_of(json) == std::vector<std::string>{"scenario", "outcomes", "enumerated",
                                                  "pareto_exact", "pareto_epsilon", "pareto",
                                                  "nash", "kalai_smorodinsky", "egalitarian",
                                                  "utilitarian", "spe", "disagreement", "zopa"});
  const treatysim::Scenario scenario = sta();
  CHECK(json.at("scenario") == "sta-2024");
  CHECK(json.at("outcomes").get<double>() == 1024.0);
  CHECK(json.at("enumerated") == true);
  CHECK(json.at("pareto_exact") == true);
  CHECK(json.at("pareto_epsilon").get<double>() == 0.0);

  // The frontier: a list of points, as many as pareto_frontier() finds, in its order.
  const std::vector<treatysim::OutcomePoint> frontier = treatysim::pareto_frontier(scenario);
  const auto& pareto = json.at("pareto");
  REQUIRE(pareto.is_array());
  REQUIRE(pareto.size() == frontier.size());
  for (std::size_t k = 0; k < frontier.size(); ++k) {
    CAPTURE(k);
    check_point(pareto[k], scenario);
    CHECK(outcome_text(pareto[k]) == scenario.space().format(frontier[k].outcome));
  }

  // The four solutions; Nash is the 2024 package at (0.88, 0.56).
  const treatysim::ScenarioAnalysis analysis = treatysim::analyze_scenario(scenario);
  for (const char* key : {"nash", "kalai_smorodinsky", "egalitarian", "utilitarian"}) {
    CAPTURE(key);
    check_point(json.at(key), scenario);
  }
  CHECK(json.at("nash").at("outcome") ==
        ordered_json::parse(
            R"({"scope": "S0", "ip": "IP1", "data": "D1", "guardrails": "G1", "term": "T2"})"));
  CHECK(json.at("nash").at("utilities").at("us").get<double>() == 0.88);
  CHECK(json.at("nash").at("utilities").at("cn").get<double>() == 0.56);
  CHECK(outcome_text(json.at("kalai_smorodinsky")) ==
        scenario.space().format(analysis.kalai_smorodinsky->outcome));
  CHECK(outcome_text(json.at("egalitarian")) ==
        scenario.space().format(analysis.egalitarian->outcome));
  CHECK(outcome_text(json.at("utilitarian")) ==
        scenario.space().format(analysis.utilitarian->outcome));

  // The SPE: what SubgamePerfectEquilibrium says.
  const treatysim::SubgamePerfectEquilibrium spe(scenario);
  const auto& s = json.at("spe");
  CHECK(keys_of(s) == std::vector<std::string>{"agreement", "offer_index", "proposer", "outcome",
                                               "utilities", "values"});
  REQUIRE(spe.agreement() != nullptr);
  CHECK(s.at("agreement") == true);
  CHECK(s.at("offer_index").get<int>() == spe.agreement_offer_index());
  CHECK(s.at("proposer") == scenario.party(spe.agreement()->proposer).id);
  CHECK(outcome_text(s) == scenario.space().format(spe.agreement()->offer));
  CHECK(s.at("values").at("us").get<double>() == doctest::Approx(spe.values()[0]).epsilon(1e-11));
  CHECK(s.at("values").at("cn").get<double>() == doctest::Approx(spe.values()[1]).epsilon(1e-11));

  // Disagreement and ZOPA.
  CHECK(json.at("disagreement") == ordered_json::parse(R"({"us": 0.4, "cn": 0.2})"));
  const auto& zopa = json.at("zopa");
  CHECK(keys_of(zopa) == std::vector<std::string>{"counted", "count", "empty", "utility_ranges"});
  CHECK(zopa.at("counted") == true);
  CHECK(zopa.at("count").get<std::uint64_t>() == analysis.zopa.count);
  CHECK(zopa.at("empty") == false);
  CHECK(keys_of(zopa.at("utility_ranges")) == std::vector<std::string>{"us", "cn"});
  CHECK(zopa.at("utility_ranges").at("us").at(0).get<double>() ==
        doctest::Approx(analysis.zopa.min_utility[0]));
  CHECK(zopa.at("utility_ranges").at("cn").at(1).get<double>() ==
        doctest::Approx(analysis.zopa.max_utility[1]));
}

TEST_CASE("analyze: --outcome S0/IP1/D1/G1/T2 adds its metrics") {
  AnalyzeOptions options = analyze_options("sta-2024.toml", "json");
  options.outcome = "S0/IP1/D1/G1/T2";
  const ordered_json json = analyze_json(options);
  REQUIRE(json.contains("outcome"));
  CHECK(keys_of(json).back() == "outcome");
  const auto& o = json.at("outcome");
  CHECK(keys_of(o) == std::vector<std::string>{"outcome", "metrics"});
  CHECK(outcome_text(o) == "S0/IP1/D1/G1/T2");
  const auto& m = o.at("metrics");
  CHECK(keys_of(m) == std::vector<std::string>{"utilities", "social_welfare", "nash_product",
                                               "individually_rational", "pareto_optimal",
                                               "distance_to_pareto", "distance_to_nash",
                                               "distance_to_kalai_smorodinsky"});
  CHECK(m.at("utilities") == ordered_json::parse(R"({"us": 0.88, "cn": 0.56})"));
  CHECK(m.at("social_welfare").get<double>() == 1.44);
  CHECK(m.at("nash_product").get<double>() == 0.1728);  // (0.88 − 0.4)(0.56 − 0.2)
  CHECK(m.at("individually_rational") == true);
  CHECK(m.at("pareto_optimal") == true);
  CHECK(m.at("distance_to_pareto").get<double>() == 0.0);
  CHECK(m.at("distance_to_nash").get<double>() == 0.0);
  CHECK(m.at("distance_to_kalai_smorodinsky").is_number());

  // Text: the same metrics, after the report.
  options.format = "text";
  const std::string text = analyze_output(options);
  CHECK(text.find("\nOutcome S0/IP1/D1/G1/T2\n") != std::string::npos);
  CHECK(text.find("  Nash product         0.173\n") != std::string::npos);
  CHECK(text.find("  social welfare       1.440\n") != std::string::npos);
  CHECK(text.find("  individually rational yes\n") != std::string::npos);
  CHECK(text.find("  Pareto-optimal       yes\n") != std::string::npos);
  CHECK(text.find("  distance to Nash     0.000\n") != std::string::npos);
}

TEST_CASE("analyze: a bad --outcome or --format is a UserError naming the problem") {
  std::ostringstream out;
  AnalyzeOptions options = analyze_options("sta-2024.toml", "json");
  options.outcome = "S9/IP1/D1/G1/T2";
  CHECK_THROWS_WITH_AS(analyze_command(options, out),
                       "--outcome: issue 'scope' has no option \"S9\" (options: S0 S1 S2 S3)",
                       UserError);
  options.outcome = "S0/IP1/D1/G1/T7";
  CHECK_THROWS_WITH_AS(analyze_command(options, out),
                       "--outcome: issue 'term' has no option \"T7\" (options: T0 T1 T2 T3)",
                       UserError);
  options.outcome = "S0/IP1";
  CHECK_THROWS_WITH_AS(analyze_command(options, out),
                       "--outcome: expected 5 option ids separated by '/', one per issue in order "
                       "(scope, ip, data, guardrails, term), got \"S0/IP1\"",
                       UserError);
  options.outcome = "S0/IP1/D1/G1/T2/X";
  CHECK_THROWS_WITH_AS(
      analyze_command(options, out),
      "--outcome: too many option ids in \"S0/IP1/D1/G1/T2/X\": the scenario has 5 issues",
      UserError);
  options.outcome.clear();
  options.format = "csv";
  CHECK_THROWS_WITH_AS(analyze_command(options, out),
                       "--format: expected text or json, got \"csv\"", UserError);
  // Nothing is written before the error.
  CHECK(out.str().empty());
}

TEST_CASE("analyze: text output - frontier size, the four solutions with clauses, the SPE offer") {
  const std::string text = analyze_output(analyze_options("sta-2024.toml", "text"));
  const treatysim::Scenario scenario = sta();
  const treatysim::ScenarioAnalysis analysis = treatysim::analyze_scenario(scenario);
  CHECK(text.rfind(scenario.title() + " [sta-2024]\n", 0) == 0);
  CHECK(text.find("Outcomes            1024\n") != std::string::npos);
  CHECK(text.find("Pareto frontier     " + std::to_string(analysis.frontier.points.size()) +
                  " outcomes (exact)\n") != std::string::npos);
  CHECK(text.find("Disagreement point  us 0.400, cn 0.200 (reservation values)\n") !=
        std::string::npos);
  CHECK(text.find("ZOPA                " + std::to_string(analysis.zopa.count) +
                  " individually rational outcomes; ") != std::string::npos);
  CHECK(text.find("Nash bargaining solution  us 0.880, cn 0.560\n"
                  "  S0 (basic research only) / IP1 (2018 annex sustained) / D1 (reciprocity with "
                  "exceptions) / "
                  "G1 (interagency review + safety) / T2 (5 years)\n") != std::string::npos);
  for (const char* name : {"Kalai-Smorodinsky  us ", "Egalitarian  us ", "Utilitarian  us "}) {
    CAPTURE(name);
    CHECK(text.find(name) != std::string::npos);
  }
  // Each solution's clauses follow its line.
  const auto clauses_after = [&text](const std::string& heading) {
    const std::size_t at = text.find(heading);
    if (at == std::string::npos) return std::string();
    const std::size_t line = text.find('\n', at) + 1;
    return text.substr(line, text.find('\n', line) - line);
  };
  CHECK(clauses_after("Utilitarian  ")
            .rfind("  " + scenario.space()
                              .issue(0)
                              .options[static_cast<std::size_t>(analysis.utilitarian->outcome[0])]
                              .id,
                   0) == 0);
  // The SPE: who offers what at which offer, and the payoffs.
  const treatysim::EquilibriumSummary& e = *analysis.equilibrium;
  REQUIRE(e.agreement);
  const std::string spe_line =
      "Subgame-perfect equilibrium (40 offers): " + scenario.party(e.proposer).id +
      " offers at offer " + std::to_string(e.offer_index) + ", accepted; payoffs ";
  CHECK(text.find(spe_line) != std::string::npos);
  const std::string spe_clauses = clauses_after("Subgame-perfect equilibrium");
  CHECK(
      spe_clauses.rfind(
          "  " + scenario.space().issue(0).options[static_cast<std::size_t>(e.offer.outcome[0])].id,
          0) == 0);
  CHECK(spe_clauses.find(" / ") != std::string::npos);
}

TEST_CASE(
    "analyze: --svg writes a well-formed picture - one circle per outcome, the legend, the "
    "frontier") {
  cli_test::TempDir dir;
  AnalyzeOptions options = analyze_options("sta-2024.toml", "json");
  options.svg = dir.file("space.svg");
  (void)analyze_output(options);
  Svg svg;
  load_svg(svg, options.svg);
  const pugi::xml_node root = svg.document.document_element();
  CHECK(std::string(root.attribute("width").value()) == "900.0");
  CHECK(std::string(root.attribute("viewBox").value()) == "0 0 900.0 640.0");
  // 1024 outcomes (fewer than 4000): one circle each, in one group; more circles for the frontier.
  CHECK(largest_circle_group(root) == 1024);
  const std::size_t frontier = treatysim::pareto_frontier(sta()).size();
  CHECK(count_elements(root, "circle") >= 1024 + frontier);
  CHECK(count_elements(root, "path") >= 1);  // the frontier line
  // The legend names the four solutions; the title is the scenario's.
  const std::vector<std::string> all = texts(root);
  for (const char* name : {"Nash bargaining solution", "Kalai-Smorodinsky", "egalitarian",
                           "utilitarian", "Pareto frontier", "zone of possible agreement"}) {
    CAPTURE(name);
    CHECK(has_text_containing(all, name));
  }
  CHECK(std::string(root.child("title").child_value()) == sta().title());
  // Only the requested file is written.
  CHECK(dir.entries() == std::vector<std::string>{"space.svg"});
}

TEST_CASE("analyze: --svg escapes the scenario title (& < > quotes)") {
  cli_test::TempDir dir;
  std::string toml = cli_test::read_file(cli_test::config("three-clauses.toml"));
  const std::string old_title = "title = \"Three clauses: IP, data security, dual use\"";
  const std::size_t at = toml.find(old_title);
  REQUIRE(at != std::string::npos);
  const std::string title = "R&D <clauses> & \"quotes\" > 'none'";
  toml.replace(at, old_title.size(), "title = \"R&D <clauses> & \\\"quotes\\\" > 'none'\"");
  cli_test::write_file(dir.file("tricky.toml"), toml);
  AnalyzeOptions options;
  options.scenario = dir.file("tricky.toml");
  options.svg = dir.file("tricky.svg");
  const std::string text = analyze_output(options);
  CHECK(text.rfind(title + " [three-clauses]\n", 0) == 0);
  Svg svg;
  load_svg(svg, options.svg);
  const pugi::xml_node root = svg.document.document_element();
  CHECK(std::string(root.child("title").child_value()) == title);
  CHECK(has_text_containing(texts(root), title));
  CHECK(largest_circle_group(root) == 100);  // 5 x 4 x 5 outcomes
}

TEST_CASE("analyze: --svg on 10201 outcomes draws a density grid, not a circle per outcome") {
  cli_test::TempDir dir;
  // Two numeric issues of 101 levels: 10201 outcomes, past the 4000 the picture draws one by one.
  cli_test::write_file(dir.file("grid.toml"), R"([scenario]
id = "grid"
title = "Two numeric issues"

[protocol]
deadline = 10
first_mover = "a"
information = "private"

[[issues]]
id = "x"
label = "x"
range = { min = 0.0, max = 1.0, levels = 101 }

[[issues]]
id = "y"
label = "y"
range = { min = 0.0, max = 1.0, levels = 101 }

[[parties]]
id = "a"
name = "A"
reservation = 0.2
discount = 1.0
agent = "linear"

[parties.weights]
x = 0.7
y = 0.3

[parties.values]
x = { shape = "linear", direction = "increasing" }
y = { shape = "linear", direction = "increasing" }

[[parties]]
id = "b"
name = "B"
reservation = 0.2
discount = 1.0
agent = "linear"

[parties.weights]
x = 0.4
y = 0.6

[parties.values]
x = { shape = "linear", direction = "decreasing" }
y = { shape = "linear", direction = "decreasing" }
)");
  AnalyzeOptions options;
  options.scenario = dir.file("grid.toml");
  options.format = "json";
  options.svg = dir.file("grid.svg");
  const ordered_json json = analyze_json(options);
  CHECK(json.at("outcomes").get<double>() == 10201.0);
  Svg svg;
  load_svg(svg, options.svg);
  const pugi::xml_node root = svg.document.document_element();
  const std::size_t circles = count_elements(root, "circle");
  CAPTURE(circles);
  CHECK(circles < 10000);
  CHECK(largest_circle_group(root) < 1000);
  // The grid: at most 96 x 96 cells, many of them filled.
  const std::size_t rects = count_elements(root, "rect");
  CAPTURE(rects);
  CHECK(rects > 500);
  CHECK(rects < 96 * 96 + 50);
}

TEST_CASE("run --svg writes a well-formed picture with both panels") {
  cli_test::TempDir dir;
  treatysim::cli::RunOptions options = cli_test::run_options("sta-2024.toml", "json");
  options.svg = dir.file("run.svg");
  (void)cli_test::run_output(options);
  Svg svg;
  load_svg(svg, options.svg);
  const pugi::xml_node root = svg.document.document_element();
  CHECK(std::string(root.attribute("width").value()) == "1260.0");
  CHECK(largest_circle_group(root) >= 1024);
  const std::vector<std::string> all = texts(root);
  for (const char* name :
       {"Nash bargaining solution", "Kalai-Smorodinsky", "egalitarian", "utilitarian",
        "United States offers", "China offers", "Utility of each offer over rounds"}) {
    CAPTURE(name);
    CHECK(has_text_containing(all, name));
  }
}

namespace {

// The gold squares of the bargaining solutions (the legend's four and the plot's markers).
std::size_t gold_squares(const pugi::xml_node& node) {
  std::size_t count = 0;
  for (const pugi::xml_node& child : node.children()) {
    if (std::string(child.name()) == "rect" &&
        std::string(child.attribute("fill").value()) == "#c99700") {
      ++count;
    }
    count += gold_squares(child);
  }
  return count;
}

}  // namespace

TEST_CASE(
    "run --svg with drawn reservation values draws the negotiation's own, and its solutions") {
  // three-clauses-uncertain, seed 7: the U.S. draws 0.85 and China 0.6 (see `run`'s header), and
  // no outcome gives both that much: no zone of agreement, no solution; seed 2 draws 0.25 and
  // 0.1, and all four solutions exist. `analyze --svg` draws the means, 0.4 and 0.32.
  cli_test::TempDir dir;
  for (const auto& [seed, us, cn, markers] :
       {std::tuple{std::uint64_t{7}, "United States reservation 0.85 (drawn)",
                   "China reservation 0.60 (drawn)", std::size_t{0}},
        std::tuple{std::uint64_t{2}, "United States reservation 0.25 (drawn)",
                   "China reservation 0.10 (drawn)", std::size_t{4}}}) {
    CAPTURE(seed);
    treatysim::cli::RunOptions options =
        cli_test::run_options("three-clauses-uncertain.toml", "json");
    options.seed = seed;
    options.svg = dir.file("run.svg");
    const ordered_json trace = ordered_json::parse(cli_test::run_output(options));
    CHECK(trace.at("result").at("reservations").at("us").get<double>() ==
          (seed == 7 ? 0.85 : 0.25));
    Svg svg;
    load_svg(svg, options.svg);
    const std::vector<std::string> all = texts(svg.document.document_element());
    CHECK(has_text_containing(all, us));
    CHECK(has_text_containing(all, cn));
    CHECK(gold_squares(svg.document.document_element()) == 4 + markers);
  }
  AnalyzeOptions options = analyze_options("three-clauses-uncertain.toml", "text");
  options.svg = dir.file("analysis.svg");
  (void)analyze_output(options);
  Svg svg;
  load_svg(svg, options.svg);
  const std::vector<std::string> all = texts(svg.document.document_element());
  CHECK(has_text_containing(all, "United States reservation 0.40 (mean of the draws)"));
  CHECK(has_text_containing(all, "China reservation 0.32 (mean of the draws)"));
}
