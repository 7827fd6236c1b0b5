// class_store.hpp — a class's database: every join, round and action of `treatysim class`, in
// SQLite (WAL mode, synchronous=FULL), so that a killed server restarted on the same file resumes
// the class exactly.
//
// Each mutation is one transaction, committed before the caller acknowledges the action. The
// file holds the scenario it was made for (its canonical TOML and content hash): a class is
// never resumed on another scenario. Tables (format "treatysim-class", version 1):
//   meta(key, value)                 format, version, scenario_id, scenario_hash, scenario_toml,
//                                    seed, code, teacher_token
//   students(id, name, seat)         seat: the student's bearer token (hex)
//   rounds(id, pairing, deadline, swap, revealed, ended)
//   negotiations(id, round, seed, student_0, student_1, spec_0, spec_1, stopped)
//   events(negotiation, seq, kind, offer, party, outcome)   outcome: option indices "0/2/1"
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/scenario.hpp"
#include "engine/protocol/event.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace treatysim::server {

// The class-wide settings fixed when the database is created.
struct ClassMeta {
  std::string scenario_id;
  std::string scenario_hash;  // Scenario::content_hash of the scenario file as loaded
  std::string scenario_toml;  // canonical TOML (to_toml), so exports need no scenario file
  std::uint64_t seed = 1;     // run seed: pairings and negotiation seeds derive from it
  std::string code;           // the join code
  std::string teacher_token;  // the teacher's secret (32 hex digits)
};

struct StoredStudent {
  int id = 0;
  std::string name;
  std::string seat;  // bearer token (32 hex digits)
};

struct StoredRound {
  int id = 0;
  std::string pairing;  // "students" | "agents" | "mixed"
  int deadline = 1;
  bool swap = false;
  bool revealed = false;
  bool ended = false;  // ended by the teacher (running negotiations stopped)
};

struct StoredNegotiation {
  int id = 0;
  int round = 0;
  std::uint64_t seed = 0;
  std::array<std::optional<int>, kPartyCount> students;  // the student on each side, if any
  std::array<std::string, kPartyCount> specs;            // "human" for a student, else the agent
  bool stopped = false;                                  // stopped by the teacher while running
  std::vector<Event> events;                             // in order
};

// Everything a database holds.
struct ClassSnapshot {
  ClassMeta meta;
  std::vector<StoredStudent> students;          // by id
  std::vector<StoredRound> rounds;              // by id
  std::vector<StoredNegotiation> negotiations;  // by id
};

class ClassStore {
 public:
  // Opens (creating it when missing, unless `read_only`) the database at `path`. Throws UserError
  // naming the file when it cannot be opened, is not SQLite, is damaged (SQLite's quick_check),
  // is another program's database (tables other than a class's: nothing is written to it), or
  // is a class database of another version. `read_only` opens an existing file without writing
  // (class-export of a running class).
  ClassStore(const std::string& path, bool read_only);
  ~ClassStore();
  ClassStore(const ClassStore&) = delete;
  ClassStore& operator=(const ClassStore&) = delete;

  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  // True when the file has no class yet (just created).
  [[nodiscard]] bool empty() const;
  // Writes the meta of a new class (one transaction).
  void initialise(const ClassMeta& meta);
  // Reads everything (throws UserError naming the file on malformed content).
  [[nodiscard]] ClassSnapshot load() const;

  // [SECTION] Mutations: each runs in its own transaction, committed on return --------------------
  void add_student(const StoredStudent& student);
  // A new round and its negotiations (with their first events, e.g. an agent's opening offer).
  void add_round(const StoredRound& round, const std::vector<StoredNegotiation>& negotiations);
  // Events of negotiation `negotiation`, numbered from `first_seq`.
  void append_events(int negotiation, std::size_t first_seq, const std::vector<Event>& events);
  // Ends round `round`: marks it ended and its running negotiations `stopped` as stopped.
  void end_round(int round, const std::vector<int>& stopped);
  void set_revealed(int round);

 private:
  void exec(const char* sql) const;
  // The cached prepared statement of `sql` (a string literal: the cache is keyed by address).
  sqlite3_stmt* prepared(const char* sql);
  void insert_events(int negotiation, std::size_t first_seq, const std::vector<Event>& events);
  // Throws UserError naming the file when SQLite's quick_check finds damage.
  void check_integrity() const;
  void begin();
  void commit();
  void rollback() noexcept;
  template <typename Body>
  void transaction(Body&& body);

  std::string path_;
  sqlite3* db_ = nullptr;
  std::map<const char*, sqlite3_stmt*> prepared_;
};

// "0/2/1": option indices (Outcome::to_string), and back; throws UserError on a bad text.
[[nodiscard]] Outcome parse_outcome_indices(const std::string& text, const Scenario& scenario);

}  // namespace treatysim::server
