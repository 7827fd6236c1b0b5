// The treaty's states and months: the transition table (treaty_state.hpp), state names, the
// calendar (calendar.hpp), and a property test of simulate_lifecycle over random lifecycles —
// variations of configs/sta-2024.toml with random terms, extension limits, lapse talks, domestic
// pressure, compliance policies and scheduled events (forced lapses and terminations included).
#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include "agents/registry.hpp"
#include "engine/lifecycle/lifecycle.hpp"
#include "engine/lifecycle/treaty_state.hpp"
#include "engine/model/calendar.hpp"
#include "engine/model/random.hpp"
#include "engine/model/scenario_toml.hpp"

using treatysim::LifecycleDef;
using treatysim::LifecycleEventKind;
using treatysim::LifecycleResult;
using treatysim::Month;
using treatysim::Scenario;
using treatysim::ScenarioDef;
using treatysim::TimelineEntry;
using treatysim::TreatyState;

namespace {

using S = TreatyState;

// The table of treaty_state.hpp, written out pair by pair.
const std::vector<std::pair<TreatyState, TreatyState>> kLegal = {
    {S::kInForce, S::kRenegotiating}, {S::kInForce, S::kLapsed},
    {S::kInForce, S::kTerminated},    {S::kRenewed, S::kRenegotiating},
    {S::kRenewed, S::kLapsed},        {S::kRenewed, S::kTerminated},
    {S::kAmended, S::kRenegotiating}, {S::kAmended, S::kLapsed},
    {S::kAmended, S::kTerminated},    {S::kRenegotiating, S::kRenewed},
    {S::kRenegotiating, S::kAmended}, {S::kRenegotiating, S::kExtended},
    {S::kRenegotiating, S::kLapsed},  {S::kRenegotiating, S::kTerminated},
    {S::kExtended, S::kRenewed},      {S::kExtended, S::kAmended},
    {S::kExtended, S::kExtended},     {S::kExtended, S::kLapsed},
    {S::kExtended, S::kTerminated},   {S::kLapsed, S::kRenewed},
    {S::kLapsed, S::kAmended},        {S::kLapsed, S::kTerminated},
};

bool in_table(TreatyState from, TreatyState to) {
  for (const auto& [a, b] : kLegal) {
    if (a == from && b == to) return true;
  }
  return false;
}

std::string name(TreatyState state) {
  return std::string(treatysim::treaty_state_name(state));
}

const Scenario& sta() {
  static const Scenario s = treatysim::load_scenario_file(
      TREATYSIM_SOURCE_DIR "/configs/sta-2024.toml",
      treatysim::agents::spec_checker(treatysim::agents::builtin_registry()));
  return s;
}

// [SECTION] Random lifecycles ------------------------------------------------------------------

class Draw {
 public:
  explicit Draw(std::uint64_t seed) : rng_(treatysim::derive_seed(seed, "random-lifecycle", 0)) {}
  int integer(int lo, int hi) { return boost::random::uniform_int_distribution<int>(lo, hi)(rng_); }
  double number(double lo, double hi) {
    return boost::random::uniform_real_distribution<double>(lo, hi)(rng_);
  }
  bool chance(double p) { return boost::random::bernoulli_distribution<double>(p)(rng_); }
  template <typename T, std::size_t N>
  const T& pick(const std::array<T, N>& items) {
    return items[static_cast<std::size_t>(integer(0, static_cast<int>(N) - 1))];
  }

 private:
  treatysim::Rng rng_;
};

// configs/sta-2024.toml with the lifecycle drawn from `seed`: dates, term lengths, extension
// limits, lapse talks, retroactivity, domestic rules and pressures, compliance policies, and
// 0–7 scheduled events of every kind (a forced lapse in about half the scenarios, a termination
// in about a quarter) at random months of the horizon.
Scenario random_lifecycle(std::uint64_t seed) {
  Draw draw(seed);
  ScenarioDef def = sta().def();
  LifecycleDef& life = *def.lifecycle;
  treatysim::TreatyDef& t = life.treaty;
  t.start = Month(draw.integer(2000, 2020), draw.integer(1, 12));
  t.expiry = t.start.plus(draw.integer(3, 48));
  t.years = draw.integer(4, 9);
  t.lead_months = draw.integer(0, 8);
  t.offers_per_month = draw.integer(1, 3);
  t.extension_months = draw.integer(1, 8);
  t.max_extensions = draw.integer(0, 3);
  t.lapse_talks_months = draw.integer(0, 8);
  t.retroactive = draw.chance(0.7);
  for (int& months : t.term_months) months = draw.integer(3, 72);
  // Packages the STA talks often reach: starting from one makes renewals (same clauses) likely.
  static const std::array<std::string, 3> packages = {"S0/IP0/D0/G2/T2", "S0/IP0/D0/G3/T3",
                                                      "S0/IP1/D1/G1/T2"};
  if (draw.chance(0.5)) t.initial_clauses = draw.pick(packages);
  static const std::array<std::string, 8> policies = {
      "tit_for_tat",    "grim_trigger",        "always_comply",
      "always_exploit", "win_stay_lose_shift", "generous_tit_for_tat(forgiveness=0.3)",
      "random(p=0.7)",  "random(p=0.2)"};
  for (std::size_t p = 0; p < 2; ++p) {
    life.compliance.policies[p] = draw.pick(policies);
    treatysim::DomesticDef& d = life.domestic[p];
    d.rule =
        draw.chance(0.5) ? treatysim::DomesticRule::kLogistic : treatysim::DomesticRule::kThreshold;
    d.threshold = draw.number(0.1, 0.7);
    d.steepness = draw.number(2.0, 20.0);
    d.pressure = draw.number(-0.2, 0.3);
    d.tied_hands = draw.chance(0.5);
    life.trust.initial[p] = draw.number(0.2, 0.8);
  }
  const int months = 12 * t.years;
  auto date = [&] { return t.start.plus(draw.integer(0, months - 1)); };
  life.events.clear();
  const int count = draw.integer(0, 5);
  static const std::array<LifecycleEventKind, 4> kinds = {
      LifecycleEventKind::kPressure, LifecycleEventKind::kTrustShock,
      LifecycleEventKind::kReservation, LifecycleEventKind::kWeight};
  static const std::array<std::string, 5> issues = {"scope", "ip", "data", "guardrails", "term"};
  for (int k = 0; k < count; ++k) {
    treatysim::ScheduledEventDef e;
    e.id = "event-" + std::to_string(k);
    e.date = date();
    e.kind = draw.pick(kinds);
    e.party = draw.integer(-1, 1);
    e.narration = "random event " + std::to_string(k);
    if (e.kind == LifecycleEventKind::kWeight) {
      e.issue = draw.pick(issues);
      e.value = draw.number(0.05, 0.6);
    } else {
      e.value = draw.number(-0.4, 0.4);
    }
    life.events.push_back(e);
  }
  if (draw.chance(0.5)) {
    life.events.push_back({"forced-lapse", date(), LifecycleEventKind::kForcedLapse, -1, 0.0, "",
                           "A forced lapse.", true});
  }
  if (draw.chance(0.5)) {
    life.events.push_back({"termination", date(), LifecycleEventKind::kTermination, -1, 0.0, "",
                           "A termination.", true});
  }
  for (treatysim::RandomEventDef& e : life.random_events) e.yearly_rate *= draw.number(0.0, 5.0);
  return Scenario::create(std::move(def));
}

// The entry the timeline is in at the end of month `m` (the last one that starts by then).
const TimelineEntry& state_after(const LifecycleResult& r, Month m) {
  std::size_t k = 0;
  while (k + 1 < r.timeline.size() && r.timeline[k + 1].from <= m) ++k;
  return r.timeline[k];
}

void check_lifecycle(const Scenario& scenario, const LifecycleResult& r) {
  const treatysim::TreatyDef& t = scenario.def().lifecycle->treaty;
  REQUIRE_FALSE(r.timeline.empty());
  CHECK(r.start == t.start);
  CHECK(r.end == t.start.plus(12 * t.years));
  CHECK(r.timeline.front().state == S::kInForce);
  CHECK(r.timeline.front().from == t.start);
  CHECK(r.timeline.back().to == r.end);
  CHECK(r.final_state == r.timeline.back().state);
  std::string path;
  for (std::size_t k = 0; k < r.timeline.size(); ++k) {
    const TimelineEntry& e = r.timeline[k];
    CAPTURE(k);
    CAPTURE(name(e.state));
    CHECK(e.from <= e.to);
    CHECK_FALSE(e.cause.empty());
    if (e.state != S::kRenegotiating) path += (path.empty() ? "" : " > ") + name(e.state);
    if (k + 1 < r.timeline.size()) {
      const TimelineEntry& next = r.timeline[k + 1];
      CAPTURE(name(next.state));
      CHECK(e.to == next.from);  // contiguous
      CHECK(treatysim::legal_transition(e.state, next.state));
      CHECK(e.state != S::kTerminated);  // absorbing: nothing follows a termination
    }
    if (e.effective) {
      // Only an agreement concluded during a lapse takes effect early, from the lapse's start.
      CHECK((e.state == S::kAmended || e.state == S::kRenewed));
      CHECK(t.retroactive);
      REQUIRE(k > 0);
      CHECK(r.timeline[k - 1].state == S::kLapsed);
      CHECK(*e.effective == r.timeline[k - 1].from);
      CHECK(*e.effective <= e.from);
    } else if (k > 0 && t.retroactive && r.timeline[k - 1].state == S::kLapsed) {
      CHECK_FALSE(
          (e.state == S::kAmended || e.state == S::kRenewed));  // those would be retroactive
    }
  }
  CHECK(r.path() == path);
  const auto months = static_cast<std::size_t>(r.end.since(r.start));
  CHECK(r.trust.size() == months);
  CHECK(r.payoffs.size() == months);
  // The compliance game is played only while the clauses apply.
  for (const treatysim::CompliancePeriod& c : r.compliance) {
    CAPTURE(c.date.to_string());
    CHECK(treatysim::clauses_apply(state_after(r, c.date).state));
  }
  // Without the clauses, each side gets its reservation value.
  for (std::size_t m = 0; m < months; ++m) {
    const Month month = r.start.plus(static_cast<int>(m));
    if (treatysim::clauses_apply(state_after(r, month).state)) continue;
    CAPTURE(month.to_string());
    CHECK(r.payoffs[m][0] == scenario.party(0).preferences.reservation_value);
    CHECK(r.payoffs[m][1] == scenario.party(1).preferences.reservation_value);
  }
  // A scheduled termination ends the treaty by its month at the latest.
  for (const treatysim::ScheduledEventDef& e : scenario.def().lifecycle->events) {
    if (e.kind != LifecycleEventKind::kTermination || e.date >= r.end) continue;
    CHECK(r.final_state == S::kTerminated);
    CHECK(r.timeline.back().from <= e.date);
  }
}

}  // namespace

// [SECTION] States and the transition table -------------------------------------------------------

TEST_CASE("treaty states: names are the documented ones and parse back") {
  const std::vector<std::string> names = {"in_force", "renegotiating", "extended",  "lapsed",
                                          "renewed",  "amended",       "terminated"};
  REQUIRE(treatysim::kAllTreatyStates.size() == names.size());
  for (std::size_t k = 0; k < names.size(); ++k) {
    const TreatyState state = treatysim::kAllTreatyStates[k];
    CHECK(name(state) == names[k]);
    CHECK(treatysim::parse_treaty_state(names[k]) == state);
  }
  CHECK_FALSE(treatysim::parse_treaty_state("").has_value());
  CHECK_FALSE(treatysim::parse_treaty_state("In_Force").has_value());
  CHECK_FALSE(treatysim::parse_treaty_state("in force").has_value());
  CHECK_FALSE(treatysim::parse_treaty_state("expired").has_value());
}

TEST_CASE("treaty states: legal_transition is exactly the table of treaty_state.hpp") {
  CHECK(kLegal.size() == 22);
  for (const auto& [from, to] : kLegal) {
    CAPTURE(name(from));
    CAPTURE(name(to));
    CHECK(treatysim::legal_transition(from, to));
  }
  int legal = 0;
  for (const TreatyState from : treatysim::kAllTreatyStates) {
    for (const TreatyState to : treatysim::kAllTreatyStates) {
      CAPTURE(name(from));
      CAPTURE(name(to));
      CHECK(treatysim::legal_transition(from, to) == in_table(from, to));
      legal += treatysim::legal_transition(from, to) ? 1 : 0;
    }
  }
  CHECK(legal == 22);
  // Terminated is absorbing; nothing returns to the initial in_force state.
  for (const TreatyState s : treatysim::kAllTreatyStates) {
    CHECK_FALSE(treatysim::legal_transition(S::kTerminated, s));
    CHECK_FALSE(treatysim::legal_transition(s, S::kInForce));
  }
}

TEST_CASE("treaty states: the clauses apply except when lapsed or terminated") {
  for (const TreatyState s : treatysim::kAllTreatyStates) {
    CAPTURE(name(s));
    CHECK(treatysim::clauses_apply(s) == (s != S::kLapsed && s != S::kTerminated));
  }
}

// [SECTION] Calendar ------------------------------------------------------------------------------

TEST_CASE("calendar: months parse, print, add and subtract") {
  const auto august = Month::parse("2023-08");
  REQUIRE(august.has_value());
  CHECK(august->year() == 2023);
  CHECK(august->month() == 8);
  CHECK(*august == Month(2023, 8));
  CHECK(august->to_string() == "2023-08");
  CHECK(august->plus(6) == Month(2024, 2));  // 2023-08 + 6 = 2024-02
  CHECK(august->plus(6).to_string() == "2024-02");
  CHECK(august->plus(0) == *august);
  CHECK(august->plus(-8) == Month(2022, 12));
  CHECK(august->plus(12 * 11) == Month(2034, 8));
  CHECK(Month(2024, 2).since(*august) == 6);
  CHECK(august->since(Month(2024, 2)) == -6);
  CHECK(Month(2024, 12).since(Month(2024, 8)) == 4);
  CHECK(Month(2023, 12).plus(1) == Month(2024, 1));
  CHECK(Month(2024, 1).plus(-1) == Month(2023, 12));
  CHECK(Month(2018, 8) < Month(2023, 8));
  CHECK(Month(2023, 12) < Month(2024, 1));
  CHECK(Month::parse("0001-01")->to_string() == "0001-01");
  CHECK(Month::parse("9999-12")->to_string() == "9999-12");
  // Every month of a few years round-trips, and plus/since agree.
  for (int k = -30; k <= 30; ++k) {
    const Month m = august->plus(k);
    CAPTURE(m.to_string());
    CHECK(Month::parse(m.to_string()) == m);
    CHECK(m.since(*august) == k);
    CHECK(m.index() == august->index() + k);
  }
}

TEST_CASE("calendar: malformed months are rejected") {
  for (const char* bad :
       {"2023-13", "2023-00", "2023-8", "23-08", "2023/08", "2023-08-01", "", "2023-", "-2023-08",
        "2023 08", "2023-0a", "abcd-ef", " 2023-08", "2023-08 ", "+023-08"}) {
    CAPTURE(bad);
    CHECK_FALSE(Month::parse(bad).has_value());
  }
}

// [SECTION] Random lifecycles ---------------------------------------------------------------------

TEST_CASE(
    "treaty lifecycle property: random lifecycles keep a contiguous timeline of legal "
    "transitions") {
  const auto& registry = treatysim::agents::builtin_registry();
  int terminated = 0;
  int forced_lapses = 0;
  int retroactive = 0;
  constexpr std::uint64_t kScenarios = 60;
  for (std::uint64_t k = 0; k < kScenarios; ++k) {
    CAPTURE(k);
    const Scenario scenario = random_lifecycle(k);
    const LifecycleResult r =
        treatysim::simulate_lifecycle(scenario, treatysim::derive_seed(k, "run", 0), registry);
    CAPTURE(r.path());
    check_lifecycle(scenario, r);
    terminated += r.final_state == S::kTerminated ? 1 : 0;
    for (const TimelineEntry& e : r.timeline) {
      retroactive += e.effective ? 1 : 0;
      forced_lapses += e.state == S::kLapsed && e.cause == "A forced lapse." ? 1 : 0;
    }
  }
  // The scenarios exercise the interesting parts of the machine.
  CHECK(terminated > 0);
  CHECK(forced_lapses > 0);
  CHECK(retroactive > 0);
}

TEST_CASE(
    "treaty lifecycle property: every legal transition of the table occurs in some random "
    "lifecycle") {
  // Renewals (the same clauses agreed again) followed by a forced lapse or a termination are rare,
  // so this draws random lifecycles until every transition has been seen (106 of them with these
  // seeds; the bound of 1000 is only a guard).
  const auto& registry = treatysim::agents::builtin_registry();
  std::set<std::pair<TreatyState, TreatyState>> seen;
  std::uint64_t k = 0;
  for (; k < 1000 && seen.size() < kLegal.size(); ++k) {
    CAPTURE(k);
    const Scenario scenario = random_lifecycle(k);
    const LifecycleResult r =
        treatysim::simulate_lifecycle(scenario, treatysim::derive_seed(k, "run", 0), registry);
    CAPTURE(r.path());
    check_lifecycle(scenario, r);
    for (std::size_t e = 0; e + 1 < r.timeline.size(); ++e)
      seen.emplace(r.timeline[e].state, r.timeline[e + 1].state);
  }
  for (const auto& [from, to] : kLegal) {
    CAPTURE(name(from));
    CAPTURE(name(to));
    CHECK(seen.count({from, to}) == 1);
  }
  CHECK(seen.size() == kLegal.size());  // and nothing outside the table (check_lifecycle too)
}

TEST_CASE("treaty lifecycle property: the STA lifecycle over many seeds") {
  const auto& registry = treatysim::agents::builtin_registry();
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    CAPTURE(seed);
    const LifecycleResult r = treatysim::simulate_lifecycle(sta(), seed, registry);
    CAPTURE(r.path());
    check_lifecycle(sta(), r);
  }
}
