// strategies.hpp — strategies written in Python, behind the engine's interfaces: a whole
// negotiator (an Agent) or a BOA component (bidding, acceptance, opponent model) that `boa(...)`
// combines with the built-in ones; and the registry that names them beside the built-in
// strategies (an AgentFactory layered over agents::builtin_registry()).
//
// Every call into Python takes the GIL for that call only: the engine runs with the GIL
// released, on the calling thread or on worker threads. A Python strategy is held to the same
// rules as a C++ one: an offer must be an outcome of the space and an answer one of "accept",
// "reject", "walk_away", or the run stops with an AgentError naming the strategy, the party, the
// offer and what was wrong. An exception raised by the strategy stops the run and reaches the
// caller as itself, with its traceback.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "agents/components.hpp"
#include "agents/registry.hpp"
#include "engine/protocol/agent.hpp"
#include "python/src/outcomes.hpp"

namespace treatysim::python {

// A strategy written in Python, as the package registers it: a class (instantiated with the
// spec's parameters for each agent or component made) or an instance (copied with
// copy.deepcopy for each one; with `share_instance`, the first one made is the instance itself).
struct PyStrategySource {
  std::string name;
  agents::ComponentKind kind = agents::ComponentKind::kNegotiator;
  py::object object;
  bool is_class = false;
  bool share_instance = false;
  bool uses_model = false;  // bidding: bid() reads the opponent model
  std::vector<agents::ParameterInfo> parameters;
  int made = 0;  // guarded by the GIL

  PyStrategySource() = default;
  PyStrategySource(const PyStrategySource&) = delete;
  PyStrategySource& operator=(const PyStrategySource&) = delete;
  ~PyStrategySource();
  // A new Python object for one agent or component (requires the GIL).
  [[nodiscard]] py::object make(const agents::Parameters& parameters);
};

// The built-in registry plus the strategies written in Python (`entries`, as the package's
// _strategies.registry_entries() lists them). Requires the GIL.
[[nodiscard]] std::shared_ptr<agents::Registry> make_registry(const py::list& entries);

}  // namespace treatysim::python
