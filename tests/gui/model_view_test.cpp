// The window's view of opponent models (gui/logic/model_view.hpp, Session's model section): the
// estimate cloud and frontier by hand, accuracy series and caption, and a replayed trace whose
// strategy is replayed as a shadow, so that its model learns exactly as when the trace was made.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "agents/registry.hpp"
#include "engine/analysis/model_accuracy.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/protocol/trace.hpp"
#include "gui/logic/model_view.hpp"
#include "gui/logic/session.hpp"

using treatysim::OutcomePoint;
using treatysim::gui::SeriesPoint;
using treatysim::gui::Vec2d;

TEST_CASE("model view: the estimate cloud replaces the modelled side's utility") {
  std::vector<OutcomePoint> points(3);
  points[0].utilities = {1.0, 0.0};
  points[1].utilities = {0.5, 0.5};
  points[2].utilities = {0.0, 1.0};
  for (std::size_t k = 0; k < 3; ++k) points[k].index = k;
  const std::vector<double> estimate{0.2, 0.9, 0.4};
  // Party 0 models party 1: y is the estimate.
  CHECK(treatysim::gui::estimate_cloud(points, estimate, 0) ==
        std::vector<Vec2d>{{1.0, 0.2}, {0.5, 0.9}, {0.0, 0.4}});
  // Party 1 models party 0: x is the estimate.
  CHECK(treatysim::gui::estimate_cloud(points, estimate, 1) ==
        std::vector<Vec2d>{{0.2, 0.0}, {0.9, 0.5}, {0.4, 1.0}});
  // Believed frontier of party 0's view: (0, 0.4) is dominated by (0.5, 0.9); x ascending.
  CHECK(treatysim::gui::estimated_frontier(points, estimate, 0) ==
        std::vector<SeriesPoint>{{0.5, 0.9}, {1.0, 0.2}});
}

TEST_CASE("model view: accuracy series skip undefined values, and the caption says it in words") {
  std::vector<treatysim::AccuracyPoint> curve(2);
  curve[0].offer_index = 1;
  curve[0].accuracy.pareto_share = 0.25;
  curve[1].offer_index = 3;
  curve[1].accuracy.pearson = 0.9;
  curve[1].accuracy.kendall = 0.75;
  curve[1].accuracy.pareto_share = 0.5;
  curve[1].accuracy.estimated_reservation = 0.31;
  curve[1].accuracy.reservation_error = 0.04;
  using treatysim::gui::AccuracyMeasure;
  CHECK(treatysim::gui::accuracy_series(curve, AccuracyMeasure::kPearson) ==
        std::vector<SeriesPoint>{{3.0, 0.9}});
  CHECK(treatysim::gui::accuracy_series(curve, AccuracyMeasure::kPareto) ==
        std::vector<SeriesPoint>{{1.0, 0.25}, {3.0, 0.5}});
  const treatysim::Scenario scenario =
      treatysim::load_scenario_file(TREATYSIM_SOURCE_DIR "/configs/sta-2024.toml");
  CHECK(treatysim::gui::accuracy_caption(scenario, 1, curve, 0.35) ==
        "China's estimate of the U.S., round 4: Pearson 0.90 · Kendall 0.75 · Pareto 50% · "
        "reservation 0.31 (true 0.35)");
  CHECK(treatysim::gui::accuracy_caption(scenario, 0, {}, 0.2) ==
        "U.S.'s estimate of China: no offer seen yet");
}

TEST_CASE("session: live and replayed, a model's estimate and curve are the engine's") {
  const treatysim::Scenario scenario =
      treatysim::load_scenario_file(TREATYSIM_SOURCE_DIR "/configs/sta-2024-uncertain.toml");
  const std::string bayes =
      "boa(bidding=om_bidding(target=time_dependent(e=0.5)), acceptance=ac_combi, "
      "model=zeng_sycara(model=bayesian))";
  const auto& registry = treatysim::agents::builtin_registry();
  const treatysim::TracedReport reference = treatysim::run_traced_with_models(
      scenario, {treatysim::parse_spec("boulware"), treatysim::parse_spec(bayes)}, 3, registry);
  REQUIRE(reference.report.curves[1].size() >= 5);

  treatysim::gui::Session session(registry);
  session.load_trace(reference.trace, "reference");  // replay: both sides scripted
  session.seek(session.total_events());
  CHECK(session.has_model(1));
  CHECK_FALSE(session.has_model(0));  // boulware has none
  // The shadow's model saw the same offers: the same curve as the original run.
  REQUIRE(session.accuracy_curve(1).size() == reference.report.curves[1].size());
  for (std::size_t k = 0; k < reference.report.curves[1].size(); ++k) {
    CHECK(session.accuracy_curve(1)[k].offer_index == reference.report.curves[1][k].offer_index);
    CHECK(session.accuracy_curve(1)[k].accuracy == reference.report.curves[1][k].accuracy);
  }
  CHECK(session.reservation_values() == reference.trace.result.reservation_values);
  CHECK(session.estimated_reservation(1) ==
        reference.report.final_accuracy[1]->estimated_reservation);
  const std::vector<double>& estimate = session.estimate(1);
  REQUIRE(estimate.size() == session.outcome_points().size());
  // The estimate cloud's accuracy is the engine's final accuracy (all 1024 outcomes measured).
  const treatysim::AccuracyBasis basis(scenario, 1);
  const treatysim::ModelAccuracy a =
      treatysim::measure_accuracy(basis, estimate, session.estimated_reservation(1),
                                  reference.trace.result.reservation_values[0]);
  CHECK(a == *reference.report.final_accuracy[1]);
  // Back to the start: no offer seen, no curve.
  session.seek(0);
  CHECK(session.accuracy_curve(1).empty());
}
