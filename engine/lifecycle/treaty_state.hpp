// treaty_state.hpp — the treaty's states and the one table of legal transitions.
//
//   in_force       the clauses apply (the starting state, and after a renewal or amendment's term
//                  is running it is reported as renewed/amended)
//   renegotiating  still in force while talks for the next term run before expiry
//   extended       temporarily extended past expiry while talks continue
//   lapsed         not in force; talks may continue for a while
//   renewed        in force again with the same clauses
//   amended        in force with new clauses (possibly effective from a date before signing)
//   terminated     ended for good (absorbing)
//
// Legal transitions (every other is impossible: transition() refuses it):
//   in_force, renewed, amended → renegotiating, lapsed (forced), terminated
//   renegotiating, extended    → renewed, amended, extended, lapsed, terminated
//   lapsed                     → renewed, amended, terminated
//   terminated                 → (none)
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace treatysim {

enum class TreatyState : unsigned char {
  kInForce,
  kRenegotiating,
  kExtended,
  kLapsed,
  kRenewed,
  kAmended,
  kTerminated,
};

inline constexpr std::array<TreatyState, 7> kAllTreatyStates{
    TreatyState::kInForce,   TreatyState::kRenegotiating, TreatyState::kExtended,
    TreatyState::kLapsed,    TreatyState::kRenewed,       TreatyState::kAmended,
    TreatyState::kTerminated};

// "in_force", "renegotiating", "extended", "lapsed", "renewed", "amended", "terminated": the name
// in files (traces, CSV, JSON).
[[nodiscard]] std::string_view treaty_state_name(TreatyState state) noexcept;
// The short label for people (timelines, narration): "in force", "talks", "extended", "lapsed",
// "renewed", "amended", "terminated".
[[nodiscard]] std::string_view treaty_state_label(TreatyState state) noexcept;
[[nodiscard]] std::optional<TreatyState> parse_treaty_state(std::string_view name) noexcept;

// True when the transition from → to is in the table above.
[[nodiscard]] bool legal_transition(TreatyState from, TreatyState to) noexcept;

// True when the clauses apply in this state (in force, renegotiating, extended, renewed, amended).
[[nodiscard]] bool clauses_apply(TreatyState state) noexcept;

}  // namespace treatysim
