#include "agents/nash_seeker.hpp"

#include <algorithm>
#include <cmath>

#include "engine/analysis/analysis.hpp"
#include "engine/analysis/bargaining.hpp"
#include "engine/analysis/pareto.hpp"
#include "engine/model/issue.hpp"
#include "engine/model/tolerance.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim::agents {

void NashSeeker::reset(const NegotiationContext& context) {
  if (!context.complete_information()) {
    throw UserError(
        "nash_seeker needs complete information (it computes the Pareto frontier and the "
        "Nash solution), but the scenario's protocol.information is \"private\"");
  }
  context_ = context;
  // The disagreement point of this negotiation (drawn reservation values included).
  std::array<double, kPartyCount> disagreement{};
  disagreement[context.self] = context.own.reservation_value();
  disagreement[other_party(context.self)] = context.opponent.reservation_value();
  const std::string key = context.scenario->content_hash() + "/" +
                          std::to_string(context.deadline) + "/" + format_number(disagreement[0]) +
                          "/" + format_number(disagreement[1]);
  if (key == schedule_hash_ && context.self == schedule_party_) return;
  const PartyIndex self = context.self;
  const bool enumerable = context.space().enumerable();
  // Large spaces: the frontier analyze gives (exact branch and bound with interaction terms; the
  // additive method otherwise), shared across negotiations; N searched over it.
  const std::vector<OutcomePoint> points = enumerable ? enumerate_outcomes(*context.scenario)
                                                      : shared_frontier(*context.scenario)->points;
  std::vector<OutcomePoint> frontier = enumerable ? pareto_frontier(points) : points;
  // Own utility descending, ties to the lowest index.
  std::stable_sort(frontier.begin(), frontier.end(),
                   [self](const OutcomePoint& a, const OutcomePoint& b) {
                     if (!utility_equal(a.utilities[self], b.utilities[self]))
                       return a.utilities[self] > b.utilities[self];
                     return a.index < b.index;
                   });
  const auto nash = bargaining_solution(points, disagreement, BargainingSolution::kNash);
  const double best = frontier.front().utilities[self];
  const double floor = nash ? nash->utilities[self] : best;
  const auto n = static_cast<std::size_t>(context.deadline);
  bids_.resize(n);
  bid_utilities_.resize(n);
  for (std::size_t r = 0; r < n; ++r) {
    const NegotiationState at{static_cast<int>(r), context.deadline, {}};
    const double alpha = e_ == 0.0 ? 0.0 : std::pow(at.time(), 1.0 / e_);
    const double target = best - (best - floor) * alpha;
    // The last frontier point (in own-utility order) still reaching the target, lowest index among equals.
    std::size_t pick = 0;
    for (std::size_t k = 0; k < frontier.size(); ++k) {
      if (!utility_at_least(frontier[k].utilities[self], target)) break;
      if (!utility_equal(frontier[k].utilities[self], frontier[pick].utilities[self])) pick = k;
    }
    const OutcomePoint* chosen = &frontier[pick];
    if (r + 1 == n && nash) chosen = &*nash;  // the last offer is N itself
    bids_[r] = chosen->outcome;
    bid_utilities_[r] = chosen->utilities[self];
  }
  schedule_hash_ = key;
  schedule_party_ = self;
}

Outcome NashSeeker::propose(const NegotiationState& state) {
  return bids_[static_cast<std::size_t>(state.offer_index)];
}

Response NashSeeker::respond(const NegotiationState& state, const Outcome& offer) {
  const double u = (*context_.own.utility)(offer);
  if (!utility_at_least(u, context_.own.reservation_value())) return Response::kReject;
  if (state.last_offer()) return Response::kAccept;
  return utility_at_least(u, bid_utilities_[static_cast<std::size_t>(state.offer_index) + 1])
             ? Response::kAccept
             : Response::kReject;
}

}  // namespace treatysim::agents
