#include "gui/logic/model_view.hpp"

#include <cstdio>

#include "engine/model/check.hpp"
#include "gui/logic/narration.hpp"

namespace treatysim::gui {

std::vector<Vec2d> estimate_cloud(const std::vector<OutcomePoint>& points,
                                  const std::vector<double>& estimate, PartyIndex modeller) {
  TREATYSIM_CHECK(estimate.size() == points.size(), "one estimate per outcome point");
  std::vector<Vec2d> cloud;
  cloud.reserve(points.size());
  const PartyIndex modelled = other_party(modeller);
  for (std::size_t k = 0; k < points.size(); ++k) {
    std::array<double, kPartyCount> u = points[k].utilities;
    u[modelled] = estimate[k];
    cloud.push_back({u[0], u[1]});
  }
  return cloud;
}

std::vector<SeriesPoint> estimated_frontier(const std::vector<OutcomePoint>& points,
                                            const std::vector<double>& estimate,
                                            PartyIndex modeller) {
  const std::vector<Vec2d> cloud = estimate_cloud(points, estimate, modeller);
  std::vector<OutcomePoint> believed = points;
  for (std::size_t k = 0; k < points.size(); ++k) believed[k].utilities = {cloud[k].x, cloud[k].y};
  const std::vector<OutcomePoint> frontier = pareto_frontier(believed);  // u₀ descending
  std::vector<SeriesPoint> series;
  series.reserve(frontier.size());
  for (auto it = frontier.rbegin(); it != frontier.rend(); ++it) {
    series.push_back({it->utilities[0], it->utilities[1]});
  }
  return series;
}

std::vector<SeriesPoint> accuracy_series(const std::vector<AccuracyPoint>& curve,
                                         AccuracyMeasure measure) {
  std::vector<SeriesPoint> series;
  for (const AccuracyPoint& p : curve) {
    std::optional<double> y;
    switch (measure) {
      case AccuracyMeasure::kPearson:
        y = p.accuracy.pearson;
        break;
      case AccuracyMeasure::kKendall:
        y = p.accuracy.kendall;
        break;
      case AccuracyMeasure::kPareto:
        y = p.accuracy.pareto_share;
        break;
      case AccuracyMeasure::kMeanAbsoluteError:
        y = p.accuracy.mean_absolute_error;
        break;
    }
    if (y) series.push_back({static_cast<double>(p.offer_index), *y});
  }
  return series;
}

std::string accuracy_caption(const Scenario& scenario, PartyIndex modeller,
                             const std::vector<AccuracyPoint>& curve, double true_reservation) {
  std::string who = party_short_name(scenario, modeller) + "'s estimate of " +
                    party_phrase(scenario, other_party(modeller));
  if (curve.empty()) return who + ": no offer seen yet";
  const AccuracyPoint& last = curve.back();
  const ModelAccuracy& a = last.accuracy;
  char buffer[256];
  const auto two = [](const std::optional<double>& v) {
    char b[16];
    if (!v) return std::string("-");
    std::snprintf(b, sizeof b, "%.2f", *v);
    return std::string(b);
  };
  std::snprintf(buffer, sizeof buffer, ", round %d: Pearson %s · Kendall %s · Pareto %.0f%%",
                last.offer_index + 1, two(a.pearson).c_str(), two(a.kendall).c_str(),
                100.0 * a.pareto_share);
  std::string text = who + buffer;
  if (a.estimated_reservation) {
    std::snprintf(buffer, sizeof buffer, " · reservation %.2f (true %.2f)",
                  *a.estimated_reservation, true_reservation);
    text += buffer;
  }
  return text;
}

}  // namespace treatysim::gui
