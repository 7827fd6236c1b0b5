// session_run.hpp — inside the Session (not for panels): the engine run it steps and the
// listener that collects its events. Shared by session.cpp and session_replay.cpp.
#pragma once

#include <array>
#include <memory>
#include <vector>

#include "agents/human_agent.hpp"
#include "engine/analysis/model_accuracy.hpp"
#include "engine/protocol/negotiation.hpp"
#include "gui/logic/session.hpp"

namespace treatysim::gui {

// Collects the events of the run into the session's lists (and hands them to `also`, the
// opponent models' accuracy recorder, when set).
class EventSink final : public EventListener {
 public:
  EventSink(const Scenario& scenario, std::vector<Event>& events,
            std::vector<Session::OfferPoint>& offers)
      : scenario_(scenario), events_(events), offers_(offers) {}

  EventListener* also = nullptr;

  void on_event(const Event& event) override {
    events_.push_back(event);
    if (also != nullptr) also->on_event(event);
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

// A replayed side: its decisions come from the trace (a HumanAgent fed with them), while the
// strategy that made them (the shadow) is asked the same questions at the same moments and its
// answers ignored, so that its opponent model learns exactly as it did when the trace was made
// and the window can show its estimate (Agent::estimated_utility).
class ShadowedAgent final : public Agent {
 public:
  explicit ShadowedAgent(std::unique_ptr<Agent> shadow) : shadow_(std::move(shadow)) {}
  void reset(const NegotiationContext& context) override {
    decisions_.reset(context);
    shadow_->reset(context);
  }
  [[nodiscard]] Outcome propose(const NegotiationState& state) override {
    static_cast<void>(shadow_->propose(state));
    return decisions_.propose(state);
  }
  [[nodiscard]] Response respond(const NegotiationState& state, const Outcome& offer) override {
    static_cast<void>(shadow_->respond(state, offer));
    return decisions_.respond(state, offer);
  }
  void observe(const Event& event) override { shadow_->observe(event); }
  [[nodiscard]] std::optional<double> estimated_utility(const Outcome& outcome) const override {
    return shadow_->estimated_utility(outcome);
  }
  [[nodiscard]] std::optional<double> estimated_reservation() const override {
    return shadow_->estimated_reservation();
  }
  [[nodiscard]] agents::HumanAgent& decisions() noexcept { return decisions_; }

 private:
  agents::HumanAgent decisions_;
  std::unique_ptr<Agent> shadow_;
};

// The agents and the engine's Negotiation of the current run. Scripted sides (the person, or
// both sides in replay) are HumanAgents fed with decisions; in replay, a side whose strategy
// the registry can make plays it as a shadow (ShadowedAgent).
struct Session::Run {
  std::array<std::unique_ptr<Agent>, kPartyCount> agents;
  std::array<agents::HumanAgent*, kPartyCount> humans{nullptr, nullptr};
  std::unique_ptr<EventSink> sink;
  std::unique_ptr<Negotiation> negotiation;
  std::unique_ptr<AccuracyRecorder> accuracy;  // the opponent models' accuracy after each answer
};

// True when the spec's decisions come from a person (the registry's "interactive" trait).
inline bool spec_is_interactive(const agents::Registry& registry, const Spec& spec) {
  return registry.traits(spec).interactive;
}

}  // namespace treatysim::gui
