// Session: the window's negotiation. Loading gives the CLI's messages; stepping, stepping back,
// seeking and replay are the engine's runs; saved traces are the CLI's JSON; human play goes
// through HumanAgent with a visible pause.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "agents/registry.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"
#include "engine/protocol/trace.hpp"
#include "gui/logic/session.hpp"
#include "tests/support/temp_dir.hpp"

using treatysim::EventKind;
using treatysim::Response;
using treatysim::UserError;
using treatysim::gui::Session;

namespace {

const std::string kSta = TREATYSIM_SOURCE_DIR "/configs/sta-2024.toml";

const treatysim::agents::Registry& registry() {
  return treatysim::agents::builtin_registry();
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The message a call throws as UserError ("" when it does not throw).
template <typename Action>
std::string error_of(Action action) {
  try {
    action();
  } catch (const UserError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("load_scenario_file takes specs and deadline from the file and analyses it") {
  Session session(registry());
  CHECK_FALSE(session.has_scenario());
  session.load_scenario_file(kSta);
  REQUIRE(session.has_scenario());
  CHECK(session.scenario_label() == "sta-2024.toml");
  CHECK(session.scenario_path() == kSta);
  CHECK(session.specs()[0].to_string() == "boulware(e=0.2)");
  CHECK(session.specs()[1].to_string() == "pareto_follower(e=0.5)");
  CHECK(session.deadline() == 40);
  CHECK(session.outcome_points().size() == 4 * 4 * 4 * 4 * 4);
  CHECK(session.analysis().nash.has_value());
  CHECK(session.events().empty());
}

TEST_CASE("a bad scenario file gives the CLI's message and leaves the session unchanged") {
  Session session(registry());
  session.load_scenario_file(kSta);
  const std::string missing = TREATYSIM_SOURCE_DIR "/configs/no-such-file.toml";
  std::string expected;
  try {
    static_cast<void>(treatysim::load_scenario_file(
        missing, treatysim::agents::spec_checker(treatysim::agents::builtin_registry())));
  } catch (const UserError& e) {
    expected = e.what();
  }
  REQUIRE_FALSE(expected.empty());
  CHECK(error_of([&] { session.load_scenario_file(missing); }) == expected);
  CHECK(session.scenario_label() == "sta-2024.toml");
  CHECK(session.scenario().id() == "sta-2024");
}

TEST_CASE("stepping to the end gives the engine's run; the saved trace is the CLI's JSON") {
  Session session(registry());
  session.load_scenario_file(kSta);
  session.set_seed(42);
  while (session.step()) {
  }
  REQUIRE(session.done());
  REQUIRE(session.result().has_value());
  const treatysim::Trace cli = treatysim::run_traced(session.scenario(), session.specs(), 42,
                                                     treatysim::agents::builtin_registry());
  CHECK(session.events() == cli.events);
  CHECK(*session.result() == cli.result);
  treatysim::testing::TempDir dir;
  const auto path = dir.path() / "run.json";
  session.save_trace(path.string());
  CHECK(read_file(path) == treatysim::trace_to_text(cli));
  // Offers carry both parties' utilities from the scenario.
  REQUIRE_FALSE(session.offers().empty());
  const Session::OfferPoint& first = session.offers().front();
  CHECK(first.utilities[0] == session.scenario().utility(0)(first.outcome));
  CHECK(first.utilities[1] == session.scenario().utility(1)(first.outcome));
}

TEST_CASE("step_back re-runs to the previous step: same events as stepping there directly") {
  Session session(registry());
  session.load_scenario_file(kSta);
  for (int i = 0; i < 9; ++i) REQUIRE(session.step());
  const std::vector<treatysim::Event> nine = session.events();
  REQUIRE(session.step());
  session.step_back();
  CHECK(session.events() == nine);
  session.reset();
  CHECK(session.events().empty());
  session.step_back();  // nothing to undo
  CHECK(session.events().empty());
}

TEST_CASE("update advances speed x dt steps and at most kMaxStepsPerUpdate per call") {
  Session session(registry());
  session.load_scenario_file(kSta);
  session.set_spec(0, treatysim::parse_spec("hardliner"));
  session.set_spec(1, treatysim::parse_spec("hardliner"));
  session.set_deadline(5000);  // two hardliners never agree: 10,000 steps to the deadline
  session.set_speed(4.0);
  session.update(1.0);  // not playing: nothing
  CHECK(session.events().empty());
  session.set_playing(true);
  session.update(0.5);  // 2 steps
  CHECK(session.events().size() == 2);
  session.update(0.125);  // half a step, carried over
  session.update(0.125);  // …and completed
  CHECK(session.events().size() == 3);
  session.set_speed(100000.0);
  session.update(1.0);
  CHECK(session.events().size() == 3 + treatysim::gui::kMaxStepsPerUpdate);
}

TEST_CASE("settings are checked: a bad spec or deadline throws and changes nothing") {
  Session session(registry());
  session.load_scenario_file(kSta);
  CHECK_FALSE(error_of([&] { session.set_spec(0, treatysim::parse_spec("no_such")); }).empty());
  CHECK(session.specs()[0].to_string() == "boulware(e=0.2)");
  CHECK_FALSE(error_of([&] { session.set_deadline(0); }).empty());
  CHECK(session.deadline() == 40);
  CHECK_FALSE(error_of([&] { session.set_spec(0, treatysim::parse_spec("human")); }).empty());
}

TEST_CASE("target curves come from the agents' own schedules") {
  Session session(registry());
  session.load_scenario_file(kSta);
  session.set_deadline(21);
  const auto boulware = session.target_curve(0);
  REQUIRE(boulware.has_value());
  REQUIRE(boulware->size() == 21);
  // 1.0 - (1.0 - 0.40) * 0.5^5 at t = 0.5 (see tests/agents/target_utility_test.cpp).
  CHECK((*boulware)[10] == doctest::Approx(0.98125).epsilon(1e-12));
  session.set_spec(1, treatysim::parse_spec("nice_tit_for_tat"));
  CHECK_FALSE(session.target_curve(1).has_value());
}

TEST_CASE("replay of a saved trace: seek anywhere, the state is the engine's") {
  treatysim::testing::TempDir dir;
  const auto path = (dir.path() / "run.json").string();
  Session live(registry());
  live.load_scenario_file(kSta);
  while (live.step()) {
  }
  live.save_trace(path);

  Session replay(registry());
  replay.load_trace_file(path);
  CHECK(replay.replaying());
  CHECK(replay.scenario_label() == "run.json");
  CHECK(replay.total_events() == live.events().size());
  CHECK(replay.cursor() == 0);
  replay.seek(7);
  CHECK(replay.cursor() == 7);
  CHECK(std::equal(replay.events().begin(), replay.events().end(), live.events().begin()));
  replay.seek(3);
  CHECK(replay.cursor() == 3);
  replay.seek(100000);
  CHECK(replay.done());
  CHECK(replay.events() == live.events());
  CHECK(*replay.result() == *live.result());
  CHECK_FALSE(replay.step());
  replay.leave_replay();
  CHECK_FALSE(replay.replaying());
  CHECK(replay.events().empty());
}

TEST_CASE("a trace whose events do not replay is refused and the session is unchanged") {
  treatysim::testing::TempDir dir;
  const auto path = (dir.path() / "run.json").string();
  Session live(registry());
  live.load_scenario_file(kSta);
  while (live.step()) {
  }
  live.save_trace(path);
  // China accepts instead of rejecting the first offer: the recorded result no longer fits.
  std::string text = read_file(path);
  const std::string reject = "\"type\": \"reject\"";
  const auto at = text.find(reject);
  REQUIRE(at != std::string::npos);
  text.replace(at, reject.size(), "\"type\": \"walk_away\"");
  const auto bad = (dir.path() / "bad.json").string();
  std::ofstream(bad) << text;

  Session session(registry());
  session.load_scenario_file(kSta);
  session.step();
  const std::string message = error_of([&] { session.load_trace_file(bad); });
  CHECK(message.rfind(bad + ":", 0) == 0);  // names the file first
  CHECK_FALSE(session.replaying());
  CHECK(session.scenario_label() == "sta-2024.toml");
  CHECK(session.events().size() == 1);
}

TEST_CASE("human play: the agent answers after the pause; step back returns to the person") {
  Session session(registry());
  session.load_scenario_file(kSta);
  session.set_agent_pause(0.8);
  session.set_human(1);  // the person plays China; the U.S. (boulware) moves first
  CHECK_FALSE(session.awaiting_human_response());
  session.update(0.016);  // the agent's opening offer needs no pause
  REQUIRE(session.awaiting_human_response());
  CHECK_FALSE(error_of([&] { session.human_propose(session.offers().back().outcome); }).empty());
  session.human_respond(Response::kReject);
  REQUIRE(session.awaiting_human_offer());
  std::string error;
  const auto offer = session.scenario().space().parse("S2/IP1/D1/G1/T2", &error);
  REQUIRE(offer.has_value());
  session.human_propose(*offer);
  CHECK(session.events().back().kind == EventKind::kOffer);
  CHECK(session.events().back().outcome == *offer);
  session.update(0.5);  // still pausing
  CHECK(session.events().size() == 3);
  session.update(0.5);  // the U.S. answers (and counter-offers unless it accepts)
  CHECK(session.events().size() > 3);
  CHECK(session.trace().agent_specs[1] == "human");
  const std::vector<treatysim::Event> before(session.events().begin(),
                                             session.events().begin() + 3);
  session.step_back();
  CHECK(session.awaiting_human_offer());
  CHECK(session.events().size() == 2);  // back to before the person's offer
  CHECK(std::equal(session.events().begin(), session.events().end(), before.begin()));
}
