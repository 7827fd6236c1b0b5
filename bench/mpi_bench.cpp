// mpi_bench — what limits a tournament over many MPI ranks, measured, and the scaling it implies
// (docs/clusters.md, "Scaling"). Run it on two ranks:
//   mpirun -np 2 build/bin/treatysim_mpi_bench FILE [CHUNK]
// FILE is a tournament file (bench/mpi_scaling.sh writes the 200,000-negotiation one), CHUNK the
// chunk size (default 4096).
//
// Rank 0 measures, on one thread:
//   - the cost of playing one negotiation (TournamentChunkPlayer, 1 thread): c_play;
//   - what a chunk weighs as a message (encode_tournament_chunk): bytes per negotiation;
//   - its own serial work per negotiation received: decoding the chunk and appending it to the
//     output files (aggregation, CSV lines, journal write): c_0;
// and, with rank 1, through the layer's own Transport (polling with back-off, as the runs do):
//   - the round trip of an order and a small answer: what a rank waits between two chunks;
//   - rank 0's time to take in a chunk-sized message that has arrived (MPI_Recv's copy): t_recv.
// Rank 0's own work per chunk of C negotiations is C·c_0 + t_recv(C) (its waiting is not work), so
// it takes in at most C / (C·c_0 + t_recv(C)) negotiations per second; R ranks of T threads
// produce about R·T·e / c_play, e being a rank's share of time spent playing (its chunk against
// its encoding and its wait). The table prints the predicted speed-up for R ranks × 1 thread and
// where rank 0 becomes the bottleneck. Nothing here is asserted: figures only.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <time.h>
#include <unistd.h>

#include "agents/registry.hpp"
#include "engine/model/user_error.hpp"
#include "engine/studies/tournament.hpp"
#include "engine/studies/tournament_run.hpp"
#include "mpi/job.hpp"
#include "mpi/transport.hpp"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;
using treatysim::mpi::Message;
using treatysim::mpi::Tag;
using treatysim::mpi::Transport;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU seconds of the calling thread: the costs below are CPU time, so that a busy machine (other
// processes taking turns on the cores) does not inflate them; only the round trip is wall time.
double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

// Median of a few repetitions.
double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// Round trips of an order (25 bytes, naming the size wanted) from rank 0 and a message of `bytes`
// back from rank 1, as the runs exchange an order for a played chunk. Returns, on rank 0, the
// mean seconds per round trip and the mean seconds rank 0 spent taking in the answer once it had
// arrived (the receive that returned it); rank 1 returns zeros.
struct Trip {
  double round_trip = 0.0;
  double receive = 0.0;
};
Trip round_trip(const treatysim::mpi::Job& job, std::size_t bytes, int repetitions) {
  Transport transport;
  constexpr int kWarmUp = 10;
  Trip trip;
  if (job.root()) {
    std::string order = std::to_string(bytes);
    order.resize(25, ' ');
    for (int i = 0; i < kWarmUp + repetitions; ++i) {
      const auto start = Clock::now();
      transport.send(1, Tag::kFromRoot, order);
      std::optional<Message> back;
      double receive = 0.0;
      treatysim::mpi::Backoff backoff;
      while (!back) {
        const double attempt = thread_cpu_seconds();
        back = transport.try_receive(Tag::kToRoot, 1);
        if (back) {
          receive = thread_cpu_seconds() - attempt;
        } else {
          backoff.wait();
        }
      }
      if (back->bytes.size() != bytes) std::abort();
      if (i >= kWarmUp) {
        trip.round_trip += seconds_since(start);
        trip.receive += receive;
      }
    }
    transport.complete_sends();
    trip.round_trip /= repetitions;
    trip.receive /= repetitions;
    return trip;
  }
  for (int i = 0; i < kWarmUp + repetitions; ++i) {
    const Message order = transport.receive(Tag::kFromRoot, 0);
    transport.send(0, Tag::kToRoot,
                   std::string(std::strtoull(order.bytes.c_str(), nullptr, 10), 'x'));
  }
  transport.complete_sends();
  return trip;
}

}  // namespace

int main(int argc, char** argv) {
  const treatysim::mpi::Job job;
  if (job.refusal() || job.size() != 2) {
    if (job.root())
      std::fprintf(stderr, "run me on two ranks: mpirun -np 2 %s FILE [CHUNK]\n", argv[0]);
    return 2;
  }
  if (argc < 2) {
    if (job.root()) std::fprintf(stderr, "usage: mpirun -np 2 %s FILE [CHUNK]\n", argv[0]);
    return 2;
  }
  const std::uint64_t chunk_size = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 4096;
  const treatysim::agents::Registry& registry = treatysim::agents::builtin_registry();
  const treatysim::TournamentDef def = treatysim::load_tournament_file(
      argv[1], [&](const treatysim::Spec& spec, const treatysim::Scenario& scenario,
                   treatysim::PartyIndex party) { registry.check(spec, scenario, party); });
  const treatysim::Shard whole;
  const std::uint64_t chunks = 8;  // 8 chunks played and written: enough for stable figures

  // Rank 0's costs (rank 1 waits for the message benchmark).
  double c_play = 0.0, c_encode = 0.0, c_zero = 0.0, bytes_per_row = 0.0, csv_per_row = 0.0;
  std::size_t chunk_bytes = 0;
  if (job.root()) {
    treatysim::TournamentChunkPlayer player(def, registry, 1, false);
    std::vector<std::string> encoded;
    double start = thread_cpu_seconds();
    std::uint64_t rows = 0;
    std::vector<treatysim::TournamentChunk> played;
    // Chunks spread evenly over the list: every scenario and pairing weighs in.
    const std::uint64_t total = def.plan.negotiation_count();
    const std::uint64_t step = std::max<std::uint64_t>(chunk_size, total / chunks);
    for (std::uint64_t c = 0; c < chunks && c * step + chunk_size <= total; ++c) {
      played.push_back(player.play(whole, c * step, chunk_size, {}, nullptr));
      rows += played.back().rows.size();
    }
    c_play = (thread_cpu_seconds() - start) / static_cast<double>(rows);
    start = thread_cpu_seconds();
    for (const treatysim::TournamentChunk& chunk : played) {
      encoded.push_back(treatysim::encode_tournament_chunk(chunk));
      csv_per_row += static_cast<double>(chunk.csv_lines.size());
    }
    c_encode = (thread_cpu_seconds() - start) / static_cast<double>(rows);
    for (const std::string& e : encoded) bytes_per_row += static_cast<double>(e.size());
    bytes_per_row /= static_cast<double>(rows);
    csv_per_row /= static_cast<double>(rows);
    chunk_bytes = encoded.front().size();
    // Decode and append, as rank 0 does for every chunk it receives (median of 5 passes).
    const fs::path dir =
        fs::temp_directory_path() / ("treatysim-mpi-bench-" + std::to_string(getpid()));
    std::vector<double> passes;
    for (int pass = 0; pass < 5; ++pass) {
      fs::remove_all(dir);
      treatysim::TournamentFiles files(dir.string(), def.plan, whole, false, false);
      start = thread_cpu_seconds();
      for (const std::string& e : encoded) {
        const treatysim::TournamentChunk chunk = treatysim::decode_tournament_chunk(e);
        files.append(chunk.rows, chunk.csv_lines, chunk.traces);
      }
      passes.push_back((thread_cpu_seconds() - start) / static_cast<double>(rows));
    }
    fs::remove_all(dir);
    c_zero = median(passes);
  }
  // The messages, with rank 1 (the timing is rank 0's).
  const Trip order = round_trip(job, 25, 2000);
  const Trip chunk = round_trip(job, chunk_bytes, 50);
  if (!job.root()) return 0;
  const double c = static_cast<double>(chunk_size);
  std::printf(
      "measured (rank 0, one thread, CPU time; %llu chunks of %llu negotiations spread over "
      "\"%s\", "
      "%llu negotiations)\n",
      static_cast<unsigned long long>(chunks), static_cast<unsigned long long>(chunk_size),
      def.plan.name.c_str(), static_cast<unsigned long long>(def.plan.negotiation_count()));
  std::printf("  playing:              %.2f µs per negotiation (%.0f negotiations/s per thread)\n",
              c_play * 1e6, 1.0 / c_play);
  std::printf("  encoding (any rank):  %.3f µs per negotiation\n", c_encode * 1e6);
  std::printf(
      "  message:              %.0f bytes per negotiation (its CSV line: %.0f); %.2f MB a chunk\n",
      bytes_per_row, csv_per_row, static_cast<double>(chunk_bytes) / 1e6);
  std::printf("  rank 0, decode+write: %.3f µs per negotiation (c_0)\n", c_zero * 1e6);
  std::printf("  rank 0, take in a chunk that arrived: %.1f µs (%.3f µs per negotiation)\n",
              chunk.receive * 1e6, chunk.receive * 1e6 / c);
  std::printf(
      "  round trip of an order and an answer: %.1f µs wall (a rank's wait between chunks)\n",
      order.round_trip * 1e6);

  // The model (see the top of this file); a message's receiving cost scales with its bytes.
  const double receive_per_byte = chunk.receive / static_cast<double>(chunk_bytes);
  const auto capacity = [&](double size) {
    return size / (size * c_zero + order.receive + receive_per_byte * bytes_per_row * size);
  };
  const auto efficiency = [&](double size) {
    return size * c_play / (size * (c_play + c_encode) + order.round_trip);
  };
  std::printf(
      "\nper chunk of C negotiations: a rank's overhead (encoding it, and the round trip it waits "
      "for\nthe next order) against its play; rank 0's own work (take in the order and the chunk, "
      "decode,\nwrite); the predicted speed-up over one thread of R ranks × 1 thread, rank 0's "
      "capacity as the limit\n");
  std::printf(
      "  chunk   play ms   rank overhead      rank 0 work   rank 0 takes in   saturated beyond"
      "     R=2     R=64   R=1024\n");
  for (const double size : {16.0, 64.0, 256.0, 1024.0, 4096.0, 16384.0}) {
    const double cap = capacity(size);
    const double eff = efficiency(size);
    const double limit = cap * c_play;  // the speed-up rank 0 can take in
    const double overhead = size * c_encode + order.round_trip;
    std::printf("  %5.0f  %8.2f  %7.0f µs %5.1f%%  %8.0f µs  %11.0f /s  %9.0f ranks   ", size,
                size * c_play * 1e3, overhead * 1e6, 100.0 * overhead / (size * c_play),
                size / cap * 1e6, cap, limit / eff);
    for (const double ranks : {2.0, 64.0, 1024.0}) {
      std::printf("%7.1f%s", std::min(ranks * eff, limit), ranks * eff > limit ? "*" : " ");
    }
    std::printf("\n");
  }
  std::printf(
      "  (* rank 0 is the bottleneck. With T threads per rank, divide the rank counts by T.)\n");
  std::printf(
      "  journal: %.0f bytes of CSV per negotiation, %.0f MB/s at rank 0's capacity "
      "(chunk %llu)\n",
      csv_per_row, csv_per_row * capacity(c) / 1e6, static_cast<unsigned long long>(chunk_size));
  return 0;
}
