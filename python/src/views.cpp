// views.cpp — the Python objects strategies are given, with C functions for their hot parts
// (views.hpp).
#include "python/src/views.hpp"

#include <exception>
#include <string>

#include "engine/model/utility_index.hpp"

namespace treatysim::python {

namespace {

// [SECTION] Names and classes --------------------------------------------------------------------

// Attribute names, interned once (never freed: they live as long as the interpreter).
struct Names {
  PyObject* offer_index;
  PyObject* deadline;
  PyObject* time;
  PyObject* last_offer;
  PyObject* history;
  PyObject* state;
  PyObject* offer_utility;
  PyObject* next_bid_utility;
  PyObject* has_next_bid;
  PyObject* best_received_utility;
  PyObject* utility;
};

const Names& names() {
  static const Names n{PyUnicode_InternFromString("offer_index"),
                       PyUnicode_InternFromString("deadline"),
                       PyUnicode_InternFromString("time"),
                       PyUnicode_InternFromString("last_offer"),
                       PyUnicode_InternFromString("_history"),
                       PyUnicode_InternFromString("state"),
                       PyUnicode_InternFromString("offer_utility"),
                       PyUnicode_InternFromString("next_bid_utility"),
                       PyUnicode_InternFromString("has_next_bid"),
                       PyUnicode_InternFromString("best_received_utility"),
                       PyUnicode_InternFromString("utility")};
  return n;
}

// A new instance of a class of treatysim._strategies.
py::object instance(const char* name) {
  return py::module_::import("treatysim._strategies").attr(name)();
}

// Sets obj.name = value, taking the reference to `value`.
void set(PyObject* obj, PyObject* name, PyObject* value) {
  if (value == nullptr) throw py::error_already_set();
  const int status = PyObject_SetAttr(obj, name, value);
  Py_DECREF(value);
  if (status != 0) throw py::error_already_set();
}

PyObject* new_bool(bool value) {
  PyObject* b = value ? Py_True : Py_False;
  Py_INCREF(b);
  return b;
}

// Runs the body of a C function: C++ exceptions become Python errors (never cross into C).
template <typename Body>
PyObject* c_function(Body&& body) noexcept {
  try {
    return body();
  } catch (py::error_already_set& e) {
    e.restore();
  } catch (const PythonUserError& e) {
    try {
      raise_user_error(e.kind(), e.error());
    } catch (py::error_already_set& raised) {
      raised.restore();
    }
  } catch (const UserError& e) {
    try {
      raise_user_error(ErrorKind::kScenario, e);
    } catch (py::error_already_set& raised) {
      raised.restore();
    }
  } catch (const py::builtin_exception& e) {
    e.set_error();  // py::value_error → ValueError
  } catch (const std::exception& e) {
    PyErr_SetString(PyExc_RuntimeError, e.what());
  }
  return nullptr;
}

// [SECTION] PartyView's functions ----------------------------------------------------------------

constexpr const char* kPartyCapsule = "treatysim.party_view";

struct PartyData {
  std::shared_ptr<const PySpace> space;
  PartyIndex party = 0;
};

const PartyData& party_data(PyObject* capsule) {
  return *static_cast<PartyData*>(PyCapsule_GetPointer(capsule, kPartyCapsule));
}

Outcome outcome_or_raise(const PySpace& space, PyObject* value) {
  std::string error;
  const std::optional<Outcome> outcome = space.from_python(value, &error);
  if (!outcome) throw py::value_error("not an outcome of the scenario: " + error);
  return *outcome;
}

const UtilityIndex& index_of(const PartyData& d, const char* method) {
  return guarded(ErrorKind::kScenario, [&]() -> const UtilityIndex& {
    return d.space->scenario().utility_index(d.party, std::string("PartyView.") + method);
  });
}

PyObject* party_utility(PyObject* capsule, PyObject* outcome) {
  return c_function([&] {
    const PartyData& d = party_data(capsule);
    const Outcome o = outcome_or_raise(*d.space, outcome);
    return PyFloat_FromDouble(d.space->scenario().utility(d.party)(o));
  });
}

PyObject* party_best(PyObject* capsule, PyObject*) {
  return c_function([&] {
    const PartyData& d = party_data(capsule);
    return d.space->to_dict(d.space->scenario().utility(d.party).best_outcome()).release().ptr();
  });
}

PyObject* party_at_least(PyObject* capsule, PyObject* target) {
  return c_function([&] {
    const PartyData& d = party_data(capsule);
    const double t = PyFloat_AsDouble(target);
    if (t == -1.0 && PyErr_Occurred() != nullptr) throw py::error_already_set();
    const UtilityIndex& index = index_of(d, "at_least");
    return d.space->to_dict(d.space->scenario().space().outcome_at(index.at_least(t).index))
        .release()
        .ptr();
  });
}

PyObject* party_outcomes(PyObject* capsule, PyObject* args, PyObject* kwargs) {
  return c_function([&]() -> PyObject* {
    static const char* keywords[] = {"at_least", nullptr};
    double at_least = -1e300;
    if (PyArg_ParseTupleAndKeywords(args, kwargs, "|d:outcomes", const_cast<char**>(keywords),
                                    &at_least) == 0) {
      return nullptr;
    }
    const PartyData& d = party_data(capsule);
    const UtilityIndex& index = index_of(d, "outcomes");
    const std::size_t n = index.count_at_least(at_least);
    py::list list(n);
    for (std::size_t k = 0; k < n; ++k) {
      const UtilityIndex::Entry& e = index.entry(k);
      list[k] = py::make_tuple(d.space->to_dict(d.space->scenario().space().outcome_at(e.index)),
                               e.utility);
    }
    return list.release().ptr();
  });
}

PyMethodDef kPartyMethods[] = {
    {"utility", party_utility, METH_O,
     "utility(outcome) -> float: u(outcome) = sum of weight x value; the outcome as {issue id: "
     "option id} or \"S0/IP1/...\"."},
    {"best", party_best, METH_NOARGS,
     "best() -> outcome: the outcome of highest utility (ties to the lowest outcome index)."},
    {"at_least", party_at_least, METH_O,
     "at_least(target) -> outcome: the outcome whose utility is the smallest one still >= target "
     "(ties to the lowest outcome index); the best outcome when the target exceeds every "
     "utility. O(log n)."},
    {"outcomes", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(party_outcomes)),
     METH_VARARGS | METH_KEYWORDS,
     "outcomes(at_least=-inf) -> [(outcome, utility)]: every outcome worth at least `at_least`, "
     "best first."},
};

py::object bound(PyMethodDef* def, PyObject* capsule) {
  PyObject* function = PyCFunction_NewEx(def, capsule, nullptr);
  if (function == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(function);
}

py::object make_party_view(const std::shared_ptr<const PySpace>& space, PartyIndex party) {
  py::object view = instance("PartyView");
  const Scenario& s = space->scenario();
  const PartyDef& def = s.party(party);
  const UtilityFunction& u = s.utility(party);
  view.attr("id") = space->party_id(party);
  view.attr("name") = def.name;
  view.attr("reservation_value") = def.preferences.reservation_value;
  view.attr("discount") = def.preferences.discount;
  view.attr("max_utility") = u.max_utility();
  view.attr("min_utility") = u.min_utility();
  py::dict weights;
  py::dict values;
  for (std::size_t i = 0; i < s.space().issue_count(); ++i) {
    const Issue& issue = s.space().issue(i);
    weights[py::str(issue.id)] = def.preferences.weights[i];
    py::dict options;
    for (std::size_t o = 0; o < issue.options.size(); ++o) {
      options[py::str(issue.options[o].id)] = def.preferences.values[i][o];
    }
    values[py::str(issue.id)] = options;
  }
  view.attr("weights") = weights;
  view.attr("values") = values;
  PyObject* capsule = PyCapsule_New(new PartyData{space, party}, kPartyCapsule, [](PyObject* c) {
    delete static_cast<PartyData*>(PyCapsule_GetPointer(c, kPartyCapsule));
  });
  if (capsule == nullptr) throw py::error_already_set();
  const py::object owner = py::reinterpret_steal<py::object>(capsule);
  for (PyMethodDef& def_entry : kPartyMethods)
    view.attr(def_entry.ml_name) = bound(&def_entry, capsule);
  return view;
}

// [SECTION] State's offers -----------------------------------------------------------------------

constexpr const char* kStateCapsule = "treatysim.state";

PyObject* state_history(PyObject* capsule, PyObject* selector) {
  return c_function([&]() -> PyObject* {
    const StateData& d =
        **static_cast<std::shared_ptr<StateData>*>(PyCapsule_GetPointer(capsule, kStateCapsule));
    if (!d.alive) {
      throw py::value_error(
          "this State was valid only during the call it was given to (its offers live in the "
          "engine): copy what you need from it during the call");
    }
    const long which = PyLong_AsLong(selector);
    if (which == 2) return PyLong_FromSize_t(d.offers.size());
    if (which == 1) {
      if (d.offers.empty()) Py_RETURN_NONE;
      const OfferRecord& r = d.offers.back();
      return py::make_tuple(d.space->to_dict(r.outcome), d.space->party_id(r.proposer))
          .release()
          .ptr();
    }
    py::list list(d.offers.size());
    for (std::size_t k = 0; k < d.offers.size(); ++k) {
      list[k] = py::make_tuple(d.space->to_dict(d.offers[k].outcome),
                               d.space->party_id(d.offers[k].proposer));
    }
    return list.release().ptr();
  });
}

PyMethodDef kStateHistory = {"_history", state_history, METH_O,
                             "The offers so far: 0 = all, 1 = the last, 2 = their number."};

// [SECTION] OpponentModelView's function ---------------------------------------------------------

constexpr const char* kModelCapsule = "treatysim.model";

PyObject* model_utility(PyObject* capsule, PyObject* outcome) {
  return c_function([&] {
    const ModelData& d =
        **static_cast<std::shared_ptr<ModelData>*>(PyCapsule_GetPointer(capsule, kModelCapsule));
    if (!d.alive) {
      throw py::value_error(
          "this OpponentModelView was valid only during the call it was given to");
    }
    return PyFloat_FromDouble(d.model->utility(outcome_or_raise(*d.space, outcome)));
  });
}

PyMethodDef kModelUtility = {
    "utility", model_utility, METH_O,
    "utility(outcome) -> float: the model's estimate of the opponent's utility, in [0, 1]."};

template <typename Data>
py::object shared_capsule(const std::shared_ptr<Data>& data, const char* name) {
  PyObject* capsule = PyCapsule_New(new std::shared_ptr<Data>(data), name, [](PyObject* c) {
    delete static_cast<std::shared_ptr<Data>*>(PyCapsule_GetPointer(c, PyCapsule_GetName(c)));
  });
  if (capsule == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(capsule);
}

void drop(py::object& object) {
  if (object) {
    object.dec_ref();
    static_cast<void>(object.release());
  }
}

// The view of `party` in this negotiation: the scenario's cached view, or — when the engine
// drew the party's reservation value for this negotiation — a copy of it holding the drawn value
// (the cached view is shared by every negotiation and by the contexts strategies keep).
py::object view_for(const py::object& cached, const PartyView& party) {
  if (!party.drawn_reservation) return cached;
  py::object view = instance("PartyView");
  for (const py::handle slot : cached.get_type().attr("__slots__")) {
    const py::str name = py::reinterpret_borrow<py::str>(slot);
    view.attr(name) = cached.attr(name);
  }
  view.attr("reservation_value") = party.reservation_value();
  return view;
}

}  // namespace

StrategyViews::StrategyViews()
    : state_data_(std::make_shared<StateData>()), model_data_(std::make_shared<ModelData>()) {
  state_ = instance("State");
  state_.attr("_history") = bound(&kStateHistory, shared_capsule(state_data_, kStateCapsule).ptr());
  model_view_ = instance("OpponentModelView");
  model_view_.attr("utility") =
      bound(&kModelUtility, shared_capsule(model_data_, kModelCapsule).ptr());
  acceptance_ = instance("AcceptanceInput");
  acceptance_.attr("state") = state_;
}

StrategyViews::~StrategyViews() {
  if (Py_IsInitialized() == 0) {
    for (py::object* o :
         {&party_views_[0], &party_views_[1], &scenario_, &state_, &model_view_, &acceptance_}) {
      static_cast<void>(o->release());
    }
    return;
  }
  const py::gil_scoped_acquire gil;
  for (py::object* o :
       {&party_views_[0], &party_views_[1], &scenario_, &state_, &model_view_, &acceptance_}) {
    drop(*o);
  }
  space_.reset();
  state_data_.reset();
  model_data_.reset();
}

py::object StrategyViews::context(const NegotiationContext& context) {
  self_ = context.self;
  if (!space_ || &space_->scenario().def() != &context.scenario->def()) {
    space_ = py_space(*context.scenario);
    for (PartyIndex p = 0; p < kPartyCount; ++p) party_views_[p] = make_party_view(space_, p);
    scenario_ = py::cast(space_->scenario());
    state_data_->space = space_;
    model_data_->space = space_;
  }
  py::object c = instance("Context");
  c.attr("party") = space_->party_id(context.self);
  c.attr("opponent_party") = space_->party_id(other_party(context.self));
  c.attr("deadline") = context.deadline;
  c.attr("seed") = context.seed;
  c.attr("complete_information") = context.complete_information();
  c.attr("scenario") = scenario_;
  py::list issues;
  for (const Issue& issue : space_->scenario().space().issues()) issues.append(issue.id);
  c.attr("issues") = issues;
  c.attr("own") = view_for(party_views_[context.self], context.own);
  c.attr("opponent") = context.complete_information()
                           ? view_for(party_views_[other_party(context.self)], context.opponent)
                           : py::object(py::none());
  return c;
}

PyObject* StrategyViews::enter(const NegotiationState& state) {
  const Names& n = names();
  state_data_->offers = state.offers;
  state_data_->alive = true;
  PyObject* s = state_.ptr();
  set(s, n.offer_index, PyLong_FromLong(state.offer_index));
  set(s, n.deadline, PyLong_FromLong(state.deadline));
  set(s, n.time, PyFloat_FromDouble(state.time()));
  set(s, n.last_offer, new_bool(state.last_offer()));
  return s;
}

PyObject* StrategyViews::enter_model(const agents::OpponentModel* model) {
  if (model == nullptr) return Py_None;
  model_data_->model = model;
  model_data_->alive = true;
  return model_view_.ptr();
}

PyObject* StrategyViews::enter_acceptance(const agents::AcceptanceInput& input) {
  const Names& n = names();
  static_cast<void>(enter(input.state));
  PyObject* a = acceptance_.ptr();
  set(a, n.offer_utility, PyFloat_FromDouble(input.offer_utility));
  set(a, n.next_bid_utility, PyFloat_FromDouble(input.next_bid_utility));
  set(a, n.has_next_bid, new_bool(input.has_next_bid));
  set(a, n.best_received_utility, PyFloat_FromDouble(input.best_received_utility));
  return a;
}

}  // namespace treatysim::python
