// parallel_map.hpp — independent items computed anywhere (threads of this process, or other
// processes of an MPI job) and aggregated here, in index order.
//
// A study that wants its work spread over the ranks of an MPI job gives it this shape: item i's
// result is a pure function of i (a negotiation pairing played over its seeds, a grid point, a
// simulated life) and is encoded into bytes (engine/io/bytes.hpp) where it is computed; the
// caller decodes and aggregates the results in index order 0, 1, 2, …, so the aggregate (sums
// of doubles included) has the same bytes however the items were spread. The engine never
// starts a process or sends a message itself: the front end passes the ParallelMap in — one on
// this process's threads (local_parallel_map), or the MPI layer's (mpi/, one rank of many).
//
// In an MPI job a ParallelMap call is collective: every rank calls it, with the same count, and
// every rank receives every result (accept is called on each), so that all ranks follow the same
// path afterwards (a tuning run picks its next point from the results).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "engine/studies/parallel.hpp"

namespace treatysim {

// Computes item i and returns its result as bytes. Called on any thread of any rank.
using ItemCompute = std::function<std::string(std::size_t)>;
// Receives item i's result. Called on the calling thread, for i = 0, 1, … count − 1 in order.
using ItemAccept = std::function<void(std::size_t, std::string_view)>;
// Computes items 0 … count − 1 (anywhere) and accepts their results in index order; returns when
// every result is accepted. An exception of compute is rethrown (once the items in progress
// finished) and the results after it are not accepted.
using ParallelMap =
    std::function<void(std::size_t count, const ItemCompute& compute, const ItemAccept& accept)>;

// The map on this process: computes the items through `parallel` (empty: one after another on
// the calling thread), keeps their results, and accepts them in order at the end. The first
// exception of compute (in index order) is rethrown after the loop.
[[nodiscard]] ParallelMap local_parallel_map(ParallelFor parallel);

}  // namespace treatysim
