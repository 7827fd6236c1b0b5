// strategies.cpp — strategies written in Python behind the engine's interfaces (strategies.hpp),
// and the registry that names them beside the built-in ones.
#include "python/src/strategies.hpp"

#include <cmath>

#include "python/src/views.hpp"

namespace treatysim::python {

namespace {

// [SECTION] Helpers ------------------------------------------------------------------------------

// Releases a Python object from any thread: takes the GIL for it (unless the interpreter is gone).
void release(py::object& object) {
  if (!object) return;
  if (Py_IsInitialized() == 0) {
    static_cast<void>(object.release());
    return;
  }
  const py::gil_scoped_acquire gil;
  object = py::object();
}

// "strategy \"NAME\" (party us)".
std::string who(const std::string& name, const PySpace& space, PartyIndex party) {
  return "strategy \"" + name + "\" (party " + space.scenario().party(party).id + ")";
}

[[noreturn]] void agent_error(const std::string& message) {
  raise_user_error(ErrorKind::kAgent, UserError(message));
}

// True when the object's class defines `method` itself rather than inheriting the do-nothing one
// of the package's base class (ts.Agent.observe): calls into Python are skipped when they would
// do nothing.
bool overrides(const py::object& object, const char* method, const char* base) {
  if (!py::hasattr(object, method)) return false;
  const py::object strategies = py::module_::import("treatysim._strategies");
  const py::object base_class = strategies.attr(base);
  const py::object mine = py::getattr(py::type::of(object), method, py::none());
  const py::object inherited = py::getattr(base_class, method, py::none());
  return !mine.is(inherited);
}

// Calls a Python callable with one or two arguments (`second` may be null); a Python exception
// leaves as py::error_already_set.
py::object call(PyObject* callable, PyObject* first, PyObject* second) {
  PyObject* args[2] = {first, second};
  PyObject* result = PyObject_Vectorcall(callable, args, second != nullptr ? 2 : 1, nullptr);
  if (result == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(result);
}

Outcome checked_outcome(const py::handle result, const PySpace& space, const std::string& name,
                        PartyIndex party, const char* method, int offer_index) {
  std::string error;
  const std::optional<Outcome> outcome = space.from_python(result, &error);
  if (!outcome) {
    agent_error(who(name, space, party) + ": " + method + "() returned " + short_repr(result) +
                " for offer " + std::to_string(offer_index) +
                ", which is not an outcome: " + error);
  }
  return *outcome;
}

// [SECTION] A negotiator written in Python -------------------------------------------------------

class PyAgent final : public Agent {
 public:
  PyAgent(std::string name, py::object object)
      : name_(std::move(name)), object_(std::move(object)) {
    reset_ = object_.attr("reset");
    propose_ = object_.attr("propose");
    respond_ = object_.attr("respond");
    if (overrides(object_, "observe", "Agent")) observe_ = object_.attr("observe");
    if (overrides(object_, "continue_series", "Agent")) {
      continue_series_ = object_.attr("continue_series");
    }
  }
  ~PyAgent() override {
    release(reset_);
    release(propose_);
    release(respond_);
    release(observe_);
    release(continue_series_);
    release(object_);
  }

  void reset(const NegotiationContext& context) override { start(context, reset_); }
  void continue_series(const NegotiationContext& context) override {
    start(context, continue_series_ ? continue_series_ : reset_);
  }

  [[nodiscard]] Outcome propose(const NegotiationState& state) override {
    const py::gil_scoped_acquire gil;
    const py::object result = call(propose_.ptr(), views_->enter(state), nullptr);
    views_->leave();
    return checked_outcome(result, views_->space(), name_, views_->self(), "propose",
                           state.offer_index);
  }

  [[nodiscard]] Response respond(const NegotiationState& state, const Outcome& offer) override {
    const py::gil_scoped_acquire gil;
    const py::object offer_dict = views_->space().to_dict(offer);
    const py::object result = call(respond_.ptr(), views_->enter(state), offer_dict.ptr());
    views_->leave();
    if (PyUnicode_Check(result.ptr())) {
      if (PyUnicode_CompareWithASCIIString(result.ptr(), "reject") == 0) return Response::kReject;
      if (PyUnicode_CompareWithASCIIString(result.ptr(), "accept") == 0) return Response::kAccept;
      if (PyUnicode_CompareWithASCIIString(result.ptr(), "walk_away") == 0) {
        return Response::kWalkAway;
      }
    }
    agent_error(who(name_, views_->space(), views_->self()) + ": respond() returned " +
                short_repr(result) + " to offer " + std::to_string(state.offer_index) +
                "; expected \"accept\", \"reject\" or \"walk_away\"");
  }

  void observe(const Event& event) override {
    if (!observe_) return;
    const py::gil_scoped_acquire gil;
    const PySpace& space = views_->space();
    py::dict e;
    e["type"] = py::str(std::string(event_kind_name(event.kind)));
    e["offer"] = event.offer_index;
    e["party"] = space.party_id(event.party);
    e["outcome"] = space.to_dict(event.outcome);
    static_cast<void>(call(observe_.ptr(), e.ptr(), nullptr));
  }

 private:
  void start(const NegotiationContext& context, const py::object& method) {
    const py::gil_scoped_acquire gil;
    if (!views_) views_ = std::make_unique<StrategyViews>();
    const py::object c = views_->context(context);
    static_cast<void>(call(method.ptr(), c.ptr(), nullptr));
  }

  std::string name_;
  py::object object_;
  py::object reset_;
  py::object propose_;
  py::object respond_;
  py::object observe_;          // unset: the strategy does not observe
  py::object continue_series_;  // unset: continue_series() is reset()
  std::unique_ptr<StrategyViews> views_;
};

// [SECTION] BOA components written in Python -----------------------------------------------------

class PyComponent {
 public:
  PyComponent(std::string name, py::object object)
      : name_(std::move(name)), object_(std::move(object)) {
    reset_ = object_.attr("reset");
  }
  ~PyComponent() {
    release(reset_);
    release(object_);
  }
  PyComponent(const PyComponent&) = delete;
  PyComponent& operator=(const PyComponent&) = delete;

 protected:
  void start(const NegotiationContext& context) {
    const py::gil_scoped_acquire gil;
    if (!views_) views_ = std::make_unique<StrategyViews>();
    const py::object c = views_->context(context);
    static_cast<void>(call(reset_.ptr(), c.ptr(), nullptr));
  }
  [[noreturn]] void not_a_number(const char* method, const py::object& result,
                                 const std::string& when) const {
    agent_error(who(name_, views_->space(), views_->self()) + ": " + method + "() returned " +
                short_repr(result) + when + "; expected a number");
  }

  std::string name_;
  py::object object_;
  py::object reset_;
  std::unique_ptr<StrategyViews> views_;
};

double as_number(const py::object& result, bool* ok) {
  const double value = PyFloat_AsDouble(result.ptr());
  *ok = !((value == -1.0 && PyErr_Occurred() != nullptr) || !std::isfinite(value));
  if (!*ok) PyErr_Clear();
  return value;
}

class PyBidding final : public agents::BiddingStrategy, PyComponent {
 public:
  PyBidding(std::string name, py::object object, bool uses_model)
      : PyComponent(std::move(name), std::move(object)), uses_model_(uses_model) {
    target_ = object_.attr("target");
    bid_ = object_.attr("bid");
  }
  ~PyBidding() override {
    release(target_);
    release(bid_);
  }
  void reset(const NegotiationContext& context) override { start(context); }
  [[nodiscard]] double target(const NegotiationState& state,
                              const agents::OpponentModel* model) const override {
    const py::gil_scoped_acquire gil;
    const py::object result = call(target_.ptr(), views_->enter(state), views_->enter_model(model));
    views_->leave();
    views_->leave_model();
    bool ok = false;
    const double value = as_number(result, &ok);
    if (!ok) not_a_number("target", result, " for offer " + std::to_string(state.offer_index));
    return value;
  }
  [[nodiscard]] Outcome bid(const NegotiationState& state,
                            const agents::OpponentModel* model) const override {
    const py::gil_scoped_acquire gil;
    const py::object result = call(bid_.ptr(), views_->enter(state), views_->enter_model(model));
    views_->leave();
    views_->leave_model();
    return checked_outcome(result, views_->space(), name_, views_->self(), "bid",
                           state.offer_index);
  }
  [[nodiscard]] bool uses_model() const noexcept override { return uses_model_; }

 private:
  py::object target_;
  py::object bid_;
  bool uses_model_;
};

class PyAcceptance final : public agents::AcceptanceCondition, PyComponent {
 public:
  PyAcceptance(std::string name, py::object object)
      : PyComponent(std::move(name), std::move(object)) {
    accept_ = object_.attr("accept");
  }
  ~PyAcceptance() override { release(accept_); }
  void reset(const NegotiationContext& context) override { start(context); }
  [[nodiscard]] bool accept(const agents::AcceptanceInput& input) const override {
    const py::gil_scoped_acquire gil;
    const py::object result = call(accept_.ptr(), views_->enter_acceptance(input), nullptr);
    views_->leave();
    const int truth = PyObject_IsTrue(result.ptr());
    if (truth < 0) throw py::error_already_set();
    return truth == 1;
  }

 private:
  py::object accept_;
};

class PyModel final : public agents::OpponentModel, PyComponent {
 public:
  PyModel(std::string name, py::object object) : PyComponent(std::move(name), std::move(object)) {
    update_ = object_.attr("update");
    utility_ = object_.attr("utility");
  }
  ~PyModel() override {
    release(update_);
    release(utility_);
  }
  void reset(const NegotiationContext& context) override { start(context); }
  void update(const NegotiationState& state, const Outcome& offer) override {
    const py::gil_scoped_acquire gil;
    const py::object offer_dict = views_->space().to_dict(offer);
    static_cast<void>(call(update_.ptr(), views_->enter(state), offer_dict.ptr()));
    views_->leave();
  }
  [[nodiscard]] double utility(const Outcome& outcome) const override {
    const py::gil_scoped_acquire gil;
    const py::object outcome_dict = views_->space().to_dict(outcome);
    const py::object result = call(utility_.ptr(), outcome_dict.ptr(), nullptr);
    bool ok = false;
    const double value = as_number(result, &ok);
    if (!ok) not_a_number("utility", result, "");
    return value;
  }

 private:
  py::object update_;
  py::object utility_;
};

}  // namespace

// [SECTION] The registry -------------------------------------------------------------------------

namespace {

agents::ComponentKind kind_from(const std::string& text) {
  if (text == "negotiator") return agents::ComponentKind::kNegotiator;
  if (text == "bidding") return agents::ComponentKind::kBidding;
  if (text == "acceptance") return agents::ComponentKind::kAcceptance;
  if (text == "opponent_model") return agents::ComponentKind::kOpponentModel;
  throw PythonUserError(ErrorKind::kSpec, UserError("unknown strategy kind \"" + text + "\""));
}

agents::ParameterInfo parameter_from(const py::handle entry) {
  const py::tuple t = py::reinterpret_borrow<py::tuple>(entry);
  agents::ParameterInfo p;
  p.name = t[0].cast<std::string>();
  const std::string type = t[1].cast<std::string>();
  p.description = t[5].cast<std::string>();
  if (type == "number" || type == "integer") {
    p.type = type == "number" ? agents::ParameterType::kNumber : agents::ParameterType::kInteger;
    p.default_number = t[2].cast<double>();
    p.min = t[3].cast<double>();
    p.max = t[4].cast<double>();
  } else {
    p.type = agents::ParameterType::kString;
    p.default_text = t[2].cast<std::string>();
    if (!t[6].is_none()) p.choices = t[6].cast<std::vector<std::string>>();
  }
  return p;
}

}  // namespace

PyStrategySource::~PyStrategySource() {
  release(object);
}

py::object PyStrategySource::make(const agents::Parameters& values) {
  ++made;
  if (is_class) {
    py::dict kwargs;
    for (const agents::ParameterInfo& p : parameters) {
      switch (p.type) {
        case agents::ParameterType::kNumber:
          kwargs[py::str(p.name)] = values.number(p.name);
          break;
        case agents::ParameterType::kInteger:
          kwargs[py::str(p.name)] = values.integer(p.name);
          break;
        case agents::ParameterType::kString:
        case agents::ParameterType::kSpec:
          kwargs[py::str(p.name)] = values.text(p.name);
          break;
      }
    }
    return object(**kwargs);
  }
  if (share_instance && made == 1) return object;
  return py::module_::import("copy").attr("deepcopy")(object);
}

std::shared_ptr<agents::Registry> make_registry(const py::list& entries) {
  auto registry = std::make_shared<agents::Registry>(agents::builtin_registry());
  for (const py::handle item : entries) {
    const py::dict e = py::reinterpret_borrow<py::dict>(item);
    auto source = std::make_shared<PyStrategySource>();
    source->name = e["name"].cast<std::string>();
    source->kind = kind_from(e["kind"].cast<std::string>());
    source->object = py::reinterpret_borrow<py::object>(e["object"]);
    source->is_class = e["is_class"].cast<bool>();
    source->share_instance = e["share_instance"].cast<bool>();
    source->uses_model = e["uses_model"].cast<bool>();
    for (const py::handle p : py::reinterpret_borrow<py::list>(e["parameters"])) {
      source->parameters.push_back(parameter_from(p));
    }
    if (registry->find(source->name, source->kind) != nullptr) {
      throw PythonUserError(
          ErrorKind::kSpec,
          UserError("the strategy name \"" + source->name + "\" is taken (by a built-in " +
                    std::string(agents::component_kind_name(source->kind)) +
                    " or another Python strategy): give yours another `name`"));
    }
    agents::StrategyInfo info;
    info.name = source->name;
    info.kind = source->kind;
    info.description = e["description"].cast<std::string>();
    info.source = e["source"].cast<std::string>();
    info.parameters = source->parameters;
    info.traits.stochastic = e["stochastic"].cast<bool>();
    info.traits.needs_complete_information = e["needs_complete_information"].cast<bool>();
    info.traits.uses_opponent_model = source->uses_model;
    info.traits.learns_across_series = e["learns_across_series"].cast<bool>();
    // The factories run on worker threads: each takes the GIL to make the Python object.
    switch (source->kind) {
      case agents::ComponentKind::kNegotiator:
        info.create_negotiator = [source](const agents::Parameters& p, const agents::Registry&) {
          const py::gil_scoped_acquire gil;
          return std::unique_ptr<Agent>(std::make_unique<PyAgent>(source->name, source->make(p)));
        };
        break;
      case agents::ComponentKind::kBidding:
        info.create_bidding = [source](const agents::Parameters& p, const agents::Registry&) {
          const py::gil_scoped_acquire gil;
          return std::unique_ptr<agents::BiddingStrategy>(
              std::make_unique<PyBidding>(source->name, source->make(p), source->uses_model));
        };
        break;
      case agents::ComponentKind::kAcceptance:
        info.create_acceptance = [source](const agents::Parameters& p, const agents::Registry&) {
          const py::gil_scoped_acquire gil;
          return std::unique_ptr<agents::AcceptanceCondition>(
              std::make_unique<PyAcceptance>(source->name, source->make(p)));
        };
        break;
      case agents::ComponentKind::kOpponentModel:
        info.create_model = [source](const agents::Parameters& p, const agents::Registry&) {
          const py::gil_scoped_acquire gil;
          return std::unique_ptr<agents::OpponentModel>(
              std::make_unique<PyModel>(source->name, source->make(p)));
        };
        break;
      case agents::ComponentKind::kCompliance:
        break;
    }
    registry->add(std::move(info));
  }
  return registry;
}

void register_strategies(py::module_& m) {
  py::class_<agents::Registry, std::shared_ptr<agents::Registry>>(m, "Registry", R"doc(
The strategies a call plays with: every built-in one plus the strategies written in Python.
The package builds one per call (treatysim._strategies); you need not.)doc")
      .def(py::init(&make_registry), py::arg("entries"))
      .def(
          "check",
          [](const agents::Registry& r, const std::string& spec, const Scenario& scenario,
             py::handle party) {
            guarded(ErrorKind::kSpec, [&] {
              const PartyIndex p = py::isinstance<py::str>(party)
                                       ? scenario.find_party(party.cast<std::string>())
                                       : party.cast<PartyIndex>();
              if (p >= kPartyCount) throw UserError("no such party: " + short_repr(party));
              r.check(parse_spec(spec), scenario, p);
            });
          },
          py::arg("spec"), py::arg("scenario"), py::arg("party"))
      .def(
          "canonical",
          [](const agents::Registry& r, const std::string& spec) {
            return guarded(ErrorKind::kSpec, [&] {
              const Spec parsed = parse_spec(spec);
              static_cast<void>(r.resolve(parsed));
              return parsed.to_string();
            });
          },
          py::arg("spec"), "The canonical text of a spec (checked against the registry).");
}

}  // namespace treatysim::python
