// scenario_editor.cpp — edits as new validated scenarios, undo/redo, saving.
#include "gui/logic/scenario_editor.hpp"

#include <cmath>
#include <utility>

#include "engine/io/atomic_file.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim::gui {

namespace {

void require_party(PartyIndex party) {
  if (party >= kPartyCount) throw UserError("party " + std::to_string(party) + " does not exist");
}

void require_issue(const ScenarioDef& def, std::size_t issue) {
  if (issue >= def.issues.size()) {
    throw UserError("issue " + std::to_string(issue) + " does not exist (the scenario has " +
                    std::to_string(def.issues.size()) + " issues)");
  }
}

void require_unit(const std::string& key, double value, const char* what) {
  if (!std::isfinite(value) || value < 0.0 || value > 1.0) {
    throw UserError({}, key,
                    std::string("expected ") + what + " in [0, 1], got " + format_number(value));
  }
}

}  // namespace

std::string describe_target(const Scenario& scenario, const EditTarget& target) {
  const std::string& name = scenario.party(target.party).name;
  const auto& issues = scenario.space().issues();
  switch (target.field) {
    case EditTarget::Field::kWeight:
      return name + " weight of " + issues[target.issue].label;
    case EditTarget::Field::kValue:
      return name + " value of " + issues[target.issue].label + " = " +
             issues[target.issue].options[target.option].id;
    case EditTarget::Field::kReservation:
      return name + " reservation value";
  }
  return {};
}

std::vector<double> renormalised_weights(const std::vector<double>& weights, std::size_t issue,
                                         double weight) {
  if (issue >= weights.size()) {
    throw UserError("issue " + std::to_string(issue) + " does not exist (the scenario has " +
                    std::to_string(weights.size()) + " issues)");
  }
  require_unit("weight", weight, "a weight");
  if (weights.size() == 1) {
    if (weight != 1.0) {
      throw UserError({}, "weight",
                      "a scenario with one issue gives it all the weight: expected 1, got " +
                          format_number(weight));
    }
    return weights;
  }
  std::vector<double> result = weights;
  // The others' actual sum (not 1 − wᵢ): rounding errors then never accumulate over many edits.
  double others = 0.0;
  for (std::size_t k = 0; k < weights.size(); ++k) {
    if (k != issue) others += weights[k];
  }
  const double rest = 1.0 - weight;
  for (std::size_t k = 0; k < result.size(); ++k) {
    if (k == issue) continue;
    result[k] =
        others > 0.0 ? weights[k] * rest / others : rest / static_cast<double>(result.size() - 1);
  }
  result[issue] = weight;
  return result;
}

ScenarioEditor::ScenarioEditor(Scenario scenario) {
  history_.push_back(Step{std::move(scenario), EditTarget{}});
}

void ScenarioEditor::reset(Scenario scenario) {
  history_.clear();
  history_.push_back(Step{std::move(scenario), EditTarget{}});
  position_ = 0;
  gesture_open_ = false;
}

bool ScenarioEditor::modified() const {
  return !(scenario().def() == original().def());
}

const Scenario& ScenarioEditor::apply(ScenarioDef def, const EditTarget& target, bool merge) {
  Scenario next = Scenario::create(std::move(def));  // throws UserError: nothing changed yet
  const bool replace = merge && gesture_open_ && position_ > 0 &&
                       position_ + 1 == history_.size() && history_[position_].target == target;
  if (replace) {
    history_[position_].scenario = std::move(next);
  } else {
    // A new edit drops the redo steps.
    history_.erase(history_.begin() + static_cast<std::ptrdiff_t>(position_ + 1), history_.end());
    history_.push_back(Step{std::move(next), target});
    ++position_;
  }
  gesture_open_ = true;
  return scenario();
}

const Scenario& ScenarioEditor::set_weight(PartyIndex party, std::size_t issue, double weight,
                                           bool merge) {
  ScenarioDef def = scenario().def();
  require_party(party);
  require_issue(def, issue);
  Preferences& prefs = def.parties[party].preferences;
  try {
    prefs.weights = renormalised_weights(prefs.weights, issue, weight);
  } catch (const UserError& error) {
    throw UserError({}, "parties[" + std::to_string(party) + "].weights." + def.issues[issue].id,
                    error.message());
  }
  return apply(std::move(def), {EditTarget::Field::kWeight, party, issue, 0}, merge);
}

const Scenario& ScenarioEditor::set_value(PartyIndex party, std::size_t issue, std::size_t option,
                                          double value, bool merge) {
  ScenarioDef def = scenario().def();
  require_party(party);
  require_issue(def, issue);
  const std::string key = "parties[" + std::to_string(party) + "].values." + def.issues[issue].id;
  if (option >= def.issues[issue].options.size()) {
    throw UserError({}, key,
                    "option " + std::to_string(option) + " does not exist (the issue has " +
                        std::to_string(def.issues[issue].options.size()) + " options)");
  }
  require_unit(key + "[" + std::to_string(option) + "]", value, "a value");
  Preferences& prefs = def.parties[party].preferences;
  prefs.values[issue][option] = value;
  if (issue < prefs.shapes.size()) prefs.shapes[issue] = ValueShape::kTable;
  return apply(std::move(def), {EditTarget::Field::kValue, party, issue, option}, merge);
}

const Scenario& ScenarioEditor::set_reservation(PartyIndex party, double value, bool merge) {
  ScenarioDef def = scenario().def();
  require_party(party);
  require_unit("parties[" + std::to_string(party) + "].reservation", value, "a reservation value");
  def.parties[party].preferences.reservation_value = value;
  def.parties[party].reservation_distribution.reset();  // the slider sets a fixed value
  return apply(std::move(def), {EditTarget::Field::kReservation, party, 0, 0}, merge);
}

void ScenarioEditor::undo() noexcept {
  if (can_undo()) --position_;
  gesture_open_ = false;
}

void ScenarioEditor::redo() noexcept {
  if (can_redo()) ++position_;
  gesture_open_ = false;
}

std::string ScenarioEditor::last_edit() const {
  if (position_ == 0) return {};
  return describe_target(scenario(), history_[position_].target);
}

std::string ScenarioEditor::toml() const {
  return to_toml(scenario().def());
}

void ScenarioEditor::save_as(const std::string& path) const {
  if (path.empty()) throw UserError("Save as: expected a file name, got an empty path");
  const std::string text = toml();
  // The file must read back as this very scenario (to_toml promises it; check before writing).
  const Scenario reread = parse_scenario(text, path);
  if (!(reread.def() == scenario().def())) {
    throw UserError({path, 0, 0}, "",
                    "the edited scenario does not read back the same from TOML; not saved");
  }
  write_file_atomically(path, text);
}

}  // namespace treatysim::gui
