// tournament_text.cpp — a tournament's tables: the ranking, the adjacent tests, the payoff matrix.
#include <algorithm>
#include <cstdio>

#include "frontend/reports.hpp"

namespace treatysim::frontend {

namespace {

std::string fixed(double value, int digits) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

std::string right(std::string text, std::size_t width) {
  if (text.size() < width) text.insert(0, width - text.size(), ' ');
  return text;
}

std::string left(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

std::string p_text(double p) {
  return p < 0.0001 ? "<0.0001" : fixed(p, 4);
}

}  // namespace

std::string tournament_tables(const TournamentPlan& plan, const TournamentResults& results) {
  std::size_t label_width = 10;
  for (const Competitor& c : plan.competitors) label_width = std::max(label_width, c.label.size());
  std::string text;
  const bool by_advantage = plan.rank_by == RankBy::kAdvantage;
  text += by_advantage
              ? std::string(
                    "Ranking (mean advantage: discounted utility minus own reservation "
                    "value, over both sides, 95% confidence interval)\n")
              : "Ranking (mean discounted " +
                    std::string(plan.mode == TournamentMode::kLifecycle ? "cumulative payoff"
                                                                        : "utility") +
                    " over both sides, 95% confidence interval)\n";
  std::string header =
      "rank  " + left("competitor", label_width) + "    mean   95% CI            " + right("n", 7);
  if (plan.reports(TournamentMetric::kAgreement)) header += "  agreement";
  if (plan.reports(TournamentMetric::kOffers)) header += "   offers";
  if (plan.reports(TournamentMetric::kSocialWelfare)) header += "  welfare";
  if (plan.reports(TournamentMetric::kDistanceToPareto)) header += "  to Pareto";
  if (plan.reports(TournamentMetric::kDistanceToNash)) header += "  to Nash";
  if (by_advantage) header += "  utility";
  if (plan.reports(TournamentMetric::kAdvantage) && !by_advantage) header += "  advantage";
  if (plan.reports(TournamentMetric::kModelPearson)) header += "  pearson";
  if (plan.reports(TournamentMetric::kModelKendall)) header += "  kendall";
  if (plan.reports(TournamentMetric::kModelError)) header += "  model mae";
  if (plan.reports(TournamentMetric::kModelPareto)) header += "  pareto";
  if (plan.reports(TournamentMetric::kModelReservationError)) header += "  res. error";
  text += header + "\n";
  const auto mean_text = [](const SampleSummary& s, int digits, std::size_t width) {
    return right(s.n == 0 ? "-" : fixed(s.mean, digits), width);
  };
  for (std::size_t r = 0; r < results.ranking.size(); ++r) {
    const RankingEntry& e = results.ranking[r];
    std::string line = right(std::to_string(r + 1), 4) + "  " +
                       left(plan.competitors[e.competitor].label, label_width) + "  " +
                       mean_text(e.score, 3, 6) + "   [" + fixed(e.score.ci_low, 3) + ", " +
                       fixed(e.score.ci_high, 3) + "]  " + right(std::to_string(e.score.n), 7);
    if (plan.reports(TournamentMetric::kAgreement)) {
      line += right(e.agreement.n == 0 ? "-" : fixed(100.0 * e.agreement.mean, 1) + "%", 11);
    }
    if (plan.reports(TournamentMetric::kOffers)) line += mean_text(e.offers, 1, 9);
    if (plan.reports(TournamentMetric::kSocialWelfare)) line += mean_text(e.social_welfare, 3, 9);
    if (plan.reports(TournamentMetric::kDistanceToPareto))
      line += mean_text(e.distance_to_pareto, 3, 11);
    if (plan.reports(TournamentMetric::kDistanceToNash))
      line += mean_text(e.distance_to_nash, 3, 10);
    if (by_advantage) line += mean_text(e.utility, 3, 9);
    if (plan.reports(TournamentMetric::kAdvantage) && !by_advantage)
      line += mean_text(e.advantage, 3, 11);
    if (plan.reports(TournamentMetric::kModelPearson)) line += mean_text(e.model_pearson, 3, 9);
    if (plan.reports(TournamentMetric::kModelKendall)) line += mean_text(e.model_kendall, 3, 9);
    if (plan.reports(TournamentMetric::kModelError)) line += mean_text(e.model_error, 3, 11);
    if (plan.reports(TournamentMetric::kModelPareto)) line += mean_text(e.model_pareto, 3, 8);
    if (plan.reports(TournamentMetric::kModelReservationError))
      line += mean_text(e.model_reservation_error, 3, 12);
    text += line + "\n";
  }
  text +=
      "\nAdjacent ranks (paired t-test on matched opponent/scenario/side cells, Holm-adjusted "
      "p, significant at 0.05)\n";
  for (const AdjacentTest& t : results.adjacent) {
    std::string line = "  " + left(plan.competitors[t.higher].label, label_width) + " vs " +
                       left(plan.competitors[t.lower].label, label_width) + "  ";
    if (!t.test) {
      line += "no test (fewer than 2 common cells)";
    } else {
      line += "diff " + right(fixed(t.test->mean_difference, 4), 7) + "  cells " +
              right(std::to_string(t.test->n), 4) + "  p " + right(p_text(t.test->p_value), 7) +
              "  Holm p " + right(p_text(t.holm_p_value), 7) + "  " +
              (t.significant ? "significant" : "not significant");
    }
    text += line + "\n";
  }
  text += "\nPayoff matrix (row's mean " +
          std::string(plan.mode == TournamentMode::kLifecycle ? "payoff" : "utility") +
          " against column, both sides)\n";
  std::string columns = left("", label_width + 6);
  for (std::size_t b = 0; b < plan.competitors.size(); ++b) {
    columns += right(std::to_string(b + 1), 7);
  }
  text += columns + "\n";
  for (std::size_t a = 0; a < plan.competitors.size(); ++a) {
    std::string line =
        right(std::to_string(a + 1), 3) + "  " + left(plan.competitors[a].label, label_width) + " ";
    for (std::size_t b = 0; b < plan.competitors.size(); ++b) {
      const auto& cell = results.payoff_matrix[a][b];
      line += right(cell ? fixed(*cell, 3) : "-", 7);
    }
    text += line + "\n";
  }
  return text;
}

}  // namespace treatysim::frontend
