// job.hpp — the MPI job this process is one rank of (a job of one rank in a plain run).
//
// main() creates the Job before anything else. When a launcher started the process
// (launch.hpp: mpirun, srun), the Job initialises MPI and knows this rank and the job's size;
// otherwise it is a job of one rank that never touches MPI, and every command behaves exactly as
// without MPI. Rank 0 is the job's voice: on the other ranks standard output goes to /dev/null,
// and a command's error is printed by rank 0 alone (Job::collectively makes every rank fail alike).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "mpi/launch.hpp"

namespace treatysim::mpi {

class Job {
 public:
  // Detects the launch and, under an MPI launcher, initialises MPI (MPI_THREAD_FUNNELED: only
  // the main thread calls MPI). Never throws: a launch this build cannot serve (several copies
  // without MPI) is reported by refusal().
  Job();
  // MPI_Finalize, when MPI was initialised.
  ~Job();
  // A job of one rank that never touches MPI, whatever the environment: for callers given no
  // job (tests, other front ends).
  [[nodiscard]] static const Job& single_process();
  Job(const Job&) = delete;
  Job& operator=(const Job&) = delete;

  // This process's rank, 0 … size − 1.
  [[nodiscard]] int rank() const noexcept { return rank_; }
  // Ranks in the job (1 in a plain run).
  [[nodiscard]] int size() const noexcept { return size_; }
  // True on rank 0, which writes the files and prints.
  [[nodiscard]] bool root() const noexcept { return rank_ == 0; }
  // True when the job has more than one rank: the commands then use the runs of this layer.
  [[nodiscard]] bool distributed() const noexcept { return size_ > 1; }
  // "mpirun", "PMIx", "PMI" (how MPI was launched), or empty in a plain run.
  [[nodiscard]] const std::string& launcher() const noexcept { return launcher_; }

  // Why this process cannot run, when it cannot: launched as several copies by a launcher this
  // build cannot join (a build without MPI under mpirun; srun without an MPI plugin), or MPI
  // failed to start. main() prints it (on rank 0) and exits with status 2.
  [[nodiscard]] const std::optional<std::string>& refusal() const noexcept { return refusal_; }

  // Runs `work` on every rank (collective: every rank must call it). When it throws a UserError
  // on one rank or more, every rank throws the same error: the lowest failing rank's, with
  // "rank R: " in front of its message when R is not 0. So all ranks stop alike and rank 0
  // prints the message once. Other exceptions propagate (and end the job).
  void collectively(const std::function<void()>& work) const;

 private:
  struct Alone {};
  explicit Job(Alone) noexcept {}

  int rank_ = 0;
  int size_ = 1;
  bool initialised_ = false;
  std::string launcher_;
  std::optional<std::string> refusal_;
};

// "3 ranks (mpirun) × 2 threads each" for a run with --jobs `jobs` (0: "× N threads on rank 0",
// N being the cores rank 0 may use): what rank 0 reports on stderr, never in the files.
[[nodiscard]] std::string describe_ranks(const Job& job, int jobs);

}  // namespace treatysim::mpi
