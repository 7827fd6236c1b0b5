// visibility.hpp — whose values (utilities, reservation values, what an option is worth) the
// window may show, by mode, the scenario's information and the phase of human play.
//
// Under private information (protocol.information = "private") each side knows only its own
// preferences. In Play mode the window is the player's own screen, so it keeps that rule:
//
//   mode        information  phase                         values shown
//   Play        private      no side picked yet            neither side's
//   Play        private      negotiating                   the player's own only
//   Play        private      ended                         both (the debrief)
//   Play        complete     any                           both
//   Play        any          a saved trace is replayed     both
//   Simulate, Edit, Replay, Tournament: any                 both (an observer's view)
//
// Every panel asks value_visibility (through AppContext) before it draws a value: the outcome
// space, the clause board, the narration, the utilities over rounds, the offer builder and the
// end-of-game summary. Pure logic, unit-tested for every mode × information × phase.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "engine/model/scenario.hpp"
#include "gui/logic/layout.hpp"  // Mode

namespace treatysim::gui {

/// Where a game of human play stands.
enum class PlayPhase : std::uint8_t {
  kChoosingSide,  ///< No side picked yet (the side picker is shown).
  kNegotiating,   ///< The person plays a side and the negotiation runs.
  kEnded,         ///< The negotiation ended (agreement, walk-away or deadline).
  kReplay,        ///< A saved negotiation is being replayed.
};

/// The phase from the session's state: `human` (the person's side, if any), whether a trace is
/// being replayed, whether the negotiation has ended.
[[nodiscard]] PlayPhase play_phase(std::optional<PartyIndex> human, bool replaying,
                                   bool ended) noexcept;

/// Whose values may be shown.
struct ValueVisibility {
  std::array<bool, kPartyCount> shown{true, true};  ///< Per party: may its values be shown?
  /// True after a game under private information ended: both are shown, having been hidden.
  bool debrief = false;

  /// Both sides' values (the default).
  [[nodiscard]] static constexpr ValueVisibility all() noexcept { return {}; }
  /// `party`'s values only.
  [[nodiscard]] static constexpr ValueVisibility own(PartyIndex party) noexcept {
    ValueVisibility v;
    v.shown = {party == 0, party == 1};
    return v;
  }
  /// Neither side's values.
  [[nodiscard]] static constexpr ValueVisibility none() noexcept {
    ValueVisibility v;
    v.shown = {false, false};
    return v;
  }
  /// Whether `party`'s values may be shown.
  [[nodiscard]] constexpr bool shows(PartyIndex party) const noexcept {
    return party < kPartyCount && shown[party];
  }
  /// Whether both sides' values may be shown.
  [[nodiscard]] constexpr bool shows_all() const noexcept { return shown[0] && shown[1]; }
  /// Whether no values at all may be shown.
  [[nodiscard]] constexpr bool shows_none() const noexcept { return !shown[0] && !shown[1]; }
  /// The one party whose values alone are shown, or nullopt (both or neither).
  [[nodiscard]] constexpr std::optional<PartyIndex> only() const noexcept {
    if (shown[0] == shown[1]) return std::nullopt;
    return shown[0] ? PartyIndex{0} : PartyIndex{1};
  }
  friend constexpr bool operator==(const ValueVisibility&, const ValueVisibility&) = default;
};

/// The rule of the table above. `you` is the person's side (used in kNegotiating).
[[nodiscard]] ValueVisibility value_visibility(Mode mode, Information information, PlayPhase phase,
                                               std::optional<PartyIndex> you) noexcept;

/// What the outcome space's title says it shows: "every possible treaty, valued by each side",
/// "… valued by you" (the player's own values only), or "values private until you pick a side".
[[nodiscard]] std::string_view outcome_space_subtitle(const ValueVisibility& visible) noexcept;

}  // namespace treatysim::gui
