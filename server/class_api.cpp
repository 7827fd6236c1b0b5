#include "server/class_api.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

#include <boost/asio/ip/address.hpp>

#include "engine/model/issue.hpp"
#include "engine/model/user_error.hpp"
#include "engine/protocol/trace.hpp"
#include "server/qr_code.hpp"
#include "server/web_assets.hpp"

namespace treatysim::server {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr int kMaxJsonDepth = 16;
constexpr std::size_t kMaxBuckets = 20000;

// The pages load only their own files; nothing inline, nothing from elsewhere.
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

void add_common_headers(HttpResponse& response) {
  // Every response carries the policy, pages or not (a JSON answer opened as a page runs nothing).
  response.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
  response.headers.emplace_back("Cache-Control", "no-store");
}

HttpResponse json_response(int status, const ordered_json& body) {
  HttpResponse response;
  response.status = status;
  response.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  response.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  response.body += '\n';
  return response;
}

HttpResponse error_response(int status, const std::string& message) {
  HttpResponse response = json_response(status, ordered_json{{"error", message}});
  if (status == 401) response.headers.emplace_back("WWW-Authenticate", "Bearer");
  return response;
}

HttpResponse too_many() {
  HttpResponse response = error_response(429, "too many requests: wait a moment and try again");
  response.headers.emplace_back("Retry-After", "2");
  return response;
}

bool is_loopback(const std::string& address) {
  return address.rfind("127.", 0) == 0 || address == "::1" || address.rfind("::ffff:127.", 0) == 0;
}

// Rejects nesting beyond kMaxJsonDepth before the parser sees it (strings are skipped).
bool too_deep(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

// The body as a JSON object; ClassError 400 when it is not one, or when an object names a key
// twice (which of the two would count is a guess: refuse it). An empty body is {}.
json parse_body(const std::string& body) {
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) return json::object();
  if (too_deep(body)) throw ClassError(400, "malformed JSON: nested too deeply");
  std::vector<std::vector<std::string>> keys;  // of each open object
  std::optional<std::string> duplicate;
  const json::parser_callback_t watch = [&](int, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::object_start) {
      keys.emplace_back();
    } else if (event == json::parse_event_t::object_end && !keys.empty()) {
      keys.pop_back();
    } else if (event == json::parse_event_t::key && !keys.empty() && parsed.is_string()) {
      std::vector<std::string>& seen = keys.back();
      const std::string& key = parsed.get_ref<const std::string&>();
      if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
        if (!duplicate) duplicate = key;
      } else {
        seen.push_back(key);
      }
    }
    return true;
  };
  json value;
  try {
    value = json::parse(body, watch);
  } catch (const json::exception& e) {
    throw ClassError(400, std::string("malformed JSON: ") + e.what());
  }
  if (duplicate)
    throw ClassError(400, "malformed JSON: the key \"" + *duplicate + "\" appears twice");
  if (!value.is_object()) throw ClassError(400, "malformed JSON: expected an object");
  return value;
}

// A whole number of the body, or nullopt when `value` is not one (or beyond ±2⁶³).
std::optional<long long> whole_number(const json& value) {
  if (value.is_number_unsigned()) {
    const auto number = value.get<std::uint64_t>();
    if (number > static_cast<std::uint64_t>(std::numeric_limits<long long>::max())) {
      return std::nullopt;
    }
    return static_cast<long long>(number);
  }
  if (value.is_number_integer()) return value.get<long long>();
  return std::nullopt;
}

// Refuses members other than `allowed`.
void only_keys(const json& body, std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : body.items()) {
    static_cast<void>(value);
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string list;
      for (const std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      throw ClassError(400, "unknown key \"" + key + "\" (expected " + list + ")");
    }
  }
}

std::string bearer(const HttpRequest& request) {
  const auto it = request.headers.find("authorization");
  if (it == request.headers.end()) return {};
  const std::string& value = it->second;
  if (value.size() < 7) return {};
  std::string scheme = value.substr(0, 7);
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "bearer ") return {};
  const auto start = value.find_first_not_of(' ', 7);
  return start == std::string::npos ? std::string() : value.substr(start);
}

HttpResponse page(std::string_view name) {
  const std::optional<WebAsset> asset = find_web_asset(name);
  if (!asset) return error_response(404, "no such page");
  HttpResponse response;
  response.headers.emplace_back("Content-Type", std::string(asset->content_type));
  response.body = std::string(asset->bytes);
  return response;
}

HttpResponse method_not_allowed(const char* allow) {
  HttpResponse response = error_response(405, std::string("use ") + allow);
  response.headers.emplace_back("Allow", allow);
  return response;
}

double steady_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

Outcome parse_outcome_json(const json& value, const Scenario& scenario) {
  if (!value.is_object()) {
    throw ClassError(400, "outcome: expected an object {issue id: option id}");
  }
  const OutcomeSpace& space = scenario.space();
  Outcome outcome(space.issue_count());
  for (const auto& [key, option] : value.items()) {
    if (space.find_issue(key) < 0) throw ClassError(400, "outcome: unknown issue \"" + key + "\"");
  }
  for (std::size_t i = 0; i < space.issue_count(); ++i) {
    const Issue& issue = space.issue(i);
    const auto it = value.find(issue.id);
    if (it == value.end()) throw ClassError(400, "outcome: missing issue \"" + issue.id + "\"");
    if (!it->is_string()) {
      throw ClassError(400, "outcome." + issue.id + ": expected an option id (a string)");
    }
    const std::string option = it->get<std::string>();
    int found = -1;
    for (std::size_t o = 0; o < issue.options.size(); ++o) {
      if (issue.options[o].id == option) found = static_cast<int>(o);
    }
    if (found < 0) {
      std::string list;
      for (const Option& o : issue.options) list += (list.empty() ? "" : ", ") + o.id;
      throw ClassError(400, "outcome." + issue.id + ": unknown option \"" + option +
                                "\" (expected one of " + list + ")");
    }
    outcome.set(i, found);
  }
  return outcome;
}

ClassApi::ClassApi(ClassRoom& room, ClassAddresses addresses, RateLimits limits, Clock clock)
    : room_(room),
      addresses_(std::move(addresses)),
      limits_(limits),
      clock_(clock ? std::move(clock) : Clock(steady_seconds)) {
  // Versions start at the wall clock's milliseconds, so that those of a restarted server follow
  // the ones pages saw before (a page never takes a new view for an old one).
  const auto since_epoch = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now().time_since_epoch());
  version_ = static_cast<std::uint64_t>(std::max<long long>(1, since_epoch.count()));
  set_addresses(addresses_);
}

void ClassApi::set_addresses(ClassAddresses addresses) {
  addresses_ = std::move(addresses);
  qr_svg_ = qr_svg(qr_encode(addresses_.student_url));
}

void ClassApi::note_changes() {
  ClassRoom::Changes changes = room_.take_changes();
  if (!changes.everyone && !changes.teacher && changes.students.empty()) return;
  ++version_;
  pending_.everyone = pending_.everyone || changes.everyone;
  pending_.teacher = pending_.teacher || changes.teacher;
  pending_.students.insert(pending_.students.end(), changes.students.begin(),
                           changes.students.end());
}

ClassRoom::Changes ClassApi::take_changes() {
  note_changes();
  ClassRoom::Changes changes = std::move(pending_);
  pending_ = {};
  return changes;
}

bool ClassApi::take(std::map<std::string, Bucket>& buckets, const std::string& key,
                    const RateLimit& limit) {
  const double now = clock_();
  if (buckets.size() > kMaxBuckets) {
    // Forget the buckets that have refilled: they hold no information.
    for (auto it = buckets.begin(); it != buckets.end();) {
      const double tokens = it->second.tokens + (now - it->second.updated) * limit.per_second;
      it = tokens >= limit.capacity ? buckets.erase(it) : std::next(it);
    }
  }
  auto [it, added] = buckets.try_emplace(key, Bucket{limit.capacity, now});
  Bucket& bucket = it->second;
  bucket.tokens = std::min(limit.capacity,
                           bucket.tokens + std::max(0.0, now - bucket.updated) * limit.per_second);
  bucket.updated = now;
  if (bucket.tokens < 1.0) return false;
  bucket.tokens -= 1.0;
  return true;
}

bool ClassApi::exhausted(const std::map<std::string, Bucket>& buckets, const std::string& key,
                         const RateLimit& limit) const {
  const auto it = buckets.find(key);
  if (it == buckets.end()) return false;
  const double tokens =
      it->second.tokens + std::max(0.0, clock_() - it->second.updated) * limit.per_second;
  return tokens < 1.0;
}

std::string ClassApi::address_key(const std::string& client) {
  boost::system::error_code ec;
  const boost::asio::ip::address address = boost::asio::ip::make_address(client, ec);
  if (ec || !address.is_v6()) return client;
  const boost::asio::ip::address_v6 v6 = address.to_v6();
  if (v6.is_v4_mapped()) {
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6).to_string();
  }
  boost::asio::ip::address_v6::bytes_type bytes = v6.to_bytes();
  std::fill(bytes.begin() + 8, bytes.end(), static_cast<unsigned char>(0));
  return boost::asio::ip::address_v6(bytes).to_string() + "/64";
}

const Student* ClassApi::seat_of(const HttpRequest& request) {
  return room_.student_by_seat(bearer(request));
}

bool ClassApi::teacher(const HttpRequest& request) {
  return room_.is_teacher(bearer(request));
}

HttpResponse ClassApi::handle(const HttpRequest& request) {
  HttpResponse response;
  try {
    const bool limited = !(limits_.exempt_loopback && is_loopback(request.client));
    if (limited &&
        !take(address_buckets_, address_key(request.client), limits_.requests_per_address)) {
      response = too_many();
    } else if (request.body.size() > kMaxBodyBytes) {
      response = error_response(413, "the request body is larger than 64 KiB");
    } else {
      response = route(request);
    }
  } catch (const ClassError& e) {
    response = error_response(e.status(), e.what());
  } catch (const UserError& e) {
    response = error_response(400, e.what());
  } catch (const std::bad_alloc&) {
    response = error_response(503, "out of memory");
  } catch (const std::exception& e) {
    // A bug, not the request's fault: answer and keep serving the class.
    response = error_response(500, std::string("internal error: ") + e.what());
  }
  note_changes();
  add_common_headers(response);
  return response;
}

HttpResponse ClassApi::route(const HttpRequest& request) {
  const std::string path = request.target.substr(0, request.target.find('?'));
  const bool get = request.method == "GET" || request.method == "HEAD";
  const bool post = request.method == "POST";
  const bool limited = !(limits_.exempt_loopback && is_loopback(request.client));

  // [SECTION] Pages and public data
  if (path == "/" || path == "/index.html")
    return get ? page("student.html") : method_not_allowed("GET");
  if (path == "/favicon.ico") {
    HttpResponse response;
    response.status = 204;  // no icon: browsers ask anyway
    return response;
  }
  if (path == "/teacher") return get ? page("teacher.html") : method_not_allowed("GET");
  if (path.rfind("/static/", 0) == 0) {
    if (!get) return method_not_allowed("GET");
    const std::string name = path.substr(8);
    if (name.find('/') != std::string::npos || name == "student.html" || name == "teacher.html") {
      return error_response(404, "no such file");
    }
    return page(name);
  }
  if (path == "/api/scenario") {
    if (!get) return method_not_allowed("GET");
    return json_response(200, scenario_view(room_));
  }
  if (path == "/api/qr.svg") {
    if (!get) return method_not_allowed("GET");
    HttpResponse response;
    response.headers.emplace_back("Content-Type", "image/svg+xml");
    response.body = qr_svg_;
    return response;
  }
  if (path == "/api/join") {
    if (!post) return method_not_allowed("POST");
    const std::string address = address_key(request.client);
    // With the wrong-code budget spent, every join waits (a right code must not answer faster
    // than a wrong one, or guessing would go on).
    if (limited && (exhausted(wrong_code_buckets_, address, limits_.wrong_codes_per_address) ||
                    !take(join_buckets_, address, limits_.joins_per_address))) {
      return too_many();
    }
    const json body = parse_body(request.body);
    only_keys(body, {"code", "name"});
    const auto code = body.find("code");
    const auto name = body.find("name");
    if (code == body.end() || !code->is_string()) throw ClassError(400, "code: expected a string");
    if (name == body.end() || !name->is_string()) throw ClassError(400, "name: expected a string");
    if (!room_.is_code(code->get<std::string>())) {
      if (limited) {
        static_cast<void>(take(wrong_code_buckets_, address, limits_.wrong_codes_per_address));
      }
      return error_response(403, "wrong code: check the code on the projector");
    }
    const Student& student = room_.join(name->get<std::string>());
    return json_response(200, ordered_json{{"seat", student.seat}, {"student", student.id}});
  }

  // Every other route needs a token.
  if (path.rfind("/api/", 0) != 0) return error_response(404, "no such page");
  const auto unauthorized = [](const char* message) { return error_response(401, message); };

  // [SECTION] Teacher
  if (path.rfind("/api/teacher/", 0) == 0) {
    if (!teacher(request)) return unauthorized("the teacher's secret is needed (Bearer TOKEN)");
    const std::string what = path.substr(13);
    if (what == "state") {
      if (!get) return method_not_allowed("GET");
      ordered_json view = teacher_view(room_, addresses_);
      view["version"] = version_;
      return json_response(200, view);
    }
    if (what == "analysis") {
      if (!get) return method_not_allowed("GET");
      return json_response(200, analysis_view(room_));
    }
    if (what == "results") {
      if (!get) return method_not_allowed("GET");
      return json_response(200, results_view(room_));
    }
    if (what == "export.csv") {
      if (!get) return method_not_allowed("GET");
      HttpResponse response;
      response.headers.emplace_back("Content-Type", "text/csv; charset=utf-8");
      response.headers.emplace_back("Content-Disposition", "attachment; filename=\"class-" +
                                                               room_.scenario().id() + ".csv\"");
      response.body = class_csv(room_);
      return response;
    }
    if (what.rfind("trace/", 0) == 0) {
      if (!get) return method_not_allowed("GET");
      const std::string number = what.substr(6);
      int id = 0;
      const auto result = std::from_chars(number.data(), number.data() + number.size(), id);
      if (number.empty() || result.ec != std::errc{} ||
          result.ptr != number.data() + number.size()) {
        return error_response(404, "no negotiation \"" + number + "\"");
      }
      const ClassNegotiation& n = room_.negotiation(id);
      HttpResponse response;
      response.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
      response.headers.emplace_back("Content-Disposition",
                                    "attachment; filename=\"" + std::to_string(id) + ".json\"");
      response.body = trace_to_text(room_.trace(n));
      return response;
    }
    if (what == "events") {
      if (!get) return method_not_allowed("GET");
      HttpResponse response;
      response.stream = StreamSubscriber{true, 0};
      return response;
    }
    if (what == "round") {
      if (!post) return method_not_allowed("POST");
      const json body = parse_body(request.body);
      only_keys(body, {"pairing", "deadline", "against", "swap"});
      RoundRequest round;
      const auto pairing = body.find("pairing");
      if (pairing == body.end() || !pairing->is_string() ||
          !parse_pairing(pairing->get<std::string>())) {
        throw ClassError(400, "pairing: expected \"students\", \"agents\" or \"mixed\"");
      }
      round.pairing = *parse_pairing(pairing->get<std::string>());
      if (const auto d = body.find("deadline"); d != body.end() && !d->is_null()) {
        const std::optional<long long> value = whole_number(*d);
        if (!value || *value < 1 || *value > 1000) {
          throw ClassError(
              400, "deadline: expected a number of offers from 1 to 1000, got " + d->dump());
        }
        round.deadline = static_cast<int>(*value);
      }
      if (const auto a = body.find("against"); a != body.end() && !a->is_null()) {
        if (!a->is_string()) throw ClassError(400, "against: expected a strategy spec (a string)");
        if (!a->get<std::string>().empty()) round.against = a->get<std::string>();
      }
      if (const auto s = body.find("swap"); s != body.end() && !s->is_null()) {
        if (!s->is_boolean()) throw ClassError(400, "swap: expected true or false");
        round.swap = s->get<bool>();
      }
      const ClassRound& started = room_.start_round(round);
      return json_response(
          200, ordered_json{{"round", started.id}, {"negotiations", started.negotiations}});
    }
    if (what == "end") {
      if (!post) return method_not_allowed("POST");
      const ClassRound& round = room_.end_round();
      return json_response(200, ordered_json{{"round", round.id}, {"ended", true}});
    }
    if (what == "reveal") {
      if (!post) return method_not_allowed("POST");
      const ClassRound& round = room_.reveal();
      return json_response(200, ordered_json{{"round", round.id}, {"revealed", true}});
    }
    return error_response(404, "no such teacher endpoint");
  }

  // [SECTION] Students
  if (path == "/api/events") {
    if (!get) return method_not_allowed("GET");
    if (teacher(request)) {
      HttpResponse response;
      response.stream = StreamSubscriber{true, 0};
      return response;
    }
    const Student* student = seat_of(request);
    if (student == nullptr) return unauthorized("join first: no valid seat (Bearer SEAT)");
    HttpResponse response;
    response.stream = StreamSubscriber{false, student->id};
    return response;
  }
  static constexpr std::string_view kActions[] = {"/api/me",     "/api/offer",     "/api/accept",
                                                  "/api/reject", "/api/walk_away", "/api/evaluate"};
  if (std::find(std::begin(kActions), std::end(kActions), path) == std::end(kActions)) {
    return error_response(404, "no such endpoint");
  }
  const Student* student = seat_of(request);
  if (student == nullptr) return unauthorized("join first: no valid seat (Bearer SEAT)");
  if (!take(seat_buckets_, student->seat, limits_.requests_per_seat)) return too_many();
  if (path == "/api/me") {
    if (!get) return method_not_allowed("GET");
    ordered_json view = student_view(room_, *student, &views_);
    view["version"] = version_;
    return json_response(200, view);
  }
  if (!post) return method_not_allowed("POST");
  return student_action(request, path.substr(5));
}

HttpResponse ClassApi::student_action(const HttpRequest& request, std::string_view action) {
  const Student& student = *seat_of(request);
  const json body = parse_body(request.body);
  const bool with_outcome = action == "offer" || action == "evaluate";
  if (with_outcome) {
    only_keys(body, {"outcome", "negotiation"});
  } else {
    only_keys(body, {"negotiation"});
  }
  const ClassNegotiation* current = room_.current_negotiation(student.id);
  if (const auto id = body.find("negotiation"); id != body.end() && !id->is_null()) {
    const std::optional<long long> wanted = whole_number(*id);
    if (!id->is_number_integer()) throw ClassError(400, "negotiation: expected a whole number");
    if (current == nullptr || wanted != current->id) {
      const bool theirs = wanted && *wanted >= 1 &&
                          *wanted <= static_cast<long long>(room_.negotiations().size()) &&
                          room_.negotiation(static_cast<int>(*wanted)).side_of(student.id);
      if (!theirs) throw ClassError(403, "negotiation " + id->dump() + " is not yours");
      throw ClassError(409, "negotiation " + id->dump() + " has ended");
    }
  }
  std::optional<Outcome> outcome;
  if (with_outcome) {
    const auto value = body.find("outcome");
    if (value == body.end())
      throw ClassError(400, "outcome: missing (an object {issue id: option id})");
    outcome = parse_outcome_json(*value, room_.scenario());
  }
  if (action == "evaluate") {
    if (current == nullptr) {
      throw ClassError(409, "you are not in a negotiation: wait for the teacher to start a round");
    }
    const PartyIndex party = *current->side_of(student.id);
    return json_response(
        200,
        ordered_json{{"utility", round_for_output(room_.scenario().utility(party)(*outcome))}});
  }
  StudentAction kind = StudentAction::kOffer;
  if (action == "accept") kind = StudentAction::kAccept;
  if (action == "reject") kind = StudentAction::kReject;
  if (action == "walk_away") kind = StudentAction::kWalkAway;
  const ClassNegotiation& n = room_.act(student.id, kind, outcome ? &*outcome : nullptr);
  // The answer carries the student's new view (the page needs no GET /api/me after its own
  // action), counted as the version this action makes.
  note_changes();
  ordered_json me = student_view(room_, student, &views_);
  me["version"] = version_;
  return json_response(200,
                       ordered_json{{"negotiation", n.id},
                                    {"offers", static_cast<int>(n.negotiation().offers().size())},
                                    {"end", n.end_name()},
                                    {"me", std::move(me)}});
}

}  // namespace treatysim::server
