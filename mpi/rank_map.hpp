// rank_map.hpp — a ParallelMap (engine/studies/parallel_map.hpp) over the ranks of the job: how
// sweeps, tuning, `simulate --runs` and `evolve` spread their items.
//
// The call is collective: every rank calls the map with the same count (the commands run the
// same code on every rank). Rank 0 hands out chunks of item indices to the ranks that ask
// (ChunkSchedule: a quarter of the remaining items per rank, within [1, max_chunk]) and computes
// chunks itself on a second thread; every rank computes a chunk's items on its `threads`. The
// results travel to rank 0, which accepts them in index order as they complete (a progress count
// moves as the work does); when all are in, rank 0 sends every result to every other rank, which
// accepts them in order too — so every rank holds the same results and takes the same path
// afterwards (a tuning run chooses its next point from them). An exception of compute: the first
// in index order, once the chunks in progress are in, is rethrown on every rank.
#pragma once

#include <cstddef>

#include "engine/studies/parallel_map.hpp"
#include "mpi/job.hpp"

namespace treatysim::mpi {

// The map over `job`'s ranks, each computing with `threads` (empty: one item after another).
// With a job of one rank it is local_parallel_map(threads). `job` must outlive the map.
[[nodiscard]] ParallelMap rank_parallel_map(const Job& job, ParallelFor threads,
                                            std::size_t max_chunk = 1024);

}  // namespace treatysim::mpi
