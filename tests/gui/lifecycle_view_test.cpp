// The timeline's model: the life the engine simulates for sta-2024 (the CLI's `simulate` run),
// injected events re-run deterministically, and the negotiation games it recognises.
#include <doctest/doctest.h>

#include <string>

#include "agents/registry.hpp"
#include "engine/lifecycle/lifecycle.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"
#include "gui/logic/lifecycle_view.hpp"

using treatysim::Month;
using treatysim::Scenario;
using treatysim::gui::Lifecycle;

namespace {

const treatysim::agents::Registry& registry() {
  return treatysim::agents::builtin_registry();
}

Scenario config(const std::string& name) {
  return treatysim::load_scenario_file(std::string(TREATYSIM_SOURCE_DIR) + "/configs/" + name,
                                       treatysim::agents::spec_checker(registry()));
}

std::size_t template_index(const Lifecycle& life, const std::string& label) {
  for (std::size_t k = 0; k < life.templates().size(); ++k) {
    if (life.templates()[k].label == label) return k;
  }
  FAIL("no template " << label);
  return 0;
}

}  // namespace

TEST_CASE("the lifecycle model simulates the scenario's life as `treatysim simulate` does") {
  const Scenario scenario = config("sta-2024.toml");
  Lifecycle life(registry());
  CHECK(life.sync(scenario));
  REQUIRE(life.available());
  CHECK(life.seed() == 2024);
  // The CLI's default run (seed 2024): the 2023–24 path.
  CHECK(life.result().path() == "in_force > extended > extended > lapsed > amended");
  const auto direct = treatysim::simulate_lifecycle(scenario, 2024, registry());
  CHECK(life.result().payoffs == direct.payoffs);
  CHECK(life.result().trust == direct.trust);
  CHECK(life.first_month() == Month{2018, 8});
  CHECK(life.last_month() == Month{2029, 7});
  CHECK_FALSE(life.sync(scenario));                    // same scenario: nothing to do
  CHECK_FALSE(life.sync(scenario.with_deadline(12)));  // the deadline does not matter

  // The scheduled events appear as markers with readable labels.
  const auto markers = life.markers();
  REQUIRE(markers.size() == 5);
  CHECK(markers[0].date == Month{2023, 6});
  CHECK(markers[0].label == "house letter");
  CHECK(markers[3].label == "election");
  CHECK_FALSE(markers[3].injected);
  CHECK(life.negotiation_label(0) == "2023-02 renegotiation talks: 11 offers, superseded");
  CHECK(life.negotiation_label(2) == "2023-08 extension talks: 12 offers, no agreement");
}

TEST_CASE("a scenario without a treaty has no life, with the reason") {
  Lifecycle life(registry());
  life.sync(config("three-clauses.toml"));
  CHECK_FALSE(life.available());
  CHECK(life.unavailable_reason() ==
        "Scenario \"three-clauses\" has no [treaty] section: it describes one negotiation, not a "
        "treaty's life.");
  CHECK(life.templates().empty());
  CHECK_THROWS_AS(life.inject(0, Month{2020, 1}), treatysim::UserError);
}

TEST_CASE("an injected event re-runs the life deterministically") {
  const Scenario scenario = config("sta-2024.toml");
  Lifecycle life(registry());
  life.sync(scenario);
  const auto original = life.result();
  const std::size_t espionage = template_index(life, "espionage case");
  CHECK(life.templates()[espionage].event.value == -0.15);

  life.inject(espionage, Month{2020, 1});
  REQUIRE(life.available());
  REQUIRE(life.injected().size() == 1);
  // 2020-01 is month 17 of the life: both sides lose trust there (−0.15 before the drift).
  const std::size_t k = 17;
  CHECK(life.result().trust[k - 1] == original.trust[k - 1]);
  CHECK(life.result().trust[k][0] < original.trust[k][0] - 0.1);
  CHECK(life.result().trust[k][1] < original.trust[k][1] - 0.1);
  const auto markers = life.markers();
  REQUIRE(markers.size() == 6);
  CHECK(markers[0].date == Month{2020, 1});
  CHECK(markers[0].label == "espionage case");
  CHECK(markers[0].injected);

  // The same injection in a fresh model gives the same life.
  Lifecycle again(registry());
  again.sync(scenario);
  again.inject(espionage, Month{2020, 1});
  CHECK(again.result().trust == life.result().trust);
  CHECK(again.result().payoffs == life.result().payoffs);
  CHECK(again.result().path() == life.result().path());

  // Removing it gives back the original life.
  life.remove_injected(0);
  CHECK(life.injected().empty());
  CHECK(life.result().trust == original.trust);
  CHECK(life.result().payoffs == original.payoffs);
}

TEST_CASE("injecting a termination ends the treaty at that month") {
  Lifecycle life(registry());
  life.sync(config("sta-2024.toml"));
  life.inject(template_index(life, "termination"), Month{2021, 3});
  CHECK(life.result().final_state == treatysim::TreatyState::kTerminated);
  CHECK(life.result().path() == "in_force > terminated");
  life.clear_injected();
  CHECK(life.result().path() == "in_force > extended > extended > lapsed > amended");
}

TEST_CASE("an injection outside the horizon is refused and changes nothing") {
  Lifecycle life(registry());
  life.sync(config("sta-2024.toml"));
  const auto path = life.result().path();
  CHECK_THROWS_WITH_AS(life.inject(0, Month{2031, 1}),
                       "Inject event: expected a month from 2018-08 to 2029-07, got 2031-01",
                       treatysim::UserError);
  CHECK_THROWS_AS(life.inject(99, Month{2020, 1}), treatysim::UserError);
  CHECK(life.injected().empty());
  CHECK(life.result().path() == path);
}

TEST_CASE("a negotiation of the life opened in the session does not reset the model") {
  const Scenario scenario = config("sta-2024.toml");
  Lifecycle life(registry());
  life.sync(scenario);
  life.inject(0, Month{2022, 5});
  REQUIRE(life.result().negotiations.size() > 2);
  life.select(2);
  CHECK(life.selected() == std::optional<std::size_t>{2});
  // The session shows that negotiation's game (no lifecycle part): the model keeps its life.
  CHECK_FALSE(life.sync(life.result().negotiations[2].trace.scenario));
  CHECK(life.injected().size() == 1);
  CHECK(life.selected() == std::optional<std::size_t>{2});
  life.select(999);  // out of range: ignored
  CHECK(life.selected() == std::optional<std::size_t>{2});

  // Another scenario resets it.
  CHECK(life.sync(config("three-clauses.toml")));
  CHECK(life.injected().empty());
  CHECK_FALSE(life.selected().has_value());
}

TEST_CASE("an edited scenario keeps the injected events") {
  const Scenario scenario = config("sta-2024.toml");
  Lifecycle life(registry());
  life.sync(scenario);
  life.inject(0, Month{2022, 5});
  treatysim::ScenarioDef def = scenario.def();
  def.parties[0].preferences.reservation_value = 0.45;
  CHECK(life.sync(Scenario::create(std::move(def))));
  CHECK(life.injected().size() == 1);
  CHECK(life.available());
}

TEST_CASE("readable ids") {
  CHECK(treatysim::gui::readable_id("house-letter_2023") == "house letter 2023");
  CHECK(treatysim::gui::marker_label("house-letter_2023") == "house letter");
  CHECK(treatysim::gui::marker_label("espionage-case") == "espionage case");
  CHECK(treatysim::gui::marker_label("cold-war-19") == "cold war 19");
  CHECK(treatysim::gui::marker_label("2024") == "2024");
}
