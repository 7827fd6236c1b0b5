// session_replay.cpp — the Session's replay of recorded decisions: loading traces (checked
// against the engine), seeking.
#include <algorithm>
#include <filesystem>
#include <utility>

#include "engine/model/user_error.hpp"
#include "gui/logic/session.hpp"
#include "gui/logic/session_run.hpp"

namespace treatysim::gui {

namespace {

std::string file_label(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

}  // namespace

// [SECTION] replay -----------------------------------------------------------------------------

void Session::load_trace_file(const std::string& path) {
  const SavedTrace saved = treatysim::load_trace_file(path);
  Trace trace{saved.scenario, saved.seed, {}, events_from_trace_json(saved, path), {}};
  for (PartyIndex p = 0; p < kPartyCount; ++p) trace.agent_specs[p] = saved.specs[p].to_string();
  load_trace_checked(trace, file_label(path), &saved.json.at("result"), path);
}

void Session::load_trace(const Trace& trace, std::string label) {
  load_trace_checked(trace, std::move(label), nullptr, "");
}

void Session::load_trace_checked(const Trace& trace, std::string label,
                                 const nlohmann::ordered_json* expected_result,
                                 const std::string& source) {
  std::array<Spec, kPartyCount> specs;
  for (PartyIndex p = 0; p < kPartyCount; ++p) specs[p] = parse_spec(trace.agent_specs[p]);

  // Keep everything needed to restore the session if the trace does not replay.
  std::optional<Scenario> old_scenario = scenario_;
  ScenarioAnalysis old_analysis = analysis_;
  std::vector<OutcomePoint> old_points = points_;
  const std::array<Spec, kPartyCount> old_specs = specs_;
  const std::uint64_t old_seed = seed_;
  std::vector<Event> old_script = script_;
  const bool old_replaying = replaying_;
  const std::string old_label = label_;
  const std::string old_path = path_;
  const std::size_t old_steps = step_ends_.size();
  const std::vector<Event> old_events = events_;

  try {
    replaying_ = true;
    script_ = trace.events;
    seed_ = trace.seed;
    install(trace.scenario, specs);
    rebuild(script_.size());  // every step checks the recorded decision
    if (events_ != script_) {
      std::size_t k = 0;
      while (k < events_.size() && k < script_.size() && events_[k] == script_[k]) ++k;
      throw UserError("events[" + std::to_string(k) + "]: the engine's run of the recorded " +
                      "decisions differs here (" + std::to_string(script_.size()) +
                      " events recorded, " + std::to_string(events_.size()) + " replayed)");
    }
    if (expected_result != nullptr) {
      const nlohmann::ordered_json replayed =
          result_to_json(*scenario_, run_->negotiation->result());
      if (*expected_result != replayed) {
        throw UserError(SourceLocation{}, "result",
                        "does not match the engine's result of the recorded events (saved " +
                            expected_result->dump() + ", replayed " + replayed.dump() + ")");
      }
    }
  } catch (const UserError& error) {
    scenario_ = std::move(old_scenario);
    analysis_ = std::move(old_analysis);
    points_ = std::move(old_points);
    specs_ = old_specs;
    seed_ = old_seed;
    script_ = std::move(old_script);
    replaying_ = old_replaying;
    label_ = old_label;
    path_ = old_path;
    const bool person = human_.has_value() && !replaying_;
    if (person) script_ = old_events;  // re-feeds the person's decisions
    rebuild(old_steps);
    if (person) script_.clear();
    if (source.empty()) throw;
    throw error.located(SourceLocation{source, 0, 0});
  }
  label_ = std::move(label);
  path_.clear();
  rebuild(0);
}

std::size_t Session::total_events() const noexcept {
  return replaying_ ? script_.size() : events_.size();
}

void Session::seek(std::size_t event_count) {
  if (!run_) return;
  const std::size_t target = std::min(event_count, total_events());
  if (target < events_.size()) {
    // The number of steps whose end is at or after the target.
    const auto it = std::lower_bound(step_ends_.begin(), step_ends_.end(), target);
    const auto steps = static_cast<std::size_t>(it - step_ends_.begin()) + (target > 0 ? 1 : 0);
    rebuild(steps);
    return;
  }
  while (events_.size() < target) {
    if (!step_once()) break;
  }
}

void Session::leave_replay() {
  if (!replaying_) return;
  replaying_ = false;
  script_.clear();
  if (scenario_) {
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      if (spec_is_interactive(registry_, specs_[p]))
        specs_[p] = parse_spec(scenario_->party(p).agent);
    }
  }
  playing_ = false;
  rebuild(0);
}

}  // namespace treatysim::gui
