// The class database (`treatysim class --db FILE` on restart, `treatysim class-export`), changed
// behind the program's back: server::fuzz_class_store (server/fuzz_entry.hpp) runs the input as
// SQL on a stored class, then reads it back, rebuilds the class and exports it. Every problem
// must end in a UserError naming the file.
#include <cstddef>
#include <cstdint>

#include "server/fuzz_entry.hpp"

int fuzz_class_store(const std::uint8_t* data, std::size_t size) {
  return treatysim::server::fuzz_class_store(data, size);
}
