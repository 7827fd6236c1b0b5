// parallel.hpp — how the studies spread independent work over threads.
//
// The studies never start threads themselves: a front end passes a ParallelFor, which runs
// body(0) … body(count − 1) in any order, on any threads, and returns when all are done. Each
// body writes its own slot, so results never depend on the number of threads or the order. A
// ParallelFor may also be a loop over MPI ranks or nothing at all (an empty ParallelFor means:
// one after another, on the calling thread).
#pragma once

#include <cstddef>
#include <functional>

namespace treatysim {

// Runs body(0) … body(count − 1), in any order and on any threads; returns when all are done.
using ParallelFor = std::function<void(std::size_t count, const std::function<void(std::size_t)>&)>;

// A ParallelFor on `jobs` threads with oneTBB (0: all cores); empty (one after another on the
// calling thread) for jobs = 1. An exception of a body is rethrown after the loop.
[[nodiscard]] ParallelFor parallel_for_jobs(int jobs);

}  // namespace treatysim
