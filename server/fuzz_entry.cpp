#include "server/fuzz_entry.hpp"

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <sqlite3.h>
#include <unistd.h>

#include "agents/registry.hpp"
#include "engine/model/check.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"
#include "engine/protocol/trace.hpp"
#include "server/class_api.hpp"
#include "server/class_store.hpp"

namespace treatysim::server {

namespace {

constexpr const char* kScenario = R"toml(
[scenario]
id = "fuzz"
title = "Two clauses"

[protocol]
deadline = 6
first_mover = "a"
information = "private"

[[issues]]
id = "x"
label = "X"
options = [{ id = "X0", label = "zero" }, { id = "X1", label = "one" }, { id = "X2", label = "two" }]

[[issues]]
id = "y"
label = "Y"
options = [{ id = "Y0", label = "zero" }, { id = "Y1", label = "one" }]

[[parties]]
id = "a"
name = "A"
reservation = 0.2
discount = 1.0
agent = "boulware(e=0.2)"
[parties.weights]
x = 0.6
y = 0.4
[parties.values]
x = [1.0, 0.5, 0.0]
y = [0.0, 1.0]

[[parties]]
id = "b"
name = "B"
reservation = 0.2
discount = 1.0
agent = "conceder(e=2)"
[parties.weights]
x = 0.5
y = 0.5
[parties.values]
x = [0.0, 0.5, 1.0]
y = [1.0, 0.0]
)toml";

// The folder of the fuzz databases, made once per process and removed at exit: on /dev/shm when
// there is one (a class commits every change; in memory that costs no disk write).
class FuzzFolder {
 public:
  FuzzFolder() {
    std::error_code error;
    const bool shm =
        std::filesystem::is_directory("/dev/shm", error) && ::access("/dev/shm", W_OK) == 0;
    std::string pattern = std::string(shm ? "/dev/shm" : "/tmp") + "/treatysim-fuzz-XXXXXX";
    const char* made = ::mkdtemp(pattern.data());
    TREATYSIM_CHECK(made != nullptr, "cannot create a temporary folder for the fuzz database");
    path_ = made;
  }
  ~FuzzFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  FuzzFolder(const FuzzFolder&) = delete;
  FuzzFolder& operator=(const FuzzFolder&) = delete;
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

const Scenario& fuzz_scenario() {
  static const Scenario scenario =
      parse_scenario(kScenario, "fuzz.toml", agents::spec_checker(agents::builtin_registry()));
  return scenario;
}

// A new class on a new database: two students and a round of students under way.
struct FuzzClass {
  explicit FuzzClass(const std::string& database) {
    std::error_code ignored;
    std::filesystem::remove(database, ignored);
    store = std::make_unique<ClassStore>(database, false);
    room = std::make_unique<ClassRoom>(*store, fuzz_scenario(), 1, ClassSettings{},
                                       agents::builtin_registry());
    api = std::make_unique<ClassApi>(
        *room, ClassAddresses{"http://127.0.0.1:1/?code=A", "http://127.0.0.1:1/teacher#T"},
        RateLimits{}, [this] { return now; });
    seats[0] = room->join("one").seat;
    seats[1] = room->join("two").seat;
    room->start_round({});
    static_cast<void>(room->take_changes());
  }

  double now = 0.0;
  std::unique_ptr<ClassStore> store;
  std::unique_ptr<ClassRoom> room;
  std::unique_ptr<ClassApi> api;
  std::string seats[2];
};

// Everything a refused request must leave as it was, as text: the database's content, and the
// class as the teacher, each student and the results see it.
std::string class_state(const FuzzClass& fuzz) {
  std::string state;
  const ClassSnapshot stored = fuzz.store->load();
  state += stored.meta.scenario_hash + " " + stored.meta.code + " " + stored.meta.teacher_token +
           " " + std::to_string(stored.meta.seed) + "\n";
  for (const StoredStudent& s : stored.students)
    state += "student " + std::to_string(s.id) + " " + s.name + " " + s.seat + "\n";
  for (const StoredRound& r : stored.rounds) {
    state += "round " + std::to_string(r.id) + " " + r.pairing + " " + std::to_string(r.deadline) +
             (r.swap ? " swap" : "") + (r.revealed ? " revealed" : "") + (r.ended ? " ended" : "") +
             "\n";
  }
  for (const StoredNegotiation& n : stored.negotiations) {
    state += "negotiation " + std::to_string(n.id) + " " + std::to_string(n.round) + " " +
             std::to_string(n.seed) + (n.stopped ? " stopped" : "");
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      state += " " + (n.students[p] ? std::to_string(*n.students[p]) : "-") + ":" + n.specs[p];
    }
    for (const Event& e : n.events) {
      state += " " + std::string(event_kind_name(e.kind)) + "/" + std::to_string(e.offer_index) +
               "/" + std::to_string(e.party) + "/";
      for (std::size_t i = 0; i < e.outcome.size(); ++i)
        state += std::to_string(e.outcome[i]) + ",";
    }
    state += "\n";
  }
  state += teacher_view(*fuzz.room, fuzz.api->addresses()).dump() + "\n";
  state += results_view(*fuzz.room).dump() + "\n";
  for (const Student& student : fuzz.room->students())
    state += student_view(*fuzz.room, student).dump() + "\n";
  return state;
}

// `text` with every "$CODE" replaced by the class's join code.
std::string with_code(std::string text, const std::string& code) {
  for (std::size_t at = text.find("$CODE"); at != std::string::npos;
       at = text.find("$CODE", at + code.size())) {
    text.replace(at, 5, code);
  }
  return text;
}

// The statements fuzz_class_store lets the input run: reading and changing rows.
int allow_rows_only(void* /*unused*/, int action, const char* /*a*/, const char* /*b*/,
                    const char* /*database*/, const char* /*trigger*/) {
  switch (action) {
    case SQLITE_INSERT:
    case SQLITE_UPDATE:
    case SQLITE_DELETE:
    case SQLITE_READ:
    case SQLITE_SELECT:
    case SQLITE_FUNCTION:
    case SQLITE_RECURSIVE:
    case SQLITE_TRANSACTION:
    case SQLITE_SAVEPOINT:
      return SQLITE_OK;
    default:
      return SQLITE_DENY;
  }
}

// Runs `sql` on the database `path` as fuzz_class_store describes (errors are ignored: the
// input is arbitrary text).
void run_fuzz_sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    TREATYSIM_CHECK(false, "the fuzz class database opens");
  }
  sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 1 << 20);
  sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, 1 << 16);
  sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
  int steps = 0;
  sqlite3_progress_handler(
      db, 1000, [](void* count) { return ++*static_cast<int*>(count) > 1000 ? 1 : 0; }, &steps);
  sqlite3_set_authorizer(db, allow_rows_only, nullptr);
  static_cast<void>(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr));
  sqlite3_close(db);
}

bool is_json(const HttpResponse& response) {
  for (const auto& [name, value] : response.headers) {
    if (name == "Content-Type") return value.rfind("application/json", 0) == 0;
  }
  return false;
}

}  // namespace

int fuzz_class_api(const std::uint8_t* data, std::size_t size) {
  static const FuzzFolder folder;
  FuzzClass fuzz(folder.path() + "/class.sqlite");
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::optional<std::string> joined;
  std::size_t start = 0;
  for (int n = 0; n < kMaxFuzzRequests && start <= input.size(); ++n) {
    const std::size_t end = std::min(input.find('\f', start), input.size());
    const std::string_view one = input.substr(start, end - start);
    start = end + 1;

    const std::size_t line_end = one.find('\n');
    const std::string_view line = one.substr(0, line_end);
    HttpRequest request;
    request.client = "127.0.0.1";
    request.body = line_end == std::string_view::npos
                       ? std::string()
                       : with_code(std::string(one.substr(line_end + 1)), fuzz.room->code());
    const std::size_t first = line.find(' ');
    request.method = std::string(line.substr(0, first));
    const std::string_view rest =
        first == std::string_view::npos ? std::string_view() : line.substr(first + 1);
    const std::size_t second = rest.find(' ');
    request.target = with_code(std::string(rest.substr(0, second)), fuzz.room->code());
    const std::string_view who =
        second == std::string_view::npos ? std::string_view() : rest.substr(second + 1);
    if (who == "teacher") request.headers["authorization"] = "Bearer " + fuzz.room->teacher_token();
    if (who == "seat1") request.headers["authorization"] = "Bearer " + fuzz.seats[0];
    if (who == "seat2") request.headers["authorization"] = "Bearer " + fuzz.seats[1];
    if (who == "joined" && joined) request.headers["authorization"] = "Bearer " + *joined;

    fuzz.now += 1.0;
    const std::string before = class_state(fuzz);
    const HttpResponse response = fuzz.api->handle(request);
    static_cast<void>(fuzz.api->take_changes());
    TREATYSIM_CHECK(response.status >= 200 && response.status < 600, "an HTTP status");
    TREATYSIM_CHECK(response.status < 500 || response.status == 503,
                    "no input makes the class API fail on its side");
    if (is_json(response)) {
      TREATYSIM_CHECK(nlohmann::json::accept(response.body), "a JSON answer parses");
    }
    if (response.status >= 400 && response.status < 500) {
      TREATYSIM_CHECK(class_state(fuzz) == before, "a refused request changes nothing");
    }
    if (response.status == 200 && request.target == "/api/join") {
      const nlohmann::json answer = nlohmann::json::parse(response.body);
      if (answer.contains("seat") && answer["seat"].is_string()) joined = answer["seat"];
    }
  }
  return 0;
}

}  // namespace treatysim::server

namespace treatysim::server {

int fuzz_class_store(const std::uint8_t* data, std::size_t size) {
  static const FuzzFolder folder;
  const std::string path = folder.path() + "/stored.sqlite";
  {
    FuzzClass fuzz(path);
    const Student* first = fuzz.room->student_by_seat(fuzz.seats[0]);
    const Student* second = fuzz.room->student_by_seat(fuzz.seats[1]);
    TREATYSIM_CHECK(first != nullptr && second != nullptr, "the fuzz class's students are seated");
    Outcome offer(fuzz_scenario().space().issue_count());
    offer.set(0, 1);
    for (const Student* student : {first, second}) {
      try {
        static_cast<void>(fuzz.room->act(student->id, StudentAction::kOffer, &offer));
      } catch (const ClassError&) {
        // Not this student's turn.
      }
    }
  }
  std::string sql(reinterpret_cast<const char*>(data), size);
  std::string lower = sql;
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower.find("vacuum") != std::string::npos) return 0;  // VACUUM INTO writes a file
  run_fuzz_sql(path, sql);

  const agents::Registry& registry = agents::builtin_registry();
  try {
    ClassStore store(path, true);
    if (store.empty()) return 0;
    const ClassSnapshot snapshot = store.load();
    const Scenario scenario = parse_scenario(snapshot.meta.scenario_toml, path + " (its scenario)",
                                             agents::spec_checker(registry));
    ClassRoom room(store, scenario, snapshot.meta.seed, {}, registry);
    static_cast<void>(class_csv(room));
    static_cast<void>(results_view(room).dump());
    for (const auto& negotiation : room.negotiations()) {
      static_cast<void>(trace_to_text(room.trace(*negotiation)));
    }
  } catch (const UserError&) {
    // A clear error naming the database: what a damaged file must get.
  }
  return 0;
}

}  // namespace treatysim::server
