// replay.hpp — the replay test of the fuzz targets (tests/fuzz/CMakeLists.txt generates one
// doctest case per target that calls replay_inputs): every seed of tests/fuzz/corpus/<name>/
// and every input that once was a finding, tests/data/fuzz-regressions/<name>/, is run through
// the target's function. Built by any compiler, in the Release and ASan passes of `make test`,
// so a regression fails the normal test suite without libFuzzer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace treatysim::fuzz {

using FuzzFunction = int (*)(const std::uint8_t* data, std::size_t size);

// Runs every file of the target's corpus and regression folders through `function` (printing
// each path to stderr first, so that the input of a crash is the last line of the log); checks
// that each returns 0, and that the corpus is not empty.
void replay_inputs(const std::string& name, FuzzFunction function);

}  // namespace treatysim::fuzz
