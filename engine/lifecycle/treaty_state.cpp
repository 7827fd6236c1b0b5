#include "engine/lifecycle/treaty_state.hpp"

namespace treatysim {

namespace {

// The one table of states: name in files, label for people, whether the clauses apply.
struct StateInfo {
  TreatyState state;
  std::string_view name;
  std::string_view label;
  bool clauses_apply;
};

constexpr std::array<StateInfo, kAllTreatyStates.size()> kStates{{
    {TreatyState::kInForce, "in_force", "in force", true},
    {TreatyState::kRenegotiating, "renegotiating", "talks", true},
    {TreatyState::kExtended, "extended", "extended", true},
    {TreatyState::kLapsed, "lapsed", "lapsed", false},
    {TreatyState::kRenewed, "renewed", "renewed", true},
    {TreatyState::kAmended, "amended", "amended", true},
    {TreatyState::kTerminated, "terminated", "terminated", false},
}};

const StateInfo& info(TreatyState state) noexcept {
  for (const StateInfo& entry : kStates) {
    if (entry.state == state) return entry;
  }
  return kStates[0];
}

}  // namespace

std::string_view treaty_state_name(TreatyState state) noexcept {
  return info(state).name;
}

std::string_view treaty_state_label(TreatyState state) noexcept {
  return info(state).label;
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
  return info(state).clauses_apply;
}

}  // namespace treatysim
