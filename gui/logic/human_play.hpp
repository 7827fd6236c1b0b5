// human_play.hpp — the model behind human play: the offer a person builds clause by clause, what
// each choice is worth, and the summary at the end of the game.
//
// The person plays one side (`you`); the agent the other. Every number comes from the engine:
// utilities from scenario.utility, the Nash solution from the session's ScenarioAnalysis, the
// deal's metrics from outcome_metrics. The agent's utility is shown to the person only when the
// scenario declares complete information (protocol.information), as the agent would see the
// person's under that protocol; under private information the person sees only their own.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "engine/analysis/analysis.hpp"
#include "engine/model/scenario.hpp"
#include "engine/protocol/negotiation.hpp"

namespace treatysim::gui {

// True when the person, while negotiating, may see the other side's utility: under complete
// information only (the rule of visibility.hpp).
[[nodiscard]] bool shows_other_utility(const Scenario& scenario) noexcept;

// What one option of one clause is worth, as the offer builder lists it.
struct OptionWorth {
  int option = 0;
  double own_utility = 0.0;             // your utility of the offer with this option chosen
  std::optional<double> other_utility;  // the agent's, under complete information only
};

// The offer the person is building: one selected option per issue.
class OfferBuilder {
 public:
  OfferBuilder() = default;
  // Starts over for `scenario` with the person on `you`: the offer starts at your best outcome
  // (UtilityFunction::best_outcome).
  void reset(const Scenario& scenario, PartyIndex you);
  // True once reset() was called for a scenario.
  [[nodiscard]] bool ready() const noexcept { return offer_.size() > 0; }
  [[nodiscard]] PartyIndex you() const noexcept { return you_; }
  [[nodiscard]] const Outcome& offer() const noexcept { return offer_; }
  // Selects `option` on `issue` (ignored when out of range).
  void choose(std::size_t issue, int option) noexcept;
  // Replaces the whole offer (e.g. a point picked in the outcome space); false, leaving the offer
  // unchanged, when `outcome` is not an outcome of the scenario.
  bool set_offer(const Scenario& scenario, const Outcome& outcome) noexcept;

  // Your utility of the offer, and the agent's (complete information only).
  [[nodiscard]] double own_utility(const Scenario& scenario) const noexcept;
  [[nodiscard]] std::optional<double> other_utility(const Scenario& scenario) const noexcept;
  // Every option of `issue` with what the offer would be worth with it chosen.
  [[nodiscard]] std::vector<OptionWorth> option_worths(const Scenario& scenario,
                                                       std::size_t issue) const;

 private:
  Outcome offer_;
  PartyIndex you_ = 0;
};

// The end-of-game summary: your deal beside the Nash solution and the agent's best.
struct GameSummary {
  PartyIndex you = 0;
  bool agreement = false;
  std::optional<Outcome> deal;                     // when agreement
  std::array<double, kPartyCount> deal_utilities;  // uᵢ(deal), or the reservation values
  int offers = 0;
  std::optional<OutcomeMetrics> metrics;  // of the deal (outcome_metrics; distance to `nash`)
  std::optional<OutcomePoint> nash;       // the Nash solution for this negotiation's values
  OutcomePoint agent_ideal;               // the outcome the agent values most
  // The agent's offer that was worth the most to you (ties to the earliest), if it made any.
  std::optional<OutcomePoint> agent_best_offer;
  std::array<double, kPartyCount> reservation{};  // both reservation values in this negotiation
};

// Builds the summary of a finished game from the engine's result and the events.
[[nodiscard]] GameSummary summarize_game(const Scenario& scenario, const ScenarioAnalysis& analysis,
                                         PartyIndex you, const NegotiationResult& result,
                                         const std::vector<Event>& events);

// The summary as a few plain sentences for the panel, one per line, numbers to two decimals:
//   "Agreement on S0/IP1/D1/G1/T2 at offer 7: worth 0.62 to you, 0.55 to China."
//   "The Nash solution S1/IP1/D1/G1/T2 gives you 0.58 and China 0.60."
//   ...
[[nodiscard]] std::vector<std::string> summary_lines(const Scenario& scenario,
                                                     const GameSummary& summary);

}  // namespace treatysim::gui
