// class_api.hpp — the HTTP API of class mode as a pure function: (method, path, headers, body,
// client address) → (status, headers, body). No sockets: the transport (http_server.hpp) calls
// it for every request, and tests and fuzzers call it directly.
//
// Routes (README / docs/class-mode.md "The JSON API"):
//   GET  /  /teacher  /static/…        the pages (HTML, CSS, JS), with a strict CSP
//   GET  /api/scenario                 the public part of the scenario (issues, options, parties)
//   GET  /api/qr.svg                   the QR code of the student URL
//   POST /api/join                     {"code", "name"} → {"seat", "student"}; wrong code 403
//   GET  /api/me                       (Bearer SEAT) the student's view
//   POST /api/offer | accept | reject | walk_away | evaluate     (Bearer SEAT)
//   GET  /api/events                   (Bearer SEAT or TEACHER) Server-Sent Events
//   GET  /api/teacher/state | analysis | results | export.csv | trace/K     (Bearer TEACHER)
//   POST /api/teacher/round | end | reveal                                  (Bearer TEACHER)
// Errors are JSON {"error": message} with 400 (malformed JSON, bad outcome or field), 401 (no or
// wrong token), 403 (wrong code, another's negotiation), 404, 405, 409 (not your turn, ended,
// round running), 413 (body over 64 KiB) and 429 (rate limits, with Retry-After). A refused
// request changes nothing.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/class_room.hpp"

namespace treatysim::server {

inline constexpr std::size_t kMaxBodyBytes = 64 * 1024;

struct HttpRequest {
  std::string method;                          // "GET", "POST", …
  std::string target;                          // path and query, e.g. "/api/me"
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string client;  // the peer's IP address, e.g. "127.0.0.1"
};

// Who a push stream (Server-Sent Events) is for.
struct StreamSubscriber {
  bool teacher = false;
  int student = 0;  // when !teacher
};

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Set for GET /api/events: the transport keeps the connection open as an event stream.
  std::optional<StreamSubscriber> stream;
};

// Where the class is reached, for the pages and the QR code.
struct ClassAddresses {
  std::string student_url;  // e.g. "http://192.168.1.20:8080/?code=KXMPT"
  std::string teacher_url;  // with the secret in the fragment
};

// Token buckets: `capacity` requests at once, refilled at `per_second`.
struct RateLimit {
  double capacity = 1.0;
  double per_second = 1.0;
};

// Per-address limits are sized so that a whole class behind one shared address (a school proxy
// or NAT: 300 students) still works; each student's own requests are bounded per seat. Seats and
// the teacher's secret are 128-bit random tokens, so wrong tokens need no limit of their own
// (they count as requests of their address); wrong join codes do, since a code has only 21⁵
// values. IPv6 addresses count per /64 (one device may hold a whole /64).
struct RateLimits {
  RateLimit joins_per_address{60.0, 2.0};         // a class of 60 at once, then 2 a second
  RateLimit wrong_codes_per_address{60.0, 1.0};   // then every join of the address waits
  RateLimit requests_per_address{1000.0, 300.0};  // a class of 300 each refreshing at once
  RateLimit requests_per_seat{60.0, 10.0};        // one student's page
  // Requests from loopback addresses (the teacher's own machine, local tests and benchmarks)
  // are not limited per address; per-seat limits still apply.
  bool exempt_loopback = true;
};

// The parts of the views that stay the same for the whole class (a party's values, the outcome
// space), built on first use and kept.
struct ViewCache {
  std::array<std::optional<nlohmann::ordered_json>, kPartyCount> party_values;
  std::optional<nlohmann::ordered_json> analysis;  // without the outcome cloud (the reveal's)
};

class ClassApi {
 public:
  using Clock = std::function<double()>;  // seconds, monotonic
  ClassApi(ClassRoom& room, ClassAddresses addresses, RateLimits limits = {}, Clock clock = {});

  // Handles one request; never throws for any input (a broken invariant aborts, as everywhere).
  [[nodiscard]] HttpResponse handle(const HttpRequest& request);

  [[nodiscard]] ClassRoom& room() noexcept { return room_; }
  [[nodiscard]] const ClassAddresses& addresses() const noexcept { return addresses_; }
  // Sets the URLs (once the port is known) and redraws the QR code.
  void set_addresses(ClassAddresses addresses);
  // A counter that grows with every change (sent in push messages and views): a view that says
  // version v shows every change up to v, so a page holding it may skip a push of v or less.
  [[nodiscard]] std::uint64_t version() const noexcept { return version_; }
  // The key of a client address in the per-address buckets: the address, an IPv6 address's /64,
  // an IPv4-mapped IPv6 address's IPv4 address.
  [[nodiscard]] static std::string address_key(const std::string& client);
  // The changes since the last call (for the transport's push messages), cleared by the call.
  [[nodiscard]] ClassRoom::Changes take_changes();

 private:
  struct Bucket {
    double tokens = 0.0;
    double updated = 0.0;
  };
  HttpResponse route(const HttpRequest& request);
  // Moves the room's changes into pending_ and counts a new version when there were any.
  void note_changes();
  // Takes a token from the bucket `key`; false (taking nothing) when it is empty.
  bool take(std::map<std::string, Bucket>& buckets, const std::string& key, const RateLimit& limit);
  // True when the bucket `key` has no token left (takes nothing).
  [[nodiscard]] bool exhausted(const std::map<std::string, Bucket>& buckets, const std::string& key,
                               const RateLimit& limit) const;
  const Student* seat_of(const HttpRequest& request);
  bool teacher(const HttpRequest& request);
  HttpResponse student_action(const HttpRequest& request, std::string_view action);

  ClassRoom& room_;
  ClassAddresses addresses_;
  RateLimits limits_;
  Clock clock_;
  std::map<std::string, Bucket> join_buckets_;
  std::map<std::string, Bucket> address_buckets_;
  std::map<std::string, Bucket> wrong_code_buckets_;
  std::map<std::string, Bucket> seat_buckets_;
  std::uint64_t version_ = 1;
  ClassRoom::Changes pending_;
  ViewCache views_;
  std::string qr_svg_;
};

// [SECTION] Views: the JSON the pages read (class_views.cpp) -------------------------------------

// The public scenario: issues with options, parties' ids and names, default deadline.
[[nodiscard]] nlohmann::ordered_json scenario_view(const ClassRoom& room);
// The outcome space as the plots draw it: frontier, the outcome cloud (spaces up to 20 000
// outcomes), the four solutions, the reservation values (for a party whose value is drawn per
// negotiation: the distribution's mean, and `reservation_drawn` describes the distribution).
[[nodiscard]] nlohmann::ordered_json analysis_view(const ClassRoom& room);
// GET /api/me for `student` (with `cache`, its lasting parts come from there): their negotiation,
// with their reservation value in it (drawn from the negotiation's seed when the scenario draws
// it); after the reveal, the outcome space with that negotiation's reservation values and the
// solutions for them.
[[nodiscard]] nlohmann::ordered_json student_view(const ClassRoom& room, const Student& student,
                                                  ViewCache* cache = nullptr);
// GET /api/teacher/state: each negotiation of the round with its two reservation values; with
// drawn values, the histogram's no-deal mark is the mean joint reservation value of the round.
[[nodiscard]] nlohmann::ordered_json teacher_view(const ClassRoom& room,
                                                  const ClassAddresses& addresses);
// GET /api/teacher/results: every round with every negotiation and its trace.
[[nodiscard]] nlohmann::ordered_json results_view(const ClassRoom& room);
// The CSV of every negotiation: the tournament's negotiations.csv columns that apply (with
// reservation_a and reservation_b, each side's value in that negotiation: fixed, or drawn from its
// seed), plus round, student_a and student_b.
[[nodiscard]] std::string class_csv(const ClassRoom& room);
// The header line of class_csv (with its newline).
[[nodiscard]] std::string class_csv_header();

// Parses {issue id: option id} into an outcome of `scenario`; throws ClassError 400 naming the
// unknown issue or option, or the missing issue.
[[nodiscard]] Outcome parse_outcome_json(const nlohmann::json& json, const Scenario& scenario);

}  // namespace treatysim::server
