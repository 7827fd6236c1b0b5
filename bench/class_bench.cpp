// class_bench.cpp — class mode under a class of simulated students on loopback: the action round
// trip (a student's POST /api/offer, accept or reject, from sending to the answer) at its 50th
// and 95th percentiles, the server's CPU seconds and its peak resident memory, for 60 and 300
// students (30 and 150 pairs, one round of up to 20 offers each).
//
// Each student is a coroutine on one Asio thread with two connections, as a page has: one for
// requests (kept alive) and one for its event stream. It joins, waits for the round, and on each
// change event reads GET /api/me; on its turn it makes an offer, conceding one clause at a time
// from its best outcome, or accepts once its patience (a seeded draw of 6–19 offers) runs out.
// Two paces: "burst" (every student acts the moment it may: a whole class in one wave, the worst
// case) and "paced" (each first waits up to 2 s, uniformly, as a person reading and clicking).
// A projector is open too, as in a class: the teacher's page listens to its event stream and on
// every change reads GET /api/teacher/state (one read at a time, again once it returns if more
// changed meanwhile). When an action's answer carries the student's new view ("me"), the student
// uses it instead of reading GET /api/me again, as the page does.
// HTTP is Boost.Beast's on both sides. The server runs as its own process (`treatysim class`),
// so its CPU time and memory (from /proc) are its own. Each line ends with the machine's load
// average (1 minute, from /proc/loadavg) before and after the run: on a shared machine the
// figures mean little without it.
//
// Usage: class_bench TREATYSIM [--pace burst|paced|both] [--no-projector] [STUDENTS...]
//        (default: both paces, with a projector, 60 and 300 students), from the source root.
#include <fcntl.h>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <utility>  // std::exchange, needed by Boost 1.74's awaitable.hpp
#include <vector>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

extern char** environ;

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using net::awaitable;
using net::use_awaitable;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr int kMaxSteps = 400;  // per student: the run is bounded whatever happens

// A kept-alive HTTP connection.
class Connection {
 public:
  explicit Connection(net::any_io_executor executor) : stream_(executor) {}
  awaitable<void> open(const tcp::endpoint& endpoint) {
    co_await stream_.async_connect(endpoint, use_awaitable);
    stream_.socket().set_option(tcp::no_delay(true));
  }
  // One request; returns (status, body as JSON or null).
  awaitable<std::pair<int, json>> call(http::verb method, const std::string& target,
                                       const std::string& token, const std::string& body = {}) {
    http::request<http::string_body> request{method, target, 11};
    request.set(http::field::host, "127.0.0.1");
    if (!token.empty()) request.set(http::field::authorization, "Bearer " + token);
    if (!body.empty()) request.set(http::field::content_type, "application/json");
    request.body() = body;
    request.keep_alive(true);
    request.prepare_payload();
    co_await http::async_write(stream_, request, use_awaitable);
    http::response<http::string_body> response;
    co_await http::async_read(stream_, buffer_, response, use_awaitable);
    json parsed = json::parse(response.body(), nullptr, false);
    co_return std::pair<int, json>{response.result_int(), parsed};
  }
  beast::tcp_stream& stream() { return stream_; }
  beast::flat_buffer& buffer() { return buffer_; }

 private:
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
};

// A small seeded generator (SplitMix64), so that every run plays the same class.
struct Random {
  std::uint64_t state;
  double next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
    return static_cast<double>((z ^ (z >> 31U)) >> 11U) / 9007199254740992.0;
  }
};

struct Run {
  tcp::endpoint endpoint;
  std::string code;
  std::string teacher;
  std::vector<double> latencies_ms;
  std::map<std::string, int> ends;
  int joined = 0;
  int finished = 0;
  int failures = 0;
  bool round_started = false;
  int think_ms = 0;  // each student waits up to this long before acting (0: at once)
  bool projector = true;
  bool done = false;  // every student has finished: the projector stops
  int projector_reads = 0;
  std::vector<double> projector_ms;  // GET /api/teacher/state round trips
};

// One student's event stream: `changes` counts the change events seen.
struct Events {
  std::uint64_t changes = 0;
  std::unique_ptr<net::steady_timer> wake;
};

awaitable<void> listen(Run& run, std::string seat, std::shared_ptr<Events> events,
                       std::string path = "/api/events") {
  Connection connection(co_await net::this_coro::executor);
  co_await connection.open(run.endpoint);
  http::request<http::empty_body> request{http::verb::get, path, 11};
  request.set(http::field::host, "127.0.0.1");
  request.set(http::field::authorization, "Bearer " + seat);
  co_await http::async_write(connection.stream(), request, use_awaitable);
  http::response_parser<http::empty_body> parser;
  parser.skip(true);  // the body is the stream, read below as it comes
  co_await http::async_read_header(connection.stream(), connection.buffer(), parser, use_awaitable);
  std::string pending = beast::buffers_to_string(connection.buffer().data());
  char chunk[1024];
  for (;;) {
    std::size_t end = 0;
    while ((end = pending.find("\n\n")) != std::string::npos) {
      if (pending.compare(0, 13, "event: change") == 0 || pending.find("\nevent: change") < end) {
        ++events->changes;
        events->wake->cancel();
      }
      pending.erase(0, end + 2);
    }
    beast::error_code ec;
    const std::size_t n = co_await connection.stream().socket().async_read_some(
        net::buffer(chunk), net::redirect_error(use_awaitable, ec));
    if (ec) co_return;
    pending.append(chunk, n);
  }
}

// Waits for a change after `seen`, at most `timeout`.
awaitable<void> wait_change(Events& events, std::uint64_t seen, std::chrono::milliseconds timeout) {
  if (events.changes > seen) co_return;
  events.wake->expires_after(timeout);
  beast::error_code cancelled;  // a change event cancels the wait
  co_await events.wake->async_wait(net::redirect_error(use_awaitable, cancelled));
}

awaitable<void> student(Run& run, int index, int count) {
  const auto executor = co_await net::this_coro::executor;
  Connection connection(executor);
  co_await connection.open(run.endpoint);
  const json join{{"code", run.code}, {"name", "student " + std::to_string(index + 1)}};
  auto [status, joined] = co_await connection.call(http::verb::post, "/api/join", "", join.dump());
  if (status != 200) {
    ++run.failures;
    co_return;
  }
  const std::string seat = joined["seat"];
  auto events = std::make_shared<Events>();
  events->wake = std::make_unique<net::steady_timer>(executor);
  net::co_spawn(executor, listen(run, seat, events), net::detached);
  ++run.joined;

  Random random{static_cast<std::uint64_t>(index) * 7919U + 17U};
  const int patience = 6 + static_cast<int>(random.next() * 14);
  std::map<std::string, std::vector<std::string>> ranks;
  std::map<std::string, std::size_t> conceded;
  json carried;  // the view an action's answer carried, if any
  for (int step = 0; step < kMaxSteps; ++step) {
    const std::uint64_t seen = events->changes;
    int code = 200;
    json me;
    if (carried.is_object()) {
      me = std::move(carried);
      carried = json();
    } else {
      std::tie(code, me) = co_await connection.call(http::verb::get, "/api/me", seat);
    }
    if (code != 200 || !me["negotiation"].is_object()) {
      co_await wait_change(*events, seen, std::chrono::milliseconds(code == 429 ? 200 : 1000));
      continue;
    }
    const json& n = me["negotiation"];
    if (n["end"] != "running") {
      ++run.ends[n["end"].get<std::string>()];
      ++run.finished;
      co_return;
    }
    if (n["your_turn"] != true) {
      co_await wait_change(*events, seen, std::chrono::milliseconds(3000));
      continue;
    }
    if (ranks.empty()) {
      for (const auto& [issue, worth] : n["worth"].items()) {
        std::vector<std::pair<double, std::string>> options;
        for (const auto& [option, value] : worth.items())
          options.emplace_back(value.get<double>(), option);
        std::stable_sort(options.begin(), options.end(),
                         [](const auto& a, const auto& b) { return a.first > b.first; });
        for (const auto& o : options) ranks[issue].push_back(o.second);
        conceded[issue] = 0;
      }
    }
    if (run.think_ms > 0) {
      // A person reads the offer and clicks: up to think_ms, uniformly.
      net::steady_timer think(executor);
      think.expires_after(
          std::chrono::milliseconds(static_cast<int>(random.next() * run.think_ms)));
      co_await think.async_wait(use_awaitable);
    }
    std::string target;
    json body{{"negotiation", n["id"]}};
    if (n["answering"] == true &&
        (n["offer_index"].get<int>() >= patience || n["last_offer"] == true)) {
      target = n["last_offer"] == true && random.next() < 0.3 ? "/api/reject" : "/api/accept";
    } else {
      target = "/api/offer";
      if (n["offers"].size() >= 2) {
        auto it = ranks.begin();
        std::advance(it, static_cast<long>(random.next() * static_cast<double>(ranks.size())));
        conceded[it->first] = std::min(conceded[it->first] + 1, it->second.size() - 1);
      }
      json outcome = json::object();
      for (const auto& [issue, options] : ranks) outcome[issue] = options[conceded[issue]];
      body["outcome"] = outcome;
    }
    const auto begin = Clock::now();
    auto [answer, reply] = co_await connection.call(http::verb::post, target, seat, body.dump());
    run.latencies_ms.push_back(
        std::chrono::duration<double, std::milli>(Clock::now() - begin).count());
    if (answer != 200) {
      ++run.failures;
      co_return;
    }
    if (reply.contains("me")) carried = std::move(reply["me"]);
  }
  static_cast<void>(count);
  ++run.failures;  // did not finish within kMaxSteps
}

awaitable<void> teacher(Run& run, int count) {
  const auto executor = co_await net::this_coro::executor;
  net::steady_timer timer(executor);
  for (int k = 0; k < 600 && run.joined + run.failures < count; ++k) {
    timer.expires_after(std::chrono::milliseconds(50));
    co_await timer.async_wait(use_awaitable);
  }
  timer.expires_after(std::chrono::milliseconds(300));  // let the event streams open
  co_await timer.async_wait(use_awaitable);
  Connection connection(executor);
  co_await connection.open(run.endpoint);
  auto [status, body] =
      co_await connection.call(http::verb::post, "/api/teacher/round", run.teacher,
                               R"({"pairing": "students", "deadline": 20})");
  run.round_started = status == 200;
}

// The projector: the teacher's page, reading the class's state on every change.
awaitable<void> projector(Run& run) {
  const auto executor = co_await net::this_coro::executor;
  auto events = std::make_shared<Events>();
  events->wake = std::make_unique<net::steady_timer>(executor);
  // The stream: as a student's, with the teacher's secret.
  net::co_spawn(executor, listen(run, run.teacher, events, "/api/teacher/events"), net::detached);
  Connection connection(executor);
  co_await connection.open(run.endpoint);
  for (int k = 0; k < 100000 && !run.done; ++k) {
    const std::uint64_t seen = events->changes;
    const auto begin = Clock::now();
    auto [status, state] =
        co_await connection.call(http::verb::get, "/api/teacher/state", run.teacher);
    run.projector_ms.push_back(
        std::chrono::duration<double, std::milli>(Clock::now() - begin).count());
    if (status == 200) ++run.projector_reads;
    co_await wait_change(*events, seen, std::chrono::milliseconds(500));
  }
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const auto rank =
      static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
  return values[std::min(values.size() - 1, rank == 0 ? 0 : rank - 1)];
}

// CPU seconds and peak resident MiB of process `pid`, from /proc.
std::pair<double, double> usage(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  std::istringstream fields(text.substr(text.rfind(')') + 2));
  std::vector<std::string> parts;
  for (std::string f; fields >> f;) parts.push_back(f);
  const double ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
  const double cpu = (std::stod(parts.at(11)) + std::stod(parts.at(12))) / ticks;
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  double peak = 0.0;
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmHWM:", 0) == 0) peak = std::stod(line.substr(6)) / 1024.0;
  }
  return {cpu, peak};
}

// The 1-minute load average of the machine.
double load_average() {
  std::ifstream in("/proc/loadavg");
  double load = 0.0;
  in >> load;
  return load;
}

int bench(const std::string& binary, int count, int think_ms, bool with_projector) {
  const auto dir =
      std::filesystem::temp_directory_path() /
      ("treatysim-class-bench-" + std::to_string(::getpid()) + "-" + std::to_string(count));
  std::filesystem::create_directories(dir);
  const std::string ready = (dir / "ready.json").string();
  const std::string db = (dir / "class.sqlite").string();
  std::vector<std::string> args{
      binary,         "class", "configs/three-clauses.toml", "--port", "0", "--db", db,
      "--ready-file", ready};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  if (posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ) != 0) {
    std::cerr << "class_bench: cannot start " << binary << "\n";
    return 2;
  }
  posix_spawn_file_actions_destroy(&actions);
  for (int k = 0; k < 200 && !std::filesystem::exists(ready); ++k) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (!std::filesystem::exists(ready)) {
    std::cerr << "class_bench: the server did not start\n";
    ::kill(pid, SIGKILL);
    return 2;
  }
  std::ifstream in(ready);
  const json info = json::parse(in);
  Run run;
  run.endpoint =
      tcp::endpoint(net::ip::make_address("127.0.0.1"), info["port"].get<unsigned short>());
  run.code = info["code"];
  run.teacher = info["teacher_token"];
  run.think_ms = think_ms;
  run.projector = with_projector;
  const double load_before = load_average();
  const auto before = usage(pid);
  const auto begin = Clock::now();
  {
    net::io_context context(1);
    for (int i = 0; i < count; ++i) net::co_spawn(context, student(run, i, count), net::detached);
    net::co_spawn(context, teacher(run, count), net::detached);
    if (run.projector) net::co_spawn(context, projector(run), net::detached);
    // Every coroutine ends by itself; the streams are closed when the server stops.
    while (run.finished + run.failures < count && Clock::now() - begin < std::chrono::minutes(5)) {
      context.run_for(std::chrono::milliseconds(100));
    }
    run.done = true;
    const auto after = usage(pid);
    const double seconds = std::chrono::duration<double>(Clock::now() - begin).count();
    std::printf("%8d %8s %5s %8zu %8.2f %8.2f %8.2f %10.2f %8.1f %7.1f %6d %8.2f %5.1f→%-5.1f %s\n",
                count,
                think_ms > 0 ? ("0-" + std::to_string(think_ms / 1000) + " s").c_str() : "burst",
                run.projector ? "yes" : "no", run.latencies_ms.size(),
                percentile(run.latencies_ms, 50), percentile(run.latencies_ms, 95),
                percentile(run.latencies_ms, 99), after.first - before.first, after.second, seconds,
                run.projector_reads, percentile(run.projector_ms, 95), load_before, load_average(),
                run.failures == 0 && run.round_started ? "ok" : "FAILED");
    std::fflush(stdout);
    // Let the projector's last read finish before the server goes.
    context.run_for(std::chrono::milliseconds(200));
    ::kill(pid, SIGINT);
    int status = 0;
    ::waitpid(pid, &status, 0);
  }
  std::filesystem::remove_all(dir);
  return run.failures == 0 && run.round_started ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: class_bench TREATYSIM [--pace burst|paced|both] [--no-projector] "
                 "[STUDENTS...]   (run from the source root)\n";
    return 2;
  }
  std::vector<int> counts;
  std::vector<int> thinks{0, 2000};
  bool with_projector = true;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--no-projector") {
      with_projector = false;
    } else if (arg == "--pace" && i + 1 < argc) {
      const std::string pace = argv[++i];
      if (pace == "burst") {
        thinks = {0};
      } else if (pace == "paced") {
        thinks = {2000};
      } else if (pace != "both") {
        std::cerr << "class_bench: --pace: expected burst, paced or both, got " << pace << "\n";
        return 2;
      }
    } else if (const int count = std::atoi(arg.c_str()); count >= 2 && count <= 2000) {
      counts.push_back(count);
    } else {
      std::cerr << "class_bench: expected a number of students (2 to 2000), got " << arg << "\n";
      return 2;
    }
  }
  if (counts.empty()) counts = {60, 300};
  std::printf(
      "class mode on loopback: one round of up to 20 offers per pair "
      "(configs/three-clauses.toml)\n");
  std::printf("%8s %8s %5s %8s %8s %8s %8s %10s %8s %7s %6s %8s %11s\n", "students", "pace", "proj",
              "actions", "p50 ms", "p95 ms", "p99 ms", "server cpu", "peak MiB", "wall s", "reads",
              "read p95", "load");
  int failed = 0;
  // Burst: every student acts the moment it may (the worst case: a whole class in one wave).
  // Paced: each waits up to 2 s first, as people reading and clicking do.
  for (const int think : thinks) {
    for (const int count : counts) failed |= bench(argv[1], count, think, with_projector);
  }
  return failed;
}
