// The strategy-spec parser and the registry: any text as a spec (its canonical text must parse
// back to the same spec), then resolved against the registry as a negotiator and as a
// compliance policy, checked against two scenarios (private and complete information), and,
// when it can play, one short negotiation against `linear` on each.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"
#include "engine/protocol/spec.hpp"
#include "engine/protocol/trace.hpp"
#include "tests/fuzz/targets/fuzz_support.hpp"

namespace {

using namespace treatysim;

// configs/three-clauses.toml, and the same with complete information and a short deadline.
const std::vector<Scenario>& scenarios() {
  static const std::vector<Scenario> list = [] {
    const Scenario base = load_scenario_file(fuzz::source_dir() + "/configs/three-clauses.toml");
    ScenarioDef complete = base.def();
    complete.protocol.information = Information::kComplete;
    complete.protocol.deadline = 12;
    return std::vector<Scenario>{base.with_deadline(12), Scenario::create(std::move(complete))};
  }();
  return list;
}

}  // namespace

int fuzz_spec(const std::uint8_t* data, std::size_t size) {
  const agents::Registry& registry = fuzz::registry();
  Spec spec;
  try {
    spec = parse_spec(fuzz::as_text(data, size));
  } catch (const UserError&) {
    return 0;
  }
  const std::string canonical = spec.to_string();
  FUZZ_EXPECT(parse_spec(canonical) == spec, "a spec survives its canonical text");
  try {
    static_cast<void>(registry.make_compliance(spec));
  } catch (const UserError&) {
  }
  try {
    static_cast<void>(registry.traits(spec));
  } catch (const UserError&) {
  }
  const auto checker = agents::spec_checker(registry);
  for (const Scenario& scenario : scenarios()) {
    for (PartyIndex party = 0; party < kPartyCount; ++party) {
      try {
        checker(canonical, scenario, party);
        std::array<Spec, kPartyCount> specs{parse_spec("linear"), parse_spec("linear")};
        specs[party] = spec;
        const Trace trace = run_traced(scenario, specs, size, registry);
        FUZZ_EXPECT(trace.result.end != NegotiationEnd::kRunning, "a negotiation ends");
      } catch (const UserError&) {
      }
    }
  }
  return 0;
}
