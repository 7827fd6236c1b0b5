// model_report_text.cpp — the text of `treatysim run --model-report`: how well each agent's
// opponent model guessed the other side.
#include <algorithm>
#include <cstdio>

#include "engine/analysis/model_accuracy.hpp"
#include "frontend/reports.hpp"

namespace treatysim::frontend {

namespace {

std::string number(const std::optional<double>& value, const char* format) {
  if (!value) return "-";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, format, *value);
  return buffer;
}

std::string row(const std::string& label, const ModelAccuracy& a) {
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, "  %12s  %7s  %7s  %6.3f  %6.1f%%  %9s  %9s\n",
                label.c_str(), number(a.pearson, "%.3f").c_str(), number(a.kendall, "%.3f").c_str(),
                a.mean_absolute_error, 100.0 * a.pareto_share,
                number(a.estimated_reservation, "%.3f").c_str(),
                number(a.reservation_error, "%.3f").c_str());
  return buffer;
}

}  // namespace

std::string format_model_report_text(const Trace& trace, const ModelReport& report) {
  const Scenario& scenario = trace.scenario;
  std::string text =
      "\nOpponent models: each agent's estimate of the other side against the truth (";
  text += report.sampled ? "a uniform sample of " + std::to_string(report.outcomes) + " outcomes"
                         : "all " + std::to_string(report.outcomes) + " outcomes";
  text += ")\n";
  bool any = false;
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    if (!report.has_model[p]) continue;
    any = true;
    const PartyIndex q = other_party(p);
    char reservation[32];
    std::snprintf(reservation, sizeof reservation, "%.3f", trace.result.reservation_values[q]);
    text += "\n" + scenario.party(p).id + " (" + trace.agent_specs[p] + ") models " +
            scenario.party(q).id + ", whose reservation value is " + reservation + "\n";
    text += "  after offer  pearson  kendall     mae   pareto  est. res.  res. error\n";
    const std::vector<AccuracyPoint>& curve = report.curves[p];
    const std::size_t n = curve.size();
    const std::size_t shown = std::min<std::size_t>(n, 12);
    std::size_t last = n;  // index of the previous row shown
    for (std::size_t k = 0; k < shown; ++k) {
      const std::size_t i = shown == 1 ? 0 : k * (n - 1) / (shown - 1);
      if (i == last) continue;
      last = i;
      text += row(std::to_string(curve[i].offer_index), curve[i].accuracy);
    }
    if (report.final_accuracy[p]) text += row("end", *report.final_accuracy[p]);
  }
  if (!any) text += "  neither agent has an opponent model\n";
  text +=
      "(pearson, kendall: correlation of the estimated with the true utilities, and of their "
      "rankings; mae: mean absolute error; pareto: share of the true Pareto frontier the estimate "
      "finds Pareto-optimal; -: undefined or not estimated)\n";
  return text;
}

}  // namespace treatysim::frontend
