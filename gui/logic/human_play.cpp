// human_play.cpp — offer builder and end-of-game summary.
#include "gui/logic/human_play.hpp"

#include <cstdio>

#include "engine/analysis/negotiation_solutions.hpp"
#include "gui/logic/visibility.hpp"

namespace treatysim::gui {

namespace {

std::string two_decimals(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

std::string offers_text(int offers) {
  return std::to_string(offers) + (offers == 1 ? " offer" : " offers");
}

// "China's", "United States'".
std::string possessive(const std::string& name) {
  return name + (!name.empty() && name.back() == 's' ? "'" : "'s");
}

OutcomePoint point_of(const Scenario& scenario, const Outcome& outcome) {
  OutcomePoint point;
  point.outcome = outcome;
  point.index = scenario.space().enumerable() ? scenario.space().index_of(outcome) : 0;
  for (PartyIndex p = 0; p < kPartyCount; ++p) point.utilities[p] = scenario.utility(p)(outcome);
  return point;
}

}  // namespace

bool shows_other_utility(const Scenario& scenario) noexcept {
  // While the person negotiates (as side 0, say), may side 1's values be shown?
  return value_visibility(Mode::kPlay, scenario.protocol().information, PlayPhase::kNegotiating,
                          PartyIndex{0})
      .shows(1);
}

void OfferBuilder::reset(const Scenario& scenario, PartyIndex you) {
  you_ = you;
  offer_ = scenario.utility(you).best_outcome();
}

void OfferBuilder::choose(std::size_t issue, int option) noexcept {
  if (issue >= offer_.size() || option < 0) return;
  offer_.set(issue, option);
}

bool OfferBuilder::set_offer(const Scenario& scenario, const Outcome& outcome) noexcept {
  if (!scenario.space().contains(outcome)) return false;
  offer_ = outcome;
  return true;
}

double OfferBuilder::own_utility(const Scenario& scenario) const noexcept {
  return scenario.utility(you_)(offer_);
}

std::optional<double> OfferBuilder::other_utility(const Scenario& scenario) const noexcept {
  if (!shows_other_utility(scenario)) return std::nullopt;
  return scenario.utility(other_party(you_))(offer_);
}

std::vector<OptionWorth> OfferBuilder::option_worths(const Scenario& scenario,
                                                     std::size_t issue) const {
  std::vector<OptionWorth> worths;
  if (issue >= offer_.size()) return worths;
  const bool other = shows_other_utility(scenario);
  const auto count = static_cast<int>(scenario.space().issue(issue).size());
  worths.reserve(static_cast<std::size_t>(count));
  Outcome variant = offer_;
  for (int option = 0; option < count; ++option) {
    variant.set(issue, option);
    OptionWorth worth;
    worth.option = option;
    worth.own_utility = scenario.utility(you_)(variant);
    if (other) worth.other_utility = scenario.utility(other_party(you_))(variant);
    worths.push_back(worth);
  }
  return worths;
}

GameSummary summarize_game(const Scenario& scenario, const ScenarioAnalysis& analysis,
                           PartyIndex you, const NegotiationResult& result,
                           const std::vector<Event>& events) {
  GameSummary summary;
  summary.you = you;
  summary.agreement = result.agreement.has_value();
  summary.deal = result.agreement;
  summary.deal_utilities = result.utilities;
  summary.offers = result.offers;
  if (result.agreement) {
    summary.metrics =
        outcome_metrics(scenario, analysis, *result.agreement, result.agreement_offer_index);
  }
  const PartyIndex agent = other_party(you);
  summary.agent_ideal = point_of(scenario, scenario.utility(agent).best_outcome());
  for (const Event& event : events) {
    if (event.kind != EventKind::kOffer || event.party != agent) continue;
    const OutcomePoint point = point_of(scenario, event.outcome);
    if (!summary.agent_best_offer ||
        point.utilities[you] > summary.agent_best_offer->utilities[you]) {
      summary.agent_best_offer = point;
    }
  }
  // This negotiation's values (drawn from its seed when the scenario draws them), and the Nash
  // solution and distance to it for them.
  summary.reservation = result.reservation_values;
  summary.nash =
      solution_for_reservations(analysis, result.reservation_values, BargainingSolution::kNash);
  if (summary.metrics) {
    summary.metrics->distance_to_nash.reset();
    if (summary.nash) {
      summary.metrics->distance_to_nash =
          utility_distance(summary.nash->utilities, summary.metrics->utilities);
    }
  }
  return summary;
}

std::vector<std::string> summary_lines(const Scenario& scenario, const GameSummary& summary) {
  const PartyIndex agent = other_party(summary.you);
  const std::string& agent_name = scenario.party(agent).name;
  const auto format = [&](const Outcome& outcome) { return scenario.space().format(outcome); };
  const auto pair = [&](const std::array<double, kPartyCount>& u) {
    return two_decimals(u[summary.you]) + " to you, " + two_decimals(u[agent]) + " to " +
           agent_name;
  };
  std::vector<std::string> lines;
  if (summary.agreement && summary.deal) {
    lines.push_back("Agreement on " + format(*summary.deal) + " after " +
                    offers_text(summary.offers) + ": worth " + pair(summary.deal_utilities) + ".");
  } else {
    lines.push_back("No agreement after " + offers_text(summary.offers) +
                    ": each side gets its reservation value (" + pair(summary.reservation) + ").");
  }
  if (summary.nash) {
    lines.push_back("Nash solution " + format(summary.nash->outcome) + ": " +
                    pair(summary.nash->utilities) + ".");
  } else {
    lines.push_back("No Nash solution: no outcome is worth its reservation value to both sides.");
  }
  lines.push_back(possessive(agent_name) + " best outcome " + format(summary.agent_ideal.outcome) +
                  ": " + pair(summary.agent_ideal.utilities) + ".");
  if (summary.agent_best_offer) {
    lines.push_back("The best offer " + agent_name + " made you, " +
                    format(summary.agent_best_offer->outcome) + ": " +
                    pair(summary.agent_best_offer->utilities) + ".");
  }
  if (summary.metrics) {
    std::string verdict = summary.metrics->pareto_optimal
                              ? "Your deal is Pareto-optimal"
                              : "Your deal is not Pareto-optimal (both sides could have had more)";
    if (summary.metrics->distance_to_nash) {
      verdict +=
          "; its distance to the Nash point is " + two_decimals(*summary.metrics->distance_to_nash);
    }
    lines.push_back(verdict + ".");
  }
  return lines;
}

}  // namespace treatysim::gui
