#include "agents/ac_next.hpp"

#include "engine/model/tolerance.hpp"

namespace treatysim::agents {

bool AcNext::accept(const AcceptanceInput& input) const {
  if (!input.has_next_bid) return true;  // last offer: the reservation guard already passed
  return utility_at_least(a_ * input.offer_utility + b_, input.next_bid_utility);
}

bool AcConst::accept(const AcceptanceInput& input) const {
  return utility_at_least(input.offer_utility, c_);
}

bool AcTime::accept(const AcceptanceInput& input) const {
  return input.state.time() >= t_;
}

bool AcCombi::accept(const AcceptanceInput& input) const {
  if (next_.accept(input)) return true;
  if (utility_at_least(input.offer_utility, c_)) return true;
  return input.state.time() >= t_ &&
         utility_at_least(input.offer_utility, input.best_received_utility);
}

}  // namespace treatysim::agents
