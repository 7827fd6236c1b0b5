#include "engine/lifecycle/treaty_state.hpp"

namespace treatysim {

std::string_view treaty_state_name(TreatyState state) noexcept {
  switch (state) {
    case TreatyState::kInForce:
      return "in_force";
    case TreatyState::kRenegotiating:
      return "renegotiating";
    case TreatyState::kExtended:
      return "extended";
    case TreatyState::kLapsed:
      return "lapsed";
    case TreatyState::kRenewed:
      return "renewed";
    case TreatyState::kAmended:
      return "amended";
    case TreatyState::kTerminated:
      return "terminated";
  }
  return "in_force";
}

std::optional<TreatyState> parse_treaty_state(std::string_view name) noexcept {
  for (const TreatyState s : kAllTreatyStates) {
    if (treaty_state_name(s) == name) return s;
  }
  return std::nullopt;
}

bool legal_transition(TreatyState from, TreatyState to) noexcept {
  using S = TreatyState;
  switch (from) {
    case S::kInForce:
    case S::kRenewed:
    case S::kAmended:
      return to == S::kRenegotiating || to == S::kLapsed || to == S::kTerminated;
    case S::kRenegotiating:
    case S::kExtended:
      return to == S::kRenewed || to == S::kAmended || to == S::kExtended || to == S::kLapsed ||
             to == S::kTerminated;
    case S::kLapsed:
      return to == S::kRenewed || to == S::kAmended || to == S::kTerminated;
    case S::kTerminated:
      return false;
  }
  return false;
}

bool clauses_apply(TreatyState state) noexcept {
  return state != TreatyState::kLapsed && state != TreatyState::kTerminated;
}

}  // namespace treatysim
