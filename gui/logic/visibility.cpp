#include "gui/logic/visibility.hpp"

namespace treatysim::gui {

PlayPhase play_phase(std::optional<PartyIndex> human, bool replaying, bool ended) noexcept {
  if (replaying) return PlayPhase::kReplay;
  if (!human) return PlayPhase::kChoosingSide;
  return ended ? PlayPhase::kEnded : PlayPhase::kNegotiating;
}

ValueVisibility value_visibility(Mode mode, Information information, PlayPhase phase,
                                 std::optional<PartyIndex> you) noexcept {
  if (mode != Mode::kPlay || information == Information::kComplete) return ValueVisibility::all();
  switch (phase) {
    case PlayPhase::kChoosingSide:
      return ValueVisibility::none();
    case PlayPhase::kNegotiating:
      // A negotiation without a side cannot run; show nothing rather than guess a side.
      return you && *you < kPartyCount ? ValueVisibility::own(*you) : ValueVisibility::none();
    case PlayPhase::kEnded: {
      ValueVisibility debrief = ValueVisibility::all();
      debrief.debrief = true;
      return debrief;
    }
    case PlayPhase::kReplay:
      return ValueVisibility::all();
  }
  return ValueVisibility::none();
}

std::string_view outcome_space_subtitle(const ValueVisibility& visible) noexcept {
  if (visible.shows_none()) return "values private until you pick a side";
  if (visible.only()) return "every possible treaty, valued by you";
  return "every possible treaty, valued by each side";
}

}  // namespace treatysim::gui
