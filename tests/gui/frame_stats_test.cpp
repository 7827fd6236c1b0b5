// The benchmark's frame-time summary (gui/logic/frame_stats.hpp), on values worked by hand.
#include <doctest/doctest.h>

#include <vector>

#include "gui/logic/frame_stats.hpp"

using treatysim::gui::frame_stats;

TEST_CASE("frame stats: mean and nearest-rank 95th percentile of hand-made times") {
  // 1..20 ms: mean 10.5; ⌈0.95·20⌉ = 19 → the 19th smallest, 19 ms.
  std::vector<double> times;
  for (int i = 20; i >= 1; --i) times.push_back(i);  // unsorted on purpose
  const auto stats = frame_stats(times);
  CHECK(stats.frames == 20);
  CHECK(stats.mean_ms == doctest::Approx(10.5).epsilon(1e-12));
  CHECK(stats.p95_ms == 19.0);
  CHECK(stats.max_ms == 20.0);
}

TEST_CASE("frame stats: one frame, a spike, and no frames") {
  CHECK(frame_stats({7.0}).p95_ms == 7.0);
  // 99 frames of 10 ms and one of 500 ms: ⌈95⌉ = 95th value is 10; the mean is 14.9.
  std::vector<double> times(99, 10.0);
  times.push_back(500.0);
  const auto stats = frame_stats(times);
  CHECK(stats.p95_ms == 10.0);
  CHECK(stats.mean_ms == doctest::Approx(14.9).epsilon(1e-12));
  CHECK(stats.max_ms == 500.0);
  CHECK(frame_stats({}).frames == 0);
  CHECK(frame_stats({}).p95_ms == 0.0);
}
