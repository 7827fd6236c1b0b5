// progress.cpp — the progress bar and its plain-line fallback.
#include "cli/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace treatysim::cli {

namespace {

std::string duration_text(double seconds) {
  const auto total = static_cast<long long>(seconds + 0.5);
  char buffer[32];
  if (total >= 3600) {
    std::snprintf(buffer, sizeof buffer, "%lldh%02lldm", total / 3600, (total / 60) % 60);
  } else if (total >= 60) {
    std::snprintf(buffer, sizeof buffer, "%lldm%02llds", total / 60, total % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%llds", total);
  }
  return buffer;
}

}  // namespace

Progress::Style Progress::style_for_stderr() {
  return ::isatty(STDERR_FILENO) != 0 ? Style::kTerminal : Style::kLines;
}

Progress::Progress(std::string what, std::uint64_t total, Style style, std::uint64_t already_done,
                   std::chrono::seconds line_interval)
    : what_(std::move(what)),
      total_(total),
      style_(style),
      initial_(already_done),
      line_interval_(line_interval),
      start_(std::chrono::steady_clock::now()),
      done_(already_done) {
  if (style_ != Style::kNone) thread_ = std::thread([this] { run(); });
}

Progress::~Progress() {
  stop();
}

void Progress::stop() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::string Progress::line() const {
  const std::uint64_t done = done_.load(std::memory_order_relaxed);
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done - initial_) / elapsed : 0.0;
  char buffer[160];
  const double percent =
      total_ > 0 ? 100.0 * static_cast<double>(done) / static_cast<double>(total_) : 100.0;
  std::string left = "?";
  if (rate > 0 && done <= total_) left = duration_text(static_cast<double>(total_ - done) / rate);
  std::snprintf(buffer, sizeof buffer, "%s %llu/%llu (%.1f%%, %.0f/s, %s left)", what_.c_str(),
                static_cast<unsigned long long>(done), static_cast<unsigned long long>(total_),
                percent, rate, left.c_str());
  return buffer;
}

void Progress::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  const auto interval = style_ == Style::kTerminal
                            ? std::chrono::steady_clock::duration(std::chrono::milliseconds(200))
                            : std::chrono::steady_clock::duration(line_interval_);
  std::size_t width = 0;
  while (!wake_.wait_for(lock, interval, [this] { return stopping_; })) {
    const std::string text = line();
    if (style_ == Style::kTerminal) {
      // A 24-cell bar before the figures: [#########...............].
      constexpr std::uint64_t kCells = 24;
      const std::uint64_t done = std::min(done_.load(std::memory_order_relaxed), total_);
      const std::uint64_t filled = total_ > 0 ? done * kCells / total_ : kCells;
      const std::string bar = "[" + std::string(static_cast<std::size_t>(filled), '#') +
                              std::string(static_cast<std::size_t>(kCells - filled), '.') + "] ";
      std::fprintf(stderr, "\r%s%s   ", bar.c_str(), text.c_str());
      width = std::max(width, bar.size() + text.size() + 3);
    } else {
      std::fprintf(stderr, "%s\n", text.c_str());
    }
    std::fflush(stderr);
  }
  if (style_ == Style::kTerminal && width > 0) {
    std::fprintf(stderr, "\r%*s\r", static_cast<int>(width), "");
    std::fflush(stderr);
  }
}

}  // namespace treatysim::cli
