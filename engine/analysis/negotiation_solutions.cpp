// negotiation_solutions.cpp — a negotiation's bargaining solutions for its own reservation values.
#include "engine/analysis/negotiation_solutions.hpp"

namespace treatysim {

std::optional<OutcomePoint> solution_for_reservations(
    const ScenarioAnalysis& analysis, const std::array<double, kPartyCount>& reservations,
    BargainingSolution solution) {
  if (reservations == analysis.disagreement) {
    switch (solution) {
      case BargainingSolution::kNash:
        return analysis.nash;
      case BargainingSolution::kKalaiSmorodinsky:
        return analysis.kalai_smorodinsky;
      case BargainingSolution::kEgalitarian:
        return analysis.egalitarian;
      case BargainingSolution::kUtilitarian:
        return analysis.utilitarian;
    }
  }
  return bargaining_solution(analysis.frontier.points, reservations, solution);
}

}  // namespace treatysim
