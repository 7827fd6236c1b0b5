// model_view.hpp — what the window draws of an agent's opponent model: its estimate of the other
// side as a second outcome cloud beside the truth, the frontier that estimate implies, the
// accuracy over rounds as series, and a one-line caption. Every number comes from the engine
// (Agent::estimated_utility through the Session, and analysis/model_accuracy.hpp); this only
// arranges them for drawing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/analysis/model_accuracy.hpp"
#include "engine/analysis/pareto.hpp"
#include "gui/logic/plot_math.hpp"

namespace treatysim::gui {

// Each outcome at (u₀, u₁), with the modelled party's coordinate replaced by the modeller's
// estimate: where the modeller believes the outcome lies. `estimate` is one value per point.
[[nodiscard]] std::vector<Vec2d> estimate_cloud(const std::vector<OutcomePoint>& points,
                                                const std::vector<double>& estimate,
                                                PartyIndex modeller);

// The Pareto frontier of the estimate cloud (engine pareto_frontier), as a series with x
// ascending: the frontier the modeller believes in.
[[nodiscard]] std::vector<SeriesPoint> estimated_frontier(const std::vector<OutcomePoint>& points,
                                                          const std::vector<double>& estimate,
                                                          PartyIndex modeller);

enum class AccuracyMeasure { kPearson, kKendall, kPareto, kMeanAbsoluteError };

// x = the offer index after which it was measured, y = the measure; undefined values (a constant
// estimate's correlation) are left out.
[[nodiscard]] std::vector<SeriesPoint> accuracy_series(const std::vector<AccuracyPoint>& curve,
                                                       AccuracyMeasure measure);

// "China's estimate of the U.S., round 32: Pearson 0.95 · Kendall 0.80 · Pareto 44% ·
// reservation 0.71 (true 0.43)" (the round of the last offer it answered, counted from 1;
// the reservation part only when the model estimates one); "China's estimate of the U.S.: no
// offer seen yet" before the first point.
[[nodiscard]] std::string accuracy_caption(const Scenario& scenario, PartyIndex modeller,
                                           const std::vector<AccuracyPoint>& curve,
                                           double true_reservation);

}  // namespace treatysim::gui
