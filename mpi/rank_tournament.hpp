// rank_tournament.hpp — one tournament over the ranks of the job: `mpirun -np N treatysim
// tournament FILE --out DIR [--jobs T] [--resume]`.
//
// Rank 0 opens the output folder exactly as one process does (TournamentFiles: the journal,
// --resume, the checks), hands out chunks of positions to the ranks that ask (ChunkSchedule:
// dynamic, so fast and slow pairings and slow nodes balance themselves), plays chunks itself on
// a second thread, and appends the rows to the journal in position order as the chunks come in;
// at the end it writes summary.json and moves the journal into place. The files are therefore
// the bytes one process writes, for any number of ranks and threads. The other ranks play the
// chunks they are given (TournamentChunkPlayer, `jobs` threads each), send back the rows (every
// field, bit for bit), their CSV lines and traces, and write nothing to the folder.
//
// Stops and failures. When options.stop becomes true on a rank (Ctrl-C, SIGTERM from mpirun,
// scancel), its chunk in progress ends after the negotiations in progress; rank 0 hands out
// nothing more, waits up to half a second for the chunks still out, writes the rows it has as a
// whole prefix, marks the summary incomplete and moves the journal into place: --resume (with any
// number of ranks, or without MPI) finishes the run. A negotiation that throws stops the run the
// same way, and its exception is rethrown on every rank. A rank that dies ends the job (the
// launcher's message); the journal rank 0 kept is valid, a chunk at a time.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/protocol/agent.hpp"
#include "engine/studies/tournament_run.hpp"
#include "mpi/job.hpp"

namespace treatysim::mpi {

// What a distributed run reports besides the files.
struct RankTournamentResult {
  TournamentRunResult
      run;  // on rank 0: as run_tournament returns it; elsewhere complete/done/total
  std::vector<std::uint64_t> rows_per_rank;  // on rank 0: the rows each rank played (by rank)
};

// Runs (or resumes) the tournament over the job's ranks (see above). Collective: every rank calls
// it with the same definition and options. options.started is called on every rank (rank 0 with
// the positions already done and the total; use it to install signal handlers everywhere and a
// progress bar on rank 0); options.progress on rank 0 only, with the rows of every rank as they
// arrive (rank 0's own as they are played). The chunk size is options.chunk, or
// rank_tournament_chunk_size. Throws UserError as run_tournament does, on every rank alike.
[[nodiscard]] RankTournamentResult run_tournament_on_ranks(const Job& job, const TournamentDef& def,
                                                           const AgentFactory& factory,
                                                           const TournamentRunOptions& options);

// How far past the rows written rank 0 lets the ranks play, in positions: 16 chunks, or 4 per
// rank, but no more than about 1 GB of chunks kept (4,194,304 positions) unless 2 per rank need
// more. When a rank asks and the window is full, or nothing is left, it gets a copy of the oldest
// chunk another rank still plays (the first copy back is used: a slow or stopped node holds
// nobody back), else it waits.
[[nodiscard]] std::uint64_t rank_tournament_window(std::uint64_t largest_chunk, int ranks) noexcept;

// The default largest chunk over `ranks` ranks: tournament_chunk_size(total), and at most
// total / (8 · ranks) (but at least 64) so that every rank gets several chunks.
[[nodiscard]] std::uint64_t rank_tournament_chunk_size(std::uint64_t total, int ranks) noexcept;

}  // namespace treatysim::mpi
