#include "server/http_server.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <deque>
#include <list>
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
constexpr auto kHeartbeat = std::chrono::seconds(15);
constexpr std::uint32_t kMaxHeaderBytes = 16 * 1024;

}  // namespace

// An open event stream: queued messages are written one at a time.
class EventStream : public std::enable_shared_from_this<EventStream> {
 public:
  EventStream(beast::tcp_stream stream, StreamSubscriber subscriber)
      : stream_(std::move(stream)), subscriber_(subscriber) {}

  [[nodiscard]] const StreamSubscriber& subscriber() const noexcept { return subscriber_; }
  [[nodiscard]] bool open() const noexcept { return open_; }

  // Writes the response header (once) and then `message`s as they come.
  void start(std::string header) {
    stream_.expires_never();
    send(std::move(header));
    watch();
  }
  void send(std::string message) {
    if (!open_) return;
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
  std::deque<std::string> queue_;
  char scratch_[256]{};
  bool open_ = true;
};

struct ClassServer::Impl {
  Impl(ClassApi& api_in, const std::string& bind, unsigned short port)
      : api(api_in), acceptor(context), heartbeat(context), signals(context) {
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

  // Declared before the context: its pending handlers, destroyed with it, still count here.
  ClassApi& api;
  std::list<std::weak_ptr<EventStream>> streams;
  std::size_t connections = 0;
  std::atomic<int> signal_number{0};
  net::io_context context{1};
  tcp::acceptor acceptor;
  net::steady_timer heartbeat;
  net::signal_set signals;
};

namespace {

// One HTTP connection: requests in turn (keep-alive), until it closes or becomes an event stream.
class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket socket, ClassServer::Impl& server)
      : stream_(std::move(socket)), server_(server) {
    beast::error_code ec;
    const tcp::endpoint peer = stream_.socket().remote_endpoint(ec);
    client_ = ec ? std::string("unknown") : peer.address().to_string();
    ++server_.connections;
  }
  ~HttpSession() { --server_.connections; }
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
    auto stream = std::make_shared<EventStream>(std::move(stream_), subscriber);
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
};

}  // namespace

void ClassServer::Impl::accept() {
  acceptor.async_accept(context, [this](beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted) return;
    if (!ec) {
      if (connections + streams.size() >= kMaxConnections) {
        beast::error_code ignored;
        socket.close(ignored);
      } else {
        beast::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);  // answers are small: send them at once
        std::make_shared<HttpSession>(std::move(socket), *this)->read();
      }
    }
    accept();
  });
}

void ClassServer::Impl::add_stream(const std::shared_ptr<EventStream>& stream) {
  if (!stream->subscriber().teacher) {
    std::vector<std::shared_ptr<EventStream>> same;
    for (const auto& weak : streams) {
      const auto other = weak.lock();
      if (other && other->open() && !other->subscriber().teacher &&
          other->subscriber().student == stream->subscriber().student) {
        same.push_back(other);
      }
    }
    // The oldest first: close them until the new one fits.
    for (std::size_t k = 0; k + kMaxStreamsPerSeat <= same.size(); ++k) same[k]->close();
  }
  streams.push_back(stream);
}

void ClassServer::Impl::notify() {
  const ClassRoom::Changes changes = api.take_changes();
  if (!changes.everyone && !changes.teacher && changes.students.empty()) return;
  const std::string message =
      "event: change\ndata: {\"version\":" + std::to_string(api.version()) + "}\n\n";
  for (auto it = streams.begin(); it != streams.end();) {
    const auto stream = it->lock();
    if (!stream || !stream->open()) {
      it = streams.erase(it);
      continue;
    }
    const StreamSubscriber& s = stream->subscriber();
    const bool wanted =
        s.teacher ? changes.teacher
                  : (changes.everyone || std::find(changes.students.begin(), changes.students.end(),
                                                   s.student) != changes.students.end());
    if (wanted) stream->send(message);
    ++it;
  }
}

void ClassServer::Impl::beat() {
  heartbeat.expires_after(kHeartbeat);
  heartbeat.async_wait([this](beast::error_code ec) {
    if (ec) return;
    for (auto it = streams.begin(); it != streams.end();) {
      const auto stream = it->lock();
      if (!stream || !stream->open()) {
        it = streams.erase(it);
        continue;
      }
      stream->send(": keep-alive\n\n");
      ++it;
    }
    beat();
  });
}

ClassServer::ClassServer(ClassApi& api, const std::string& bind, unsigned short port)
    : impl_(std::make_unique<Impl>(api, bind, port)) {}

ClassServer::~ClassServer() {
  // Close the streams while the context still exists.
  for (const auto& weak : impl_->streams) {
    if (const auto stream = weak.lock()) stream->close();
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
