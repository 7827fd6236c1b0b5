#include "python/src/outcomes.hpp"

#include <unordered_map>

namespace treatysim::python {

PySpace::PySpace(const Scenario& scenario) : scenario_(scenario) {
  const OutcomeSpace& space = scenario_.space();
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    const Issue& issue = space.issue(i);
    issue_ids_.emplace_back(issue.id);
    issue_index_[issue_ids_.back()] = py::int_(i);
    option_ids_.emplace_back();
    option_index_.emplace_back();
    for (std::size_t o = 0; o < issue.options.size(); ++o) {
      option_ids_.back().emplace_back(issue.options[o].id);
      option_index_.back()[option_ids_.back().back()] = py::int_(o);
    }
  }
  for (PartyIndex p = 0; p < kPartyCount; ++p) party_ids_.emplace_back(scenario_.party(p).id);
}

PySpace::~PySpace() {
  if (Py_IsInitialized() == 0) {
    // The interpreter is gone: the objects cannot be released (and need not be).
    for (auto* list : {&issue_ids_, &party_ids_}) {
      for (py::str& s : *list) static_cast<void>(s.release());
    }
    for (auto& options : option_ids_) {
      for (py::str& s : options) static_cast<void>(s.release());
    }
    for (py::dict& d : option_index_) static_cast<void>(d.release());
    static_cast<void>(issue_index_.release());
    return;
  }
  const py::gil_scoped_acquire gil;
  issue_ids_.clear();
  option_ids_.clear();
  option_index_.clear();
  party_ids_.clear();
  // Dropped here, with the GIL: the member's own destructor runs after the GIL is given back.
  issue_index_.dec_ref();
  static_cast<void>(issue_index_.release());
}

py::dict PySpace::to_dict(const Outcome& outcome) const {
  py::dict dict;
  for (std::size_t i = 0; i < issue_ids_.size(); ++i) {
    PyDict_SetItem(dict.ptr(), issue_ids_[i].ptr(),
                   option_ids_[i][static_cast<std::size_t>(outcome[i])].ptr());
  }
  return dict;
}

namespace {

std::string options_of(const Issue& issue) {
  std::string list;
  for (std::size_t o = 0; o < issue.options.size(); ++o) {
    if (o == 8 && issue.options.size() > 10) {
      list += ", … " + issue.options.back().id;
      break;
    }
    list += (o == 0 ? "" : ", ") + issue.options[o].id;
  }
  return list;
}

}  // namespace

std::optional<Outcome> PySpace::from_python(py::handle value, std::string* error) const {
  const OutcomeSpace& space = scenario_.space();
  if (PyUnicode_Check(value.ptr())) {
    return space.parse(value.cast<std::string>(), error);
  }
  if (!PyDict_Check(value.ptr())) {
    *error = "expected a dict {issue id: option id} (or the text \"" +
             space.format(Outcome(space.issue_count())) + "\"), got " +
             std::string(py::str(value.get_type().attr("__name__")));
    return std::nullopt;
  }
  Outcome outcome(space.issue_count());
  for (std::size_t i = 0; i < issue_ids_.size(); ++i) {
    PyObject* option = PyDict_GetItemWithError(value.ptr(), issue_ids_[i].ptr());
    if (option == nullptr) {
      if (PyErr_Occurred() != nullptr) PyErr_Clear();
      *error = "issue \"" + space.issue(i).id +
               "\" is missing (every issue needs an option: " + space.issue(i).id + " takes " +
               options_of(space.issue(i)) + ")";
      return std::nullopt;
    }
    PyObject* index = PyDict_GetItemWithError(option_index_[i].ptr(), option);
    if (index == nullptr) {
      if (PyErr_Occurred() != nullptr) PyErr_Clear();
      *error = "issue \"" + space.issue(i).id + "\" has no option " +
               short_repr(py::handle(option)) + " (its options: " + options_of(space.issue(i)) +
               ")";
      return std::nullopt;
    }
    outcome.set(i, static_cast<int>(PyLong_AsLong(index)));
  }
  if (static_cast<std::size_t>(PyDict_Size(value.ptr())) != issue_ids_.size()) {
    for (const auto& [key, option] : py::reinterpret_borrow<py::dict>(value)) {
      static_cast<void>(option);
      if (!issue_index_.contains(key)) {
        std::string issues;
        for (const Issue& issue : space.issues()) issues += (issues.empty() ? "" : ", ") + issue.id;
        *error = "the scenario has no issue " + short_repr(key) + " (its issues: " + issues + ")";
        return std::nullopt;
      }
    }
  }
  return outcome;
}

std::shared_ptr<const PySpace> py_space(const Scenario& scenario) {
  // Keyed by the scenario's shared data: copies of a scenario share it. Requires the GIL, which
  // also guards the cache.
  static auto* cache = new std::unordered_map<const ScenarioDef*, std::weak_ptr<const PySpace>>();
  const ScenarioDef* key = &scenario.def();
  if (auto found = cache->find(key); found != cache->end()) {
    if (auto space = found->second.lock()) return space;
  }
  if (cache->size() > 256) std::erase_if(*cache, [](const auto& e) { return e.second.expired(); });
  auto space = std::make_shared<const PySpace>(scenario);
  (*cache)[key] = space;
  return space;
}

Outcome outcome_from_python(const Scenario& scenario, py::handle value, const std::string& what) {
  std::string error;
  std::optional<Outcome> outcome = py_space(scenario)->from_python(value, &error);
  if (!outcome) throw PythonUserError(ErrorKind::kScenario, UserError(what + ": " + error));
  return *outcome;
}

std::string short_repr(py::handle value) {
  std::string text = py::repr(value);
  if (text.size() > 120) text = text.substr(0, 117) + "...";
  return text;
}

}  // namespace treatysim::python
