// scenario_editor.hpp — the scenario editor's model: edits of weights, option values and
// reservation values, each one a new Scenario validated by the engine, with undo and redo.
//
// The editor never computes a utility: an edit changes the ScenarioDef (plain data) and hands it
// to Scenario::create, which validates it and precomputes the utilities. The window passes the
// result to Session::set_scenario, so the outcome space, the frontier and the solutions follow.
//
// Weights stay normalised. Setting party p's weight of issue i to w (0 ≤ w ≤ 1) rescales the
// party's other weights proportionally so that they sum to 1 − w:
//   w_k ← w_k · (1 − w) / Σ_{j≠i} w_j   for k ≠ i   (the rule of a lifecycle "weight" event,
//                                                 which divides by 1 − w_i, the same sum)
// and, when the other weights are all zero (w_i was 1), they share 1 − w equally. Example:
// weights (0.5, 0.3, 0.2), set issue 0 to 0.8 → (0.8, 0.12, 0.08). A scenario with one issue
// keeps its weight at 1 (any other value is refused).
//
// Undo history: every accepted edit is one step; a slider drag is one step too when the panel
// passes merge = true while the same slider is held (consecutive edits of the same target then
// replace each other) and calls end_gesture() when it is released.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "engine/model/scenario.hpp"

namespace treatysim::gui {

// What an edit changed: one weight, one option value or one reservation value of one party.
struct EditTarget {
  enum class Field { kWeight, kValue, kReservation };
  Field field = Field::kWeight;
  PartyIndex party = 0;
  std::size_t issue = 0;   // kWeight, kValue
  std::size_t option = 0;  // kValue

  friend bool operator==(const EditTarget&, const EditTarget&) = default;
};

// Short text for an edit target, e.g. "U.S. weight of Scope" ("us weight of scope" style ids are
// replaced by the scenario's labels and names).
[[nodiscard]] std::string describe_target(const Scenario& scenario, const EditTarget& target);

// Weights after setting weights[issue] to `weight` and rescaling the others (the rule above).
// Throws UserError when `weight` is outside [0, 1] or the issue is out of range, or when a
// single-issue scenario's weight would differ from 1.
[[nodiscard]] std::vector<double> renormalised_weights(const std::vector<double>& weights,
                                                       std::size_t issue, double weight);

class ScenarioEditor {
 public:
  // Starts editing `scenario` (its def is the first step of the history).
  explicit ScenarioEditor(Scenario scenario);

  // Starts over from another scenario, forgetting the history.
  void reset(Scenario scenario);

  // The scenario after the edits so far (or after undo/redo).
  [[nodiscard]] const Scenario& scenario() const noexcept { return history_[position_].scenario; }
  // The scenario the editor started from.
  [[nodiscard]] const Scenario& original() const noexcept { return history_.front().scenario; }
  // True when the current def differs from the original's.
  [[nodiscard]] bool modified() const;

  // [SECTION] Edits — each returns the new scenario; on bad input each throws UserError (with
  // the key and what was expected) and leaves the editor unchanged.
  // Sets party's weight of `issue` to `weight` and rescales its other weights (see above).
  const Scenario& set_weight(PartyIndex party, std::size_t issue, double weight,
                             bool merge = false);
  // Sets the value of option `option` of `issue` to `value` (in [0, 1]). A numeric issue whose
  // values were given as a linear shape becomes a table of values.
  const Scenario& set_value(PartyIndex party, std::size_t issue, std::size_t option, double value,
                            bool merge = false);
  // Sets party's reservation value (in [0, 1]).
  const Scenario& set_reservation(PartyIndex party, double value, bool merge = false);
  // Closes the current gesture: the next edit is a new undo step even with merge = true.
  void end_gesture() noexcept { gesture_open_ = false; }

  // [SECTION] Undo and redo
  [[nodiscard]] bool can_undo() const noexcept { return position_ > 0; }
  [[nodiscard]] bool can_redo() const noexcept { return position_ + 1 < history_.size(); }
  // One step back / forward; no-ops at either end of the history.
  void undo() noexcept;
  void redo() noexcept;
  // Number of edits applied to reach the current scenario (undo steps available).
  [[nodiscard]] std::size_t edits() const noexcept { return position_; }
  // What the last applied edit changed ("" at the original).
  [[nodiscard]] std::string last_edit() const;

  // [SECTION] Saving
  // The current scenario as canonical TOML (engine to_toml).
  [[nodiscard]] std::string toml() const;
  // Writes toml() to `path` atomically, after checking that the text parses back to the same
  // def. Throws UserError naming the file when `path` is empty or cannot be written.
  void save_as(const std::string& path) const;

 private:
  struct Step {
    Scenario scenario;
    EditTarget target;  // what this step changed (unused for the first step)
  };
  const Scenario& apply(ScenarioDef def, const EditTarget& target, bool merge);

  std::vector<Step> history_;
  std::size_t position_ = 0;
  bool gesture_open_ = false;
};

}  // namespace treatysim::gui
