// agents_test_support.hpp — helpers shared by the strategy-library tests: the shipped configs,
// complete-information copies of scenarios, agent contexts, a temporary directory for script
// files, and the message of a UserError.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include "tests/support/temp_dir.hpp"

#include <unistd.h>

#include "engine/model/scenario.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"
#include "engine/protocol/agent.hpp"

namespace agents_test {

// A scenario of configs/ in the source tree, loaded once per process.
inline const treatysim::Scenario& config(const std::string& name) {
  if (name == "sta-2024") {
    static const treatysim::Scenario s =
        treatysim::load_scenario_file(TREATYSIM_SOURCE_DIR "/configs/sta-2024.toml");
    return s;
  }
  if (name == "three-clauses") {
    static const treatysim::Scenario s =
        treatysim::load_scenario_file(TREATYSIM_SOURCE_DIR "/configs/three-clauses.toml");
    return s;
  }
  if (name == "split-the-pie") {
    static const treatysim::Scenario s =
        treatysim::load_scenario_file(TREATYSIM_SOURCE_DIR "/configs/split-the-pie.toml");
    return s;
  }
  throw std::runtime_error("no such config: " + name);
}

// A copy of `scenario` with another information setting (everything else unchanged).
inline treatysim::Scenario with_information(const treatysim::Scenario& scenario,
                                            treatysim::Information information) {
  treatysim::ScenarioDef def = scenario.def();
  def.protocol.information = information;
  return treatysim::Scenario::create(def);
}

inline treatysim::Scenario complete_copy(const treatysim::Scenario& scenario) {
  return with_information(scenario, treatysim::Information::kComplete);
}

// The context a Negotiation would give `party` (opponent visible under complete information).
inline treatysim::NegotiationContext context_for(const treatysim::Scenario& scenario,
                                                 treatysim::PartyIndex party,
                                                 std::uint64_t seed = 0) {
  treatysim::NegotiationContext context;
  context.scenario = &scenario;
  context.self = party;
  context.own =
      treatysim::PartyView{&scenario.party(party), &scenario.utility(party), std::nullopt};
  if (scenario.protocol().information == treatysim::Information::kComplete) {
    const treatysim::PartyIndex q = treatysim::other_party(party);
    context.opponent = treatysim::PartyView{&scenario.party(q), &scenario.utility(q), std::nullopt};
  }
  context.deadline = scenario.protocol().deadline;
  context.seed = seed;
  return context;
}

inline treatysim::Outcome parse_outcome(const treatysim::Scenario& scenario,
                                        const std::string& text) {
  std::string error;
  const auto outcome = scenario.space().parse(text, &error);
  if (!outcome) throw std::runtime_error("bad outcome \"" + text + "\": " + error);
  return *outcome;
}

// The message of the UserError that `action` throws, or "" when it throws none.
template <typename Action>
std::string error_of(Action action) {
  try {
    action();
  } catch (const treatysim::UserError& e) {
    return e.what();
  }
  return {};
}

using TempDir = treatysim::testing::TempDir;

}  // namespace agents_test
