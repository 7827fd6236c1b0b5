// frame_stats.hpp — summary of measured frame times for `treatysim-gui --bench-frames`: the
// mean and the 95th percentile (nearest rank: the smallest time that at least 95% of the frames
// do not exceed).
#pragma once

#include <cstddef>
#include <vector>

namespace treatysim::gui {

/// Frame-time summary in milliseconds.
struct FrameStats {
  std::size_t frames = 0;  ///< Frames measured.
  double mean_ms = 0.0;    ///< Arithmetic mean.
  double p95_ms = 0.0;     ///< 95th percentile, nearest rank (sorted[⌈0.95·n⌉ − 1]).
  double max_ms = 0.0;     ///< The slowest frame.
};

/// Summarises frame times (ms); all zero for no frames.
[[nodiscard]] FrameStats frame_stats(std::vector<double> times_ms);

}  // namespace treatysim::gui
