// The learning opponent models and their accuracy: the Bayesian model (bayesian_model.hpp) by hand
// and converging over a negotiation against Boulware on the STA and on an ANAC domain; the
// Zeng–Sycara reservation estimator (zeng_sycara_model.hpp); the perfect model's accuracy 1 / 0.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "agents/bayesian_model.hpp"
#include "agents/registry.hpp"
#include "engine/analysis/model_accuracy.hpp"
#include "engine/io/genius_import.hpp"
#include "engine/model/scenario_toml.hpp"
#include "tests/agents/agents_test_support.hpp"

using doctest::Approx;
using treatysim::Scenario;

namespace {

constexpr const char* kTwoByTwo = R"(
[scenario]
id = "two"
title = "Two issues"
[protocol]
deadline = 10
first_mover = "a"
information = "private"
[[issues]]
id = "x"
label = "X"
options = [{ id = "x0", label = "x0" }, { id = "x1", label = "x1" }]
[[issues]]
id = "y"
label = "Y"
options = [{ id = "y0", label = "y0" }, { id = "y1", label = "y1" }]
[[parties]]
id = "a"
name = "A"
reservation = 0.0
discount = 1.0
agent = "boulware"
[parties.weights]
x = 0.5
y = 0.5
[parties.values]
x = [1.0, 0.0]
y = [0.0, 1.0]
[[parties]]
id = "b"
name = "B"
reservation = 0.0
discount = 1.0
agent = "boulware"
[parties.weights]
x = 0.7
y = 0.3
[parties.values]
x = [0.0, 1.0]
y = [1.0, 0.0]
)";

Scenario file(const std::string& path) {
  return treatysim::load_scenario_file(TREATYSIM_SOURCE_DIR "/" + path);
}

Scenario england_zimbabwe() {
  const std::string dir = TREATYSIM_SOURCE_DIR "/configs/tournaments/genius/EnglandZimbabwe/";
  treatysim::GeniusImportOptions options;
  options.deadline = 60;
  return Scenario::create(treatysim::import_genius(
      dir + "EnglandZimbabwe_domain.xml", dir + "England.xml", dir + "Zimbabwe.xml", options));
}

// The Pearson curve of party 1's model over a negotiation against party 0.
std::vector<double> pearson_curve(const Scenario& scenario, const std::string& opponent,
                                  const std::string& modeller) {
  const treatysim::TracedReport run = treatysim::run_traced_with_models(
      scenario, {treatysim::parse_spec(opponent), treatysim::parse_spec(modeller)}, 1,
      treatysim::agents::builtin_registry());
  REQUIRE(run.report.has_model[1]);
  std::vector<double> curve;
  for (const treatysim::AccuracyPoint& p : run.report.curves[1])
    curve.push_back(*p.accuracy.pearson);
  return curve;
}

}  // namespace

TEST_CASE("bayesian model: the first update by hand on two issues of two options") {
  const Scenario scenario = treatysim::parse_scenario(kTwoByTwo, "two.toml");
  treatysim::agents::BayesianModel model(0.25, 0.2);
  model.reset(agents_test::context_for(scenario, 0, 1));
  CHECK(model.ranking_hypotheses());
  // Prior: both rankings (weights 1/3, 2/3 and 2/3, 1/3), uphill and downhill equally likely.
  CHECK(model.expected_weights()[0] == Approx(0.5));
  CHECK(model.expected_value(0, 1) == Approx(0.5));
  // The opponent offers x1/y0 at t = 0: predicted u' = 1. Both rankings give U = 0.5 (equal
  // likelihoods); for x, uphill gives U = 0.25 + 0.5·1 = 0.75 and downhill 0.25, so
  // P(uphill) = e^(−0.5)/(e^(−0.5) + e^(−4.5)) = 1/(1 + e^(−4)); y mirrors it (downhill).
  const treatysim::Outcome offer = *scenario.space().parse("x1/y0", nullptr);
  std::vector<treatysim::OfferRecord> offers{{offer, 1}};
  model.update(treatysim::NegotiationState{0, 10, offers}, offer);
  const double p = 1.0 / (1.0 + std::exp(-4.0));
  CHECK(model.expected_weights()[0] == Approx(0.5));
  CHECK(model.expected_value(0, 1) == Approx(p));
  CHECK(model.expected_value(0, 0) == Approx(1.0 - p));
  CHECK(model.expected_value(1, 0) == Approx(p));
  CHECK(model.utility(offer) == Approx(p));
  // A repeated offer is no new evidence.
  model.update(treatysim::NegotiationState{2, 10, offers}, offer);
  CHECK(model.expected_value(0, 1) == Approx(p));
}

TEST_CASE("bayesian model: its correlation grows over a negotiation against Boulware (STA)") {
  const std::vector<double> curve =
      pearson_curve(file("configs/sta-2024.toml"), "boulware",
                    "boa(bidding=time_dependent(e=0.5), acceptance=ac_next, model=bayesian)");
  REQUIRE(curve.size() >= 10);
  CAPTURE(curve.front());
  CAPTURE(curve.back());
  CHECK(curve.back() > curve.front() + 0.05);
  CHECK(curve.back() > 0.9);
}

TEST_CASE("bayesian model: its correlation grows against Boulware on an ANAC domain") {
  const std::vector<double> curve =
      pearson_curve(england_zimbabwe(), "boulware",
                    "boa(bidding=time_dependent(e=0.5), acceptance=ac_next, model=bayesian)");
  REQUIRE(curve.size() >= 10);
  CAPTURE(curve.front());
  CAPTURE(curve.back());
  CHECK(curve.back() > curve.front() + 0.05);
}

TEST_CASE("perfect model: correlation 1, errors 0, on fixed and on drawn reservation values") {
  // sta-2024 under complete information, with the U.S. value fixed and drawn.
  for (const std::string us : {"0.40", "{ uniform = [0.25, 0.55] }"}) {
    std::string text = treatysim::read_text_file(TREATYSIM_SOURCE_DIR "/configs/sta-2024.toml");
    text.replace(text.find("information = \"private\""), 23, "information = \"complete\"");
    text.replace(text.find("reservation = 0.40"), 18, "reservation = " + us);
    const Scenario scenario = treatysim::parse_scenario(text, "sta.toml");
    const treatysim::TracedReport run = treatysim::run_traced_with_models(
        scenario,
        {treatysim::parse_spec("boulware"),
         treatysim::parse_spec("boa(bidding=time_dependent, acceptance=ac_next, model=perfect)")},
        3, treatysim::agents::builtin_registry());
    REQUIRE(run.report.final_accuracy[1]);
    const treatysim::ModelAccuracy& a = *run.report.final_accuracy[1];
    CAPTURE(us);
    CHECK(*a.pearson == Approx(1.0));
    CHECK(*a.kendall == Approx(1.0));
    CHECK(a.mean_absolute_error == 0.0);
    CHECK(a.pareto_share == 1.0);
    CHECK(*a.reservation_error == 0.0);
    CHECK(*a.estimated_reservation == run.trace.result.reservation_values[0]);
    CHECK_FALSE(run.report.has_model[0]);  // boulware has no model
  }
}

TEST_CASE("zeng_sycara: with exact utilities it recovers a linear opponent's reservation value") {
  std::string text = treatysim::read_text_file(TREATYSIM_SOURCE_DIR "/configs/sta-2024.toml");
  text.replace(text.find("information = \"private\""), 23, "information = \"complete\"");
  for (const double r : {0.1, 0.4, 0.7}) {
    std::string t = text;
    t.replace(t.find("reservation = 0.40"), 18, "reservation = " + std::to_string(r));
    const Scenario scenario = treatysim::parse_scenario(t, "sta.toml");
    // The modeller never concedes, so it sees the whole concession curve.
    const treatysim::TracedReport run = treatysim::run_traced_with_models(
        scenario,
        {treatysim::parse_spec("linear"),
         treatysim::parse_spec("boa(bidding=time_dependent(e=0), acceptance=ac_next, "
                               "model=zeng_sycara(model=perfect))")},
        1, treatysim::agents::builtin_registry());
    CAPTURE(r);
    REQUIRE(run.report.final_accuracy[1]);
    CHECK(*run.report.final_accuracy[1]->reservation_error < 0.02);
    // It starts at the prior mean, 0.5.
    CHECK(*run.report.curves[1].front().accuracy.estimated_reservation == Approx(0.5));
  }
}

TEST_CASE("zeng_sycara: model=none is refused with a reason") {
  const Scenario scenario = file("configs/sta-2024.toml");
  CHECK_THROWS_WITH(treatysim::agents::builtin_registry().check(
                        treatysim::parse_spec("boa(model=zeng_sycara(model=none))"), scenario, 1),
                    doctest::Contains("model=none gives it nothing to value"));
}
