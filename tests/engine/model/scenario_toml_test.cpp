// Scenario files: the malformed-file corpus (tests/data/malformed), round trips of the shipped
// configs, and hand-checked numbers.
//
// Each tests/data/malformed/NAME.toml has one problem; NAME.expected holds the exact message
// (UserError::what()) with the file's path written as {file} (and tests/data as {data}). To add a
// case, write both files; the corpus test picks them up. Files that cases extend live in
// tests/data/malformed-support, where the corpus does not look.
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
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"

namespace fs = std::filesystem;
using treatysim::Information;
using treatysim::Scenario;
using treatysim::ScenarioDef;
using treatysim::ValueShape;

namespace {

const std::string kMalformedDir = std::string(TREATYSIM_TEST_DATA) + "/malformed";
const std::string kConfigDir = std::string(TREATYSIM_SOURCE_DIR) + "/configs";

treatysim::SpecChecker checker() {
  return treatysim::agents::spec_checker(treatysim::agents::builtin_registry());
}

// The sorted paths of the files in `dir` whose names end in `extension`.
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

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in, "cannot open " << path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// `text` with every `placeholder` replaced by `value`.
std::string replace_all(std::string text, const std::string& placeholder,
                        const std::string& value) {
  for (std::size_t at = text.find(placeholder); at != std::string::npos;
       at = text.find(placeholder, at + value.size())) {
    text.replace(at, placeholder.size(), value);
  }
  return text;
}

// The .expected text for `toml_path`: one line, {file} replaced by the path and {data} by the
// tests/data directory (for the helper files of tests/data/malformed-support that `extends`
// cases name), no line break.
std::string expected_message(const std::string& toml_path) {
  std::string text = read_file(fs::path(toml_path).replace_extension(".expected").string());
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  REQUIRE_MESSAGE(text.find('\n') == std::string::npos, "an .expected file holds one line");
  return replace_all(replace_all(text, "{file}", toml_path), "{data}", TREATYSIM_TEST_DATA);
}

// what() of the UserError that loading `path` throws; nullopt when it loads. Any other
// exception escapes (and fails the test as unexpected).
std::optional<std::string> load_error(const std::string& path) {
  try {
    static_cast<void>(treatysim::load_scenario_file(path, checker()));
  } catch (const treatysim::UserError& e) {
    return std::string(e.what());
  }
  return std::nullopt;
}

}  // namespace

// [SECTION] Malformed files ------------------------------------------------------------------

TEST_CASE("scenario loader: every malformed file has an .expected message, and there are many") {
  const std::vector<std::string> tomls = files_with_extension(kMalformedDir, ".toml");
  CHECK(tomls.size() >= 25);
  for (const std::string& path : tomls) {
    CAPTURE(path);
    CHECK(fs::is_regular_file(fs::path(path).replace_extension(".expected")));
  }
  for (const std::string& path : files_with_extension(kMalformedDir, ".expected")) {
    CAPTURE(path);
    CHECK(fs::is_regular_file(fs::path(path).replace_extension(".toml")));  // no orphans
  }
}

TEST_CASE("scenario loader: each malformed file fails with its exact message") {
  for (const std::string& path : files_with_extension(kMalformedDir, ".toml")) {
    const std::string name = fs::path(path).filename().string();
    SUBCASE(name.c_str()) {
      CAPTURE(path);
      const std::optional<std::string> error = load_error(path);
      REQUIRE_MESSAGE(error.has_value(), path << " loaded, but it should throw UserError");
      CHECK(*error == expected_message(path));
    }
  }
}

TEST_CASE("scenario loader: a file that does not exist names the file and the reason") {
  const std::string path = kMalformedDir + "/no-such-file.toml";
  REQUIRE_FALSE(fs::exists(path));
  const std::optional<std::string> error = load_error(path);
  REQUIRE(error.has_value());
  CHECK(*error == path + ": cannot read the file: No such file or directory");
}

TEST_CASE("scenario loader: the problem is reported with file, line and column") {
  const std::string text =
      "[scenario]\nid = \"t\"\ntitle = \"T\"\n\n[protocol]\ndeadline = 0\n"
      "first_mover = \"a\"\ninformation = \"private\"\n";
  try {
    static_cast<void>(treatysim::parse_scenario(text, "inline.toml"));
    FAIL("parse_scenario accepted deadline = 0");
  } catch (const treatysim::UserError& e) {
    CHECK(e.location().file == "inline.toml");
    CHECK(e.location().line == 6);
    CHECK(e.location().column == 12);
    CHECK(e.key() == "protocol.deadline");
  }
}

// [SECTION] Round trips ------------------------------------------------------------------------

TEST_CASE("scenario loader: every config round-trips through to_toml") {
  const std::vector<std::string> configs = files_with_extension(kConfigDir, ".toml");
  REQUIRE(configs.size() >= 3);
  for (const std::string& path : configs) {
    CAPTURE(path);
    const Scenario loaded = treatysim::load_scenario_file(path, checker());
    const std::string canonical = treatysim::to_toml(loaded.def());
    const Scenario again = treatysim::parse_scenario(canonical, "canonical.toml", checker());
    CHECK(again.def() == loaded.def());
    CHECK(again.content_hash() == loaded.content_hash());
    CHECK(loaded.content_hash().size() == 16);
    CHECK(treatysim::to_toml(again.def()) == canonical);  // canonical text is a fixed point
  }
}

TEST_CASE("scenario loader: negative zero round-trips with the same hash (it is written as 0)") {
  CHECK(treatysim::format_number(-0.0) == "0");
  CHECK(treatysim::format_number(0.0) == "0");
  std::string text = treatysim::read_text_file(kConfigDir + "/three-clauses.toml");
  const std::string from = "reservation = 0.35\n";
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), "reservation = -0.0\n");
  const Scenario loaded = treatysim::parse_scenario(text, "negative-zero.toml", checker());
  const std::string canonical = treatysim::to_toml(loaded.def());
  CHECK(canonical.find("-0") == std::string::npos);
  const Scenario again = treatysim::parse_scenario(canonical, "canonical.toml", checker());
  CHECK(again.content_hash() == loaded.content_hash());
}

TEST_CASE("scenario loader: the content hash changes with the content") {
  const Scenario sta = treatysim::load_scenario_file(kConfigDir + "/sta-2024.toml");
  CHECK(sta.with_deadline(41).content_hash() != sta.content_hash());
  CHECK(sta.with_deadline(40).content_hash() == sta.content_hash());
}

// [SECTION] Hand-checked content -------------------------------------------------------------

TEST_CASE("scenario loader: split-the-pie is one numeric issue of 101 linear levels") {
  const Scenario pie = treatysim::load_scenario_file(kConfigDir + "/split-the-pie.toml", checker());
  CHECK(pie.id() == "split-the-pie");
  CHECK(pie.protocol().deadline == 10);
  CHECK(pie.protocol().first_mover == 0);
  CHECK(pie.protocol().information == Information::kComplete);
  REQUIRE(pie.space().issue_count() == 1);
  const treatysim::Issue& share = pie.space().issue(0);
  CHECK(share.id == "share");
  CHECK(share.numeric);
  CHECK(share.range.min == 0.0);
  CHECK(share.range.max == 1.0);
  CHECK(share.range.levels == 101);
  REQUIRE(share.options.size() == 101);
  for (std::size_t k = 0; k < share.options.size(); ++k) {
    CAPTURE(k);
    CHECK(share.options[k].id == std::to_string(k));
  }
  CHECK(share.options[37].label == "0.37");
  CHECK(share.find_option("100") == 100);
  CHECK(pie.space().size() == 101.0);

  const treatysim::Preferences& us = pie.party(0).preferences;
  const treatysim::Preferences& cn = pie.party(1).preferences;
  CHECK(us.shapes == std::vector<ValueShape>{ValueShape::kLinearIncreasing});
  CHECK(cn.shapes == std::vector<ValueShape>{ValueShape::kLinearDecreasing});
  CHECK(us.discount == 0.9);
  CHECK(cn.reservation_value == 0.0);
  REQUIRE(us.values.size() == 1);
  REQUIRE(us.values[0].size() == 101);
  REQUIRE(cn.values[0].size() == 101);
  for (std::size_t k = 0; k <= 100; ++k) {
    CAPTURE(k);
    CHECK(us.values[0][k] == doctest::Approx(static_cast<double>(k) / 100.0).epsilon(1e-15));
    CHECK(us.values[0][k] + cn.values[0][k] == doctest::Approx(1.0).epsilon(1e-15));
  }
  std::string error;
  const auto outcome = pie.space().parse("37", &error);
  REQUIRE_MESSAGE(outcome.has_value(), error);
  CHECK(std::fabs(pie.utility(0)(*outcome) - 0.37) < 1e-12);
  CHECK(std::fabs(pie.utility(1)(*outcome) - 0.63) < 1e-12);
}

TEST_CASE("scenario loader: sta-2024 utilities of the 2024 package, by hand") {
  const Scenario sta = treatysim::load_scenario_file(kConfigDir + "/sta-2024.toml", checker());
  CHECK(sta.id() == "sta-2024");
  CHECK(sta.protocol().deadline == 40);
  CHECK(sta.party(0).id == "us");
  CHECK(sta.party(1).id == "cn");
  CHECK(sta.find_party("cn") == 1);
  CHECK(sta.space().issue_count() == 5);
  CHECK(sta.space().size() == 1024.0);  // 4^5
  std::string error;
  const auto package = sta.space().parse("S0/IP1/D1/G1/T2", &error);
  REQUIRE_MESSAGE(package.has_value(), error);
  // U.S.: 0.30·1.0 + 0.25·0.8 + 0.20·0.8 + 0.15·0.8 + 0.10·1.0 = 0.88
  CHECK(std::fabs(sta.utility(0)(*package) - 0.88) < 1e-12);
  // China: 0.30·0.3 + 0.10·0.8 + 0.20·0.5 + 0.15·0.6 + 0.25·0.8 = 0.56
  CHECK(std::fabs(sta.utility(1)(*package) - 0.56) < 1e-12);
  CHECK(sta.party(0).preferences.reservation_value == 0.40);
  CHECK(sta.party(1).preferences.reservation_value == 0.20);
  CHECK(sta.party(0).agent == "boulware(e=0.2)");
}

TEST_CASE("scenario loader: integers are accepted where numbers are expected") {
  const std::string text = R"([scenario]
id = "ints"
title = "Whole numbers"

[protocol]
deadline = 3
first_mover = "b"
information = "complete"

[[issues]]
id = "x"
label = "X"
options = [{ id = "X0", label = "low" }, { id = "X1", label = "high" }]

[[issues]]
id = "n"
label = "N"
range = { min = 0, max = 10, levels = 3 }

[[parties]]
id = "a"
name = "A"
reservation = 0
discount = 1
agent = "linear"

[parties.weights]
x = 1
n = 0

[parties.values]
x = [0, 1]
n = [1, 0, 1]

[[parties]]
id = "b"
name = "B"
reservation = 1
discount = 1
agent = "hardliner"

[parties.weights]
x = 0
n = 1

[parties.values]
x = [1, 0]
n = { shape = "linear", direction = "decreasing" }
)";
  const Scenario s = treatysim::parse_scenario(text, "ints.toml", checker());
  const treatysim::Preferences& a = s.party(0).preferences;
  const treatysim::Preferences& b = s.party(1).preferences;
  CHECK(s.protocol().first_mover == 1);
  CHECK(a.reservation_value == 0.0);
  CHECK(a.discount == 1.0);
  CHECK(a.weights == std::vector<double>{1.0, 0.0});
  CHECK(a.values[0] == std::vector<double>{0.0, 1.0});
  CHECK(a.values[1] == std::vector<double>{1.0, 0.0, 1.0});
  CHECK(b.reservation_value == 1.0);
  CHECK(b.weights == std::vector<double>{0.0, 1.0});
  CHECK(b.values[1] == std::vector<double>{1.0, 0.5, 0.0});
  const treatysim::Issue& n = s.space().issue(1);
  CHECK(n.range.min == 0.0);
  CHECK(n.range.max == 10.0);
  CHECK(n.options[1].label == "5");
  // Integers are written back as numbers that read back the same.
  CHECK(treatysim::parse_scenario(treatysim::to_toml(s.def()), "again.toml").def() == s.def());
}
