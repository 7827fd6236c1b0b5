// The tournament reader: TOML text read as `treatysim validate` and `treatysim tournament` read a
// file (every competitor checked on every scenario and side it would play), paths resolved from
// configs/tournaments/. A valid tournament must survive the plan's JSON round trip (what
// summary.json stores and `merge` reads back) and plays its first negotiation, whose row must
// survive negotiations.csv.
#include <cstddef>
#include <cstdint>

#include "engine/model/user_error.hpp"
#include "engine/studies/tournament.hpp"
#include "engine/studies/tournament_results.hpp"
#include "frontend/batch.hpp"
#include "tests/fuzz/targets/fuzz_support.hpp"

int fuzz_tournament(const std::uint8_t* data, std::size_t size) {
  using namespace treatysim;
  try {
    const TournamentDef def = parse_tournament(fuzz::as_text(data, size), fuzz::study_source_name(),
                                               frontend::batch_competitor_check(fuzz::registry()));
    const TournamentPlan& plan = def.plan;
    const TournamentPlan back =
        tournament_plan_from_json(tournament_plan_to_json(plan), "fuzz-summary.json");
    FUZZ_EXPECT(back.fingerprint() == plan.fingerprint(),
                "a tournament plan survives its JSON form");
    FUZZ_EXPECT(plan.negotiation_count() > 0, "a valid tournament has negotiations");
    if (plan.mode == TournamentMode::kNegotiation &&
        def.scenarios.front().protocol().deadline <= fuzz::kMaxFuzzDeadline * 4) {
      TournamentPlayer player(def, fuzz::registry());
      const TournamentRow row = player.play(0);
      std::string line = tournament_csv_line(plan, row);
      line.pop_back();  // its newline
      FUZZ_EXPECT(parse_tournament_csv_line(plan, line, "fuzz.csv", 2) == row,
                  "a tournament row survives negotiations.csv");
      TournamentAggregate aggregate(plan);
      aggregate.add(row);
      static_cast<void>(tournament_summary_text(plan, Shard{}, aggregate.results(), false));
    }
  } catch (const UserError&) {
  }
  return 0;
}
