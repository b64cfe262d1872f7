// The HTTP server of the preview with the limits cpp-httplib leaves open: a request head (the
// request line and its headers) has a size, a count of lines and a time to arrive within, and a
// connection serves a bounded number of requests. httplib reads any number of header lines
// into memory (one 59 MB head kept 470 MB), and times out each read, not a head trickled in a
// byte at a time, so a few slow clients held every thread. Here each connection reads its head
// itself, refuses one over the limits with 431 before httplib sees a byte of it, and passes
// the rest to httplib's request processing (the protected process_request, as its TLS server
// does).
#pragma once

#include <httplib.h>

#include <string>

#include "serve/connection_limits.h"

namespace gongkai {

/// What reading a request head found.
enum class HeadStatus { complete, too_large, timed_out, closed };

/// httplib::Server with ConnectionLimits on every connection.
class GuardedServer : public httplib::Server {
 public:
  explicit GuardedServer(ConnectionLimits limits) : limits_(limits) {}

  const ConnectionLimits& limits() const { return limits_; }

 private:
  /// Serves one connection: its requests, each head read and checked here first.
  bool process_and_close_socket(socket_t sock) override;
  /// Waits up to the idle timeout for the next request; false when the server stops.
  bool wait_for_request(socket_t sock, const std::string& pending) const;
  /// Reads one request head into `pending` (which may hold bytes read after the last request).
  HeadStatus read_head(socket_t sock, std::string& pending) const;
  /// True while the server has not been stopped.
  bool serving() const { return svr_sock_ != INVALID_SOCKET; }

  ConnectionLimits limits_;
};

/// The end of the request head in `bytes` (the index after its blank line), or npos.
std::size_t head_end(const std::string& bytes);
/// How many header lines the complete or partial head `bytes` holds (the request line and the
/// blank line not counted).
std::size_t header_lines(const std::string& bytes);

}  // namespace gongkai
