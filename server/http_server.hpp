// http_server.hpp — the network side of class mode: HTTP/1.1 with Boost.Beast on one Boost.Asio
// thread, requests handed to ClassApi::handle, and Server-Sent Events pushing "something changed"
// to the pages (a student's page hears of its own negotiation and of rounds; the teacher's of
// everything), which then fetch their view again.
//
// Limits: bodies over 64 KiB are answered 413 before they are read whole; headers over 16 KiB
// 431; a request must arrive whole within 30 s of the previous answer (or of connecting), else
// the connection closes, so a slow drip of bytes holds nothing for long; at most kMaxConnections
// connections are open at once (fewer when the file-descriptor limit cannot be raised that far),
// at most kMaxConnectionsPerAddress from one address other than loopback (further ones are closed
// at accept: a whole class behind one shared address fits, one device cannot take every slot);
// at most kMaxStreamsPerSeat event streams per seat (the oldest is closed). Event streams get a
// comment line every 15 s to keep them open through phone networks and to notice dead peers; a
// stream whose peer stops reading holds at most two small messages. When the process runs out of
// file descriptors, accepting pauses for 100 ms instead of spinning.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "server/class_api.hpp"

namespace treatysim::server {

inline constexpr std::size_t kMaxConnections = 4096;
inline constexpr std::size_t kMaxConnectionsPerAddress = 1024;
inline constexpr std::size_t kMaxStreamsPerSeat = 4;

class ClassServer {
 public:
  // Listens on `bind`:`port` (port 0: a free one). Throws UserError when the address is not an
  // IP address or cannot be bound (in use, not this machine's).
  ClassServer(ClassApi& api, const std::string& bind, unsigned short port);
  ~ClassServer();
  ClassServer(const ClassServer&) = delete;
  ClassServer& operator=(const ClassServer&) = delete;

  // The port it listens on.
  [[nodiscard]] unsigned short port() const noexcept;
  // Serves until SIGINT or SIGTERM arrives (when `handle_signals`) or stop() is called; returns
  // the signal number, or 0.
  int run(bool handle_signals);
  // Asks run() to return (thread-safe).
  void stop();

  // The Asio state (http_server.cpp); public so that its connection classes can reach it.
  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace treatysim::server
