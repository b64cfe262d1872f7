// What one connection to the preview may take: the size and time of a request head, idle time
// and requests per connection (docs/serve.md). Enforced by GuardedServer (guarded_server.h).
#pragma once

#include <chrono>
#include <cstddef>

namespace gongkai {

struct ConnectionLimits {
  /// The most bytes of a request head, request line and headers with their line ends.
  std::size_t max_head_bytes = 16 * 1024;
  /// The most header lines of one request.
  std::size_t max_header_lines = 64;
  /// How long a request head may take to arrive, in all: a client trickling it a byte at a
  /// time is cut off then, as one that sends nothing.
  std::chrono::milliseconds head_timeout{10000};
  /// How long a kept-alive connection may stay idle between requests.
  std::chrono::milliseconds idle_timeout{2000};
  /// How many requests one connection may make before it is closed.
  std::size_t requests_per_connection = 16;
};

}  // namespace gongkai
