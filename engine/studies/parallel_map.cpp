#include "engine/studies/parallel_map.hpp"

#include <exception>
#include <utility>
#include <vector>

namespace treatysim {

ParallelMap local_parallel_map(ParallelFor parallel) {
  return [parallel = std::move(parallel)](std::size_t count, const ItemCompute& compute,
                                          const ItemAccept& accept) {
    if (!parallel) {
      for (std::size_t i = 0; i < count; ++i) accept(i, compute(i));
      return;
    }
    std::vector<std::string> results(count);
    std::vector<std::exception_ptr> failures(count);
    parallel(count, [&](std::size_t i) {
      try {
        results[i] = compute(i);
      } catch (...) {
        failures[i] = std::current_exception();
      }
    });
    for (std::size_t i = 0; i < count; ++i) {
      if (failures[i]) std::rethrow_exception(failures[i]);
      accept(i, results[i]);
      std::string().swap(results[i]);  // accepted: its memory is no longer needed
    }
  };
}

}  // namespace treatysim
