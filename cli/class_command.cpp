// class_command.cpp — `treatysim class`: the class negotiates from its browsers (server/), and
// `treatysim class-export`: a class database's negotiations as CSV and traces.
#include <filesystem>
#include <ostream>

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "agents/registry.hpp"
#include "cli/commands.hpp"
#include "cli/scenario_setup.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"
#include "engine/protocol/trace.hpp"
#include "server/class_api.hpp"
#include "server/class_room.hpp"
#include "server/class_store.hpp"
#include "server/http_server.hpp"
#include "server/qr_code.hpp"

namespace treatysim::cli {

namespace {

constexpr int kInterruptedStatus = 130;  // 128 + SIGINT, as shells report it

// The machine's IPv4 addresses other than loopback, for URLs students can reach.
std::vector<std::string> lan_addresses() {
  std::vector<std::string> found;
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) return found;
  for (const ifaddrs* entry = list; entry != nullptr; entry = entry->ifa_next) {
    if (entry->ifa_addr == nullptr || entry->ifa_addr->sa_family != AF_INET) continue;
    if ((entry->ifa_flags & IFF_UP) == 0 || (entry->ifa_flags & IFF_LOOPBACK) != 0) continue;
    char text[INET_ADDRSTRLEN] = {};
    const auto* address = reinterpret_cast<const sockaddr_in*>(entry->ifa_addr);
    if (::inet_ntop(AF_INET, &address->sin_addr, text, sizeof text) != nullptr) {
      found.emplace_back(text);
    }
  }
  ::freeifaddrs(list);
  return found;
}

std::string url_host(const std::string& address) {
  return address.find(':') != std::string::npos ? "[" + address + "]" : address;
}

}  // namespace

namespace {

// Removes a class database this run created, when the class could not start (a bad option):
// a failed start leaves no file behind.
class NewFileGuard {
 public:
  explicit NewFileGuard(std::string path)
      : path_(std::move(path)), existed_(std::filesystem::exists(path_)) {}
  ~NewFileGuard() {
    if (existed_ || kept_) return;
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::filesystem::remove(path_ + suffix, ignored);
    }
  }
  NewFileGuard(const NewFileGuard&) = delete;
  NewFileGuard& operator=(const NewFileGuard&) = delete;
  void keep() noexcept { kept_ = true; }

 private:
  std::string path_;
  bool existed_;
  bool kept_ = false;
};

}  // namespace

int class_command(const ClassOptions& options, std::ostream& out) {
  const Scenario scenario = load_scenario(options.scenario, std::nullopt);
  const std::string db = options.db.empty() ? "class-" + scenario.id() + ".sqlite" : options.db;
  NewFileGuard guard(db);
  const agents::Registry& registry = agents::builtin_registry();
  server::ClassStore store(db, false);
  const bool resumed = !store.empty();
  server::ClassRoom room(store, scenario, options.seed.value_or(1),
                         server::ClassSettings{options.deadline, options.against}, registry);
  if (resumed && options.seed && *options.seed != room.seed()) {
    throw UserError("--seed " + std::to_string(*options.seed) + ": the class in " + db +
                    " was started with seed " + std::to_string(room.seed()) +
                    " (leave --seed out to resume it, or use another --db)");
  }
  server::ClassApi api(room, {"http://127.0.0.1/", "http://127.0.0.1/teacher"});
  server::ClassServer server(api, options.bind, options.port);
  const unsigned short port = server.port();
  guard.keep();  // the class has started: its file stays

  // The addresses students type: the bound one, or this machine's LAN addresses for 0.0.0.0.
  std::vector<std::string> hosts;
  if (options.bind == "0.0.0.0" || options.bind == "::") {
    hosts = lan_addresses();
    if (hosts.empty()) hosts.push_back("127.0.0.1");
  } else {
    hosts.push_back(options.bind);
  }
  const auto base = [&](const std::string& host) {
    return "http://" + url_host(host) + ":" + std::to_string(port);
  };
  const std::string student_url = base(hosts.front()) + "/?code=" + room.code();
  const std::string teacher_url = base(hosts.front()) + "/teacher#" + room.teacher_token();
  api.set_addresses({student_url, teacher_url});

  out << scenario.title() << "\n"
      << (resumed ? "Resumed the class in " : "New class in ") << db << " ("
      << room.students().size() << " students, " << room.rounds().size() << " rounds)\n\n"
      << "Students: open " << student_url << "\n"
      << "          or " << base(hosts.front()) << "/ and enter the code " << room.code() << "\n";
  for (std::size_t i = 1; i < hosts.size(); ++i) {
    out << "          (on another network: " << base(hosts[i]) << "/?code=" << room.code() << ")\n";
  }
  if (options.bind == "127.0.0.1" || options.bind == "::1") {
    out << "          This address works on this computer only: for phones and laptops in the "
           "room, start with --bind 0.0.0.0\n";
  }
  out << "\n"
      << server::qr_terminal(server::qr_encode(student_url), options.ansi) << "\n"
      << "Teacher (keep this link to yourself; open it on the projector):\n  " << teacher_url
      << "\n\nCtrl-C stops the server; everything is saved in " << db
      << " (start again with the same --db to resume).\n"
      << std::flush;

  if (!options.ready_file.empty()) {
    nlohmann::ordered_json ready{{"student_url", student_url},
                                 {"teacher_url", teacher_url},
                                 {"code", room.code()},
                                 {"teacher_token", room.teacher_token()},
                                 {"port", port}};
    write_file_atomically(options.ready_file, ready.dump(2) + "\n");
  }
  const int signal = server.run(true);
  out << "\nStopped: the class is saved in " << db << ".\n" << std::flush;
  return signal != 0 ? kInterruptedStatus : 0;
}

int class_export_command(const ClassExportOptions& options, std::ostream& out) {
  if (!std::filesystem::exists(options.db)) {
    throw UserError(SourceLocation{options.db, 0, 0}, "", "no such class database");
  }
  const agents::Registry& registry = agents::builtin_registry();
  server::ClassStore store(options.db, true);
  if (store.empty()) {
    throw UserError(SourceLocation{options.db, 0, 0}, "", "not a treatysim class database");
  }
  const server::ClassSnapshot snapshot = store.load();
  const Scenario scenario = parse_scenario(
      snapshot.meta.scenario_toml, options.db + " (its scenario)", agents::spec_checker(registry));
  server::ClassRoom room(store, scenario, snapshot.meta.seed, {}, registry);
  const std::filesystem::path dir(options.out);
  std::error_code ec;
  std::filesystem::create_directories(dir / "traces", ec);
  if (ec) {
    throw UserError(SourceLocation{options.out, 0, 0}, "",
                    "cannot create the folder: " + ec.message());
  }
  write_file_atomically((dir / "negotiations.csv").string(), server::class_csv(room));
  for (const auto& negotiation : room.negotiations()) {
    write_file_atomically((dir / "traces" / (std::to_string(negotiation->id) + ".json")).string(),
                          trace_to_text(room.trace(*negotiation)));
  }
  out << "Wrote " << (dir / "negotiations.csv").string() << " and " << room.negotiations().size()
      << " traces in " << (dir / "traces").string() << " (" << room.students().size()
      << " students, " << room.rounds().size() << " rounds)\n";
  return 0;
}

}  // namespace treatysim::cli
