// lifecycle_def.hpp — the treaty-lifecycle part of a scenario, as plain data (the TOML sections
// [treaty], [compliance], [domestic.<party>], [trust], [[events]] and [[random_events]];
// docs/file-formats.md lists every field, docs/model.md says what each does). Validated with the
// rest of the scenario.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/model/calendar.hpp"
#include "engine/model/compliance.hpp"

namespace treatysim {

struct TreatyDef {
  Month start{2018, 8};         // the simulation starts with the treaty in force
  Month expiry{2023, 8};        // when the clauses in force at the start expire
  int years = 11;               // horizon
  std::string initial_clauses;  // option ids in issue order, e.g. "S3/IP1/D2/G2/T2"
  int lead_months = 6;          // talks open this long before expiry
  int offers_per_month = 2;     // offers made per month of talks
  int extension_months = 6;     // length of a temporary extension
  int max_extensions = 2;       // extensions in a row before the treaty must lapse
  int lapse_talks_months = 6;   // after a lapse talks go on this long (0: they stop)
  bool retroactive = true;      // an agreement reached during a lapse takes effect from the lapse
  std::string term_issue;  // the issue whose option sets the new term ("" = default_term_months)
  std::vector<int> term_months;  // months of term per option of term_issue
  int default_term_months = 60;
  double monthly_discount = 0.995;  // for cumulative discounted payoffs
  std::uint64_t seed = 1;           // the default run seed of `simulate`

  friend bool operator==(const TreatyDef&, const TreatyDef&) = default;
};

struct ComplianceDef {
  int period_months = 3;  // one stage game per period
  StagePayoffs base;      // T, R, P, S with neutral clauses
  std::array<std::string, 2> policies{"tit_for_tat", "tit_for_tat"};  // per party (a spec)
  std::string scope_issue;                     // breadth b = index/(n−1) of the option in force
  std::vector<std::string> protection_issues;  // s = mean of 1 − index/(n−1)
  std::vector<std::string> detection_issues;   // d = mean strength; q = base + gain·d
  std::string dispute_issue;                   // strength ≥ dispute_threshold ⇒ penalties
  double detection_base = 0.2;
  double detection_gain = 0.6;
  double penalty = 2.0;
  double dispute_threshold = 0.6;
  double payoff_weight = 0.05;  // how much a period's stage payoff adds to the monthly payoff

  friend bool operator==(const ComplianceDef&, const ComplianceDef&) = default;
};

enum class DomesticRule { kThreshold, kLogistic };

// Putnam's two-level game: whether the agreement is ratified at home.
struct DomesticDef {
  DomesticRule rule = DomesticRule::kThreshold;
  double threshold = 0.0;   // θ: u ≥ θ + pressure (threshold), or the logistic's midpoint
  double steepness = 10.0;  // k of p = 1/(1+exp(−k(u − θ − pressure)))
  double pressure = 0.0;    // moved by events and by distrust
  bool tied_hands = false;  // the negotiator knows its win-set and will not accept below it

  friend bool operator==(const DomesticDef&, const DomesticDef&) = default;
};

struct TrustDef {
  std::array<double, 2> initial{0.5, 0.5};
  std::array<double, 2> baseline{0.5, 0.5};
  double drift = 0.05;                    // per month, toward the baseline
  double violation_hit = 0.1;             // trust lost by the victim of a detected violation
  double compliance_gain = 0.01;          // trust gained per period the other side honours
  double reservation_per_distrust = 0.3;  // reservation shift per unit of (baseline − trust)
  double pressure_per_distrust = 0.0;     // domestic pressure per unit of (baseline − trust)

  friend bool operator==(const TrustDef&, const TrustDef&) = default;
};

enum class LifecycleEventKind : unsigned char {
  kTrustShock,   // party's trust += value
  kPressure,     // party's domestic pressure += value
  kReservation,  // party's reservation value += value
  kWeight,       // party's weight of `issue` := value (others rescaled to keep the sum 1)
  kForcedLapse,  // the treaty lapses now
  kTermination,  // the treaty ends for good
};

struct ScheduledEventDef {
  std::string id;
  Month date;
  LifecycleEventKind kind = LifecycleEventKind::kTrustShock;
  int party = -1;  // −1 = both (for the kinds that take a party)
  double value = 0.0;
  std::string issue;      // kWeight
  std::string narration;  // one sentence for the timeline
  bool enabled = true;    // a what-if file can switch an inherited event off

  friend bool operator==(const ScheduledEventDef&, const ScheduledEventDef&) = default;
};

struct RandomEventDef {
  std::string id;
  LifecycleEventKind kind = LifecycleEventKind::kTrustShock;
  int party = -1;
  double value = 0.0;
  std::string issue;
  double yearly_rate = 0.0;  // expected occurrences per year (monthly probability rate/12)
  std::string narration;
  bool enabled = true;  // a what-if file can switch an inherited random event off

  friend bool operator==(const RandomEventDef&, const RandomEventDef&) = default;
};

struct LifecycleDef {
  TreatyDef treaty;
  ComplianceDef compliance;
  std::array<DomesticDef, 2> domestic;
  TrustDef trust;
  std::vector<ScheduledEventDef> events;
  std::vector<RandomEventDef> random_events;

  friend bool operator==(const LifecycleDef&, const LifecycleDef&) = default;
};

}  // namespace treatysim
