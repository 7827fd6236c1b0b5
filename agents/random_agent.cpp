#include "agents/random_agent.hpp"

#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include "engine/model/tolerance.hpp"
#include "engine/model/utility_index.hpp"
#include "engine/model/utility_levels.hpp"

namespace treatysim::agents {

RandomAgent::RandomAgent(double accept_probability, double walk_away_probability)
    : accept_probability_(accept_probability), walk_away_probability_(walk_away_probability) {}

void RandomAgent::reset(const NegotiationContext& context) {
  context_ = context;
  rng_.seed(context.seed);
  if (!context.space().enumerable()) {
    index_ = nullptr;
    return;
  }
  index_ = &context.own_index("random");
  acceptable_count_ = index_->count_at_least(context.own.reservation_value());
}

Outcome RandomAgent::propose(const NegotiationState& state) {
  static_cast<void>(state);
  if (index_ == nullptr) return propose_large();
  const std::size_t pool = acceptable_count_ > 0 ? acceptable_count_ : index_->size();
  boost::random::uniform_int_distribution<std::size_t> pick(0, pool - 1);
  return context_.space().outcome_at(index_->entry(pick(rng_)).index);
}

Outcome RandomAgent::propose_large() {
  // Uniform over the acceptable outcomes by rejection sampling: an outcome drawn uniformly (each
  // issue uniformly) is kept when it is worth at least the reservation value.
  const OutcomeSpace& space = context_.space();
  const UtilityFunction& own = *context_.own.utility;
  Outcome outcome(space.issue_count());
  for (int attempt = 0; attempt < kDraws; ++attempt) {
    for (std::size_t i = 0; i < space.issue_count(); ++i) {
      boost::random::uniform_int_distribution<int> pick(
          0, static_cast<int>(space.issue(i).size()) - 1);
      outcome.set(i, pick(rng_));
    }
    if (utility_at_least(own(outcome), context_.own.reservation_value())) return outcome;
  }
  // Acceptable outcomes are too rare to hit: a uniform target between the reservation value and
  // the best utility, and the outcome near it.
  const UtilityLevels& levels = context_.own_levels();
  const double low = std::min(context_.own.reservation_value(), levels.best().utility);
  boost::random::uniform_real_distribution<double> level(low, levels.best().utility);
  return levels.at_least(level(rng_)).outcome;
}

Response RandomAgent::respond(const NegotiationState& state, const Outcome& offer) {
  static_cast<void>(state);
  if (walk_away_probability_ > 0.0 &&
      boost::random::bernoulli_distribution<double>(walk_away_probability_)(rng_)) {
    return Response::kWalkAway;
  }
  const double u = (*context_.own.utility)(offer);
  if (!utility_at_least(u, context_.own.reservation_value())) return Response::kReject;
  return boost::random::bernoulli_distribution<double>(accept_probability_)(rng_)
             ? Response::kAccept
             : Response::kReject;
}

}  // namespace treatysim::agents
