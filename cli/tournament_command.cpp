// tournament_command.cpp — `treatysim tournament`: many negotiations in parallel, streamed to
// OUT/negotiations.csv in index order, reduced to OUT/summary.json and tables.
//
// Files. While a run is in progress its rows go to the journal OUT/negotiations.csv.partial, a
// chunk at a time, always a whole prefix of the run's list in index order (negotiations are
// computed in parallel within a chunk, then written in order). When the run ends — finished or
// stopped by Ctrl-C — OUT/summary.json is written whole (temporary file, then rename) with
// "complete" true or false, and the journal is renamed to OUT/negotiations.csv. After a crash
// the journal is still there; --resume reads whichever of the two exists (the journal first),
// keeps the valid rows before the first bad line (one cut short, or holding a value no run writes,
// such as a NaN utility), re-aggregates them, and plays the rest. The summary is always computed
// from the rows as written, in index order, so a resumed run, any --jobs value and merged shards
// give the same bytes as one uninterrupted run.
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>

#include "agents/registry.hpp"
#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "cli/tournament_support.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim::cli {

namespace {

// Negotiations computed in parallel between two writes of the journal: total/32, at least 256
// and at most 4096, so that an interrupted run keeps most of its work.
constexpr std::uint64_t kMinChunk = 256;
constexpr std::uint64_t kMaxChunk = 4096;
constexpr int kInterruptedStatus = 130;  // 128 + SIGINT, as shells report it

std::atomic<bool> g_stop{false};

extern "C" void request_stop(int) {
  g_stop.store(true);
}

// Ctrl-C (SIGINT) and SIGTERM ask the run to stop after the negotiations in progress.
class StopOnSignals {
 public:
  StopOnSignals() {
    g_stop.store(false);
    struct sigaction action {};
    action.sa_handler = request_stop;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &old_int_);
    sigaction(SIGTERM, &action, &old_term_);
  }
  ~StopOnSignals() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }
  StopOnSignals(const StopOnSignals&) = delete;
  StopOnSignals& operator=(const StopOnSignals&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

// The default output folder: "tournament-NAME" with NAME's unusual characters replaced.
std::string default_dir(const std::string& name) {
  std::string dir = "tournament-";
  for (const char c : name) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.';
    dir += plain ? c : '_';
  }
  return dir;
}

std::string plural(std::uint64_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// The summary.json of an earlier run in `dir`, or nullopt when there is none; a file that is not
// a tournament's summary.json (edited, or another program's) is a UserError naming the key.
std::optional<TournamentSummaryHead> read_summary(const std::string& path) {
  if (!std::filesystem::exists(path)) return std::nullopt;
  try {
    return parse_tournament_summary(read_text_file(path), path);
  } catch (const UserError& e) {
    throw UserError(e.location(), e.key(), e.message() + "; use another --out, or remove the file");
  }
}

std::string shard_text(const Shard& shard) {
  return shard.whole() ? std::string()
                       : std::to_string(shard.index) + "/" + std::to_string(shard.count);
}

// Opens the journal for appending; throws UserError naming it.
std::FILE* open_journal(const std::string& path, const char* mode) {
  std::FILE* file = std::fopen(path.c_str(), mode);
  if (file == nullptr) {
    throw UserError(SourceLocation{path, 0, 0}, "", "cannot open for writing");
  }
  return file;
}

void append(std::FILE* file, const std::string& text, const std::string& path) {
  if (std::fwrite(text.data(), 1, text.size(), file) != text.size() || std::fflush(file) != 0) {
    throw UserError(SourceLocation{path, 0, 0}, "", "cannot write (disk full?)");
  }
}

}  // namespace

int tournament_command(const TournamentOptions& options, std::ostream& out) {
  const TournamentDef def = load_tournament(options.file);
  const TournamentPlan& plan = def.plan;
  const Shard shard = options.shard.empty() ? Shard{} : parse_shard(options.shard);
  if (options.traces && plan.mode == TournamentMode::kLifecycle) {
    throw UserError("--traces: traces are recorded for negotiation tournaments only");
  }
  const std::string dir = options.out.empty() ? default_dir(plan.name) : options.out;
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error)
    throw UserError(SourceLocation{dir, 0, 0}, "--out",
                    "cannot create the folder: " + error.message());
  const std::string journal = journal_path(dir);
  const std::string csv = csv_path(dir);
  const std::uint64_t total = shard.size(plan.negotiation_count());

  // Rows already played (--resume), re-aggregated in order.
  TournamentAggregate aggregate(plan);
  std::uint64_t done = 0;
  const std::optional<TournamentSummaryHead> earlier = read_summary(summary_path(dir));
  const bool has_journal = std::filesystem::exists(journal);
  bool fresh = true;
  if (options.resume) {
    if (earlier) {
      if (earlier->fingerprint != plan.fingerprint()) {
        throw UserError(SourceLocation{summary_path(dir), 0, 0}, "plan.fingerprint",
                        "these results are from another tournament (the tournament file or one of "
                        "its scenarios changed since): use another --out");
      }
      const std::string earlier_shard = shard_text(earlier->shard);
      if (earlier->shard != shard) {
        throw UserError(SourceLocation{summary_path(dir), 0, 0}, "shard",
                        "these results are from " +
                            (earlier_shard.empty() ? std::string("a run without --shard")
                                                   : "--shard " + earlier_shard) +
                            "; resume with the same --shard");
      }
    }
    const std::string source = has_journal                    ? journal
                               : std::filesystem::exists(csv) ? csv
                                                              : std::string();
    if (!source.empty()) {
      const std::string text = read_text_file(source);
      const CsvRows rows = parse_tournament_csv(plan, text, source, true);
      for (std::size_t i = 0; i < rows.rows.size(); ++i) {
        if (rows.rows[i].slot.index != shard.at(i)) {
          throw UserError(SourceLocation{source, static_cast<int>(i) + 2, 0}, "",
                          "negotiation " + std::to_string(rows.rows[i].slot.index) +
                              " is out of order for this run (expected " +
                              std::to_string(shard.at(i)) + ")");
        }
        aggregate.add(rows.rows[i]);
      }
      done = rows.rows.size();
      if (source == csv) std::filesystem::rename(csv, journal, error);
      if (!error) std::filesystem::resize_file(journal, rows.valid_bytes, error);
      if (error) {
        throw UserError(SourceLocation{journal, 0, 0}, "",
                        "cannot reopen the journal: " + error.message());
      }
      fresh = rows.valid_bytes == 0;
    }
  } else if (has_journal || (earlier && !earlier->complete)) {
    throw UserError(SourceLocation{dir, 0, 0}, "--out",
                    "holds an interrupted run: finish it with --resume, or choose another --out");
  }
  // From here on Ctrl-C stops cleanly (before, nothing has been written).
  const StopOnSignals stop_on_signals;
  std::FILE* file = open_journal(journal, fresh ? "wb" : "ab");
  try {
    if (fresh) {
      append(file, tournament_csv_header(), journal);
      // An incomplete summary from the start: a run killed before its end still names its plan
      // (the fingerprint --resume checks) and is recognised as interrupted.
      write_file_atomically(summary_path(dir),
                            tournament_summary_text(plan, shard, aggregate.results(), false));
    }
    const std::string traces_dir = (std::filesystem::path(dir) / "traces").string();
    if (options.traces) {
      std::filesystem::create_directories(traces_dir, error);
      if (error) {
        throw UserError(SourceLocation{traces_dir, 0, 0}, "--traces",
                        "cannot create the folder: " + error.message());
      }
    }

    std::optional<oneapi::tbb::global_control> limit;
    if (options.jobs > 0) {
      limit.emplace(oneapi::tbb::global_control::max_allowed_parallelism,
                    static_cast<std::size_t>(options.jobs));
    }
    Progress progress("negotiations", total,
                      options.interactive ? Progress::Style::kTerminal : Progress::Style::kLines,
                      done);
    const auto& registry = agents::builtin_registry();
    const std::uint64_t chunk = std::clamp(total / 32, kMinChunk, kMaxChunk);
    std::vector<std::optional<TournamentRow>> rows(
        static_cast<std::size_t>(std::min(chunk, total)));
    std::vector<std::string> traces(options.traces ? rows.size() : 0);
    // CSV lines are formatted by the workers too: only aggregation and the write stay serial.
    std::vector<std::string> csv_lines(rows.size());
    // One player per thread, kept across chunks: it reuses the agents of the pairing it played
    // last (consecutive indices share a pairing).
    oneapi::tbb::enumerable_thread_specific<std::unique_ptr<TournamentPlayer>> players;
    std::exception_ptr failure;
    std::mutex failure_mutex;
    std::atomic<bool> failed{false};
    while (done < total && !g_stop.load() && !failed.load()) {
      const std::uint64_t n = std::min(chunk, total - done);
      for (auto& row : rows) row.reset();
      oneapi::tbb::parallel_for(oneapi::tbb::blocked_range<std::uint64_t>(0, n, 32),
                                [&](const oneapi::tbb::blocked_range<std::uint64_t>& range) {
                                  std::unique_ptr<TournamentPlayer>& mine = players.local();
                                  if (!mine)
                                    mine = std::make_unique<TournamentPlayer>(def, registry);
                                  TournamentPlayer& player = *mine;
                                  std::uint64_t played = 0;
                                  for (std::uint64_t i = range.begin(); i != range.end(); ++i) {
                                    if (g_stop.load(std::memory_order_relaxed) || failed.load())
                                      return;
                                    try {
                                      const std::uint64_t k = shard.at(done + i);
                                      TournamentRow row = player.play(k);
                                      if (options.traces)
                                        traces[i] = trace_to_text(player.trace(k));
                                      csv_lines[i] = tournament_csv_line(plan, row);
                                      rows[i] = std::move(row);
                                    } catch (...) {
                                      const std::lock_guard<std::mutex> lock(failure_mutex);
                                      if (!failure) failure = std::current_exception();
                                      failed.store(true);
                                      return;
                                    }
                                    ++played;
                                  }
                                  // Once per block, not per negotiation: the shared counter
                                  // stays off the hot path.
                                  progress.advance(played);
                                });
      std::string lines;
      std::uint64_t written = 0;
      while (written < n && rows[written]) {
        const TournamentRow& row = *rows[written];
        lines += csv_lines[written];
        aggregate.add(row);
        if (options.traces) {
          write_file_atomically(
              (std::filesystem::path(traces_dir) / (std::to_string(row.slot.index) + ".json"))
                  .string(),
              traces[written]);
        }
        ++written;
      }
      append(file, lines, journal);
      done += written;
    }
    progress.stop();
    std::fclose(file);
    file = nullptr;
    const bool complete = done == total;
    const TournamentResults results = aggregate.results();
    finish_tournament_files(dir, plan, shard, results, complete);
    if (failure) std::rethrow_exception(failure);
    if (!complete) {
      std::fprintf(stderr,
                   "treatysim: interrupted after %llu of %llu negotiations; the finished rows are "
                   "in %s (summary marked incomplete). Finish with: treatysim tournament %s --out "
                   "%s%s%s --resume\n",
                   static_cast<unsigned long long>(done), static_cast<unsigned long long>(total),
                   csv.c_str(), options.file.c_str(), dir.c_str(), shard.whole() ? "" : " --shard ",
                   shard_text(shard).c_str());
      return kInterruptedStatus;
    }
    const std::size_t pairings = plan.pairings().size();
    out << "Tournament \"" << plan.name << "\" (" << tournament_mode_name(plan.mode)
        << "): " << plural(plan.competitors.size(), "competitor") << ", "
        << plural(plan.scenarios.size(), "scenario") << ", " << plural(pairings, "pairing") << ", "
        << plural(static_cast<std::uint64_t>(plan.repetitions), "repetition") << " = "
        << plural(plan.negotiation_count(),
                  plan.mode == TournamentMode::kLifecycle ? "run" : "negotiation");
    if (!shard.whole()) out << "; shard " << shard_text(shard) << ": " << total;
    out << "\n\n"
        << tournament_tables(plan, results) << "\nWrote " << csv << " and " << summary_path(dir)
        << "\n";
    return 0;
  } catch (...) {
    if (file != nullptr) std::fclose(file);
    throw;
  }
}

}  // namespace treatysim::cli
