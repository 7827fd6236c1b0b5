// merge_command.cpp — `treatysim merge`: the output folders of a tournament's shards become the
// files one whole run writes.
//
// Every folder must hold a complete run of the same tournament (the same plan fingerprint in its
// summary.json), either the whole list or one shard i/n, with every shard 1/n … n/n present once.
// Rows are streamed: negotiation k comes from the folder of shard (k mod n) + 1, in index order,
// and aggregated as one run aggregates them, so memory stays flat.
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/tournament_support.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"
#include "engine/studies/tournament_run.hpp"
#include "frontend/reports.hpp"

namespace treatysim::cli {

namespace {

struct ShardInput {
  std::string dir;
  std::string csv;
  Shard shard;
  std::ifstream stream;
  int line = 1;
};

// --out must not be one of the folders merged: the merged files would replace that shard's.
void refuse_input_as_out(const MergeOptions& options) {
  for (const std::string& dir : options.dirs) {
    std::error_code error;  // set (and false returned) when either folder does not exist
    if (!std::filesystem::equivalent(options.out, dir, error)) continue;
    throw UserError(SourceLocation{options.out, 0, 0}, "--out",
                    "is " +
                        (dir == options.out ? std::string("one of the folders to merge")
                                            : "the folder " + dir + ", one of those to merge") +
                        ": its files would be overwritten; choose another --out");
  }
}

}  // namespace

int merge_command(const MergeOptions& options, std::ostream& out) {
  if (options.dirs.empty()) throw UserError("merge: expected at least one folder");
  refuse_input_as_out(options);
  std::optional<TournamentPlan> plan;
  std::vector<ShardInput> inputs;
  for (const std::string& dir : options.dirs) {
    const std::string path = tournament_summary_path(dir);
    const TournamentSummaryHead summary = parse_tournament_summary(read_text_file(path), path);
    if (!summary.complete) {
      throw UserError(SourceLocation{path, 0, 0}, "complete",
                      "this run is incomplete: finish it with `treatysim tournament FILE --out " +
                          dir + " --resume` (and the same --shard) first");
    }
    TournamentPlan this_plan = tournament_plan_from_json(summary.plan, path);
    if (plan && this_plan.fingerprint() != plan->fingerprint()) {
      throw UserError(SourceLocation{path, 0, 0}, "plan",
                      "from another tournament than " +
                          tournament_summary_path(options.dirs.front()) +
                          " (their plan fingerprints differ)");
    }
    if (!plan) plan = std::move(this_plan);
    ShardInput input;
    input.dir = dir;
    input.csv = tournament_csv_path(dir);
    input.shard = summary.shard;
    input.stream.open(input.csv, std::ios::binary);
    if (!input.stream) throw UserError(SourceLocation{input.csv, 0, 0}, "", "cannot read the file");
    std::string header;
    std::getline(input.stream, header);
    if (header + "\n" != tournament_csv_header(*plan)) {
      throw UserError(
          SourceLocation{input.csv, 1, 0}, "",
          header.rfind("index,", 0) == 0 && header.find("reservation_a") == std::string::npos
              ? "written by an older treatysim (no reservation_a, reservation_b "
                "columns): merge it with that version, or play the shard again"
              : "not a tournament's negotiations.csv (unexpected header)");
    }
    inputs.push_back(std::move(input));
  }
  // One folder per shard of one split.
  const std::uint64_t count = inputs.front().shard.count;
  std::vector<ShardInput*> by_shard(static_cast<std::size_t>(count), nullptr);
  for (ShardInput& input : inputs) {
    if (input.shard.count != count) {
      throw UserError(SourceLocation{tournament_summary_path(input.dir), 0, 0}, "shard",
                      "shards of different splits (" + std::to_string(input.shard.count) + " and " +
                          std::to_string(count) + " shards) cannot be merged");
    }
    ShardInput*& slot = by_shard[static_cast<std::size_t>(input.shard.index - 1)];
    if (slot != nullptr) {
      throw UserError(SourceLocation{tournament_summary_path(input.dir), 0, 0}, "shard",
                      "shard " + std::to_string(input.shard.index) + "/" + std::to_string(count) +
                          " is also in " + slot->dir);
    }
    slot = &input;
  }
  for (std::uint64_t i = 0; i < count; ++i) {
    if (by_shard[static_cast<std::size_t>(i)] == nullptr) {
      throw UserError("merge: shard " + std::to_string(i + 1) + "/" + std::to_string(count) +
                      " is missing");
    }
  }

  std::error_code error;
  std::filesystem::create_directories(options.out, error);
  if (error) {
    throw UserError(SourceLocation{options.out, 0, 0}, "--out",
                    "cannot create the folder: " + error.message());
  }
  const std::string journal = tournament_journal_path(options.out);
  std::ofstream merged(journal, std::ios::binary | std::ios::trunc);
  if (!merged) throw UserError(SourceLocation{journal, 0, 0}, "", "cannot open for writing");
  merged << tournament_csv_header(*plan);
  TournamentAggregate aggregate(*plan);
  const std::uint64_t total = plan->negotiation_count();
  std::string line;
  for (std::uint64_t k = 0; k < total; ++k) {
    ShardInput& input = *by_shard[static_cast<std::size_t>(k % count)];
    ++input.line;
    if (!std::getline(input.stream, line) || input.stream.eof()) {
      throw UserError(
          SourceLocation{input.csv, input.line, 0}, "",
          "expected the row of negotiation " + std::to_string(k) + " (the file ends too early)");
    }
    const TournamentRow row = parse_tournament_csv_line(*plan, line, input.csv, input.line);
    if (row.slot.index != k) {
      throw UserError(SourceLocation{input.csv, input.line, 0}, "",
                      "expected the row of negotiation " + std::to_string(k) + ", got " +
                          std::to_string(row.slot.index));
    }
    merged << tournament_csv_line(*plan, row);
    aggregate.add(row);
  }
  for (ShardInput& input : inputs) {
    if (input.stream.peek() != std::char_traits<char>::eof()) {
      throw UserError(SourceLocation{input.csv, input.line + 1, 0}, "",
                      "rows after the last negotiation of the shard");
    }
  }
  merged.close();
  if (!merged) throw UserError(SourceLocation{journal, 0, 0}, "", "cannot write (disk full?)");
  const TournamentResults results = aggregate.results();
  finish_tournament_files(options.out, *plan, Shard{}, results, true);
  out << "Merged " << inputs.size() << (inputs.size() == 1 ? " folder" : " folders") << " into "
      << tournament_csv_path(options.out) << " and " << tournament_summary_path(options.out) << " ("
      << total << " negotiations of tournament \"" << plan->name << "\")\n\n"
      << frontend::tournament_tables(*plan, results);
  return 0;
}

}  // namespace treatysim::cli
