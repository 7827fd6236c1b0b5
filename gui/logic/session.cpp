#include "gui/logic/session.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <utility>

#include "agents/human_agent.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/model/check.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"
#include "gui/logic/narration.hpp"
#include "gui/logic/session_run.hpp"

namespace treatysim::gui {

namespace {

std::string file_label(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

std::array<Spec, kPartyCount> default_specs(const Scenario& scenario) {
  return {parse_spec(scenario.party(0).agent), parse_spec(scenario.party(1).agent)};
}

}  // namespace

Session::Session(const agents::Registry& registry) : registry_(registry) {}

Session::~Session() = default;

// [SECTION] scenario & settings ----------------------------------------------------------------

const Scenario& Session::scenario() const {
  TREATYSIM_CHECK(scenario_.has_value(),
                  "Session::scenario() needs a scenario: check has_scenario()");
  return *scenario_;
}

const ScenarioAnalysis& Session::analysis() const {
  TREATYSIM_CHECK(scenario_.has_value(),
                  "Session::analysis() needs a scenario: check has_scenario()");
  return analysis_;
}

void Session::install(Scenario scenario, std::array<Spec, kPartyCount> specs) {
  ScenarioAnalysis analysis = analyze_scenario(scenario);
  std::vector<OutcomePoint> points;
  if (scenario.space().size() <= kMaxDrawnOutcomes) points = enumerate_outcomes(scenario);
  accuracy_bases_ = {std::make_shared<const AccuracyBasis>(scenario, 0),
                     std::make_shared<const AccuracyBasis>(scenario, 1)};
  scenario_ = std::move(scenario);
  analysis_ = std::move(analysis);
  points_ = std::move(points);
  specs_ = std::move(specs);
  playing_ = false;
  carry_ = 0.0;
  rebuild(0);
}

void Session::load_scenario_file(const std::string& path) {
  Scenario scenario = treatysim::load_scenario_file(path, agents::spec_checker(registry_));
  std::array<Spec, kPartyCount> specs = default_specs(scenario);
  replaying_ = false;
  script_.clear();
  install(std::move(scenario), std::move(specs));
  path_ = path;
  label_ = file_label(path);
}

void Session::set_scenario(Scenario scenario, std::string label) {
  std::array<Spec, kPartyCount> specs;
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    bool kept = false;
    if (scenario_.has_value() && !spec_is_interactive(registry_, specs_[p])) {
      try {
        registry_.check(specs_[p], scenario, p);
        specs[p] = specs_[p];
        kept = true;
      } catch (const UserError&) {
        kept = false;  // falls back to the scenario's own spec below
      }
    }
    if (!kept) {
      specs[p] = parse_spec(scenario.party(p).agent);
      registry_.check(specs[p], scenario, p);
    }
  }
  replaying_ = false;
  script_.clear();
  install(std::move(scenario), std::move(specs));
  path_.clear();
  label_ = std::move(label);
}

void Session::set_spec(PartyIndex party, const Spec& spec) {
  TREATYSIM_CHECK(party < kPartyCount, "party index is 0 or 1");
  if (spec_is_interactive(registry_, spec)) {
    throw UserError("strategy \"" + spec.name +
                    "\" needs a person: choose the side in Play mode instead");
  }
  registry_.check(spec, scenario(), party);
  specs_[party] = spec;
  if (replaying_) {
    replaying_ = false;
    script_.clear();
  }
  playing_ = false;
  rebuild(0);
}

void Session::set_seed(std::uint64_t seed) {
  seed_ = seed;
  if (!scenario_) return;
  if (replaying_) {
    replaying_ = false;
    script_.clear();
  }
  playing_ = false;
  rebuild(0);
}

int Session::deadline() const {
  return scenario().protocol().deadline;
}

void Session::set_deadline(int deadline) {
  Scenario changed = scenario().with_deadline(deadline);
  replaying_ = false;
  script_.clear();
  const std::string path = path_;
  const std::string label = label_;
  install(std::move(changed), specs_);
  path_ = path;
  label_ = label;
}

// [SECTION] stepping ---------------------------------------------------------------------------

bool Session::scripted(PartyIndex party) const noexcept {
  return replaying_ || (human_.has_value() && *human_ == party);
}

void Session::rebuild(std::size_t steps) {
  events_.clear();
  offers_.clear();
  step_ends_.clear();
  pause_left_ = 0.0;
  run_.reset();
  if (!scenario_) return;
  auto run = std::make_unique<Run>();
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    std::unique_ptr<Agent> shadow;
    if (replaying_ && !spec_is_interactive(registry_, specs_[p])) {
      try {
        registry_.check(specs_[p], *scenario_, p);
        shadow = registry_.create(specs_[p]);
      } catch (const UserError&) {
        shadow.reset();  // a strategy this build cannot make: the side is replayed without it
      }
    }
    if (shadow) {
      auto shadowed = std::make_unique<ShadowedAgent>(std::move(shadow));
      run->humans[p] = &shadowed->decisions();
      run->agents[p] = std::move(shadowed);
    } else if (scripted(p)) {
      auto human = std::make_unique<agents::HumanAgent>();
      run->humans[p] = human.get();
      run->agents[p] = std::move(human);
    } else {
      run->agents[p] = registry_.create(specs_[p]);
    }
  }
  run->sink = std::make_unique<EventSink>(*scenario_, events_, offers_);
  run->negotiation = std::make_unique<Negotiation>(
      *scenario_, std::array<Agent*, kPartyCount>{run->agents[0].get(), run->agents[1].get()},
      seed_, run->sink.get());
  run->accuracy = std::make_unique<AccuracyRecorder>(
      std::array<const AccuracyBasis*, kPartyCount>{accuracy_bases_[0].get(),
                                                    accuracy_bases_[1].get()},
      std::array<const Agent*, kPartyCount>{run->agents[0].get(), run->agents[1].get()},
      run->negotiation->result().reservation_values);
  run->sink->also = run->accuracy.get();
  run_ = std::move(run);
  ++generation_;

  update_targets();

  for (std::size_t i = 0; i < steps; ++i) {
    if (!step_once()) break;
  }
}

void Session::update_targets() {
  // Target curves come from agents made from the specs (also in replay, where the sides are
  // scripted), reset by an engine Negotiation that is never stepped.
  // The person's side, or kPartyCount for none (a plain index: GCC 12 warns falsely about an
  // uninitialised std::optional compared in the loop below).
  const PartyIndex person = !replaying_ && human_ ? *human_ : kPartyCount;
  std::string key = scenario_->content_hash() + "|" +
                    std::to_string(scenario_->protocol().deadline) + "|" + std::to_string(seed_) +
                    "|" + specs_[0].to_string() + "|" + specs_[1].to_string() + "|" +
                    (person < kPartyCount ? std::to_string(person) : std::string("-"));
  if (key == targets_key_) return;
  targets_ = {};
  std::array<std::unique_ptr<Agent>, kPartyCount> shadow;
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    // Targets are a view only: a spec that cannot make an agent here simply has no curve.
    try {
      if (person != p && !spec_is_interactive(registry_, specs_[p])) {
        shadow[p] = registry_.create(specs_[p]);
      }
    } catch (const UserError&) {
      shadow[p].reset();
    }
    if (!shadow[p]) shadow[p] = std::make_unique<agents::HumanAgent>();
  }
  const Negotiation resetter(*scenario_, {shadow[0].get(), shadow[1].get()}, seed_);
  const int n = scenario_->protocol().deadline;
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    if (!shadow[p]->target_utility(0).has_value()) continue;
    std::vector<double> curve(static_cast<std::size_t>(n));
    for (int r = 0; r < n; ++r) curve[static_cast<std::size_t>(r)] = *shadow[p]->target_utility(r);
    targets_[p] = std::move(curve);
  }
  targets_key_ = std::move(key);
}

bool Session::step_once() {
  if (!run_) return false;
  Negotiation& negotiation = *run_->negotiation;
  if (negotiation.done()) return false;
  const PartyIndex actor = negotiation.next_actor();
  if (scripted(actor)) {
    const std::size_t k = events_.size();
    if (k >= script_.size()) return false;  // the person's turn, or the end of the replay
    agents::feed_recorded_decision(*run_->humans[actor], negotiation, script_[k], k);
  }
  negotiation.step();
  step_ends_.push_back(events_.size());
  return true;
}

void Session::reset() {
  playing_ = false;
  carry_ = 0.0;
  if (human_ && !replaying_) script_.clear();
  rebuild(0);
}

bool Session::step() {
  if (!run_) return false;
  const bool stepped = step_once();
  if (stepped && human_ && !replaying_ && !done()) pause_left_ = agent_pause_;
  return stepped;
}

void Session::step_back() {
  if (step_ends_.empty()) return;
  std::size_t target = step_ends_.size() - 1;
  if (human_ && !replaying_) {
    script_ = events_;
    rebuild(target);
    // Back to the person's last decision: the agent's moves in between are undone too.
    while (target > 0 && !awaiting_human_offer() && !awaiting_human_response()) {
      --target;
      rebuild(target);
    }
    script_.clear();
    pause_left_ = 0.0;
  } else {
    rebuild(target);
  }
  playing_ = false;
}

void Session::set_speed(double steps_per_second) noexcept {
  speed_ = std::isnan(steps_per_second) ? 1.0 : std::clamp(steps_per_second, 0.1, 100000.0);
}

void Session::update(double dt_seconds) {
  if (!run_) return;
  const double dt = std::isfinite(dt_seconds) ? std::max(dt_seconds, 0.0) : 0.0;
  if (human_ && !replaying_) {
    const Negotiation& negotiation = *run_->negotiation;
    if (negotiation.done() || negotiation.next_actor() == *human_) return;
    if (pause_left_ > 0.0) {
      pause_left_ = std::max(0.0, pause_left_ - dt);
      if (pause_left_ > 0.0) return;
    }
    // The agent acts until it is the person's turn again (a rejection and a counter-offer).
    for (int i = 0;
         i < kMaxStepsPerUpdate && !negotiation.done() && negotiation.next_actor() != *human_;
         ++i) {
      if (!step_once()) break;
    }
    return;
  }
  if (!playing_) return;
  carry_ += speed_ * dt;
  const double whole = std::floor(carry_);
  const int steps = static_cast<int>(std::min(whole, static_cast<double>(kMaxStepsPerUpdate)));
  carry_ = whole > kMaxStepsPerUpdate ? 0.0 : carry_ - whole;
  for (int i = 0; i < steps; ++i) {
    if (!step_once()) break;
  }
  if (done() || (!replaying_ && !run_->negotiation->done() && steps > 0 &&
                 scripted(run_->negotiation->next_actor()))) {
    playing_ = false;
    carry_ = 0.0;
  }
}

bool Session::done() const noexcept {
  if (!run_) return false;
  if (replaying_) return events_.size() >= script_.size();
  return run_->negotiation->done();
}

std::optional<Session::OfferPoint> Session::offer_on_table() const {
  if (events_.empty() || events_.back().kind != EventKind::kOffer) return std::nullopt;
  return offers_.back();
}

std::optional<NegotiationResult> Session::result() const {
  if (!run_ || !run_->negotiation->done()) return std::nullopt;
  return run_->negotiation->result();
}

std::optional<std::vector<double>> Session::target_curve(PartyIndex party) const {
  if (party >= kPartyCount) return std::nullopt;
  return targets_[party];
}

// [SECTION] human play -------------------------------------------------------------------------

void Session::set_human(std::optional<PartyIndex> party) {
  TREATYSIM_CHECK(!party || *party < kPartyCount, "party index is 0 or 1");
  human_ = party;
  replaying_ = false;
  script_.clear();
  playing_ = false;
  rebuild(0);
}

bool Session::awaiting_human_offer() const noexcept {
  if (!human_ || replaying_ || !run_) return false;
  const Negotiation& negotiation = *run_->negotiation;
  return !negotiation.done() && !negotiation.awaiting_response() &&
         negotiation.next_actor() == *human_;
}

bool Session::awaiting_human_response() const noexcept {
  if (!human_ || replaying_ || !run_) return false;
  const Negotiation& negotiation = *run_->negotiation;
  return !negotiation.done() && negotiation.awaiting_response() &&
         negotiation.next_actor() == *human_;
}

void Session::human_propose(const Outcome& offer) {
  if (!awaiting_human_offer()) throw UserError("it is not your turn to make an offer");
  if (!scenario().space().contains(offer)) {
    throw UserError("the offer " + offer.to_string() + " is not an outcome of this scenario");
  }
  run_->humans[*human_]->set_offer(offer);
  run_->negotiation->step();
  step_ends_.push_back(events_.size());
  pause_left_ = run_->negotiation->done() ? 0.0 : agent_pause_;
}

void Session::human_respond(Response response) {
  if (!awaiting_human_response()) throw UserError("there is no offer for you to answer");
  run_->humans[*human_]->set_response(response);
  run_->negotiation->step();
  step_ends_.push_back(events_.size());
  pause_left_ = 0.0;  // after a rejection the person makes the counter-offer
}

void Session::set_agent_pause(double seconds) noexcept {
  agent_pause_ = std::isfinite(seconds) ? std::max(seconds, 0.0) : 0.0;
}

// [SECTION] saving & narration -----------------------------------------------------------------

Trace Session::trace() const {
  Trace trace{scenario(), seed_, {}, events_, {}};
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    const bool person = human_.has_value() && *human_ == p && !replaying_;
    trace.agent_specs[p] = person ? std::string("human") : specs_[p].to_string();
  }
  if (run_) {
    trace.result = run_->negotiation->result();
    trace.result.offers = static_cast<int>(offers_.size());
  }
  return trace;
}

void Session::save_trace(const std::string& path) const {
  write_file_atomically(path, trace_to_text(trace()));
}

std::string Session::narration(const ValueVisibility& shown) const {
  if (!scenario_) return {};
  return narrate(*scenario_, events_, targets_, shown, reservation_values());
}

}  // namespace treatysim::gui

namespace treatysim::gui {

// [SECTION] opponent models ------------------------------------------------------------------

bool Session::has_model(PartyIndex party) const {
  return run_ && run_->accuracy && run_->accuracy->partial().has_model[party];
}

const std::vector<AccuracyPoint>& Session::accuracy_curve(PartyIndex party) const {
  static const std::vector<AccuracyPoint> kNone;
  if (!run_ || !run_->accuracy) return kNone;
  return run_->accuracy->partial().curves[party];
}

std::optional<double> Session::estimated_reservation(PartyIndex party) const {
  if (!has_model(party)) return std::nullopt;
  return run_->agents[party]->estimated_reservation();
}

const std::vector<double>& Session::estimate(PartyIndex party) const {
  EstimateCache& cache = estimates_[party];
  if (cache.generation == generation_ && cache.events == events_.size()) return cache.values;
  cache.generation = generation_;
  cache.events = events_.size();
  cache.values.clear();
  if (!has_model(party)) return cache.values;
  cache.values.reserve(points_.size());
  for (const OutcomePoint& p : points_) {
    cache.values.push_back(run_->agents[party]->estimated_utility(p.outcome).value_or(0.0));
  }
  return cache.values;
}

std::array<double, kPartyCount> Session::reservation_values() const {
  if (run_) return run_->negotiation->result().reservation_values;
  return {scenario().party(0).preferences.reservation_value,
          scenario().party(1).preferences.reservation_value};
}

}  // namespace treatysim::gui
