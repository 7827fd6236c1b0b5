// strategies.cpp — strategies written in Python behind the engine's interfaces (strategies.hpp),
// the Python classes they are given (Context, PartyView, State, OpponentModelView,
// AcceptanceInput), and the registry that names them.
#include "python/src/strategies.hpp"

#include <cmath>

#include "engine/model/utility_index.hpp"

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

py::object make_state(const NegotiationState& state, const std::shared_ptr<const PySpace>& space) {
  return py::cast(PyState{state.offer_index, state.deadline, state.offers, space, true});
}

// Ends a State's validity once the call that got it returned (it may have been kept).
void expire(py::object& state) {
  state.cast<PyState&>().alive = false;
}

void require_alive(bool alive, const char* what) {
  if (!alive) {
    throw py::value_error(std::string("this ") + what +
                          " was valid only during the call it was given to (its data lives in "
                          "the engine); copy what you need from it during the call");
  }
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

std::shared_ptr<const PySpace> space_for(std::shared_ptr<const PySpace>& cached,
                                         const Scenario& scenario) {
  if (!cached || &cached->scenario().def() != &scenario.def()) cached = py_space(scenario);
  return cached;
}

py::object make_context(const NegotiationContext& c, const std::shared_ptr<const PySpace>& space) {
  return py::cast(PyContext{space, c.self, c.deadline, c.seed, c.complete_information()});
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
    py::object py_state = make_state(state, space_);
    const py::object result = propose_(py_state);
    expire(py_state);
    return checked_outcome(result, *space_, name_, self_, "propose", state.offer_index);
  }

  [[nodiscard]] Response respond(const NegotiationState& state, const Outcome& offer) override {
    const py::gil_scoped_acquire gil;
    py::object py_state = make_state(state, space_);
    const py::object result = respond_(py_state, space_->to_dict(offer));
    expire(py_state);
    if (PyUnicode_Check(result.ptr())) {
      if (PyUnicode_CompareWithASCIIString(result.ptr(), "reject") == 0) return Response::kReject;
      if (PyUnicode_CompareWithASCIIString(result.ptr(), "accept") == 0) return Response::kAccept;
      if (PyUnicode_CompareWithASCIIString(result.ptr(), "walk_away") == 0) {
        return Response::kWalkAway;
      }
    }
    agent_error(who(name_, *space_, self_) + ": respond() returned " + short_repr(result) +
                " to offer " + std::to_string(state.offer_index) +
                "; expected \"accept\", \"reject\" or \"walk_away\"");
  }

  void observe(const Event& event) override {
    if (!observe_) return;
    const py::gil_scoped_acquire gil;
    py::dict e;
    e["type"] = py::str(std::string(event_kind_name(event.kind)));
    e["offer"] = event.offer_index;
    e["party"] = space_->party_id(event.party);
    e["outcome"] = space_->to_dict(event.outcome);
    observe_(e);
  }

 private:
  void start(const NegotiationContext& context, const py::object& method) {
    const py::gil_scoped_acquire gil;
    self_ = context.self;
    const auto space = space_for(space_, *context.scenario);
    method(make_context(context, space));
  }

  std::string name_;
  py::object object_;
  py::object reset_;
  py::object propose_;
  py::object respond_;
  py::object observe_;          // unset: the strategy does not observe
  py::object continue_series_;  // unset: continue_series() is reset()
  std::shared_ptr<const PySpace> space_;
  PartyIndex self_ = 0;
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
    self_ = context.self;
    const auto space = space_for(space_, *context.scenario);
    reset_(make_context(context, space));
  }

  std::string name_;
  py::object object_;
  py::object reset_;
  std::shared_ptr<const PySpace> space_;
  PartyIndex self_ = 0;
};

py::object model_view(const agents::OpponentModel* model,
                      const std::shared_ptr<const PySpace>& space) {
  if (model == nullptr) return py::none();
  return py::cast(PyModelView{model, space, true});
}

void expire_model(py::object& view) {
  if (!view.is_none()) view.cast<PyModelView&>().alive = false;
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
    py::object py_state = make_state(state, space_);
    py::object view = model_view(model, space_);
    const py::object result = target_(py_state, view);
    expire(py_state);
    expire_model(view);
    const double value = PyFloat_AsDouble(result.ptr());
    if ((value == -1.0 && PyErr_Occurred() != nullptr) || !std::isfinite(value)) {
      PyErr_Clear();
      agent_error(who(name_, *space_, self_) + ": target() returned " + short_repr(result) +
                  " for offer " + std::to_string(state.offer_index) + "; expected a number");
    }
    return value;
  }
  [[nodiscard]] Outcome bid(const NegotiationState& state,
                            const agents::OpponentModel* model) const override {
    const py::gil_scoped_acquire gil;
    py::object py_state = make_state(state, space_);
    py::object view = model_view(model, space_);
    const py::object result = bid_(py_state, view);
    expire(py_state);
    expire_model(view);
    return checked_outcome(result, *space_, name_, self_, "bid", state.offer_index);
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
    py::object py_state = make_state(input.state, space_);
    const py::object result =
        accept_(py::cast(PyAcceptanceInput{py_state, input.offer_utility, input.next_bid_utility,
                                           input.has_next_bid, input.best_received_utility}));
    expire(py_state);
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
    py::object py_state = make_state(state, space_);
    update_(py_state, space_->to_dict(offer));
    expire(py_state);
  }
  [[nodiscard]] double utility(const Outcome& outcome) const override {
    const py::gil_scoped_acquire gil;
    const py::object result = utility_(space_->to_dict(outcome));
    const double value = PyFloat_AsDouble(result.ptr());
    if ((value == -1.0 && PyErr_Occurred() != nullptr) || !std::isfinite(value)) {
      PyErr_Clear();
      agent_error(who(name_, *space_, self_) + ": utility() returned " + short_repr(result) +
                  "; expected a number");
    }
    return value;
  }

 private:
  py::object update_;
  py::object utility_;
};

// [SECTION] The classes strategies see -----------------------------------------------------------

const UtilityFunction& utility_of(const PartyView& view) {
  return view.space->scenario().utility(view.party);
}

Outcome view_outcome(const PartyView& view, py::handle outcome) {
  std::string error;
  const std::optional<Outcome> o = view.space->from_python(outcome, &error);
  if (!o) throw py::value_error("not an outcome of the scenario: " + error);
  return *o;
}

const UtilityIndex& index_of(const PartyView& view, const char* method) {
  return guarded(ErrorKind::kScenario, [&]() -> const UtilityIndex& {
    return view.space->scenario().utility_index(view.party, std::string("PartyView.") + method);
  });
}

void register_views(py::module_& m) {
  py::class_<PartyView>(m, "PartyView", R"doc(
One party's preferences, as a strategy may know them: context.own always, context.opponent under
complete information only. utility() costs about a microsecond; best(), at_least() and
outcomes() use the party's outcomes sorted by utility (built once per scenario).)doc")
      .def_property_readonly("id", [](const PartyView& v) { return v.space->party_id(v.party); })
      .def_property_readonly(
          "name", [](const PartyView& v) { return v.space->scenario().party(v.party).name; })
      .def_property_readonly(
          "reservation_value",
          [](const PartyView& v) {
            return v.space->scenario().party(v.party).preferences.reservation_value;
          },
          "Utility of no agreement (disagreement and walk-away), undiscounted.")
      .def_property_readonly(
          "discount",
          [](const PartyView& v) {
            return v.space->scenario().party(v.party).preferences.discount;
          },
          "Per-offer discount factor δ: an agreement at offer r is worth δʳ·u.")
      .def_property_readonly(
          "weights",
          [](const PartyView& v) {
            const Scenario& s = v.space->scenario();
            py::dict d;
            for (std::size_t i = 0; i < s.space().issue_count(); ++i) {
              d[py::str(s.space().issue(i).id)] = s.party(v.party).preferences.weights[i];
            }
            return d;
          },
          "{issue id: weight}, summing to 1.")
      .def_property_readonly(
          "values",
          [](const PartyView& v) {
            const Scenario& s = v.space->scenario();
            py::dict d;
            for (std::size_t i = 0; i < s.space().issue_count(); ++i) {
              const Issue& issue = s.space().issue(i);
              py::dict options;
              for (std::size_t o = 0; o < issue.options.size(); ++o) {
                options[py::str(issue.options[o].id)] = s.party(v.party).preferences.values[i][o];
              }
              d[py::str(issue.id)] = options;
            }
            return d;
          },
          "{issue id: {option id: value in [0, 1]}}.")
      .def(
          "utility",
          [](const PartyView& v, py::handle outcome) {
            return utility_of(v)(view_outcome(v, outcome));
          },
          py::arg("outcome"),
          "u(outcome) = Σ weight·value; the outcome as {issue: option} or \"S0/IP1/…\".")
      .def_property_readonly("max_utility",
                             [](const PartyView& v) { return utility_of(v).max_utility(); })
      .def_property_readonly("min_utility",
                             [](const PartyView& v) { return utility_of(v).min_utility(); })
      .def(
          "best", [](const PartyView& v) { return v.space->to_dict(utility_of(v).best_outcome()); },
          "The outcome of highest utility (ties to the lowest outcome index).")
      .def(
          "at_least",
          [](const PartyView& v, double target) {
            const UtilityIndex& index = index_of(v, "at_least");
            return v.space->to_dict(
                v.space->scenario().space().outcome_at(index.at_least(target).index));
          },
          py::arg("target"),
          "The outcome whose utility is the smallest one still ≥ target (ties to the lowest "
          "outcome index); the best outcome when the target exceeds every utility. O(log n).")
      .def(
          "outcomes",
          [](const PartyView& v, double at_least) {
            const UtilityIndex& index = index_of(v, "outcomes");
            const std::size_t n = index.count_at_least(at_least);
            py::list list(n);
            for (std::size_t k = 0; k < n; ++k) {
              const UtilityIndex::Entry& e = index.entry(k);
              list[k] = py::make_tuple(
                  v.space->to_dict(v.space->scenario().space().outcome_at(e.index)), e.utility);
            }
            return list;
          },
          py::arg("at_least") = 0.0,
          "[(outcome, utility)] for every outcome worth at least `at_least`, best first.")
      .def("__repr__", [](const PartyView& v) {
        return "<PartyView " + v.space->scenario().party(v.party).id + ">";
      });

  py::class_<PyContext>(m, "Context", R"doc(
What a strategy is told at reset(): who it is, the deadline, its random seed and the
preferences it may know. Valid for the whole negotiation (keep it).)doc")
      .def_property_readonly(
          "party", [](const PyContext& c) { return c.space->party_id(c.self); },
          "The id of the party the strategy plays.")
      .def_property_readonly(
          "opponent_party",
          [](const PyContext& c) { return c.space->party_id(other_party(c.self)); })
      .def_readonly("deadline", &PyContext::deadline, "Number of offers (indices 0 … deadline−1).")
      .def_readonly("seed", &PyContext::seed,
                    "The strategy's own random seed, derived from the run seed: draw every random "
                    "number from it (e.g. random.Random(context.seed)) so that runs replay.")
      .def_readonly("complete_information", &PyContext::complete)
      .def_property_readonly(
          "scenario", [](const PyContext& c) { return c.space->scenario(); },
          "The scenario (its public part: issues, protocol; both parties' preferences are in it, "
          "but a strategy under private information must read only context.own).")
      .def_property_readonly(
          "issues",
          [](const PyContext& c) {
            py::list ids;
            for (const Issue& issue : c.space->scenario().space().issues()) ids.append(issue.id);
            return ids;
          },
          "The issue ids, in order.")
      .def_property_readonly(
          "own",
          [](const PyContext& c) {
            return PartyView{c.space, c.self};
          },
          "The strategy's own preferences (a PartyView).")
      .def_property_readonly(
          "opponent",
          [](const PyContext& c) -> py::object {
            if (!c.complete) return py::none();
            return py::cast(PartyView{c.space, other_party(c.self)});
          },
          "The opponent's preferences under complete information, else None.")
      .def("__repr__", [](const PyContext& c) {
        return "<Context party " + c.space->scenario().party(c.self).id + ", deadline " +
               std::to_string(c.deadline) + ", seed " + std::to_string(c.seed) + ">";
      });

  py::class_<PyState>(m, "State", R"doc(
The moment of a decision: the offer being made (propose) or answered (respond), the deadline
and the offers so far. Valid only during the call it is given to.)doc")
      .def_readonly("offer_index", &PyState::offer_index,
                    "The offer being made or answered (0 … deadline−1).")
      .def_readonly("deadline", &PyState::deadline)
      .def_property_readonly(
          "time",
          [](const PyState& s) {
            return NegotiationState{s.offer_index, s.deadline, {}}.time();
          },
          "Normalised time t = offer_index/(deadline−1) in [0, 1].")
      .def_property_readonly(
          "last_offer",
          [](const PyState& s) {
            return NegotiationState{s.offer_index, s.deadline, {}}.last_offer();
          },
          "True when this is the last offer: rejecting it ends in disagreement.")
      .def_property_readonly(
          "offers",
          [](const PyState& s) {
            require_alive(s.alive, "State");
            py::list list(s.offers.size());
            for (std::size_t k = 0; k < s.offers.size(); ++k) {
              list[k] = py::make_tuple(s.space->to_dict(s.offers[k].outcome),
                                       s.space->party_id(s.offers[k].proposer));
            }
            return list;
          },
          "Every offer so far, in order, as (outcome, proposer id) pairs (O(n): prefer `last`).")
      .def_property_readonly(
          "last",
          [](const PyState& s) -> py::object {
            require_alive(s.alive, "State");
            if (s.offers.empty()) return py::none();
            const OfferRecord& r = s.offers.back();
            return py::make_tuple(s.space->to_dict(r.outcome), s.space->party_id(r.proposer));
          },
          "The latest offer as (outcome, proposer id), or None before the first.")
      .def_property_readonly(
          "offer_count", [](const PyState& s) { return s.offers.size(); },
          "Number of offers made so far.")
      .def("__repr__", [](const PyState& s) {
        return "<State offer " + std::to_string(s.offer_index) + " of " +
               std::to_string(s.deadline) + ">";
      });

  py::class_<PyModelView>(m, "OpponentModelView", R"doc(
The opponent model given to a bidding strategy (valid during the call only).)doc")
      .def(
          "utility",
          [](const PyModelView& v, py::handle outcome) {
            require_alive(v.alive, "OpponentModelView");
            std::string error;
            const std::optional<Outcome> o = v.space->from_python(outcome, &error);
            if (!o) throw py::value_error("not an outcome of the scenario: " + error);
            return v.model->utility(*o);
          },
          py::arg("outcome"), "The model's estimate of the opponent's utility, in [0, 1].");

  py::class_<PyAcceptanceInput>(m, "AcceptanceInput", R"doc(
What an acceptance condition decides on (valid during the call only).)doc")
      .def_readonly("state", &PyAcceptanceInput::state,
                    "The State (offer_index: the offer answered).")
      .def_readonly("offer_utility", &PyAcceptanceInput::offer_utility, "Own utility of the offer.")
      .def_readonly("next_bid_utility", &PyAcceptanceInput::next_bid_utility,
                    "Own utility of the bid the agent would make next (if any).")
      .def_readonly("has_next_bid", &PyAcceptanceInput::has_next_bid, "False on the last offer.")
      .def_readonly("best_received_utility", &PyAcceptanceInput::best_received_utility,
                    "Best own utility among the opponent's earlier offers (−1: none).");
}

// [SECTION] The registry -------------------------------------------------------------------------

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
  register_views(m);
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
