// background.hpp — long engine work (tournaments, sweeps, tuning, many lives) run off the
// Python thread, so that Ctrl-C and the notebook's interrupt button stop it within a second and
// progress bars move.
//
// The work runs on a worker thread with the GIL released (a strategy written in Python takes it
// per call). The calling thread waits in slices of 50 ms; between slices it reports progress
// (a Python callable, with the GIL) and calls PyErr_CheckSignals. On Ctrl-C it sets the stop
// flag the work polls, waits for the work to wind down (the negotiations in progress finish; a
// tournament's folder is left resumable), and raises KeyboardInterrupt. An exception of the work
// (a UserError, an exception raised by a Python strategy) is rethrown on the calling thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>

#include "python/src/bindings.hpp"

namespace treatysim::python {

// Counts work done for a progress bar: advanced from any thread, read by the waiting thread.
struct ProgressCounter {
  std::atomic<std::uint64_t> done{0};
  std::atomic<std::uint64_t> total{0};
};

// Runs `work` as described above. `progress` (None or a callable progress(done, total)) is
// called from the calling thread whenever the counter changed, and once at the end. Requires
// the GIL (the calling thread's); returns with it.
void run_interruptible(const std::function<void()>& work, std::atomic<bool>& stop,
                       ProgressCounter& counter, const py::object& progress);

}  // namespace treatysim::python
