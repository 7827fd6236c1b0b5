#include "engine/protocol/series.hpp"

#include "engine/model/check.hpp"
#include "engine/model/random.hpp"

namespace treatysim {

std::vector<NegotiationResult> run_series(const Scenario& scenario,
                                          std::array<Agent*, kPartyCount> agents,
                                          std::uint64_t seed, int count) {
  TREATYSIM_CHECK(count >= 1, "a series has at least one negotiation");
  std::vector<NegotiationResult> results;
  results.reserve(static_cast<std::size_t>(count));
  Negotiation negotiation(scenario, agents, derive_seed(seed, kSeriesStream, 0));
  results.push_back(negotiation.run());
  for (int i = 1; i < count; ++i) {
    negotiation.restart(derive_seed(seed, kSeriesStream, static_cast<std::uint64_t>(i)),
                        /*continue_series=*/true);
    results.push_back(negotiation.run());
  }
  return results;
}

}  // namespace treatysim
