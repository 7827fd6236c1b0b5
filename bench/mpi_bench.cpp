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
//   - the round trip of a request and its answer (a rank's wait between two chunks);
//   - the round trip of a chunk-sized message and its answer (rank 0's receiving cost per chunk).
// From these: rank 0 can take in 1 / (c_0 + t_chunk / CHUNK) negotiations per second; the ranks
// produce R·T / c_play. The table prints the predicted speed-up for R ranks × 1 thread and where
// rank 0 becomes the bottleneck. Nothing here is asserted: figures only.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

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

// Median of a few repetitions.
double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// Round trips of an order (25 bytes, naming the size wanted) from rank 0 and a message of `bytes`
// back from rank 1, as the runs exchange an order for a played chunk; returns the mean seconds per
// round trip (on rank 0; rank 1 returns 0).
double round_trip(const treatysim::mpi::Job& job, std::size_t bytes, int repetitions) {
  Transport transport;
  constexpr int kWarmUp = 10;
  if (job.root()) {
    std::string order = std::to_string(bytes);
    order.resize(25, ' ');
    double total = 0.0;
    for (int i = 0; i < kWarmUp + repetitions; ++i) {
      const auto start = Clock::now();
      transport.send(1, Tag::kFromRoot, order);
      const Message back = transport.receive(Tag::kToRoot, 1);
      if (back.bytes.size() != bytes) std::abort();
      if (i >= kWarmUp) total += seconds_since(start);
    }
    transport.complete_sends();
    return total / repetitions;
  }
  for (int i = 0; i < kWarmUp + repetitions; ++i) {
    const Message order = transport.receive(Tag::kFromRoot, 0);
    transport.send(0, Tag::kToRoot, std::string(std::strtoull(order.bytes.c_str(), nullptr, 10), 'x'));
  }
  transport.complete_sends();
  return 0.0;
}

}  // namespace

int main(int argc, char** argv) {
  const treatysim::mpi::Job job;
  if (job.refusal() || job.size() != 2) {
    if (job.root()) std::fprintf(stderr, "run me on two ranks: mpirun -np 2 %s FILE [CHUNK]\n", argv[0]);
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
    auto start = Clock::now();
    std::uint64_t rows = 0;
    std::vector<treatysim::TournamentChunk> played;
    for (std::uint64_t c = 0; c < chunks; ++c) {
      played.push_back(player.play(whole, c * chunk_size, chunk_size, {}, nullptr));
      rows += played.back().rows.size();
    }
    c_play = seconds_since(start) / static_cast<double>(rows);
    start = Clock::now();
    for (const treatysim::TournamentChunk& chunk : played) {
      encoded.push_back(treatysim::encode_tournament_chunk(chunk));
      csv_per_row += static_cast<double>(chunk.csv_lines.size());
    }
    c_encode = seconds_since(start) / static_cast<double>(rows);
    for (const std::string& e : encoded) bytes_per_row += static_cast<double>(e.size());
    bytes_per_row /= static_cast<double>(rows);
    csv_per_row /= static_cast<double>(rows);
    chunk_bytes = encoded.front().size();
    // Decode and append, as rank 0 does for every chunk it receives (median of 5 passes).
    const fs::path dir = fs::temp_directory_path() / ("treatysim-mpi-bench-" + std::to_string(getpid()));
    std::vector<double> passes;
    for (int pass = 0; pass < 5; ++pass) {
      fs::remove_all(dir);
      treatysim::TournamentFiles files(dir.string(), def.plan, whole, false, false);
      start = Clock::now();
      for (const std::string& e : encoded) {
        const treatysim::TournamentChunk chunk = treatysim::decode_tournament_chunk(e);
        files.append(chunk.rows, chunk.csv_lines, chunk.traces);
      }
      passes.push_back(seconds_since(start) / static_cast<double>(rows));
    }
    fs::remove_all(dir);
    c_zero = median(passes);
  }
  // The messages, with rank 1 (the timing is rank 0's).
  const double small_trip = round_trip(job, 25, 2000);
  const double chunk_trip = round_trip(job, chunk_bytes, 50);
  if (!job.root()) return 0;
  const double c = static_cast<double>(chunk_size);
  std::printf("measured (rank 0, one thread; chunks of %llu negotiations of \"%s\")\n",
              static_cast<unsigned long long>(chunk_size), def.plan.name.c_str());
  std::printf("  playing:             %.2f µs per negotiation (%.0f negotiations/s per thread)\n",
              c_play * 1e6, 1.0 / c_play);
  std::printf("  encoding (a rank):   %.3f µs per negotiation\n", c_encode * 1e6);
  std::printf("  message:             %.0f bytes per negotiation (its CSV line: %.0f), %.2f MB a chunk\n",
              bytes_per_row, csv_per_row, static_cast<double>(chunk_bytes) / 1e6);
  std::printf("  rank 0 decode+write: %.3f µs per negotiation\n", c_zero * 1e6);
  std::printf("  round trip, order:   %.1f µs (a rank's wait between two chunks)\n", small_trip * 1e6);
  std::printf("  round trip, chunk:   %.1f µs (%.3f µs per negotiation)\n", chunk_trip * 1e6,
              chunk_trip * 1e6 / c);

  // The model. A chunk of C costs rank 0 C·c_0 plus receiving it (the chunk round trip, scaled by
  // its bytes), so rank 0 takes in at most capacity(C) negotiations per second. A rank plays C
  // negotiations (C·c_play), encodes them, and waits one order round trip: efficiency(C).
  const double per_byte = std::max(0.0, (chunk_trip - small_trip) / static_cast<double>(chunk_bytes));
  const auto capacity = [&](double size) {
    const double receive = small_trip + per_byte * bytes_per_row * size;
    return 1.0 / (c_zero + receive / size);
  };
  const auto efficiency = [&](double size) {
    return size * c_play / (size * (c_play + c_encode) + small_trip);
  };
  std::printf("\npredicted speed-up over one thread, R ranks × 1 thread (rank 0's capacity as the limit)\n");
  std::printf("  chunk   rank 0 takes in   rank 0 saturates at      R=2     R=64   R=1024\n");
  for (const double size : {256.0, 1024.0, 4096.0, 16384.0}) {
    const double cap = capacity(size);
    const double eff = efficiency(size);
    const double saturation = cap * c_play / eff;  // ranks whose output fills rank 0
    std::printf("  %5.0f   %9.0f /s     %8.0f ranks     ", size, cap, saturation);
    for (const double ranks : {2.0, 64.0, 1024.0}) {
      const double speedup = std::min(ranks * eff, cap * c_play);
      std::printf("%7.1f%s ", speedup, ranks * eff > cap * c_play ? "*" : " ");
    }
    std::printf("\n");
  }
  std::printf("  (* rank 0 is the bottleneck: its capacity, not the ranks, sets the rate.)\n");
  std::printf("  journal: %.0f bytes of CSV per negotiation: %.0f MB/s at rank 0's capacity "
              "(chunk %llu)\n",
              csv_per_row, csv_per_row * capacity(c) / 1e6, static_cast<unsigned long long>(chunk_size));
  return 0;
}
