// The JSON API as a pure function: a full round, every refused request of the issue (with the
// database unchanged), rate limits on a fake clock, the views' privacy and the CSV.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "server/class_api.hpp"
#include "server/fuzz_entry.hpp"
#include "tests/server/server_test_support.hpp"

namespace treatysim {

using nlohmann::json;
using server::HttpRequest;
using server::HttpResponse;
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
  CHECK(a.call_json("POST", "/api/offer", offer, us)["offers"] == 1);
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
  const std::string far = "192.0.2.7";  // a documentation address: never contacted, only a key
  int accepted = 0;
  for (int k = 0; k < 25; ++k) {
    const HttpResponse r =
        a.call("POST", "/api/join",
               json{{"code", a.c.room->code()}, {"name", "s" + std::to_string(k)}}.dump(), "", far);
    if (r.status == 200) ++accepted;
    if (r.status == 429) CHECK(header(r, "Retry-After") == "2");
  }
  CHECK(accepted == 20);  // the join bucket holds 20
  a.now += 5.0;           // refills one join a second
  int later = 0;
  for (int k = 0; k < 10; ++k) {
    if (a.call("POST", "/api/join",
               json{{"code", a.c.room->code()}, {"name", "t" + std::to_string(k)}}.dump(), "", far)
            .status == 200)
      ++later;
  }
  CHECK(later == 5);
  // Wrong codes and tokens from one address: after 20 failures, 429 even for a good request.
  const std::string guesser = "198.51.100.3";
  for (int k = 0; k < 20; ++k) CHECK(a.call("GET", "/api/me", "", "bad", guesser).status == 401);
  CHECK(a.call("GET", "/api/teacher/state", "", a.teacher(), guesser).status == 429);
  CHECK(a.call("GET", "/api/teacher/state", "", a.teacher()).status == 200);  // loopback is exempt
  // Per seat: 60 at once, then 10 a second, from any address.
  const std::string seat = a.join("Ada");
  int served = 0;
  for (int k = 0; k < 80; ++k) {
    if (a.call("GET", "/api/me", "", seat).status == 200) ++served;
  }
  CHECK(served == 60);
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
        "distance_to_nash");
  CHECK(row.find(",deadline,0,4,0.35,0.25,0.6,") != std::string::npos);
  CHECK(row.find("\"'=HYPERLINK(\"\"x\"\")\"") != std::string::npos);
  CHECK(row.find("\"Lee, Ann\"") != std::string::npos);
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
