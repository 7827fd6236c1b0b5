// progress.hpp — progress reports on stderr for long batch commands (simulate --runs,
// tournament).
//
// On a terminal: one line redrawn in place, "WHAT done/total (rate/s, ETA)". Otherwise (a file,
// a pipe, CI logs): one plain line every `line_interval` seconds. Workers call advance() from any
// thread; a background thread draws.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace treatysim::cli {

class Progress {
 public:
  enum class Style {
    kNone,      // report nothing
    kTerminal,  // a redrawn bar (stderr is a terminal)
    kLines,     // plain periodic lines
  };
  // The style for stderr: kTerminal when it is a terminal, else kLines.
  [[nodiscard]] static Style style_for_stderr();

  // Starts reporting `what` ("negotiations") toward `total`; `already_done` counts work finished
  // before (a resumed run) and is left out of the rate.
  Progress(std::string what, std::uint64_t total, Style style, std::uint64_t already_done = 0,
           std::chrono::seconds line_interval = std::chrono::seconds(10));
  // Stops the drawing thread and clears the bar.
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Counts `n` more units done (thread-safe).
  void advance(std::uint64_t n = 1) noexcept { done_.fetch_add(n, std::memory_order_relaxed); }
  // Stops drawing (idempotent); the terminal bar is cleared.
  void stop();

 private:
  void run();
  [[nodiscard]] std::string line() const;

  std::string what_;
  std::uint64_t total_;
  Style style_;
  std::uint64_t initial_;
  std::chrono::seconds line_interval_;
  std::chrono::steady_clock::time_point start_;
  std::atomic<std::uint64_t> done_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace treatysim::cli
