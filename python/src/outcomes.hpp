// outcomes.hpp — outcomes between C++ and Python: {issue id: option id} dicts (or "S0/IP1/…"
// text) in, dicts out, with the ids as ready-made Python strings so that a strategy written in
// Python pays a few dictionary operations per offer.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/scenario.hpp"
#include "python/src/bindings.hpp"

namespace treatysim::python {

// The ids of a scenario's issues, options and parties as Python strings, and the look-ups back.
// Built and used with the GIL held; destroyed with it taken (it may die on a worker thread).
class PySpace {
 public:
  explicit PySpace(const Scenario& scenario);
  ~PySpace();
  PySpace(const PySpace&) = delete;
  PySpace& operator=(const PySpace&) = delete;

  [[nodiscard]] const Scenario& scenario() const noexcept { return scenario_; }
  [[nodiscard]] const py::str& party_id(PartyIndex party) const { return party_ids_[party]; }

  // {issue id: option id}.
  [[nodiscard]] py::dict to_dict(const Outcome& outcome) const;
  // The outcome a Python value names: a dict with one option id per issue (every issue, no
  // other key), or the text "S0/IP1/…" (option ids in issue order). nullopt with `error` set
  // (what is wrong, naming the issue and the options it has) otherwise.
  [[nodiscard]] std::optional<Outcome> from_python(py::handle value, std::string* error) const;

 private:
  Scenario scenario_;  // keeps the data (and so the cache key) alive
  std::vector<py::str> issue_ids_;
  std::vector<std::vector<py::str>> option_ids_;
  std::vector<py::dict> option_index_;  // per issue: option id → index
  py::dict issue_index_;                // issue id → index
  std::vector<py::str> party_ids_;
};

// The PySpace of a scenario, shared by everything that converts its outcomes (cached per
// scenario; requires the GIL).
[[nodiscard]] std::shared_ptr<const PySpace> py_space(const Scenario& scenario);

// The outcome a Python value names (see PySpace::from_python), or a ScenarioError naming
// `what` ("outcome") with the problem.
[[nodiscard]] Outcome outcome_from_python(const Scenario& scenario, py::handle value,
                                          const std::string& what);

// A short text of a Python value for messages (its repr, cut to 120 characters).
[[nodiscard]] std::string short_repr(py::handle value);

}  // namespace treatysim::python
