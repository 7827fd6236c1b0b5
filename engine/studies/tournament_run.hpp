// tournament_run.hpp — running a tournament into its output folder: the journal, --resume, the
// parallel chunks, and the files every front end writes the same way (the CLI's `tournament`,
// the Python package, MPI runs, the benchmarks).
//
// Files. While a run is in progress its rows go to the journal OUT/negotiations.csv.partial, a
// chunk at a time, always a whole prefix of the run's list in index order (negotiations are
// computed in parallel within a chunk, then written in order). When the run ends — finished or
// stopped — OUT/summary.json is written whole (temporary file, then rename) with "complete" true
// or false, and the journal is renamed to OUT/negotiations.csv. After a crash the journal is
// still there; a resumed run reads whichever of the two exists (the journal first), keeps the
// valid rows before the first bad line (one cut short, or holding a value no run writes, such as
// a NaN utility), re-aggregates them, and plays the rest. The summary is always computed from the
// rows as written, in index order, so a resumed run, any number of threads and merged shards
// give the same bytes as one uninterrupted run.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/studies/tournament.hpp"
#include "engine/studies/tournament_results.hpp"

namespace treatysim {

// [SECTION] The output folder ----------------------------------------------------------------------

// OUT/negotiations.csv, OUT/negotiations.csv.partial (the journal of a run in progress),
// OUT/summary.json and OUT/traces.
[[nodiscard]] std::string tournament_csv_path(const std::string& dir);
[[nodiscard]] std::string tournament_journal_path(const std::string& dir);
[[nodiscard]] std::string tournament_summary_path(const std::string& dir);
[[nodiscard]] std::string tournament_traces_dir(const std::string& dir);
// The default output folder: "tournament-NAME" with NAME's unusual characters replaced by '_'.
[[nodiscard]] std::string default_tournament_dir(const std::string& name);

// The end of a finished (or stopped) run's files: writes OUT/summary.json whole, then renames
// the journal to OUT/negotiations.csv. Throws UserError when the rename fails.
void finish_tournament_files(const std::string& dir, const TournamentPlan& plan, const Shard& shard,
                             const TournamentResults& results, bool complete);

// The output folder of one run (or shard): opens it, takes over what a resumed run left, and
// appends chunks of rows in index order.
class TournamentFiles {
 public:
  // Creates `dir` if needed. With `resume`, checks that an earlier summary.json is this plan's
  // and this shard's, and keeps the valid prefix of the journal (or of negotiations.csv); without
  // it, refuses a folder holding an interrupted run. Throws UserError naming the file and key.
  TournamentFiles(std::string dir, const TournamentPlan& plan, const Shard& shard, bool resume,
                  bool traces);
  ~TournamentFiles();
  TournamentFiles(const TournamentFiles&) = delete;
  TournamentFiles& operator=(const TournamentFiles&) = delete;

  // Positions of the run (0 … total−1, mapped to indices by the shard) already written.
  [[nodiscard]] std::uint64_t done() const noexcept { return done_; }
  // Negotiations (or lifecycle runs) in the run or shard.
  [[nodiscard]] std::uint64_t total() const noexcept { return total_; }
  // Positions that were written before this process started (a resumed run).
  [[nodiscard]] std::uint64_t resumed() const noexcept { return resumed_; }
  [[nodiscard]] const std::string& dir() const noexcept { return dir_; }

  // Appends the next rows (positions done() … done()+rows.size()−1), their CSV lines as
  // tournament_csv_line wrote them, and, when the run keeps traces, their trace texts.
  void append(const std::vector<TournamentRow>& rows, const std::string& csv_lines,
              const std::vector<std::string>& traces);
  // Writes summary.json (complete when every position is written) and moves the journal into
  // place; returns the results. Call once, at the end (also after a stop or a failure).
  TournamentResults finish();

 private:
  std::string dir_;
  const TournamentPlan& plan_;
  Shard shard_;
  bool traces_;
  std::uint64_t total_ = 0;
  std::uint64_t done_ = 0;
  std::uint64_t resumed_ = 0;
  TournamentAggregate aggregate_;
  std::FILE* journal_ = nullptr;
};

// [SECTION] Playing chunks -------------------------------------------------------------------------

// One chunk of a run, played: rows, their CSV lines (concatenated), and traces when asked for.
// A chunk stopped early, or in which a negotiation threw, holds the prefix that was finished.
struct TournamentChunk {
  std::vector<TournamentRow> rows;
  std::string csv_lines;
  std::vector<std::string> traces;
  std::exception_ptr failure;  // the first exception of a negotiation, if one threw
};

// A chunk as bytes, for a chunk played by one process (an MPI rank) and written by another:
// every field of its rows (doubles bit for bit), its CSV lines, traces and failure
// (engine/io/bytes.hpp).
[[nodiscard]] std::string encode_tournament_chunk(const TournamentChunk& chunk);
// The chunk encode_tournament_chunk wrote: equal rows, lines and traces; the failure (if any) as
// put_exception/get_exception carry it (a UserError stays a UserError).
[[nodiscard]] TournamentChunk decode_tournament_chunk(std::string_view bytes);

// Plays chunks of a tournament's list on up to `jobs` threads (oneTBB; 0: all cores). Results
// never depend on the number of threads. One player per thread is kept across chunks
// (consecutive indices share a pairing, whose agents it reuses).
class TournamentChunkPlayer {
 public:
  TournamentChunkPlayer(const TournamentDef& def, const AgentFactory& factory, int jobs,
                        bool traces);
  ~TournamentChunkPlayer();
  TournamentChunkPlayer(const TournamentChunkPlayer&) = delete;
  TournamentChunkPlayer& operator=(const TournamentChunkPlayer&) = delete;

  // Plays positions first … first+count−1 of `shard`. `progress` (may be empty) is called from
  // the workers with the number of negotiations just finished; when `stop` becomes true the
  // negotiations in progress finish and the rest are left out. An exception of a negotiation
  // stops the chunk too and is returned in TournamentChunk::failure.
  [[nodiscard]] TournamentChunk play(const Shard& shard, std::uint64_t first, std::uint64_t count,
                                     const std::function<void(std::uint64_t)>& progress,
                                     const std::atomic<bool>* stop);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The chunk size used between two writes of the journal: total/32, at least 256 and at most
// 4096, so that an interrupted run keeps most of its work.
[[nodiscard]] std::uint64_t tournament_chunk_size(std::uint64_t total) noexcept;

// [SECTION] A whole run ----------------------------------------------------------------------------

struct TournamentRunOptions {
  std::string out;      // output folder (required)
  bool resume = false;  // finish the run recorded in `out`
  Shard shard;          // the part of the list to play ({1, 1}: all)
  bool traces = false;  // also write each negotiation's trace to OUT/traces/INDEX.json
  int jobs = 0;         // threads (0: all cores); the files do not depend on it
  // Negotiations per chunk, the unit written to the journal at a time (and, in an MPI run, handed
  // to a rank); 0: tournament_chunk_size(total). The files do not depend on it.
  std::uint64_t chunk = 0;
  // Called from worker threads with the number of negotiations just finished (may be empty).
  std::function<void(std::uint64_t)> progress;
  // Called once the folder is open, with (positions already done, total): for progress bars.
  std::function<void(std::uint64_t, std::uint64_t)> started;
  // When it becomes true, the run stops after the negotiations in progress (Ctrl-C).
  const std::atomic<bool>* stop = nullptr;
};

struct TournamentRunResult {
  bool complete = false;   // every negotiation of the run (or shard) is written
  std::uint64_t done = 0;  // positions written, including resumed ones
  std::uint64_t total = 0;
  TournamentResults results;
};

// Runs (or resumes) a tournament into options.out: negotiations.csv, summary.json and, with
// traces, OUT/traces/. Throws UserError for bad options or files; a negotiation's exception is
// rethrown after the files are closed (summary marked incomplete).
[[nodiscard]] TournamentRunResult run_tournament(const TournamentDef& def,
                                                 const AgentFactory& factory,
                                                 const TournamentRunOptions& options);

}  // namespace treatysim
