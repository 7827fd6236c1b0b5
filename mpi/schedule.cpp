#include "mpi/schedule.hpp"

#include <algorithm>

#include "engine/model/check.hpp"

namespace treatysim::mpi {

std::uint64_t guided_chunk(std::uint64_t remaining, std::uint64_t min_chunk,
                           std::uint64_t max_chunk, std::uint64_t divisor) noexcept {
  const std::uint64_t share = (remaining + divisor - 1) / divisor;
  return std::min(remaining, std::clamp(share, min_chunk, max_chunk));
}

ChunkSchedule::ChunkSchedule(std::uint64_t first, std::uint64_t end, std::uint64_t min_chunk,
                             std::uint64_t max_chunk, std::uint64_t divisor)
    : next_(first),
      end_(end),
      min_chunk_(min_chunk),
      max_chunk_(max_chunk),
      divisor_(divisor),
      limit_(end) {
  TREATYSIM_CHECK(first <= end && min_chunk >= 1 && max_chunk >= min_chunk && divisor >= 1,
                  "ChunkSchedule: first ≤ end, 1 ≤ min_chunk ≤ max_chunk, divisor ≥ 1");
}

std::optional<Range> ChunkSchedule::take() {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (closed_ || next_ == end_) return std::nullopt;
  const Range range{next_, guided_chunk(end_ - next_, min_chunk_, max_chunk_, divisor_)};
  if (range.first + range.count > limit_) return std::nullopt;  // held back: a whole chunk or none
  next_ += range.count;
  return range;
}

void ChunkSchedule::close() {
  const std::lock_guard<std::mutex> lock(mutex_);
  closed_ = true;
}

void ChunkSchedule::set_limit(std::uint64_t limit) {
  const std::lock_guard<std::mutex> lock(mutex_);
  limit_ = limit;
}

bool ChunkSchedule::exhausted() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return closed_ || next_ == end_;
}

std::uint64_t ChunkSchedule::next() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return next_;
}

}  // namespace treatysim::mpi
