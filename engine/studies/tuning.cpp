#include "engine/studies/tuning.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <map>
#include <set>
#include <utility>

#include <boost/random/uniform_real_distribution.hpp>
#include <nlopt.hpp>

#include "engine/model/check.hpp"
#include "engine/model/issue.hpp"
#include "engine/model/random.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim {

namespace {

constexpr double kGlobalShare = 0.8;  // of the budget, for crs2 and isres
constexpr double kLocalStep = 0.25;   // initial step of a local search, of each range
constexpr double kPolishStep = 0.05;  // initial step of the polish after a global search
constexpr double kStopStep = 1e-4;    // a local search stops when its steps are this small
constexpr int kMaxIdleSearches = 5;   // searches in a row that evaluate nothing new: stop

nlopt::algorithm nlopt_algorithm(TuneAlgorithm algorithm) {
  switch (algorithm) {
    case TuneAlgorithm::kCrs2:
      return nlopt::GN_CRS2_LM;
    case TuneAlgorithm::kIsres:
      return nlopt::GN_ISRES;
    case TuneAlgorithm::kBobyqa:
      return nlopt::LN_BOBYQA;
    case TuneAlgorithm::kSubplex:
      return nlopt::LN_SBPLX;
    case TuneAlgorithm::kNelderMead:
      return nlopt::LN_NELDERMEAD;
  }
  return nlopt::LN_SBPLX;
}

// The objective in the unit cube, with the cache, the budget and the best point.
class Search {
 public:
  Search(const std::function<double(const std::vector<double>&)>& objective,
         const std::vector<double>& lower, const std::vector<double>& upper, int budget,
         const std::function<void(const OptimiserStep&)>& on_step)
      : objective_(objective), lower_(lower), upper_(upper), budget_(budget), on_step_(on_step) {}

  // The point of the box at unit coordinates u.
  [[nodiscard]] std::vector<double> to_box(const std::vector<double>& u) const {
    std::vector<double> x(u.size());
    for (std::size_t i = 0; i < u.size(); ++i) {
      x[i] = std::clamp(lower_[i] + u[i] * (upper_[i] - lower_[i]), lower_[i], upper_[i]);
    }
    return x;
  }
  [[nodiscard]] std::vector<double> to_unit(const std::vector<double>& x) const {
    std::vector<double> u(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
      u[i] = std::clamp((x[i] - lower_[i]) / (upper_[i] - lower_[i]), 0.0, 1.0);
    }
    return u;
  }

  // NLopt minimises: the value returned is −objective.
  static double call(unsigned n, const double* u, double* gradient, void* data) {
    static_cast<void>(gradient);  // derivative-free algorithms only
    auto* self = static_cast<Search*>(data);
    try {
      return -self->value(self->to_box(std::vector<double>(u, u + n)));
    } catch (...) {
      self->error_ = std::current_exception();
      self->running_->force_stop();
      return HUGE_VAL;
    }
  }

  // Runs one NLopt search from unit point `start` with at most `calls` calls.
  void run(nlopt::algorithm algorithm, const std::vector<double>& start, int calls,
           double initial_step, bool local) {
    const auto n = static_cast<unsigned>(start.size());
    nlopt::opt opt(algorithm, n);
    opt.set_lower_bounds(std::vector<double>(n, 0.0));
    opt.set_upper_bounds(std::vector<double>(n, 1.0));
    opt.set_min_objective(&Search::call, this);
    opt.set_maxeval(calls);
    if (local) {
      opt.set_initial_step(initial_step);
      opt.set_xtol_abs(kStopStep);
    }
    std::vector<double> u = start;
    double f = 0.0;
    running_ = &opt;
    try {
      static_cast<void>(opt.optimize(u, f));
    } catch (const nlopt::roundoff_limited&) {
      // A plateau can look like round-off to NLopt; the best point is recorded anyway.
    } catch (const nlopt::forced_stop&) {
      // The objective threw (rethrown below) or the budget ran out.
    }
    running_ = nullptr;
    if (error_) std::rethrow_exception(error_);
  }

  [[nodiscard]] double value(const std::vector<double>& x) {
    if (const auto it = cache_.find(x); it != cache_.end()) return it->second;
    if (evaluations_ >= budget_) {
      // Out of budget: stop the search (only reached when NLopt's own count includes cached
      // repeats less often than ours, i.e. never beyond one call).
      running_->force_stop();
      return best_value_;
    }
    const double v = objective_(x);
    ++evaluations_;
    cache_.emplace(x, v);
    const bool improved = best_x_.empty() || v > best_value_;
    if (improved) {
      best_x_ = x;
      best_value_ = v;
    }
    if (on_step_) on_step_({evaluations_, x, v, best_x_, best_value_, improved});
    return v;
  }

  [[nodiscard]] int remaining() const noexcept { return budget_ - evaluations_; }
  [[nodiscard]] int evaluations() const noexcept { return evaluations_; }
  [[nodiscard]] const std::vector<double>& best_x() const noexcept { return best_x_; }
  [[nodiscard]] double best_value() const noexcept { return best_value_; }

 private:
  const std::function<double(const std::vector<double>&)>& objective_;
  const std::vector<double>& lower_;
  const std::vector<double>& upper_;
  int budget_;
  const std::function<void(const OptimiserStep&)>& on_step_;
  std::map<std::vector<double>, double> cache_;
  int evaluations_ = 0;
  std::vector<double> best_x_;
  double best_value_ = 0.0;
  nlopt::opt* running_ = nullptr;
  std::exception_ptr error_;
};

// Local searches until the budget is spent (see the header): after a search that improved the
// best point, the next starts from it with `step`; after one that did not, from a random point of
// the box with kLocalStep. Stops early when searches keep finding only cached points.
void local_searches(Search& search, nlopt::algorithm algorithm, double step, Rng& rng) {
  boost::random::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<double> from = search.to_unit(search.best_x());
  double from_step = step;
  int idle = 0;
  while (search.remaining() > 0 && idle < kMaxIdleSearches) {
    const double before = search.best_value();
    const int used = search.evaluations();
    search.run(algorithm, from, search.remaining(), from_step, true);
    idle = search.evaluations() == used ? idle + 1 : 0;
    if (search.best_value() > before) {
      from = search.to_unit(search.best_x());
      from_step = step;
    } else {
      for (double& u : from) u = uniform(rng);
      from_step = kLocalStep;
    }
  }
}

}  // namespace

OptimiserResult maximise(const std::function<double(const std::vector<double>&)>& objective,
                         const std::vector<double>& lower, const std::vector<double>& upper,
                         const std::vector<double>& start, const OptimiserOptions& options,
                         const std::function<void(const OptimiserStep&)>& on_step) {
  TREATYSIM_CHECK(!lower.empty() && lower.size() == upper.size() && start.size() == lower.size(),
                  "maximise: bounds and start must have the same, non-zero size");
  for (std::size_t i = 0; i < lower.size(); ++i) {
    TREATYSIM_CHECK(lower[i] < upper[i], "maximise: lower < upper in every coordinate");
  }
  TREATYSIM_CHECK(options.evaluations >= 2, "maximise: a budget of at least 2 evaluations");
  // NLopt's generator is global: seed it for this run (crs2 and isres draw from it).
  nlopt::srand(static_cast<unsigned long>(derive_seed(options.seed, "nlopt", 0)));
  Search search(objective, lower, upper, options.evaluations, on_step);
  Rng restarts(derive_seed(options.seed, "restarts", 0));
  std::vector<double> start_box(start.size());
  for (std::size_t i = 0; i < start.size(); ++i) {
    start_box[i] = std::clamp(start[i], lower[i], upper[i]);
  }
  // The start is evaluated first: the result is never worse than it.
  static_cast<void>(search.value(start_box));
  if (tune_algorithm_is_global(options.algorithm)) {
    const int global = std::max(
        1,
        static_cast<int>(std::floor(kGlobalShare * static_cast<double>(options.evaluations))) - 1);
    search.run(nlopt_algorithm(options.algorithm), search.to_unit(start_box), global, 0.0, false);
    local_searches(search, nlopt::LN_SBPLX, kPolishStep, restarts);
  } else {
    local_searches(search, nlopt_algorithm(options.algorithm), kLocalStep, restarts);
  }
  return {search.best_x(), search.best_value(), search.evaluations()};
}

PreparedTune prepare_tune(TuneDef def, const AgentFactory& factory, const ParameterLookup& lookup) {
  PreparedTune tune;
  const std::vector<Scenario> scenarios = load_study_scenarios(def.study);
  const std::vector<std::uint64_t> seeds =
      plan_seeds(def.study.seed, "evaluation", def.study.repetitions);
  const std::vector<std::uint64_t> fresh =
      plan_seeds(def.study.seed, "validation", def.validation_repetitions);
  const std::set<std::uint64_t> tuning_set(seeds.begin(), seeds.end());
  for (const std::uint64_t s : fresh) {
    TREATYSIM_CHECK(tuning_set.count(s) == 0, "validation seeds must differ from tuning seeds");
  }
  tune.plan = make_plan(def.study, scenarios, seeds);
  tune.validation_plan = make_plan(def.study, scenarios, fresh);
  tune.default_spec = def.study.strategy;
  for (std::size_t i = 0; i < def.parameters.size(); ++i) {
    const std::string& path = def.parameters[i];
    ParameterRange range;
    try {
      range = lookup(def.study.strategy, path);
    } catch (const UserError& e) {
      throw UserError(def.parameters_at, "tune.parameters[" + std::to_string(i) + "]", e.message());
    }
    TunedParameter p{path, range.min, range.max, range.default_value, range.integer};
    for (const TuneBound& bound : def.bounds) {
      if (bound.parameter != path) continue;
      if (bound.min < range.min || bound.max > range.max) {
        throw UserError(bound.at, "tune.bounds." + path,
                        "[" + format_number(bound.min) + ", " + format_number(bound.max) +
                            "] is not inside the range of \"" + path + "\", [" +
                            format_number(range.min) + ", " + format_number(range.max) + "]");
      }
      p.min = bound.min;
      p.max = bound.max;
    }
    if (p.integer && std::ceil(p.min) > std::floor(p.max)) {
      throw UserError(def.parameters_at, "tune.parameters[" + std::to_string(i) + "]",
                      "\"" + path + "\" is a whole number, and no whole number lies in [" +
                          format_number(p.min) + ", " + format_number(p.max) + "]");
    }
    tune.default_spec = with_number(tune.default_spec, path, p.default_value);
    tune.parameters.push_back(std::move(p));
  }
  tune.def = std::move(def);
  // The defaults and the corners of the box: what the search may build, checked before it runs.
  const StudyDef& study = tune.def.study;
  check_study_plan(study, tune.plan, factory, tune.default_spec, study.strategy_at,
                   "tune.strategy");
  std::vector<double> low;
  std::vector<double> high;
  for (const TunedParameter& p : tune.parameters) {
    low.push_back(p.min);
    high.push_back(p.max);
  }
  check_study_plan(study, tune.plan, factory, tune_spec(tune, low), tune.def.parameters_at,
                   "tune.parameters");
  check_study_plan(study, tune.plan, factory, tune_spec(tune, high), tune.def.parameters_at,
                   "tune.parameters");
  return tune;
}

Spec tune_spec(const PreparedTune& tune, const std::vector<double>& values) {
  Spec spec = tune.def.study.strategy;
  for (std::size_t i = 0; i < tune.parameters.size(); ++i) {
    const TunedParameter& p = tune.parameters[i];
    double v = std::clamp(values[i], p.min, p.max);
    if (p.integer) {
      v = std::clamp(std::round(v), std::ceil(p.min), std::floor(p.max));
    } else if (v != 0.0) {
      // Four significant digits: finer differences almost never change a negotiation (the
      // objective is piecewise constant), and the specs stay readable.
      const double scale =
          std::pow(10.0, 3 - static_cast<int>(std::floor(std::log10(std::abs(v)))));
      v = std::clamp(round_for_output(std::round(v * scale) / scale), p.min, p.max);
    }
    spec = with_number(spec, p.path, v);
  }
  return spec;
}

double tune_objective(Metric metric, const Evaluation& evaluation) {
  const double mean = evaluation.mean(metric);
  return metric_higher_is_better(metric) ? mean : -mean;
}

TuneResult run_tuning(const PreparedTune& tune, const AgentFactory& factory,
                      const std::function<void(const TuneStep&)>& progress,
                      const ParallelFor& parallel) {
  return run_tuning(tune, factory, progress, local_parallel_map(parallel));
}

TuneResult run_tuning(const PreparedTune& tune, const AgentFactory& factory,
                      const std::function<void(const TuneStep&)>& progress,
                      const ParallelMap& parallel) {
  const Metric metric = tune.def.study.metric;
  const double sign = metric_higher_is_better(metric) ? 1.0 : -1.0;
  // Integer parameters make different points the same spec: play each spec once.
  std::map<std::string, double> by_spec;
  const auto score = [&](const Spec& spec) {
    const std::string key = spec.to_string();
    if (const auto it = by_spec.find(key); it != by_spec.end()) return it->second;
    const double v = tune_objective(metric, evaluate(tune.plan, factory, spec, parallel));
    by_spec.emplace(key, v);
    return v;
  };
  const auto objective = [&](const std::vector<double>& x) { return score(tune_spec(tune, x)); };
  const auto on_step = [&](const OptimiserStep& step) {
    if (!progress) return;
    progress({step.evaluation, tune.def.evaluations, tune_spec(tune, step.x), sign * step.value,
              tune_spec(tune, step.best_x), sign * step.best_value, step.improved});
  };
  std::vector<double> lower;
  std::vector<double> upper;
  std::vector<double> start;
  for (const TunedParameter& p : tune.parameters) {
    lower.push_back(p.min);
    upper.push_back(p.max);
    start.push_back(p.default_value);
  }
  const OptimiserResult best = maximise(
      objective, lower, upper, start,
      {tune.def.algorithm, tune.def.evaluations, derive_seed(tune.def.study.seed, "tuning", 0)},
      on_step);

  TuneResult result;
  result.best_spec = tune_spec(tune, best.best_x);
  for (std::size_t i = 0; i < tune.parameters.size(); ++i) {
    result.best_values.push_back(written_number(result.best_spec, tune.parameters[i].path)
                                     .value_or(tune.parameters[i].default_value));
  }
  result.best_score = sign * best.best_value;
  result.default_score = sign * score(tune.default_spec);
  result.evaluations = best.evaluations;
  const Evaluation fresh_best = evaluate(tune.validation_plan, factory, result.best_spec, parallel);
  const Evaluation fresh_default =
      evaluate(tune.validation_plan, factory, tune.default_spec, parallel);
  result.best_validation = fresh_best.summary(metric);
  result.default_validation = fresh_default.summary(metric);
  const auto m = static_cast<std::size_t>(metric);
  result.comparison = paired_t_test(fresh_best.values[m], fresh_default.values[m]);
  return result;
}

}  // namespace treatysim
