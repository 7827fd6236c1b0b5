// tournament_view.hpp — the model of the window's tournament view: a tournament's results
// (summary.json, written by `treatysim tournament`) or a payoff-matrix TOML file, and the
// population dynamics of its payoff matrix (engine/studies/population.hpp: evolve()) with the options
// the user sets. Pure C++ (no ImGui): the panel gui/panels/tournament_view.cpp draws it.
//
// Every number shown comes from a file the engine wrote or from the engine's evolve(): the
// ranking rows are read as summary.json states them (mean utility, its 95% confidence interval,
// agreement rate, …), never recomputed here. The payoff matrix for population dynamics is read
// by the engine's load_payoff_matrix(); the heatmap also shows a tournament run without
// self-play (null diagonal), where population dynamics are unavailable and the reason is kept.
//
// evolve() takes seconds on a 12-strategy matrix (a thousand Moran runs per pair), so it runs on
// a worker thread: request_evolve() starts it, poll() (once a frame) collects the result, and
// wait() blocks until it is there (non-interactive runs, tests). A request made while one is
// running is queued and started when the running one ends; only the newest queued one is kept.
#pragma once

#include <cstdint>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "engine/studies/population.hpp"

namespace treatysim::gui {

/// One line of a tournament's ranking, as summary.json gives it (best first).
struct RankingRow {
  int rank = 0;                  ///< 1 = best.
  std::string competitor;        ///< The competitor's label.
  std::string strategy;          ///< Its strategy spec ("" when the file has none).
  std::uint64_t n = 0;           ///< Negotiations it played.
  std::optional<double> mean;    ///< Mean (discounted) utility; absent when it never played.
  std::optional<double> ci_low;  ///< 95% confidence interval of the mean.
  std::optional<double> ci_high;
  std::optional<double> agreement_rate;         ///< When the tournament reports it.
  std::optional<double> mean_offers;            ///< When the tournament reports it.
  std::optional<double> mean_distance_to_nash;  ///< When the tournament reports it.
};

/// The paired test between two adjacent ranks, as summary.json's "adjacent_tests" gives it.
struct AdjacentRow {
  std::string higher;                  ///< The better-ranked competitor.
  std::string lower;                   ///< The next one.
  std::optional<double> holm_p_value;  ///< Holm-adjusted p-value; absent without a test.
  bool significant = false;            ///< holm_p_value ≤ 0.05.
};

/// The pairwise payoffs for the heatmap: values[i][j] is row i's mean utility against column j,
/// absent where the pair never met (e.g. the diagonal without self-play).
struct PairwiseTable {
  std::vector<std::string> labels;                         ///< Row and column labels.
  std::vector<std::vector<std::optional<double>>> values;  ///< Square, labels.size() rows.
  std::vector<std::vector<std::uint64_t>> counts;          ///< Negotiations per cell (empty for
                                                           ///< a matrix TOML file).
};

/// The population-dynamics settings the user can change (the rest keep evolve()'s defaults).
struct EvolveSettings {
  int generations = 100;   ///< Replicator time horizon and Moran generations.
  int population = 100;    ///< Moran population size N.
  double selection = 0.1;  ///< Moran selection intensity w in [0, 1].
  int runs = 200;          ///< Moran runs averaged (fewer than the CLI's 1000: interactive).
  std::uint64_t seed = 1;  ///< The Moran run seed.
  friend bool operator==(const EvolveSettings&, const EvolveSettings&) = default;
};

/// The PopulationOptions of evolve() for these settings.
[[nodiscard]] PopulationOptions population_options(const EvolveSettings& settings);

/// What a results folder, summary.json or payoff-matrix TOML file holds for the view.
struct TournamentData {
  std::string path;      ///< The file read (summary.json inside a folder).
  std::string name;      ///< The tournament's or game's name.
  bool complete = true;  ///< False: the summary is marked incomplete (interrupted run).
  std::uint64_t negotiations_done = 0;   ///< 0 for a matrix file.
  std::uint64_t negotiations_total = 0;  ///< 0 for a matrix file.
  std::vector<RankingRow> ranking;       ///< Empty for a matrix file.
  std::vector<AdjacentRow> adjacent;     ///< Empty for a matrix file.
  PairwiseTable pairwise;                ///< Always present.
  std::optional<PayoffMatrix> matrix;    ///< For population dynamics (engine's loader).
  std::string matrix_error;              ///< Why `matrix` is absent (the loader's message).
};

/// The summary.json of a results folder, or the path itself when it is not a folder.
[[nodiscard]] std::string tournament_file_of(const std::string& path);

/// Reads a results folder, summary.json or payoff-matrix TOML file. Throws UserError naming the
/// file and key when it cannot be read or is not one of these; a summary whose matrix cannot
/// feed population dynamics (no self-play) still loads, with TournamentData::matrix_error set.
[[nodiscard]] TournamentData load_tournament_data(const std::string& path);

/// The tournament view's model: the data shown and the population dynamics computed from it.
class TournamentView {
 public:
  TournamentView() = default;
  /// Waits for a running computation (evolve() cannot be interrupted).
  ~TournamentView();
  TournamentView(const TournamentView&) = delete;
  TournamentView& operator=(const TournamentView&) = delete;

  /// Opens results (see load_tournament_data) and starts evolve() with the current settings when
  /// the matrix allows it. Throws UserError and keeps the view unchanged on error.
  void open(const std::string& path);
  /// Whether results are open.
  [[nodiscard]] bool has_data() const noexcept { return data_.has_value(); }
  /// The open results (has_data() must hold).
  [[nodiscard]] const TournamentData& data() const { return *data_; }

  /// The settings of the last request (or the defaults).
  [[nodiscard]] const EvolveSettings& settings() const noexcept { return settings_; }
  /// Checks the settings against the matrix (UserError naming the field, nothing changed on
  /// error) and starts evolve() with them, or queues them while a computation runs. Nothing
  /// happens when there is no matrix.
  void request_evolve(const EvolveSettings& settings);
  /// Collects a finished computation and starts the queued one; call once a frame.
  void poll();
  /// Blocks until no computation is running or queued.
  void wait();
  /// Whether a computation is running or queued.
  [[nodiscard]] bool computing() const noexcept { return running_.valid(); }
  /// The latest finished population dynamics (for the data now open), if any.
  [[nodiscard]] const std::optional<PopulationResult>& population() const noexcept {
    return population_;
  }
  /// The error of the latest computation ("" when none).
  [[nodiscard]] const std::string& evolve_error() const noexcept { return evolve_error_; }

 private:
  void start(const EvolveSettings& settings);
  void finish();

  std::optional<TournamentData> data_;
  EvolveSettings settings_;
  std::future<PopulationResult> running_;
  std::optional<EvolveSettings> queued_;
  std::optional<PopulationResult> population_;
  std::string evolve_error_;
  std::uint64_t generation_ = 0;          // counts open() calls
  std::uint64_t running_generation_ = 0;  // the open() the running computation belongs to
};

}  // namespace treatysim::gui
