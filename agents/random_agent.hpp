// random_agent.hpp — a seeded random negotiator: a baseline and a protocol tester.
//
// Source: the "random" baseline of GENIUS and NegMAS (RandomNegotiator), restricted here to
// individually rational offers so that it never proposes or accepts a deal worse than no deal.
//
// propose: an outcome drawn uniformly from those worth at least the reservation value to the
//          agent (from all outcomes when none is). On spaces too large to enumerate: rejection
//          sampling (up to 1,000 uniform draws, the first acceptable one); when acceptable
//          outcomes are rarer than that, a uniform target between the reservation value and the
//          best utility and the outcome near it (engine/model/utility_levels.hpp).
// respond: walks away with probability `walk_away`; otherwise, if the offer is worth at least
//          the reservation value, accepts with probability `accept`; otherwise rejects.
// All draws come from the agent's own Boost.Random stream (derived from the run seed).
//
// Parameters
// | name      | default | range  | meaning                                              |
// |-----------|---------|--------|------------------------------------------------------|
// | accept    | 0.1     | [0, 1] | probability of accepting an acceptable offer         |
// | walk_away | 0       | [0, 1] | probability of walking away instead of answering     |
#pragma once

#include <cstddef>

#include "engine/model/random.hpp"
#include "engine/protocol/agent.hpp"

namespace treatysim::agents {

class RandomAgent final : public Agent {
 public:
  RandomAgent(double accept_probability, double walk_away_probability);

  void reset(const NegotiationContext& context) override;
  [[nodiscard]] Outcome propose(const NegotiationState& state) override;
  [[nodiscard]] Response respond(const NegotiationState& state, const Outcome& offer) override;

 private:
  // Draws before the fallback on spaces too large to enumerate.
  static constexpr int kDraws = 1000;
  [[nodiscard]] Outcome propose_large();

  double accept_probability_;
  double walk_away_probability_;
  NegotiationContext context_;
  const UtilityIndex* index_ = nullptr;  // null on spaces too large to enumerate
  std::size_t acceptable_count_ = 0;  // outcomes worth ≥ reservation value (0 ⇒ draw from all)
  Rng rng_;
};

}  // namespace treatysim::agents
