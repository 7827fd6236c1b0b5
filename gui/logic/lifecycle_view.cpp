// lifecycle_view.cpp — simulate the treaty's life, inject events, pick a negotiation.
#include "gui/logic/lifecycle_view.hpp"

#include <algorithm>
#include <utility>

#include "engine/model/user_error.hpp"

namespace treatysim::gui {

namespace {

const char* kInjectedPrefix = "injected-";

std::string kind_description(const ScheduledEventDef& e) {
  switch (e.kind) {
    case LifecycleEventKind::kForcedLapse:
      return "The treaty lapses at once; talks may go on for a while.";
    case LifecycleEventKind::kTermination:
      return "The treaty ends for good.";
    default:
      return e.narration;
  }
}

std::vector<EventTemplate> make_templates(const LifecycleDef& life) {
  std::vector<EventTemplate> templates;
  std::vector<std::string> seen;
  const auto add = [&](ScheduledEventDef event) {
    if (std::find(seen.begin(), seen.end(), event.id) != seen.end()) return;
    seen.push_back(event.id);
    event.enabled = true;
    EventTemplate t;
    t.label = readable_id(event.id);
    t.description = kind_description(event);
    t.event = std::move(event);
    templates.push_back(std::move(t));
  };
  for (const RandomEventDef& r : life.random_events) {
    ScheduledEventDef e;
    e.id = r.id;
    e.kind = r.kind;
    e.party = r.party;
    e.value = r.value;
    e.issue = r.issue;
    e.narration = r.narration;
    add(std::move(e));
  }
  for (const ScheduledEventDef& s : life.events) {
    if (s.id.rfind(kInjectedPrefix, 0) == 0) continue;
    add(s);
  }
  ScheduledEventDef lapse;
  lapse.id = "forced-lapse";
  lapse.kind = LifecycleEventKind::kForcedLapse;
  lapse.narration = "The treaty is forced to lapse (injected).";
  add(std::move(lapse));
  ScheduledEventDef termination;
  termination.id = "termination";
  termination.kind = LifecycleEventKind::kTermination;
  termination.narration = "One side terminates the treaty (injected).";
  add(std::move(termination));
  return templates;
}

}  // namespace

std::string readable_id(const std::string& id) {
  std::string text = id;
  std::replace(text.begin(), text.end(), '-', ' ');
  std::replace(text.begin(), text.end(), '_', ' ');
  return text;
}

std::string marker_label(const std::string& id) {
  std::string text = readable_id(id);
  const std::size_t space = text.rfind(' ');
  if (space != std::string::npos && space > 0 && text.size() - space == 5 &&
      std::all_of(text.begin() + static_cast<std::ptrdiff_t>(space) + 1, text.end(),
                  [](char c) { return c >= '0' && c <= '9'; })) {
    text.erase(space);
  }
  return text;
}

bool same_except_deadline(const ScenarioDef& a, const ScenarioDef& b) {
  if (a.protocol.deadline == b.protocol.deadline) return a == b;
  ScenarioDef copy = b;
  copy.protocol.deadline = a.protocol.deadline;
  return a == copy;
}

Lifecycle::Lifecycle(const AgentFactory& factory) : factory_(factory) {}

bool Lifecycle::is_own_game(const Scenario& scenario) const {
  // A life not simulated since the scenario changed has no negotiation open in the session.
  if (dirty_ || !result_ || scenario.def().lifecycle) return false;
  const std::string& hash = scenario.content_hash();
  return std::any_of(
      result_->negotiations.begin(), result_->negotiations.end(),
      [&](const NegotiationRecord& n) { return n.trace.scenario.content_hash() == hash; });
}

bool Lifecycle::sync(const Scenario& scenario) {
  if (base_ && base_->content_hash() == scenario.content_hash()) return false;  // fast path
  if (base_ && same_except_deadline(base_->def(), scenario.def())) return false;
  if (is_own_game(scenario)) return false;
  const bool same_life = base_ && base_->def().lifecycle && scenario.def().lifecycle &&
                         base_->def().lifecycle->treaty == scenario.def().lifecycle->treaty;
  base_ = scenario;
  selected_.reset();
  if (!same_life) {
    injected_.clear();
    seed_ = scenario.def().lifecycle ? scenario.def().lifecycle->treaty.seed : 0;
  }
  templates_ = scenario.def().lifecycle ? make_templates(*scenario.def().lifecycle)
                                        : std::vector<EventTemplate>{};
  if (!injected_.empty()) {  // drop the injections when the engine refuses them now
    try {
      ScenarioDef def = scenario.def();
      for (const ScheduledEventDef& e : injected_) def.lifecycle->events.push_back(e);
      (void)Scenario::create(std::move(def));
    } catch (const UserError&) {
      injected_.clear();
    }
  }
  dirty_ = true;
  return true;
}

void Lifecycle::simulate() const {
  dirty_ = false;
  result_.reset();
  run_scenario_.reset();
  selected_.reset();
  reason_.clear();
  if (!base_) {
    reason_ = "no scenario";
    return;
  }
  if (!base_->def().lifecycle) {
    reason_ = "Scenario \"" + base_->id() +
              "\" has no [treaty] section: it describes one negotiation, not a treaty's life.";
    return;
  }
  try {
    ScenarioDef def = base_->def();
    for (const ScheduledEventDef& e : injected_) def.lifecycle->events.push_back(e);
    Scenario run = injected_.empty() ? *base_ : Scenario::create(std::move(def));
    result_ = simulate_lifecycle(run, seed_, factory_);
    run_scenario_ = std::move(run);
  } catch (const UserError& error) {
    result_.reset();
    run_scenario_.reset();
    reason_ = error.what();
  }
}

void Lifecycle::set_seed(std::uint64_t seed) {
  seed_ = seed;
  simulate();
}

Month Lifecycle::first_month() const {
  ensure();
  if (result_) return result_->start;
  if (base_ && base_->def().lifecycle) return base_->def().lifecycle->treaty.start;
  return Month{};
}

Month Lifecycle::last_month() const {
  ensure();
  if (result_) return result_->end.plus(-1);
  if (base_ && base_->def().lifecycle) {
    const TreatyDef& t = base_->def().lifecycle->treaty;
    return t.start.plus(t.years * 12 - 1);
  }
  return Month{};
}

void Lifecycle::inject(std::size_t template_index, Month month) {
  if (!base_ || !base_->def().lifecycle) {
    throw UserError("Inject event: the scenario has no treaty lifecycle");
  }
  if (template_index >= templates_.size()) {
    throw UserError("Inject event: no event template " + std::to_string(template_index));
  }
  if (month < first_month() || month > last_month()) {
    throw UserError("Inject event: expected a month from " + first_month().to_string() + " to " +
                    last_month().to_string() + ", got " + month.to_string());
  }
  ScheduledEventDef event = templates_[template_index].event;
  event.id = kInjectedPrefix + std::to_string(++injection_counter_) + "-" + event.id;
  event.date = month;
  // Validate first through the engine, so a refused event leaves everything as it was.
  ScenarioDef def = base_->def();
  for (const ScheduledEventDef& e : injected_) def.lifecycle->events.push_back(e);
  def.lifecycle->events.push_back(event);
  (void)Scenario::create(std::move(def));
  const std::vector<ScheduledEventDef> before = injected_;
  injected_.push_back(std::move(event));
  simulate();
  if (!result_) {
    const std::string reason = reason_;
    injected_ = before;
    simulate();
    throw UserError("Inject event: " + reason);
  }
}

void Lifecycle::remove_injected(std::size_t index) {
  if (index >= injected_.size()) return;
  injected_.erase(injected_.begin() + static_cast<std::ptrdiff_t>(index));
  simulate();
}

void Lifecycle::clear_injected() {
  if (injected_.empty()) return;
  injected_.clear();
  simulate();
}

std::vector<TimelineMarker> Lifecycle::markers() const {
  std::vector<TimelineMarker> markers;
  ensure();
  if (!result_) return markers;
  const LifecycleDef& life = *run_scenario_->def().lifecycle;
  for (const LogEntry& entry : result_->log) {
    if (entry.kind != "event") continue;
    TimelineMarker marker;
    marker.date = entry.date;
    marker.text = entry.text;
    marker.label.clear();
    for (const ScheduledEventDef& e : life.events) {
      if (e.enabled && e.date == entry.date && e.narration == entry.text) {
        marker.injected = e.id.rfind(kInjectedPrefix, 0) == 0;
        std::string id = e.id;
        if (marker.injected) id = id.substr(id.find('-', std::string(kInjectedPrefix).size()) + 1);
        marker.label = marker_label(id);
        break;
      }
    }
    if (marker.label.empty()) {
      for (const RandomEventDef& e : life.random_events) {
        if (e.narration == entry.text) {
          marker.label = marker_label(e.id);
          break;
        }
      }
    }
    if (marker.label.empty()) marker.label = entry.text.substr(0, 24);
    markers.push_back(std::move(marker));
  }
  return markers;
}

std::string Lifecycle::negotiation_label(std::size_t index) const {
  ensure();
  if (!result_ || index >= result_->negotiations.size()) return {};
  const NegotiationRecord& n = result_->negotiations[index];
  std::string text = n.opened.to_string() + " " + n.phase +
                     " talks: " + std::to_string(n.trace.result.offers) + " offers, ";
  if (n.agreed && n.superseded) {
    text += "superseded";
  } else if (n.agreed) {
    text += n.ratified[0] && n.ratified[1] ? "agreement ratified" : "agreement refused at home";
  } else {
    text += "no agreement";
  }
  return text;
}

void Lifecycle::select(std::optional<std::size_t> index) {
  ensure();
  if (index && (!result_ || *index >= result_->negotiations.size())) return;
  selected_ = index;
}

}  // namespace treatysim::gui
