// tournament_results.hpp — a tournament's rows (negotiations.csv), their streamed aggregation,
// and the summary (summary.json): ranking, payoff matrix and the significance of adjacent ranks.
//
// Aggregation is streamed: a TournamentAggregate holds running statistics per competitor, per
// ordered pair of competitors and per (competitor, opponent, scenario, side) cell — its memory
// does not grow with the number of negotiations. Rows are always added in index order (the
// command computes in parallel and aggregates in order), and every number is taken from the row
// as written to the CSV, so a whole run, a resumed run and merged shards give the same bytes.
//
// Statistics (docs/tournaments.md, "The statistics"):
//  - ranking: competitors by mean (discounted) utility over every negotiation they played, on
//    either side, with a 95% Student-t confidence interval for the mean — or by mean advantage
//    (utility minus own reservation value) with plan.rank_by = advantage, the cells below then
//    holding advantages;
//  - adjacent ranks: a paired t-test on matched cells. A cell is (opponent, scenario, side); its
//    value for a competitor is its mean utility in the negotiations of that cell. Competitors A
//    and B are compared on the cells both played (the same opponents, scenarios and sides), so
//    the opponent and scenario effects cancel; n is the number of such cells. The p-values of the
//    N−1 adjacent comparisons are adjusted by Holm's step-down method, and a difference is called
//    significant when its adjusted p-value is at most 0.05 (family-wise error rate 5%). Fewer
//    than 2 common cells: no test.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/studies/statistics.hpp"
#include "engine/studies/tournament.hpp"

namespace treatysim {

// [SECTION] Rows: negotiations.csv ---------------------------------------------------------------

// The header line of negotiations.csv (with its newline) for `plan`.
[[nodiscard]] std::string tournament_csv_header(const TournamentPlan& plan);
// One row as a CSV line (with its newline); columns as in the header: index, scenario,
// repetition, seed, competitor_a, party_a, competitor_b, party_b, end, agreement, offers,
// utility_a, utility_b, social_welfare, distance_to_pareto, distance_to_nash (empty when absent),
// reservation_a, reservation_b (each side's reservation value in that negotiation, drawn or
// fixed; empty in lifecycle tournaments), and, when the plan reports a model_* metric,
// model_pearson_a, model_kendall_a, model_mae_a, model_pareto_a, model_reservation_error_a and
// the same for b (all five empty for a side without a model; a correlation is empty when
// undefined, the reservation error when the model estimates none).
// A file in the layout of treatysim before reservation_a/reservation_b is refused with a message
// saying so (parse_tournament_csv): its rows cannot be completed with the reservation values.
[[nodiscard]] std::string tournament_csv_line(const TournamentPlan& plan, const TournamentRow& row);
// Parses a CSV line (without its newline) written by tournament_csv_line for `plan`; throws
// UserError naming `file` and `line_number` when it is malformed, holds a value no run writes
// (a NaN or infinite number, a negative distance, an unknown 'end', an agreement column that
// contradicts it, distances in a lifecycle row), or does not match the plan's negotiation of that
// index (another tournament's file).
[[nodiscard]] TournamentRow parse_tournament_csv_line(const TournamentPlan& plan,
                                                      std::string_view line,
                                                      const std::string& file, int line_number);

// The rows of a negotiations.csv text: the header, then whole lines only (a last line without
// its newline is left out, as are lines after the first malformed one when `prefix_only`).
struct CsvRows {
  std::vector<TournamentRow> rows;
  std::size_t valid_bytes = 0;  // length of the header and the rows kept
};
// Reads the rows of `text` (the content of `file`). Without `prefix_only`, any malformed line is
// an error; with it, reading stops there (a journal cut short by a crash, or edited: the rows
// from the first bad one on are left out, to be played again).
[[nodiscard]] CsvRows parse_tournament_csv(const TournamentPlan& plan, std::string_view text,
                                           const std::string& file, bool prefix_only);

// [SECTION] Aggregation --------------------------------------------------------------------------

// One line of the ranking.
struct RankingEntry {
  std::size_t competitor = 0;  // index into plan.competitors
  SampleSummary utility;       // mean utility with its 95% interval
  SampleSummary agreement;     // agreement rate (mean of 0/1)
  SampleSummary offers;
  SampleSummary social_welfare;
  SampleSummary distance_to_pareto;  // over the rows that have one
  SampleSummary distance_to_nash;    // over the rows that have one
  SampleSummary advantage;           // utility − own reservation value (negotiation mode)
  SampleSummary score;               // what the ranking is by: utility or advantage (plan.rank_by)
  // The accuracy of the competitor's own model, over the rows where it had one (and the measure
  // was defined).
  SampleSummary model_pearson, model_kendall, model_error, model_pareto, model_reservation_error;
};

// The paired test between two adjacent ranks (higher ranked first).
struct AdjacentTest {
  std::size_t higher = 0;  // competitor indices
  std::size_t lower = 0;
  std::optional<PairedTest> test;  // absent with fewer than 2 common cells
  double holm_p_value = 1.0;       // adjusted over the family of adjacent tests
  bool significant = false;        // holm_p_value ≤ 0.05
};

// The reduced results.
struct TournamentResults {
  std::uint64_t negotiations = 0;      // rows aggregated
  std::vector<RankingEntry> ranking;   // best first
  std::vector<AdjacentTest> adjacent;  // ranking[i] vs ranking[i+1]
  // [a][b]: a's mean utility against b (both sides, every scenario and repetition); nullopt
  // where never played.
  std::vector<std::vector<std::optional<double>>> payoff_matrix;
  std::vector<std::vector<std::uint64_t>> payoff_count;
};

// Streamed statistics of a tournament's rows.
class TournamentAggregate {
 public:
  explicit TournamentAggregate(const TournamentPlan& plan);
  // Adds a row (call in index order for reproducible bytes).
  void add(const TournamentRow& row);
  // Rows added.
  [[nodiscard]] std::uint64_t count() const noexcept { return count_; }
  // Ranking, adjacent tests and the payoff matrix.
  [[nodiscard]] TournamentResults results() const;

 private:
  struct PerCompetitor {
    RunningStats utility, agreement, offers, social_welfare, distance_to_pareto, distance_to_nash,
        advantage, model_pearson, model_kendall, model_error, model_pareto, model_reservation_error;
  };
  [[nodiscard]] std::size_t cell(std::size_t competitor, std::size_t opponent, std::size_t scenario,
                                 std::size_t side) const noexcept;

  const TournamentPlan& plan_;
  std::uint64_t count_ = 0;
  std::vector<PerCompetitor> competitors_;
  std::vector<RunningStats> pairs_;  // [a·N + b]
  std::vector<RunningStats> cells_;  // cell()
};

// [SECTION] summary.json ---------------------------------------------------------------------------

// The plan as JSON (competitors with specs, scenarios with parties and content hashes, settings,
// the fingerprint): enough for `merge` to rebuild it.
[[nodiscard]] nlohmann::ordered_json tournament_plan_to_json(const TournamentPlan& plan);
// The plan back from tournament_plan_to_json; throws UserError naming `file` and the key
// (plan.competitors[1].label, …) when a member is missing or of the wrong type or range, or when
// its fingerprint does not match its content.
[[nodiscard]] TournamentPlan tournament_plan_from_json(const nlohmann::ordered_json& json,
                                                       const std::string& file);

// What a summary.json says about the run it describes: what `merge` and `tournament --resume`
// read before the rows.
struct TournamentSummaryHead {
  bool complete = false;        // "complete": every negotiation of the run (or shard) is written
  Shard shard;                  // "shard": "i/n", or null (the whole list: {1, 1})
  nlohmann::ordered_json plan;  // "plan": an object, for tournament_plan_from_json
  std::string fingerprint;      // "plan"."fingerprint"
};
// Parses the text of a summary.json (the content of `file`) and checks the members above and
// "format"; throws UserError naming the file, the key and what was expected (a file edited by
// hand, or another program's).
[[nodiscard]] TournamentSummaryHead parse_tournament_summary(std::string_view text,
                                                             const std::string& file);

// summary.json: {"format": "treatysim-tournament-summary", "version": 1, "complete", "tournament",
// "competitors", "payoff_matrix": {"competitors", "mean_utility", "count"}, "ranking",
// "adjacent_tests", "method", "negotiations": {"done", "total"}, "shard", "plan"}; numbers
// rounded with round_for_output. Text with a final newline.
[[nodiscard]] std::string tournament_summary_text(const TournamentPlan& plan, const Shard& shard,
                                                  const TournamentResults& results, bool complete);

// One sentence on the statistics above, as summary.json's "method" states it.
[[nodiscard]] std::string_view tournament_method_text() noexcept;

}  // namespace treatysim
