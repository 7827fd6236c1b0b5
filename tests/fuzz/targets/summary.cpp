// The summary.json reader, as its three readers read it: `tournament --resume` (the head: format,
// complete, shard, the plan's fingerprint), `merge` (the plan rebuilt from JSON, which must keep
// its fingerprint) and `evolve` (the payoff matrix, then a short run of the population dynamics).
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/model/user_error.hpp"
#include "engine/studies/payoff_matrix.hpp"
#include "engine/studies/tournament.hpp"
#include "engine/studies/tournament_results.hpp"
#include "tests/fuzz/targets/evolve_support.hpp"
#include "tests/fuzz/targets/fuzz_support.hpp"

int fuzz_summary(const std::uint8_t* data, std::size_t size) {
  using namespace treatysim;
  const std::string text(fuzz::as_text(data, size));
  const std::string source = "fuzz-summary.json";
  try {
    const TournamentSummaryHead head = parse_tournament_summary(std::string_view(text), source);
    const TournamentPlan plan = tournament_plan_from_json(head.plan, source);
    FUZZ_EXPECT(plan.fingerprint() == head.fingerprint,
                "a plan read back has the fingerprint its summary names");
    const TournamentPlan again =
        tournament_plan_from_json(tournament_plan_to_json(plan), "fuzz-summary-again.json");
    FUZZ_EXPECT(again.fingerprint() == plan.fingerprint(), "a plan survives its JSON form");
  } catch (const UserError&) {
  }
  try {
    const PayoffMatrix matrix = parse_tournament_summary(text, source);
    fuzz::evolve_briefly(matrix, source);
  } catch (const UserError&) {
  }
  return 0;
}
