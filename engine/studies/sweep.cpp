#include "engine/studies/sweep.hpp"

#include <cmath>
#include <utility>

#include "engine/io/bytes.hpp"
#include "engine/model/check.hpp"
#include "engine/model/issue.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim {

namespace {

constexpr std::size_t kMaxPoints = 10000;

std::string axis_key(std::size_t axis) {
  return "sweep.axes[" + std::to_string(axis) + "].parameter";
}

// The values of grid point `index` (row by row).
std::vector<double> point_values(const SweepDef& def, std::size_t index) {
  std::vector<double> values(def.axes.size());
  for (std::size_t a = def.axes.size(); a-- > 0;) {
    const std::size_t size = def.axes[a].values.size();
    values[a] = def.axes[a].values[index % size];
    index /= size;
  }
  return values;
}

std::string cell(double value) {
  return format_number(round_for_output(value));
}

}  // namespace

std::size_t PreparedSweep::point_count() const noexcept {
  std::size_t count = 1;
  for (const SweepAxis& axis : def.axes) count *= axis.values.size();
  return count;
}

std::size_t PreparedSweep::negotiation_count() const {
  const std::size_t roles = scenarios.size() * (def.study.roles == "both" ? 2 : 1);
  return point_count() * roles * def.study.opponents.size() * seeds.size();
}

PreparedSweep prepare_sweep(SweepDef def, const AgentFactory& factory,
                            const ParameterLookup& lookup) {
  PreparedSweep sweep;
  sweep.scenarios = load_study_scenarios(def.study);
  sweep.seeds = plan_seeds(def.study.seed, "evaluation", def.study.repetitions);
  sweep.def = std::move(def);
  const SweepDef& d = sweep.def;
  if (sweep.point_count() > kMaxPoints) {
    throw UserError(d.axes.back().at, "sweep.axes",
                    "the grid has " + std::to_string(sweep.point_count()) + " points; at most " +
                        std::to_string(kMaxPoints) + " are allowed");
  }
  for (std::size_t a = 0; a < d.axes.size(); ++a) {
    const SweepAxis& axis = d.axes[a];
    const std::string key = axis_key(a);
    ParameterRange range;
    try {
      range = is_scenario_parameter(axis.parameter)
                  ? scenario_parameter_range(axis.parameter, sweep.scenarios)
                  : lookup(d.study.strategy, axis.parameter);
    } catch (const UserError& e) {
      throw UserError(axis.at, key, e.message());
    }
    for (const double v : axis.values) {
      if (v < range.min || v > range.max) {
        throw UserError(axis.at, key,
                        "the grid value " + format_number(v) + " of \"" + axis.parameter +
                            "\" is outside its range [" + format_number(range.min) + ", " +
                            format_number(range.max) + "]");
      }
      if (range.integer && v != std::floor(v)) {
        throw UserError(
            axis.at, key,
            "\"" + axis.parameter + "\" is a whole number, but the grid has " + format_number(v));
      }
    }
    sweep.ranges.push_back(range);
  }
  // Every value of each axis, with the other axis at its first value: the specs and the
  // scenarios the sweep will build are all checked before anything runs.
  for (std::size_t a = 0; a < d.axes.size(); ++a) {
    for (const double v : d.axes[a].values) {
      std::vector<double> values = point_values(d, 0);
      values[a] = v;
      const std::string at = "at " + d.axes[a].parameter + " = " + format_number(v) + ": ";
      EvaluationPlan plan;
      Spec spec;
      try {
        plan = sweep_plan(sweep, values);
        spec = sweep_spec(sweep, values);
      } catch (const UserError& e) {
        if (!e.location().file.empty()) throw;
        throw UserError(d.axes[a].at, axis_key(a), at + e.message());
      }
      try {
        check_study_plan(d.study, plan, factory, spec, d.axes[a].at, axis_key(a));
      } catch (const UserError& e) {
        if (e.key() != axis_key(a)) throw;
        throw UserError(e.location(), e.key(), at + e.message());
      }
    }
  }
  return sweep;
}

Spec sweep_spec(const PreparedSweep& sweep, const std::vector<double>& values) {
  Spec spec = sweep.def.study.strategy;
  for (std::size_t a = 0; a < sweep.def.axes.size(); ++a) {
    const std::string& path = sweep.def.axes[a].parameter;
    if (!is_scenario_parameter(path)) spec = with_number(spec, path, values[a]);
  }
  return spec;
}

EvaluationPlan sweep_plan(const PreparedSweep& sweep, const std::vector<double>& values) {
  std::vector<Scenario> scenarios = sweep.scenarios;
  for (std::size_t a = 0; a < sweep.def.axes.size(); ++a) {
    const std::string& path = sweep.def.axes[a].parameter;
    if (!is_scenario_parameter(path)) continue;
    for (Scenario& s : scenarios) s = with_scenario_parameter(s, path, values[a]);
  }
  return make_plan(sweep.def.study, scenarios, sweep.seeds);
}

SweepResult run_sweep(const PreparedSweep& sweep, const AgentFactory& factory,
                      const ParallelFor& parallel,
                      const std::function<void(std::size_t, std::size_t)>& progress) {
  return run_sweep(sweep, factory, parallel, local_parallel_map({}), progress);
}

SweepResult run_sweep(const PreparedSweep& sweep, const AgentFactory& factory,
                      const ParallelFor& parallel, const ParallelMap& points,
                      const std::function<void(std::size_t, std::size_t)>& progress) {
  bool scenario_axis = false;
  for (const SweepAxis& axis : sweep.def.axes) {
    scenario_axis = scenario_axis || is_scenario_parameter(axis.parameter);
  }
  // Without a scenario axis every point shares one plan (and its analyses).
  std::optional<EvaluationPlan> shared;
  if (!scenario_axis) shared = sweep_plan(sweep, point_values(sweep.def, 0));
  const std::size_t total = sweep.point_count();
  const auto compute = [&](std::size_t i) {
    const std::vector<double> values = point_values(sweep.def, i);
    const EvaluationPlan plan = shared ? EvaluationPlan{} : sweep_plan(sweep, values);
    const EvaluationPlan& used = shared ? *shared : plan;
    const Evaluation evaluation = evaluate(used, factory, sweep_spec(sweep, values), parallel);
    const SampleSummary summary = evaluation.summary(sweep.def.study.metric);
    ByteWriter out;
    out.put<std::uint64_t>(used.negotiation_count());
    for (const double x : {summary.mean, summary.sd, summary.ci_low, summary.ci_high}) {
      out.put<double>(x);
    }
    out.put<std::uint64_t>(summary.n);
    for (std::size_t m = 0; m < kMetricCount; ++m) {
      const SampleSummary s = evaluation.summary(static_cast<Metric>(m));
      out.put<double>(s.mean);
      out.put<std::uint64_t>(s.n);
    }
    return out.take();
  };
  SweepResult result;
  result.points.reserve(total);
  points(total, compute, [&](std::size_t i, std::string_view bytes) {
    SweepPoint point;
    point.values = point_values(sweep.def, i);
    ByteReader in(bytes);
    point.negotiations = static_cast<std::size_t>(in.get<std::uint64_t>());
    point.summary.mean = in.get<double>();
    point.summary.sd = in.get<double>();
    point.summary.ci_low = in.get<double>();
    point.summary.ci_high = in.get<double>();
    point.summary.n = static_cast<std::size_t>(in.get<std::uint64_t>());
    for (std::size_t m = 0; m < kMetricCount; ++m) {
      point.means[m] = in.get<double>();
      point.counts[m] = static_cast<std::size_t>(in.get<std::uint64_t>());
    }
    TREATYSIM_CHECK(in.at_end(), "run_sweep: a point's bytes hold more than its scores");
    result.points.push_back(std::move(point));
    if (progress) progress(i + 1, total);
  });
  return result;
}

std::size_t best_sweep_point(const PreparedSweep& sweep, const SweepResult& result) {
  const bool higher = metric_higher_is_better(sweep.def.study.metric);
  std::size_t best = 0;
  for (std::size_t i = 1; i < result.points.size(); ++i) {
    const double mean = result.points[i].summary.mean;
    const double best_mean = result.points[best].summary.mean;
    if (higher ? mean > best_mean : mean < best_mean) best = i;
  }
  return best;
}

std::string sweep_csv(const PreparedSweep& sweep, const SweepResult& result) {
  const Metric metric = sweep.def.study.metric;
  const std::string name(metric_name(metric));
  std::string csv;
  for (const SweepAxis& axis : sweep.def.axes) csv += axis.parameter + ",";
  csv += "negotiations," + name + "," + name + "_sd," + name + "_ci_low," + name + "_ci_high";
  for (std::size_t m = 0; m < kMetricCount; ++m) {
    if (static_cast<Metric>(m) != metric)
      csv += "," + std::string(metric_name(static_cast<Metric>(m)));
  }
  csv += "\n";
  for (const SweepPoint& p : result.points) {
    for (const double v : p.values) csv += format_number(v) + ",";
    csv += std::to_string(p.negotiations) + "," + cell(p.summary.mean) + "," + cell(p.summary.sd) +
           "," + cell(p.summary.ci_low) + "," + cell(p.summary.ci_high);
    for (std::size_t m = 0; m < kMetricCount; ++m) {
      if (static_cast<Metric>(m) == metric) continue;
      csv += ",";
      if (p.counts[m] > 0) csv += cell(p.means[m]);
    }
    csv += "\n";
  }
  return csv;
}

}  // namespace treatysim
