// backwards_map.hpp — a ParallelMap as unlike one process's loop as possible: it computes the
// items last to first, each result passed through a copy of its bytes (as if sent to another
// process), then accepts them in order. A study run through it must give the same bytes as one
// run through local_parallel_map: the property every MPI run relies on.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "engine/studies/parallel_map.hpp"

namespace treatysim::testing {

// The map above; `computed` (when given) counts the items it computed.
inline ParallelMap backwards_map(std::size_t* computed = nullptr) {
  return [computed](std::size_t count, const ItemCompute& compute, const ItemAccept& accept) {
    std::vector<std::string> results(count);
    for (std::size_t i = count; i-- > 0;) {
      const std::string bytes = compute(i);
      results[i].assign(bytes.data(), bytes.size());
      if (computed != nullptr) ++*computed;
    }
    for (std::size_t i = 0; i < count; ++i) accept(i, results[i]);
  };
}

}  // namespace treatysim::testing
