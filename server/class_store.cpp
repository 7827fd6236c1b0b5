#include "server/class_store.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <string_view>
#include <utility>

#include <sqlite3.h>

#include "engine/model/user_error.hpp"

namespace treatysim::server {

namespace {

constexpr const char* kFormat = "treatysim-class";
constexpr int kVersion = 1;

// A prepared statement: one of its own, finalised on scope exit, or one borrowed from the
// store's cache, reset (bindings cleared) on scope exit for its next use.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* borrowed, const std::string& path)
      : db_(db), path_(path), failure_(nullptr), statement_(borrowed), owned_(false) {}
  // `failure`, when given, says what a failing statement means for the file (e.g. "is not an
  // SQLite database"), in place of the bare database error.
  Statement(sqlite3* db, const char* sql, const std::string& path, const char* failure = nullptr)
      : db_(db), path_(path), failure_(failure) {
    if (sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK) fail("prepare");
  }
  ~Statement() {
    if (owned_) {
      sqlite3_finalize(statement_);
    } else {
      sqlite3_reset(statement_);
      sqlite3_clear_bindings(statement_);
    }
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, long long value) {
    check(sqlite3_bind_int64(statement_, index, value));
    return *this;
  }
  Statement& bind(int index, const std::string& value) {
    check(sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()),
                            SQLITE_TRANSIENT));
    return *this;
  }
  Statement& bind_null(int index) {
    check(sqlite3_bind_null(statement_, index));
    return *this;
  }
  Statement& bind(int index, const std::optional<int>& value) {
    return value ? bind(index, static_cast<long long>(*value)) : bind_null(index);
  }
  // Steps once; true while a row is available.
  bool step() {
    const int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail("step");
    return false;
  }
  void run() {
    while (step()) {
    }
    sqlite3_reset(statement_);
  }
  [[nodiscard]] long long integer(int column) const {
    return sqlite3_column_int64(statement_, column);
  }
  [[nodiscard]] bool is_null(int column) const {
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
  }
  [[nodiscard]] std::string text(int column) const {
    const auto* data = sqlite3_column_text(statement_, column);
    const int size = sqlite3_column_bytes(statement_, column);
    return data == nullptr
               ? std::string()
               : std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
  }

 private:
  void check(int rc) const {
    if (rc != SQLITE_OK) fail("bind");
  }
  [[noreturn]] void fail(const char* what) const {
    if (failure_ != nullptr) {
      throw UserError(SourceLocation{path_, 0, 0}, "",
                      std::string("the class database ") + failure_ + " (" + sqlite3_errmsg(db_) +
                          "): give a class database, or another file for a new class");
    }
    throw UserError(SourceLocation{path_, 0, 0}, "",
                    std::string("database ") + what + " failed: " + sqlite3_errmsg(db_));
  }
  sqlite3* db_;
  const std::string& path_;
  const char* failure_;
  sqlite3_stmt* statement_ = nullptr;
  bool owned_ = true;
};

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS students(id INTEGER PRIMARY KEY, name TEXT NOT NULL,
                                    seat TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS rounds(id INTEGER PRIMARY KEY, pairing TEXT NOT NULL,
                                  deadline INTEGER NOT NULL, swap INTEGER NOT NULL,
                                  revealed INTEGER NOT NULL, ended INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS negotiations(id INTEGER PRIMARY KEY, round INTEGER NOT NULL,
                                        seed TEXT NOT NULL, student_0 INTEGER, student_1 INTEGER,
                                        spec_0 TEXT NOT NULL, spec_1 TEXT NOT NULL,
                                        stopped INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS events(negotiation INTEGER NOT NULL, seq INTEGER NOT NULL,
                                  kind TEXT NOT NULL, offer INTEGER NOT NULL,
                                  party INTEGER NOT NULL, outcome TEXT NOT NULL,
                                  PRIMARY KEY(negotiation, seq));
)sql";

EventKind parse_kind(const std::string& text, const std::string& path) {
  for (const EventKind kind : {EventKind::kOffer, EventKind::kAccept, EventKind::kReject,
                               EventKind::kWalkAway, EventKind::kDeadline}) {
    if (text == event_kind_name(kind)) return kind;
  }
  throw UserError(SourceLocation{path, 0, 0}, "events.kind", "unknown event kind \"" + text + "\"");
}

// Outcome::to_string's form, read back without a scenario (the room checks ranges on resume).
Outcome parse_indices(const std::string& text, const std::string& path) {
  std::vector<int> options;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t slash = text.find('/', start);
    const std::string_view field(text.data() + start,
                                 (slash == std::string::npos ? text.size() : slash) - start);
    int value = 0;
    const auto result = std::from_chars(field.data(), field.data() + field.size(), value);
    if (field.empty() || result.ec != std::errc{} || result.ptr != field.data() + field.size() ||
        value < 0 || value > 65535) {
      throw UserError(SourceLocation{path, 0, 0}, "events.outcome",
                      "expected option indices like 0/2/1, got \"" + text + "\"");
    }
    options.push_back(value);
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  if (options.size() > kMaxIssues) {
    throw UserError(SourceLocation{path, 0, 0}, "events.outcome", "too many issues: " + text);
  }
  Outcome outcome(options.size());
  for (std::size_t i = 0; i < options.size(); ++i) outcome.set(i, options[i]);
  return outcome;
}

}  // namespace

ClassStore::ClassStore(const std::string& path, bool read_only) : path_(path) {
  const int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw UserError(SourceLocation{path, 0, 0}, "", "cannot open the class database: " + message);
  }
  try {
    sqlite3_busy_timeout(db_, 5000);
    // What the file holds decides what may be done with it: nothing is written to a file that is
    // not SQLite, is damaged, or is another program's database (not even the WAL switch).
    std::vector<std::string> tables;
    {
      Statement list(db_, "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name", path_,
                     "is not an SQLite database, or is damaged");
      while (list.step()) tables.push_back(list.text(0));
    }
    static constexpr std::string_view kTables[] = {"events", "meta", "negotiations", "rounds",
                                                   "students"};
    std::string foreign;
    for (const std::string& table : tables) {
      if (std::find(std::begin(kTables), std::end(kTables), table) == std::end(kTables)) {
        foreign += (foreign.empty() ? "" : ", ") + table;
      }
    }
    if (!foreign.empty()) {
      throw UserError(SourceLocation{path, 0, 0}, "",
                      "not a treatysim class database: an SQLite database of another program "
                      "(tables " +
                          foreign + "), left unchanged; give another file");
    }
    if (!tables.empty()) {
      check_integrity();
      if (std::find(tables.begin(), tables.end(), "meta") != tables.end()) {
        Statement check(db_, "SELECT value FROM meta WHERE key='format'", path_);
        if (check.step() && check.text(0) != kFormat) {
          throw UserError(SourceLocation{path, 0, 0}, "",
                          "not a treatysim class database (format \"" + check.text(0) + "\")");
        }
        Statement version(db_, "SELECT value FROM meta WHERE key='version'", path_);
        if (version.step() && version.text(0) != std::to_string(kVersion)) {
          throw UserError(SourceLocation{path, 0, 0}, "",
                          "this program reads class databases of version " +
                              std::to_string(kVersion) + ", the file has version " +
                              version.text(0));
        }
      }
    }
    if (!read_only) {
      exec("PRAGMA journal_mode=WAL");
      exec("PRAGMA synchronous=NORMAL");
      exec(kSchema);
    }
  } catch (...) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

void ClassStore::check_integrity() const {
  Statement check(db_, "PRAGMA quick_check", path_, "is damaged");
  if (!check.step()) return;
  const std::string first = check.text(0);  // "ok", or one line per problem found
  if (first == "ok") return;
  // The report opens with "*** in database main ***" on a line of its own.
  std::string problem = first;
  if (problem.rfind("*** ", 0) == 0 && problem.find('\n') != std::string::npos) {
    problem = problem.substr(problem.find('\n') + 1);
  }
  problem = problem.substr(0, problem.find('\n'));
  throw UserError(SourceLocation{path_, 0, 0}, "",
                  "the class database is damaged (SQLite's check: " + problem +
                      "…): restore a copy, or start a new class in another file");
}

ClassStore::~ClassStore() {
  for (const auto& [sql, statement] : prepared_) sqlite3_finalize(statement);
  sqlite3_close(db_);
}

sqlite3_stmt* ClassStore::prepared(const char* sql) {
  const auto it = prepared_.find(sql);
  if (it != prepared_.end()) return it->second;
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) !=
      SQLITE_OK) {
    sqlite3_finalize(statement);
    throw UserError(SourceLocation{path_, 0, 0}, "",
                    std::string("database prepare failed: ") + sqlite3_errmsg(db_));
  }
  prepared_.emplace(sql, statement);
  return statement;
}

void ClassStore::exec(const char* sql) const {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error != nullptr ? error : sqlite3_errmsg(db_);
    sqlite3_free(error);
    // A file that is not SQLite fails on its first statement.
    throw UserError(SourceLocation{path_, 0, 0}, "", "class database: " + message);
  }
}

// The statements of every action are prepared once (parsing them was a fifth of an action's
// database time).
void ClassStore::begin() {
  Statement(db_, prepared("BEGIN IMMEDIATE"), path_).run();
}
void ClassStore::commit() {
  Statement(db_, prepared("COMMIT"), path_).run();
}
void ClassStore::rollback() noexcept {
  sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

template <typename Body>
void ClassStore::transaction(Body&& body) {
  begin();
  try {
    body();
    commit();
  } catch (...) {
    rollback();
    throw;
  }
}

bool ClassStore::empty() const {
  Statement table(db_, "SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name='meta'",
                  path_);
  if (!table.step() || table.integer(0) == 0) return true;
  Statement statement(db_, "SELECT COUNT(*) FROM meta", path_);
  return !statement.step() || statement.integer(0) == 0;
}

void ClassStore::initialise(const ClassMeta& meta) {
  transaction([&] {
    Statement insert(db_, "INSERT INTO meta(key, value) VALUES(?, ?)", path_);
    const std::pair<const char*, std::string> rows[] = {
        {"format", kFormat},
        {"version", std::to_string(kVersion)},
        {"scenario_id", meta.scenario_id},
        {"scenario_hash", meta.scenario_hash},
        {"scenario_toml", meta.scenario_toml},
        {"seed", std::to_string(meta.seed)},
        {"code", meta.code},
        {"teacher_token", meta.teacher_token},
    };
    for (const auto& [key, value] : rows) insert.bind(1, std::string(key)).bind(2, value).run();
  });
}

ClassSnapshot ClassStore::load() const {
  ClassSnapshot snapshot;
  {
    Statement statement(db_, "SELECT key, value FROM meta", path_);
    while (statement.step()) {
      const std::string key = statement.text(0);
      const std::string value = statement.text(1);
      if (key == "scenario_id") snapshot.meta.scenario_id = value;
      if (key == "scenario_hash") snapshot.meta.scenario_hash = value;
      if (key == "scenario_toml") snapshot.meta.scenario_toml = value;
      if (key == "code") snapshot.meta.code = value;
      if (key == "teacher_token") snapshot.meta.teacher_token = value;
      if (key == "seed") {
        std::uint64_t seed = 0;
        const auto result = std::from_chars(value.data(), value.data() + value.size(), seed);
        if (result.ec != std::errc{} || result.ptr != value.data() + value.size()) {
          throw UserError(SourceLocation{path_, 0, 0}, "meta.seed",
                          "expected a whole number, got \"" + value + "\"");
        }
        snapshot.meta.seed = seed;
      }
    }
  }
  if (snapshot.meta.scenario_toml.empty() || snapshot.meta.code.empty() ||
      snapshot.meta.teacher_token.empty()) {
    throw UserError(SourceLocation{path_, 0, 0}, "meta",
                    "not a treatysim class database (its scenario, code or secret is missing)");
  }
  {
    Statement statement(db_, "SELECT id, name, seat FROM students ORDER BY id", path_);
    while (statement.step()) {
      snapshot.students.push_back(
          {static_cast<int>(statement.integer(0)), statement.text(1), statement.text(2)});
    }
  }
  {
    Statement statement(
        db_, "SELECT id, pairing, deadline, swap, revealed, ended FROM rounds ORDER BY id", path_);
    while (statement.step()) {
      snapshot.rounds.push_back({static_cast<int>(statement.integer(0)), statement.text(1),
                                 static_cast<int>(statement.integer(2)), statement.integer(3) != 0,
                                 statement.integer(4) != 0, statement.integer(5) != 0});
    }
  }
  {
    Statement statement(db_,
                        "SELECT id, round, seed, student_0, student_1, spec_0, spec_1, stopped "
                        "FROM negotiations ORDER BY id",
                        path_);
    while (statement.step()) {
      StoredNegotiation n;
      n.id = static_cast<int>(statement.integer(0));
      n.round = static_cast<int>(statement.integer(1));
      const std::string seed = statement.text(2);
      const auto result = std::from_chars(seed.data(), seed.data() + seed.size(), n.seed);
      if (result.ec != std::errc{} || result.ptr != seed.data() + seed.size()) {
        throw UserError(SourceLocation{path_, 0, 0}, "negotiations.seed",
                        "expected a whole number, got \"" + seed + "\"");
      }
      for (std::size_t p = 0; p < kPartyCount; ++p) {
        const int column = 3 + static_cast<int>(p);
        if (!statement.is_null(column)) n.students[p] = static_cast<int>(statement.integer(column));
        n.specs[p] = statement.text(5 + static_cast<int>(p));
      }
      n.stopped = statement.integer(7) != 0;
      snapshot.negotiations.push_back(std::move(n));
    }
  }
  {
    Statement statement(db_,
                        "SELECT negotiation, seq, kind, offer, party, outcome FROM events ORDER BY "
                        "negotiation, seq",
                        path_);
    std::size_t at = 0;
    while (statement.step()) {
      const int negotiation = static_cast<int>(statement.integer(0));
      while (at < snapshot.negotiations.size() && snapshot.negotiations[at].id < negotiation) ++at;
      if (at == snapshot.negotiations.size() || snapshot.negotiations[at].id != negotiation) {
        throw UserError(SourceLocation{path_, 0, 0}, "events",
                        "an event of negotiation " + std::to_string(negotiation) +
                            ", which the file does not have");
      }
      StoredNegotiation& n = snapshot.negotiations[at];
      if (statement.integer(1) != static_cast<long long>(n.events.size())) {
        throw UserError(SourceLocation{path_, 0, 0}, "events",
                        "negotiation " + std::to_string(negotiation) + " misses event " +
                            std::to_string(n.events.size()));
      }
      Event event;
      event.kind = parse_kind(statement.text(2), path_);
      event.offer_index = static_cast<int>(statement.integer(3));
      const long long party = statement.integer(4);
      if (party < 0 || party >= static_cast<long long>(kPartyCount)) {
        throw UserError(SourceLocation{path_, 0, 0}, "events.party",
                        "expected 0 or 1, got " + std::to_string(party));
      }
      event.party = static_cast<PartyIndex>(party);
      event.outcome = parse_indices(statement.text(5), path_);
      n.events.push_back(event);
    }
  }
  return snapshot;
}

void ClassStore::add_student(const StoredStudent& student) {
  transaction([&] {
    Statement insert(db_, prepared("INSERT INTO students(id, name, seat) VALUES(?, ?, ?)"), path_);
    insert.bind(1, static_cast<long long>(student.id)).bind(2, student.name).bind(3, student.seat);
    insert.run();
  });
}

void ClassStore::insert_events(int negotiation, std::size_t first_seq,
                               const std::vector<Event>& events) {
  Statement insert(db_,
                   prepared("INSERT INTO events(negotiation, seq, kind, offer, party, outcome) "
                            "VALUES(?, ?, ?, ?, ?, ?)"),
                   path_);
  for (std::size_t k = 0; k < events.size(); ++k) {
    const Event& e = events[k];
    insert.bind(1, static_cast<long long>(negotiation))
        .bind(2, static_cast<long long>(first_seq + k))
        .bind(3, std::string(event_kind_name(e.kind)))
        .bind(4, static_cast<long long>(e.offer_index))
        .bind(5, static_cast<long long>(e.party))
        .bind(6, e.outcome.to_string());
    insert.run();
  }
}

void ClassStore::add_round(const StoredRound& round,
                           const std::vector<StoredNegotiation>& negotiations) {
  transaction([&] {
    Statement insert(db_,
                     "INSERT INTO rounds(id, pairing, deadline, swap, revealed, ended) "
                     "VALUES(?, ?, ?, ?, ?, ?)",
                     path_);
    insert.bind(1, static_cast<long long>(round.id))
        .bind(2, round.pairing)
        .bind(3, static_cast<long long>(round.deadline))
        .bind(4, static_cast<long long>(round.swap))
        .bind(5, static_cast<long long>(round.revealed))
        .bind(6, static_cast<long long>(round.ended));
    insert.run();
    Statement add(db_,
                  "INSERT INTO negotiations(id, round, seed, student_0, student_1, spec_0, "
                  "spec_1, stopped) VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
                  path_);
    for (const StoredNegotiation& n : negotiations) {
      add.bind(1, static_cast<long long>(n.id))
          .bind(2, static_cast<long long>(n.round))
          .bind(3, std::to_string(n.seed))
          .bind(4, n.students[0])
          .bind(5, n.students[1])
          .bind(6, n.specs[0])
          .bind(7, n.specs[1])
          .bind(8, static_cast<long long>(n.stopped));
      add.run();
      insert_events(n.id, 0, n.events);
    }
  });
}

void ClassStore::append_events(int negotiation, std::size_t first_seq,
                               const std::vector<Event>& events) {
  transaction([&] { insert_events(negotiation, first_seq, events); });
}

void ClassStore::end_round(int round, const std::vector<int>& stopped) {
  transaction([&] {
    Statement end(db_, prepared("UPDATE rounds SET ended=1 WHERE id=?"), path_);
    end.bind(1, static_cast<long long>(round)).run();
    Statement stop(db_, prepared("UPDATE negotiations SET stopped=1 WHERE id=?"), path_);
    for (const int id : stopped) stop.bind(1, static_cast<long long>(id)).run();
  });
}

void ClassStore::set_revealed(int round) {
  transaction([&] {
    Statement reveal(db_, prepared("UPDATE rounds SET revealed=1 WHERE id=?"), path_);
    reveal.bind(1, static_cast<long long>(round)).run();
  });
}

Outcome parse_outcome_indices(const std::string& text, const Scenario& scenario) {
  Outcome outcome = parse_indices(text, "");
  const OutcomeSpace& space = scenario.space();
  if (outcome.size() != space.issue_count()) {
    throw UserError("expected " + std::to_string(space.issue_count()) + " option indices, got \"" +
                    text + "\"");
  }
  for (std::size_t i = 0; i < outcome.size(); ++i) {
    if (static_cast<std::size_t>(outcome[i]) >= space.issue(i).options.size()) {
      throw UserError("option index " + std::to_string(outcome[i]) + " out of range for issue \"" +
                      space.issue(i).id + "\"");
    }
  }
  return outcome;
}

}  // namespace treatysim::server
