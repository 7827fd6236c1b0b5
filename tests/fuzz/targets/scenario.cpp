// The scenario reader: TOML text checked as `treatysim validate` checks a file (syntax, every
// key, the model's rules, both agent specs against the registry); a valid scenario must survive
// its canonical TOML (parse_scenario(to_toml(def)) == def), then plays one short negotiation,
// replays its trace, and is analysed (fuzz_support.hpp).
#include <cstddef>
#include <cstdint>

#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"
#include "tests/fuzz/targets/fuzz_support.hpp"

int fuzz_scenario(const std::uint8_t* data, std::size_t size) {
  using namespace treatysim;
  const auto checker = agents::spec_checker(fuzz::registry());
  try {
    const Scenario scenario = parse_scenario(fuzz::as_text(data, size), "fuzz.toml", checker);
    const Scenario again = parse_scenario(to_toml(scenario.def()), "fuzz-canonical.toml", checker);
    FUZZ_EXPECT(again.def() == scenario.def(), "a scenario survives its canonical TOML");
    FUZZ_EXPECT(again.content_hash() == scenario.content_hash(),
                "the canonical TOML has the same content hash");
    fuzz::play_and_analyze(scenario, size);
  } catch (const UserError&) {
    // A clear, located error: what bad input must get.
  }
  return 0;
}
