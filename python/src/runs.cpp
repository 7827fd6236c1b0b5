// runs.cpp — one negotiation (run), its trace and, on request, its model report; the analysis of
// a scenario, the benchmark loop, and the list of strategies: each the engine's own result and
// writers, handed to Python.
#include "agents/registry_json.hpp"
#include "charts/svg.hpp"
#include "engine/analysis/analysis_json.hpp"
#include "engine/analysis/model_accuracy.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/protocol/trace.hpp"
#include "engine/studies/benchmark.hpp"
#include "frontend/reports.hpp"
#include "frontend/strategy_choice.hpp"
#include "python/src/outcomes.hpp"

namespace treatysim::python {

namespace {

// Each party's spec: the scenario's defaults replaced by `choices`, a list of (party id, spec
// text, origin) tuples; checked against `registry` (SpecError).
std::array<Spec, kPartyCount> choose(const Scenario& scenario, const py::list& choices,
                                     const agents::Registry& registry) {
  return guarded(ErrorKind::kSpec, [&] {
    frontend::StrategyChoices chosen(scenario);
    for (const py::handle item : choices) {
      const py::tuple t = py::reinterpret_borrow<py::tuple>(item);
      chosen.choose(t[0].cast<std::string>(), t[1].cast<std::string>(), t[2].cast<std::string>());
    }
    return chosen.resolve(registry);
  });
}

// The analysis of a scenario, with the scenario it belongs to.
struct AnalysisHandle {
  Scenario scenario;
  ScenarioAnalysis analysis;
};

// A negotiation run as `run --model-report` runs it: the trace and the agents' model report.
struct TracedReportHandle {
  Trace trace;
  ModelReport report;

  // The trace's JSON with the top-level "model_report", as `run --format json --model-report`.
  [[nodiscard]] nlohmann::ordered_json json() const {
    nlohmann::ordered_json json = trace_to_json(trace);
    json["model_report"] = model_report_to_json(trace.scenario, report);
    return json;
  }
};

std::optional<Outcome> optional_outcome(const Scenario& scenario, const py::object& outcome) {
  if (outcome.is_none()) return std::nullopt;
  return outcome_from_python(scenario, outcome, "outcome");
}

}  // namespace

void register_runs(py::module_& m) {
  py::class_<Trace>(m, "_Trace")
      .def_readonly("scenario", &Trace::scenario)
      .def_readonly("seed", &Trace::seed)
      .def_property_readonly(
          "agent_specs",
          [](const Trace& t) { return py::make_tuple(t.agent_specs[0], t.agent_specs[1]); })
      .def("json", [](const Trace& t) { return to_python(trace_to_json(t)); })
      .def("to_json", &trace_to_text)
      .def("to_csv", &offers_csv)
      .def("text", &frontend::format_negotiation_text)
      .def("svg", [](const Trace& t) {
        const ScenarioAnalysis analysis = analyze_scenario(t.scenario);
        return charts::outcome_space_svg(t.scenario, analysis, &t);
      });

  m.def(
      "run",
      [](const Scenario& scenario, const py::list& choices, std::uint64_t seed,
         const agents::Registry& registry) {
        const auto specs = choose(scenario, choices, registry);
        const py::gil_scoped_release release;
        return guarded(ErrorKind::kSpec,
                       [&] { return run_traced(scenario, specs, seed, registry); });
      },
      py::arg("scenario"), py::arg("choices"), py::arg("seed"), py::arg("registry"));

  py::class_<TracedReportHandle>(m, "_TracedReport")
      .def_readonly("trace", &TracedReportHandle::trace)
      .def("json", [](const TracedReportHandle& r) { return to_python(r.json()); })
      .def("to_json", [](const TracedReportHandle& r) { return r.json().dump(2) + "\n"; })
      .def("text", [](const TracedReportHandle& r) {
        return frontend::format_model_report_text(r.trace, r.report);
      });

  m.def(
      "run_with_models",
      [](const Scenario& scenario, const py::list& choices, std::uint64_t seed,
         const agents::Registry& registry) {
        const auto specs = choose(scenario, choices, registry);
        const py::gil_scoped_release release;
        return guarded(ErrorKind::kSpec, [&] {
          TracedReport run = run_traced_with_models(scenario, specs, seed, registry);
          return TracedReportHandle{std::move(run.trace), std::move(run.report)};
        });
      },
      py::arg("scenario"), py::arg("choices"), py::arg("seed"), py::arg("registry"));

  m.def(
      "bench",
      [](const Scenario& scenario, const py::list& choices, std::uint64_t seed,
         long long negotiations, const agents::Registry& registry) {
        if (negotiations < 1) {
          throw PythonUserError(
              ErrorKind::kInput,
              UserError("negotiations: expected at least 1, got " + std::to_string(negotiations)));
        }
        const auto specs = choose(scenario, choices, registry);
        BenchFigures figures;
        {
          const py::gil_scoped_release release;
          figures = guarded(ErrorKind::kSpec, [&] {
            return bench_negotiations(scenario, specs, seed, negotiations, registry);
          });
        }
        // One scenario's entry of `treatysim bench --format json`.
        return to_python(bench_to_json({figures}).at("scenarios").at(0));
      },
      py::arg("scenario"), py::arg("choices"), py::arg("seed"), py::arg("negotiations"),
      py::arg("registry"));

  py::class_<AnalysisHandle>(m, "_Analysis")
      .def_readonly("scenario", &AnalysisHandle::scenario)
      .def(
          "json",
          [](const AnalysisHandle& a, const py::object& outcome) {
            return to_python(
                analysis_to_json(a.scenario, a.analysis, optional_outcome(a.scenario, outcome)));
          },
          py::arg("outcome") = py::none())
      .def(
          "to_json",
          [](const AnalysisHandle& a, const py::object& outcome) {
            return analysis_to_json(a.scenario, a.analysis, optional_outcome(a.scenario, outcome))
                       .dump(2) +
                   "\n";
          },
          py::arg("outcome") = py::none())
      .def(
          "text",
          [](const AnalysisHandle& a, const py::object& outcome) {
            return frontend::analysis_text(a.scenario, a.analysis,
                                           optional_outcome(a.scenario, outcome));
          },
          py::arg("outcome") = py::none())
      .def(
          "metrics",
          [](const AnalysisHandle& a, const py::object& outcome, int offer_index) {
            const Outcome o = outcome_from_python(a.scenario, outcome, "outcome");
            return to_python(outcome_metrics_to_json(
                a.scenario, outcome_metrics(a.scenario, a.analysis, o, offer_index)));
          },
          py::arg("outcome"), py::arg("offer_index") = 0)
      .def("svg", [](const AnalysisHandle& a) {
        return charts::outcome_space_svg(a.scenario, a.analysis);
      });

  m.def(
      "analyze",
      [](const Scenario& scenario) {
        const py::gil_scoped_release release;
        return AnalysisHandle{scenario, analyze_scenario(scenario)};
      },
      py::arg("scenario"));

  m.def(
      "agents_json",
      [](const agents::Registry& registry) {
        return to_python(agents::registry_to_json(registry));
      },
      py::arg("registry"));

  m.def(
      "write_file",
      [](const std::string& path, const std::string& content) {
        guarded(ErrorKind::kInput, [&] { write_file_atomically(path, content); });
      },
      py::arg("path"), py::arg("content"),
      "Writes a file whole or not at all (a temporary file beside it, then a rename).");
}

}  // namespace treatysim::python
