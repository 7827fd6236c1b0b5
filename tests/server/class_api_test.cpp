// The JSON API as a pure function: a full round, every refused request of the issue (with the
// database unchanged), rate limits on a fake clock, the views' privacy and the CSV.
#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "engine/analysis/pareto.hpp"
#include "engine/model/reservation.hpp"
#include "engine/protocol/trace.hpp"
#include "server/class_api.hpp"
#include "server/fuzz_entry.hpp"
#include "tests/server/server_test_support.hpp"

namespace treatysim {

using nlohmann::json;
using server::HttpRequest;
using server::HttpResponse;
using server::StudentAction;
using testing::TestClass;

namespace {

struct ApiClass {
  ApiClass()
      : api(*c.room, {"http://127.0.0.1:8080/?code=X", "http://127.0.0.1:8080/teacher#T"}, {},
            [this] { return now; }) {}

  HttpResponse call(const std::string& method, const std::string& target,
                    const std::string& body = "", const std::string& token = "",
                    const std::string& client = "127.0.0.1") {
    HttpRequest request{method, target, {}, body, client};
    if (!token.empty()) request.headers["authorization"] = "Bearer " + token;
    return api.handle(request);
  }
  json call_json(const std::string& method, const std::string& target, const std::string& body = "",
                 const std::string& token = "") {
    const HttpResponse response = call(method, target, body, token);
    INFO(response.body);
    REQUIRE(response.status == 200);
    return json::parse(response.body);
  }
  std::string join(const std::string& name) {
    return call_json("POST", "/api/join",
                     json{{"code", c.room->code()}, {"name", name}}.dump())["seat"];
  }
  // What a refused request must leave alone.
  std::string fingerprint() {
    return server::class_csv(*c.room) + std::to_string(c.room->students().size()) +
           std::to_string(c.room->rounds().size()) + server::results_view(*c.room).dump();
  }
  std::string teacher() { return c.room->teacher_token(); }

  TestClass c;
  double now = 1000.0;
  server::ClassApi api;
};

std::string header(const HttpResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return {};
}

}  // namespace

TEST_CASE("a full round through the API") {
  ApiClass a;
  const std::string ada = a.join("Ada");
  const std::string ben = a.join("Ben");
  CHECK(a.call_json("GET", "/api/me", "", ada)["phase"] == "lobby");
  const json started =
      a.call_json("POST", "/api/teacher/round", R"({"pairing": "students"})", a.teacher());
  CHECK(started["round"] == 1);
  CHECK(started["negotiations"] == json::array({1}));
  json me_ada = a.call_json("GET", "/api/me", "", ada);
  CHECK(me_ada["phase"] == "negotiating");
  const bool ada_us = me_ada["negotiation"]["party"] == "us";
  const std::string us = ada_us ? ada : ben;
  const std::string cn = ada_us ? ben : ada;
  json me = a.call_json("GET", "/api/me", "", us);
  CHECK(me["negotiation"]["your_turn"] == true);
  CHECK(me["negotiation"]["first_mover"] == "us");
  CHECK(me["negotiation"]["deadline"] == 20);
  CHECK(me["negotiation"]["reservation"] == 0.35);
  CHECK(me["negotiation"]["weights"]["ip"] == 0.5);
  CHECK(me["negotiation"]["values"]["data"]["D1"] == 0.7);
  CHECK(me["negotiation"]["worth"]["data"]["D1"] == doctest::Approx(0.21));
  CHECK_FALSE(me["negotiation"].contains("opponent_values"));  // private information
  const std::string offer = R"({"outcome": {"ip": "IP1", "data": "D1", "dual_use": "G2"}})";
  CHECK(a.call_json("POST", "/api/evaluate", offer, us)["utility"] == doctest::Approx(0.755));
  const json offered = a.call_json("POST", "/api/offer", offer, us);
  CHECK(offered["offers"] == 1);
  // The answer carries the student's new view, the one GET /api/me then gives, at the version
  // the offer made (the push that follows says that version: the page skips it).
  json fetched = a.call_json("GET", "/api/me", "", us);
  CHECK(offered["me"] == fetched);
  CHECK(offered["me"]["version"] == a.api.version());
  CHECK(offered["me"]["version"].get<std::uint64_t>() > me["version"].get<std::uint64_t>());
  CHECK(offered["me"]["negotiation"]["offers"].size() == 1);
  me = a.call_json("GET", "/api/me", "", cn);
  CHECK(me["negotiation"]["answering"] == true);
  CHECK(me["negotiation"]["offers"][0]["utility"] == doctest::Approx(0.55));
  CHECK(me["negotiation"]["offers_left"] == 19);
  CHECK(a.call_json("POST", "/api/accept", "", cn)["end"] == "agreement");
  me = a.call_json("GET", "/api/me", "", cn);
  CHECK(me["phase"] == "done");
  CHECK(me["negotiation"]["result"]["utility"] == doctest::Approx(0.55));
  CHECK(me["reveal"].is_null());
  a.call_json("POST", "/api/teacher/reveal", "", a.teacher());
  me = a.call_json("GET", "/api/me", "", cn);
  CHECK(me["negotiation"]["opponent_values"]["ip"]["IP1"] == 0.85);
  CHECK(me["reveal"]["your_point"] == json::array({0.755, 0.55}));
  CHECK(me["reveal"]["deals"].size() == 1);
  const json state = a.call_json("GET", "/api/teacher/state", "", a.teacher());
  CHECK(state["deals"].size() == 1);
  CHECK(state["leaderboard"][0]["total"] == doctest::Approx(0.755));
  CHECK(state["histogram"]["settled"] == 1);
  CHECK(state["histogram"]["bins"][13]["count"] == 1);  // 0.755 + 0.55 = 1.305 in [1.3, 1.4)
  const json results = a.call_json("GET", "/api/teacher/results", "", a.teacher());
  const json& n = results["rounds"][0]["negotiations"][0];
  CHECK(n["end"] == "agreement");
  CHECK(n["outcome"] == json{{"ip", "IP1"}, {"data", "D1"}, {"dual_use", "G2"}});
  CHECK(n["utilities"]["us"] == 0.755);
  CHECK(n["trace"]["format"] == "treatysim-trace");
  CHECK(n["trace"]["agents"]["us"] == "human");
  const HttpResponse csv = a.call("GET", "/api/teacher/export.csv", "", a.teacher());
  CHECK(csv.status == 200);
  CHECK(csv.body.rfind(server::class_csv_header(), 0) == 0);
  const HttpResponse trace = a.call("GET", "/api/teacher/trace/1", "", a.teacher());
  CHECK(trace.status == 200);
  CHECK(json::parse(trace.body)["result"]["end"] == "agreement");
}

TEST_CASE("every bad request is refused with its status and changes nothing") {
  ApiClass a;
  const std::string ada = a.join("Ada");
  const std::string ben = a.join("Ben");
  const std::string cy = a.join("Cy");
  a.call_json("POST", "/api/teacher/round", R"({"pairing": "students"})", a.teacher());
  // Who plays whom: Cy is the odd one out, against the agent, or in the pair.
  const json me = a.call_json("GET", "/api/me", "", ada);
  const int ada_negotiation = me["negotiation"]["id"];
  std::string mover;    // a student whose turn it is
  std::string waiting;  // a student of the same negotiation who waits
  for (const std::string& seat : {ada, ben, cy}) {
    const json view = a.call_json("GET", "/api/me", "", seat);
    if (view["negotiation"]["opponent"]["agent"] == true) continue;
    (view["negotiation"]["your_turn"] == true ? mover : waiting) = seat;
  }
  REQUIRE_FALSE(mover.empty());
  REQUIRE_FALSE(waiting.empty());
  const std::string before = a.fingerprint();
  const std::string good = R"({"outcome": {"ip": "IP1", "data": "D1", "dual_use": "G2"}})";
  struct Case {
    const char* what;
    std::string method, target, body, token;
    int status;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"body over 64 KiB", "POST", "/api/offer", std::string(65 * 1024, ' '), mover, 413, "64 KiB"},
      {"malformed JSON", "POST", "/api/offer", "{\"outcome\": ", mover, 400, "malformed JSON"},
      {"not an object", "POST", "/api/offer", "[1, 2]", mover, 400, "expected an object"},
      {"nested too deeply", "POST", "/api/offer", std::string(5000, '[') + std::string(5000, ']'),
       mover, 400, "nested too deeply"},
      {"unknown issue", "POST", "/api/offer",
       R"({"outcome": {"ip": "IP1", "data": "D1", "dual_use": "G2", "term": "T1"}})", mover, 400,
       "unknown issue \"term\""},
      {"unknown option", "POST", "/api/offer",
       R"({"outcome": {"ip": "IP9", "data": "D1", "dual_use": "G2"}})", mover, 400,
       "outcome.ip: unknown option \"IP9\""},
      {"missing issue", "POST", "/api/offer", R"({"outcome": {"ip": "IP1", "data": "D1"}})", mover,
       400, "missing issue \"dual_use\""},
      {"option not a string", "POST", "/api/offer",
       R"({"outcome": {"ip": 1, "data": "D1", "dual_use": "G2"}})", mover, 400, "outcome.ip"},
      {"unknown key", "POST", "/api/offer", R"({"outcome": {}, "price": 3})", mover, 400,
       "unknown key \"price\""},
      {"a key twice", "POST", "/api/offer",
       R"({"outcome": {"ip": "IP1", "data": "D1", "dual_use": "G2", "ip": "IP3"}})", mover, 400,
       "\"ip\" appears twice"},
      {"a key twice, at the top", "POST", "/api/teacher/round",
       R"({"pairing": "agents", "pairing": "students"})", a.teacher(), 400, "appears twice"},
      {"invalid UTF-8 in a string", "POST", "/api/offer",
       "{\"outcome\": {\"ip\": \"IP\xff\", \"data\": \"D1\", \"dual_use\": \"G2\"}}", mover, 400,
       "malformed JSON"},
      {"a number as a string", "POST", "/api/offer", R"({"negotiation": "1", "outcome": {}})",
       mover, 400, "negotiation: expected a whole number"},
      {"a negotiation beyond 2^63", "POST", "/api/accept",
       R"({"negotiation": 18446744073709551615})", mover, 403,
       "negotiation 18446744073709551615 is not yours"},
      {"a deadline as a string", "POST", "/api/teacher/round",
       R"({"pairing": "agents", "deadline": "20"})", a.teacher(), 400, "deadline"},
      {"a deadline beyond 2^63", "POST", "/api/teacher/round",
       R"({"pairing": "agents", "deadline": 18446744073709551615})", a.teacher(), 400,
       "got 18446744073709551615"},
      {"a fractional deadline", "POST", "/api/teacher/round",
       R"({"pairing": "agents", "deadline": 20.5})", a.teacher(), 400, "deadline"},
      {"no seat", "GET", "/api/me", "", "", 401, "join first"},
      {"a wrong seat", "POST", "/api/offer", good, "00000000000000000000000000000000", 401,
       "join first"},
      {"the teacher's secret missing", "POST", "/api/teacher/round", R"({"pairing": "students"})",
       "", 401, "secret"},
      {"a seat is not the teacher", "GET", "/api/teacher/state", "", mover, 401, "secret"},
      {"a wrong code", "POST", "/api/join", R"({"code": "ZZZZZ", "name": "Eve"})", "", 403,
       "wrong code"},
      {"a name too long", "POST", "/api/join",
       json{{"code", a.c.room->code()}, {"name", std::string(41, 'x')}}.dump(), "", 400,
       "at most 40"},
      {"a taken name", "POST", "/api/join",
       json{{"code", a.c.room->code()}, {"name", "ada"}}.dump(), "", 409, "taken"},
      {"another's negotiation", "POST", "/api/offer",
       json{{"negotiation", 99}, {"outcome", json::parse(good)["outcome"]}}.dump(), mover, 403,
       "not yours"},
      {"someone else's turn", "POST", "/api/offer", good, waiting, 409, "not your turn"},
      {"nothing to answer", "POST", "/api/accept", "", mover, 409, "no offer to answer"},
      {"a round while one runs", "POST", "/api/teacher/round", R"({"pairing": "students"})",
       a.teacher(), 409, "still running"},
      {"a reveal while it runs", "POST", "/api/teacher/reveal", "", a.teacher(), 409,
       "still running"},
      {"a bad pairing", "POST", "/api/teacher/round", R"({"pairing": "everyone"})", a.teacher(),
       400, "pairing"},
      {"a bad deadline", "POST", "/api/teacher/round", R"({"pairing": "agents", "deadline": -3})",
       a.teacher(), 400, "deadline"},
      {"a wrong method", "GET", "/api/offer", "", mover, 405, "use POST"},
      {"no such endpoint", "GET", "/api/nothing", "", mover, 404, "no such"},
      {"no such trace", "GET", "/api/teacher/trace/x", "", a.teacher(), 404, "no negotiation"},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.what));
    const HttpResponse response = a.call(c.method, c.target, c.body, c.token);
    CAPTURE(response.body);
    CHECK(response.status == c.status);
    CHECK(json::parse(response.body)["error"].get<std::string>().find(c.message) !=
          std::string::npos);
    CHECK(header(response, "Content-Type").rfind("application/json", 0) == 0);
    CHECK(header(response, "Content-Security-Policy").find("default-src 'none'") !=
          std::string::npos);
    CHECK(a.fingerprint() == before);
  }
  CHECK(header(a.call("GET", "/api/me"), "WWW-Authenticate") == "Bearer");
  // An ended negotiation: 409.
  a.call_json("POST", "/api/offer", good, mover);
  a.call_json("POST", "/api/walk_away", "", waiting);
  const HttpResponse ended = a.call("POST", "/api/offer", good, mover);
  CHECK(ended.status == 409);
  CHECK(ended.body.find("has ended") != std::string::npos);
  static_cast<void>(ada_negotiation);
}

TEST_CASE("rate limits per address and per seat, on the API's clock") {
  ApiClass a;
  const auto join_from = [&](const std::string& name, const std::string& client,
                             const std::string& code = "") {
    return a.call("POST", "/api/join",
                  json{{"code", code.empty() ? a.c.room->code() : code}, {"name", name}}.dump(), "",
                  client);
  };
  SUBCASE("a class of 60 behind one address joins at once, then 2 joins a second") {
    const std::string nat = "192.0.2.7";  // a documentation address: never contacted, only a key
    std::vector<std::string> seats;
    for (int k = 0; k < 70; ++k) {
      const HttpResponse r = join_from("s" + std::to_string(k), nat);
      if (r.status == 200) seats.push_back(json::parse(r.body)["seat"]);
      if (r.status == 429) CHECK(header(r, "Retry-After") == "2");
    }
    CHECK(seats.size() == 60);
    a.now += 5.0;
    int later = 0;
    for (int k = 0; k < 20; ++k) later += join_from("t" + std::to_string(k), nat).status == 200;
    CHECK(later == 10);
    // Everyone behind that address refreshes at once, three times over: all served.
    int served = 0;
    for (int k = 0; k < 3; ++k) {
      for (const std::string& seat : seats)
        served += a.call("GET", "/api/me", "", seat, nat).status == 200;
    }
    CHECK(served == 180);
  }
  SUBCASE("wrong codes: after 60 from one address, every join of it waits") {
    const std::string guesser = "198.51.100.3";
    for (int k = 0; k < 60; ++k)
      CHECK(join_from("e" + std::to_string(k), guesser, "QQQQQ").status == 403);
    CHECK(join_from("Eve", guesser).status == 429);         // the right code too: no oracle
    CHECK(join_from("Eve", "198.51.100.4").status == 200);  // another address is not held up
    a.now += 1.0;
    CHECK(join_from("Eve2", guesser).status == 200);
  }
  SUBCASE("wrong tokens cost requests, and never lock out a good one") {
    const std::string client = "198.51.100.9";
    for (int k = 0; k < 200; ++k) CHECK(a.call("GET", "/api/me", "", "bad", client).status == 401);
    CHECK(a.call("GET", "/api/teacher/state", "", a.teacher(), client).status == 200);
  }
  SUBCASE("requests per address: 1000 at once, then 300 a second; loopback is exempt") {
    const std::string client = "203.0.113.5";
    int served = 0;
    for (int k = 0; k < 1100; ++k)
      served += a.call("GET", "/api/scenario", "", "", client).status == 200;
    CHECK(served == 1000);
    a.now += 0.5;
    served = 0;
    for (int k = 0; k < 200; ++k)
      served += a.call("GET", "/api/scenario", "", "", client).status == 200;
    CHECK(served == 150);
    for (int k = 0; k < 1100; ++k) CHECK(a.call("GET", "/api/scenario").status == 200);
  }
  SUBCASE("IPv6: one bucket per /64") {
    int joined = 0;
    for (int k = 0; k < 40; ++k) {
      joined +=
          join_from("a" + std::to_string(k), "2001:db8::" + std::to_string(k + 1)).status == 200;
      joined +=
          join_from("b" + std::to_string(k), "2001:db8::1:" + std::to_string(k + 1)).status == 200;
    }
    CHECK(joined == 60);                                     // 80 addresses of one /64
    CHECK(join_from("c", "2001:db8:0:1::1").status == 200);  // the next /64
    CHECK(server::ClassApi::address_key("::ffff:192.0.2.1") == "192.0.2.1");
    CHECK(server::ClassApi::address_key("2001:db8::5:6:7:8") == "2001:db8::/64");
  }
  SUBCASE("per seat: 60 at once, then 10 a second, from any address") {
    const std::string seat = a.join("Ada");
    int served = 0;
    for (int k = 0; k < 80; ++k) served += a.call("GET", "/api/me", "", seat).status == 200;
    CHECK(served == 60);
    a.now += 1.0;
    served = 0;
    for (int k = 0; k < 20; ++k) served += a.call("GET", "/api/me", "", seat).status == 200;
    CHECK(served == 10);
  }
}

TEST_CASE("pages: embedded, with a strict Content-Security-Policy") {
  ApiClass a;
  for (const char* path : {"/", "/teacher", "/static/student.js", "/static/class.css"}) {
    CAPTURE(path);
    const HttpResponse r = a.call("GET", path);
    CHECK(r.status == 200);
    CHECK(header(r, "Content-Security-Policy").find("default-src 'none'") != std::string::npos);
    CHECK(header(r, "Content-Security-Policy").find("script-src 'self'") != std::string::npos);
    CHECK(header(r, "X-Content-Type-Options") == "nosniff");
  }
  CHECK(a.call("GET", "/").body.find("<script src=\"/static/student.js\"") != std::string::npos);
  // No inline script or style anywhere, and no address outside the server.
  for (const char* path : {"/", "/teacher"}) {
    const std::string body = a.call("GET", path).body;
    CHECK(body.find("<script>") == std::string::npos);
    CHECK(body.find("style=") == std::string::npos);
    CHECK(body.find("http") == std::string::npos);
  }
  CHECK(a.call("GET", "/static/../class.sqlite").status == 404);
  CHECK(a.call("GET", "/static/nothing.js").status == 404);
  const HttpResponse qr = a.call("GET", "/api/qr.svg");
  CHECK(qr.status == 200);
  CHECK(qr.body.rfind("<svg", 0) == 0);
  const json scenario = json::parse(a.call("GET", "/api/scenario").body);
  CHECK(scenario["issues"].size() == 3);
  CHECK(scenario["information"] == "private");
  CHECK_FALSE(scenario.dump().find("values") != std::string::npos);  // no preferences in public
}

TEST_CASE("the CSV: the tournament's columns, names quoted and kept as text") {
  ApiClass a;
  const std::string one = a.join("=HYPERLINK(\"x\")");
  const std::string two = a.join("Lee, Ann");
  a.call_json("POST", "/api/teacher/round", R"({"pairing": "students", "deadline": 4})",
              a.teacher());
  for (int k = 0; k < 4; ++k) {
    for (const std::string& seat : {one, two}) {
      const json view = a.call_json("GET", "/api/me", "", seat);
      if (view["negotiation"]["your_turn"] != true) continue;
      if (view["negotiation"]["last_offer"] == true) {
        a.call_json("POST", "/api/reject", "", seat);
      } else {
        a.call_json("POST", "/api/offer",
                    R"({"outcome": {"ip": "IP0", "data": "D3", "dual_use": "G4"}})", seat);
      }
    }
  }
  const std::string csv = server::class_csv(*a.c.room);
  std::istringstream lines(csv);
  std::string header_line, row;
  std::getline(lines, header_line);
  std::getline(lines, row);
  CHECK(header_line ==
        "index,round,scenario,seed,competitor_a,party_a,student_a,competitor_b,party_b,student_b,"
        "end,agreement,offers,utility_a,utility_b,social_welfare,distance_to_pareto,"
        "distance_to_nash,reservation_a,reservation_b");
  CHECK(row.find(",deadline,0,4,0.35,0.25,0.6,") != std::string::npos);
  CHECK(row.ends_with(",0.35,0.25"));  // the scenario's fixed reservation values
  CHECK(row.find("\"'=HYPERLINK(\"\"x\"\")\"") != std::string::npos);
  CHECK(row.find("\"Lee, Ann\"") != std::string::npos);
}

TEST_CASE(
    "drawn reservation values: each negotiation its own, shown to its side, paid when "
    "stopped, in the CSV and the trace, the teacher's pairs and histogram, the reveal's "
    "solutions, kept over a restart") {
  // U.S. 0.25 or 0.85 (3:1), China 0.1, 0.25 or 0.6; private information.
  TestClass c({}, 7, testing::shipped_scenario("three-clauses-uncertain.toml"));
  for (int k = 0; k < 20; ++k) c.room->join("s" + std::to_string(k));
  const std::vector<int> ids = c.room->start_round({}).negotiations;
  REQUIRE(ids.size() == 10);
  std::vector<std::array<double, kPartyCount>> drawn;
  std::set<double> us_values;
  for (const int id : ids) {
    const auto& n = c.room->negotiation(id);
    const std::array<double, kPartyCount> r = n.negotiation().result().reservation_values;
    // The plain negotiation's draw from this negotiation's seed.
    CHECK(r == reservation_values_for(n.scenario.def(), n.seed));
    CHECK((r[0] == 0.25 || r[0] == 0.85));
    CHECK((r[1] == 0.1 || r[1] == 0.25 || r[1] == 0.6));
    us_values.insert(r[0]);
    drawn.push_back(r);
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      const server::Student& student = *c.room->student(*n.students[p]);
      const json view = json::parse(server::student_view(*c.room, student).dump());
      CHECK(view["negotiation"]["reservation"].get<double>() == r[p]);
      CHECK_FALSE(view["negotiation"].contains("opponent_reservation"));  // private information
    }
  }
  CHECK(us_values.size() == 2);  // drawn anew per negotiation

  const auto& first = c.room->negotiation(ids.at(0));
  const Outcome o = c.outcome({"IP1", "D1", "G2"});
  c.room->act(*first.students[*first.waiting_for()], StudentAction::kOffer, &o);
  c.room->end_round();  // every negotiation stops: each side gets its drawn value
  for (std::size_t k = 0; k < ids.size(); ++k) {
    const auto& n = c.room->negotiation(ids[k]);
    REQUIRE(n.end_name() == "stopped");
    const server::Student& student = *c.room->student(*n.students[0]);
    const json view = json::parse(server::student_view(*c.room, student).dump());
    CHECK(view["negotiation"]["result"]["utility"].get<double>() == drawn[k][0]);
    const json trace = json::parse(trace_to_text(c.room->trace(n)));
    CHECK(trace["result"]["reservations"]["us"].get<double>() == drawn[k][0]);
    CHECK(trace["result"]["reservations"]["cn"].get<double>() == drawn[k][1]);
  }
  std::istringstream lines(server::class_csv(*c.room));
  std::string line;
  std::getline(lines, line);
  CHECK(line.ends_with(",distance_to_nash,reservation_a,reservation_b"));
  for (std::size_t k = 0; k < drawn.size(); ++k) {
    REQUIRE(std::getline(lines, line));
    std::vector<std::string> fields;
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, ',');) fields.push_back(cell);
    REQUIRE(fields.size() == 20);
    CHECK(fields[10] == "stopped");
    // utility_a, utility_b: a stopped negotiation pays the drawn values (undiscounted)…
    CHECK(fields[13] == format_number(drawn[k][0]));
    CHECK(fields[14] == format_number(drawn[k][1]));
    // …and reservation_a, reservation_b are those values.
    CHECK(fields[18] == format_number(drawn[k][0]));
    CHECK(fields[19] == format_number(drawn[k][1]));
  }
  // The teacher: each pair with its own values; the histogram's no-deal mark is the mean joint
  // reservation value of the round's ten negotiations; the plot's lines are the means
  // (0.75·0.25 + 0.25·0.85 = 0.4 and (0.1 + 0.25 + 0.6)/3 = 0.316667), the distributions named.
  const json teacher = json::parse(server::teacher_view(*c.room, {"s", "t"}).dump());
  CHECK(teacher["scenario"]["drawn_reservations"] == true);
  double joint = 0.0;
  for (std::size_t k = 0; k < drawn.size(); ++k) {
    const json& item = teacher["round"]["negotiations"][k];
    CHECK(item["reservations"][0].get<double>() == drawn[k][0]);
    CHECK(item["reservations"][1].get<double>() == drawn[k][1]);
    joint += drawn[k][0] + drawn[k][1];
  }
  CHECK(teacher["histogram"]["no_deal"].get<double>() ==
        doctest::Approx(joint / 10.0).epsilon(1e-4));
  CHECK(teacher["histogram"]["no_deal_mean"] == true);
  const json plot = json::parse(server::analysis_view(*c.room).dump());
  CHECK(plot["parties"][0]["reservation"].get<double>() == doctest::Approx(0.4));
  CHECK(plot["parties"][1]["reservation"].get<double>() == doctest::Approx(0.316667));
  CHECK(plot["parties"][0]["reservation_drawn"] == "choices 0.25 (75%), 0.85 (25%)");

  // After the reveal, each student's plot has their negotiation's values and the Nash solution
  // for them: the outcome maximising (u₀ − r₀)(u₁ − r₁) over those both value at least rᵢ
  // (brute force over the 100 outcomes), none when the U.S. drew 0.85 and China 0.6.
  c.room->reveal();
  for (std::size_t k = 0; k < ids.size(); ++k) {
    const auto& n = c.room->negotiation(ids[k]);
    const server::Student& student = *c.room->student(*n.students[1]);
    const json reveal = json::parse(server::student_view(*c.room, student).dump())["reveal"];
    CHECK(reveal["analysis"]["parties"][0]["reservation"].get<double>() == drawn[k][0]);
    CHECK(reveal["analysis"]["parties"][1]["reservation"].get<double>() == drawn[k][1]);
    CHECK(reveal["your_point"][0].get<double>() == drawn[k][0]);
    double best = -1.0;
    std::array<double, kPartyCount> nash{};
    for (const OutcomePoint& point : enumerate_outcomes(c.scenario)) {
      const double g0 = point.utilities[0] - drawn[k][0];
      const double g1 = point.utilities[1] - drawn[k][1];
      if (g0 < -1e-9 || g1 < -1e-9 || g0 * g1 <= best + 1e-9) continue;
      best = g0 * g1;
      nash = point.utilities;
    }
    const json* found = nullptr;
    for (const json& solution : reveal["analysis"]["solutions"]) {
      if (solution["name"] == "nash") found = &solution;
    }
    if (drawn[k][0] == 0.85 && drawn[k][1] == 0.6) {
      CHECK(found == nullptr);
      CHECK(best < 0.0);
    } else {
      REQUIRE(found != nullptr);
      CHECK((*found)["utilities"][0].get<double>() == doctest::Approx(nash[0]).epsilon(1e-4));
      CHECK((*found)["utilities"][1].get<double>() == doctest::Approx(nash[1]).epsilon(1e-4));
    }
  }

  c.open();  // restart: the negotiations are rebuilt from their seeds, with the same draws
  for (std::size_t k = 0; k < drawn.size(); ++k) {
    CHECK(c.room->negotiation(ids[k]).negotiation().result().reservation_values == drawn[k]);
  }
}

TEST_CASE("the fuzz entry point survives arbitrary input") {
  const std::string inputs[] = {
      "",
      "POST /api/join\n{\"code\":1}",
      "POST /api/offer\n\xff\xfe",
      "GET /api/me\n",
      "POST /api/teacher/round\n{\"pairing\":\"students\"}",
      std::string(70000, '{'),
      "POST /api/join\n{\"code\":\"AAAAA\",\"name\":\"" + std::string(100, 'x') + "\"}"};
  for (const std::string& input : inputs) {
    CHECK(server::fuzz_class_api(reinterpret_cast<const std::uint8_t*>(input.data()),
                                 input.size()) == 0);
  }
}

}  // namespace treatysim
