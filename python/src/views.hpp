// views.hpp — what a strategy written in Python is given: plain Python objects of the classes in
// treatysim/_strategies.py (Context, PartyView, State, AcceptanceInput, OpponentModelView),
// whose hot parts — utility(), at_least(), best(), the offers so far, the opponent model's
// estimate — are C functions bound to the engine's data.
//
// Each strategy object keeps one State (and AcceptanceInput, OpponentModelView) and refreshes
// it for every call: a decision costs a few attribute stores, not allocations or pybind11
// dispatch. A State is valid during the call it is given to (after it, reading its offers
// raises ValueError); a Context and its PartyViews stay valid as long as anyone holds them.
#pragma once

#include <array>
#include <memory>
#include <span>

#include "agents/components.hpp"
#include "engine/protocol/agent.hpp"
#include "python/src/outcomes.hpp"

namespace treatysim::python {

// The engine's data behind one State's offers (shared with the bound C function, so that a
// State kept after its call fails cleanly instead of reading freed memory).
struct StateData {
  std::span<const OfferRecord> offers;
  std::shared_ptr<const PySpace> space;
  bool alive = false;
};

// The opponent model behind an OpponentModelView, during one call.
struct ModelData {
  const agents::OpponentModel* model = nullptr;
  std::shared_ptr<const PySpace> space;
  bool alive = false;
};

// The objects one strategy object (a negotiator or a BOA component) hands to its Python side.
// Created, used and destroyed with the GIL held (the destructor takes it).
class StrategyViews {
 public:
  StrategyViews();
  ~StrategyViews();
  StrategyViews(const StrategyViews&) = delete;
  StrategyViews& operator=(const StrategyViews&) = delete;

  // A new Context for a negotiation (its PartyViews are made once per scenario and reused).
  [[nodiscard]] py::object context(const NegotiationContext& context);
  // The scenario's ids as Python strings, for the current negotiation (after context()).
  [[nodiscard]] const PySpace& space() const noexcept { return *space_; }
  [[nodiscard]] PartyIndex self() const noexcept { return self_; }

  // The State for `state`, valid until leave() (borrowed reference).
  [[nodiscard]] PyObject* enter(const NegotiationState& state);
  void leave() noexcept { state_data_->alive = false; }
  // The OpponentModelView for `model` (Py_None when there is none), valid until leave_model().
  [[nodiscard]] PyObject* enter_model(const agents::OpponentModel* model);
  void leave_model() noexcept { model_data_->alive = false; }
  // The AcceptanceInput for `input`, its state entered (leave() ends both).
  [[nodiscard]] PyObject* enter_acceptance(const agents::AcceptanceInput& input);

 private:
  std::shared_ptr<const PySpace> space_;
  PartyIndex self_ = 0;
  std::array<py::object, kPartyCount> party_views_;
  py::object scenario_;
  py::object state_;
  std::shared_ptr<StateData> state_data_;
  py::object model_view_;
  std::shared_ptr<ModelData> model_data_;
  py::object acceptance_;
};

}  // namespace treatysim::python
