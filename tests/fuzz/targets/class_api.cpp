// The class-mode API (`treatysim class`): requests from a room of browsers, applied in-process to
// a new class per input by server::fuzz_class_api (server/fuzz_entry.hpp): up to 16 requests
// separated by form feeds, each "METHOD TARGET [AS]\nBODY". Every answer must be an HTTP status
// without a 500; a refused request (4xx) must change nothing in the class or its database.
#include <cstddef>
#include <cstdint>

#include "server/fuzz_entry.hpp"

int fuzz_class_api(const std::uint8_t* data, std::size_t size) {
  return treatysim::server::fuzz_class_api(data, size);
}
