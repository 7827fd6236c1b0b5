#include "server/class_room.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <sys/random.h>

#include <boost/random/uniform_int_distribution.hpp>

#include "engine/model/random.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim::server {

namespace {

constexpr std::size_t kMaxStudents = 1000;
constexpr int kMaxDeadline = 1000;
constexpr const char* kPersonSpec = "human";

void fill_random(unsigned char* bytes, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t got = ::getrandom(bytes + done, size - done, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(std::string("getrandom failed: ") + std::strerror(errno));
    }
    done += static_cast<std::size_t>(got);
  }
}

char fold(char c) {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (fold(a[i]) != fold(b[i])) return false;
  }
  return true;
}

}  // namespace

// [SECTION] Helpers ------------------------------------------------------------------------------

std::string_view pairing_name(Pairing pairing) noexcept {
  switch (pairing) {
    case Pairing::kStudents:
      return "students";
    case Pairing::kAgents:
      return "agents";
    case Pairing::kMixed:
      return "mixed";
  }
  return "students";
}

std::optional<Pairing> parse_pairing(std::string_view text) noexcept {
  for (const Pairing p : {Pairing::kStudents, Pairing::kAgents, Pairing::kMixed}) {
    if (text == pairing_name(p)) return p;
  }
  return std::nullopt;
}

std::string random_token() {
  unsigned char bytes[16];
  fill_random(bytes, sizeof bytes);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token;
  for (const unsigned char b : bytes) {
    token += kHex[b >> 4U];
    token += kHex[b & 15U];
  }
  return token;
}

std::string random_code(std::size_t length) {
  // Capital letters without the look-alikes of digits and each other: O/0, I/1, S/5, Z/2, B/8.
  static constexpr std::string_view kLetters = "ACDEFGHJKLMNPQRTUVWXY";
  std::string code;
  while (code.size() < length) {
    unsigned char byte = 0;
    fill_random(&byte, 1);
    // Rejection sampling: 252 = 12·21 keeps every letter equally likely.
    if (byte >= 252) continue;
    code += kLetters[byte % kLetters.size()];
  }
  return code;
}

bool constant_time_equal(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return difference == 0;
}

namespace {

// One code point of a name and where it starts.
struct CodePoint {
  std::uint32_t code = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The code points of `text`; ClassError 400 when it is not valid UTF-8 (overlong forms,
// surrogates and values past U+10FFFF included).
std::vector<CodePoint> decode_utf8(std::string_view text) {
  std::vector<CodePoint> points;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    std::uint32_t code = 0;
    if (lead < 0x80) {
      length = 1;
      code = lead;
    } else if ((lead & 0xE0U) == 0xC0U) {
      length = 2;
      code = lead & 0x1FU;
    } else if ((lead & 0xF0U) == 0xE0U) {
      length = 3;
      code = lead & 0x0FU;
    } else if ((lead & 0xF8U) == 0xF0U) {
      length = 4;
      code = lead & 0x07U;
    } else {
      throw ClassError(400, "name: not valid UTF-8 text");
    }
    if (i + length > text.size()) throw ClassError(400, "name: not valid UTF-8 text");
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0U) != 0x80U) throw ClassError(400, "name: not valid UTF-8 text");
      code = (code << 6U) | (next & 0x3FU);
    }
    const bool overlong = (length == 2 && code < 0x80) || (length == 3 && code < 0x800) ||
                          (length == 4 && code < 0x10000);
    if (overlong || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      throw ClassError(400, "name: not valid UTF-8 text");
    }
    points.push_back({code, i, i + length});
    i += length;
  }
  return points;
}

bool in(std::uint32_t code, std::uint32_t first, std::uint32_t last) {
  return code >= first && code <= last;
}

// Spaces of every width (trimmed from both ends).
bool is_space(std::uint32_t c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xA0 || c == 0x1680 ||
         in(c, 0x2000, 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
}

// Marks that stack on the character before them (the combining blocks: diacritics, their
// extensions and supplements, marks for symbols, half marks).
bool is_combining(std::uint32_t c) {
  return in(c, 0x0300, 0x036F) || in(c, 0x0483, 0x0489) || in(c, 0x1AB0, 0x1AFF) ||
         in(c, 0x1DC0, 0x1DFF) || in(c, 0x20D0, 0x20FF) || in(c, 0xFE20, 0xFE2F);
}

// Characters that would make a name lie about itself or break the page around it: control
// characters, invisible ones (zero-width space, word joiner, byte-order mark), direction marks,
// overrides and isolates, line and paragraph separators, noncharacters. ZWNJ and ZWJ stay
// (Persian and Indic spelling, emoji sequences), as do variation selectors.
bool is_refused(std::uint32_t c) {
  return c < 0x20 || in(c, 0x7F, 0x9F) || c == 0x200B || in(c, 0x200E, 0x200F) ||
         in(c, 0x2028, 0x202E) || in(c, 0x2060, 0x2064) || in(c, 0x2066, 0x206F) || c == 0xFEFF ||
         in(c, 0xFFF9, 0xFFFB) || in(c, 0xFDD0, 0xFDEF) || (c & 0xFFFEU) == 0xFFFEU;
}

// Shows nothing on its own.
bool is_invisible(std::uint32_t c) {
  return is_space(c) || is_combining(c) || c == 0x200C || c == 0x200D || in(c, 0xFE00, 0xFE0F) ||
         in(c, 0xE0000, 0xE007F);
}

constexpr int kMaxStackedMarks = 4;  // Vietnamese needs 2; "Zalgo" text stacks dozens

}  // namespace

std::string clean_name(std::string_view name) {
  const std::vector<CodePoint> all = decode_utf8(name);
  std::size_t first = 0;
  std::size_t last = all.size();
  while (first < last && is_space(all[first].code)) ++first;
  while (last > first && is_space(all[last - 1].code)) --last;
  if (first == last) throw ClassError(400, "name: enter your name");
  int stacked = 0;
  bool visible = false;
  for (std::size_t k = first; k < last; ++k) {
    const std::uint32_t c = all[k].code;
    if (is_refused(c)) {
      throw ClassError(400, "name: control and invisible characters are not allowed");
    }
    stacked = is_combining(c) ? stacked + 1 : 0;
    if (stacked > kMaxStackedMarks) {
      throw ClassError(
          400, "name: at most " + std::to_string(kMaxStackedMarks) + " accents on one letter");
    }
    visible = visible || !is_invisible(c);
  }
  if (!visible) throw ClassError(400, "name: enter your name (it shows nothing)");
  const std::size_t characters = last - first;
  if (characters > kMaxNameLength) {
    throw ClassError(400, "name: at most " + std::to_string(kMaxNameLength) + " characters (got " +
                              std::to_string(characters) + ")");
  }
  return std::string(name.substr(all[first].begin, all[last - 1].end - all[first].begin));
}

// [SECTION] ClassNegotiation ------------------------------------------------------------------------

std::optional<PartyIndex> ClassNegotiation::side_of(int student) const noexcept {
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    if (students[p] == student) return p;
  }
  return std::nullopt;
}

std::optional<PartyIndex> ClassNegotiation::waiting_for() const noexcept {
  if (!running()) return std::nullopt;
  return engine->next_actor();
}

std::string ClassNegotiation::end_name() const {
  if (engine->done()) return std::string(negotiation_end_name(engine->result().end));
  return stopped ? "stopped" : "running";
}

// [SECTION] ClassRoom ------------------------------------------------------------------------------

ClassRoom::ClassRoom(ClassStore& store, const Scenario& scenario, std::uint64_t seed,
                     ClassSettings settings, const agents::Registry& registry)
    : store_(store), scenario_(scenario), settings_(std::move(settings)), registry_(registry) {
  if (settings_.deadline) {
    try {
      static_cast<void>(scenario_.with_deadline(*settings_.deadline));
    } catch (const UserError& e) {
      throw UserError("--deadline: " + e.message());
    }
  }
  if (settings_.against) static_cast<void>(agent_spec(0, std::nullopt));
  ClassSnapshot snapshot;
  if (store_.empty()) {
    meta_ = {
        scenario_.id(), scenario_.content_hash(), to_toml(scenario_.def()), seed, random_code(),
        random_token()};
    store_.initialise(meta_);
  } else {
    snapshot = store_.load();
    meta_ = snapshot.meta;
    if (meta_.scenario_hash != scenario_.content_hash()) {
      throw UserError(SourceLocation{store_.path(), 0, 0}, "",
                      "this class database was made for scenario \"" + meta_.scenario_id +
                          "\" (content hash " + meta_.scenario_hash + "), not for \"" +
                          scenario_.id() + "\" (content hash " + scenario_.content_hash() +
                          "): give the scenario it was made for, or another --db");
    }
  }
  analysis_ = analyze_scenario(scenario_);
  rebuild(snapshot);
}

ClassRoom::~ClassRoom() = default;

int ClassRoom::default_deadline() const noexcept {
  return settings_.deadline.value_or(scenario_.protocol().deadline);
}

Spec ClassRoom::agent_spec(PartyIndex party, const std::optional<std::string>& against) const {
  const std::optional<std::string>& text = against ? against : settings_.against;
  const std::string where = against ? "against" : (settings_.against ? "--against" : "");
  if (!text) return parse_spec(scenario_.party(party).agent);
  Spec spec;
  try {
    spec = parse_spec(*text);
    if (registry_.traits(spec).interactive) {
      throw UserError("the opponent must be an agent, not \"" + spec.name + "\"");
    }
    for (PartyIndex p = 0; p < kPartyCount; ++p) registry_.check(spec, scenario_, p);
  } catch (const UserError& e) {
    throw UserError(where + ": " + e.message());
  }
  return spec;
}

std::unique_ptr<ClassNegotiation> ClassRoom::make_negotiation(
    int id, int round, int deadline, std::array<std::optional<int>, kPartyCount> students,
    std::array<std::string, kPartyCount> specs) const {
  auto n = std::make_unique<ClassNegotiation>(scenario_.with_deadline(deadline));
  n->id = id;
  n->round = round;
  n->seed = derive_seed(meta_.seed, "class-negotiation", static_cast<std::uint64_t>(id));
  n->students = students;
  n->specs = std::move(specs);
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    if (n->specs[p] == kPersonSpec) {
      auto person = std::make_unique<agents::HumanAgent>();
      n->people[p] = person.get();
      n->agents[p] = std::move(person);
    } else {
      n->agents[p] = registry_.create(parse_spec(n->specs[p]));
    }
  }
  n->engine = std::make_unique<Negotiation>(
      n->scenario, std::array<Agent*, kPartyCount>{n->agents[0].get(), n->agents[1].get()}, n->seed,
      &n->recorder);
  return n;
}

void ClassRoom::run_agents(ClassNegotiation& n) {
  while (!n.engine->done() && n.people[n.engine->next_actor()] == nullptr) n.engine->step();
}

namespace {

// Re-runs `stored`'s events on a fresh negotiation: the students' decisions are fed, the agents
// decide again and must decide as recorded.
void replay(ClassNegotiation& n, const StoredNegotiation& stored, const std::string& file) {
  const std::string where = "negotiation " + std::to_string(stored.id);
  for (std::size_t k = 0; k < stored.events.size(); ++k) {
    const Event& recorded = stored.events[k];
    if (n.engine->done()) {
      throw UserError(SourceLocation{file, 0, 0}, "",
                      where + " has events after its end (event " + std::to_string(k) + ")");
    }
    if (recorded.outcome.size() != n.scenario.space().issue_count()) {
      throw UserError(SourceLocation{file, 0, 0}, "",
                      where + ", event " + std::to_string(k) + ": an outcome of " +
                          std::to_string(recorded.outcome.size()) + " issues");
    }
    for (std::size_t i = 0; i < recorded.outcome.size(); ++i) {
      if (static_cast<std::size_t>(recorded.outcome[i]) >=
          n.scenario.space().issue(i).options.size()) {
        throw UserError(SourceLocation{file, 0, 0}, "",
                        where + ", event " + std::to_string(k) + ": option out of range");
      }
    }
    agents::HumanAgent* person = n.people[n.engine->next_actor()];
    if (person != nullptr) {
      try {
        agents::feed_recorded_decision(*person, *n.engine, recorded, k);
      } catch (const UserError& e) {
        throw UserError(SourceLocation{file, 0, 0}, "", where + ": " + e.message());
      }
    }
    n.engine->step();
    if (!(n.recorder.events().back() == recorded)) {
      throw UserError(SourceLocation{file, 0, 0}, "",
                      where + ", event " + std::to_string(k) +
                          ": the agent decides otherwise than recorded (a database of another "
                          "program version?)");
    }
  }
  n.stopped = stored.stopped;
}

}  // namespace

void ClassRoom::rebuild(const ClassSnapshot& snapshot) {
  for (const StoredStudent& s : snapshot.students) {
    if (s.id != static_cast<int>(students_.size()) + 1) {
      throw UserError(SourceLocation{store_.path(), 0, 0}, "students",
                      "student ids must be 1, 2, 3…; got " + std::to_string(s.id));
    }
    students_.push_back({s.id, s.name, s.seat});
  }
  for (const StoredRound& r : snapshot.rounds) {
    const auto pairing = parse_pairing(r.pairing);
    if (!pairing || r.id != static_cast<int>(rounds_.size()) + 1 || r.deadline < 1) {
      throw UserError(SourceLocation{store_.path(), 0, 0}, "rounds",
                      "malformed round " + std::to_string(r.id));
    }
    rounds_.push_back({r.id, *pairing, r.deadline, r.swap, r.revealed, r.ended, {}});
  }
  for (const StoredNegotiation& stored : snapshot.negotiations) {
    const bool bad_round = stored.round < 1 || stored.round > static_cast<int>(rounds_.size());
    if (bad_round || stored.id != static_cast<int>(negotiations_.size()) + 1) {
      throw UserError(SourceLocation{store_.path(), 0, 0}, "negotiations",
                      "malformed negotiation " + std::to_string(stored.id));
    }
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      const bool person = stored.specs[p] == kPersonSpec;
      if (person != stored.students[p].has_value() ||
          (person && student(*stored.students[p]) == nullptr)) {
        throw UserError(SourceLocation{store_.path(), 0, 0}, "negotiations",
                        "negotiation " + std::to_string(stored.id) + ": side " + std::to_string(p) +
                            " has no valid player");
      }
    }
    ClassRound& round = rounds_[static_cast<std::size_t>(stored.round - 1)];
    std::unique_ptr<ClassNegotiation> n;
    try {
      n = make_negotiation(stored.id, stored.round, round.deadline, stored.students, stored.specs);
    } catch (const UserError& e) {
      throw UserError(SourceLocation{store_.path(), 0, 0}, "negotiations",
                      "negotiation " + std::to_string(stored.id) + ": " + e.message());
    }
    replay(*n, stored, store_.path());
    // A negotiation always waits for a student when saved; should an agent be due (a file from
    // an older run), let it act and record that.
    const std::size_t before = n->events().size();
    if (!n->stopped) run_agents(*n);
    if (n->events().size() > before) {
      store_.append_events(
          n->id, before,
          std::vector<Event>(n->events().begin() + static_cast<long>(before), n->events().end()));
    }
    round.negotiations.push_back(n->id);
    negotiations_.push_back(std::move(n));
  }
}

void ClassRoom::reload_negotiation(int id) {
  const ClassSnapshot snapshot = store_.load();
  const StoredNegotiation& stored = snapshot.negotiations.at(static_cast<std::size_t>(id - 1));
  auto& slot = negotiations_[static_cast<std::size_t>(id - 1)];
  auto n = make_negotiation(stored.id, stored.round,
                            rounds_[static_cast<std::size_t>(stored.round - 1)].deadline,
                            stored.students, stored.specs);
  replay(*n, stored, store_.path());
  slot = std::move(n);
}

const ClassNegotiation& ClassRoom::negotiation(int id) const {
  if (id < 1 || id > static_cast<int>(negotiations_.size())) {
    throw ClassError(404, "no negotiation " + std::to_string(id));
  }
  return *negotiations_[static_cast<std::size_t>(id - 1)];
}

const Student* ClassRoom::student_by_seat(std::string_view seat) const noexcept {
  const Student* found = nullptr;
  for (const Student& s : students_) {
    if (constant_time_equal(s.seat, seat)) found = &s;
  }
  return found;
}

const Student* ClassRoom::student(int id) const noexcept {
  if (id < 1 || id > static_cast<int>(students_.size())) return nullptr;
  return &students_[static_cast<std::size_t>(id - 1)];
}

bool ClassRoom::is_teacher(std::string_view token) const noexcept {
  return constant_time_equal(meta_.teacher_token, token);
}

bool ClassRoom::is_code(std::string_view code) const noexcept {
  std::string upper(code);
  for (char& c : upper) c = fold(c);
  return constant_time_equal(meta_.code, upper);
}

const ClassRound* ClassRoom::current_round() const noexcept {
  return rounds_.empty() ? nullptr : &rounds_.back();
}

const ClassNegotiation* ClassRoom::current_negotiation(int student) const noexcept {
  const ClassRound* round = current_round();
  if (round == nullptr) return nullptr;
  for (const int id : round->negotiations) {
    const ClassNegotiation& n = *negotiations_[static_cast<std::size_t>(id - 1)];
    if (n.side_of(student)) return &n;
  }
  return nullptr;
}

bool ClassRoom::round_running() const noexcept {
  const ClassRound* round = current_round();
  if (round == nullptr) return false;
  return std::any_of(round->negotiations.begin(), round->negotiations.end(), [&](int id) {
    return negotiations_[static_cast<std::size_t>(id - 1)]->running();
  });
}

const std::vector<std::pair<std::string, std::string>>& ClassRoom::agent_choices() const {
  if (agent_choices_) return *agent_choices_;
  agent_choices_.emplace();
  for (const agents::StrategyInfo& info : registry_.entries()) {
    if (info.kind != agents::ComponentKind::kNegotiator || info.traits.interactive) continue;
    try {
      const Spec spec = parse_spec(info.name);
      for (PartyIndex p = 0; p < kPartyCount; ++p) registry_.check(spec, scenario_, p);
    } catch (const UserError&) {
      continue;  // needs parameters (a script file…) or cannot play this scenario
    }
    agent_choices_->emplace_back(info.name, info.description);
  }
  return *agent_choices_;
}

const Trace& ClassRoom::reference(int deadline) const {
  for (const auto& [d, trace] : references_) {
    if (d == deadline) return *trace;
  }
  const std::array<Spec, kPartyCount> specs{parse_spec(scenario_.party(0).agent),
                                            parse_spec(scenario_.party(1).agent)};
  auto trace =
      std::make_unique<Trace>(run_traced(scenario_.with_deadline(deadline), specs,
                                         derive_seed(meta_.seed, "class-reference", 0), registry_));
  references_.emplace_back(deadline, std::move(trace));
  return *references_.back().second;
}

Trace ClassRoom::trace(const ClassNegotiation& n) const {
  Trace trace{n.scenario, n.seed, n.specs, n.events(), n.engine->result()};
  if (!n.engine->done()) {
    trace.result.offers =
        static_cast<int>(std::count_if(trace.events.begin(), trace.events.end(),
                                       [](const Event& e) { return e.kind == EventKind::kOffer; }));
  }
  return trace;
}

// [SECTION] Changes --------------------------------------------------------------------------------

const Student& ClassRoom::join(std::string_view name) {
  const std::string clean = clean_name(name);
  for (const Student& s : students_) {
    if (same_name(s.name, clean)) {
      throw ClassError(409, "the name \"" + clean + "\" is taken: add an initial");
    }
  }
  if (students_.size() >= kMaxStudents) {
    throw ClassError(409, "the class is full (" + std::to_string(kMaxStudents) + " students)");
  }
  Student student{static_cast<int>(students_.size()) + 1, clean, random_token()};
  store_.add_student({student.id, student.name, student.seat});
  students_.push_back(std::move(student));
  changes_.teacher = true;
  return students_.back();
}

const ClassRound& ClassRoom::start_round(const RoundRequest& request) {
  if (round_running()) {
    throw ClassError(409,
                     "round " + std::to_string(rounds_.size()) + " is still running: end it first");
  }
  if (students_.empty()) throw ClassError(409, "no student has joined yet");
  const int deadline = request.deadline.value_or(default_deadline());
  if (deadline < 1 || deadline > kMaxDeadline) {
    throw ClassError(400, "deadline: expected a number of offers from 1 to " +
                              std::to_string(kMaxDeadline) + ", got " + std::to_string(deadline));
  }
  std::array<Spec, kPartyCount> agent_specs;
  try {
    for (PartyIndex p = 0; p < kPartyCount; ++p) agent_specs[p] = agent_spec(p, request.against);
  } catch (const UserError& e) {
    throw ClassError(400, e.message());
  }
  const int round_id = static_cast<int>(rounds_.size()) + 1;

  // The students in a shuffled order (Fisher–Yates on the round's own stream).
  std::vector<int> order;
  for (const Student& s : students_) order.push_back(s.id);
  Rng rng(derive_seed(meta_.seed, "class-pairing", static_cast<std::uint64_t>(round_id)));
  for (std::size_t i = order.size(); i > 1; --i) {
    boost::random::uniform_int_distribution<std::size_t> pick(0, i - 1);
    std::swap(order[i - 1], order[pick(rng)]);
  }
  // Sides: with swap, the side opposite to the student's last one; the others fill the smaller
  // side, so that the sides are as even as they can be.
  std::array<std::vector<int>, kPartyCount> sides;
  std::vector<int> free;
  for (const int id : order) {
    std::optional<PartyIndex> last;
    if (request.swap) {
      for (auto it = negotiations_.rbegin(); it != negotiations_.rend() && !last; ++it) {
        last = (*it)->side_of(id);
      }
    }
    if (last) {
      sides[other_party(*last)].push_back(id);
    } else {
      free.push_back(id);
    }
  }
  for (const int id : free) sides[sides[0].size() <= sides[1].size() ? 0 : 1].push_back(id);

  const std::size_t n = students_.size();
  std::size_t pairs = std::min(sides[0].size(), sides[1].size());
  if (request.pairing == Pairing::kAgents) pairs = 0;
  if (request.pairing == Pairing::kMixed) pairs = std::min(pairs, (n + 3) / 4);

  std::vector<std::unique_ptr<ClassNegotiation>> created;
  std::vector<StoredNegotiation> stored;
  int next_id = static_cast<int>(negotiations_.size()) + 1;
  const auto add = [&](std::optional<int> a, std::optional<int> b) {
    std::array<std::optional<int>, kPartyCount> players{a, b};
    std::array<std::string, kPartyCount> specs;
    for (PartyIndex p = 0; p < kPartyCount; ++p)
      specs[p] = players[p] ? kPersonSpec : agent_specs[p].to_string();
    auto negotiation = make_negotiation(next_id++, round_id, deadline, players, specs);
    run_agents(*negotiation);
    stored.push_back({negotiation->id, round_id, negotiation->seed, players, specs, false,
                      negotiation->events()});
    created.push_back(std::move(negotiation));
  };
  for (std::size_t i = 0; i < pairs; ++i) add(sides[0][i], sides[1][i]);
  for (std::size_t i = pairs; i < sides[0].size(); ++i) add(sides[0][i], std::nullopt);
  for (std::size_t i = pairs; i < sides[1].size(); ++i) add(std::nullopt, sides[1][i]);

  ClassRound round{round_id, request.pairing, deadline, request.swap, false, false, {}};
  store_.add_round(
      {round.id, std::string(pairing_name(round.pairing)), deadline, round.swap, false, false},
      stored);
  for (auto& negotiation : created) {
    round.negotiations.push_back(negotiation->id);
    negotiations_.push_back(std::move(negotiation));
  }
  rounds_.push_back(std::move(round));
  changes_.everyone = true;
  changes_.teacher = true;
  return rounds_.back();
}

const ClassRound& ClassRoom::end_round() {
  if (rounds_.empty()) throw ClassError(409, "no round has started");
  ClassRound& round = rounds_.back();
  if (round.ended) {
    throw ClassError(409, "round " + std::to_string(round.id) + " has already been ended");
  }
  std::vector<int> stopped;
  for (const int id : round.negotiations) {
    if (negotiations_[static_cast<std::size_t>(id - 1)]->running()) stopped.push_back(id);
  }
  store_.end_round(round.id, stopped);
  round.ended = true;
  for (const int id : stopped) negotiations_[static_cast<std::size_t>(id - 1)]->stopped = true;
  changes_.everyone = true;
  changes_.teacher = true;
  return round;
}

const ClassRound& ClassRoom::reveal() {
  if (rounds_.empty()) throw ClassError(409, "no round has started");
  ClassRound& round = rounds_.back();
  if (round_running()) {
    throw ClassError(409, "round " + std::to_string(round.id) +
                              " is still running: end it first, or wait until every pair is done");
  }
  if (!round.revealed) {
    store_.set_revealed(round.id);
    round.revealed = true;
    changes_.everyone = true;
    changes_.teacher = true;
  }
  return round;
}

const ClassNegotiation& ClassRoom::act(int student_id, StudentAction action, const Outcome* offer) {
  const ClassNegotiation* current = current_negotiation(student_id);
  if (current == nullptr) {
    throw ClassError(409, "you are not in a negotiation: wait for the teacher to start a round");
  }
  ClassNegotiation& n = *negotiations_[static_cast<std::size_t>(current->id - 1)];
  if (n.stopped) throw ClassError(409, "the teacher has ended this round");
  if (n.engine->done()) throw ClassError(409, "the negotiation has ended");
  const PartyIndex party = *n.side_of(student_id);
  Negotiation& engine = *n.engine;
  if (engine.next_actor() != party) {
    throw ClassError(
        409, "it is not your turn: waiting for " + n.scenario.party(other_party(party)).name);
  }
  agents::HumanAgent& person = *n.people[party];
  const bool answering = engine.awaiting_response();
  const bool last = engine.offer_index() + 1 >= n.scenario.protocol().deadline;
  switch (action) {
    case StudentAction::kOffer:
      if (offer == nullptr || offer->size() != n.scenario.space().issue_count()) {
        throw ClassError(400, "outcome: an option for every issue is needed");
      }
      if (answering && last) {
        throw ClassError(409, "this is the last offer: accept it, reject it or walk away");
      }
      break;
    case StudentAction::kAccept:
    case StudentAction::kWalkAway:
      if (!answering) throw ClassError(409, "there is no offer to answer: make an offer");
      break;
    case StudentAction::kReject:
      if (!answering) throw ClassError(409, "there is no offer to answer: make an offer");
      if (!last) {
        throw ClassError(409,
                         "make a counter-offer instead: an offer on your turn rejects the "
                         "pending one (only the last offer is rejected on its own)");
      }
      break;
  }

  const std::size_t before = n.events().size();
  switch (action) {
    case StudentAction::kOffer:
      if (answering) {
        person.set_response(Response::kReject);
        engine.step();
      }
      person.set_offer(*offer);
      engine.step();
      break;
    case StudentAction::kAccept:
      person.set_response(Response::kAccept);
      engine.step();
      break;
    case StudentAction::kReject:
      person.set_response(Response::kReject);
      engine.step();
      break;
    case StudentAction::kWalkAway:
      person.set_response(Response::kWalkAway);
      engine.step();
      break;
  }
  run_agents(n);
  const std::vector<Event> added(n.events().begin() + static_cast<long>(before), n.events().end());
  try {
    store_.append_events(n.id, before, added);
  } catch (const UserError& e) {
    reload_negotiation(n.id);  // back to what the database holds
    throw ClassError(503, "the class database could not be written: " + e.message());
  }
  touch(n);
  return n;
}

void ClassRoom::touch(const ClassNegotiation& n) {
  for (const auto& s : n.students) {
    if (s) changes_.students.push_back(*s);
  }
  changes_.teacher = true;
}

ClassRoom::Changes ClassRoom::take_changes() {
  Changes changes = std::move(changes_);
  changes_ = {};
  return changes;
}

}  // namespace treatysim::server
