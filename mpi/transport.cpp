#include "mpi/transport.hpp"

#include <algorithm>
#include <climits>
#include <list>
#include <thread>
#include <utility>

#include "engine/model/check.hpp"
#include "engine/model/user_error.hpp"

#if TREATYSIM_WITH_MPI
#include <mpi.h>
#endif

namespace treatysim::mpi {

void Backoff::wait() {
  std::this_thread::sleep_for(delay_);
  delay_ = std::min(delay_ * 2, kCap);
}

#if TREATYSIM_WITH_MPI

namespace {

// Turns an MPI error code into a UserError naming the call.
void check(int code, const char* call) {
  if (code == MPI_SUCCESS) return;
  char text[MPI_MAX_ERROR_STRING];
  int length = 0;
  MPI_Error_string(code, text, &length);
  throw UserError(std::string("MPI: ") + call + " failed: " +
                  std::string(text, static_cast<std::size_t>(length)) + " (did a rank die?)");
}

bool g_initialised = false;

}  // namespace

struct Transport::Pending {
  std::shared_ptr<const std::string> bytes;
  MPI_Request request = MPI_REQUEST_NULL;
};
struct Transport::InFlight {
  std::list<Pending> sends;
};

Transport::Transport() : in_flight_(std::make_unique<InFlight>()) {}

Transport::~Transport() {
  try {
    complete_sends();
  } catch (const UserError&) {
    abandon_sends();  // the job is ending with an error already being reported
  }
}

void Transport::send(int destination, Tag tag, std::string bytes) {
  send(destination, tag, std::make_shared<const std::string>(std::move(bytes)));
}

void Transport::send(int destination, Tag tag, std::shared_ptr<const std::string> bytes) {
  if (bytes->size() > static_cast<std::size_t>(INT_MAX)) {
    throw UserError("MPI: a message of " + std::to_string(bytes->size()) +
                    " bytes, over MPI's limit of 2 GiB: use smaller chunks (--chunk)");
  }
  in_flight_->sends.push_back(Pending{std::move(bytes), MPI_REQUEST_NULL});
  Pending& p = in_flight_->sends.back();
  check(MPI_Isend(p.bytes->data(), static_cast<int>(p.bytes->size()), MPI_BYTE, destination,
                  static_cast<int>(tag), MPI_COMM_WORLD, &p.request),
        "MPI_Isend");
}

void Transport::progress() {
  for (auto it = in_flight_->sends.begin(); it != in_flight_->sends.end();) {
    int done = 0;
    check(MPI_Test(&it->request, &done, MPI_STATUS_IGNORE), "MPI_Test");
    it = done != 0 ? in_flight_->sends.erase(it) : std::next(it);
  }
}

std::optional<Message> Transport::try_receive(Tag tag, int source) {
  progress();
  int arrived = 0;
  MPI_Status status;
  check(MPI_Iprobe(source < 0 ? MPI_ANY_SOURCE : source, static_cast<int>(tag), MPI_COMM_WORLD,
                   &arrived, &status),
        "MPI_Iprobe");
  if (arrived == 0) return std::nullopt;
  int size = 0;
  check(MPI_Get_count(&status, MPI_BYTE, &size), "MPI_Get_count");
  Message message;
  message.source = status.MPI_SOURCE;
  message.bytes.resize(static_cast<std::size_t>(size));
  // The message has arrived (or is arriving): this receive completes without waiting for a peer.
  check(MPI_Recv(message.bytes.data(), size, MPI_BYTE, status.MPI_SOURCE, static_cast<int>(tag),
                 MPI_COMM_WORLD, MPI_STATUS_IGNORE),
        "MPI_Recv");
  return message;
}

Message Transport::receive(Tag tag, int source) {
  Backoff backoff;
  while (true) {
    if (std::optional<Message> message = try_receive(tag, source)) return std::move(*message);
    backoff.wait();
  }
}

void Transport::complete_sends() {
  Backoff backoff;
  while (true) {
    progress();
    if (in_flight_->sends.empty()) return;
    backoff.wait();
  }
}

void Transport::abandon_sends() noexcept {
  for (Pending& p : in_flight_->sends) {
    if (p.request != MPI_REQUEST_NULL) MPI_Request_free(&p.request);
  }
  in_flight_->sends.clear();
}

bool built_with_mpi() noexcept {
  return true;
}

RankAndSize initialise_mpi() {
  int provided = 0;
  if (MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
    throw UserError("MPI: MPI_Init_thread failed");
  }
  g_initialised = true;
  if (provided < MPI_THREAD_FUNNELED) {
    throw UserError("MPI: the library does not support threads (MPI_THREAD_FUNNELED)");
  }
  check(MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN), "MPI_Comm_set_errhandler");
  RankAndSize result;
  check(MPI_Comm_rank(MPI_COMM_WORLD, &result.rank), "MPI_Comm_rank");
  check(MPI_Comm_size(MPI_COMM_WORLD, &result.size), "MPI_Comm_size");
  return result;
}

void finalise_mpi() noexcept {
  if (!g_initialised) return;
  g_initialised = false;
  MPI_Finalize();
}

std::string processor_name() {
  char name[MPI_MAX_PROCESSOR_NAME];
  int length = 0;
  if (!g_initialised || MPI_Get_processor_name(name, &length) != MPI_SUCCESS) return "?";
  return std::string(name, static_cast<std::size_t>(length));
}

#else  // one process: a Transport is never used (a job of one rank sends nothing)

struct Transport::InFlight {};

Transport::Transport() = default;
Transport::~Transport() = default;

void Transport::send(int, Tag, std::string) {
  TREATYSIM_CHECK(false, "Transport::send in a build without MPI");
}
void Transport::send(int, Tag, std::shared_ptr<const std::string>) {
  TREATYSIM_CHECK(false, "Transport::send in a build without MPI");
}
std::optional<Message> Transport::try_receive(Tag, int) {
  TREATYSIM_CHECK(false, "Transport::try_receive in a build without MPI");
  return std::nullopt;
}
Message Transport::receive(Tag, int) {
  TREATYSIM_CHECK(false, "Transport::receive in a build without MPI");
  return {};
}
void Transport::progress() {}
void Transport::complete_sends() {}
void Transport::abandon_sends() noexcept {}

bool built_with_mpi() noexcept {
  return false;
}
RankAndSize initialise_mpi() {
  throw UserError("this treatysim was built without MPI (TREATYSIM_MPI=OFF)");
}
void finalise_mpi() noexcept {}
std::string processor_name() {
  return "?";
}

#endif

}  // namespace treatysim::mpi
