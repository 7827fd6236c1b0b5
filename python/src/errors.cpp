// errors.cpp — JSON to Python values, and user errors as the package's exception classes.
#include "python/src/bindings.hpp"

namespace treatysim::python {

py::object to_python(const nlohmann::ordered_json& json) {
  using Type = nlohmann::ordered_json::value_t;
  switch (json.type()) {
    case Type::null:
    case Type::discarded:
      return py::none();
    case Type::boolean:
      return py::bool_(json.get<bool>());
    case Type::number_integer:
      return py::int_(json.get<std::int64_t>());
    case Type::number_unsigned:
      return py::int_(json.get<std::uint64_t>());
    case Type::number_float:
      return py::float_(json.get<double>());
    case Type::string:
      return py::str(json.get_ref<const std::string&>());
    case Type::array: {
      py::list list(json.size());
      std::size_t i = 0;
      for (const auto& item : json) list[i++] = to_python(item);
      return list;
    }
    case Type::object: {
      py::dict dict;
      for (const auto& [key, value] : json.items()) dict[py::str(key)] = to_python(value);
      return dict;
    }
    case Type::binary:
      break;
  }
  return py::none();
}

namespace {

const char* class_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInput:
      return "TreatysimError";
    case ErrorKind::kScenario:
      return "ScenarioError";
    case ErrorKind::kSpec:
      return "SpecError";
    case ErrorKind::kTournament:
      return "TournamentError";
    case ErrorKind::kStudy:
      return "StudyError";
    case ErrorKind::kPayoffMatrix:
      return "PayoffMatrixError";
    case ErrorKind::kAgent:
      return "AgentError";
  }
  return "TreatysimError";
}

}  // namespace

void raise_user_error(ErrorKind kind, const UserError& error) {
  // The classes live in treatysim._errors (pure Python), which the package imports before it
  // calls into the engine.
  const py::object errors = py::module_::import("treatysim._errors");
  const py::object cls = errors.attr(class_name(kind));
  const SourceLocation& at = error.location();
  py::object instance =
      cls(py::str(error.what()),
          at.file.empty() ? py::object(py::none()) : py::object(py::str(at.file)),
          at.line > 0 ? py::object(py::int_(at.line)) : py::object(py::none()),
          at.column > 0 ? py::object(py::int_(at.column)) : py::object(py::none()),
          error.key().empty() ? py::object(py::none()) : py::object(py::str(error.key())),
          py::str(error.message()));
  PyErr_SetObject(cls.ptr(), instance.ptr());
  throw py::error_already_set();
}

void register_errors(py::module_& m) {
  static_cast<void>(m);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const PythonUserError& e) {
      try {
        raise_user_error(e.kind(), e.error());
      } catch (py::error_already_set& raised) {
        raised.restore();
      }
    } catch (const UserError& e) {
      try {
        raise_user_error(ErrorKind::kInput, e);
      } catch (py::error_already_set& raised) {
        raised.restore();
      }
    }
  });
}

}  // namespace treatysim::python
