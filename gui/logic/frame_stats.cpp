#include "gui/logic/frame_stats.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace treatysim::gui {

FrameStats frame_stats(std::vector<double> times_ms) {
  FrameStats stats;
  stats.frames = times_ms.size();
  if (times_ms.empty()) return stats;
  std::sort(times_ms.begin(), times_ms.end());
  const double n = static_cast<double>(times_ms.size());
  stats.mean_ms = std::accumulate(times_ms.begin(), times_ms.end(), 0.0) / n;
  const auto rank = static_cast<std::size_t>(std::ceil(0.95 * n));
  stats.p95_ms = times_ms[std::clamp<std::size_t>(rank, 1, times_ms.size()) - 1];
  stats.max_ms = times_ms.back();
  return stats;
}

}  // namespace treatysim::gui
