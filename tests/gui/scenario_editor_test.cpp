// The scenario editor's model: weight normalisation by hand, edits recomputed by the engine,
// undo/redo and gesture merging, saving a file that reads back equal, rejected edits.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "agents/registry.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"
#include "gui/logic/scenario_editor.hpp"
#include "tests/support/temp_dir.hpp"

using treatysim::Outcome;
using treatysim::Scenario;
using treatysim::UserError;
using treatysim::gui::renormalised_weights;
using treatysim::gui::ScenarioEditor;

namespace {

Scenario sta_2024() {
  return treatysim::load_scenario_file(
      std::string(TREATYSIM_SOURCE_DIR) + "/configs/sta-2024.toml",
      treatysim::agents::spec_checker(treatysim::agents::builtin_registry()));
}

// The message of the UserError `f` throws ("" if it throws none).
template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const UserError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("renormalised weights rescale the other issues proportionally (by hand)") {
  // (0.5, 0.3, 0.2), issue 0 → 0.8: the others share 0.2 in the ratio 3:2 → 0.12 and 0.08.
  const std::vector<double> w = renormalised_weights({0.5, 0.3, 0.2}, 0, 0.8);
  REQUIRE(w.size() == 3);
  CHECK(w[0] == 0.8);
  CHECK(w[1] == doctest::Approx(0.12).epsilon(1e-12));
  CHECK(w[2] == doctest::Approx(0.08).epsilon(1e-12));
  CHECK(w[0] + w[1] + w[2] == doctest::Approx(1.0).epsilon(1e-12));

  // Issue 2 → 0: the others keep their 5:3 ratio and fill the whole unit: 0.625, 0.375.
  const std::vector<double> z = renormalised_weights({0.5, 0.3, 0.2}, 2, 0.0);
  CHECK(z[0] == doctest::Approx(0.625).epsilon(1e-12));
  CHECK(z[1] == doctest::Approx(0.375).epsilon(1e-12));
  CHECK(z[2] == 0.0);

  // All the weight on issue 0, then 0.4: the others were all zero, so they share 0.6 equally.
  const std::vector<double> e = renormalised_weights({1.0, 0.0, 0.0}, 0, 0.4);
  CHECK(e[0] == 0.4);
  CHECK(e[1] == doctest::Approx(0.3).epsilon(1e-12));
  CHECK(e[2] == doctest::Approx(0.3).epsilon(1e-12));

  // One issue keeps all the weight.
  CHECK(renormalised_weights({1.0}, 0, 1.0) == std::vector<double>{1.0});
  CHECK(error_of([] { (void)renormalised_weights({1.0}, 0, 0.5); }) ==
        "weight: a scenario with one issue gives it all the weight: expected 1, got 0.5");
}

TEST_CASE("many weight edits keep the sum at 1 within 1e-12") {
  std::vector<double> w{0.3, 0.25, 0.2, 0.15, 0.1};
  for (int k = 0; k < 1000; ++k) {
    const auto issue = static_cast<std::size_t>(k % 5);
    w = renormalised_weights(w, issue, (k % 7) / 7.0);
    double sum = 0.0;
    for (const double x : w) {
      CHECK(x >= 0.0);
      sum += x;
    }
    REQUIRE(sum == doctest::Approx(1.0).epsilon(1e-12));
  }
}

TEST_CASE("a weight edit gives a new scenario whose utilities the engine recomputes") {
  ScenarioEditor editor(sta_2024());
  // U.S. weights (0.30, 0.25, 0.20, 0.15, 0.10); scope → 0.5 scales the rest by 0.5/0.7.
  const Scenario& edited = editor.set_weight(0, 0, 0.5);
  const auto& w = edited.party(0).preferences.weights;
  CHECK(w[0] == 0.5);
  CHECK(w[1] == doctest::Approx(0.25 / 1.4).epsilon(1e-12));
  CHECK(w[4] == doctest::Approx(0.10 / 1.4).epsilon(1e-12));
  // S0/IP0/D0/G0/T0 is worth 1, 1, 1, 1, 0.6 per issue to the U.S.:
  // 0.5 + (0.25 + 0.20 + 0.15)/1.4 + 0.10·0.6/1.4 = 0.5 + 0.66/1.4 = 0.9714285714…
  CHECK(edited.utility(0)(Outcome{0, 0, 0, 0, 0}) ==
        doctest::Approx(0.5 + 0.66 / 1.4).epsilon(1e-12));
  // China's preferences are untouched.
  CHECK(edited.party(1) == editor.original().party(1));
  CHECK(editor.modified());
  CHECK(editor.last_edit() == "United States weight of Scope");
}

TEST_CASE("option value and reservation edits") {
  ScenarioEditor editor(sta_2024());
  // China's value of T3 (term, option 3) 1.0 → 0.5: S3/IP3/D3/G3/T3 loses 0.25·0.5.
  const double before = editor.scenario().utility(1)(Outcome{3, 3, 3, 3, 3});
  CHECK(before == doctest::Approx(1.0).epsilon(1e-12));
  const Scenario& edited = editor.set_value(1, 4, 3, 0.5);
  CHECK(edited.utility(1)(Outcome{3, 3, 3, 3, 3}) == doctest::Approx(0.875).epsilon(1e-12));
  CHECK(editor.last_edit() == "China value of Term = T3");

  editor.set_reservation(0, 0.55);
  CHECK(editor.scenario().party(0).preferences.reservation_value == 0.55);
  CHECK(editor.edits() == 2);
}

TEST_CASE("undo and redo walk the history; a new edit drops the redo steps") {
  ScenarioEditor editor(sta_2024());
  const auto original = editor.scenario().def();
  CHECK_FALSE(editor.can_undo());
  editor.set_reservation(0, 0.5);
  const auto after_first = editor.scenario().def();
  editor.set_reservation(1, 0.3);
  const auto after_second = editor.scenario().def();
  editor.set_weight(1, 2, 0.4);
  CHECK(editor.edits() == 3);

  editor.undo();
  CHECK(editor.scenario().def() == after_second);
  editor.undo();
  CHECK(editor.scenario().def() == after_first);
  CHECK(editor.can_redo());
  editor.redo();
  CHECK(editor.scenario().def() == after_second);
  editor.undo();
  editor.undo();
  CHECK(editor.scenario().def() == original);
  CHECK_FALSE(editor.modified());
  CHECK_FALSE(editor.can_undo());
  editor.undo();  // no-op at the start
  CHECK(editor.scenario().def() == original);

  editor.redo();
  editor.set_value(0, 0, 1, 0.6);  // after undoing two steps and redoing one: drops the rest
  CHECK(editor.edits() == 2);
  CHECK_FALSE(editor.can_redo());
  editor.undo();
  CHECK(editor.scenario().def() == after_first);
}

TEST_CASE("a slider drag is one undo step; end_gesture starts a new one") {
  ScenarioEditor editor(sta_2024());
  editor.set_weight(0, 1, 0.30, true);
  editor.set_weight(0, 1, 0.35, true);
  editor.set_weight(0, 1, 0.40, true);
  CHECK(editor.edits() == 1);
  CHECK(editor.scenario().party(0).preferences.weights[1] == 0.40);
  // Another target while the gesture is open: a new step.
  editor.set_weight(0, 2, 0.1, true);
  CHECK(editor.edits() == 2);
  editor.end_gesture();
  editor.set_weight(0, 2, 0.2, true);
  CHECK(editor.edits() == 3);
  editor.undo();
  CHECK(editor.scenario().party(0).preferences.weights[2] == 0.1);
  editor.undo();
  CHECK(editor.scenario().party(0).preferences.weights[1] == 0.40);
  editor.undo();
  CHECK(editor.scenario().def() == editor.original().def());
}

TEST_CASE("an invalid edit is rejected with a clear message and changes nothing") {
  ScenarioEditor editor(sta_2024());
  editor.set_reservation(0, 0.45);
  const auto def = editor.scenario().def();
  CHECK(error_of([&] { editor.set_weight(0, 0, 1.5); }) ==
        "parties[0].weights.scope: expected a weight in [0, 1], got 1.5");
  CHECK(error_of([&] { editor.set_value(1, 2, 0, -0.1); }) ==
        "parties[1].values.data[0]: expected a value in [0, 1], got -0.1");
  CHECK(error_of([&] { editor.set_value(1, 2, 7, 0.5); }) ==
        "parties[1].values.data: option 7 does not exist (the issue has 4 options)");
  CHECK(error_of([&] { editor.set_reservation(1, 2.0); }) ==
        "parties[1].reservation: expected a reservation value in [0, 1], got 2");
  CHECK(error_of([&] { editor.set_weight(0, 9, 0.5); }) ==
        "issue 9 does not exist (the scenario has 5 issues)");
  CHECK(editor.scenario().def() == def);
  CHECK(editor.edits() == 1);
}

TEST_CASE("save as writes a file that re-parses to an equal def") {
  treatysim::testing::TempDir dir;
  ScenarioEditor editor(sta_2024());
  editor.set_weight(1, 4, 0.4);
  editor.set_value(0, 1, 2, 0.45);
  editor.set_reservation(1, 0.25);
  const std::string path = dir.file("edited.toml");
  editor.save_as(path);
  // Loaded like `treatysim validate` loads it: agent specs checked against the registry.
  const Scenario reread = treatysim::load_scenario_file(
      path, treatysim::agents::spec_checker(treatysim::agents::builtin_registry()));
  CHECK(reread.def() == editor.scenario().def());
  CHECK(reread.party(1).preferences.weights[4] == 0.4);
  CHECK(reread.content_hash() == editor.scenario().content_hash());
  CHECK(dir.entries() == std::vector<std::string>{"edited.toml"});  // no temporary left over

  CHECK(error_of([&] { editor.save_as(""); }) ==
        "Save as: expected a file name, got an empty path");
  CHECK_FALSE(error_of([&] { editor.save_as(dir.file("no-such-dir/x.toml")); }).empty());
}

TEST_CASE("editing a linear numeric issue turns its values into a table that round-trips") {
  const std::string text = R"(
[scenario]
id = "numeric"
title = "Numeric"
description = "A numeric issue"
[protocol]
deadline = 10
first_mover = "a"
information = "private"
[[issues]]
id = "price"
label = "Price"
range = { min = 0, max = 100, levels = 3 }
[[issues]]
id = "term"
label = "Term"
options = [{ id = "short", label = "short" }, { id = "long", label = "long" }]
[[parties]]
id = "a"
name = "A"
reservation = 0.1
discount = 1.0
agent = "boulware"
[parties.weights]
price = 0.6
term = 0.4
[parties.values]
price = { shape = "linear", direction = "increasing" }
term = [0.0, 1.0]
[[parties]]
id = "b"
name = "B"
reservation = 0.1
discount = 1.0
agent = "boulware"
[parties.weights]
price = 0.5
term = 0.5
[parties.values]
price = { shape = "linear", direction = "decreasing" }
term = [1.0, 0.0]
)";
  ScenarioEditor editor(treatysim::parse_scenario(text, "numeric.toml"));
  editor.set_value(0, 0, 1, 0.7);
  const auto& prefs = editor.scenario().party(0).preferences;
  CHECK(prefs.shapes[0] == treatysim::ValueShape::kTable);
  CHECK(prefs.values[0] == std::vector<double>{0.0, 0.7, 1.0});
  const Scenario reread = treatysim::parse_scenario(editor.toml(), "edited.toml");
  CHECK(reread.def() == editor.scenario().def());
}
