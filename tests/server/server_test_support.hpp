// server_test_support.hpp — a class on the three-clauses scenario (or another shipped one) in a
// temporary database, for the tests of the class logic and the API (no network).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "agents/registry.hpp"
#include "engine/model/scenario_toml.hpp"
#include "server/class_room.hpp"
#include "server/class_store.hpp"
#include "tests/support/temp_dir.hpp"

namespace treatysim::testing {

// A shipped scenario, by its file name in configs/.
inline Scenario shipped_scenario(const std::string& file) {
  return load_scenario_file(TREATYSIM_SOURCE_DIR "/configs/" + file,
                            agents::spec_checker(agents::builtin_registry()));
}

inline Scenario three_clauses() {
  return shipped_scenario("three-clauses.toml");
}

// A class whose database lives in a temporary folder; reopen() simulates a restart.
struct TestClass {
  explicit TestClass(server::ClassSettings settings = {}, std::uint64_t seed = 7,
                     Scenario played = three_clauses())
      : scenario(std::move(played)), settings_(settings), seed_(seed) {
    open();
  }
  void open() {
    room.reset();
    store.reset();
    store = std::make_unique<server::ClassStore>(db(), false);
    room = std::make_unique<server::ClassRoom>(*store, scenario, seed_, settings_,
                                               agents::builtin_registry());
  }
  [[nodiscard]] std::string db() const { return (dir.path() / "class.sqlite").string(); }
  // Outcome from option ids, e.g. {"IP1", "D1", "G2"}.
  [[nodiscard]] Outcome outcome(std::initializer_list<const char*> ids) const {
    Outcome o(scenario.space().issue_count());
    std::size_t i = 0;
    for (const char* id : ids) {
      const Issue& issue = scenario.space().issue(i);
      for (std::size_t k = 0; k < issue.options.size(); ++k) {
        if (issue.options[k].id == id) o.set(i, static_cast<int>(k));
      }
      ++i;
    }
    return o;
  }

  TempDir dir;
  Scenario scenario;
  std::unique_ptr<server::ClassStore> store;
  std::unique_ptr<server::ClassRoom> room;

 private:
  server::ClassSettings settings_;
  std::uint64_t seed_;
};

}  // namespace treatysim::testing
