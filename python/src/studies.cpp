// studies.cpp — the long runs: tournaments (engine/studies/tournament_run.hpp: files, resume,
// stop), sweeps and tuning (with a ParallelFor over threads), the treaty's life (one seed, or the
// distribution over many), and population dynamics. Long ones run through run_interruptible:
// Ctrl-C stops them within a second, progress bars move.
#include <cmath>
#include <mutex>
#include <optional>

#include "charts/svg.hpp"
#include "engine/lifecycle/lifecycle_json.hpp"
#include "engine/studies/lifecycle_runs.hpp"
#include "engine/studies/payoff_matrix.hpp"
#include "engine/studies/population.hpp"
#include "engine/studies/population_json.hpp"
#include "engine/studies/sweep.hpp"
#include "engine/studies/tournament_run.hpp"
#include "engine/studies/tuning.hpp"
#include "frontend/batch.hpp"
#include "frontend/reports.hpp"
#include "python/src/background.hpp"

namespace treatysim::python {

namespace {

// Thrown inside the work when Ctrl-C asked it to stop between parallel loops (the waiting thread
// raises KeyboardInterrupt).
struct StopRequested {};

// A ParallelFor that skips the bodies not yet started once `stop` is set, and then throws
// StopRequested rather than return results with holes.
ParallelFor stoppable(ParallelFor inner, const std::atomic<bool>& stop) {
  return [inner = std::move(inner), &stop](std::size_t count,
                                           const std::function<void(std::size_t)>& body) {
    if (stop.load()) throw StopRequested{};
    const auto guarded_body = [&](std::size_t i) {
      if (!stop.load(std::memory_order_relaxed)) body(i);
    };
    if (inner) {
      inner(count, guarded_body);
    } else {
      for (std::size_t i = 0; i < count; ++i) guarded_body(i);
    }
    if (stop.load()) throw StopRequested{};
  };
}

// Drops the line and column of errors in text generated from a Python dict (they would point
// into text the user never saw); the key says where.
template <typename Work>
decltype(auto) guarded_source(ErrorKind kind, const std::string& source, bool from_dict,
                              Work&& work) {
  try {
    return std::forward<Work>(work)();
  } catch (const UserError& e) {
    if (!from_dict || e.location().file != source || e.location().line == 0) {
      throw PythonUserError(kind, e);
    }
    throw PythonUserError(kind, UserError(SourceLocation{source, 0, 0}, e.key(), e.message()));
  }
}

py::dict summary_dict(const SampleSummary& s) {
  py::dict d;
  d["n"] = s.n;
  d["mean"] = s.mean;
  d["sd"] = s.sd;
  d["ci_low"] = s.ci_low;
  d["ci_high"] = s.ci_high;
  return d;
}

py::dict paired_dict(const PairedTest& t) {
  py::dict d;
  d["n"] = t.n;
  d["mean_difference"] = t.mean_difference;
  d["t"] = t.t;
  d["degrees_of_freedom"] = t.degrees_of_freedom;
  d["p_value"] = t.p_value;
  return d;
}

// [SECTION] Results kept in C++ ------------------------------------------------------------------

struct LifecycleHandle {
  Scenario scenario;
  LifecycleResult result;
};

struct DistributionHandle {
  Scenario scenario;
  LifecycleDistribution distribution;
};

struct SweepHandle {
  PreparedSweep sweep;
  SweepResult result;
};

struct PopulationHandle {
  std::string source;
  PopulationResult result;
};

}  // namespace

void register_studies(py::module_& m) {
  // [SECTION] Tournaments ------------------------------------------------------------------------
  m.def(
      "tournament",
      [](const std::string& source, const py::object& text, bool from_dict,
         const agents::Registry& registry, const std::string& out, bool resume,
         const std::string& shard, bool traces, int jobs, const py::object& progress) {
        const CompetitorCheck check = frontend::batch_competitor_check(registry);
        TournamentDef def = guarded_source(ErrorKind::kTournament, source, from_dict, [&] {
          if (text.is_none()) return load_tournament_file(source, check);
          return parse_tournament(text.cast<std::string>(), source, check);
        });
        TournamentRunOptions options;
        options.out = out.empty() ? default_tournament_dir(def.plan.name) : out;
        options.resume = resume;
        options.traces = traces;
        options.jobs = jobs;
        options.shard = guarded(ErrorKind::kTournament, [&] {
          return shard.empty() ? Shard{} : parse_shard(shard, "shard");
        });
        ProgressCounter counter;
        std::atomic<bool> stop{false};
        options.stop = &stop;
        options.started = [&](std::uint64_t done, std::uint64_t total) {
          counter.total.store(total);
          counter.done.store(done);
        };
        options.progress = [&](std::uint64_t n) { counter.done.fetch_add(n); };
        TournamentRunResult result;
        guarded(ErrorKind::kTournament, [&] {
          run_interruptible([&] { result = run_tournament(def, registry, options); }, stop, counter,
                            progress);
        });
        py::dict d;
        d["out"] = options.out;
        d["complete"] = result.complete;
        d["done"] = result.done;
        d["total"] = result.total;
        d["tables"] = frontend::tournament_tables(def.plan, result.results);
        d["name"] = def.plan.name;
        return d;
      },
      py::arg("source"), py::arg("text"), py::arg("from_dict"), py::arg("registry"), py::arg("out"),
      py::arg("resume"), py::arg("shard"), py::arg("traces"), py::arg("jobs"), py::arg("progress"));

  // [SECTION] Sweeps -------------------------------------------------------------------------------
  py::class_<SweepHandle>(m, "_Sweep")
      .def("csv", [](const SweepHandle& s) { return sweep_csv(s.sweep, s.result); })
      .def("svg", [](const SweepHandle& s) { return charts::sweep_svg(s.sweep, s.result); })
      .def("best", [](const SweepHandle& s) { return best_sweep_point(s.sweep, s.result); })
      .def_property_readonly("name", [](const SweepHandle& s) { return s.sweep.def.study.name; })
      .def_property_readonly(
          "metric",
          [](const SweepHandle& s) { return std::string(metric_name(s.sweep.def.study.metric)); })
      .def_property_readonly(
          "description",
          [](const SweepHandle& s) { return study_description(s.sweep.def.study, 100); })
      .def_property_readonly("axes", [](const SweepHandle& s) {
        py::list axes;
        for (const SweepAxis& a : s.sweep.def.axes) axes.append(a.parameter);
        return axes;
      });

  m.def(
      "sweep",
      [](const std::string& source, const py::object& text, bool from_dict,
         const agents::Registry& registry, int jobs, const py::object& progress) {
        SweepDef def = guarded_source(ErrorKind::kStudy, source, from_dict, [&] {
          if (text.is_none()) return load_sweep_file(source);
          return parse_sweep(text.cast<std::string>(), source);
        });
        PreparedSweep sweep = guarded_source(ErrorKind::kStudy, source, from_dict, [&] {
          frontend::check_batch_strategies(def.study, registry);
          return prepare_sweep(std::move(def), registry,
                               frontend::registry_parameter_lookup(registry));
        });
        ProgressCounter counter;
        counter.total.store(sweep.point_count());
        std::atomic<bool> stop{false};
        std::optional<SweepResult> result;
        guarded(ErrorKind::kStudy, [&] {
          run_interruptible(
              [&] {
                result =
                    run_sweep(sweep, registry, stoppable(parallel_for_jobs(jobs), stop),
                              [&](std::size_t done, std::size_t) { counter.done.store(done); });
              },
              stop, counter, progress);
        });
        return SweepHandle{std::move(sweep), std::move(*result)};
      },
      py::arg("source"), py::arg("text"), py::arg("from_dict"), py::arg("registry"),
      py::arg("jobs"), py::arg("progress"));

  // [SECTION] Tuning -------------------------------------------------------------------------------
  m.def(
      "tune",
      [](const std::string& source, const py::object& text, bool from_dict,
         const agents::Registry& registry, int jobs, const py::object& progress) {
        TuneDef def = guarded_source(ErrorKind::kStudy, source, from_dict, [&] {
          if (text.is_none()) return load_tune_file(source);
          return parse_tune(text.cast<std::string>(), source);
        });
        const PreparedTune tune = guarded_source(ErrorKind::kStudy, source, from_dict, [&] {
          frontend::check_batch_strategies(def.study, registry);
          return prepare_tune(std::move(def), registry,
                              frontend::registry_parameter_lookup(registry));
        });
        ProgressCounter counter;
        counter.total.store(static_cast<std::uint64_t>(tune.def.evaluations));
        std::atomic<bool> stop{false};
        std::vector<TuneStep> steps;
        std::mutex steps_mutex;
        TuneResult result;
        guarded(ErrorKind::kStudy, [&] {
          run_interruptible(
              [&] {
                result = run_tuning(
                    tune, registry,
                    [&](const TuneStep& step) {
                      {
                        const std::lock_guard<std::mutex> lock(steps_mutex);
                        steps.push_back(step);
                      }
                      counter.done.store(static_cast<std::uint64_t>(step.evaluation));
                    },
                    stoppable(parallel_for_jobs(jobs), stop));
              },
              stop, counter, progress);
        });
        py::list history;
        for (const TuneStep& step : steps) {
          py::dict row;
          row["evaluation"] = step.evaluation;
          for (const TunedParameter& p : tune.parameters) {
            const std::optional<double> value = written_number(step.spec, p.path);
            row[py::str(p.path)] = value ? py::object(py::float_(*value)) : py::object(py::none());
          }
          row["spec"] = step.spec.to_string();
          row["score"] = step.score;
          row["best_score"] = step.best_score;
          row["improved"] = step.improved;
          history.append(row);
        }
        py::dict d;
        d["name"] = tune.def.study.name;
        d["metric"] = std::string(metric_name(tune.def.study.metric));
        d["algorithm"] = tune_algorithm_name(tune.def.algorithm);
        d["description"] = study_description(tune.def.study, 100);
        py::list parameters;
        for (const TunedParameter& p : tune.parameters) {
          parameters.append(py::dict(py::arg("path") = p.path, py::arg("min") = p.min,
                                     py::arg("max") = p.max, py::arg("default") = p.default_value,
                                     py::arg("integer") = p.integer));
        }
        d["parameters"] = parameters;
        d["history"] = history;
        d["best_spec"] = result.best_spec.to_string();
        d["best_values"] = result.best_values;
        d["best_score"] = result.best_score;
        d["default_spec"] = tune.default_spec.to_string();
        d["default_score"] = result.default_score;
        d["evaluations"] = result.evaluations;
        d["best_validation"] = summary_dict(result.best_validation);
        d["default_validation"] = summary_dict(result.default_validation);
        d["comparison"] = paired_dict(result.comparison);
        d["validation_negotiations"] = tune.validation_plan.negotiation_count();
        return d;
      },
      py::arg("source"), py::arg("text"), py::arg("from_dict"), py::arg("registry"),
      py::arg("jobs"), py::arg("progress"));

  // [SECTION] The treaty's life --------------------------------------------------------------------
  py::class_<LifecycleHandle>(m, "_Lifecycle")
      .def_readonly("scenario", &LifecycleHandle::scenario)
      .def("json",
           [](const LifecycleHandle& h) {
             return to_python(lifecycle_to_json(h.scenario, h.result));
           })
      .def("to_json",
           [](const LifecycleHandle& h) {
             return lifecycle_to_json(h.scenario, h.result).dump(2) + "\n";
           })
      .def("to_csv", [](const LifecycleHandle& h) { return lifecycle_csv(h.scenario, h.result); })
      .def("text",
           [](const LifecycleHandle& h) { return frontend::lifecycle_text(h.scenario, h.result); })
      .def("traces", [](const LifecycleHandle& h) {
        py::list traces;
        for (const NegotiationRecord& n : h.result.negotiations) traces.append(py::cast(n.trace));
        return traces;
      });

  py::class_<DistributionHandle>(m, "_Distribution")
      .def("json",
           [](const DistributionHandle& h) {
             return to_python(lifecycle_distribution_to_json(h.scenario, h.distribution));
           })
      .def("to_json",
           [](const DistributionHandle& h) {
             return lifecycle_distribution_to_json(h.scenario, h.distribution).dump(2) + "\n";
           })
      .def("to_csv",
           [](const DistributionHandle& h) { return lifecycle_distribution_csv(h.distribution); })
      .def("text", [](const DistributionHandle& h) {
        return frontend::lifecycle_distribution_text(h.scenario, h.distribution);
      });

  m.def(
      "simulate",
      [](const Scenario& scenario, const py::object& seed, int years,
         const agents::Registry& registry) {
        if (!scenario.def().lifecycle) {
          throw PythonUserError(
              ErrorKind::kScenario,
              UserError("scenario \"" + scenario.id() +
                        "\" has no [treaty] section: it describes one negotiation, not a treaty's "
                        "life (use run())"));
        }
        const std::uint64_t s =
            seed.is_none() ? scenario.def().lifecycle->treaty.seed : seed.cast<std::uint64_t>();
        const py::gil_scoped_release release;
        return guarded(ErrorKind::kSpec, [&] {
          return LifecycleHandle{scenario, simulate_lifecycle(scenario, s, registry, years)};
        });
      },
      py::arg("scenario"), py::arg("seed"), py::arg("years"), py::arg("registry"));

  m.def(
      "simulate_runs",
      [](const Scenario& scenario, const py::object& seed, int years, std::uint64_t runs, int jobs,
         const agents::Registry& registry, const py::object& progress) {
        if (!scenario.def().lifecycle) {
          throw PythonUserError(
              ErrorKind::kScenario,
              UserError("scenario \"" + scenario.id() +
                        "\" has no [treaty] section: it describes one negotiation, not a treaty's "
                        "life (use run())"));
        }
        const std::uint64_t s =
            seed.is_none() ? scenario.def().lifecycle->treaty.seed : seed.cast<std::uint64_t>();
        ProgressCounter counter;
        counter.total.store(runs);
        std::atomic<bool> stop{false};
        std::optional<LifecycleDistribution> distribution;
        guarded(ErrorKind::kSpec, [&] {
          run_interruptible(
              [&] {
                distribution = simulate_lifecycle_runs(
                    scenario, s, runs, registry, years, parallel_for_jobs(jobs),
                    [&](std::uint64_t n) { counter.done.fetch_add(n); }, &stop);
              },
              stop, counter, progress);
        });
        return DistributionHandle{scenario, std::move(*distribution)};
      },
      py::arg("scenario"), py::arg("seed"), py::arg("years"), py::arg("runs"), py::arg("jobs"),
      py::arg("registry"), py::arg("progress"));

  // [SECTION] Population dynamics ------------------------------------------------------------------
  py::class_<PopulationHandle>(m, "_Population")
      .def("json",
           [](const PopulationHandle& h) {
             return to_python(population_to_json(h.source, h.result));
           })
      .def("to_json",
           [](const PopulationHandle& h) {
             return population_to_json(h.source, h.result).dump(2) + "\n";
           })
      .def("to_csv", [](const PopulationHandle& h) { return population_csv(h.result); })
      .def("text",
           [](const PopulationHandle& h) { return frontend::population_text(h.source, h.result); });

  m.def(
      "evolve",
      [](const std::string& kind, const py::object& source, const std::string& source_name,
         int generations, int population, double selection, int runs, std::uint64_t seed,
         const std::vector<double>& initial_shares) {
        // A dict or a summary arrives as text the user never saw: its errors name the key only.
        const bool from_dict = kind == "toml" || kind == "summary";
        PayoffMatrix matrix = guarded_source(ErrorKind::kPayoffMatrix, source_name, from_dict, [&] {
          if (kind == "file") return load_payoff_matrix(source.cast<std::string>());
          if (kind == "summary")
            return parse_tournament_summary(source.cast<std::string>(), source_name);
          if (kind == "toml")
            return parse_payoff_matrix_toml(source.cast<std::string>(), source_name);
          const py::tuple t = source.cast<py::tuple>();
          PayoffMatrix given;
          given.name = t[0].cast<std::string>();
          given.strategies = t[1].cast<std::vector<std::string>>();
          given.payoff = t[2].cast<std::vector<std::vector<double>>>();
          validate_payoff_matrix(given, source_name);
          return given;
        });
        guarded(ErrorKind::kPayoffMatrix,
                [&] { validate_population_payoffs(matrix, source_name); });
        PopulationOptions options;
        options.generations = generations;
        options.population = population;
        options.selection = selection;
        options.runs = runs;
        options.seed = seed;
        options.initial_shares = initial_shares;
        guarded(ErrorKind::kInput, [&] { validate_population_options(matrix, options); });
        const py::gil_scoped_release release;
        return PopulationHandle{source_name, evolve(matrix, options)};
      },
      py::arg("kind"), py::arg("source"), py::arg("source_name"), py::arg("generations"),
      py::arg("population"), py::arg("selection"), py::arg("runs"), py::arg("seed"),
      py::arg("initial_shares"));
}

}  // namespace treatysim::python
