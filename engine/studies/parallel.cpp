#include "engine/studies/parallel.hpp"

#include <memory>

#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

namespace treatysim {

ParallelFor parallel_for_jobs(int jobs) {
  if (jobs == 1) return {};
  auto arena = std::make_shared<oneapi::tbb::task_arena>(
      jobs > 0 ? jobs : static_cast<int>(oneapi::tbb::task_arena::automatic));
  return [arena](std::size_t count, const std::function<void(std::size_t)>& body) {
    arena->execute(
        [&] { oneapi::tbb::parallel_for(std::size_t{0}, count, [&](std::size_t i) { body(i); }); });
  };
}

}  // namespace treatysim
