// The scripted agent's file (`scripted(file="...")`: one outcome per line as option ids joined by
// '/', '#' comments and blank lines skipped), read as `validate` and `run` read it, against
// configs/three-clauses.toml. A script that reads must play: against `linear`, the scripted
// side's k-th offer is line k of the script (the last line once the script is exhausted), and
// the negotiation ends like any other.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "agents/scripted_agent.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"
#include "engine/protocol/spec.hpp"
#include "engine/protocol/trace.hpp"
#include "tests/fuzz/targets/fuzz_support.hpp"

int fuzz_script(const std::uint8_t* data, std::size_t size) {
  using namespace treatysim;
  static const Scenario scenario =
      load_scenario_file(fuzz::source_dir() + "/configs/three-clauses.toml").with_deadline(24);
  const std::string path = fuzz::write_temp_file("script.txt", fuzz::as_text(data, size));
  std::vector<Outcome> script;
  try {
    script = agents::read_script(path, scenario.space());
  } catch (const UserError&) {
    return 0;
  }
  FUZZ_EXPECT(!script.empty(), "a script that reads has an outcome");
  const std::array<Spec, kPartyCount> specs{
      parse_spec("scripted(file=\"" + path + "\", accept=\"never\")"), parse_spec("linear")};
  const Trace trace = run_traced(scenario, specs, size, fuzz::registry());
  FUZZ_EXPECT(trace.result.end != NegotiationEnd::kRunning, "a negotiation ends");
  std::size_t own = 0;
  for (const Event& event : trace.events) {
    if (event.kind != EventKind::kOffer || event.party != 0) continue;
    FUZZ_EXPECT(event.outcome == script[std::min(own, script.size() - 1)],
                "the scripted side offers the script's lines in order");
    ++own;
  }
  return 0;
}
