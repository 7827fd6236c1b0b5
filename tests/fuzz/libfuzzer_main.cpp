// The entry point libFuzzer calls, one executable per target: TREATYSIM_FUZZ_FUNCTION names the
// target's function (fuzz_<name>, tests/fuzz/targets/<name>.cpp), set by treatysim_fuzz_target.
#include <cstddef>
#include <cstdint>

int TREATYSIM_FUZZ_FUNCTION(const std::uint8_t* data, std::size_t size);

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return TREATYSIM_FUZZ_FUNCTION(data, size);
}
