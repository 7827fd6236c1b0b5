// transport.hpp — byte messages between the ranks of the job (MPI_COMM_WORLD), without blocking
// MPI calls.
//
// OpenMPI's blocking calls (MPI_Recv, MPI_Wait, MPI_Bcast) spin on a core while they wait. A rank
// waiting for work, or rank 0 waiting for results while its own thread plays, would take a core
// from the negotiations: on a node with as many busy threads as cores that costs a core's worth.
// So every wait here polls (MPI_Iprobe, MPI_Test) and sleeps between polls with an exponential
// back-off, 5 µs doubling to 1 ms: a message is noticed within about a millisecond, and a waiting
// rank uses next to no processor time. Only the thread that initialised MPI may use a Transport
// (MPI_THREAD_FUNNELED).
//
// Errors of MPI (a rank that died under a launcher that did not end the job) are thrown as
// UserError naming the call: the job ends with a message, not a hang.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace treatysim::mpi {

// The kinds of messages; a receive names the kind it waits for.
enum class Tag : int {
  kToRoot = 1,      // a rank to rank 0: results, requests for work
  kFromRoot = 2,    // rank 0 to a rank: work, the end of a run
  kCollective = 3,  // Job::collectively: statuses and the verdict
};

// A message received: who sent it, and its bytes.
struct Message {
  int source = 0;
  std::string bytes;
};

// Sleeps between polls: 5 µs, doubling up to 1 ms; reset() after something happened.
class Backoff {
 public:
  void reset() noexcept { delay_ = kFirst; }
  // Sleeps for the current delay, then doubles it (up to the cap).
  void wait();

 private:
  static constexpr std::chrono::microseconds kFirst{5};
  static constexpr std::chrono::microseconds kCap{1000};
  std::chrono::microseconds delay_ = kFirst;
};

// Sends and receives byte messages. Sends do not block: the bytes are kept until MPI delivered
// them (progress() and complete_sends() free them).
class Transport {
 public:
  Transport();
  ~Transport();  // completes the sends still in flight
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  // Starts sending `bytes` to rank `destination`.
  void send(int destination, Tag tag, std::string bytes);
  // The same for bytes shared by several sends (one result list sent to every rank).
  void send(int destination, Tag tag, std::shared_ptr<const std::string> bytes);
  // A message of kind `tag` (from `source`, or from any rank when source < 0) if one has
  // arrived, else nullopt. Also progresses the sends in flight.
  [[nodiscard]] std::optional<Message> try_receive(Tag tag, int source = -1);
  // Waits (polling, see above) for a message of kind `tag`.
  [[nodiscard]] Message receive(Tag tag, int source = -1);
  // Frees the sends MPI has delivered.
  void progress();
  // Waits (polling) until every send was delivered.
  void complete_sends();
  // Forgets the sends still in flight without waiting for them (their destination has died,
  // or will never receive: the job is ending).
  void abandon_sends() noexcept;

 private:
  struct Pending;
  struct InFlight;
  std::unique_ptr<InFlight> in_flight_;  // the sends not delivered yet
};

// [SECTION] The MPI runtime ------------------------------------------------------------------------

// True when this build has MPI (TREATYSIM_MPI=ON).
[[nodiscard]] bool built_with_mpi() noexcept;
// MPI_Init_thread (MPI_THREAD_FUNNELED) with errors returned, not fatal; returns (rank, size).
// Throws UserError when MPI cannot start.
struct RankAndSize {
  int rank = 0;
  int size = 1;
};
[[nodiscard]] RankAndSize initialise_mpi();
// MPI_Finalize, when initialise_mpi ran.
void finalise_mpi() noexcept;
// The processor name MPI gives this rank (its host), for messages.
[[nodiscard]] std::string processor_name();

}  // namespace treatysim::mpi
