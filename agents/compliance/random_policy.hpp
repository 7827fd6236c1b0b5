// random_policy.hpp — honours with probability p each period, independently (Axelrod 1984's
// RANDOM entry): a baseline and a source of noise.
//   P(a_t = C) = p, independently in every period t (C honour, D exploit).
//
// Parameters
// | name | default | range  | meaning                          |
// |------|---------|--------|----------------------------------|
// | p    | 0.5     | [0, 1] | probability of honouring a period |
#pragma once

#include <boost/random/bernoulli_distribution.hpp>

#include "engine/model/compliance.hpp"
#include "engine/model/random.hpp"

namespace treatysim::agents {

class RandomPolicy final : public CompliancePolicy {
 public:
  explicit RandomPolicy(double p) : p_(p) {}
  void reset(std::uint64_t seed) override { rng_.seed(seed); }
  [[nodiscard]] Move choose(const ComplianceHistory&) override {
    return boost::random::bernoulli_distribution<double>(p_)(rng_) ? Move::kHonour : Move::kExploit;
  }

 private:
  double p_;
  Rng rng_;
};

}  // namespace treatysim::agents
