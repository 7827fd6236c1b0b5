#include "agents/random_agent.hpp"

#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include "engine/model/tolerance.hpp"
#include "engine/model/utility_index.hpp"

namespace treatysim::agents {

RandomAgent::RandomAgent(double accept_probability, double walk_away_probability)
    : accept_probability_(accept_probability), walk_away_probability_(walk_away_probability) {}

void RandomAgent::reset(const NegotiationContext& context) {
  context_ = context;
  index_ = &context.own_index("random");
  acceptable_count_ = index_->count_at_least(context.own.reservation_value());
  rng_.seed(context.seed);
}

Outcome RandomAgent::propose(const NegotiationState& state) {
  static_cast<void>(state);
  const std::size_t pool = acceptable_count_ > 0 ? acceptable_count_ : index_->size();
  boost::random::uniform_int_distribution<std::size_t> pick(0, pool - 1);
  return context_.space().outcome_at(index_->entry(pick(rng_)).index);
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
