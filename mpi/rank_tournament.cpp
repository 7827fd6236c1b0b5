#include "mpi/rank_tournament.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "engine/io/bytes.hpp"
#include "engine/model/check.hpp"
#include "engine/model/user_error.hpp"
#include "mpi/schedule.hpp"
#include "mpi/transport.hpp"

namespace treatysim::mpi {

namespace {

using Clock = std::chrono::steady_clock;

// How long rank 0 waits, after a stop, for the chunks still out (a rank that died never answers;
// mpirun ends the job 1 s after its SIGTERM).
constexpr auto kStopGrace = std::chrono::milliseconds(500);
// How long rank 0 tries, at the end, to deliver the last message to every rank.
constexpr auto kFinishGrace = std::chrono::seconds(2);

// What rank 0 tells a rank.
enum class Order : std::uint8_t { kPlay = 1, kFinish = 2 };

// A played chunk with the range it was asked for (rows.size() < count: stopped or failed early).
struct Played {
  int rank = 0;
  Range range;
  TournamentChunk chunk;
};

std::string request_bytes(const std::optional<Played>& played) {
  ByteWriter out;
  out.put<bool>(played.has_value());
  if (played) {
    out.put<std::uint64_t>(played->range.first);
    out.put<std::uint64_t>(played->range.count);
    out.put_string(encode_tournament_chunk(played->chunk));
  }
  return out.take();
}

std::optional<Played> decode_request(const Message& message) {
  ByteReader in(message.bytes);
  if (!in.get<bool>()) return std::nullopt;
  Played played;
  played.rank = message.source;
  played.range.first = in.get<std::uint64_t>();
  played.range.count = in.get<std::uint64_t>();
  played.chunk = decode_tournament_chunk(in.get_string());
  TREATYSIM_CHECK(in.at_end(), "rank tournament: bytes left after a chunk");
  TREATYSIM_CHECK(played.chunk.rows.size() <= played.range.count,
                  "rank tournament: more rows than asked for");
  return played;
}

std::string play_order(Range range) {
  ByteWriter out;
  out.put<std::uint8_t>(static_cast<std::uint8_t>(Order::kPlay));
  out.put<std::uint64_t>(range.first);
  out.put<std::uint64_t>(range.count);
  return out.take();
}

// The end of the run as rank 0 tells every rank: positions written, and the failure if any.
std::string finish_order(std::uint64_t done, std::uint64_t total,
                         const std::exception_ptr& failure) {
  ByteWriter out;
  out.put<std::uint8_t>(static_cast<std::uint8_t>(Order::kFinish));
  out.put<std::uint64_t>(done);
  out.put<std::uint64_t>(total);
  put_exception(out, failure);
  return out.take();
}

// A rank other than 0: plays the chunks it is given until rank 0 says the run is over.
RankTournamentResult serve(Transport& transport, const TournamentDef& def,
                           const AgentFactory& factory, const TournamentRunOptions& options) {
  RankTournamentResult result;
  TournamentChunkPlayer player(def, factory, options.jobs, options.traces);
  transport.send(0, Tag::kToRoot, request_bytes(std::nullopt));
  while (true) {
    const Message message = transport.receive(Tag::kFromRoot, 0);
    ByteReader in(message.bytes);
    const auto order = static_cast<Order>(in.get<std::uint8_t>());
    if (order == Order::kPlay) {
      Played played;
      played.range.first = in.get<std::uint64_t>();
      played.range.count = in.get<std::uint64_t>();
      played.chunk =
          player.play(options.shard, played.range.first, played.range.count, {}, options.stop);
      transport.send(0, Tag::kToRoot, request_bytes(played));
      continue;
    }
    TREATYSIM_CHECK(order == Order::kFinish, "rank tournament: an unknown order");
    result.run.done = in.get<std::uint64_t>();
    result.run.total = in.get<std::uint64_t>();
    result.run.complete = result.run.done == result.run.total;
    const std::exception_ptr failure = get_exception(in);
    transport.complete_sends();
    if (failure) std::rethrow_exception(failure);
    return result;
  }
}

// Rank 0's own playing thread: takes chunks from the schedule and leaves them for the writer.
// It stops at `stop` (set by rank 0's main thread on a signal, a failure or a lost rank).
class LocalPlayer {
 public:
  LocalPlayer(ChunkSchedule& schedule, TournamentChunkPlayer& player,
              const TournamentRunOptions& options, const std::atomic<bool>& stop)
      : thread_([this, &schedule, &player, &options, &stop] {
          while (!schedule.exhausted()) {
            const std::optional<Range> range = schedule.take();
            if (!range) {  // held back by the window: wait for the writer to catch up
              std::this_thread::sleep_for(std::chrono::milliseconds(1));
              continue;
            }
            Played played;
            played.range = *range;
            played.chunk =
                player.play(options.shard, range->first, range->count, options.progress, &stop);
            const bool short_chunk = played.chunk.rows.size() < range->count;
            {
              const std::lock_guard<std::mutex> lock(mutex_);
              done_.push_back(std::move(played));
            }
            if (short_chunk) schedule.close();
          }
          const std::lock_guard<std::mutex> lock(mutex_);
          finished_ = true;
        }) {}
  ~LocalPlayer() { join(); }
  LocalPlayer(const LocalPlayer&) = delete;
  LocalPlayer& operator=(const LocalPlayer&) = delete;

  // The chunks played since the last call, and whether the thread has ended.
  std::pair<std::vector<Played>, bool> collect() {
    const std::lock_guard<std::mutex> lock(mutex_);
    std::vector<Played> done = std::move(done_);
    done_.clear();
    return {std::move(done), finished_};
  }
  // True once the thread has ended (its last chunks may still wait to be collected).
  bool finished() {
    const std::lock_guard<std::mutex> lock(mutex_);
    return finished_;
  }
  void join() {
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::mutex mutex_;
  std::vector<Played> done_;
  bool finished_ = false;
  std::thread thread_;  // last: started once the members above exist
};

RankTournamentResult coordinate(const Job& job, Transport& transport, const TournamentDef& def,
                                const AgentFactory& factory, const TournamentRunOptions& options,
                                TournamentFiles& files) {
  RankTournamentResult result;
  result.rows_per_rank.assign(static_cast<std::size_t>(job.size()), 0);
  const auto ranks = static_cast<std::uint64_t>(job.size());
  const std::uint64_t largest =
      options.chunk > 0 ? options.chunk : rank_tournament_chunk_size(files.total(), job.size());
  ChunkSchedule schedule(files.done(), files.total(), std::max<std::uint64_t>(1, largest / 8),
                         largest, 2 * ranks);
  // How far past the rows written the ranks may play (rank 0 keeps what arrives early).
  const std::uint64_t window = rank_tournament_window(largest, job.size());
  schedule.set_limit(files.done() + window);
  TournamentChunkPlayer player(def, factory, options.jobs, options.traces);
  std::map<std::uint64_t, Played> waiting;  // played chunks not written yet, by first position
  // Chunks out at other ranks, by first position, with the ranks playing them (two when a copy
  // was handed to a rank with nothing else to do: the first to answer is used).
  std::map<std::uint64_t, std::pair<Range, std::vector<int>>> out;
  std::vector<int> parked;     // ranks that asked when nothing could be handed out
  bool broken = false;         // a short chunk was written: nothing after it can be
  std::exception_ptr failure;  // of a negotiation, or of MPI (a lost rank)
  bool lost = false;           // MPI failed: the ranks are not asked for anything more
  std::optional<Clock::time_point> stopped_at;
  std::atomic<bool> stop_here{false};  // rank 0's own chunk stops
  const auto stopping = [&] { return failure != nullptr || stopped_at.has_value(); };
  // Gives `rank` a new chunk, or a copy of the oldest chunk out at one other rank (a straggler:
  // a slow or stopped node then holds nobody back); false when there is neither.
  const auto assign = [&](int rank) {
    if (const std::optional<Range> range = schedule.take()) {
      transport.send(rank, Tag::kFromRoot, play_order(*range));
      out[range->first] = {*range, {rank}};
      return true;
    }
    if (stopping()) return false;
    for (auto& [first, entry] : out) {
      if (entry.second.size() == 1 && entry.second.front() != rank) {
        transport.send(rank, Tag::kFromRoot, play_order(entry.first));
        entry.second.push_back(rank);
        return true;
      }
    }
    return false;
  };
  const auto receive = [&](Played&& played) {
    const std::uint64_t first = played.range.first;
    out.erase(first);
    // A copy that lost the race (or a chunk of a rank thought lost) is not needed twice.
    if (first < files.done() || waiting.count(first) != 0) return;
    if (played.chunk.rows.size() < played.range.count) schedule.close();
    if (played.chunk.failure && !failure) failure = played.chunk.failure;
    result.rows_per_rank[static_cast<std::size_t>(played.rank)] += played.chunk.rows.size();
    if (played.rank != 0 && options.progress && !played.chunk.rows.empty()) {
      options.progress(played.chunk.rows.size());
    }
    waiting.emplace(first, std::move(played));
  };
  const auto write_ready = [&] {
    while (!broken && !waiting.empty() && waiting.begin()->first == files.done()) {
      Played& played = waiting.begin()->second;
      files.append(played.chunk.rows, played.chunk.csv_lines, played.chunk.traces);
      broken = played.chunk.rows.size() < played.range.count;
      waiting.erase(waiting.begin());
    }
    schedule.set_limit(files.done() + window);
  };
  Backoff backoff;
  {
    LocalPlayer local(schedule, player, options, stop_here);
    while (true) {
      bool busy = false;
      try {
        while (std::optional<Message> message = transport.try_receive(Tag::kToRoot)) {
          busy = true;
          std::optional<Played> played = decode_request(*message);
          // Answer first: the rank plays its next chunk while this one is written.
          if (!assign(message->source)) parked.push_back(message->source);
          if (played) receive(std::move(*played));
        }
        auto [done, finished] = local.collect();
        for (Played& played : done) {
          busy = true;
          receive(std::move(played));
        }
        write_ready();
        // The window moved, or a chunk went out alone: the parked ranks may have work now.
        for (auto it = parked.begin(); it != parked.end();) {
          it = assign(*it) ? parked.erase(it) : std::next(it);
        }
        // Done when rank 0's thread has ended and no chunk still needed is out: every position
        // is written, or (after a failure) nothing more will be. Ranks still playing a copy whose
        // twin came back first are told at the end.
        if (finished && ((schedule.exhausted() && out.empty()) || failure != nullptr)) break;
      } catch (const UserError&) {
        // MPI failed (a rank died and the launcher did not end the job first): keep what is
        // written, and report the error once the files are closed.
        failure = std::current_exception();
        lost = true;
        schedule.close();
        stop_here.store(true);
        local.join();
        for (Played& played : local.collect().first) receive(std::move(played));
        write_ready();
        break;
      }
      if (options.stop != nullptr && options.stop->load()) {
        schedule.close();
        stop_here.store(true);
        if (!stopped_at) stopped_at = Clock::now();
        // Ranks still out after the grace are lost (or stopped): their chunks are not waited for.
        if (local.finished() && (out.empty() || Clock::now() - *stopped_at > kStopGrace)) {
          local.join();
          for (Played& played : local.collect().first) receive(std::move(played));
          write_ready();
          break;
        }
      }
      if (busy) {
        backoff.reset();
      } else {
        backoff.wait();
      }
    }
  }
  int idle = static_cast<int>(parked.size());
  // The files first: after a stop the launcher may end the job at any moment now.
  result.run.done = files.done();
  result.run.total = files.total();
  result.run.complete = result.run.done == result.run.total;
  result.run.results = files.finish();
  // Then every rank hears how the run ended. A rank still out after a stop answers its chunk
  // first (its rows come too late to be written); one that never answers (lost) is not waited
  // for long.
  if (!lost) {
    try {
      const auto finish =
          std::make_shared<const std::string>(finish_order(files.done(), files.total(), failure));
      for (int r = 1; r < job.size(); ++r) transport.send(r, Tag::kFromRoot, finish);
      const Clock::time_point deadline = Clock::now() + (stopped_at ? kStopGrace : kFinishGrace);
      while (idle < job.size() - 1 && Clock::now() < deadline) {
        while (transport.try_receive(Tag::kToRoot)) ++idle;
        backoff.wait();
      }
      if (idle == job.size() - 1) transport.complete_sends();
    } catch (const UserError&) {
      if (!failure) failure = std::current_exception();
    }
  }
  transport.abandon_sends();
  if (failure) std::rethrow_exception(failure);
  return result;
}

}  // namespace

std::uint64_t rank_tournament_window(std::uint64_t largest_chunk, int ranks) noexcept {
  constexpr std::uint64_t kMemoryCap = std::uint64_t{1} << 22;  // about 1 GB of chunks at most
  const auto r = static_cast<std::uint64_t>(std::max(ranks, 1));
  const std::uint64_t wanted = std::max(16 * largest_chunk, 4 * r * largest_chunk);
  return std::min(wanted, std::max(2 * r * largest_chunk, kMemoryCap));
}

std::uint64_t rank_tournament_chunk_size(std::uint64_t total, int ranks) noexcept {
  constexpr std::uint64_t kSmallest = 64;
  const std::uint64_t share = total / (8 * static_cast<std::uint64_t>(std::max(ranks, 1)));
  return std::min(tournament_chunk_size(total), std::max(kSmallest, share));
}

RankTournamentResult run_tournament_on_ranks(const Job& job, const TournamentDef& def,
                                             const AgentFactory& factory,
                                             const TournamentRunOptions& options) {
  const TournamentPlan& plan = def.plan;
  if (options.traces && plan.mode == TournamentMode::kLifecycle) {
    throw UserError("--traces: traces are recorded for negotiation tournaments only");
  }
  std::optional<TournamentFiles> files;
  job.collectively([&] {
    if (job.root()) files.emplace(options.out, plan, options.shard, options.resume, options.traces);
  });
  const std::uint64_t total = options.shard.size(plan.negotiation_count());
  if (options.started) options.started(files ? files->done() : 0, total);
  Transport transport;
  if (!job.root()) return serve(transport, def, factory, options);
  return coordinate(job, transport, def, factory, options, *files);
}

}  // namespace treatysim::mpi
