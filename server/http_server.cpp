#include "server/http_server.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <deque>
#include <map>
#include <unordered_map>
#include <vector>

#include <sys/resource.h>
#include <sstream>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "engine/model/user_error.hpp"

namespace treatysim::server {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace {

constexpr auto kReadTimeout = std::chrono::seconds(30);
constexpr auto kAcceptPause = std::chrono::milliseconds(100);
constexpr std::size_t kSpareDescriptors = 64;  // for the database, the log, the listener

bool is_loopback_address(const std::string& address) {
  return address.rfind("127.", 0) == 0 || address == "::1" || address.rfind("::ffff:127.", 0) == 0;
}

// Raises the soft limit on open files towards the hard one (many systems start programs at
// 1024, fewer than kMaxConnections); returns how many connections then fit, leaving some
// descriptors for the database and the listener.
std::size_t raise_descriptor_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return kMaxConnections;
  const rlim_t wanted = kMaxConnections + kSpareDescriptors;
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < wanted) {
    limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, limit.rlim_max);
    static_cast<void>(::setrlimit(RLIMIT_NOFILE, &limit));
    static_cast<void>(::getrlimit(RLIMIT_NOFILE, &limit));
  }
  if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur >= wanted) return kMaxConnections;
  const auto available = static_cast<std::size_t>(limit.rlim_cur);
  return std::max<std::size_t>(1, available - std::min(kSpareDescriptors, available / 4));
}

constexpr auto kHeartbeat = std::chrono::seconds(15);
constexpr std::uint32_t kMaxHeaderBytes = 16 * 1024;

}  // namespace

// One open connection counted against the limits (whole server, and per address): taken at
// accept, released when the session or event stream that holds it is destroyed.
class ConnectionTicket {
 public:
  ConnectionTicket(ClassServer::Impl& server, std::string address);
  ~ConnectionTicket();
  ConnectionTicket(const ConnectionTicket&) = delete;
  ConnectionTicket& operator=(const ConnectionTicket&) = delete;

 private:
  ClassServer::Impl& server_;
  std::string address_;
};

// An open event stream: queued messages are written one at a time.
class EventStream : public std::enable_shared_from_this<EventStream> {
 public:
  EventStream(beast::tcp_stream stream, StreamSubscriber subscriber,
              std::unique_ptr<ConnectionTicket> ticket)
      : stream_(std::move(stream)), subscriber_(subscriber), ticket_(std::move(ticket)) {}

  [[nodiscard]] const StreamSubscriber& subscriber() const noexcept { return subscriber_; }
  [[nodiscard]] bool open() const noexcept { return open_; }

  // Writes the response header (once) and then `message`s as they come.
  void start(std::string header) {
    stream_.expires_never();
    send(std::move(header));
    watch();
  }
  // Queues `message`. A change message replaces one still waiting behind the message being
  // written (both only say "fetch again"), and a keep-alive comment is sent only when nothing
  // waits: a peer that stops reading holds at most two messages, however long it stays.
  void send(std::string message, bool keep_alive = false) {
    if (!open_) return;
    if (keep_alive && !queue_.empty()) return;
    if (!keep_alive && queue_.size() >= 2) {
      queue_.back() = std::move(message);
      return;
    }
    queue_.push_back(std::move(message));
    if (queue_.size() == 1) write_next();
  }
  void close() {
    if (!open_) return;
    open_ = false;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

 private:
  void write_next() {
    net::async_write(stream_.socket(), net::buffer(queue_.front()),
                     [self = shared_from_this()](beast::error_code ec, std::size_t) {
                       if (ec) {
                         self->close();
                         return;
                       }
                       self->queue_.pop_front();
                       if (!self->queue_.empty() && self->open_) self->write_next();
                     });
  }
  // The client sends nothing more: a read completes only when it closes the connection.
  void watch() {
    stream_.socket().async_read_some(
        net::buffer(scratch_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
          if (ec) {
            self->close();
            return;
          }
          self->watch();
        });
  }

  beast::tcp_stream stream_;
  StreamSubscriber subscriber_;
  std::unique_ptr<ConnectionTicket> ticket_;
  std::deque<std::string> queue_;
  char scratch_[256]{};
  bool open_ = true;
};

struct ClassServer::Impl {
  Impl(ClassApi& api_in, const std::string& bind, unsigned short port)
      : api(api_in),
        acceptor(context),
        accept_pause(context),
        heartbeat(context),
        signals(context) {
    max_connections = raise_descriptor_limit();
    beast::error_code ec;
    const net::ip::address address = net::ip::make_address(bind, ec);
    if (ec) throw UserError("--bind: \"" + bind + "\" is not an IP address (e.g. 0.0.0.0)");
    const tcp::endpoint endpoint(address, port);
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      throw UserError("cannot listen on " + bind + ":" + std::to_string(port) + ": " +
                      ec.message() +
                      (port != 0 ? " (try another --port, or --port 0 for a free one)" : ""));
    }
  }

  void accept();
  void beat();
  void notify();
  void add_stream(const std::shared_ptr<EventStream>& stream);
  // Open streams of `list` (dead ones are dropped from it on the way).
  static std::vector<std::shared_ptr<EventStream>> live(
      std::vector<std::weak_ptr<EventStream>>& list);

  // Declared before the context: its pending handlers, destroyed with it, still count here.
  ClassApi& api;
  std::size_t max_connections = kMaxConnections;  // lowered to fit the file-descriptor limit
  std::size_t connections = 0;                    // open sockets: sessions and event streams
  std::map<std::string, std::size_t> connections_per_address;
  std::vector<std::weak_ptr<EventStream>> teacher_streams;
  std::unordered_map<int, std::vector<std::weak_ptr<EventStream>>> student_streams;
  std::atomic<int> signal_number{0};
  net::io_context context{1};
  tcp::acceptor acceptor;
  net::steady_timer accept_pause;
  net::steady_timer heartbeat;
  net::signal_set signals;
};

ConnectionTicket::ConnectionTicket(ClassServer::Impl& server, std::string address)
    : server_(server), address_(std::move(address)) {
  ++server_.connections;
  ++server_.connections_per_address[address_];
}

ConnectionTicket::~ConnectionTicket() {
  --server_.connections;
  const auto it = server_.connections_per_address.find(address_);
  if (it != server_.connections_per_address.end() && --it->second == 0) {
    server_.connections_per_address.erase(it);
  }
}

namespace {

// One HTTP connection: requests in turn (keep-alive), until it closes or becomes an event stream.
class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket socket, ClassServer::Impl& server, std::string client,
              std::unique_ptr<ConnectionTicket> ticket)
      : stream_(std::move(socket)),
        server_(server),
        client_(std::move(client)),
        ticket_(std::move(ticket)) {}
  HttpSession(const HttpSession&) = delete;
  HttpSession& operator=(const HttpSession&) = delete;

  void read() {
    parser_.emplace();
    parser_->body_limit(kMaxBodyBytes);
    parser_->header_limit(kMaxHeaderBytes);
    stream_.expires_after(kReadTimeout);
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

 private:
  void on_read(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::eof ||
        ec == net::error::connection_reset || ec == net::error::operation_aborted) {
      close();
      return;
    }
    if (ec == http::error::body_limit) {
      refuse(413, "the request body is larger than 64 KiB");
      return;
    }
    if (ec == http::error::header_limit) {
      refuse(431, "the request headers are too large");
      return;
    }
    if (ec) {
      refuse(400, "malformed HTTP request: " + ec.message());
      return;
    }
    const http::request<http::string_body>& message = parser_->get();
    HttpRequest request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    for (const auto& field : message) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request.headers.emplace(std::move(name), std::string(field.value()));
    }
    request.body = message.body();
    request.client = client_;
    const bool keep_alive = message.keep_alive();
    const bool head = message.method() == http::verb::head;
    const unsigned version = message.version();
    HttpResponse response = server_.api.handle(request);
    server_.notify();
    if (response.stream && response.status == 200) {
      become_stream(*response.stream, version);
      return;
    }
    auto reply = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(response.status), version);
    for (const auto& [name, value] : response.headers) reply->set(name, value);
    reply->set(http::field::server, "treatysim");
    reply->body() = std::move(response.body);
    reply->keep_alive(keep_alive);
    reply->prepare_payload();
    if (head) reply->body().clear();
    write(reply, !keep_alive);
  }

  void write(const std::shared_ptr<http::response<http::string_body>>& reply, bool close_after) {
    http::async_write(
        stream_, *reply,
        [self = shared_from_this(), reply, close_after](beast::error_code ec, std::size_t) {
          if (ec || close_after) {
            self->close();
            return;
          }
          self->read();
        });
  }

  // A refused request the parser could not finish: answer, then close (the rest is unread).
  void refuse(int status, const std::string& message) {
    auto reply =
        std::make_shared<http::response<http::string_body>>(static_cast<http::status>(status), 11);
    reply->set(http::field::content_type, "application/json; charset=utf-8");
    reply->set(http::field::server, "treatysim");
    reply->set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    reply->set("X-Content-Type-Options", "nosniff");
    nlohmann::json body{{"error", message}};
    reply->body() = body.dump() + "\n";
    reply->keep_alive(false);
    reply->prepare_payload();
    write(reply, true);
  }

  void become_stream(const StreamSubscriber& subscriber, unsigned version) {
    http::response<http::empty_body> header{http::status::ok, version};
    header.set(http::field::content_type, "text/event-stream; charset=utf-8");
    header.set(http::field::cache_control, "no-store");
    header.set(http::field::server, "treatysim");
    header.set("X-Accel-Buffering", "no");
    header.keep_alive(false);
    std::ostringstream serialized;
    serialized << header.base();  // Beast writes the status line and fields
    std::string text = serialized.str();
    text += "retry: 2000\n\nevent: change\ndata: {\"version\":" +
            std::to_string(server_.api.version()) + "}\n\n";
    auto stream = std::make_shared<EventStream>(std::move(stream_), subscriber, std::move(ticket_));
    server_.add_stream(stream);
    stream->start(std::move(text));
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  ClassServer::Impl& server_;
  std::string client_;
  std::unique_ptr<ConnectionTicket> ticket_;
};

}  // namespace

void ClassServer::Impl::accept() {
  acceptor.async_accept(context, [this](beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted) return;
    if (ec) {
      // Out of file descriptors (EMFILE) and the like: accepting again at once would fail at
      // once, in a loop that takes the whole CPU. Pause, let connections close, then go on.
      accept_pause.expires_after(kAcceptPause);
      accept_pause.async_wait([this](beast::error_code wait) {
        if (!wait) accept();
      });
      return;
    }
    beast::error_code peer_error;
    const tcp::endpoint peer = socket.remote_endpoint(peer_error);
    const std::string client = peer_error ? std::string("unknown") : peer.address().to_string();
    const std::string address = ClassApi::address_key(client);
    const auto same = connections_per_address.find(address);
    const bool crowded = same != connections_per_address.end() &&
                         same->second >= kMaxConnectionsPerAddress && !is_loopback_address(client);
    if (connections >= max_connections || crowded) {
      beast::error_code ignored;
      socket.close(ignored);
    } else {
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);  // answers are small: send them at once
      auto ticket = std::make_unique<ConnectionTicket>(*this, address);
      std::make_shared<HttpSession>(std::move(socket), *this, client, std::move(ticket))->read();
    }
    accept();
  });
}

std::vector<std::shared_ptr<EventStream>> ClassServer::Impl::live(
    std::vector<std::weak_ptr<EventStream>>& list) {
  std::vector<std::shared_ptr<EventStream>> open;
  std::erase_if(list, [&](const std::weak_ptr<EventStream>& weak) {
    auto stream = weak.lock();
    if (!stream || !stream->open()) return true;
    open.push_back(std::move(stream));
    return false;
  });
  return open;
}

void ClassServer::Impl::add_stream(const std::shared_ptr<EventStream>& stream) {
  if (stream->subscriber().teacher) {
    live(teacher_streams);
    teacher_streams.push_back(stream);
    return;
  }
  auto& list = student_streams[stream->subscriber().student];
  const std::vector<std::shared_ptr<EventStream>> same = live(list);
  // The oldest first: close them until the new one fits.
  for (std::size_t k = 0; k + kMaxStreamsPerSeat <= same.size(); ++k) same[k]->close();
  list.push_back(stream);
}

void ClassServer::Impl::notify() {
  const ClassRoom::Changes changes = api.take_changes();
  if (!changes.everyone && !changes.teacher && changes.students.empty()) return;
  const std::string message =
      "event: change\ndata: {\"version\":" + std::to_string(api.version()) + "}\n\n";
  if (changes.teacher) {
    for (const auto& stream : live(teacher_streams)) stream->send(message);
  }
  if (changes.everyone) {
    for (auto it = student_streams.begin(); it != student_streams.end();) {
      for (const auto& stream : live(it->second)) stream->send(message);
      it = it->second.empty() ? student_streams.erase(it) : std::next(it);
    }
    return;
  }
  for (const int student : changes.students) {
    const auto it = student_streams.find(student);
    if (it == student_streams.end()) continue;
    for (const auto& stream : live(it->second)) stream->send(message);
    if (it->second.empty()) student_streams.erase(it);
  }
}

void ClassServer::Impl::beat() {
  heartbeat.expires_after(kHeartbeat);
  heartbeat.async_wait([this](beast::error_code ec) {
    if (ec) return;
    for (const auto& stream : live(teacher_streams)) stream->send(": keep-alive\n\n", true);
    for (auto it = student_streams.begin(); it != student_streams.end();) {
      for (const auto& stream : live(it->second)) stream->send(": keep-alive\n\n", true);
      it = it->second.empty() ? student_streams.erase(it) : std::next(it);
    }
    beat();
  });
}

ClassServer::ClassServer(ClassApi& api, const std::string& bind, unsigned short port)
    : impl_(std::make_unique<Impl>(api, bind, port)) {}

ClassServer::~ClassServer() {
  // Close the streams while the context still exists.
  for (const auto& stream : Impl::live(impl_->teacher_streams)) stream->close();
  for (auto& [student, list] : impl_->student_streams) {
    for (const auto& stream : Impl::live(list)) stream->close();
  }
}

unsigned short ClassServer::port() const noexcept {
  beast::error_code ec;
  const tcp::endpoint endpoint = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : endpoint.port();
}

int ClassServer::run(bool handle_signals) {
  Impl& impl = *impl_;
  if (handle_signals) {
    impl.signals.add(SIGINT);
    impl.signals.add(SIGTERM);
    impl.signals.async_wait([&impl](beast::error_code ec, int signal) {
      if (ec) return;
      impl.signal_number = signal;
      impl.context.stop();
    });
  }
  impl.accept();
  impl.beat();
  impl.context.run();
  return impl.signal_number;
}

void ClassServer::stop() {
  impl_->context.stop();
}

}  // namespace treatysim::server
