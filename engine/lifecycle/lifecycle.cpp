#include "engine/lifecycle/lifecycle.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/uniform_01.hpp>

#include "engine/analysis/analysis.hpp"
#include "engine/model/check.hpp"
#include "engine/model/random.hpp"
#include "engine/model/tolerance.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim {

std::string LifecycleResult::path() const {
  std::string text;
  for (const TimelineEntry& entry : timeline) {
    if (entry.state == TreatyState::kRenegotiating) continue;
    if (!text.empty()) text += " > ";
    text += treaty_state_name(entry.state);
  }
  return text;
}

namespace {

// Strength of an option on the restrictive (0) … open (n−1) scale: 1 for option 0, 0 for the last.
double strength(const Issue& issue, int option) {
  return issue.size() > 1
             ? 1.0 - static_cast<double>(option) / static_cast<double>(issue.size() - 1)
             : 0.5;
}

double mean_strength(const OutcomeSpace& space, const std::vector<std::string>& issues,
                     const Outcome& clauses, double otherwise) {
  if (issues.empty()) return otherwise;
  double sum = 0.0;
  for (const std::string& id : issues) {
    const int i = space.find_issue(id);
    sum += strength(space.issue(static_cast<std::size_t>(i)), clauses[static_cast<std::size_t>(i)]);
  }
  return sum / static_cast<double>(issues.size());
}

enum class Phase { kNone, kRenegotiation, kExtension, kLapse };

const char* phase_name(Phase phase) {
  switch (phase) {
    case Phase::kRenegotiation:
      return "renegotiation";
    case Phase::kExtension:
      return "extension";
    case Phase::kLapse:
      return "lapse";
    case Phase::kNone:
      break;
  }
  return "none";
}

class Simulation {
 public:
  Simulation(const Scenario& scenario, std::uint64_t seed, const AgentFactory& factory, int years)
      : scenario_(scenario),
        life_(*scenario.def().lifecycle),
        factory_(factory),
        seed_(seed),
        events_rng_(derive_seed(seed, "events", 0)),
        ratification_rng_(derive_seed(seed, "ratification", 0)),
        detection_rng_(derive_seed(seed, "detection", 0)) {
    const TreatyDef& t = life_.treaty;
    result_.seed = seed;
    result_.start = t.start;
    result_.end = t.start.plus(12 * (years > 0 ? years : t.years));
    std::string error;
    clauses_ = *scenario.space().parse(t.initial_clauses, &error);
    expiry_ = t.expiry;
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      trust_[p] = life_.trust.initial[p];
      pressure_[p] = life_.domestic[p].pressure;
      weights_[p] = scenario.party(p).preferences.weights;
      specs_[p] = parse_spec(scenario.party(p).agent);
      factory.check(specs_[p], scenario, p);
      policies_[p] = factory.create_compliance(parse_spec(life_.compliance.policies[p]));
      policies_[p]->reset(derive_seed(seed, "compliance", p));
    }
    begin_state(TreatyState::kInForce, t.start,
                "in force with the clauses " + scenario.space().format(clauses_));
  }

  LifecycleResult run() {
    for (Month m = result_.start; m < result_.end; m = m.plus(1)) step(m);
    result_.timeline.back().to = result_.end;
    result_.final_clauses = clauses_;
    result_.final_state = state_;
    return std::move(result_);
  }

 private:
  // [SECTION] State and log ---------------------------------------------------------------------
  void note(Month m, const char* kind, std::string text) {
    result_.log.push_back(LogEntry{m, kind, std::move(text)});
  }

  void begin_state(TreatyState state, Month m, std::string cause,
                   std::optional<Month> effective = std::nullopt) {
    if (!result_.timeline.empty()) {
      TREATYSIM_CHECK(legal_transition(state_, state),
                      "the lifecycle attempted an illegal transition");
      result_.timeline.back().to = m;
    }
    state_ = state;
    note(m, "transition", std::string(treaty_state_name(state)) + ": " + cause);
    result_.timeline.push_back(TimelineEntry{state, m, m, std::move(cause), effective});
  }

  [[nodiscard]] bool in_force_family() const {
    return state_ == TreatyState::kInForce || state_ == TreatyState::kRenewed ||
           state_ == TreatyState::kAmended;
  }

  // [SECTION] Preferences of the moment ---------------------------------------------------------
  [[nodiscard]] double distrust(PartyIndex p) const { return life_.trust.baseline[p] - trust_[p]; }
  [[nodiscard]] double effective_pressure(PartyIndex p) const {
    return pressure_[p] + life_.trust.pressure_per_distrust * distrust(p);
  }
  [[nodiscard]] double win_set_threshold(PartyIndex p) const {
    return life_.domestic[p].threshold + effective_pressure(p);
  }

  // What no deal is worth to a party now: its reservation value shifted by events and distrust.
  // `base` replaces the scenario's reservation value (a value drawn for one negotiation); without
  // it a drawn reservation value counts at its mean (the extension decision, lapse payoffs).
  [[nodiscard]] double lapse_value(PartyIndex p, std::optional<double> base = std::nullopt) const {
    return std::clamp(base.value_or(scenario_.party(p).preferences.reservation_value) +
                          reservation_shift_[p] +
                          life_.trust.reservation_per_distrust * distrust(p),
                      0.0, 1.0);
  }

  // The scenario as the negotiators see it now, with a deadline of `offers`: a negotiator with
  // tied hands will not go below its win-set. A party whose reservation value is a distribution
  // plays the negotiation seeded `negotiation_seed` with the value drawn from
  // derive_seed(negotiation_seed, "reservation", party) (as a plain negotiation would draw it),
  // shifted like a fixed one; the game's values are then fixed. Without a seed, the mean.
  [[nodiscard]] Scenario current_game(int offers,
                                      std::optional<std::uint64_t> negotiation_seed = {}) const {
    ScenarioDef def = scenario_.def();
    def.lifecycle.reset();
    def.protocol.deadline = std::max(1, offers);
    const std::array<double, kPartyCount> drawn =
        negotiation_seed ? reservation_values_for(def, *negotiation_seed)
                         : std::array<double, kPartyCount>{};
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      Preferences& prefs = def.parties[p].preferences;
      std::optional<double> base;
      if (negotiation_seed && def.parties[p].reservation_distribution) base = drawn[p];
      def.parties[p].reservation_distribution.reset();
      double reservation = lapse_value(p, base);
      if (life_.domestic[p].tied_hands) reservation = std::max(reservation, win_set_threshold(p));
      prefs.reservation_value = std::clamp(reservation, 0.0, 1.0);
      prefs.weights = weights_[p];
    }
    return Scenario::create(std::move(def));
  }

  // [SECTION] Events ------------------------------------------------------------------------------
  void apply_event(Month m, LifecycleEventKind kind, int party, double value,
                   const std::string& issue, const std::string& narration) {
    note(m, "event", narration);
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      if (party >= 0 && static_cast<PartyIndex>(party) != p) continue;
      switch (kind) {
        case LifecycleEventKind::kTrustShock:
          trust_[p] = std::clamp(trust_[p] + value, 0.0, 1.0);
          break;
        case LifecycleEventKind::kPressure:
          pressure_[p] += value;
          break;
        case LifecycleEventKind::kReservation:
          reservation_shift_[p] += value;
          break;
        case LifecycleEventKind::kWeight:
          set_weight(p, issue, value);
          break;
        case LifecycleEventKind::kForcedLapse:
        case LifecycleEventKind::kTermination:
          break;
      }
    }
    if (kind == LifecycleEventKind::kTermination && state_ != TreatyState::kTerminated) {
      begin_state(TreatyState::kTerminated, m, narration);
      phase_ = Phase::kNone;
      drop_pending_agreement();
      return;
    }
    if (kind == LifecycleEventKind::kForcedLapse && clauses_apply(state_)) {
      lapse(m, narration);
      return;
    }
    preferences_changed_ = true;
  }

  void set_weight(PartyIndex p, const std::string& issue, double value) {
    const int i = scenario_.space().find_issue(issue);
    std::vector<double>& w = weights_[p];
    const double others = 1.0 - w[static_cast<std::size_t>(i)];
    for (std::size_t k = 0; k < w.size(); ++k) {
      if (static_cast<int>(k) == i) continue;
      w[k] = others > 0.0 ? w[k] * (1.0 - value) / others
                          : (1.0 - value) / static_cast<double>(w.size() - 1);
    }
    w[static_cast<std::size_t>(i)] = value;
  }

  // [SECTION] Talks -----------------------------------------------------------------------------
  void open_phase(Phase phase, Month start, Month end) {
    phase_ = phase;
    phase_start_ = start;
    phase_end_ = end;
    note(start, "talks", std::string(phase_name(phase)) + " talks open until " + end.to_string());
    play_talks(start);
  }

  // An agreement planned for a later month that will not happen (the talks start over, or a lapse
  // or a termination cuts them short).
  void drop_pending_agreement() {
    if (pending_agreement_) result_.negotiations[*pending_agreement_].superseded = true;
    pending_agreement_.reset();
  }

  // Plays the talks from `m` to the phase's end with the preferences of the moment.
  void play_talks(Month m) {
    preferences_changed_ = false;
    drop_pending_agreement();
    const int months = std::max(1, phase_end_.since(m));
    const int offers = months * life_.treaty.offers_per_month;
    const std::uint64_t seed =
        derive_seed(seed_, "lifecycle-negotiation", result_.negotiations.size());
    const Scenario game = current_game(offers, seed);
    NegotiationRecord record{
        phase_name(phase_), m,    run_traced(game, specs_, seed, factory_), std::nullopt,
        {false, false},     false};
    if (record.trace.result.agreement) {
      const int month_offset =
          record.trace.result.agreement_offer_index / life_.treaty.offers_per_month;
      record.agreed = m.plus(month_offset);
      pending_agreement_ = result_.negotiations.size();
    }
    if (m != phase_start_) {
      note(m, "talks",
           std::string(phase_name(phase_)) + " talks start over with the new positions (" +
               std::to_string(offers) + " offers left)");
    }
    result_.negotiations.push_back(std::move(record));
  }

  bool ratified(PartyIndex p, double u) {
    const DomesticDef& d = life_.domestic[p];
    if (d.rule == DomesticRule::kThreshold) return utility_at_least(u, win_set_threshold(p));
    const double probability = ratification_probability(d, u, effective_pressure(p));
    return boost::random::bernoulli_distribution<double>(probability)(ratification_rng_);
  }

  void conclude(Month m) {
    NegotiationRecord& record = result_.negotiations[*pending_agreement_];
    pending_agreement_.reset();
    const Outcome deal = *record.trace.result.agreement;
    const OutcomeSpace& space = scenario_.space();
    bool both = true;
    std::string refused;
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      record.ratified[p] = ratified(p, scenario_.utility(p)(deal));
      if (!record.ratified[p]) {
        both = false;
        refused += (refused.empty() ? "" : " and ") + scenario_.party(p).name;
      }
    }
    if (!both) {
      note(m, "ratification",
           "agreement on " + space.format(deal) + " refused at home by " + refused +
               " (outside its win-set): talks go on");
      if (m.plus(1) < phase_end_) play_talks(m.plus(1));
      return;
    }
    const bool same = deal == clauses_;
    const bool after_lapse = state_ == TreatyState::kLapsed;
    const std::optional<Month> effective =
        after_lapse && life_.treaty.retroactive ? std::optional<Month>(lapse_start_) : std::nullopt;
    clauses_ = deal;
    const Month from = effective ? *effective : m;
    expiry_ = from.plus(term_months(deal));
    extensions_ = 0;
    phase_ = Phase::kNone;
    std::string cause = std::string(same ? "renewed" : "amended") + " on " + space.format(deal) +
                        ", ratified by both; " + std::to_string(term_months(deal)) +
                        "-month term to " + expiry_.to_string();
    if (effective) cause += ", effective retroactively from " + effective->to_string();
    begin_state(same ? TreatyState::kRenewed : TreatyState::kAmended, m, cause, effective);
  }

  [[nodiscard]] int term_months(const Outcome& deal) const {
    const TreatyDef& t = life_.treaty;
    if (t.term_issue.empty()) return t.default_term_months;
    const int i = scenario_.space().find_issue(t.term_issue);
    return t.term_months[static_cast<std::size_t>(deal[static_cast<std::size_t>(i)])];
  }

  // At expiry without agreement: extend or lapse.
  void expiry_decision(Month m) {
    const Scenario game =
        current_game(life_.treaty.extension_months * life_.treaty.offers_per_month);
    WinSet win_set;
    for (PartyIndex p = 0; p < kPartyCount; ++p) win_set.min_utility[p] = win_set_threshold(p);
    const ScenarioAnalysis analysis = analyze_scenario(game, win_set);
    std::string refused;
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      const double status_quo = scenario_.utility(p)(clauses_);
      const double expected = analysis.nash ? analysis.nash->utilities[p] : status_quo;
      const double continuing = std::max(status_quo, expected);
      const double lapsing = lapse_value(p);
      if (!utility_at_least(continuing, lapsing))
        refused += (refused.empty() ? "" : " and ") + scenario_.party(p).name;
    }
    if (refused.empty() && extensions_ < life_.treaty.max_extensions) {
      ++extensions_;
      expiry_ = m.plus(life_.treaty.extension_months);
      begin_state(TreatyState::kExtended, m,
                  "temporary extension " + std::to_string(extensions_) + " to " +
                      expiry_.to_string() + ": both sides value continuing talks above a lapse");
      open_phase(Phase::kExtension, m, expiry_);
      return;
    }
    lapse(m, refused.empty()
                 ? "no further extension (" + std::to_string(life_.treaty.max_extensions) +
                       " in a row already)"
                 : "extension refused by " + refused +
                       ": a lapse is worth more to it than continuing");
  }

  void lapse(Month m, const std::string& cause) {
    begin_state(TreatyState::kLapsed, m, cause);
    lapse_start_ = m;
    extensions_ = 0;
    phase_ = Phase::kNone;
    drop_pending_agreement();
    if (life_.treaty.lapse_talks_months > 0)
      open_phase(Phase::kLapse, m, m.plus(life_.treaty.lapse_talks_months));
  }

  // [SECTION] Compliance ------------------------------------------------------------------------
  void compliance_period(Month m) {
    const ComplianceDef& c = life_.compliance;
    const OutcomeSpace& space = scenario_.space();
    double breadth = 0.5;
    if (!c.scope_issue.empty()) {
      const int i = space.find_issue(c.scope_issue);
      breadth = 1.0 - strength(space.issue(static_cast<std::size_t>(i)),
                               clauses_[static_cast<std::size_t>(i)]);
    }
    const double protection = mean_strength(space, c.protection_issues, clauses_, 0.5);
    const double detection_strength = mean_strength(space, c.detection_issues, clauses_, 0.5);
    const double dispute =
        c.dispute_issue.empty() ? 0.0 : mean_strength(space, {c.dispute_issue}, clauses_, 0.0);
    const StagePayoffs payoffs = clause_payoffs(c.base, breadth, protection);
    CompliancePeriod period;
    period.date = m;
    for (PartyIndex p = 0; p < kPartyCount; ++p)
      period.moves[p] = policies_[p]->choose(histories_[p]);
    period.payoffs = stage_outcome(payoffs, period.moves[0], period.moves[1]);
    const double q = std::min(1.0, c.detection_base + c.detection_gain * detection_strength);
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      const PartyIndex victim = other_party(p);
      if (period.moves[p] == Move::kExploit) {
        period.detected[p] = boost::random::bernoulli_distribution<double>(q)(detection_rng_);
        if (period.detected[p]) {
          trust_[victim] = std::max(0.0, trust_[victim] - life_.trust.violation_hit);
          std::string text = scenario_.party(p).name + " exploited the clauses and was caught";
          if (dispute >= c.dispute_threshold) {
            period.payoffs[p] -= c.penalty * dispute;
            text += "; the dispute mechanism imposes a penalty";
          }
          note(m, "compliance", text);
          preferences_changed_ = preferences_changed_ || phase_ != Phase::kNone;
        }
      } else {
        trust_[victim] = std::min(1.0, trust_[victim] + life_.trust.compliance_gain);
      }
    }
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      histories_[p].periods.push_back({period.moves[p], period.moves[other_party(p)]});
    }
    stage_payoff_ = period.payoffs;
    result_.compliance.push_back(period);
  }

  // [SECTION] The month -------------------------------------------------------------------------
  void step(Month m) {
    if (state_ == TreatyState::kTerminated) {
      record_month(m);
      return;
    }
    for (const ScheduledEventDef& e : life_.events) {
      if (e.enabled && e.date == m) apply_event(m, e.kind, e.party, e.value, e.issue, e.narration);
    }
    for (const RandomEventDef& e : life_.random_events) {
      // A switched-off event still draws, so that switching one off leaves the others' draws alone.
      const bool fires =
          boost::random::bernoulli_distribution<double>(e.yearly_rate / 12.0)(events_rng_);
      if (fires && e.enabled) {
        apply_event(m, e.kind, e.party, e.value, e.issue, e.narration);
      }
    }
    if (state_ == TreatyState::kTerminated) {
      record_month(m);
      return;
    }
    if (in_force_family() && m >= expiry_.plus(-life_.treaty.lead_months) && m < expiry_) {
      begin_state(TreatyState::kRenegotiating, m,
                  "talks open " + std::to_string(expiry_.since(m)) + " months before expiry (" +
                      expiry_.to_string() + ")");
      open_phase(Phase::kRenegotiation, m, expiry_);
    } else if (in_force_family() && m >= expiry_) {
      begin_state(TreatyState::kRenegotiating, m, "expiry reached with no talks scheduled");
      expiry_decision(m);
    }
    // New preferences during talks: the talks restart from this month (an agreement planned for a
    // later month has not happened yet).
    const bool agreed_earlier =
        pending_agreement_ && result_.negotiations[*pending_agreement_].agreed < m;
    if (phase_ != Phase::kNone && preferences_changed_ && !agreed_earlier && m < phase_end_)
      play_talks(m);
    if (pending_agreement_ && result_.negotiations[*pending_agreement_].agreed == m) conclude(m);
    if (phase_ != Phase::kNone && m >= phase_end_) {
      note(m, "talks", std::string(phase_name(phase_)) + " talks end without a ratified agreement");
      if (phase_ == Phase::kLapse) {
        note(m, "talks", "talks stop; the treaty stays lapsed");
        phase_ = Phase::kNone;
      } else {
        expiry_decision(m);
      }
    }
    if (clauses_apply(state_) && m.since(result_.start) % life_.compliance.period_months == 0)
      compliance_period(m);
    for (PartyIndex p = 0; p < kPartyCount; ++p)
      trust_[p] += life_.trust.drift * (life_.trust.baseline[p] - trust_[p]);
    record_month(m);
  }

  void record_month(Month m) {
    std::array<double, kPartyCount> payoff{};
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      if (clauses_apply(state_)) {
        payoff[p] = scenario_.utility(p)(clauses_) +
                    life_.compliance.payoff_weight * stage_payoff_[p] /
                        static_cast<double>(life_.compliance.period_months);
      } else {
        payoff[p] = scenario_.party(p).preferences.reservation_value;
      }
      result_.cumulative_discounted[p] +=
          std::pow(life_.treaty.monthly_discount, m.since(result_.start)) * payoff[p];
    }
    result_.payoffs.push_back(payoff);
    result_.trust.push_back(trust_);
  }

  const Scenario& scenario_;
  const LifecycleDef& life_;
  const AgentFactory& factory_;
  std::uint64_t seed_;
  Rng events_rng_;
  Rng ratification_rng_;
  Rng detection_rng_;
  LifecycleResult result_;
  TreatyState state_ = TreatyState::kInForce;
  Outcome clauses_;
  Month expiry_;
  Month lapse_start_;
  Month phase_start_;
  Month phase_end_;
  Phase phase_ = Phase::kNone;
  int extensions_ = 0;
  bool preferences_changed_ = false;
  std::optional<std::size_t> pending_agreement_;
  std::array<double, kPartyCount> trust_{};
  std::array<double, kPartyCount> pressure_{};
  std::array<double, kPartyCount> reservation_shift_{};
  std::array<std::vector<double>, kPartyCount> weights_;
  std::array<Spec, kPartyCount> specs_;
  std::array<std::unique_ptr<CompliancePolicy>, kPartyCount> policies_;
  std::array<ComplianceHistory, kPartyCount> histories_;
  std::array<double, kPartyCount> stage_payoff_{};
};

}  // namespace

double ratification_probability(const DomesticDef& domestic, double u, double pressure) {
  const double threshold = domestic.threshold + pressure;
  if (domestic.rule == DomesticRule::kThreshold) return utility_at_least(u, threshold) ? 1.0 : 0.0;
  return 1.0 / (1.0 + std::exp(-domestic.steepness * (u - threshold)));
}

LifecycleResult simulate_lifecycle(const Scenario& scenario, std::uint64_t seed,
                                   const AgentFactory& factory, int years) {
  if (!scenario.def().lifecycle) {
    throw UserError("scenario \"" + scenario.id() +
                    "\" has no [treaty] section: it describes one negotiation, not a treaty's life "
                    "(use `treatysim run`, or add [treaty])");
  }
  return Simulation(scenario, seed, factory, years).run();
}

}  // namespace treatysim
