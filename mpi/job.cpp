#include "mpi/job.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <exception>

#include <oneapi/tbb/task_arena.h>

#include "engine/io/bytes.hpp"
#include "engine/model/user_error.hpp"
#include "mpi/transport.hpp"

namespace treatysim::mpi {

Job::Job() {
  const Launch launch = detect_launch();
  if (launch.kind == Launch::Kind::kAlone) return;
  if (launch.rank > 0) rank_ = launch.rank;  // for refusal(): only rank 0 prints it
  if (launch.kind == Launch::Kind::kSrunWithoutMpi) {
    refusal_ = "srun started " + std::to_string(launch.size) +
               " tasks without an MPI plugin: each would run the whole job and write the same "
               "files. Use `srun --mpi=pmix` (or mpirun) — see docs/clusters.md";
    return;
  }
  if (!built_with_mpi()) {
    if (launch.size == 1) return;  // mpirun -np 1: one process, as in a plain run
    refusal_ = launch.launcher + " started " +
               (launch.size > 0 ? std::to_string(launch.size) : std::string("several")) +
               " copies of a treatysim built without MPI (TREATYSIM_MPI=OFF): each would run the "
               "whole job. Install libopenmpi-dev and rebuild, or run it without " +
               launch.launcher;
    return;
  }
  try {
    const RankAndSize ranks = initialise_mpi();
    initialised_ = true;
    rank_ = ranks.rank;
    size_ = ranks.size;
    launcher_ = launch.launcher;
  } catch (const UserError& e) {
    refusal_ = e.what();
    return;
  }
  if (rank_ != 0) {
    // Only rank 0 prints results: the others' standard output goes nowhere.
    std::fflush(stdout);
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) {
      ::dup2(null, STDOUT_FILENO);
      ::close(null);
    }
  }
}

const Job& Job::single_process() {
  static const Job alone{Alone{}};
  return alone;
}

Job::~Job() {
  if (initialised_) finalise_mpi();
}

void Job::collectively(const std::function<void()>& work) const {
  std::exception_ptr failure;
  try {
    work();
  } catch (const UserError&) {
    failure = std::current_exception();
  }
  if (!distributed()) {
    if (failure) std::rethrow_exception(failure);
    return;
  }
  Transport transport;
  if (!root()) {
    ByteWriter status;
    put_exception(status, failure);
    transport.send(0, Tag::kCollective, status.take());
    const Message verdict = transport.receive(Tag::kCollective, 0);
    ByteReader in(verdict.bytes);
    if (const std::exception_ptr error = get_exception(in)) std::rethrow_exception(error);
    return;
  }
  // Rank 0: the lowest failing rank's error (its own first), sent to every rank.
  int failed_rank = failure ? 0 : size_;
  for (int i = 1; i < size_; ++i) {
    const Message status = transport.receive(Tag::kCollective);
    ByteReader in(status.bytes);
    std::exception_ptr error = get_exception(in);
    if (error && status.source < failed_rank) {
      failed_rank = status.source;
      failure = error;
    }
  }
  if (failure && failed_rank != 0) {
    try {
      std::rethrow_exception(failure);
    } catch (const UserError& e) {
      failure = std::make_exception_ptr(UserError(
          e.location(), e.key(), "rank " + std::to_string(failed_rank) + ": " + e.message()));
    }
  }
  ByteWriter verdict;
  put_exception(verdict, failure);
  for (int i = 1; i < size_; ++i) transport.send(i, Tag::kCollective, verdict.bytes());
  transport.complete_sends();
  if (failure) std::rethrow_exception(failure);
}

std::string describe_ranks(const Job& job, int jobs) {
  const int threads = jobs > 0 ? jobs : oneapi::tbb::this_task_arena::max_concurrency();
  return std::to_string(job.size()) + " ranks (" + job.launcher() + ") × " +
         std::to_string(threads) + (threads == 1 ? " thread" : " threads") +
         (jobs > 0 ? " each" : " on rank 0 (--jobs 0: each rank uses the cores it may)");
}

}  // namespace treatysim::mpi
