// module.cpp — the _treatysim extension module: the engine for the treatysim Python package
// (python/treatysim/ is the pure-Python layer on top).
#include "engine/version.hpp"
#include "python/src/bindings.hpp"

PYBIND11_MODULE(_treatysim, m) {
  namespace tp = treatysim::python;
  m.doc() = "The treatysim engine (C++), for the treatysim package; use `import treatysim`.";
  m.attr("__version__") = treatysim::kProgramVersion;
  tp::register_errors(m);
  tp::register_scenarios(m);
  tp::register_strategies(m);
  tp::register_runs(m);
  tp::register_studies(m);
}
