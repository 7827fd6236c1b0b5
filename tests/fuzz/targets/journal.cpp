// The readers of negotiations.csv and its journal (negotiations.csv.partial): `tournament
// --resume` streams the valid prefix of a journal into the aggregate (rows in order, another
// tournament's rows refused), `merge` reads every row strictly, and both write the summary of
// what they read. The rows are read for two fixed plans: tests/data/tournaments/small.toml (a
// negotiation tournament) and a lifecycle tournament, so that rows of either kind can match.
// The streamed reader must agree with the text reader (parse_tournament_csv) on every input.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "cli/tournament_support.hpp"
#include "engine/model/user_error.hpp"
#include "engine/studies/tournament.hpp"
#include "engine/studies/tournament_results.hpp"
#include "tests/fuzz/targets/fuzz_support.hpp"

namespace {

using namespace treatysim;

const TournamentPlan& negotiation_plan() {
  static const TournamentDef def =
      cli::load_tournament(fuzz::source_dir() + "/tests/data/tournaments/small.toml");
  return def.plan;
}

// A lifecycle tournament's plan (no scenario is read: the rows only name the scenario).
const TournamentPlan& lifecycle_plan() {
  static const TournamentPlan plan = [] {
    TournamentPlan p;
    p.name = "lifecycle";
    p.mode = TournamentMode::kLifecycle;
    p.competitors = {{"boulware", parse_spec("boulware")},
                     {"linear", parse_spec("linear")},
                     {"tft", parse_spec("nice_tit_for_tat")}};
    p.scenarios = {{"sta-2024", {"us", "cn"}, "0123456789abcdef"}};
    p.repetitions = 2;
    p.seed = 7;
    p.metrics = {TournamentMetric::kAgreement, TournamentMetric::kOffers};
    return p;
  }();
  return plan;
}

void read_as_resume_and_merge(const TournamentPlan& plan, std::string_view text,
                              const std::string& path) {
  // --resume: the valid prefix, streamed, in order.
  TournamentAggregate aggregate(plan);
  std::uint64_t position = 0;
  JournalPrefix prefix;
  bool out_of_order = false;
  try {
    prefix = read_tournament_journal(plan, path, [&](const TournamentRow& row) {
      if (row.slot.index != position) throw UserError("out of order");
      aggregate.add(row);
      ++position;
    });
  } catch (const UserError&) {
    out_of_order = true;  // header mismatch, or a row out of order: refused before any change
  }
  static_cast<void>(tournament_summary_text(plan, Shard{}, aggregate.results(), false));

  // The text reader, leniently: the same prefix when the rows are in order.
  try {
    const CsvRows rows = parse_tournament_csv(plan, text, path, true);
    if (!out_of_order) {
      FUZZ_EXPECT(rows.rows.size() == prefix.rows, "the streamed and text readers agree");
      FUZZ_EXPECT(rows.valid_bytes == prefix.valid_bytes,
                  "the streamed and text readers keep the same bytes");
    }
  } catch (const UserError&) {
    FUZZ_EXPECT(out_of_order, "the text reader refuses only what the streamed reader refuses");
  }

  // merge: every line must be a row.
  try {
    const CsvRows rows = parse_tournament_csv(plan, text, path, false);
    TournamentAggregate all(plan);
    for (const TournamentRow& row : rows.rows) {
      std::string line = tournament_csv_line(plan, row);
      line.pop_back();
      FUZZ_EXPECT(parse_tournament_csv_line(plan, line, path, 2) == row,
                  "a row survives being written again");
      all.add(row);
    }
    static_cast<void>(tournament_summary_text(plan, Shard{}, all.results(), true));
  } catch (const UserError&) {
  }
}

}  // namespace

int fuzz_journal(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  const fuzz::MemoryFile file(text);
  read_as_resume_and_merge(negotiation_plan(), text, file.path());
  read_as_resume_and_merge(lifecycle_plan(), text, file.path());
  return 0;
}
