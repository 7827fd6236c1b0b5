// fuzz_support.hpp — what the fuzz targets (tests/fuzz/targets/*.cpp) share: the input as text,
// the built-in registry, files in memory for readers that take a path, and the bounded work done
// with a valid scenario (one short negotiation, one analysis).
//
// A target returns 0 for every input. Bad input must end in a UserError, which the target
// catches; anything else — another exception, a failed check (FUZZ_EXPECT), a crash, a sanitizer
// report, a hang or running out of memory — is a finding. The same functions run under libFuzzer
// (clang, TREATYSIM_FUZZ=ON) and in the replay test of every build (tests/fuzz/replay_test.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "agents/registry.hpp"
#include "engine/model/check.hpp"
#include "engine/model/scenario.hpp"

namespace treatysim::fuzz {

// An invariant a target checks on valid input (a round trip, a property of the result): a
// failure is a bug, reported like any failed check (message, then abort).
#define FUZZ_EXPECT(condition, message) TREATYSIM_CHECK(condition, message)

// The input as text (any bytes, not necessarily UTF-8 or NUL-free).
[[nodiscard]] inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The source tree (for files the inputs name relative to configs/).
[[nodiscard]] std::string source_dir();
// The name that stands for a fuzzed study file (tournament, sweep, tuning) in messages: a file
// in configs/tournaments/, so that the paths the inputs write ("../sta-2024.toml",
// "genius/EnglandZimbabwe/England.xml") name the real files there.
[[nodiscard]] std::string study_source_name();

// The built-in strategy registry.
[[nodiscard]] const agents::Registry& registry();

// A file whose content is held in memory (memfd), with a path readers can open like any file:
// for the readers that take a path (tournament journals). Removed when destroyed.
class MemoryFile {
 public:
  explicit MemoryFile(std::string_view content);
  ~MemoryFile();
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

 private:
  int fd_ = -1;
  std::string path_;
};

// Writes `content` to the file `name` of a folder made for this process (on /dev/shm when there is
// one; removed at exit) and returns its path: for readers that take paths and derive names from
// them (GeniusWeb files, scripted agents' files). The same name is overwritten by the next input.
[[nodiscard]] std::string write_temp_file(const std::string& name, std::string_view content);

// The most offers a fuzzed negotiation is played for, and the largest outcome space analysed:
// the work per input stays well under a second whatever the scenario asks for.
inline constexpr int kMaxFuzzDeadline = 60;
inline constexpr double kMaxFuzzAnalysedOutcomes = 65536;

// With a valid scenario: one negotiation between the scenario's own strategies (deadline cut to
// kMaxFuzzDeadline), its metrics, and the analysis of the outcome space when it has at most
// kMaxFuzzAnalysedOutcomes outcomes; checks the result's invariants. UserErrors propagate.
void play_and_analyze(const Scenario& scenario, std::uint64_t seed);

}  // namespace treatysim::fuzz
