// scenario.hpp — an immutable, validated negotiation scenario.
//
// A scenario is built once from a ScenarioDef (a plain struct: fill it in, or load it from a
// TOML file with scenario_toml.hpp) and validated at that edge; afterwards it never changes
// and is cheap to copy (the data is shared). Each party's utility is precomputed; the sorted
// utility index is built on first use, thread-safely.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/lifecycle_def.hpp"
#include "engine/model/outcome_space.hpp"
#include "engine/model/preferences.hpp"
#include "engine/model/reservation.hpp"

namespace treatysim {

class UtilityIndex;
class UtilityLevels;

// A party index: 0 or 1, in the order the scenario file lists the parties.
using PartyIndex = std::size_t;
inline constexpr std::size_t kPartyCount = 2;
[[nodiscard]] constexpr PartyIndex other_party(PartyIndex party) noexcept {
  return 1 - party;
}

// What the agents may know of each other.
enum class Information {
  kPrivate,   // each agent sees only its own preferences
  kComplete,  // each agent also sees the opponent's preferences
};

// The longest deadline a scenario may have (offers): every reader of a deadline (scenario and
// tournament files, GENIUS import, summary.json, command-line flags) refuses more.
inline constexpr int kMaxDeadline = 1'000'000;

// The alternating-offers protocol's settings.
struct ProtocolDef {
  int deadline = 100;          // number of offers, ≥ 1 (offer indices 0 … deadline−1)
  PartyIndex first_mover = 0;  // the party that makes offer 0
  Information information = Information::kPrivate;

  friend bool operator==(const ProtocolDef&, const ProtocolDef&) = default;
};

struct PartyDef {
  std::string id;    // short id used in files and output, e.g. "us"
  std::string name;  // display name, e.g. "United States"
  Preferences preferences;
  std::string agent;  // default strategy spec, e.g. "boulware(e=0.2)"
  // Set when the reservation value is drawn per negotiation (reservation.hpp); then
  // preferences.reservation_value holds the distribution's mean (Scenario::create sets it).
  std::optional<ReservationDistribution> reservation_distribution;

  friend bool operator==(const PartyDef&, const PartyDef&) = default;
};

// Everything a scenario is made of, as plain data. Scenario::create validates it.
struct ScenarioDef {
  std::string id;
  std::string title;
  std::string description;
  ProtocolDef protocol;
  std::vector<Issue> issues;
  std::array<PartyDef, kPartyCount> parties;
  // The treaty lifecycle ([treaty] and the sections that go with it); absent for a scenario that
  // only describes one negotiation.
  std::optional<LifecycleDef> lifecycle;

  friend bool operator==(const ScenarioDef&, const ScenarioDef&) = default;
};

class Scenario {
 public:
  // Validates `def` (throws UserError naming the key and what was expected) and builds the
  // scenario. The TOML loader reports the same problems with file and line first.
  [[nodiscard]] static Scenario create(ScenarioDef def);

  [[nodiscard]] const ScenarioDef& def() const noexcept;
  [[nodiscard]] const std::string& id() const noexcept { return def().id; }
  [[nodiscard]] const std::string& title() const noexcept { return def().title; }
  [[nodiscard]] const ProtocolDef& protocol() const noexcept { return def().protocol; }
  [[nodiscard]] const OutcomeSpace& space() const noexcept;
  [[nodiscard]] const PartyDef& party(PartyIndex party) const noexcept {
    return def().parties[party];
  }
  // Index of the party with this id, or kPartyCount when there is none.
  [[nodiscard]] PartyIndex find_party(const std::string& party_id) const noexcept;
  [[nodiscard]] const UtilityFunction& utility(PartyIndex party) const noexcept;
  // The party's outcomes sorted by its utility. Throws UserError when the space has more than
  // kMaxEnumerableOutcomes outcomes, with `needed_by` in the message.
  [[nodiscard]] const UtilityIndex& utility_index(PartyIndex party,
                                                  const std::string& needed_by) const;
  // "An outcome of my utility near t" for spaces too large for utility_index (built on first
  // use, thread-safely; utility_levels.hpp). Works on any space.
  [[nodiscard]] const UtilityLevels& utility_levels(PartyIndex party) const;

  // FNV-1a 64 of the canonical TOML text (to_toml), as 16 hex digits: identifies the content.
  [[nodiscard]] const std::string& content_hash() const noexcept;

  // A copy with another deadline (validated like the file value).
  [[nodiscard]] Scenario with_deadline(int deadline) const;

 private:
  struct Data;
  explicit Scenario(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  std::shared_ptr<const Data> data_;
};

// The longest id (scenario, issue, party and option ids; docs/reliability.md): ids are repeated
// in every row of a tournament's files and every offer of a trace.
inline constexpr std::size_t kMaxIdLength = 128;

// True for ids of 1 to kMaxIdLength letters, digits, '_' and '-' (scenario, issue and party
// ids): they are written as bare TOML keys.
[[nodiscard]] bool is_valid_id(const std::string& text) noexcept;

// Why `text` is not a valid id, as the message after the key ("expected a non-empty id of
// letters, digits, '_' or '-', got \"y axis\"", "expected an id of at most 128 characters, got
// 300"); empty when it is valid.
[[nodiscard]] std::string id_problem(const std::string& text);

// The problems of a ScenarioDef, first one thrown as UserError (key + message, no file).
void validate_scenario_def(const ScenarioDef& def);

// "S0 basic research only / IP1 …"-style text with option labels: "scope: S0 (basic …)".
[[nodiscard]] std::string describe_outcome(const Scenario& scenario, const Outcome& outcome);

// "too large to enumerate" message for a space (used where enumeration is required).
[[nodiscard]] std::string too_large_message(const OutcomeSpace& space,
                                            const std::string& needed_by);

}  // namespace treatysim
