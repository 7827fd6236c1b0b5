// bargaining.hpp — bargaining solutions over the individually rational outcomes.
//
// With d = the reservation values, the individually rational (IR) set is {ω : uᵢ(ω) ≥ dᵢ}
// (within 1e-9). Over it:
//   Nash (1950)                  maximise (u₀−d₀)(u₁−d₁)
//   Kalai–Smorodinsky (1975)     maximise min((u₀−d₀)/(I₀−d₀), (u₁−d₁)/(I₁−d₁)), I = the ideal
//                                point (max u₀, max u₁) over the IR set (a party with Iᵢ = dᵢ is
//                                left out of the minimum)
//   egalitarian (Kalai 1977)     maximise min(u₀−d₀, u₁−d₁)
//   utilitarian                  maximise u₀+u₁ (social welfare)
// Objective values within 1e-9 of the maximum tie; ties go to the lowest outcome index (whatever
// the order of the points passed in). Brute force over the enumerated outcomes: O(n).
#pragma once

#include <optional>
#include <vector>

#include "engine/analysis/pareto.hpp"

namespace treatysim {

enum class BargainingSolution { kNash, kKalaiSmorodinsky, kEgalitarian, kUtilitarian };

// The solution's outcome, or nullopt when no outcome is individually rational.
[[nodiscard]] std::optional<OutcomePoint> bargaining_solution(
    const std::vector<OutcomePoint>& points, const std::array<double, kPartyCount>& disagreement,
    BargainingSolution solution);

// The reservation values of a scenario's parties: its disagreement point.
[[nodiscard]] std::array<double, kPartyCount> disagreement_point(const Scenario& scenario) noexcept;

}  // namespace treatysim
