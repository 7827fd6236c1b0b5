#include "mpi/rank_map.hpp"

#include <condition_variable>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "engine/io/bytes.hpp"
#include "engine/model/check.hpp"
#include "mpi/schedule.hpp"
#include "mpi/transport.hpp"

namespace treatysim::mpi {

namespace {

constexpr std::uint64_t kNoFailure = std::numeric_limits<std::uint64_t>::max();

// What rank 0 tells a rank.
enum class Order : std::uint8_t { kCompute = 1, kResults = 2, kFailure = 3 };

// A chunk's results: items first … first + results.size() − 1, and the first failure in it.
struct ChunkResults {
  std::uint64_t first = 0;
  std::vector<std::string> results;   // up to the failure (excluded)
  std::uint64_t failed = kNoFailure;  // the index of the first item that threw
  std::exception_ptr failure;
};

ChunkResults compute_chunk(const ParallelFor& threads, const ItemCompute& compute, Range range) {
  const auto n = static_cast<std::size_t>(range.count);
  std::vector<std::string> results(n);
  std::vector<std::exception_ptr> failures(n);
  const auto body = [&](std::size_t k) {
    try {
      results[k] = compute(static_cast<std::size_t>(range.first) + k);
    } catch (...) {
      failures[k] = std::current_exception();
    }
  };
  if (threads) {
    threads(n, body);
  } else {
    for (std::size_t k = 0; k < n; ++k) body(k);
  }
  ChunkResults chunk;
  chunk.first = range.first;
  for (std::size_t k = 0; k < n; ++k) {
    if (failures[k]) {
      chunk.failed = range.first + k;
      chunk.failure = failures[k];
      break;
    }
    chunk.results.push_back(std::move(results[k]));
  }
  return chunk;
}

std::string encode(std::uint64_t call, const ChunkResults& chunk) {
  ByteWriter out;
  out.put<std::uint64_t>(call);
  out.put<std::uint64_t>(chunk.first);
  out.put<std::uint64_t>(chunk.results.size());
  for (const std::string& r : chunk.results) out.put_string(r);
  out.put<std::uint64_t>(chunk.failed);
  put_exception(out, chunk.failure);
  return out.take();
}

ChunkResults decode(std::uint64_t call, std::string_view bytes) {
  ByteReader in(bytes);
  TREATYSIM_CHECK(in.get<std::uint64_t>() == call, "rank map: a result of another call");
  ChunkResults chunk;
  chunk.first = in.get<std::uint64_t>();
  const auto n = in.get<std::uint64_t>();
  TREATYSIM_CHECK(n <= bytes.size(), "rank map: more results than bytes");
  chunk.results.reserve(static_cast<std::size_t>(n));
  for (std::uint64_t k = 0; k < n; ++k) chunk.results.emplace_back(in.get_string());
  chunk.failed = in.get<std::uint64_t>();
  chunk.failure = get_exception(in);
  TREATYSIM_CHECK(in.at_end(), "rank map: bytes left after a chunk's results");
  return chunk;
}

std::string order_compute(std::uint64_t call, Range range) {
  ByteWriter out;
  out.put<std::uint8_t>(static_cast<std::uint8_t>(Order::kCompute));
  out.put<std::uint64_t>(call);
  out.put<std::uint64_t>(range.first);
  out.put<std::uint64_t>(range.count);
  return out.take();
}

// A rank other than 0: asks for chunks, computes them, and finally receives every result.
void serve(Transport& transport, std::uint64_t call, const ParallelFor& threads,
           const ItemCompute& compute, const ItemAccept& accept) {
  transport.send(0, Tag::kToRoot, encode(call, ChunkResults{}));  // the first request
  while (true) {
    const Message message = transport.receive(Tag::kFromRoot, 0);
    ByteReader in(message.bytes);
    const auto order = static_cast<Order>(in.get<std::uint8_t>());
    TREATYSIM_CHECK(in.get<std::uint64_t>() == call, "rank map: an order of another call");
    if (order == Order::kCompute) {
      Range range;
      range.first = in.get<std::uint64_t>();
      range.count = in.get<std::uint64_t>();
      transport.send(0, Tag::kToRoot, encode(call, compute_chunk(threads, compute, range)));
      continue;
    }
    if (order == Order::kFailure) {
      const std::exception_ptr failure = get_exception(in);
      transport.complete_sends();
      std::rethrow_exception(failure);
    }
    TREATYSIM_CHECK(order == Order::kResults, "rank map: an unknown order");
    const auto n = in.get<std::uint64_t>();
    for (std::uint64_t i = 0; i < n; ++i) accept(static_cast<std::size_t>(i), in.get_string());
    TREATYSIM_CHECK(in.at_end(), "rank map: bytes left after the results");
    transport.complete_sends();
    return;
  }
}

// Rank 0's own computing thread: takes chunks from the schedule and leaves their results.
class LocalWorker {
 public:
  LocalWorker(ChunkSchedule& schedule, const ParallelFor& threads, const ItemCompute& compute)
      : thread_([this, &schedule, &threads, &compute] {
          while (const std::optional<Range> range = schedule.take()) {
            ChunkResults chunk = compute_chunk(threads, compute, *range);
            const bool failed = chunk.failure != nullptr;
            {
              const std::lock_guard<std::mutex> lock(mutex_);
              done_.push_back(std::move(chunk));
            }
            if (failed) schedule.close();
          }
          const std::lock_guard<std::mutex> lock(mutex_);
          finished_ = true;
        }) {}
  ~LocalWorker() {
    if (thread_.joinable()) thread_.join();
  }
  LocalWorker(const LocalWorker&) = delete;
  LocalWorker& operator=(const LocalWorker&) = delete;

  // The chunks finished since the last call, and whether the thread has ended.
  std::pair<std::vector<ChunkResults>, bool> collect() {
    const std::lock_guard<std::mutex> lock(mutex_);
    std::vector<ChunkResults> done = std::move(done_);
    done_.clear();
    return {std::move(done), finished_};
  }

 private:
  std::mutex mutex_;
  std::vector<ChunkResults> done_;
  bool finished_ = false;
  std::thread thread_;  // last: started once the members above exist
};

void coordinate(const Job& job, Transport& transport, std::uint64_t call, std::size_t count,
                const ParallelFor& threads, std::size_t max_chunk, const ItemCompute& compute,
                const ItemAccept& accept) {
  const auto ranks = static_cast<std::uint64_t>(job.size());
  ChunkSchedule schedule(0, count, 1, std::max<std::uint64_t>(1, max_chunk), 4 * ranks);
  std::vector<std::optional<std::string>> results(count);
  std::size_t accepted = 0;
  std::uint64_t failed = kNoFailure;
  std::exception_ptr failure;
  const auto take = [&](ChunkResults& chunk) {
    for (std::size_t k = 0; k < chunk.results.size(); ++k) {
      results[static_cast<std::size_t>(chunk.first) + k] = std::move(chunk.results[k]);
    }
    if (chunk.failure && chunk.failed < failed) {
      failed = chunk.failed;
      failure = chunk.failure;
    }
    if (chunk.failure) schedule.close();
  };
  int idle = 0;  // ranks that asked when nothing was left: they wait for the results
  bool local_finished = false;
  Backoff backoff;
  {
    LocalWorker local(schedule, threads, compute);
    while (idle < job.size() - 1 || !local_finished) {
      bool busy = false;
      while (std::optional<Message> message = transport.try_receive(Tag::kToRoot)) {
        busy = true;
        ChunkResults chunk = decode(call, message->bytes);
        if (const std::optional<Range> range = schedule.take()) {
          transport.send(message->source, Tag::kFromRoot, order_compute(call, *range));
        } else {
          ++idle;
        }
        take(chunk);
      }
      auto [done, finished] = local.collect();
      local_finished = finished;
      for (ChunkResults& chunk : done) {
        busy = true;
        take(chunk);
      }
      while (accepted < count && accepted < failed && results[accepted]) {
        try {
          accept(accepted, *results[accepted]);
        } catch (...) {
          // The root's own aggregation failed: stop as for a failed item, so every rank stops.
          failed = accepted;
          failure = std::current_exception();
          schedule.close();
          break;
        }
        ++accepted;
      }
      if (busy) {
        backoff.reset();
      } else {
        backoff.wait();
      }
    }
  }
  if (failure) {
    ByteWriter out;
    out.put<std::uint8_t>(static_cast<std::uint8_t>(Order::kFailure));
    out.put<std::uint64_t>(call);
    put_exception(out, failure);
    const auto bytes = std::make_shared<const std::string>(out.take());
    for (int r = 1; r < job.size(); ++r) transport.send(r, Tag::kFromRoot, bytes);
    transport.complete_sends();
    std::rethrow_exception(failure);
  }
  TREATYSIM_CHECK(accepted == count, "rank map: every result is in once every rank is idle");
  ByteWriter out;
  out.put<std::uint8_t>(static_cast<std::uint8_t>(Order::kResults));
  out.put<std::uint64_t>(call);
  out.put<std::uint64_t>(count);
  for (const std::optional<std::string>& r : results) out.put_string(*r);
  const auto bytes = std::make_shared<const std::string>(out.take());
  for (int r = 1; r < job.size(); ++r) transport.send(r, Tag::kFromRoot, bytes);
  transport.complete_sends();
}

}  // namespace

ParallelMap rank_parallel_map(const Job& job, ParallelFor threads, std::size_t max_chunk) {
  if (!job.distributed()) return local_parallel_map(std::move(threads));
  // Calls are numbered alike on every rank (they are collective): a message of another call
  // would be a bug, caught by a check.
  auto calls = std::make_shared<std::uint64_t>(0);
  return [&job, threads = std::move(threads), max_chunk, calls](
             std::size_t count, const ItemCompute& compute, const ItemAccept& accept) {
    const std::uint64_t call = (*calls)++;
    Transport transport;
    if (job.root()) {
      coordinate(job, transport, call, count, threads, max_chunk, compute, accept);
    } else {
      serve(transport, call, threads, compute, accept);
    }
  };
}

}  // namespace treatysim::mpi
