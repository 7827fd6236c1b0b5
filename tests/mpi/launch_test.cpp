// The mpi layer's pieces that need no MPI runtime: how a launch is recognised from the
// environment, how rank 0 cuts work into chunks, and a job of one process.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "engine/model/user_error.hpp"
#include "mpi/job.hpp"
#include "mpi/launch.hpp"
#include "mpi/rank_map.hpp"
#include "mpi/rank_tournament.hpp"
#include "mpi/schedule.hpp"

namespace treatysim::mpi {
namespace {

Launch launch_with(const std::map<std::string, std::string>& variables) {
  return detect_launch([&](const char* name) -> const char* {
    const auto it = variables.find(name);
    return it == variables.end() ? nullptr : it->second.c_str();
  });
}

}  // namespace

TEST_CASE("launch: a plain run, mpirun, PMIx, PMI, and srun without an MPI plugin") {
  const Launch alone = launch_with({{"HOME", "/root"}, {"SLURM_JOB_ID", "12"}});
  CHECK(alone.kind == Launch::Kind::kAlone);
  CHECK(alone.launcher.empty());

  const Launch mpirun = launch_with(
      {{"OMPI_COMM_WORLD_SIZE", "4"}, {"OMPI_COMM_WORLD_RANK", "2"}, {"PMIX_RANK", "2"}});
  CHECK(mpirun.kind == Launch::Kind::kMpi);
  CHECK(mpirun.launcher == "mpirun");
  CHECK(mpirun.size == 4);
  CHECK(mpirun.rank == 2);

  const Launch pmix = launch_with({{"PMIX_RANK", "0"}, {"SLURM_STEP_NUM_TASKS", "8"}});
  CHECK(pmix.kind == Launch::Kind::kMpi);
  CHECK(pmix.launcher == "PMIx");
  CHECK(pmix.rank == 0);
  CHECK(pmix.size == 0);  // unknown: MPI says

  const Launch pmi = launch_with({{"PMI_SIZE", "16"}, {"PMI_RANK", "15"}});
  CHECK(pmi.kind == Launch::Kind::kMpi);
  CHECK(pmi.launcher == "PMI");
  CHECK(pmi.size == 16);
  CHECK(pmi.rank == 15);

  const Launch srun = launch_with({{"SLURM_STEP_NUM_TASKS", "4"}, {"SLURM_PROCID", "3"}});
  CHECK(srun.kind == Launch::Kind::kSrunWithoutMpi);
  CHECK(srun.size == 4);
  CHECK(srun.rank == 3);
  // One task of srun is a plain run.
  CHECK(launch_with({{"SLURM_STEP_NUM_TASKS", "1"}}).kind == Launch::Kind::kAlone);
  // Numbers that are not numbers are unknown, not an error.
  const Launch odd =
      launch_with({{"OMPI_COMM_WORLD_SIZE", "many"}, {"OMPI_COMM_WORLD_RANK", "-1"}});
  CHECK(odd.kind == Launch::Kind::kMpi);
  CHECK(odd.size == 0);
  CHECK(odd.rank == -1);
}

TEST_CASE("schedule: guided chunks, hand-computed") {
  // ceil(remaining / divisor), within [min, max], never more than what is left.
  CHECK(guided_chunk(1000, 10, 100, 4) == 100);  // 250, capped
  CHECK(guided_chunk(200, 10, 100, 4) == 50);
  CHECK(guided_chunk(30, 10, 100, 4) == 10);  // 8, raised to the minimum
  CHECK(guided_chunk(5, 10, 100, 4) == 5);    // all that is left
  CHECK(guided_chunk(7, 1, 100, 4) == 2);
}

TEST_CASE("schedule: every position handed out once, in order, in shrinking chunks, until closed") {
  for (const std::uint64_t first : {0U, 3U, 17U}) {
    for (const std::uint64_t end : {17U, 100U, 1001U}) {
      for (const std::uint64_t divisor : {1U, 4U, 6U}) {
        if (end < first) continue;
        ChunkSchedule schedule(first, end, 2, 64, divisor);
        std::uint64_t next = first;
        std::uint64_t previous = 64;
        while (const std::optional<Range> range = schedule.take()) {
          CHECK(range->first == next);
          CHECK(range->count >= 1);
          CHECK(range->count <= previous);  // guided: never larger than the one before
          previous = range->count;
          next += range->count;
        }
        CHECK(next == end);
        CHECK(schedule.next() == end);
      }
    }
  }
  ChunkSchedule closed(0, 100, 1, 10, 2);
  CHECK(closed.take()->count == 10);
  closed.close();
  CHECK_FALSE(closed.take().has_value());
  CHECK(closed.next() == 10);
}

TEST_CASE("schedule: a limit holds chunks back, a whole chunk or none, until it moves") {
  ChunkSchedule schedule(0, 100, 10, 10, 1);
  schedule.set_limit(25);
  CHECK(schedule.take()->first == 0);
  CHECK(schedule.take()->first == 10);
  CHECK_FALSE(schedule.take().has_value());  // 20 … 29 would pass 25
  CHECK_FALSE(schedule.exhausted());
  schedule.set_limit(100);
  CHECK(schedule.take()->first == 20);
  while (schedule.take()) {
  }
  CHECK(schedule.exhausted());
}

TEST_CASE("the rank tournament's window: 16 chunks, 4 per rank, about 1 GB of chunks at most") {
  CHECK(rank_tournament_window(4096, 2) == 16 * 4096);
  CHECK(rank_tournament_window(256, 64) == 4 * 64 * 256);
  // 1024 ranks of 4096: 4 per rank would be 16,777,216 positions; 2 per rank (8,388,608) is the
  // most kept.
  CHECK(rank_tournament_window(4096, 1024) == 2 * 1024 * 4096);
  // 300 ranks of 4096: 4 per rank would be 4,915,200; capped at 4,194,304 positions (2 per rank
  // need only 2,457,600).
  CHECK(rank_tournament_window(4096, 300) == 4194304);
  CHECK(rank_tournament_window(4096, 200) == 4 * 200 * 4096);  // 3,276,800: under the cap
}

TEST_CASE(
    "the rank tournament's chunk: the one-process chunk, at most total/(8·ranks), at least 64") {
  CHECK(rank_tournament_chunk_size(200112, 2) == 4096);   // total/32 capped at 4096
  CHECK(rank_tournament_chunk_size(200112, 64) == 390);   // 200112 / 512
  CHECK(rank_tournament_chunk_size(200112, 1024) == 64);  // 24, raised to 64
  CHECK(rank_tournament_chunk_size(7920, 3) == 256);      // total/32 = 247 → 256; 330 > 256
}

TEST_CASE("a job of one process: rank 0 of 1, collectively runs in place, the rank map is local") {
  const Job& job = Job::single_process();
  CHECK(job.rank() == 0);
  CHECK(job.size() == 1);
  CHECK(job.root());
  CHECK_FALSE(job.distributed());
  CHECK_FALSE(job.refusal().has_value());
  int ran = 0;
  job.collectively([&] { ++ran; });
  CHECK(ran == 1);
  CHECK_THROWS_WITH_AS(job.collectively([] { throw UserError("bad file"); }), "bad file",
                       UserError);
  const ParallelMap map = rank_parallel_map(job, {});
  std::vector<std::string> accepted;
  map(
      3, [](std::size_t i) { return std::to_string(i * i); },
      [&](std::size_t, std::string_view bytes) { accepted.emplace_back(bytes); });
  CHECK(accepted == std::vector<std::string>{"0", "1", "4"});
}

}  // namespace treatysim::mpi
