// lifecycle_view.hpp — the treaty timeline's model: the engine's simulate_lifecycle for the
// session's scenario, events injected by the user, and the negotiation of the life that is open.
//
// The model follows the session's scenario (sync): when it changes and has a treaty lifecycle
// ([treaty] and the sections that go with it), the life is simulated again with the treaty's own
// seed (TreatyDef::seed, as `treatysim simulate` does). An injected event is a scheduled event
// (lifecycle_def.hpp) added to a copy of the scenario at a chosen month, made from a template: one
// of the scenario's own scheduled or random events, a forced lapse or a termination. The life is
// then simulated again with the same seed, so the run is deterministic and differs from the
// original only by what the event causes (the random streams draw the same numbers).
//
// A negotiation of the life opens in the panels above through Session::load_trace; its scenario
// is the game of that moment (no lifecycle part), which sync() recognises and ignores.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/lifecycle/lifecycle.hpp"
#include "engine/model/scenario.hpp"
#include "engine/protocol/agent.hpp"

namespace treatysim::gui {

// A kind of event the user may inject.
struct EventTemplate {
  std::string label;        // for the picker, e.g. "espionage case"
  std::string description;  // the narration, or what the kind does
  ScheduledEventDef event;  // id, kind, party, value, issue, narration (date set on injection)
};

// An event marker of the timeline: an event that happened in the simulated life.
struct TimelineMarker {
  Month date;
  std::string label;  // short: the event's id made readable, a trailing year dropped
                      // ("election-2024" → "election"; the marker's place gives the date)
  std::string text;   // the narration
  bool injected = false;
};

class Lifecycle {
 public:
  // `factory` makes the negotiators and compliance policies (the strategy registry); it must
  // outlive the model.
  explicit Lifecycle(const AgentFactory& factory);

  // Follows `scenario`: its life is simulated again when it differs from the one followed (the
  // deadline aside, which the lifecycle does not use) and is not the game of one of this life's
  // negotiations. Keeps the injected events when they still apply. Returns true when the
  // scenario followed changed. The simulation runs lazily, on the first read of the life (so a
  // slider dragged in the editor does not re-simulate every frame while the timeline is hidden).
  bool sync(const Scenario& scenario);

  // True when a life was simulated for the scenario followed.
  [[nodiscard]] bool available() const {
    ensure();
    return result_.has_value();
  }
  // Why there is no life to show ("" when available()): the scenario has no [treaty] section, or
  // the engine's UserError message.
  [[nodiscard]] const std::string& unavailable_reason() const {
    ensure();
    return reason_;
  }
  // The scenario followed (null before the first sync).
  [[nodiscard]] const Scenario* followed() const noexcept { return base_ ? &*base_ : nullptr; }
  // True when `scenario` is the game of one of this life's negotiations (what the session shows
  // after one was opened).
  [[nodiscard]] bool is_own_game(const Scenario& scenario) const;
  // The simulated life; requires available().
  [[nodiscard]] const LifecycleResult& result() const {
    ensure();
    return *result_;
  }
  // The scenario simulated (the one followed, plus the injected events); requires available().
  [[nodiscard]] const Scenario& run_scenario() const {
    ensure();
    return *run_scenario_;
  }

  // The run seed (the treaty's own seed until set). Setting it simulates again.
  [[nodiscard]] std::uint64_t seed() const noexcept { return seed_; }
  void set_seed(std::uint64_t seed);

  // [SECTION] Injected events
  // The events the user may inject into the life of the scenario followed.
  [[nodiscard]] const std::vector<EventTemplate>& templates() const noexcept { return templates_; }
  // The months an event may be injected at: from the start to the last month of the horizon.
  [[nodiscard]] Month first_month() const;
  [[nodiscard]] Month last_month() const;
  // Injects template `index` at `month` and simulates again. Throws UserError (nothing changes)
  // when the index or month is out of range or the engine refuses the event.
  void inject(std::size_t template_index, Month month);
  // The injected events, in the order they were injected.
  [[nodiscard]] const std::vector<ScheduledEventDef>& injected() const noexcept {
    return injected_;
  }
  // Removes one injected event / all of them and simulates again.
  void remove_injected(std::size_t index);
  void clear_injected();

  // [SECTION] Reading the life
  // Every event that happened, in date order, with short labels.
  [[nodiscard]] std::vector<TimelineMarker> markers() const;
  // "2024-11 lapse talks: 4 offers, agreement ratified" — a negotiation as a line of text.
  [[nodiscard]] std::string negotiation_label(std::size_t index) const;
  // The negotiation open in the panels above, if any.
  [[nodiscard]] std::optional<std::size_t> selected() const noexcept { return selected_; }
  // Marks negotiation `index` as open (nullopt: none); the panel then calls
  // session.load_trace(result().negotiations[index].trace, negotiation_label(index)).
  void select(std::optional<std::size_t> index);

 private:
  void ensure() const {
    if (dirty_) simulate();
  }
  void simulate() const;

  const AgentFactory& factory_;
  std::optional<Scenario> base_;  // the scenario followed
  // The simulation's output, computed lazily (ensure) from base_, injected_ and seed_.
  mutable bool dirty_ = false;
  mutable std::optional<Scenario> run_scenario_;  // base_ + injected events
  mutable std::optional<LifecycleResult> result_;
  mutable std::string reason_;
  std::uint64_t seed_ = 0;
  std::vector<EventTemplate> templates_;
  std::vector<ScheduledEventDef> injected_;
  mutable std::optional<std::size_t> selected_;  // cleared by every simulation
  int injection_counter_ = 0;
};

// Event id → readable label: '-' and '_' become spaces ("espionage-case" → "espionage case").
[[nodiscard]] std::string readable_id(const std::string& id);

// A marker label from an event id: readable_id without a trailing 4-digit year
// ("house-letter-2023" → "house letter"; "espionage-case" → "espionage case").
[[nodiscard]] std::string marker_label(const std::string& id);

// Equal scenarios apart from the protocol's deadline (the session overrides the deadline).
[[nodiscard]] bool same_except_deadline(const ScenarioDef& a, const ScenarioDef& b);

}  // namespace treatysim::gui
