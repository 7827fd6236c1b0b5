// session.hpp — the negotiation shown in the window: scenario, settings, the run step by step,
// human play, replay of a saved trace.
//
// Every number comes from the engine: the scenario's utilities, analyze_scenario, the
// Negotiation's events and result. The session only decides *when* to step.
//
// Three ways to fill the event list:
// - live: two agents made by the registry from the specs (one may be the human) play through the
//   engine's Negotiation, one step at a time (step(), or update() while playing);
// - human play: set_human(party) puts a HumanAgent on that side; the front end hands over the
//   person's decision (human_propose / human_respond) and the agent answers after a short
//   visible pause (set_agent_pause) in update();
// - replay: load_trace_file / load_trace feed the recorded decisions of both sides to the engine
//   again (HumanAgents scripted from the events), so the state at any cursor is the engine's.
// Stepping back (and seeking) re-runs deterministically from the seed to the earlier point,
// feeding the human's recorded decisions back in.
//
// Functions that take user input throw UserError and leave the session unchanged on error.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "agents/registry.hpp"
#include "engine/analysis/analysis.hpp"
#include "engine/analysis/model_accuracy.hpp"
#include "engine/analysis/pareto.hpp"
#include "engine/model/scenario.hpp"
#include "engine/protocol/event.hpp"
#include "engine/protocol/negotiation.hpp"
#include "engine/protocol/spec.hpp"
#include "engine/protocol/trace.hpp"
#include "gui/logic/visibility.hpp"

namespace treatysim::agents {
class HumanAgent;
}

namespace treatysim::gui {

// The most negotiation steps one update() call performs (keeps a frame bounded).
inline constexpr int kMaxStepsPerUpdate = 1000;
// Outcome spaces up to this size are enumerated for drawing (outcome_points()).
inline constexpr double kMaxDrawnOutcomes = 4'000'000.0;

class Session {
 public:
  // One offer made so far, with both parties' utilities of it (from scenario.utility).
  struct OfferPoint {
    int offer_index = 0;
    PartyIndex proposer = 0;
    Outcome outcome;
    std::array<double, kPartyCount> utilities{};
  };

  // A session with no scenario yet (has_scenario() is false until one is loaded or set). The
  // registry must outlive the session.
  explicit Session(const agents::Registry& registry);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // [SECTION] scenario & settings ------------------------------------------------------------

  // Loads a scenario file exactly as the CLI does (agent specs checked against the registry):
  // same UserError messages. Specs, deadline and first mover come from the file; the seed stays.
  void load_scenario_file(const std::string& path);
  // Uses `scenario` (e.g. from the editor), labelled `label`; scenario_path() becomes "". Keeps
  // the current specs when they can still play their parties (else the scenario's defaults) and
  // the deadline from `scenario`. Throws UserError when no usable specs exist.
  void set_scenario(Scenario scenario, std::string label);
  // True once a scenario was loaded or set.
  [[nodiscard]] bool has_scenario() const noexcept { return scenario_.has_value(); }
  // The scenario (with the session's deadline); requires has_scenario().
  [[nodiscard]] const Scenario& scenario() const;
  // A short name for the scenario: the file name, or the label given to set_scenario.
  [[nodiscard]] const std::string& scenario_label() const noexcept { return label_; }
  // The file the scenario came from, or "" when it did not come from a file.
  [[nodiscard]] const std::string& scenario_path() const noexcept { return path_; }
  // The engine's analysis of scenario() (frontier, solutions, ZOPA); requires has_scenario().
  [[nodiscard]] const ScenarioAnalysis& analysis() const;
  // Every outcome with both utilities, in index order (engine enumerate_outcomes); empty when the
  // space has more than kMaxDrawnOutcomes outcomes (draw the frontier only then).
  [[nodiscard]] const std::vector<OutcomePoint>& outcome_points() const noexcept { return points_; }

  // Each party's strategy spec.
  [[nodiscard]] const std::array<Spec, kPartyCount>& specs() const noexcept { return specs_; }
  // Sets one party's strategy (registry.check'ed against the scenario; throws UserError) and
  // resets the run.
  void set_spec(PartyIndex party, const Spec& spec);
  // The run seed (agents' random streams are derived from it).
  [[nodiscard]] std::uint64_t seed() const noexcept { return seed_; }
  // Sets the seed and resets the run.
  void set_seed(std::uint64_t seed);
  // The deadline in offers.
  [[nodiscard]] int deadline() const;
  // Sets the deadline (validated by the engine like the file value; throws UserError) and
  // resets the run.
  void set_deadline(int deadline);

  // [SECTION] stepping -----------------------------------------------------------------------

  // Back to before the first event, same settings (leaves replay at cursor 0). Pauses.
  void reset();
  // Performs one engine step (an offer or a response; a rejected last offer also brings the
  // deadline event). Returns false, doing nothing, when done, waiting for the human, or at the
  // end of a replay.
  bool step();
  // Goes back one step: re-runs deterministically from the seed to the step before. No effect
  // before the first event.
  void step_back();
  // Starts or stops automatic stepping in update().
  void set_playing(bool playing) noexcept { playing_ = playing; }
  [[nodiscard]] bool playing() const noexcept { return playing_; }
  // Automatic stepping speed in steps per second (clamped to [0.1, 100000]).
  void set_speed(double steps_per_second) noexcept;
  [[nodiscard]] double speed() const noexcept { return speed_; }
  // Called once per frame: while playing, performs speed·dt steps (carrying fractions over, never
  // more than kMaxStepsPerUpdate); in human play, lets the agent act once the pause after the
  // person's move has run out. Stops playing at the end.
  void update(double dt_seconds);
  // True when the negotiation has ended (or the replay cursor is at the end of the trace).
  [[nodiscard]] bool done() const noexcept;

  // The events so far (in replay: up to the cursor).
  [[nodiscard]] const std::vector<Event>& events() const noexcept { return events_; }
  // Every offer so far, in order, with both utilities.
  [[nodiscard]] const std::vector<OfferPoint>& offers() const noexcept { return offers_; }
  // The offer being answered now (the last offer, while no answer to it was given).
  [[nodiscard]] std::optional<OfferPoint> offer_on_table() const;
  // The engine's result, once done (in replay: once the cursor reached the end).
  [[nodiscard]] std::optional<NegotiationResult> result() const;
  // The agent's own target utility at each offer index 0..deadline−1, where its strategy has a
  // schedule (Agent::target_utility); nullopt otherwise, for the human and in replay of a trace
  // whose agents are not re-created.
  [[nodiscard]] std::optional<std::vector<double>> target_curve(PartyIndex party) const;

  // [SECTION] opponent models ----------------------------------------------------------------
  // What each agent's opponent model says about the other side (Agent::estimated_utility), live,
  // in human play (the agent's side) and in replay (the strategy is replayed as a shadow that
  // sees the same offers: see ShadowedAgent), and how accurate it has been after each offer it
  // answered (the engine's AccuracyRecorder, analysis/model_accuracy.hpp).

  // True when `party`'s agent has an opponent model.
  [[nodiscard]] bool has_model(PartyIndex party) const;
  // `party`'s estimate of the other side's utility of each of outcome_points() (same order), at
  // the current step; empty without a model or without points. Cached per step.
  [[nodiscard]] const std::vector<double>& estimate(PartyIndex party) const;
  // `party`'s estimate of the other side's reservation value, when its model makes one.
  [[nodiscard]] std::optional<double> estimated_reservation(PartyIndex party) const;
  // The accuracy of `party`'s model after each offer it answered so far (empty without a model).
  [[nodiscard]] const std::vector<AccuracyPoint>& accuracy_curve(PartyIndex party) const;
  // Each party's reservation value in this negotiation (drawn ones included).
  [[nodiscard]] std::array<double, kPartyCount> reservation_values() const;

  // [SECTION] human play ---------------------------------------------------------------------

  // Puts the person on `party` (a HumanAgent replaces that side's strategy), or back to two
  // agents with nullopt. Resets the run and leaves replay.
  void set_human(std::optional<PartyIndex> party);
  [[nodiscard]] std::optional<PartyIndex> human() const noexcept { return human_; }
  // True when the next step is the person's offer.
  [[nodiscard]] bool awaiting_human_offer() const noexcept;
  // True when the next step is the person's answer to offer_on_table().
  [[nodiscard]] bool awaiting_human_response() const noexcept;
  // The person's offer (must be an outcome of the space; throws UserError otherwise, or when it
  // is not the person's turn to offer). Stepped at once; the agent answers after the pause.
  void human_propose(const Outcome& offer);
  // The person's answer to the offer on the table (throws UserError when it is not their turn).
  void human_respond(Response response);
  // The pause in seconds before the agent acts after the person (default 0.8; clamped ≥ 0).
  void set_agent_pause(double seconds) noexcept;
  // Seconds left before the agent acts (0 when it is not waiting).
  [[nodiscard]] double agent_pause_left() const noexcept { return pause_left_; }

  // [SECTION] replay -------------------------------------------------------------------------

  // Opens a saved trace (the CLI's `run --format json` or save_trace()); throws UserError naming
  // the file (load_trace_file's messages, or the event that does not replay). The session's
  // scenario, specs and seed become the trace's; the cursor goes to 0.
  void load_trace_file(const std::string& path);
  // Replays a trace held in memory (e.g. one negotiation of the treaty lifecycle), labelled
  // `label`. Throws UserError when its events are not a valid run of its scenario.
  void load_trace(const Trace& trace, std::string label);
  // True while showing a loaded trace.
  [[nodiscard]] bool replaying() const noexcept { return replaying_; }
  // Number of events shown (0 … total_events()).
  [[nodiscard]] std::size_t cursor() const noexcept { return events_.size(); }
  // Events in the loaded trace (in live mode: the events so far).
  [[nodiscard]] std::size_t total_events() const noexcept;
  // Moves the replay cursor to the first step boundary at or after `event_count` (clamped).
  void seek(std::size_t event_count);
  // Back to a live negotiation of the same scenario, specs and seed (run reset).
  void leave_replay();

  // [SECTION] saving & narration -------------------------------------------------------------

  // The current negotiation (events so far) as a trace; a human side's spec reads "human".
  [[nodiscard]] Trace trace() const;
  // Writes trace() as JSON (trace_to_text: the CLI's `run --format json` bytes when run to the
  // end), atomically; throws UserError naming the file.
  void save_trace(const std::string& path) const;
  // One plain sentence on the last event (narration.hpp), telling only the values `shown`
  // allows (visibility.hpp); "" before the first event.
  [[nodiscard]] std::string narration(const ValueVisibility& shown = ValueVisibility::all()) const;

 private:
  struct Run;
  // Makes `scenario` (analysed, enumerated for drawing) and `specs` current; run reset.
  void install(Scenario scenario, std::array<Spec, kPartyCount> specs);
  // A fresh engine run, stepped `steps` times (scripted sides fed from script_).
  void rebuild(std::size_t steps);
  // The agents' target curves for the current settings (cached by settings).
  void update_targets();
  // One engine step; false when done or a scripted side has no decision left.
  bool step_once();
  // load_trace, optionally checking the engine's result against a saved one (file `source`).
  void load_trace_checked(const Trace& trace, std::string label,
                          const nlohmann::ordered_json* expected_result, const std::string& source);
  // True when `party`'s decisions come from script_ or the person rather than an agent.
  [[nodiscard]] bool scripted(PartyIndex party) const noexcept;

  const agents::Registry& registry_;
  std::optional<Scenario> scenario_;
  ScenarioAnalysis analysis_;
  std::vector<OutcomePoint> points_;
  std::string label_;
  std::string path_;
  std::array<Spec, kPartyCount> specs_;
  std::uint64_t seed_ = 42;

  std::unique_ptr<Run> run_;
  std::vector<Event> events_;
  std::vector<OfferPoint> offers_;
  std::vector<std::size_t> step_ends_;  // events_.size() after each step
  std::array<std::optional<std::vector<double>>, kPartyCount> targets_;
  std::array<std::shared_ptr<const AccuracyBasis>, kPartyCount> accuracy_bases_;
  std::uint64_t generation_ = 0;  // counts rebuilds (estimate caches are per run)
  struct EstimateCache {
    std::uint64_t generation = ~std::uint64_t{0};
    std::size_t events = 0;
    std::vector<double> values;
  };
  mutable std::array<EstimateCache, kPartyCount> estimates_;
  std::string targets_key_;  // the settings targets_ was computed for

  // Decisions fed to scripted sides: the loaded trace in replay; the person's past decisions
  // (re-fed on step back) in human play.
  std::vector<Event> script_;
  std::size_t script_total_ = 0;
  bool replaying_ = false;
  std::optional<PartyIndex> human_;

  bool playing_ = false;
  double speed_ = 4.0;
  double carry_ = 0.0;
  double agent_pause_ = 0.8;
  double pause_left_ = 0.0;
};

}  // namespace treatysim::gui
