#include "engine/model/check.hpp"

#include <cstdio>
#include <cstdlib>

namespace treatysim::detail {

void check_failed(std::string_view file, int line, std::string_view condition,
                  std::string_view message) {
  std::fprintf(stderr, "%.*s:%d: treatysim internal check failed: %.*s — %.*s\n",
               static_cast<int>(file.size()), file.data(), line, static_cast<int>(condition.size()),
               condition.data(), static_cast<int>(message.size()), message.data());
  std::abort();
}

}  // namespace treatysim::detail
