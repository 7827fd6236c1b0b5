// The trace reader, as `treatysim replay` reads a trace: the JSON, the embedded scenario (checked
// like a scenario file, and against its hash), the specs and the events; when it parses, the
// replay command itself re-runs the negotiation and compares it event by event (for deadlines up
// to 4 × kMaxFuzzDeadline, to bound the work: a valid trace may ask for a million offers).
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "cli/commands.hpp"
#include "engine/model/user_error.hpp"
#include "engine/protocol/trace.hpp"
#include "tests/fuzz/targets/fuzz_support.hpp"

int fuzz_trace(const std::uint8_t* data, std::size_t size) {
  using namespace treatysim;
  const std::string text(fuzz::as_text(data, size));
  try {
    const SavedTrace saved = parse_trace(text, "fuzz-trace.json");
    static_cast<void>(events_from_trace_json(saved, "fuzz-trace.json"));
    if (saved.scenario.protocol().deadline > fuzz::kMaxFuzzDeadline * 4) return 0;
    const fuzz::MemoryFile file(text);
    std::ostringstream out;
    const int status = cli::replay_command(file.path(), out);
    FUZZ_EXPECT(status == 0 || status == 1, "replay answers identical (0) or different (1)");
  } catch (const UserError&) {
  }
  return 0;
}
