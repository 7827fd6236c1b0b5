// tournament.hpp — many negotiations (competitors × competitors × scenarios × repetitions), in a
// fixed order, each with its own seed.
//
// A tournament file (docs/file-formats.md, "Tournament files") names competitors (a label and a
// strategy spec), scenarios (scenario files, or GENIUS XML / GeniusWeb JSON domains with two
// profiles), repetitions, a base seed, role swapping, self-play, a deadline override and the
// metrics to report. Its mode is "negotiation" (one alternating-offers negotiation per entry, scored by the
// discounted utility each side gets) or "lifecycle" (one `simulate` run of the treaty's life per
// entry, the two competitors replacing the parties' negotiators, scored by cumulative discounted
// payoffs).
//
// The list of negotiations. Pairings are the ordered pairs (a, b) of competitor indices, a
// playing the scenario's first party and b the second, in the order a = 0…N−1, b = 0…N−1,
// keeping a ≠ b (and a = b only with self_play) and, without role_swap, only a ≤ b. Negotiation
//   index k = (scenario · P + pairing) · R + repetition        (P pairings, R repetitions)
// has seed derive_seed(base seed, "tournament", k): results never depend on scheduling, threads
// or shards. Shard i of n (1-based) plays the indices k with k mod n = i − 1.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/analysis/analysis.hpp"
#include "engine/analysis/model_accuracy.hpp"
#include "engine/model/scenario.hpp"
#include "engine/protocol/agent.hpp"
#include "engine/protocol/spec.hpp"
#include "engine/protocol/trace.hpp"

namespace treatysim {

// [SECTION] The plan: what the results depend on -------------------------------------------------

enum class TournamentMode { kNegotiation, kLifecycle };
// "negotiation" or "lifecycle".
[[nodiscard]] std::string_view tournament_mode_name(TournamentMode mode) noexcept;

// The optional metrics of the ranking (mean utility with its confidence interval is always
// reported).
enum class TournamentMetric {
  kAgreement,         // agreement rate
  kOffers,            // mean number of offers
  kSocialWelfare,     // mean sum of both discounted utilities
  kDistanceToPareto,  // mean distance of the utility pair reached to the Pareto frontier
  kDistanceToNash,    // mean distance to the Nash bargaining solution
  kAdvantage,  // mean advantage (the ANL score): discounted utility minus own reservation value
               // (0 without agreement; negative only when discounting eats an agreement)
  // The accuracy of the competitor's own opponent model at the end of each negotiation
  // (analysis/model_accuracy.hpp), over the negotiations where its strategy has a model:
  kModelPearson,           // Pearson correlation of estimated and true opponent utilities
  kModelKendall,           // Kendall's tau-b of the two rankings
  kModelError,             // mean absolute error of the utilities
  kModelPareto,            // share of the true frontier the estimate finds Pareto-optimal
  kModelReservationError,  // |estimated − true| opponent reservation value
};
// The metric's name in files: "agreement", "offers", "social_welfare", "distance_to_pareto",
// "distance_to_nash", "advantage", "model_pearson", "model_kendall", "model_mae", "model_pareto",
// "model_reservation_error".
[[nodiscard]] std::string_view tournament_metric_name(TournamentMetric metric) noexcept;
// The metric with that name, or nullopt.
[[nodiscard]] std::optional<TournamentMetric> parse_tournament_metric(std::string_view name);
// True for the model_* metrics.
[[nodiscard]] bool is_model_metric(TournamentMetric metric) noexcept;
// Every metric name, quoted and comma-separated, for messages.
[[nodiscard]] std::string tournament_metric_names();

// What the ranking is ordered by (and the adjacent tests compare): the mean discounted utility
// (default) or the mean advantage.
enum class RankBy { kUtility, kAdvantage };
// "utility" or "advantage".
[[nodiscard]] std::string_view rank_by_name(RankBy rank_by) noexcept;

// One strategy entered in the tournament.
struct Competitor {
  std::string label;  // unique; letters, digits and _-.+=() (no commas or quotes)
  Spec spec;          // the strategy, e.g. boulware(e=0.2)
};

// A scenario of the tournament as the results name it.
struct PlanScenario {
  std::string name;                              // unique within the tournament
  std::array<std::string, kPartyCount> parties;  // the parties' ids
  std::string content_hash;                      // Scenario::content_hash (after the deadline)
};

// The (competitor of the first party, competitor of the second party) of one negotiation.
using Pairing = std::array<std::size_t, kPartyCount>;

// One entry of the list of negotiations.
struct NegotiationSlot {
  std::uint64_t index = 0;
  std::size_t scenario = 0;  // into plan.scenarios
  Pairing competitors{};     // competitors[p] plays party p
  int repetition = 0;
  std::uint64_t seed = 0;
  friend bool operator==(const NegotiationSlot&, const NegotiationSlot&) = default;
};

// A shard of the list: indices k with k mod count = index − 1. {1, 1} is the whole tournament.
struct Shard {
  std::uint64_t index = 1;  // 1-based
  std::uint64_t count = 1;
  [[nodiscard]] bool whole() const noexcept { return count == 1; }
  [[nodiscard]] bool contains(std::uint64_t k) const noexcept { return k % count == index - 1; }
  // The number of the first `total` indices that fall in this shard.
  [[nodiscard]] std::uint64_t size(std::uint64_t total) const noexcept;
  // The position-th index of this shard (0-based).
  [[nodiscard]] std::uint64_t at(std::uint64_t position) const noexcept {
    return position * count + (index - 1);
  }
  friend bool operator==(const Shard&, const Shard&) = default;
};
// Parses "i/n" (1 ≤ i ≤ n); throws UserError naming `option` otherwise.
[[nodiscard]] Shard parse_shard(const std::string& text, const std::string& option = "--shard");

// Everything the list of negotiations and its aggregation depend on; no scenario objects, so
// that results can be merged from files alone.
struct TournamentPlan {
  std::string name;
  TournamentMode mode = TournamentMode::kNegotiation;
  std::vector<Competitor> competitors;
  std::vector<PlanScenario> scenarios;
  int repetitions = 1;
  std::uint64_t seed = 1;
  bool role_swap = true;
  bool self_play = false;
  std::optional<int> deadline;  // negotiation mode: replaces every scenario's deadline
  int years = 0;                // lifecycle mode: horizon (0: each scenario's own)
  std::vector<TournamentMetric> metrics;
  RankBy rank_by = RankBy::kUtility;  // negotiation mode only

  // The pairings in enumeration order (see the top of this file).
  [[nodiscard]] std::vector<Pairing> pairings() const;
  // The number of negotiations: scenarios × pairings × repetitions.
  [[nodiscard]] std::uint64_t negotiation_count() const;
  // The k-th negotiation (k < negotiation_count()).
  [[nodiscard]] NegotiationSlot slot(std::uint64_t k) const;
  // 16 hex digits identifying the plan (every field above, scenario contents included): shards
  // and a resumed run must share it.
  [[nodiscard]] std::string fingerprint() const;
  // True when `metric` is to be reported.
  [[nodiscard]] bool reports(TournamentMetric metric) const;
  // True when a model_* metric is reported: negotiations.csv then has the model columns.
  [[nodiscard]] bool reports_models() const;
};

// [SECTION] Loading and checking -----------------------------------------------------------------

// A tournament ready to run: the plan and the scenarios it names.
struct TournamentDef {
  std::string file;  // the tournament file as given
  TournamentPlan plan;
  std::vector<Scenario> scenarios;  // plan.scenarios[i]'s scenario, deadline override applied
  std::vector<std::shared_ptr<const ScenarioAnalysis>> analyses;  // negotiation mode
  // Per scenario, the outcomes each side's model is measured on (when plan.reports_models()).
  std::vector<std::array<std::shared_ptr<const AccuracyBasis>, kPartyCount>> accuracy_bases;
};

// Checks that a strategy can play a party of a scenario in a batch run; throws UserError with
// the reason when it cannot. The CLI adds the refusal of interactive and scripted players to the
// registry's AgentFactory::check.
using CompetitorCheck =
    std::function<void(const Spec& spec, const Scenario& scenario, PartyIndex party)>;

// Reads and validates a tournament file (format above and in tournament_toml.cpp): every
// problem is a UserError naming the file, line, key and what was expected. Relative scenario
// paths are resolved against the tournament file's folder. Every competitor is checked, before
// anything runs, on every scenario and side it will play: one that cannot play is refused with
// its label, the scenario and the reason.
[[nodiscard]] TournamentDef load_tournament_file(const std::string& path,
                                                 const CompetitorCheck& check);
// The same from text; `source_name` stands for the file in messages and relative paths resolve
// against its folder.
[[nodiscard]] TournamentDef parse_tournament(std::string_view text, const std::string& source_name,
                                             const CompetitorCheck& check);

// True when TOML text has a top-level [tournament] table (how `validate` recognises tournament
// files). Text that is not valid TOML is not a tournament.
[[nodiscard]] bool is_tournament_text(std::string_view text);

// [SECTION] Playing ------------------------------------------------------------------------------

// The numbers one negotiation (or lifecycle run) contributes, as written to negotiations.csv.
// Real numbers are rounded with round_for_output, so a row read back from the CSV is equal.
struct TournamentRow {
  NegotiationSlot slot;
  std::string end;  // "agreement", "walk_away", "deadline"; lifecycle: the final treaty state
  bool agreement = false;  // lifecycle: a ratified agreement was reached at least once
  int offers = 0;          // lifecycle: over all its negotiations
  std::array<double, kPartyCount> utilities{};  // discounted; lifecycle: cumulative payoffs
  double social_welfare = 0.0;
  std::optional<double> distance_to_pareto;  // absent in lifecycle tournaments
  std::optional<double> distance_to_nash;    // absent without a Nash point, and in lifecycles
  // Each side's reservation value in this negotiation (drawn or fixed); absent in lifecycles.
  std::optional<std::array<double, kPartyCount>> reservations;
  // Each side's model accuracy at the end (when the plan reports model metrics and that side's
  // strategy has a model); estimated_reservation is not kept.
  std::array<std::optional<ModelAccuracy>, kPartyCount> models;
  // utility − own reservation value, for side p (requires reservations).
  [[nodiscard]] double advantage(std::size_t p) const { return utilities[p] - (*reservations)[p]; }
  friend bool operator==(const TournamentRow&, const TournamentRow&) = default;
};

// Plays negotiations of a tournament. Reuses the agents of the last pairing it played, so a
// player walking consecutive indices allocates little. One player per thread; `def` and
// `factory` must outlive it.
class TournamentPlayer {
 public:
  TournamentPlayer(const TournamentDef& def, const AgentFactory& factory);
  ~TournamentPlayer();
  TournamentPlayer(const TournamentPlayer&) = delete;
  TournamentPlayer& operator=(const TournamentPlayer&) = delete;

  // Negotiation k of the list.
  [[nodiscard]] TournamentRow play(std::uint64_t k);
  // The full trace of negotiation k (negotiation mode only; the same negotiation as play(k)).
  [[nodiscard]] Trace trace(std::uint64_t k) const;
  // The trace's JSON text (trace_to_text); when the plan reports a model_* metric, with the
  // top-level "model_report" of `run --model-report` (the curves after each offer).
  [[nodiscard]] std::string trace_text(std::uint64_t k) const;

 private:
  struct Cache;
  const TournamentDef& def_;
  const AgentFactory& factory_;
  std::unique_ptr<Cache> cache_;
};

}  // namespace treatysim
