// class_room.hpp — a class negotiating: the lobby, seats, rounds, pairings and every negotiation,
// as plain C++ with no network (the HTTP API in class_api.hpp drives it).
//
// Students join with a name and get a seat (a bearer token). The teacher starts rounds; each
// round pairs the students present:
//   students  in pairs, one on each side; with an odd count the last one meets the agent
//   agents    every student against the agent
//   mixed     about half the class in pairs (2·⌈n/4⌉ students, at most the largest even number
//             ≤ n), the rest against the agent
// Sides alternate over a shuffle drawn from the class seed and the round number; with `swap`,
// each student plays the side opposite to the one of their last round (newcomers fill the
// smaller side). The agent a student meets plays the round's `against` spec, else the class's
// --against, else the scenario's strategy for that side.
//
// Every negotiation is the engine's Negotiation over the scenario with the round's deadline: a
// student's side is a HumanAgent fed the student's decisions, an agent's side is the registry's
// agent. After a student's action the agent sides act at once, until a student must act or the
// negotiation ends; the new events are committed to the ClassStore before the call returns.
// Negotiation k's seed is derive_seed(class seed, "class-negotiation", k), so a restart rebuilds
// each negotiation by re-running it with the recorded decisions of the students, and the agents
// decide exactly as before (checked event by event).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agents/human_agent.hpp"
#include "agents/registry.hpp"
#include "engine/analysis/analysis.hpp"
#include "engine/protocol/negotiation.hpp"
#include "engine/protocol/trace.hpp"
#include "server/class_store.hpp"

namespace treatysim::server {

// A refused request: the HTTP status it maps to and a message for the person.
class ClassError : public std::runtime_error {
 public:
  ClassError(int status, const std::string& message)
      : std::runtime_error(message), status_(status) {}
  [[nodiscard]] int status() const noexcept { return status_; }

 private:
  int status_;
};

enum class Pairing { kStudents, kAgents, kMixed };
// "students", "agents", "mixed".
[[nodiscard]] std::string_view pairing_name(Pairing pairing) noexcept;
[[nodiscard]] std::optional<Pairing> parse_pairing(std::string_view text) noexcept;

// What the teacher asks for when starting a round.
struct RoundRequest {
  Pairing pairing = Pairing::kStudents;
  std::optional<int> deadline;         // default: the class's deadline
  std::optional<std::string> against;  // agent spec for this round (default: the class's)
  bool swap = false;                   // each student takes the other side than last round
};

// Settings of a class that are not stored (given again on each start).
struct ClassSettings {
  std::optional<int> deadline;         // default deadline of rounds (default: the scenario's)
  std::optional<std::string> against;  // default agent spec (default: the scenario's per side)
};

// Limits on names.
inline constexpr std::size_t kMaxNameLength = 40;  // characters (Unicode code points)

struct Student {
  int id = 0;
  std::string name;
  std::string seat;
};

// One negotiation of the class with its live engine state.
struct ClassNegotiation {
  explicit ClassNegotiation(Scenario played) : scenario(std::move(played)) {}

  int id = 0;
  int round = 0;
  std::uint64_t seed = 0;
  std::array<std::optional<int>, kPartyCount> students;
  std::array<std::string, kPartyCount> specs;  // "human" for a student's side
  bool stopped = false;
  Scenario scenario;  // the class scenario with the round's deadline

  [[nodiscard]] const std::vector<Event>& events() const noexcept { return recorder.events(); }
  [[nodiscard]] const Negotiation& negotiation() const noexcept { return *engine; }
  // True while the negotiation runs and the teacher has not stopped it.
  [[nodiscard]] bool running() const noexcept { return !stopped && !engine->done(); }
  // The side of `student`, if they play in it.
  [[nodiscard]] std::optional<PartyIndex> side_of(int student) const noexcept;
  // The party that must act now, when a student must (nullopt when ended or stopped).
  [[nodiscard]] std::optional<PartyIndex> waiting_for() const noexcept;
  // "agreement", "walk_away", "deadline", "running" or "stopped".
  [[nodiscard]] std::string end_name() const;

  // Engine state (the agents must outlive the negotiation).
  std::array<std::unique_ptr<Agent>, kPartyCount> agents;
  std::array<agents::HumanAgent*, kPartyCount> people{nullptr, nullptr};
  TraceRecorder recorder;
  std::unique_ptr<Negotiation> engine;
};

struct ClassRound {
  int id = 0;
  Pairing pairing = Pairing::kStudents;
  int deadline = 1;
  bool swap = false;
  bool revealed = false;
  bool ended = false;
  std::vector<int> negotiations;  // ids
};

// A student's decision on their turn.
enum class StudentAction { kOffer, kAccept, kReject, kWalkAway };

class ClassRoom {
 public:
  // Opens the class of `store`: a new one (an empty file: the meta is written with `seed`, a new
  // code and secret) or an existing one, which must have been made for `scenario` (else
  // UserError naming the file and both scenarios). Existing negotiations are rebuilt by re-running
  // them (UserError when the recorded events do not replay).
  ClassRoom(ClassStore& store, const Scenario& scenario, std::uint64_t seed, ClassSettings settings,
            const agents::Registry& registry);
  ~ClassRoom();
  ClassRoom(const ClassRoom&) = delete;
  ClassRoom& operator=(const ClassRoom&) = delete;

  // [SECTION] Read access ----------------------------------------------------------------------
  [[nodiscard]] const Scenario& scenario() const noexcept { return scenario_; }
  [[nodiscard]] const ScenarioAnalysis& analysis() const noexcept { return analysis_; }
  [[nodiscard]] std::uint64_t seed() const noexcept { return meta_.seed; }
  [[nodiscard]] const std::string& code() const noexcept { return meta_.code; }
  [[nodiscard]] const std::string& teacher_token() const noexcept { return meta_.teacher_token; }
  [[nodiscard]] int default_deadline() const noexcept;
  [[nodiscard]] const std::vector<Student>& students() const noexcept { return students_; }
  [[nodiscard]] const std::vector<ClassRound>& rounds() const noexcept { return rounds_; }
  [[nodiscard]] const ClassNegotiation& negotiation(int id) const;
  [[nodiscard]] const std::vector<std::unique_ptr<ClassNegotiation>>& negotiations()
      const noexcept {
    return negotiations_;
  }
  // The student whose seat this is (constant-time comparison of tokens), or null.
  [[nodiscard]] const Student* student_by_seat(std::string_view seat) const noexcept;
  [[nodiscard]] const Student* student(int id) const noexcept;
  // True when `token` is the teacher's secret (constant-time comparison).
  [[nodiscard]] bool is_teacher(std::string_view token) const noexcept;
  // True when `code` is the join code (letters compared case-insensitively).
  [[nodiscard]] bool is_code(std::string_view code) const noexcept;
  // The latest round, or null before the first.
  [[nodiscard]] const ClassRound* current_round() const noexcept;
  // The student's negotiation in the latest round, or null.
  [[nodiscard]] const ClassNegotiation* current_negotiation(int student) const noexcept;
  // True while some negotiation of the latest round runs.
  [[nodiscard]] bool round_running() const noexcept;
  // The spec the agent plays on `party` in a round started with `against` (null: the class's).
  [[nodiscard]] Spec agent_spec(PartyIndex party, const std::optional<std::string>& against) const;
  // The agents a round may be played against on this scenario: every registered negotiator that
  // is not a person's and can play both sides with its defaults (name, one-line description).
  [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& agent_choices() const;
  // The agents-against-agents reference: the scenario's strategies on both sides, with the
  // deadline given, on the class seed (cached per deadline).
  [[nodiscard]] const Trace& reference(int deadline) const;
  // The negotiation's trace in the project's format (a student's side reads "human").
  [[nodiscard]] Trace trace(const ClassNegotiation& negotiation) const;

  // [SECTION] Changes (committed to the store before they return; ClassError when refused) -----
  // A new student in the lobby. 400: empty, too long or not valid UTF-8 / control characters;
  // 409: the name is taken.
  const Student& join(std::string_view name);
  // Starts a round. 409: no student yet, or the latest round still runs; 400: bad deadline or
  // agent spec.
  const ClassRound& start_round(const RoundRequest& request);
  // Ends the latest round: its running negotiations stop where they are. 409 without a round.
  const ClassRound& end_round();
  // Reveals the latest round. 409 while it runs or without a round.
  const ClassRound& reveal();
  // A student's decision in their current negotiation: 409 when they have none, it has ended,
  // or it is not their turn (or an offer is due where they answer, and so on); 400 for an
  // outcome not of the scenario (the caller parses it). Returns the negotiation.
  const ClassNegotiation& act(int student, StudentAction action, const Outcome* offer = nullptr);

  // Ids of students whose view changed since the last call, and whether the teacher's did
  // (for push notifications); cleared by the call.
  struct Changes {
    std::vector<int> students;
    bool everyone = false;
    bool teacher = false;
  };
  [[nodiscard]] Changes take_changes();

 private:
  void rebuild(const ClassSnapshot& snapshot);
  std::unique_ptr<ClassNegotiation> make_negotiation(
      int id, int round, int deadline, std::array<std::optional<int>, kPartyCount> students,
      std::array<std::string, kPartyCount> specs) const;
  // Steps the agents' sides until a student must act or the negotiation ends.
  static void run_agents(ClassNegotiation& negotiation);
  void touch(const ClassNegotiation& negotiation);
  void reload_negotiation(int id);

  ClassStore& store_;
  Scenario scenario_;
  ClassSettings settings_;
  const agents::Registry& registry_;
  ClassMeta meta_;
  ScenarioAnalysis analysis_;
  std::vector<Student> students_;
  std::vector<ClassRound> rounds_;
  std::vector<std::unique_ptr<ClassNegotiation>> negotiations_;  // index = id − 1
  mutable std::vector<std::pair<int, std::unique_ptr<Trace>>> references_;
  mutable std::optional<std::vector<std::pair<std::string, std::string>>> agent_choices_;
  Changes changes_;
};

// 32 hex digits from the operating system's random source (128 bits).
[[nodiscard]] std::string random_token();
// A join code of `length` letters without look-alikes (no O/0, I/1, S/5, Z/2, B/8).
[[nodiscard]] std::string random_code(std::size_t length = 5);
// Compares two strings in time that depends only on their lengths.
[[nodiscard]] bool constant_time_equal(std::string_view a, std::string_view b) noexcept;
// A name as stored: trimmed of spaces of every width; throws ClassError 400 when it is not
// valid UTF-8, shows nothing, is longer than kMaxNameLength code points, holds control or
// invisible characters (zero-width space, direction marks and overrides, line separators…), or
// stacks more than 4 combining marks on one letter.
[[nodiscard]] std::string clean_name(std::string_view name);

}  // namespace treatysim::server
