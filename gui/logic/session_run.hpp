// session_run.hpp — inside the Session (not for panels): the engine run it steps and the
// listener that collects its events. Shared by session.cpp and session_replay.cpp.
#pragma once

#include <array>
#include <memory>
#include <vector>

#include "agents/human_agent.hpp"
#include "engine/protocol/negotiation.hpp"
#include "gui/logic/session.hpp"

namespace treatysim::gui {

// Collects the events of the run into the session's lists.
class EventSink final : public EventListener {
 public:
  EventSink(const Scenario& scenario, std::vector<Event>& events,
            std::vector<Session::OfferPoint>& offers)
      : scenario_(scenario), events_(events), offers_(offers) {}

  void on_event(const Event& event) override {
    events_.push_back(event);
    if (event.kind == EventKind::kOffer) {
      offers_.push_back(
          {event.offer_index,
           event.party,
           event.outcome,
           {scenario_.utility(0)(event.outcome), scenario_.utility(1)(event.outcome)}});
    }
  }

 private:
  const Scenario& scenario_;
  std::vector<Event>& events_;
  std::vector<Session::OfferPoint>& offers_;
};

// The agents and the engine's Negotiation of the current run. Scripted sides (the person, or
// both sides in replay) are HumanAgents fed with decisions.
struct Session::Run {
  std::array<std::unique_ptr<Agent>, kPartyCount> agents;
  std::array<agents::HumanAgent*, kPartyCount> humans{nullptr, nullptr};
  std::unique_ptr<EventSink> sink;
  std::unique_ptr<Negotiation> negotiation;
};

// True when the spec's decisions come from a person (the registry's "interactive" trait).
inline bool spec_is_interactive(const agents::Registry& registry, const Spec& spec) {
  return registry.traits(spec).interactive;
}

}  // namespace treatysim::gui
