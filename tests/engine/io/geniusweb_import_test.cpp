// GeniusWeb import (engine/io/geniusweb_import.hpp): the two GeniusWeb samples in
// tests/data/geniusweb checked against a brute force written here from the JSON (read with
// nlohmann::json, independently of the importer), hand-computed utilities and reservation values,
// GeniusWeb's weight rule, format detection, and the malformed-file corpus.
//
// Each tests/data/geniusweb-malformed/NAME.json has one problem; NAME.expected holds the exact
// message with the file's path written as {file}. A file named domain-*.json is imported as the
// domain (with the Handmade profiles); profile-*.json as profile B (with the Handmade domain and
// profile A).
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "agents/registry.hpp"
#include "engine/analysis/analysis.hpp"
#include "engine/io/external_scenario.hpp"
#include "engine/io/geniusweb_import.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"

namespace fs = std::filesystem;
using treatysim::GeniusImportOptions;
using treatysim::import_geniusweb;
using treatysim::Scenario;
using treatysim::ScenarioDef;

namespace {

const std::string kData = std::string(TREATYSIM_TEST_DATA) + "/geniusweb";
const std::string kMalformed = std::string(TREATYSIM_TEST_DATA) + "/geniusweb-malformed";
const std::string kHandmade = kData + "/Handmade";

struct Sample {
  std::string folder;
  std::string domain;
  std::string a;
  std::string b;
  std::size_t issues;
  double outcomes;
};

const std::vector<Sample>& samples() {
  static const std::vector<Sample> list{
      {"Party", "party.json", "party1.json", "party2.json", 6, 4 * 4 * 4 * 4 * 3 * 4},
      {"Fitness", "fitness.json", "fitness1.json", "fitness2.json", 5, 5 * 4 * 4 * 4 * 4},
  };
  return list;
}

std::string path_of(const Sample& s, const std::string& file) {
  return kData + "/" + s.folder + "/" + file;
}

ScenarioDef import_sample(const Sample& s, const GeniusImportOptions& options = {}) {
  return import_geniusweb(path_of(s, s.domain), path_of(s, s.a), path_of(s, s.b), options);
}

ScenarioDef import_handmade(const std::string& b = kHandmade + "/handmade_b.json") {
  return import_geniusweb(kHandmade + "/handmade.json", kHandmade + "/handmade_a.json", b);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in, "cannot open " << path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  REQUIRE_MESSAGE(out, "cannot write " << path);
  out << text;
}

// `text` with the one occurrence of `from` replaced by `to` (the test fails if it is not there).
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "no \"" << from << "\" in the text");
  return text.replace(at, from.size(), to);
}

std::string temp_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("treatysim-geniusweb-test-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

// Handmade profile B with its issueWeights replaced, written to a temporary file.
std::string handmade_b_with_weights(const std::string& dir, const std::string& weights) {
  const std::string path = dir + "/handmade_b.json";
  write_file(path,
             replaced(read_file(kHandmade + "/handmade_b.json"),
                      R"("issueWeights": {"Colour": 0.1, "Price": 0.6, "Delivery time": 0.3})",
                      R"("issueWeights": )" + weights));
  return path;
}

std::optional<std::string> import_error(const std::string& domain, const std::string& a,
                                        const std::string& b,
                                        const GeniusImportOptions& options = {}) {
  try {
    static_cast<void>(import_geniusweb(domain, a, b, options));
  } catch (const treatysim::UserError& e) {
    return std::string(e.what());
  }
  return std::nullopt;
}

treatysim::SpecChecker checker() {
  return treatysim::agents::spec_checker(treatysim::agents::builtin_registry());
}

// [SECTION] The brute force, from the JSON alone ---------------------------------------------

// A profile as the JSON says, read with nlohmann::json (numbers as doubles).
struct JsonProfile {
  nlohmann::json space;  // the LinearAdditiveUtilitySpace object

  [[nodiscard]] double weight(const std::string& issue) const {
    return space.at("issueWeights").at(issue).get<double>();
  }
  [[nodiscard]] double value_utility(const std::string& issue, const std::string& value) const {
    return space.at("issueUtilities")
        .at(issue)
        .at("discreteutils")
        .at("valueUtilities")
        .at(value)
        .get<double>();
  }
};

struct BruteForce {
  std::vector<std::string> issues;               // domain order
  std::vector<std::vector<std::string>> values;  // domain order
  std::array<JsonProfile, 2> profiles;
  // Every outcome in lexicographic order of option indices (the first issue most significant):
  // the option indices and u = Σ weight × value utility, summed in issue order.
  std::vector<std::vector<std::size_t>> outcomes;
  std::vector<std::array<double, 2>> utilities;
};

BruteForce brute_force(const Sample& s) {
  BruteForce bf;
  const auto domain = nlohmann::ordered_json::parse(read_file(path_of(s, s.domain)));
  for (const auto& [issue, set] : domain.at("issuesValues").items()) {
    bf.issues.push_back(issue);
    bf.values.push_back(set.at("values").get<std::vector<std::string>>());
  }
  bf.profiles[0].space =
      nlohmann::json::parse(read_file(path_of(s, s.a))).at("LinearAdditiveUtilitySpace");
  bf.profiles[1].space =
      nlohmann::json::parse(read_file(path_of(s, s.b))).at("LinearAdditiveUtilitySpace");
  std::vector<std::size_t> odometer(bf.issues.size(), 0);
  while (true) {
    std::array<double, 2> u{0.0, 0.0};
    for (std::size_t p = 0; p < 2; ++p) {
      for (std::size_t i = 0; i < bf.issues.size(); ++i) {
        const std::string& issue = bf.issues[i];
        u[p] += bf.profiles[p].weight(issue) *
                bf.profiles[p].value_utility(issue, bf.values[i][odometer[i]]);
      }
    }
    bf.outcomes.push_back(odometer);
    bf.utilities.push_back(u);
    std::size_t i = bf.issues.size();
    while (i > 0 && ++odometer[i - 1] == bf.values[i - 1].size()) odometer[--i] = 0;
    if (i == 0) break;
  }
  return bf;
}

bool brute_dominates(const std::array<double, 2>& a, const std::array<double, 2>& b) {
  const double tol = 1e-9;
  return a[0] >= b[0] - tol && a[1] >= b[1] - tol && (a[0] > b[0] + tol || a[1] > b[1] + tol);
}

// The bargaining solutions by their definitions (bargaining.hpp): over the individually rational
// outcomes, the maximum of the objective, ties (within 1e-9) to the lowest index.
std::optional<std::size_t> brute_solution(const BruteForce& bf, const std::array<double, 2>& d,
                                          int which) {
  std::vector<std::size_t> rational;
  std::array<double, 2> ideal = d;
  for (std::size_t k = 0; k < bf.utilities.size(); ++k) {
    const auto& u = bf.utilities[k];
    if (u[0] >= d[0] - 1e-9 && u[1] >= d[1] - 1e-9) {
      rational.push_back(k);
      ideal[0] = std::max(ideal[0], u[0]);
      ideal[1] = std::max(ideal[1], u[1]);
    }
  }
  if (rational.empty()) return std::nullopt;
  const auto objective = [&](std::size_t k) {
    const auto& u = bf.utilities[k];
    const double g0 = u[0] - d[0];
    const double g1 = u[1] - d[1];
    switch (which) {
      case 0:
        return g0 * g1;  // Nash
      case 1:
        return std::min(g0 / (ideal[0] - d[0]), g1 / (ideal[1] - d[1]));  // Kalai–Smorodinsky
      case 2:
        return std::min(g0, g1);  // egalitarian
      default:
        return u[0] + u[1];  // utilitarian
    }
  };
  double best = -1e300;
  for (const std::size_t k : rational) best = std::max(best, objective(k));
  for (const std::size_t k : rational) {
    if (objective(k) >= best - 1e-9) return k;  // `rational` is in index order
  }
  return std::nullopt;
}

std::vector<std::size_t> options_of(const treatysim::Outcome& outcome) {
  std::vector<std::size_t> options;
  for (std::size_t i = 0; i < outcome.size(); ++i) {
    options.push_back(static_cast<std::size_t>(outcome[i]));
  }
  return options;
}

}  // namespace

// [SECTION] The GeniusWeb samples ------------------------------------------------------------

TEST_CASE(
    "geniusweb import: the samples' outcomes and utilities match a brute force over the JSON") {
  for (const Sample& s : samples()) {
    CAPTURE(s.folder);
    const ScenarioDef def = import_sample(s);
    const Scenario scenario = Scenario::create(def);
    const BruteForce bf = brute_force(s);
    REQUIRE(scenario.space().issue_count() == s.issues);
    REQUIRE(scenario.space().size() == s.outcomes);
    REQUIRE(static_cast<double>(bf.outcomes.size()) == s.outcomes);
    // Issues and options in the domain file's order, labelled with GeniusWeb's names.
    for (std::size_t i = 0; i < s.issues; ++i) {
      CHECK(def.issues[i].label == bf.issues[i]);
      REQUIRE(def.issues[i].options.size() == bf.values[i].size());
      for (std::size_t k = 0; k < bf.values[i].size(); ++k) {
        CHECK(def.issues[i].options[k].label == bf.values[i][k]);
      }
    }
    // Every outcome's utilities: the same numbers, summed the same way (so exactly equal).
    const std::vector<treatysim::OutcomePoint> points = treatysim::enumerate_outcomes(scenario);
    REQUIRE(points.size() == bf.outcomes.size());
    for (std::size_t k = 0; k < points.size(); ++k) {
      REQUIRE(options_of(points[k].outcome) == bf.outcomes[k]);
      REQUIRE(points[k].utilities[0] == bf.utilities[k][0]);
      REQUIRE(points[k].utilities[1] == bf.utilities[k][1]);
    }
    // The TOML written from it reads back unchanged.
    const Scenario again = treatysim::parse_scenario(treatysim::to_toml(def), "x.toml", checker());
    CHECK(again.def() == def);
  }
}

TEST_CASE("geniusweb import: the samples' frontier and four solutions match a brute force") {
  for (const Sample& s : samples()) {
    CAPTURE(s.folder);
    const Scenario scenario = Scenario::create(import_sample(s));
    const BruteForce bf = brute_force(s);
    const std::array<double, 2> d{scenario.party(0).preferences.reservation_value,
                                  scenario.party(1).preferences.reservation_value};

    // Frontier: the outcomes no other outcome dominates, O(n²).
    std::vector<std::vector<std::size_t>> expected;
    for (std::size_t k = 0; k < bf.utilities.size(); ++k) {
      bool dominated = false;
      for (std::size_t j = 0; j < bf.utilities.size() && !dominated; ++j) {
        dominated = brute_dominates(bf.utilities[j], bf.utilities[k]);
      }
      if (!dominated) expected.push_back(bf.outcomes[k]);
    }
    const treatysim::ScenarioAnalysis analysis = treatysim::analyze_scenario(scenario);
    CHECK(analysis.enumerated);
    CHECK(analysis.frontier.exact);
    std::vector<std::vector<std::size_t>> frontier;
    for (const auto& p : analysis.frontier.points) frontier.push_back(options_of(p.outcome));
    std::sort(frontier.begin(), frontier.end());
    CHECK(frontier == expected);  // `expected` is in index (lexicographic) order
    CHECK(expected.size() >= 5);

    const std::array<const std::optional<treatysim::OutcomePoint>*, 4> solutions{
        &analysis.nash, &analysis.kalai_smorodinsky, &analysis.egalitarian, &analysis.utilitarian};
    for (int which = 0; which < 4; ++which) {
      CAPTURE(which);
      const std::optional<std::size_t> k = brute_solution(bf, d, which);
      REQUIRE(k.has_value());
      REQUIRE(solutions[static_cast<std::size_t>(which)]->has_value());
      CHECK(options_of((*solutions[static_cast<std::size_t>(which)])->outcome) == bf.outcomes[*k]);
    }
  }
}

TEST_CASE("geniusweb import: Party, hand-checked") {
  const ScenarioDef def = import_sample(samples()[0]);
  const Scenario scenario = Scenario::create(def);
  CHECK(def.id == "party");
  CHECK(def.title == "party (GeniusWeb)");
  CHECK(def.protocol.deadline == 100);
  CHECK(def.protocol.first_mover == 0);
  CHECK(def.protocol.information == treatysim::Information::kPrivate);
  CHECK(def.issues[0].id == "food");
  CHECK(def.issues[3].options[2].id == "Custom, Handmade");
  CHECK(def.parties[0].name == "party1");
  CHECK(def.parties[1].name == "party2");
  CHECK(def.parties[0].preferences.discount == 1.0);

  // party1's reservation bid (Handmade Food, Handmade Cocktails, Party Tent, Custom, Printed,
  // Band, Special Equiment): 0.19·0.51 + 0.28·0.672 + 0.19·0.52 + 0.05·0.48 + 0.19·0.35 +
  // 0.10·0.32 = 0.0969 + 0.18816 + 0.0988 + 0.024 + 0.0665 + 0.032 = 0.50636.
  CHECK(def.parties[0].preferences.reservation_value == 0.50636);
  // party2's (Finger-Food, Non-Alcoholic, Party Tent, Photo, Band, Specialized Materials):
  // 0.095·0.52 + 0.228·0.33 + 0.109·0.3 + 0.214·0.24 + 0.108·0.64 + 0.246·0.36 = 0.0494 +
  // 0.07524 + 0.0327 + 0.05136 + 0.06912 + 0.08856 = 0.36638: the exact decimal, rounded once,
  // not the sum of rounded products (0.36638000000000004), which is that outcome's utility.
  CHECK(def.parties[1].preferences.reservation_value == 0.36638);
  const treatysim::Outcome reservation_b{1, 0, 0, 1, 2, 1};
  CHECK(scenario.utility(1)(reservation_b) == doctest::Approx(0.36638).epsilon(1e-15));
  CHECK(scenario.utility(1)(reservation_b) != 0.36638);

  // No rescaling: party1's best outcome is worth 0.75·0.19 + 0.98·0.28 + 0.99·0.19 + 1·0.05 +
  // 0.99·0.19 + 0.96·0.10 = 0.9391, not 1.
  CHECK(scenario.utility(0).max_utility() == doctest::Approx(0.9391).epsilon(1e-15));
  // Chips and Nuts / Beer Only / Party Room / Custom, Handmade / DJ / Specialized Materials is
  // that best outcome.
  const treatysim::Outcome best{0, 1, 2, 2, 1, 1};
  CHECK(scenario.utility(0)(best) == doctest::Approx(0.9391).epsilon(1e-15));
  // party2 values it 0.095·0.24 + 0.228·0.22 + 0.109·0.99 + 0.214·0.12 + 0.108·0.32 +
  // 0.246·0.36 = 0.0228 + 0.05016 + 0.10791 + 0.02568 + 0.03456 + 0.08856 = 0.32967.
  CHECK(scenario.utility(1)(best) == doctest::Approx(0.32967).epsilon(1e-15));
}

TEST_CASE("geniusweb import: Fitness, hand-checked") {
  const ScenarioDef def = import_sample(samples()[1]);
  const Scenario scenario = Scenario::create(def);
  CHECK(def.id == "fitness");
  CHECK(def.issues[2].id == "distance");
  CHECK(def.issues[4].options[3].id == "$200");
  // fitness1's reservation bid (running, 3 hours, 40 km, bootcamp, $50): 0.15·0.2 + 0.05·0.22 +
  // 0.3·0.25 + 0.3·0.14 + 0.2·0.2 = 0.03 + 0.011 + 0.075 + 0.042 + 0.04 = 0.198.
  CHECK(def.parties[0].preferences.reservation_value == 0.198);
  // fitness2's (running, 30 min, 5 km, bootcamp, $5): 0.3·0.1 + 0.1·0.15 + 0.2·0.3 + 0.1·0.2 +
  // 0.3·0.18 = 0.03 + 0.015 + 0.06 + 0.02 + 0.054 = 0.179.
  CHECK(def.parties[1].preferences.reservation_value == 0.179);
  // tennis / 1 hour / 1 km / training / $5 (options 4, 1, 1, 2, 0): fitness1 0.15·0.9 +
  // 0.05·0.8 + 0.3·1 + 0.3·1 + 0.2·1 = 0.975; fitness2 0.3·0.8 + 0.1·0.75 + 0.2·0.75 + 0.1·0.4 +
  // 0.3·0.18 = 0.559.
  const treatysim::Outcome outcome{4, 1, 1, 2, 0};
  CHECK(scenario.utility(0)(outcome) == doctest::Approx(0.975).epsilon(1e-15));
  CHECK(scenario.utility(1)(outcome) == doctest::Approx(0.559).epsilon(1e-15));
  CHECK(scenario.utility(0).max_utility() == doctest::Approx(0.975).epsilon(1e-15));
}

// [SECTION] A hand-made scenario -------------------------------------------------------------

TEST_CASE("geniusweb import: the hand-made scenario, every number by hand") {
  const ScenarioDef def = import_handmade();
  CHECK(def.id == "handmade");
  REQUIRE(def.issues.size() == 3);
  CHECK(def.issues[0].id == "price");
  CHECK(def.issues[1].id == "delivery_time");
  CHECK(def.issues[1].label == "Delivery time");
  CHECK(def.issues[1].options[0].id == "1_2 week");  // '/' joins option ids on the command line
  CHECK(def.issues[1].options[0].label == "1/2 week");
  CHECK(def.issues[2].id == "colour");
  CHECK(def.parties[0].id == "a");
  CHECK(def.parties[0].name == "buyer");
  CHECK(def.parties[1].name == "seller");
  CHECK(def.parties[1].agent == "linear");

  const auto& buyer = def.parties[0].preferences;
  const auto& seller = def.parties[1].preferences;
  CHECK(buyer.weights == std::vector<double>{0.5, 0.3, 0.2});
  // The values as written, not rescaled: the buyer's best delivery time is worth 0.9.
  CHECK(buyer.values[1] == std::vector<double>{0.9, 0.5, 0.1});
  CHECK(buyer.values[2] == std::vector<double>{0.25, 0.75});
  // The seller lists its issues (and values) in another order: matched by name.
  CHECK(seller.weights == std::vector<double>{0.6, 0.3, 0.1});
  CHECK(seller.values[0] == std::vector<double>{0.0, 0.5, 1.0});
  CHECK(seller.values[1] == std::vector<double>{0.2, 0.8, 1.0});
  CHECK(seller.values[2] == std::vector<double>{1.0, 0.0});
  // Buyer's reservation bid mid / 1 week / red: 0.5·0.6 + 0.3·0.5 + 0.2·0.25 = 0.5. The seller
  // has none: 0.
  CHECK(buyer.reservation_value == 0.5);
  CHECK(seller.reservation_value == 0.0);

  const Scenario scenario = Scenario::create(def);
  CHECK(scenario.space().size() == 18);
  // low / 1/2 week / blue: buyer 0.5·1 + 0.3·0.9 + 0.2·0.75 = 0.92; seller 0.6·0 + 0.3·0.2 +
  // 0.1·0 = 0.06.
  CHECK(scenario.utility(0)({0, 0, 1}) == doctest::Approx(0.92).epsilon(1e-15));
  CHECK(scenario.utility(1)({0, 0, 1}) == doctest::Approx(0.06).epsilon(1e-15));
  // high / 2 weeks / red: buyer 0 + 0.3·0.1 + 0.2·0.25 = 0.08; seller 0.6 + 0.3 + 0.1 = 1.
  CHECK(scenario.utility(0)({2, 2, 0}) == doctest::Approx(0.08).epsilon(1e-15));
  CHECK(scenario.utility(1)({2, 2, 0}) == doctest::Approx(1.0).epsilon(1e-15));
}

TEST_CASE("geniusweb import: issue names that sanitise alike get unique ids") {
  const std::string dir = temp_dir("unique-ids");
  for (const char* file : {"handmade.json", "handmade_a.json", "handmade_b.json"}) {
    std::string text = read_file(kHandmade + "/" + file);
    // Every occurrence: the domain, the embedded domains, utilities, weights, bids.
    for (const auto& [from, to] :
         {std::pair<std::string, std::string>{"\"Delivery time\"", "\"PRICE!\""},
          {"\"Colour\"", "\"???\""}}) {
      for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
        text.replace(at, from.size(), to);
        at += to.size();
      }
    }
    write_file(dir + "/" + file, text);
  }
  const ScenarioDef def =
      import_geniusweb(dir + "/handmade.json", dir + "/handmade_a.json", dir + "/handmade_b.json");
  CHECK(def.issues[0].id == "price");
  CHECK(def.issues[1].id == "price_2");
  CHECK(def.issues[1].label == "PRICE!");
  CHECK(def.issues[2].id == "issue3");
  CHECK(def.issues[2].label == "???");
  CHECK(def.parties[0].preferences.reservation_value == 0.5);
  fs::remove_all(dir);
}

TEST_CASE("geniusweb import: weights summing to exactly 1 in decimal pass, whatever doubles say") {
  // The seller's weights 0.6 + 0.3 + 0.1 are exactly 1; in binary floating point the sum is
  // 0.9999999999999999. GeniusWeb (BigDecimal) accepts them, and so does the import.
  const std::vector<double> weights = import_handmade().parties[1].preferences.weights;
  CHECK(weights[0] + weights[1] + weights[2] != 1.0);
  CHECK(weights[0] + weights[1] + weights[2] == doctest::Approx(1.0).epsilon(1e-15));

  const std::string dir = temp_dir("weights");
  // Other spellings of the same exact sum.
  for (const char* ok : {R"({"Colour": 0.10, "Price": 6E-1, "Delivery time": 0.3e0})",
                         R"({"Colour": 0, "Price": 1, "Delivery time": 0})",
                         R"({"Colour": 0.25, "Price": 0.5, "Delivery time": 0.25})",
                         R"({"Colour": 0.3333333333333333333, "Price": 0.3333333333333333334,)"
                         R"( "Delivery time": 0.3333333333333333333})"}) {
    CAPTURE(ok);
    CHECK_FALSE(import_error(kHandmade + "/handmade.json", kHandmade + "/handmade_a.json",
                             handmade_b_with_weights(dir, ok)));
  }
  // Sums that miss 1 are refused, not renormalised — even when the doubles sum to 1.
  const auto refused = [&](const std::string& weights_json) {
    const std::string b = handmade_b_with_weights(dir, weights_json);
    const auto error =
        import_error(kHandmade + "/handmade.json", kHandmade + "/handmade_a.json", b);
    REQUIRE(error.has_value());
    return error->substr(b.size());
  };
  const std::string rule =
      ", not 1 (GeniusWeb requires issue weights that sum to exactly 1; they are not "
      "renormalised)";
  CHECK(refused(R"({"Colour": 0.33, "Price": 0.33, "Delivery time": 0.34000000000000001})") ==
        ": LinearAdditiveUtilitySpace.issueWeights: the weights sum to 1.00000000000000001" + rule);
  CHECK(0.33 + 0.33 + 0.34000000000000001 == 1.0);
  CHECK(refused(R"({"Colour": 0.2, "Price": 0.2, "Delivery time": 0.2})") ==
        ": LinearAdditiveUtilitySpace.issueWeights: the weights sum to 0.6" + rule);
  CHECK(refused(R"({"Colour": 1, "Price": 1, "Delivery time": 1})") ==
        ": LinearAdditiveUtilitySpace.issueWeights: the weights sum to 3" + rule);
  CHECK(refused(R"({"Colour": 0, "Price": 0, "Delivery time": 0})") ==
        ": LinearAdditiveUtilitySpace.issueWeights: the weights sum to 0" + rule);
  CHECK(refused(R"({"Colour": 1e-30000, "Price": 0.6, "Delivery time": 0.4})") ==
        ": LinearAdditiveUtilitySpace.issueWeights: the weights' digits span more than 20000 "
        "decimal places: cannot check that they sum to exactly 1");
  fs::remove_all(dir);
}

TEST_CASE("geniusweb import: a partial reservation bid counts the issues it names; null is none") {
  const std::string dir = temp_dir("reservation");
  const std::string original = read_file(kHandmade + "/handmade_a.json");
  const std::string bid =
      R"("reservationBid": {"issuevalues": {"Price": "mid", "Delivery time": "1 week", "Colour": "red"}})";
  // Only the colour: 0.2·0.25 = 0.05 (GeniusWeb's getUtility adds 0 for a missing issue).
  write_file(dir + "/a.json",
             replaced(original, bid, R"("reservationBid": {"issuevalues": {"Colour": "red"}})"));
  CHECK(import_geniusweb(kHandmade + "/handmade.json", dir + "/a.json",
                         kHandmade + "/handmade_b.json")
            .parties[0]
            .preferences.reservation_value == 0.05);
  // An empty bid is worth 0, and so is null (no reservation bid).
  for (const char* none :
       {R"("reservationBid": {"issuevalues": {}})", R"("reservationBid": null)"}) {
    CAPTURE(none);
    write_file(dir + "/a.json", replaced(original, bid, none));
    CHECK(import_geniusweb(kHandmade + "/handmade.json", dir + "/a.json",
                           kHandmade + "/handmade_b.json")
              .parties[0]
              .preferences.reservation_value == 0.0);
  }
  fs::remove_all(dir);
}

TEST_CASE("geniusweb import: the profile's domain may list issues and values in another order") {
  const std::string dir = temp_dir("domain-order");
  std::string b = read_file(kHandmade + "/handmade_b.json");
  b = replaced(b, R"("Colour": {"values": ["red", "blue"]})",
               R"("Colour": {"values": ["blue", "red"]})");
  b = replaced(b, "\t\t\t\t\"Price\": {\"values\": [\"low\", \"mid\", \"high\"]},\n", "");
  b = replaced(b, R"("Colour": {"values": ["blue", "red"]})",
               "\"Colour\": {\"values\": [\"blue\", \"red\"]},\n\t\t\t\t\"Price\": {\"values\": "
               "[\"high\", \"mid\", \"low\"]}");
  write_file(dir + "/handmade_b.json", b);  // the same name: the same description
  CHECK(import_handmade(dir + "/handmade_b.json") == import_handmade());
  fs::remove_all(dir);
}

TEST_CASE("geniusweb import: options set the id, the parties, the agent and the deadline") {
  GeniusImportOptions options;
  options.id = "party-2020";
  options.party_a = "host";
  options.party_b = "guest";
  options.agent = "boulware(e=0.2)";
  options.deadline = 40;
  const ScenarioDef def = import_sample(samples()[0], options);
  CHECK(def.id == "party-2020");
  CHECK(def.parties[0].id == "host");
  CHECK(def.parties[1].id == "guest");
  CHECK(def.parties[0].agent == "boulware(e=0.2)");
  CHECK(def.protocol.deadline == 40);
  CHECK(def.parties[0].preferences.discount == 1.0);  // no discounting, whatever the deadline
  static_cast<void>(treatysim::parse_scenario(treatysim::to_toml(def), "x.toml", checker()));

  const Sample& s = samples()[0];
  GeniusImportOptions same;
  same.party_b = "a";
  CHECK(import_error(path_of(s, s.domain), path_of(s, s.a), path_of(s, s.b), same) ==
        "party_b: expected two different party ids, got \"a\" twice");
  GeniusImportOptions bad_deadline;
  bad_deadline.deadline = 0;
  CHECK(import_error(path_of(s, s.domain), path_of(s, s.a), path_of(s, s.b), bad_deadline) ==
        "deadline: expected a number of offers from 1 to 1000000, got 0");
}

// [SECTION] Files on their own, formats ------------------------------------------------------

TEST_CASE("geniusweb import: check_geniusweb_file describes a domain and a profile") {
  CHECK(treatysim::check_geniusweb_file(kData + "/Party/party.json") ==
        "GeniusWeb domain \"party\", 6 issues, 3072 outcomes");
  CHECK(treatysim::check_geniusweb_file(kData + "/Party/party2.json") ==
        "LinearAdditiveUtilitySpace profile \"party2\" of GeniusWeb domain \"party\", 6 issues, "
        "3072 outcomes, reservation value 0.36638");
  CHECK(treatysim::check_geniusweb_file(kHandmade + "/handmade_b.json") ==
        "LinearAdditiveUtilitySpace profile \"seller\" of GeniusWeb domain \"handmade\", 3 issues, "
        "18 outcomes, reservation value 0");
  // Other JSON is neither.
  const std::string dir = temp_dir("check");
  write_file(dir + "/trace.json", R"({"format": "treatysim-trace", "events": []})");
  try {
    static_cast<void>(treatysim::check_geniusweb_file(dir + "/trace.json"));
    FAIL("a JSON file that is not GeniusWeb's passed");
  } catch (const treatysim::UserError& e) {
    CHECK(std::string(e.what()) ==
          dir +
              "/trace.json: expected a GeniusWeb domain, {\"name\": ..., \"issuesValues\": "
              "{...}}, or profile, {\"LinearAdditiveUtilitySpace\": {...}}, got an object with "
              "2 keys");
  }
  fs::remove_all(dir);
  // A profile is checked against the domain it holds.
  const std::string bad = kMalformed + "/profile-unknown-value.json";
  try {
    static_cast<void>(treatysim::check_geniusweb_file(bad));
    FAIL("a profile with an unknown value passed");
  } catch (const treatysim::UserError& e) {
    CHECK(e.key() ==
          "LinearAdditiveUtilitySpace.issueUtilities.Colour.discreteutils.valueUtilities.green");
  }
}

TEST_CASE("geniusweb import: formats are recognised by content, then by name") {
  using treatysim::external_format_by_content;
  using treatysim::ExternalFormat;
  CHECK(external_format_by_content("{\"name\": 1}") == ExternalFormat::kGeniusWebJson);
  CHECK(external_format_by_content("\xEF\xBB\xBF \n\t{") == ExternalFormat::kGeniusWebJson);
  CHECK(external_format_by_content("<?xml version=\"1.0\"?>") == ExternalFormat::kGeniusXml);
  CHECK(external_format_by_content("  <utility_space>") == ExternalFormat::kGeniusXml);
  CHECK_FALSE(external_format_by_content(""));
  CHECK_FALSE(external_format_by_content("[1, 2]"));

  const std::string dir = temp_dir("formats");
  write_file(dir + "/empty.JSON", "");
  write_file(dir + "/empty.xml", "");
  write_file(dir + "/json-named.xml", "{}");
  CHECK(treatysim::detect_external_format(dir + "/empty.JSON") == ExternalFormat::kGeniusWebJson);
  CHECK(treatysim::detect_external_format(dir + "/empty.xml") == ExternalFormat::kGeniusXml);
  CHECK(treatysim::detect_external_format(dir + "/json-named.xml") ==
        ExternalFormat::kGeniusWebJson);

  // import_external_scenario picks the importer; the same scenario as import_geniusweb.
  const Sample& s = samples()[1];
  CHECK(treatysim::import_external_scenario(path_of(s, s.domain), path_of(s, s.a),
                                            path_of(s, s.b)) == import_sample(s));
  const std::string laptop = std::string(TREATYSIM_TEST_DATA) + "/genius/Laptop/";
  const ScenarioDef genius = treatysim::import_external_scenario(
      laptop + "laptop_domain.xml", laptop + "laptop_buyer_utility.xml",
      laptop + "laptop_seller_utility.xml");
  CHECK(genius.id == "laptop");
  // Formats cannot be mixed.
  try {
    static_cast<void>(treatysim::import_external_scenario(path_of(s, s.domain), path_of(s, s.a),
                                                          laptop + "laptop_seller_utility.xml"));
    FAIL("a GENIUS profile was accepted with a GeniusWeb domain");
  } catch (const treatysim::UserError& e) {
    CHECK(std::string(e.what()) ==
          laptop + "laptop_seller_utility.xml: the profile is GENIUS XML but the domain " +
              path_of(s, s.domain) +
              " is GeniusWeb JSON (expected the domain and both profiles in one format)");
  }
  fs::remove_all(dir);
}

// [SECTION] Malformed files ------------------------------------------------------------------

TEST_CASE("geniusweb import: a syntax error has its line and column; a missing file is named") {
  const std::string path = kMalformed + "/profile-syntax-error.json";
  try {
    static_cast<void>(import_handmade(path));
    FAIL("the import accepted malformed JSON");
  } catch (const treatysim::UserError& e) {
    CHECK(e.location().file == path);
    CHECK(e.location().line == 9);
    CHECK(e.location().column == 62);  // the end of "Delivery time", after a missing comma
    CHECK(e.message() ==
          "JSON syntax error: syntax error while parsing object - unexpected string literal; "
          "expected '}'");
  }
  const std::string missing = kData + "/no-such-file.json";
  REQUIRE_FALSE(fs::exists(missing));
  CHECK(import_error(kHandmade + "/handmade.json", kHandmade + "/handmade_a.json", missing) ==
        missing + ": cannot read the file: No such file or directory");
  CHECK(import_error(kData, kHandmade + "/handmade_a.json", kHandmade + "/handmade_b.json") ==
        kData + ": is a directory (expected a file)");
}

TEST_CASE("geniusweb import: every malformed file has an .expected message, and there are many") {
  std::vector<std::string> jsons;
  for (const fs::directory_entry& entry : fs::directory_iterator(kMalformed)) {
    const fs::path& p = entry.path();
    if (p.extension() == ".json") jsons.push_back(p.string());
    if (p.extension() == ".expected") {
      CHECK(fs::is_regular_file(fs::path(p).replace_extension(".json")));
    }
  }
  CHECK(jsons.size() >= 40);
  for (const std::string& path : jsons) {
    CAPTURE(path);
    CHECK(fs::is_regular_file(fs::path(path).replace_extension(".expected")));
  }
}

TEST_CASE("geniusweb import: each malformed file fails with its exact message") {
  std::vector<std::string> paths;
  for (const fs::directory_entry& entry : fs::directory_iterator(kMalformed)) {
    if (entry.path().extension() == ".json") paths.push_back(entry.path().string());
  }
  std::sort(paths.begin(), paths.end());
  for (const std::string& path : paths) {
    const std::string name = fs::path(path).filename().string();
    SUBCASE(name.c_str()) {
      const bool is_domain = name.rfind("domain-", 0) == 0;
      REQUIRE_MESSAGE((is_domain || name.rfind("profile-", 0) == 0),
                      "corpus files are named domain-*.json or profile-*.json");
      const auto error =
          is_domain
              ? import_error(path, kHandmade + "/handmade_a.json", kHandmade + "/handmade_b.json")
              : import_error(kHandmade + "/handmade.json", kHandmade + "/handmade_a.json", path);
      REQUIRE_MESSAGE(error.has_value(), path << " imported, but it should throw UserError");
      std::string expected = read_file(fs::path(path).replace_extension(".expected").string());
      while (!expected.empty() && (expected.back() == '\n' || expected.back() == '\r')) {
        expected.pop_back();
      }
      const std::size_t at = expected.find("{file}");
      if (at != std::string::npos) expected.replace(at, 6, path);
      CHECK(*error == expected);
    }
  }
}

TEST_CASE("geniusweb import: a file nested 200,000 levels deep is an error, not a stack overflow") {
  const std::string dir = temp_dir("deep");
  const std::size_t depth = 200'000;
  write_file(dir + "/deep.json",
             "{\"a\": " + std::string(depth, '[') + std::string(depth, ']') + "}");
  const auto error = import_error(dir + "/deep.json", kHandmade + "/handmade_a.json",
                                  kHandmade + "/handmade_b.json");
  REQUIRE(error.has_value());
  std::string path = "a";  // the root object's member, then 99 arrays' first elements
  for (int level = 1; level < 100; ++level) path += "[0]";
  CHECK(*error == dir + "/deep.json: " + path +
                      ": arrays and objects nested more than 100 levels deep (expected a GeniusWeb "
                      "domain or profile)");
  fs::remove_all(dir);
}
