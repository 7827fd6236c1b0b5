// tournament_command.cpp — `treatysim tournament`: runs (or resumes) a tournament with the
// engine's run_tournament (engine/studies/tournament_run.hpp: the journal, --resume, the files),
// or over the ranks of an MPI job (mpi/rank_tournament.hpp: the same files), with a progress bar,
// Ctrl-C handling and the tables.
#include <csignal>
#include <cstdio>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "agents/registry.hpp"
#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "cli/tournament_support.hpp"
#include "engine/model/user_error.hpp"
#include "engine/studies/tournament_run.hpp"
#include "frontend/reports.hpp"
#include "mpi/job.hpp"
#include "mpi/rank_tournament.hpp"

namespace treatysim::cli {

namespace {

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

std::string plural(std::uint64_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string shard_text(const Shard& shard) {
  return shard.whole() ? std::string()
                       : std::to_string(shard.index) + "/" + std::to_string(shard.count);
}

}  // namespace

int tournament_command(const TournamentOptions& options, std::ostream& out) {
  const mpi::Job& job = options.job != nullptr ? *options.job : mpi::Job::single_process();
  // Under MPI every rank loads the files; a problem on any rank stops them all alike.
  std::optional<TournamentDef> loaded;
  job.collectively([&] { loaded.emplace(load_tournament(options.file)); });
  const TournamentDef& def = *loaded;
  const TournamentPlan& plan = def.plan;
  TournamentRunOptions run;
  run.shard = options.shard.empty() ? Shard{} : parse_shard(options.shard);
  run.out = options.out.empty() ? default_tournament_dir(plan.name) : options.out;
  run.resume = options.resume;
  run.traces = options.traces;
  run.jobs = options.jobs;
  run.chunk = options.chunk;
  run.stop = &g_stop;
  const bool distributed = job.distributed();
  const bool root = job.root();
  // From the moment the folder is open Ctrl-C stops cleanly (before, nothing has been written);
  // under MPI every rank stops its chunk, and rank 0 alone draws the progress of them all.
  std::optional<StopOnSignals> stop_on_signals;
  std::optional<Progress> progress;
  run.started = [&](std::uint64_t done, std::uint64_t total) {
    stop_on_signals.emplace();
    if (!root) return;
    progress.emplace("negotiations", total,
                     options.interactive ? Progress::Style::kTerminal : Progress::Style::kLines,
                     done);
  };
  run.progress = [&](std::uint64_t n) { progress->advance(n); };
  const auto stop_progress = [&] {
    if (progress) progress->stop();
  };
  TournamentRunResult result;
  std::vector<std::uint64_t> rows_per_rank;
  try {
    if (distributed) {
      if (root)
        std::fprintf(stderr, "treatysim: %s\n", mpi::describe_ranks(job, options.jobs).c_str());
      mpi::RankTournamentResult ranks =
          mpi::run_tournament_on_ranks(job, def, agents::builtin_registry(), run);
      result = std::move(ranks.run);
      rows_per_rank = std::move(ranks.rows_per_rank);
    } else {
      result = run_tournament(def, agents::builtin_registry(), run);
    }
  } catch (...) {
    stop_progress();
    throw;
  }
  stop_progress();
  if (!root) return result.complete ? 0 : kInterruptedStatus;
  if (!rows_per_rank.empty()) {
    std::string line;
    for (std::size_t r = 0; r < rows_per_rank.size(); ++r) {
      line += (r == 0 ? "" : ", ") + std::to_string(r) + ": " + std::to_string(rows_per_rank[r]);
    }
    std::fprintf(stderr, "treatysim: negotiations played by rank (this run) — %s\n", line.c_str());
  }
  const std::string csv = tournament_csv_path(run.out);
  if (!result.complete) {
    std::fprintf(stderr,
                 "treatysim: interrupted after %llu of %llu negotiations; the finished rows are "
                 "in %s (summary marked incomplete). Finish with: treatysim tournament %s --out "
                 "%s%s%s --resume\n",
                 static_cast<unsigned long long>(result.done),
                 static_cast<unsigned long long>(result.total), csv.c_str(), options.file.c_str(),
                 run.out.c_str(), run.shard.whole() ? "" : " --shard ",
                 shard_text(run.shard).c_str());
    return kInterruptedStatus;
  }
  const std::size_t pairings = plan.pairings().size();
  out << "Tournament \"" << plan.name << "\" (" << tournament_mode_name(plan.mode)
      << "): " << plural(plan.competitors.size(), "competitor") << ", "
      << plural(plan.scenarios.size(), "scenario") << ", " << plural(pairings, "pairing") << ", "
      << plural(static_cast<std::uint64_t>(plan.repetitions), "repetition") << " = "
      << plural(plan.negotiation_count(),
                plan.mode == TournamentMode::kLifecycle ? "run" : "negotiation");
  if (!run.shard.whole()) out << "; shard " << shard_text(run.shard) << ": " << result.total;
  out << "\n\n"
      << frontend::tournament_tables(plan, result.results) << "\nWrote " << csv << " and "
      << tournament_summary_path(run.out) << "\n";
  return 0;
}

}  // namespace treatysim::cli
