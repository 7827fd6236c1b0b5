#include "engine/studies/tournament_run.hpp"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <mutex>

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include "engine/io/atomic_file.hpp"
#include "engine/io/bytes.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim {

// [SECTION] The output folder ----------------------------------------------------------------------

std::string tournament_csv_path(const std::string& dir) {
  return (std::filesystem::path(dir) / "negotiations.csv").string();
}
std::string tournament_journal_path(const std::string& dir) {
  return (std::filesystem::path(dir) / "negotiations.csv.partial").string();
}
std::string tournament_summary_path(const std::string& dir) {
  return (std::filesystem::path(dir) / "summary.json").string();
}
std::string tournament_traces_dir(const std::string& dir) {
  return (std::filesystem::path(dir) / "traces").string();
}

std::string default_tournament_dir(const std::string& name) {
  std::string dir = "tournament-";
  for (const char c : name) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.';
    dir += plain ? c : '_';
  }
  return dir;
}

void finish_tournament_files(const std::string& dir, const TournamentPlan& plan, const Shard& shard,
                             const TournamentResults& results, bool complete) {
  write_file_atomically(tournament_summary_path(dir),
                        tournament_summary_text(plan, shard, results, complete));
  std::error_code error;
  std::filesystem::rename(tournament_journal_path(dir), tournament_csv_path(dir), error);
  if (error) {
    throw UserError(SourceLocation{tournament_csv_path(dir), 0, 0}, "",
                    "cannot rename the journal into place: " + error.message());
  }
}

namespace {

std::string shard_text(const Shard& shard) {
  return shard.whole() ? std::string()
                       : std::to_string(shard.index) + "/" + std::to_string(shard.count);
}

// The summary.json of an earlier run in `dir`, or nullopt when there is none; a file that is not
// a tournament's summary.json (edited, or another program's) is a UserError naming the key.
std::optional<TournamentSummaryHead> read_summary(const std::string& path) {
  if (!std::filesystem::exists(path)) return std::nullopt;
  try {
    return parse_tournament_summary(read_text_file(path), path);
  } catch (const UserError& e) {
    throw UserError(e.location(), e.key(), e.message() + "; use another --out, or remove the file");
  }
}

void append_to(std::FILE* file, const std::string& text, const std::string& path) {
  if (std::fwrite(text.data(), 1, text.size(), file) != text.size() || std::fflush(file) != 0) {
    throw UserError(SourceLocation{path, 0, 0}, "", "cannot write (disk full?)");
  }
}

}  // namespace

TournamentFiles::TournamentFiles(std::string dir, const TournamentPlan& plan, const Shard& shard,
                                 bool resume, bool traces)
    : dir_(std::move(dir)), plan_(plan), shard_(shard), traces_(traces), aggregate_(plan) {
  std::error_code error;
  std::filesystem::create_directories(dir_, error);
  if (error) {
    throw UserError(SourceLocation{dir_, 0, 0}, "--out",
                    "cannot create the folder: " + error.message());
  }
  const std::string journal = tournament_journal_path(dir_);
  const std::string csv = tournament_csv_path(dir_);
  const std::string summary = tournament_summary_path(dir_);
  total_ = shard_.size(plan_.negotiation_count());

  const std::optional<TournamentSummaryHead> earlier = read_summary(summary);
  const bool has_journal = std::filesystem::exists(journal);
  bool fresh = true;
  if (resume) {
    if (earlier) {
      if (earlier->fingerprint != plan_.fingerprint()) {
        throw UserError(SourceLocation{summary, 0, 0}, "plan.fingerprint",
                        "these results are from another tournament (the tournament file or one of "
                        "its scenarios changed since): use another --out");
      }
      const std::string earlier_shard = shard_text(earlier->shard);
      if (earlier->shard != shard_) {
        throw UserError(SourceLocation{summary, 0, 0}, "shard",
                        "these results are from " +
                            (earlier_shard.empty() ? std::string("a run without --shard")
                                                   : "--shard " + earlier_shard) +
                            "; resume with the same --shard");
      }
    }
    const std::string source = has_journal                    ? journal
                               : std::filesystem::exists(csv) ? csv
                                                              : std::string();
    if (!source.empty()) {
      const std::string text = read_text_file(source);
      const CsvRows rows = parse_tournament_csv(plan_, text, source, true);
      for (std::size_t i = 0; i < rows.rows.size(); ++i) {
        if (rows.rows[i].slot.index != shard_.at(i)) {
          throw UserError(SourceLocation{source, static_cast<int>(i) + 2, 0}, "",
                          "negotiation " + std::to_string(rows.rows[i].slot.index) +
                              " is out of order for this run (expected " +
                              std::to_string(shard_.at(i)) + ")");
        }
        aggregate_.add(rows.rows[i]);
      }
      done_ = rows.rows.size();
      resumed_ = done_;
      if (source == csv) std::filesystem::rename(csv, journal, error);
      if (!error) std::filesystem::resize_file(journal, rows.valid_bytes, error);
      if (error) {
        throw UserError(SourceLocation{journal, 0, 0}, "",
                        "cannot reopen the journal: " + error.message());
      }
      fresh = rows.valid_bytes == 0;
    }
  } else if (has_journal || (earlier && !earlier->complete)) {
    throw UserError(SourceLocation{dir_, 0, 0}, "--out",
                    "holds an interrupted run: finish it with --resume, or choose another --out");
  }
  journal_ = std::fopen(journal.c_str(), fresh ? "wb" : "ab");
  if (journal_ == nullptr) {
    throw UserError(SourceLocation{journal, 0, 0}, "", "cannot open for writing");
  }
  try {
    if (fresh) {
      append_to(journal_, tournament_csv_header(plan_), journal);
      // An incomplete summary from the start: a run killed before its end still names its plan
      // (the fingerprint --resume checks) and is recognised as interrupted.
      write_file_atomically(summary,
                            tournament_summary_text(plan_, shard_, aggregate_.results(), false));
    }
    if (traces_) {
      const std::string traces_dir = tournament_traces_dir(dir_);
      std::filesystem::create_directories(traces_dir, error);
      if (error) {
        throw UserError(SourceLocation{traces_dir, 0, 0}, "--traces",
                        "cannot create the folder: " + error.message());
      }
    }
  } catch (...) {
    std::fclose(journal_);
    journal_ = nullptr;
    throw;
  }
}

TournamentFiles::~TournamentFiles() {
  if (journal_ != nullptr) std::fclose(journal_);
}

void TournamentFiles::append(const std::vector<TournamentRow>& rows, const std::string& csv_lines,
                             const std::vector<std::string>& traces) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    aggregate_.add(rows[i]);
    if (traces_) {
      write_file_atomically((std::filesystem::path(tournament_traces_dir(dir_)) /
                             (std::to_string(rows[i].slot.index) + ".json"))
                                .string(),
                            traces[i]);
    }
  }
  append_to(journal_, csv_lines, tournament_journal_path(dir_));
  done_ += rows.size();
}

TournamentResults TournamentFiles::finish() {
  if (journal_ != nullptr) {
    std::fclose(journal_);
    journal_ = nullptr;
  }
  TournamentResults results = aggregate_.results();
  finish_tournament_files(dir_, plan_, shard_, results, done_ == total_);
  return results;
}

// [SECTION] Playing chunks -------------------------------------------------------------------------

std::string encode_tournament_chunk(const TournamentChunk& chunk) {
  ByteWriter out;
  out.put<std::uint64_t>(chunk.rows.size());
  for (const TournamentRow& row : chunk.rows) {
    out.put<std::uint64_t>(row.slot.index);
    out.put<std::uint64_t>(row.slot.scenario);
    out.put<std::uint64_t>(row.slot.competitors[0]);
    out.put<std::uint64_t>(row.slot.competitors[1]);
    out.put<std::int32_t>(row.slot.repetition);
    out.put<std::uint64_t>(row.slot.seed);
    out.put_string(row.end);
    out.put<bool>(row.agreement);
    out.put<std::int32_t>(row.offers);
    out.put<double>(row.utilities[0]);
    out.put<double>(row.utilities[1]);
    out.put<double>(row.social_welfare);
    out.put_optional(row.distance_to_pareto);
    out.put_optional(row.distance_to_nash);
  }
  out.put_string(chunk.csv_lines);
  out.put<std::uint64_t>(chunk.traces.size());
  for (const std::string& trace : chunk.traces) out.put_string(trace);
  put_exception(out, chunk.failure);
  return out.take();
}

TournamentChunk decode_tournament_chunk(std::string_view bytes) {
  ByteReader in(bytes);
  TournamentChunk chunk;
  const auto rows = in.get<std::uint64_t>();
  TREATYSIM_CHECK(rows <= bytes.size(), "decode_tournament_chunk: more rows than bytes");
  chunk.rows.resize(static_cast<std::size_t>(rows));
  for (TournamentRow& row : chunk.rows) {
    row.slot.index = in.get<std::uint64_t>();
    row.slot.scenario = static_cast<std::size_t>(in.get<std::uint64_t>());
    row.slot.competitors[0] = static_cast<std::size_t>(in.get<std::uint64_t>());
    row.slot.competitors[1] = static_cast<std::size_t>(in.get<std::uint64_t>());
    row.slot.repetition = in.get<std::int32_t>();
    row.slot.seed = in.get<std::uint64_t>();
    row.end = std::string(in.get_string());
    row.agreement = in.get<bool>();
    row.offers = in.get<std::int32_t>();
    row.utilities[0] = in.get<double>();
    row.utilities[1] = in.get<double>();
    row.social_welfare = in.get<double>();
    row.distance_to_pareto = in.get_optional();
    row.distance_to_nash = in.get_optional();
  }
  chunk.csv_lines = std::string(in.get_string());
  const auto traces = in.get<std::uint64_t>();
  TREATYSIM_CHECK(traces <= bytes.size(), "decode_tournament_chunk: more traces than bytes");
  chunk.traces.reserve(static_cast<std::size_t>(traces));
  for (std::uint64_t i = 0; i < traces; ++i) chunk.traces.emplace_back(in.get_string());
  chunk.failure = get_exception(in);
  TREATYSIM_CHECK(in.at_end(), "decode_tournament_chunk: bytes left after the chunk");
  return chunk;
}

std::uint64_t tournament_chunk_size(std::uint64_t total) noexcept {
  constexpr std::uint64_t kMinChunk = 256;
  constexpr std::uint64_t kMaxChunk = 4096;
  return std::clamp(total / 32, kMinChunk, kMaxChunk);
}

struct TournamentChunkPlayer::Impl {
  Impl(const TournamentDef& d, const AgentFactory& f, int jobs, bool t)
      : def(d),
        factory(f),
        arena(jobs > 0 ? jobs : static_cast<int>(oneapi::tbb::task_arena::automatic)),
        traces(t) {}
  const TournamentDef& def;
  const AgentFactory& factory;
  oneapi::tbb::task_arena arena;
  bool traces;
  // One player per thread, kept across chunks.
  oneapi::tbb::enumerable_thread_specific<std::unique_ptr<TournamentPlayer>> players;
};

TournamentChunkPlayer::TournamentChunkPlayer(const TournamentDef& def, const AgentFactory& factory,
                                             int jobs, bool traces)
    : impl_(std::make_unique<Impl>(def, factory, jobs, traces)) {}

TournamentChunkPlayer::~TournamentChunkPlayer() = default;

TournamentChunk TournamentChunkPlayer::play(const Shard& shard, std::uint64_t first,
                                            std::uint64_t count,
                                            const std::function<void(std::uint64_t)>& progress,
                                            const std::atomic<bool>* stop) {
  Impl& impl = *impl_;
  const auto n = static_cast<std::size_t>(count);
  std::vector<std::optional<TournamentRow>> rows(n);
  std::vector<std::string> traces(impl.traces ? n : 0);
  // CSV lines are formatted by the workers too: only aggregation and the write stay serial.
  std::vector<std::string> csv_lines(n);
  std::exception_ptr failure;
  std::mutex failure_mutex;
  std::atomic<bool> failed{false};
  const auto stopped = [&] {
    return failed.load(std::memory_order_relaxed) ||
           (stop != nullptr && stop->load(std::memory_order_relaxed));
  };
  impl.arena.execute([&] {
    oneapi::tbb::parallel_for(oneapi::tbb::blocked_range<std::size_t>(0, n, 32),
                              [&](const oneapi::tbb::blocked_range<std::size_t>& range) {
                                std::unique_ptr<TournamentPlayer>& mine = impl.players.local();
                                if (!mine)
                                  mine = std::make_unique<TournamentPlayer>(impl.def, impl.factory);
                                TournamentPlayer& player = *mine;
                                std::uint64_t played = 0;
                                for (std::size_t i = range.begin(); i != range.end(); ++i) {
                                  if (stopped()) break;
                                  try {
                                    const std::uint64_t k = shard.at(first + i);
                                    TournamentRow row = player.play(k);
                                    if (impl.traces) traces[i] = player.trace_text(k);
                                    csv_lines[i] = tournament_csv_line(impl.def.plan, row);
                                    rows[i] = std::move(row);
                                  } catch (...) {
                                    const std::lock_guard<std::mutex> lock(failure_mutex);
                                    if (!failure) failure = std::current_exception();
                                    failed.store(true);
                                    break;
                                  }
                                  ++played;
                                }
                                // Once per block, not per negotiation: the shared counter stays off the hot path.
                                if (progress && played > 0) progress(played);
                              });
  });
  TournamentChunk chunk;
  std::size_t written = 0;
  while (written < n && rows[written]) ++written;
  chunk.rows.reserve(written);
  for (std::size_t i = 0; i < written; ++i) {
    chunk.rows.push_back(std::move(*rows[i]));
    chunk.csv_lines += csv_lines[i];
    if (impl.traces) chunk.traces.push_back(std::move(traces[i]));
  }
  chunk.failure = failure;  // the finished prefix is still worth keeping
  return chunk;
}

// [SECTION] A whole run ----------------------------------------------------------------------------

TournamentRunResult run_tournament(const TournamentDef& def, const AgentFactory& factory,
                                   const TournamentRunOptions& options) {
  const TournamentPlan& plan = def.plan;
  if (options.traces && plan.mode == TournamentMode::kLifecycle) {
    throw UserError("--traces: traces are recorded for negotiation tournaments only");
  }
  TournamentFiles files(options.out, plan, options.shard, options.resume, options.traces);
  if (options.started) options.started(files.done(), files.total());
  TournamentChunkPlayer player(def, factory, options.jobs, options.traces);
  const std::uint64_t chunk_size =
      options.chunk > 0 ? options.chunk : tournament_chunk_size(files.total());
  std::exception_ptr failure;
  const auto stop_requested = [&] { return options.stop != nullptr && options.stop->load(); };
  while (files.done() < files.total() && !stop_requested()) {
    const std::uint64_t n = std::min(chunk_size, files.total() - files.done());
    const TournamentChunk chunk =
        player.play(options.shard, files.done(), n, options.progress, options.stop);
    files.append(chunk.rows, chunk.csv_lines, chunk.traces);
    if (chunk.failure) {
      failure = chunk.failure;
      break;
    }
  }
  TournamentRunResult result;
  result.done = files.done();
  result.total = files.total();
  result.complete = result.done == result.total;
  result.results = files.finish();
  if (failure) std::rethrow_exception(failure);
  return result;
}

}  // namespace treatysim
