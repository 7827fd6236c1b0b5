#include "agents/trace_replay.hpp"

#include <algorithm>
#include <array>
#include <memory>

#include "agents/human_agent.hpp"
#include "engine/model/user_error.hpp"
#include "engine/protocol/negotiation.hpp"

namespace treatysim::agents {

Trace rerun_trace(const SavedTrace& saved, const std::vector<Event>& recorded,
                  const Registry& registry) {
  Trace trace{saved.scenario, saved.seed, {}, {}, {}};
  std::array<std::unique_ptr<Agent>, kPartyCount> agents;
  std::array<HumanAgent*, kPartyCount> people{nullptr, nullptr};
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    trace.agent_specs[p] = saved.specs[p].to_string();
    if (registry.traits(saved.specs[p]).interactive) {
      auto person = std::make_unique<HumanAgent>();
      people[p] = person.get();
      agents[p] = std::move(person);
    } else {
      registry.check(saved.specs[p], saved.scenario, p);
      agents[p] = registry.create(saved.specs[p]);
    }
  }
  const bool saved_running = saved.json.at("result").value("end", "") == "running";

  TraceRecorder recorder;
  Negotiation negotiation(saved.scenario, {agents[0].get(), agents[1].get()}, saved.seed,
                          &recorder);
  while (!negotiation.done()) {
    const std::size_t k = recorder.events().size();
    if (saved_running && k >= recorded.size()) break;
    HumanAgent* person = people[negotiation.next_actor()];
    if (person != nullptr) {
      if (k >= recorded.size()) break;  // the person's decisions end here
      try {
        feed_recorded_decision(*person, negotiation, recorded[k], k);
      } catch (const UserError&) {
        break;  // not the decision due here: the comparison reports events[k]
      }
    }
    negotiation.step();
  }
  trace.events = recorder.events();
  trace.result = negotiation.result();
  if (!negotiation.done()) {
    // As the window saves a negotiation in progress: the offers made so far.
    trace.result.offers =
        static_cast<int>(std::count_if(trace.events.begin(), trace.events.end(),
                                       [](const Event& e) { return e.kind == EventKind::kOffer; }));
  }
  return trace;
}

}  // namespace treatysim::agents
