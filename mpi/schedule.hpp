// schedule.hpp — how rank 0 cuts the work into chunks for the ranks that ask (guided
// self-scheduling).
//
// Chunks are consecutive ranges handed out in order. Each is a share of what is left,
// ceil(remaining / divisor), kept within [min_chunk, max_chunk]: large while much is left (few
// messages), smaller toward the end, so that the ranks finish together instead of one rank
// playing a last large chunk while the others wait. Which rank plays which chunk never changes
// a result: every item is a function of its index alone, and rank 0 writes in index order.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>

namespace treatysim::mpi {

// A range of positions: first … first + count − 1.
struct Range {
  std::uint64_t first = 0;
  std::uint64_t count = 0;
};

// Hands out [first, end) in guided chunks; thread-safe (rank 0's main thread and its playing
// thread both take from it). A limit can hold it back: nothing at or past the limit is handed out
// until the limit moves (rank 0 bounds how far ahead of the rows it has written the ranks may
// play, and so the chunks it must keep).
class ChunkSchedule {
 public:
  // min_chunk ≥ 1, max_chunk ≥ min_chunk, divisor ≥ 1.
  ChunkSchedule(std::uint64_t first, std::uint64_t end, std::uint64_t min_chunk,
                std::uint64_t max_chunk, std::uint64_t divisor);

  // The next chunk, or nullopt when everything was handed out, the schedule was closed, or the
  // chunk would reach past the limit.
  [[nodiscard]] std::optional<Range> take();
  // Hands out nothing more (a stop, a failure).
  void close();
  // Hands out nothing at or past `limit` (until it moves again); the initial limit is `end`.
  void set_limit(std::uint64_t limit);
  // True when nothing will ever be handed out again: everything was, or the schedule is closed.
  [[nodiscard]] bool exhausted() const;
  // The first position not handed out yet.
  [[nodiscard]] std::uint64_t next() const;

 private:
  mutable std::mutex mutex_;
  std::uint64_t next_;
  std::uint64_t end_;
  std::uint64_t min_chunk_;
  std::uint64_t max_chunk_;
  std::uint64_t divisor_;
  std::uint64_t limit_;
  bool closed_ = false;
};

// The size of the chunk after `remaining` positions are left (see above).
[[nodiscard]] std::uint64_t guided_chunk(std::uint64_t remaining, std::uint64_t min_chunk,
                                         std::uint64_t max_chunk, std::uint64_t divisor) noexcept;

}  // namespace treatysim::mpi
