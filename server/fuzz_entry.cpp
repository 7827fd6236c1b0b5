#include "server/fuzz_entry.hpp"

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <unistd.h>

#include "agents/registry.hpp"
#include "engine/model/check.hpp"
#include "engine/model/scenario_toml.hpp"
#include "server/class_api.hpp"

namespace treatysim::server {

namespace {

constexpr const char* kScenario = R"toml(
[scenario]
id = "fuzz"
title = "Two clauses"

[protocol]
deadline = 6
first_mover = "a"
information = "private"

[[issues]]
id = "x"
label = "X"
options = [{ id = "X0", label = "zero" }, { id = "X1", label = "one" }, { id = "X2", label = "two" }]

[[issues]]
id = "y"
label = "Y"
options = [{ id = "Y0", label = "zero" }, { id = "Y1", label = "one" }]

[[parties]]
id = "a"
name = "A"
reservation = 0.2
discount = 1.0
agent = "boulware(e=0.2)"
[parties.weights]
x = 0.6
y = 0.4
[parties.values]
x = [1.0, 0.5, 0.0]
y = [0.0, 1.0]

[[parties]]
id = "b"
name = "B"
reservation = 0.2
discount = 1.0
agent = "conceder(e=2)"
[parties.weights]
x = 0.5
y = 0.5
[parties.values]
x = [0.0, 0.5, 1.0]
y = [1.0, 0.0]
)toml";

struct FuzzClass {
  FuzzClass() {
    char pattern[] = "/tmp/treatysim-fuzz-XXXXXX";
    const char* made = ::mkdtemp(pattern);
    TREATYSIM_CHECK(made != nullptr, "cannot create a temporary folder for the fuzz database");
    dir = made;
    const agents::Registry& registry = agents::builtin_registry();
    scenario = std::make_unique<Scenario>(
        parse_scenario(kScenario, "fuzz.toml", agents::spec_checker(registry)));
    store = std::make_unique<ClassStore>(dir + "/class.sqlite", false);
    room = std::make_unique<ClassRoom>(*store, *scenario, 1, ClassSettings{}, registry);
    api = std::make_unique<ClassApi>(
        *room, ClassAddresses{"http://127.0.0.1:1/?code=A", "http://127.0.0.1:1/teacher#T"});
    seats[0] = room->join("one").seat;
    seats[1] = room->join("two").seat;
    room->start_round({});
  }
  ~FuzzClass() {
    api.reset();
    room.reset();
    store.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
  FuzzClass(const FuzzClass&) = delete;
  FuzzClass& operator=(const FuzzClass&) = delete;

  std::string dir;
  std::unique_ptr<Scenario> scenario;
  std::unique_ptr<ClassStore> store;
  std::unique_ptr<ClassRoom> room;
  std::unique_ptr<ClassApi> api;
  std::string seats[2];
};

}  // namespace

int fuzz_class_api(const std::uint8_t* data, std::size_t size) {
  static FuzzClass fuzz;
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::size_t line_end = input.find('\n');
  const std::string line = input.substr(0, line_end);
  HttpRequest request;
  request.client = "127.0.0.1";
  request.body = line_end == std::string::npos ? std::string() : input.substr(line_end + 1);
  const std::size_t first = line.find(' ');
  request.method = line.substr(0, first);
  std::string rest = first == std::string::npos ? std::string() : line.substr(first + 1);
  const std::size_t second = rest.find(' ');
  request.target = rest.substr(0, second);
  const std::string who = second == std::string::npos ? std::string() : rest.substr(second + 1);
  if (who == "teacher") request.headers["authorization"] = "Bearer " + fuzz.room->teacher_token();
  if (who == "seat1") request.headers["authorization"] = "Bearer " + fuzz.seats[0];
  if (who == "seat2") request.headers["authorization"] = "Bearer " + fuzz.seats[1];
  const HttpResponse response = fuzz.api->handle(request);
  static_cast<void>(fuzz.api->take_changes());
  TREATYSIM_CHECK(response.status >= 200 && response.status < 600, "an HTTP status");
  TREATYSIM_CHECK(response.status < 500 || response.status == 503,
                  "no input makes the class API fail on its side");
  return 0;
}

}  // namespace treatysim::server
