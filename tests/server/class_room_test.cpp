// The class logic without a network: lobby, pairings (odd counts, agents, mixed, swap), turns
// through the engine, ends, reveal, and the restart that resumes everything.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include <sqlite3.h>

#include "agents/trace_replay.hpp"
#include "engine/model/user_error.hpp"
#include "engine/protocol/trace.hpp"
#include "tests/server/server_test_support.hpp"

namespace treatysim {

using server::ClassError;
using server::Pairing;
using server::RoundRequest;
using server::StudentAction;
using testing::TempDir;
using testing::TestClass;

namespace {

int status_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const ClassError& e) {
    return e.status();
  }
  return 200;
}

// The student on `party` in negotiation `n`.
int student_on(const server::ClassNegotiation& n, PartyIndex party) {
  REQUIRE(n.students[party].has_value());
  return *n.students[party];
}

}  // namespace

TEST_CASE("tokens, codes and names") {
  const std::string token = server::random_token();
  CHECK(token.size() == 32);
  CHECK(token.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(server::random_token() != token);
  for (int k = 0; k < 50; ++k) {
    const std::string code = server::random_code();
    CHECK(code.size() == 5);
    CHECK(code.find_first_of("OI0125SZB8") == std::string::npos);
  }
  CHECK(server::constant_time_equal("abc", "abc"));
  CHECK_FALSE(server::constant_time_equal("abc", "abd"));
  CHECK_FALSE(server::constant_time_equal("abc", "abcd"));

  CHECK(server::clean_name("  Ada  ") == "Ada");
  CHECK(server::clean_name(std::string(40, 'x')).size() == 40);
  // 40 characters of two bytes each are 40 characters, not 80.
  std::string accented;
  for (int k = 0; k < 40; ++k) accented += "\xc3\xa9";
  CHECK(server::clean_name(accented) == accented);
  CHECK(status_of([] { static_cast<void>(server::clean_name(std::string(41, 'x'))); }) == 400);
  CHECK(status_of([] { static_cast<void>(server::clean_name("   ")); }) == 400);
  CHECK(status_of([] { static_cast<void>(server::clean_name("a\nb")); }) == 400);
  CHECK(status_of([] { static_cast<void>(server::clean_name("\xff\xfe")); }) == 400);
  CHECK(status_of([] { static_cast<void>(server::clean_name("\xc0\xaf")); }) == 400);  // overlong
  CHECK(status_of([] {
          static_cast<void>(
              server::clean_name("a\xe2\x80\xae"
                                 "b"));
        }) == 400);  // RLO
  // Spaces of every width are trimmed; invisible and line-breaking characters are refused.
  CHECK(server::clean_name("\xc2\xa0"
                           "Ada\xe3\x80\x80") == "Ada");  // NBSP, ideographic space
  for (const char* bad : {"\xe2\x80\x8b",
                          "A\xe2\x80\x8b"
                          "da",
                          "A\xe2\x80\xa8"
                          "da",
                          "A\xe2\x80\x8f"
                          "da",
                          "\xef\xbb\xbf"
                          "Ada",
                          "A\xef\xbf\xbf", "\xcc\x81\xcc\x81", "\xe2\x80\x8d"}) {
    CAPTURE(bad);
    CHECK(status_of([&] { static_cast<void>(server::clean_name(bad)); }) == 400);
  }
  // Four accents on a letter are spelling (Vietnamese needs two); five are not.
  std::string four = "Z";
  for (int k = 0; k < 4; ++k) four += "\xcc\x81";
  CHECK(server::clean_name(four) == four);
  CHECK(status_of([&] { static_cast<void>(server::clean_name(four + "\xcc\x81")); }) == 400);
  // Persian spelling keeps its zero-width non-joiner; emoji keep their joiners and selectors.
  const std::string persian = "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xb1\xd9\x88\xd9\x85";
  CHECK(server::clean_name(persian) == persian);
  const std::string heart = "\xe2\x9d\xa4\xef\xb8\x8f Lea";
  CHECK(server::clean_name(heart) == heart);
}

TEST_CASE("the lobby: joins, taken names, the code") {
  TestClass c;
  const auto& ada = c.room->join("Ada");
  CHECK(ada.id == 1);
  CHECK(c.room->student_by_seat(ada.seat) == &c.room->students()[0]);
  CHECK(c.room->student_by_seat("0123") == nullptr);
  CHECK(status_of([&] { c.room->join("ADA"); }) == 409);
  CHECK(c.room->students().size() == 1);
  CHECK(c.room->is_code(c.room->code()));
  std::string lower = c.room->code();
  for (char& ch : lower) ch = static_cast<char>(ch - 'A' + 'a');
  CHECK(c.room->is_code(lower));
  CHECK_FALSE(c.room->is_code("ZZZZZ"));
  CHECK(c.room->is_teacher(c.room->teacher_token()));
  CHECK_FALSE(c.room->is_teacher(""));
  CHECK(status_of([&] { c.room->start_round({}); }) == 200);
}

TEST_CASE("no round without students; one round at a time") {
  TestClass c;
  CHECK(status_of([&] { c.room->start_round({}); }) == 409);
  c.room->join("Ada");
  c.room->join("Ben");
  c.room->start_round({});
  CHECK(status_of([&] { c.room->start_round({}); }) == 409);
  CHECK(status_of([&] { c.room->reveal(); }) == 409);
  RoundRequest bad;
  bad.deadline = 0;
  c.room->end_round();
  CHECK(status_of([&] { c.room->start_round(bad); }) == 400);
  bad.deadline = 5;
  bad.against = "no_such_strategy";
  CHECK(status_of([&] { c.room->start_round(bad); }) == 400);
  bad.against = "human";
  CHECK(status_of([&] { c.room->start_round(bad); }) == 400);
  CHECK(c.room->rounds().size() == 1);
}

TEST_CASE("pairing students: every student plays once; an odd one meets the agent") {
  for (int count = 1; count <= 9; ++count) {
    CAPTURE(count);
    TestClass c;
    for (int k = 0; k < count; ++k) c.room->join("s" + std::to_string(k));
    const auto& round = c.room->start_round({});
    CHECK(round.negotiations.size() == static_cast<std::size_t>((count + 1) / 2));
    std::multiset<int> seen;
    int with_agent = 0;
    for (const int id : round.negotiations) {
      const auto& n = c.room->negotiation(id);
      for (PartyIndex p = 0; p < kPartyCount; ++p) {
        if (n.students[p]) {
          seen.insert(*n.students[p]);
          CHECK(n.specs[p] == "human");
        } else {
          ++with_agent;
          CHECK(n.specs[p] == c.scenario.party(p).agent);  // the scenario's strategy for the side
        }
      }
    }
    CHECK(seen.size() == static_cast<std::size_t>(count));
    CHECK(std::set<int>(seen.begin(), seen.end()).size() == static_cast<std::size_t>(count));
    CHECK(with_agent == count % 2);
  }
}

TEST_CASE("pairing against agents and mixed; the round's agent spec") {
  TestClass c;
  for (int k = 0; k < 6; ++k) c.room->join("s" + std::to_string(k));
  RoundRequest agents;
  agents.pairing = Pairing::kAgents;
  agents.against = "boulware(e=0.1)";
  const auto& first = c.room->start_round(agents);
  CHECK(first.negotiations.size() == 6);
  std::array<int, kPartyCount> sides{};
  for (const int id : first.negotiations) {
    const auto& n = c.room->negotiation(id);
    const PartyIndex person = n.students[0] ? 0 : 1;
    CHECK_FALSE(n.students[other_party(person)].has_value());
    CHECK(n.specs[other_party(person)] == "boulware(e=0.1)");
    ++sides[person];
  }
  CHECK(sides == std::array<int, kPartyCount>{3, 3});
  c.room->end_round();
  RoundRequest mixed;
  mixed.pairing = Pairing::kMixed;
  const auto& second = c.room->start_round(mixed);
  // 6 students: 2·⌈6/4⌉ = 4 in pairs, 2 against the agent.
  int pairs = 0;
  for (const int id : second.negotiations) {
    const auto& n = c.room->negotiation(id);
    if (n.students[0] && n.students[1]) ++pairs;
  }
  CHECK(pairs == 2);
  CHECK(second.negotiations.size() == 4);
}

TEST_CASE("swap: every student takes the other side") {
  TestClass c;
  for (int k = 0; k < 5; ++k) c.room->join("s" + std::to_string(k));
  const auto& first = c.room->start_round({});
  std::map<int, PartyIndex> before;
  for (const int id : first.negotiations) {
    const auto& n = c.room->negotiation(id);
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      if (n.students[p]) before[*n.students[p]] = p;
    }
  }
  c.room->end_round();
  c.room->join("late");
  RoundRequest swap;
  swap.swap = true;
  const auto& second = c.room->start_round(swap);
  int checked = 0;
  for (const int id : second.negotiations) {
    const auto& n = c.room->negotiation(id);
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      if (n.students[p] && before.count(*n.students[p]) != 0) {
        CHECK(before[*n.students[p]] == other_party(p));
        ++checked;
      }
    }
  }
  CHECK(checked == 5);
}

TEST_CASE("turns: the engine's protocol, a student's side at a time") {
  TestClass c;
  c.room->join("Ada");
  c.room->join("Ben");
  const auto& round = c.room->start_round({});
  const auto& n = c.room->negotiation(round.negotiations.at(0));
  const int us = student_on(n, 0);  // the United States move first in three-clauses
  const int cn = student_on(n, 1);
  const Outcome deal = c.outcome({"IP1", "D1", "G2"});
  CHECK(n.waiting_for() == PartyIndex{0});
  CHECK(status_of([&] { c.room->act(cn, StudentAction::kOffer, &deal); }) == 409);  // not your turn
  CHECK(status_of([&] { c.room->act(us, StudentAction::kAccept); }) == 409);  // nothing to answer
  c.room->act(us, StudentAction::kOffer, &deal);
  CHECK(n.waiting_for() == PartyIndex{1});
  CHECK(status_of([&] { c.room->act(us, StudentAction::kOffer, &deal); }) == 409);
  // Only the last offer may be rejected on its own; otherwise a counter-offer rejects it.
  CHECK(status_of([&] { c.room->act(cn, StudentAction::kReject); }) == 409);
  c.room->act(cn, StudentAction::kAccept);
  CHECK(n.end_name() == "agreement");
  // u_us = .5·.85 + .3·.7 + .2·.6 = .755; u_cn = .2·.5 + .3·.5 + .5·.6 = .55 (no discount).
  CHECK(n.negotiation().result().utilities[0] == doctest::Approx(0.755));
  CHECK(n.negotiation().result().utilities[1] == doctest::Approx(0.55));
  CHECK(n.negotiation().result().discounted_utilities[1] == doctest::Approx(0.55));
  CHECK(status_of([&] { c.room->act(us, StudentAction::kOffer, &deal); }) == 409);  // ended
  CHECK_FALSE(c.room->round_running());
  c.room->reveal();
  CHECK(c.room->current_round()->revealed);
}

TEST_CASE("the last offer: reject ends at the deadline") {
  TestClass c;
  c.room->join("Ada");
  c.room->join("Ben");
  RoundRequest request;
  request.deadline = 2;
  const auto& round = c.room->start_round(request);
  const auto& n = c.room->negotiation(round.negotiations.at(0));
  const int us = student_on(n, 0);
  const int cn = student_on(n, 1);
  const Outcome a = c.outcome({"IP0", "D0", "G0"});
  const Outcome b = c.outcome({"IP4", "D3", "G4"});
  c.room->act(us, StudentAction::kOffer, &a);
  c.room->act(cn, StudentAction::kOffer, &b);  // rejects a, counter-offers b (the last offer)
  CHECK(status_of([&] { c.room->act(us, StudentAction::kOffer, &a); }) == 409);
  c.room->act(us, StudentAction::kReject);
  CHECK(n.end_name() == "deadline");
  CHECK(n.negotiation().result().utilities[0] == doctest::Approx(0.35));
  CHECK(n.events().size() == 5);  // offer, reject, offer, reject, deadline
}

TEST_CASE("against an agent: the agent answers at once, and may open") {
  TestClass c;
  c.room->join("Ada");
  RoundRequest request;
  request.pairing = Pairing::kAgents;
  const auto& round = c.room->start_round(request);
  const auto& n = c.room->negotiation(round.negotiations.at(0));
  const PartyIndex person = n.students[0] ? 0 : 1;
  const int ada = *n.students[person];
  if (person == 1) CHECK(n.negotiation().offers().size() == 1);  // the agent made offer 0
  CHECK(n.waiting_for() == person);
  // Ask for everything: the agent rejects and counters (or walks away) right away.
  const Outcome greedy = c.scenario.utility(person).best_outcome();
  c.room->act(ada, StudentAction::kOffer, &greedy);
  CHECK((n.waiting_for() == person || !n.running()));
}

TEST_CASE("end a round: running negotiations stop where they are") {
  TestClass c;
  for (const char* name : {"a", "b", "c", "d"}) c.room->join(name);
  const auto& round = c.room->start_round({});
  const auto& n = c.room->negotiation(round.negotiations.at(0));
  const Outcome o = c.outcome({"IP1", "D1", "G2"});
  c.room->act(student_on(n, 0), StudentAction::kOffer, &o);
  c.room->end_round();
  CHECK(status_of([&] { c.room->end_round(); }) == 409);
  CHECK(n.end_name() == "stopped");
  CHECK(status_of([&] { c.room->act(student_on(n, 1), StudentAction::kAccept); }) == 409);
  c.room->reveal();
  const Trace trace = c.room->trace(n);
  CHECK(trace.result.offers == 1);
  CHECK(trace_to_json(trace)["result"]["end"] == "running");
}

TEST_CASE("restart: the database resumes the class exactly") {
  TestClass c;
  for (const char* name : {"Ada", "Ben", "Cy"}) c.room->join(name);
  const auto& round = c.room->start_round({});
  std::vector<std::vector<Event>> events_before;
  const Outcome o = c.outcome({"IP2", "D1", "G1"});
  for (const int id : round.negotiations) {
    const auto& n = c.room->negotiation(id);
    const std::optional<PartyIndex> turn = n.waiting_for();
    if (turn) c.room->act(*n.students[*turn], StudentAction::kOffer, &o);
    events_before.push_back(n.events());
  }
  const std::string code = c.room->code();
  const std::string secret = c.room->teacher_token();
  const std::string seat = c.room->students()[1].seat;
  c.open();  // as after kill -9: everything comes from the file
  CHECK(c.room->code() == code);
  CHECK(c.room->teacher_token() == secret);
  REQUIRE(c.room->students().size() == 3);
  CHECK(c.room->student_by_seat(seat)->name == "Ben");
  REQUIRE(c.room->rounds().size() == 1);
  for (std::size_t k = 0; k < events_before.size(); ++k) {
    CHECK(c.room->negotiations()[k]->events() == events_before[k]);
  }
  // …and play on.
  const auto& n = c.room->negotiation(1);
  const PartyIndex turn = *n.waiting_for();
  c.room->act(*n.students[turn], StudentAction::kAccept);
  CHECK(n.end_name() == "agreement");
  c.open();
  CHECK(c.room->negotiation(1).end_name() == "agreement");
}

TEST_CASE("a database made for another scenario is refused") {
  TestClass c;
  c.room->join("Ada");
  const Scenario other = load_scenario_file(TREATYSIM_SOURCE_DIR "/configs/split-the-pie.toml",
                                            agents::spec_checker(agents::builtin_registry()));
  server::ClassStore store(c.db(), false);
  try {
    server::ClassRoom room(store, other, 1, {}, agents::builtin_registry());
    FAIL("expected a refusal");
  } catch (const UserError& e) {
    CHECK(std::string(e.what()).find("made for scenario \"three-clauses\"") != std::string::npos);
  }
}

namespace {

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The message of the UserError that opening `path` as a class database throws ("" when none).
std::string open_refusal(const std::string& path, bool read_only) {
  try {
    server::ClassStore store(path, read_only);
  } catch (const UserError& e) {
    return e.what();
  }
  return {};
}

}  // namespace

TEST_CASE("a file that is not a class database is refused and left unchanged") {
  TempDir dir;
  SUBCASE("not SQLite") {
    const std::string path = (dir.path() / "notes.sqlite").string();
    std::ofstream(path) << "hello, not a database\n";
    const std::string before = file_bytes(path);
    for (const bool read_only : {false, true}) {
      CHECK(open_refusal(path, read_only).find("not an SQLite database") != std::string::npos);
    }
    CHECK(file_bytes(path) == before);
  }
  SUBCASE("another program's SQLite database") {
    const std::string path = (dir.path() / "places.sqlite").string();
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "CREATE TABLE bookmarks(url TEXT); INSERT INTO bookmarks VALUES('x')",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    const std::string before = file_bytes(path);
    const std::string message = open_refusal(path, false);
    CHECK(message.find("another program (tables bookmarks), left unchanged") != std::string::npos);
    CHECK(file_bytes(path) == before);  // no class tables, no switch to WAL
    CHECK_FALSE(std::filesystem::exists(path + "-wal"));
  }
  SUBCASE("a damaged class database") {
    std::string path;
    {
      TestClass c;
      for (int k = 0; k < 40; ++k) c.room->join("student " + std::to_string(k));
      path = (dir.path() / "damaged.sqlite").string();
      c.room.reset();
      c.store.reset();  // the last connection closes: the WAL is folded into the file
      std::filesystem::copy_file(c.db(), path);
    }
    // Page 2 holds the first table's B-tree: overwrite its cells.
    std::string bytes = file_bytes(path);
    REQUIRE(bytes.size() > 3 * 4096);
    std::fill(bytes.begin() + 4096 + 100, bytes.begin() + 4096 + 2100, '\xff');
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
    for (const bool read_only : {false, true}) {
      const std::string message = open_refusal(path, read_only);
      CAPTURE(message);
      CHECK((message.find("is damaged") != std::string::npos ||
             message.find("not an SQLite database, or is damaged") != std::string::npos));
    }
  }
  SUBCASE("an empty file is a new class; read-only, it is no class at all") {
    const std::string path = (dir.path() / "empty.sqlite").string();
    std::ofstream{path};
    {
      server::ClassStore store(path, true);
      CHECK(store.empty());
    }
    server::ClassStore store(path, false);
    CHECK(store.empty());
  }
}

TEST_CASE("every class negotiation is a trace that replays") {
  TestClass c;
  for (const char* name : {"Ada", "Ben", "Cy"}) c.room->join(name);
  const auto& round = c.room->start_round({});
  const Outcome o = c.outcome({"IP1", "D1", "G2"});
  for (const int id : round.negotiations) {
    const auto& n = c.room->negotiation(id);
    if (n.waiting_for()) c.room->act(*n.students[*n.waiting_for()], StudentAction::kOffer, &o);
    if (n.waiting_for()) c.room->act(*n.students[*n.waiting_for()], StudentAction::kAccept);
  }
  for (const auto& n : c.room->negotiations()) {
    const std::string text = trace_to_text(c.room->trace(*n));
    const SavedTrace saved = parse_trace(text, "class.json");
    const std::vector<Event> recorded = events_from_trace_json(saved, "class.json");
    const Trace rerun = agents::rerun_trace(saved, recorded, agents::builtin_registry());
    CHECK(rerun.events == n->events());
    CHECK(trace_to_text(rerun) == text);
  }
}

}  // namespace treatysim
