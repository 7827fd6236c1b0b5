// bindings.hpp — what the files of the _treatysim extension share: JSON to Python values, the
// error channel (UserError → the package's exception classes), and the registration functions
// each file provides to the module.
//
// The extension is a thin layer: every number, rule and file format comes from the engine, the
// agents and the front-end libraries (frontend/, charts/); this code only converts values
// between C++ and Python, runs long work off the Python thread, and calls Python strategies.
#pragma once

#include <functional>
#include <string>
#include <utility>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <nlohmann/json.hpp>

#include "engine/model/user_error.hpp"

namespace treatysim::python {

namespace py = pybind11;

// [SECTION] JSON ---------------------------------------------------------------------------------

// A JSON value as Python objects: null → None, booleans, integers, floats, strings, arrays →
// list, objects → dict (in the JSON's key order).
[[nodiscard]] py::object to_python(const nlohmann::ordered_json& json);

// [SECTION] Errors -------------------------------------------------------------------------------

// Which of the package's exception classes (treatysim/_errors.py) a user error raises; every one
// derives from ValueError and carries the CLI's located message.
enum class ErrorKind {
  kInput,         // TreatysimError: a bad argument
  kScenario,      // ScenarioError: scenario files, TOML text, GENIUS files, edits
  kSpec,          // SpecError: strategy specs and the choice of strategies
  kTournament,    // TournamentError: tournament files and dicts, output folders
  kStudy,         // StudyError: sweep and tuning files and dicts
  kPayoffMatrix,  // PayoffMatrixError: the payoff matrix of evolve()
  kAgent,         // AgentError: a strategy written in Python broke a rule of the protocol
};

// A UserError on its way to Python, with the class it raises.
class PythonUserError : public std::exception {
 public:
  PythonUserError(ErrorKind kind, UserError error) : kind_(kind), error_(std::move(error)) {}
  [[nodiscard]] const char* what() const noexcept override { return error_.what(); }
  [[nodiscard]] ErrorKind kind() const noexcept { return kind_; }
  [[nodiscard]] const UserError& error() const noexcept { return error_; }

 private:
  ErrorKind kind_;
  UserError error_;
};

// Runs `work`; a UserError it throws leaves as a PythonUserError of `kind` (an inner guard's
// kind wins: a PythonUserError passes through).
template <typename Work>
decltype(auto) guarded(ErrorKind kind, Work&& work) {
  try {
    return std::forward<Work>(work)();
  } catch (const UserError& e) {
    throw PythonUserError(kind, e);
  }
}

// Sets the Python error for `error` (an instance of the class for `kind`, with its file, line,
// column, key and message) and throws py::error_already_set. Requires the GIL.
[[noreturn]] void raise_user_error(ErrorKind kind, const UserError& error);

// [SECTION] Registration of the module's parts ---------------------------------------------------

void register_errors(py::module_& m);
void register_scenarios(py::module_& m);
void register_strategies(py::module_& m);
void register_runs(py::module_& m);
void register_studies(py::module_& m);

}  // namespace treatysim::python
