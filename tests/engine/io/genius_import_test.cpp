// GENIUS / ANAC import (engine/io/genius_import.hpp): the ANAC samples in tests/data/genius, a
// hand-made domain that must equal a hand-written scenario file, edge cases, and the
// malformed-file corpus.
//
// Each tests/data/genius-malformed/NAME.xml has one problem; NAME.expected holds the exact
// message with the file's path written as {file}. A file named domain-*.xml is imported as the
// domain (with the Handmade profiles); profile-*.xml as profile B (with the Handmade domain and
// profile A).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "agents/registry.hpp"
#include "engine/analysis/pareto.hpp"
#include "engine/io/genius_import.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"
#include "engine/protocol/trace.hpp"

namespace fs = std::filesystem;
using treatysim::GeniusImportOptions;
using treatysim::import_genius;
using treatysim::Scenario;
using treatysim::ScenarioDef;

namespace {

const std::string kGenius = std::string(TREATYSIM_TEST_DATA) + "/genius";
const std::string kMalformed = std::string(TREATYSIM_TEST_DATA) + "/genius-malformed";
const std::string kHandmade = kGenius + "/Handmade";

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
      {"Laptop", "laptop_domain.xml", "laptop_buyer_utility.xml", "laptop_seller_utility.xml", 3,
       27},
      {"EnglandZimbabwe", "EnglandZimbabwe_domain.xml", "England.xml", "Zimbabwe.xml", 5, 576},
      {"ItexvsCypress", "ItexvsCypress_domain.xml", "ItexvsCypress_Itex.xml",
       "ItexvsCypress_Cypress.xml", 4, 180},
  };
  return list;
}

ScenarioDef import_sample(const Sample& s, const GeniusImportOptions& options = {}) {
  const std::string dir = kGenius + "/" + s.folder + "/";
  return import_genius(dir + s.domain, dir + s.a, dir + s.b, options);
}

ScenarioDef import_laptop(const GeniusImportOptions& options = {}) {
  return import_sample(samples()[0], options);
}

treatysim::SpecChecker checker() {
  return treatysim::agents::spec_checker(treatysim::agents::builtin_registry());
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

// A fresh directory for files a test writes.
std::string temp_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("treatysim-genius-test-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

// what() of the UserError the import throws; nullopt when it succeeds.
std::optional<std::string> import_error(const std::string& domain, const std::string& a,
                                        const std::string& b,
                                        const GeniusImportOptions& options = {}) {
  try {
    static_cast<void>(import_genius(domain, a, b, options));
  } catch (const treatysim::UserError& e) {
    return std::string(e.what());
  }
  return std::nullopt;
}

std::vector<std::string> files_with_extension(const std::string& dir,
                                              const std::string& extension) {
  std::vector<std::string> paths;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == extension) {
      paths.push_back(entry.path().string());
    }
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

double sum(const std::vector<double>& values) {
  double total = 0.0;
  for (const double v : values) total += v;
  return total;
}

}  // namespace

// [SECTION] The ANAC samples -------------------------------------------------------------------

TEST_CASE("genius import: every sample imports, validates and round-trips through TOML") {
  for (const Sample& s : samples()) {
    CAPTURE(s.folder);
    const ScenarioDef def = import_sample(s);
    const Scenario scenario = Scenario::create(def);
    CHECK(scenario.space().issue_count() == s.issues);
    CHECK(scenario.space().size() == s.outcomes);
    for (std::size_t p = 0; p < 2; ++p) {
      CHECK(sum(def.parties[p].preferences.weights) == doctest::Approx(1.0).epsilon(1e-12));
      for (const auto& values : def.parties[p].preferences.values) {
        CHECK(*std::max_element(values.begin(), values.end()) == 1.0);  // normalised per issue
      }
    }
    const Scenario again = treatysim::parse_scenario(treatysim::to_toml(def), "x.toml", checker());
    CHECK(again.def() == def);
  }
}

TEST_CASE("genius import: Laptop, hand-checked") {
  const ScenarioDef def = import_laptop();
  CHECK(def.id == "laptop");
  CHECK(def.protocol.deadline == 100);
  CHECK(def.protocol.first_mover == 0);
  REQUIRE(def.issues.size() == 3);
  CHECK(def.issues[0].id == "laptop");
  CHECK(def.issues[1].id == "harddisk");
  CHECK(def.issues[2].id == "external_monitor");
  CHECK(def.issues[2].label == "External Monitor");
  REQUIRE(def.issues[0].options.size() == 3);
  CHECK(def.issues[0].options[1].id == "Macintosh");
  CHECK(def.issues[0].options[1].label == "Macintosh");
  // The domain's descriptions equal the values; both profiles say "quality laptop".
  CHECK(def.issues[0].options[1].description == "quality laptop");
  CHECK(def.issues[2].options[0].id == "19'' LCD");

  const auto& buyer = def.parties[0];
  const auto& seller = def.parties[1];
  CHECK(buyer.id == "a");
  CHECK(buyer.name == "laptop_buyer_utility");
  CHECK(seller.id == "b");
  CHECK(buyer.agent == "linear");
  // Buyer: Dell 12, Macintosh 20, HP 30 → divided by 30.
  CHECK(buyer.preferences.values[0][0] == doctest::Approx(12.0 / 30.0).epsilon(1e-15));
  CHECK(buyer.preferences.values[0][1] == doctest::Approx(20.0 / 30.0).epsilon(1e-15));
  CHECK(buyer.preferences.values[0][2] == 1.0);
  // Seller's monitor: 3, 2, 1 → 1, 2/3, 1/3.
  CHECK(seller.preferences.values[2][1] == doctest::Approx(2.0 / 3.0).epsilon(1e-15));
  // Weights 0.4452125771655631 + 0.37808251708013424 + 0.1767567099260568 = 1.0000518…,
  // renormalised.
  const double raw_sum = 0.4452125771655631 + 0.37808251708013424 + 0.1767567099260568;
  CHECK(raw_sum - 1.0 == doctest::Approx(5.18e-5).epsilon(1e-2));
  CHECK(buyer.preferences.weights[0] ==
        doctest::Approx(0.4452125771655631 / raw_sum).epsilon(1e-15));
  CHECK(buyer.preferences.weights[1] ==
        doctest::Approx(0.37808251708013424 / raw_sum).epsilon(1e-15));
  CHECK(buyer.preferences.weights[2] ==
        doctest::Approx(0.1767567099260568 / raw_sum).epsilon(1e-15));
  CHECK(seller.preferences.weights[2] == buyer.preferences.weights[0]);
  CHECK(buyer.preferences.reservation_value == 0.0);
  // Discount 0.42441038 at t = 1 → per offer d^(1/99) for 100 offers.
  const double d = 0.42441038;
  CHECK(buyer.preferences.discount == doctest::Approx(std::pow(d, 1.0 / 99.0)).epsilon(1e-15));
  CHECK(buyer.preferences.discount == doctest::Approx(0.99138024962).epsilon(1e-10));
  CHECK(std::pow(buyer.preferences.discount, 99.0) == doctest::Approx(d).epsilon(1e-12));
  CHECK(seller.preferences.discount == buyer.preferences.discount);
}

TEST_CASE("genius import: the discount follows the deadline, and T = 1 means no discounting") {
  const double d = 0.42441038;
  GeniusImportOptions options;
  options.deadline = 11;
  CHECK(import_laptop(options).parties[0].preferences.discount ==
        doctest::Approx(std::pow(d, 0.1)).epsilon(1e-15));
  options.deadline = 2;
  CHECK(import_laptop(options).parties[0].preferences.discount == d);
  options.deadline = 1;
  CHECK(import_laptop(options).parties[0].preferences.discount == 1.0);
}

TEST_CASE("genius import: options set the id, the parties, the agent and the deadline") {
  GeniusImportOptions options;
  options.id = "my-laptop";
  options.party_a = "buyer";
  options.party_b = "seller";
  options.agent = "boulware(e=0.2)";
  options.deadline = 40;
  const ScenarioDef def = import_laptop(options);
  CHECK(def.id == "my-laptop");
  CHECK(def.parties[0].id == "buyer");
  CHECK(def.parties[1].id == "seller");
  CHECK(def.parties[1].agent == "boulware(e=0.2)");
  CHECK(def.protocol.deadline == 40);
  static_cast<void>(treatysim::parse_scenario(treatysim::to_toml(def), "x.toml", checker()));

  const std::string dir = kGenius + "/Laptop/";
  const std::string domain = dir + "laptop_domain.xml";
  const std::string a = dir + "laptop_buyer_utility.xml";
  const std::string b = dir + "laptop_seller_utility.xml";
  GeniusImportOptions same;
  same.party_b = "a";
  CHECK(import_error(domain, a, b, same) ==
        "party_b: expected two different party ids, got \"a\" twice");
  GeniusImportOptions bad_id;
  bad_id.party_a = "the buyer";
  CHECK(import_error(domain, a, b, bad_id) ==
        "party_a: expected a party id of letters, digits, '_' or '-', got \"the buyer\"");
  GeniusImportOptions bad_deadline;
  bad_deadline.deadline = 0;
  CHECK(import_error(domain, a, b, bad_deadline) ==
        "deadline: expected a number of offers from 1 to 1000000, got 0");
}

TEST_CASE("genius import: issue ids are sanitised") {
  CHECK(treatysim::sanitize_genius_id("Size of Fund") == "size_of_fund");
  CHECK(treatysim::sanitize_genius_id("External Monitor") == "external_monitor");
  CHECK(treatysim::sanitize_genius_id("Price / Unit") == "price_unit");
  CHECK(treatysim::sanitize_genius_id("  $Cost (EUR)! ") == "cost_eur");
  CHECK(treatysim::sanitize_genius_id("ok_id-2") == "ok_id-2");
  CHECK(treatysim::sanitize_genius_id("???").empty());
  const ScenarioDef ez = import_sample(samples()[1]);
  CHECK(ez.id == "englandzimbabwe");
  CHECK(ez.issues[0].id == "size_of_fund");
  CHECK(ez.issues[4].id == "forum_on_other_health_issues");
  CHECK(ez.issues[4].label == "Forum on Other Health Issues");
  // Item values keep their spaces and '$': they are quoted in TOML.
  CHECK(ez.issues[0].options[0].id == "$100 Billion");
}

TEST_CASE("genius import: names that sanitise alike get unique ids") {
  const std::string dir = temp_dir("unique-ids");
  std::string domain = read_file(kHandmade + "/handmade_domain.xml");
  domain = replaced(domain, "name=\"Delivery\"", "name=\"price unit\"");
  domain = replaced(domain, "name=\"Colour!\"", "name=\"!!!\"");
  std::string a = read_file(kHandmade + "/handmade_a.xml");
  a = replaced(a, "name=\"Delivery\"", "name=\"price unit\"");
  a = replaced(a, "name=\"Colour!\"", "name=\"!!!\"");
  std::string b = read_file(kHandmade + "/handmade_b.xml");
  b = replaced(b, "name=\"Delivery\"", "name=\"price unit\"");
  b = replaced(b, "name=\"Colour!\"", "name=\"!!!\"");
  write_file(dir + "/d.xml", domain);
  write_file(dir + "/a.xml", a);
  write_file(dir + "/b.xml", b);
  const ScenarioDef def = import_genius(dir + "/d.xml", dir + "/a.xml", dir + "/b.xml");
  CHECK(def.id == "d");
  CHECK(def.issues[0].id == "price_unit");
  CHECK(def.issues[1].id == "price_unit_2");
  CHECK(def.issues[2].id == "issue5");
  CHECK(def.issues[2].label == "!!!");
  fs::remove_all(dir);
}

// [SECTION] The hand-made domain against the hand-written scenario file -------------------------

TEST_CASE("genius import: the hand-made domain equals tests/data/genius/handmade.toml") {
  GeniusImportOptions options;
  options.deadline = 9;
  const ScenarioDef imported =
      import_genius(kHandmade + "/handmade_domain.xml", kHandmade + "/handmade_a.xml",
                    kHandmade + "/handmade_b.xml", options);
  const Scenario written = treatysim::load_scenario_file(kGenius + "/handmade.toml", checker());
  const Scenario scenario = Scenario::create(imported);

  // The same utilities, option by option, and the same scenario altogether.
  for (std::size_t p = 0; p < 2; ++p) {
    CAPTURE(p);
    const auto& mine = imported.parties[p].preferences;
    const auto& theirs = written.def().parties[p].preferences;
    CHECK(mine.weights == theirs.weights);
    CHECK(mine.values == theirs.values);
    CHECK(mine.reservation_value == theirs.reservation_value);
    CHECK(mine.discount == theirs.discount);
  }
  CHECK(imported.parties[0].preferences.discount == 0.9375);  // 0.9375^8 given, T = 9
  CHECK(imported.parties[0].preferences.values[2] == std::vector<double>{0.0, 0.0});  // all 0
  CHECK(imported.issues[1].options[0].id == "1_2 week");
  CHECK(imported.issues[1].options[0].label == "1/2 week");
  CHECK(imported == written.def());
  CHECK(scenario.content_hash() == written.content_hash());

  // The same analysis.
  const auto frontier = treatysim::pareto_frontier(scenario);
  const auto expected = treatysim::pareto_frontier(written);
  REQUIRE(frontier.size() == expected.size());
  CHECK(!frontier.empty());
  for (std::size_t k = 0; k < frontier.size(); ++k) {
    CAPTURE(k);
    CHECK(frontier[k].outcome == expected[k].outcome);
    CHECK(frontier[k].index == expected[k].index);
    CHECK(frontier[k].utilities == expected[k].utilities);
  }

  // The same negotiation, seed for seed.
  const auto& registry = treatysim::agents::builtin_registry();
  for (const char* spec : {"linear", "boulware(e=0.2)", "random(accept=0.1)"}) {
    for (std::uint64_t seed : {1U, 7U, 12345U}) {
      CAPTURE(spec);
      CAPTURE(seed);
      const std::array<treatysim::Spec, 2> specs{treatysim::parse_spec(spec),
                                                 treatysim::parse_spec("linear")};
      const treatysim::Trace mine = treatysim::run_traced(scenario, specs, seed, registry);
      const treatysim::Trace theirs = treatysim::run_traced(written, specs, seed, registry);
      CHECK(mine.result == theirs.result);
      CHECK(treatysim::trace_to_text(mine) == treatysim::trace_to_text(theirs));
    }
  }
}

// [SECTION] Edge cases ------------------------------------------------------------------------

TEST_CASE("genius import: weights that miss 1 by rounding are renormalised") {
  const std::string dir = temp_dir("rounding");
  std::string b = read_file(kHandmade + "/handmade_b.xml");
  b = replaced(b, "<weight index=\"1\" value=\"0.25\"/>", "<weight index=\"1\" value=\"0.33\"/>");
  b = replaced(b, "<weight index=\"2\" value=\"0.25\"/>", "<weight index=\"2\" value=\"0.33\"/>");
  b = replaced(b, "<weight index=\"5\" value=\"0.5\"/>", "<weight index=\"5\" value=\"0.33\"/>");
  write_file(dir + "/handmade_b.xml", b);
  const ScenarioDef def = import_genius(kHandmade + "/handmade_domain.xml",
                                        kHandmade + "/handmade_a.xml", dir + "/handmade_b.xml");
  for (const double w : def.parties[1].preferences.weights) {
    CHECK(w == doctest::Approx(1.0 / 3.0).epsilon(1e-15));
  }
  CHECK(sum(def.parties[1].preferences.weights) == doctest::Approx(1.0).epsilon(1e-15));
  static_cast<void>(Scenario::create(def));
  fs::remove_all(dir);
}

TEST_CASE("genius import: a profile may list its issues and weights in any order") {
  // Laptop's buyer with the issues (and weights) listed in reverse order: the same preferences.
  const std::string dir = temp_dir("order");
  const std::string original = read_file(kGenius + "/Laptop/laptop_buyer_utility.xml");
  const auto cut = [&](const std::string& from, const std::string& to) {
    const std::size_t begin = original.find(from);
    const std::size_t end = original.find(to, begin);
    REQUIRE(begin != std::string::npos);
    REQUIRE(end != std::string::npos);
    return original.substr(begin, end - begin);
  };
  const std::string issue1 = cut("<issue index=\"1\"", "<issue index=\"2\"");
  const std::string issue2 = cut("<issue index=\"2\"", "<issue index=\"3\"");
  const std::string issue3 = cut("<issue index=\"3\"", "<weight index=\"1\"");
  const std::string weights = cut("<weight index=\"1\"", "</objective>");
  const std::string head = original.substr(0, original.find(issue1));
  const std::string tail = original.substr(original.find("</objective>"));
  // Weights first, then issues 3, 1, 2.
  write_file(dir + "/laptop_buyer_utility.xml", head + weights + issue3 + issue1 + issue2 + tail);

  const std::string laptop = kGenius + "/Laptop/";
  const ScenarioDef reordered =
      import_genius(laptop + "laptop_domain.xml", dir + "/laptop_buyer_utility.xml",
                    laptop + "laptop_seller_utility.xml");
  const ScenarioDef def = import_laptop();
  CHECK(reordered == def);
  fs::remove_all(dir);
}

TEST_CASE("genius import: a profile naming an unknown item is an error") {
  const std::string path = kMalformed + "/profile-unknown-item.xml";
  const auto error =
      import_error(kHandmade + "/handmade_domain.xml", kHandmade + "/handmade_a.xml", path);
  REQUIRE(error.has_value());
  CHECK(*error == path +
                      ":6:1: item@value: unknown item \"medium\" of issue \"Price / Unit\" "
                      "(index 1) (the domain file handmade_domain.xml lists: low, mid, high)");
}

TEST_CASE("genius import: an issue type the profile contradicts is an error naming both files") {
  const std::string path = kMalformed + "/domain-real-issue.xml";
  const auto error =
      import_error(path, kHandmade + "/handmade_a.xml", kHandmade + "/handmade_b.xml");
  REQUIRE(error.has_value());
  // Real issues import now (as numeric issues); a profile that disagrees with the domain about an
  // issue's type is the error, located in the profile.
  CHECK(*error == kHandmade +
                      "/handmade_a.xml:9:1: issue@vtype: issue \"Colour!\" (index 5) is discrete "
                      "here but real in the domain file domain-real-issue.xml");
}

TEST_CASE("genius import: malformed XML is reported with line and column") {
  const std::string path = kMalformed + "/profile-syntax-error.xml";
  try {
    static_cast<void>(
        import_genius(kHandmade + "/handmade_domain.xml", kHandmade + "/handmade_a.xml", path));
    FAIL("the import accepted malformed XML");
  } catch (const treatysim::UserError& e) {
    CHECK(e.location().file == path);
    CHECK(e.location().line == 20);
    CHECK(e.location().column == 25);  // value=0.5: the attribute value has no quotes
    CHECK(e.message() == "XML syntax error: Error parsing element attribute");
  }
}

TEST_CASE("genius import: a missing file is named") {
  const std::string missing = kGenius + "/no-such-file.xml";
  REQUIRE_FALSE(fs::exists(missing));
  const std::string a = kHandmade + "/handmade_a.xml";
  const std::string b = kHandmade + "/handmade_b.xml";
  const std::string domain = kHandmade + "/handmade_domain.xml";
  const std::string message = missing + ": cannot read the file: No such file or directory";
  CHECK(import_error(missing, a, b) == message);
  CHECK(import_error(domain, missing, b) == message);
  CHECK(import_error(domain, a, missing) == message);
  CHECK(import_error(domain, a, kGenius) == kGenius + ": is a directory (expected a file)");
}

// [SECTION] The malformed-file corpus ---------------------------------------------------------

TEST_CASE("genius import: every malformed file has an .expected message, and there are many") {
  const std::vector<std::string> xmls = files_with_extension(kMalformed, ".xml");
  CHECK(xmls.size() >= 20);
  for (const std::string& path : xmls) {
    CAPTURE(path);
    CHECK(fs::is_regular_file(fs::path(path).replace_extension(".expected")));
  }
  for (const std::string& path : files_with_extension(kMalformed, ".expected")) {
    CAPTURE(path);
    CHECK(fs::is_regular_file(fs::path(path).replace_extension(".xml")));
  }
}

TEST_CASE("genius import: each malformed file fails with its exact message") {
  for (const std::string& path : files_with_extension(kMalformed, ".xml")) {
    const std::string name = fs::path(path).filename().string();
    SUBCASE(name.c_str()) {
      CAPTURE(path);
      const bool is_domain = name.rfind("domain-", 0) == 0;
      REQUIRE_MESSAGE((is_domain || name.rfind("profile-", 0) == 0),
                      "corpus files are named domain-*.xml or profile-*.xml");
      const auto error = is_domain ? import_error(path, kHandmade + "/handmade_a.xml",
                                                  kHandmade + "/handmade_b.xml")
                                   : import_error(kHandmade + "/handmade_domain.xml",
                                                  kHandmade + "/handmade_a.xml", path);
      REQUIRE_MESSAGE(error.has_value(), path << " imported, but it should throw UserError");
      std::string expected = read_file(fs::path(path).replace_extension(".expected").string());
      while (!expected.empty() && (expected.back() == '\n' || expected.back() == '\r')) {
        expected.pop_back();
      }
      const std::size_t at = expected.find("{file}");
      if (at != std::string::npos) expected.replace(at, 6, path);
      // {handmade}: the directory of the well-formed files (when the error lies in one of them).
      const std::size_t handmade = expected.find("{handmade}");
      if (handmade != std::string::npos) expected.replace(handmade, 10, kHandmade);
      CHECK(*error == expected);
    }
  }
}

TEST_CASE("genius import: a file nested 200,000 elements deep is an error, not a stack overflow") {
  // The search for <utility_space> and for the elements inside it walks the tree without
  // recursion (a recursive search crashed at about 50,000 levels).
  const std::string dir = temp_dir("deep");
  const std::size_t depth = 200'000;
  std::string deep;
  deep.reserve(depth * 7);
  for (std::size_t i = 0; i < depth; ++i) deep += "<a>";
  for (std::size_t i = 0; i < depth; ++i) deep += "</a>";
  write_file(dir + "/deep.xml", deep);
  const std::string laptop = kGenius + "/" + samples()[0].folder + "/";
  const auto error =
      import_error(dir + "/deep.xml", laptop + samples()[0].a, laptop + samples()[0].b);
  REQUIRE(error.has_value());
  CHECK(error->rfind(dir + "/deep.xml:1:1: <a>: expected a <utility_space> element", 0) == 0);
  // The same depth inside <utility_space>: its issues are searched the same way.
  write_file(dir + "/deep-space.xml", "<utility_space>" + deep + "</utility_space>");
  const auto inside =
      import_error(dir + "/deep-space.xml", laptop + samples()[0].a, laptop + samples()[0].b);
  REQUIRE(inside.has_value());
  CHECK(inside->rfind(dir + "/deep-space.xml:", 0) == 0);
}

// [SECTION] Non-linear profiles (hyper-rectangles) on integer issues ---------------------------

namespace {
const std::string kNonlinear = std::string(TREATYSIM_TEST_DATA) + "/genius-nonlinear";
}  // namespace

TEST_CASE(
    "genius import: integer issues and an understated maxutility rescaled with its reservation") {
  std::vector<std::string> notes;
  treatysim::GeniusImportOptions options;
  options.notes = &notes;
  const treatysim::Scenario s = treatysim::Scenario::create(
      import_genius(kNonlinear + "/domain.xml", kNonlinear + "/profile-understated.xml",
                    kNonlinear + "/profile-b.xml", options));
  // Integer issues 0..2: one option per value.
  REQUIRE(s.space().issue_count() == 2);
  CHECK(s.space().issue(0).size() == 3);
  CHECK(s.space().issue(0).options[2].id == "2");
  auto u = [&](treatysim::PartyIndex p, const char* text) {
    std::string error;
    const auto o = s.space().parse(text, &error);
    REQUIRE_MESSAGE(o.has_value(), error);
    return s.utility(p)(*o);
  };
  // A: boxes x∈[1,2]∧y∈[1,2] (4) and x=2 (3); declared maximum 5, true maximum 7: divided by 7.
  CHECK(u(0, "2/1") == doctest::Approx(1.0));
  CHECK(u(0, "1/1") == doctest::Approx(4.0 / 7.0));
  CHECK(u(0, "2/0") == doctest::Approx(3.0 / 7.0));
  CHECK(u(0, "0/0") == doctest::Approx(0.0));
  CHECK(s.utility(0).max_utility() == doctest::Approx(1.0));
  // The reservation 0.5 of the declared 5 (2.5) becomes 2.5 / 7: the same outcomes acceptable.
  CHECK(s.party(0).preferences.reservation_value == doctest::Approx(2.5 / 7.0));
  // B: boxes x=0 (2) and y∈[0,1] (2), maximum 4 as declared: divided by 4, no note.
  CHECK(u(1, "0/0") == doctest::Approx(1.0));
  CHECK(u(1, "1/1") == doctest::Approx(0.5));
  CHECK(u(1, "1/2") == doctest::Approx(0.0));
  REQUIRE(notes.size() == 1);
  CHECK(notes[0] == kNonlinear +
                        "/profile-understated.xml: the declared maxutility 5 is below the true "
                        "maximum 7 (the best outcome sums to 1.4 of it): utilities are divided by "
                        "the true maximum instead, and the reservation value by the same factor "
                        "(0.5 becomes 0.35714285714285715)");
}

TEST_CASE("genius import: malformed non-linear profiles are refused with located messages") {
  const std::string domain = kNonlinear + "/domain.xml";
  const std::string a = kNonlinear + "/profile-b.xml";
  struct Case {
    const char* file;
    const char* message;
  };
  for (const Case c : {
           Case{"malformed-aggregation.xml",
                ":7:7: ufun@aggregation: unsupported aggregation \"max\": only \"sum\" can be "
                "imported (an outcome's utility is the sum of the rectangles that contain it)"},
           Case{"malformed-ufun-type.xml",
                ":7:7: ufun@type: unsupported ufun type \"BinaryUfun\": only \"PlainUfun\" (a sum "
                "of hyper-rectangles) can be imported"},
           Case{"malformed-index.xml",
                ":9:13: INCLUDES@index: no issue has index 7 (expected the index of an issue: 1, "
                "2)"},
           Case{"malformed-maxutility.xml",
                ":6:4: utility@maxutility: expected the largest utility (a positive number), got "
                "\"zero\""},
           Case{"malformed-bound.xml",
                ":12:13: INCLUDES@min: missing attribute 'min' (expected the lowest value in the "
                "box)"},
       }) {
    CAPTURE(c.file);
    const std::string path = kNonlinear + "/" + c.file;
    CHECK(import_error(domain, a, path) == path + c.message);
  }
}
