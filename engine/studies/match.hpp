// match.hpp — one negotiation between two strategies, reduced to the numbers that tournaments,
// sweeps and tuning aggregate.
//
// A MatchRunner creates the two agents once and reuses them (and the negotiation's memory) for
// every seed it is asked to play: thousands of repetitions of one pairing cost no allocation.
// Results depend only on (scenario, specs, seed): never on which runner or thread played them.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>

#include "engine/analysis/analysis.hpp"
#include "engine/analysis/model_accuracy.hpp"
#include "engine/model/scenario.hpp"
#include "engine/protocol/agent.hpp"
#include "engine/protocol/negotiation.hpp"
#include "engine/protocol/spec.hpp"

namespace treatysim {

// The summary of one negotiation.
struct MatchRecord {
  NegotiationEnd end = NegotiationEnd::kRunning;
  int offers = 0;                               // offers made
  std::array<double, kPartyCount> utilities{};  // δᵢʳ·uᵢ(ω), or reservation values
  std::array<double, kPartyCount> undiscounted_utilities{};  // uᵢ(ω), or reservation values
  double social_welfare = 0.0;                               // sum of the (discounted) utilities
  double distance_to_pareto = 0.0;         // of the utility pair reached, to the frontier
  std::optional<double> distance_to_nash;  // of the utility pair reached, to the Nash point
  // Each party's reservation value in this negotiation (drawn or fixed).
  std::array<double, kPartyCount> reservations{};
  // Each side's model accuracy at the end, when measured (the runner was given bases) and that
  // side's agent has a model.
  std::array<std::optional<ModelAccuracy>, kPartyCount> models;

  [[nodiscard]] bool agreement() const noexcept { return end == NegotiationEnd::kAgreement; }
  friend bool operator==(const MatchRecord&, const MatchRecord&) = default;
};

// Plays one pairing on one scenario, seed after seed. `scenario`, `analysis` (of that scenario)
// and `factory` must outlive the runner.
class MatchRunner {
 public:
  // Creates both agents from their specs (party 0 plays specs[0]). The specs must already have
  // passed factory.check for this scenario.
  // With `bases` (one per side, each may be null), the agents' models are measured after every
  // negotiation (MatchRecord::models).
  MatchRunner(const Scenario& scenario, const ScenarioAnalysis& analysis,
              const AgentFactory& factory, const std::array<Spec, kPartyCount>& specs,
              const std::array<const AccuracyBasis*, kPartyCount>& bases = {nullptr, nullptr});
  ~MatchRunner();
  MatchRunner(const MatchRunner&) = delete;
  MatchRunner& operator=(const MatchRunner&) = delete;

  // Runs one negotiation with this seed (the agents are reset first) and summarises it.
  [[nodiscard]] MatchRecord play(std::uint64_t seed);

 private:
  const Scenario& scenario_;
  const ScenarioAnalysis& analysis_;
  std::array<std::unique_ptr<Agent>, kPartyCount> agents_;
  std::unique_ptr<Negotiation> negotiation_;
  std::array<const AccuracyBasis*, kPartyCount> bases_;
};

// The summary of a finished negotiation's result (no agents involved: the distances come from
// `analysis`). When the reservation values of the negotiation differ from the analysis's
// disagreement point (drawn values), the Nash point is that of the drawn values, searched over
// the analysis's frontier.
[[nodiscard]] MatchRecord summarize_match(const Scenario& scenario,
                                          const ScenarioAnalysis& analysis,
                                          const NegotiationResult& result);

// One negotiation: MatchRunner(scenario, analysis, factory, specs).play(seed).
[[nodiscard]] MatchRecord play_match(const Scenario& scenario, const ScenarioAnalysis& analysis,
                                     const AgentFactory& factory,
                                     const std::array<Spec, kPartyCount>& specs,
                                     std::uint64_t seed);

}  // namespace treatysim
