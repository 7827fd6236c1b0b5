#include "python/src/background.hpp"

#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

namespace treatysim::python {

void run_interruptible(const std::function<void()>& work, std::atomic<bool>& stop,
                       ProgressCounter& counter, const py::object& progress) {
  std::mutex mutex;
  std::condition_variable finished;
  bool done = false;
  std::exception_ptr failure;
  std::thread worker([&] {
    try {
      work();
    } catch (...) {
      failure = std::current_exception();
    }
    const std::lock_guard<std::mutex> lock(mutex);
    done = true;
    finished.notify_all();
  });
  const auto join = [&] {
    const py::gil_scoped_release release;
    worker.join();
  };
  std::uint64_t reported_done = ~std::uint64_t{0};
  std::uint64_t reported_total = ~std::uint64_t{0};
  const auto report = [&] {
    if (progress.is_none()) return;
    const std::uint64_t d = counter.done.load();
    const std::uint64_t t = counter.total.load();
    if (d == reported_done && t == reported_total) return;
    reported_done = d;
    reported_total = t;
    progress(d, t);
  };
  while (true) {
    bool over = false;
    {
      const py::gil_scoped_release release;
      std::unique_lock<std::mutex> lock(mutex);
      over = finished.wait_for(lock, std::chrono::milliseconds(50), [&] { return done; });
    }
    if (over) break;
    if (PyErr_CheckSignals() != 0) {
      // The pending exception (KeyboardInterrupt) is taken now and raised once the work is over.
      py::error_already_set interrupted;
      stop.store(true);
      join();
      throw interrupted;
    }
    try {
      report();
    } catch (...) {
      // A failing progress callback stops the work too, and is what the caller sees.
      stop.store(true);
      join();
      throw;
    }
  }
  join();
  if (failure) std::rethrow_exception(failure);
  report();
}

}  // namespace treatysim::python
