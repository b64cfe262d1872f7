#include "serve/guarded_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace gongkai {

namespace {

using Clock = std::chrono::steady_clock;

/// How often a wait looks whether the server was stopped: stop() waits for every connection.
constexpr std::chrono::milliseconds kStopCheck{100};

/// Waits until `sock` has `events` or `timeout` passes, in slices of kStopCheck so that a stop
/// is seen; true when the socket is ready.
template <typename Serving>
bool wait_socket(socket_t sock, short events, Clock::time_point deadline, Serving serving) {
  while (serving()) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd fd{sock, events, 0};
    int ready = ::poll(&fd, 1, static_cast<int>(std::min(left, kStopCheck).count()));
    if (ready > 0) return true;
    if (ready < 0 && errno != EINTR) return false;
  }
  return false;
}

/// The text of an address, for httplib's REMOTE_ADDR.
void address_text(const sockaddr_storage& address, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = "";
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    ::inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
    port = ntohs(v4.sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    ::inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
    port = ntohs(v6.sin6_port);
  }
  ip = text;
}

/// A connection as httplib reads and writes it: first the bytes read already (the head this
/// server checked, and whatever followed it), then the socket, each wait bounded. httplib reads
/// a head a byte at a time, so the bytes read already are consumed by an index, not erased.
class ConnectionStream : public httplib::Stream {
 public:
  ConnectionStream(socket_t sock, std::string& pending, std::chrono::milliseconds timeout)
      : sock_(sock), pending_(pending), timeout_(timeout) {}
  ~ConnectionStream() override { pending_.erase(0, at_); }  // what the next request starts with

  bool is_readable() const override { return at_ < pending_.size() || ready(POLLIN); }
  bool is_writable() const override { return ready(POLLOUT); }
  ssize_t read(char* ptr, size_t size) override {
    if (at_ < pending_.size()) {
      size_t n = std::min(size, pending_.size() - at_);
      std::copy_n(pending_.data() + at_, n, ptr);
      at_ += n;
      return static_cast<ssize_t>(n);
    }
    return ready(POLLIN) ? ::recv(sock_, ptr, size, 0) : -1;
  }
  ssize_t write(const char* ptr, size_t size) override {
    return ready(POLLOUT) ? ::send(sock_, ptr, size, MSG_NOSIGNAL) : -1;
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&address), &length) == 0)
      address_text(address, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&address), &length) == 0)
      address_text(address, ip, port);
  }
  socket_t socket() const override { return sock_; }

 private:
  bool ready(short events) const {
    pollfd fd{sock_, events, 0};
    return ::poll(&fd, 1, static_cast<int>(timeout_.count())) > 0;
  }

  socket_t sock_;
  std::string& pending_;
  std::size_t at_ = 0;
  std::chrono::milliseconds timeout_;
};

/// How much of a refused head's remainder is read and dropped before the connection closes:
/// closing with unread bytes would reset it, and the client might never read the 431.
constexpr std::size_t kDrainBytes = 1024 * 1024;

/// Answers a head over the limits, then reads (a bounded amount of) what the client still sends.
void refuse_head(socket_t sock, const ConnectionLimits& limits) {
  std::string body = "431 request header fields too large: at most " +
                     std::to_string(limits.max_header_lines) + " header lines and " +
                     std::to_string(limits.max_head_bytes) + " bytes\n";
  std::string answer = "HTTP/1.1 431 Request Header Fields Too Large\r\n"
                       "Content-Type: text/plain; charset=utf-8\r\nContent-Length: " +
                       std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  ::send(sock, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  ::shutdown(sock, SHUT_WR);
  char buffer[4096];
  for (std::size_t drained = 0; drained < kDrainBytes;) {
    pollfd fd{sock, POLLIN, 0};
    if (::poll(&fd, 1, static_cast<int>(kStopCheck.count())) <= 0) return;
    ssize_t n = ::recv(sock, buffer, sizeof buffer, 0);
    if (n <= 0) return;
    drained += static_cast<std::size_t>(n);
  }
}

}  // namespace

std::size_t head_end(const std::string& bytes) {
  // The first blank line, ended by CR LF or, as httplib also takes it, a bare LF.
  std::size_t crlf = bytes.find("\r\n\r\n"), lf = bytes.find("\n\n");
  crlf = crlf == std::string::npos ? crlf : crlf + 4;
  lf = lf == std::string::npos ? lf : lf + 2;
  return std::min(crlf, lf);
}

std::size_t header_lines(const std::string& bytes) {
  std::size_t end = std::min(head_end(bytes), bytes.size());
  std::size_t lines = static_cast<std::size_t>(std::count(bytes.begin(), bytes.begin() + end, '\n'));
  // The request line's end, and the blank line's when the head is complete.
  std::size_t framing = std::min<std::size_t>(lines, head_end(bytes) == std::string::npos ? 1 : 2);
  return lines - framing;
}

bool GuardedServer::wait_for_request(socket_t sock, const std::string& pending) const {
  if (!pending.empty()) return serving();
  return wait_socket(sock, POLLIN, Clock::now() + limits_.idle_timeout, [this] { return serving(); });
}

HeadStatus GuardedServer::read_head(socket_t sock, std::string& pending) const {
  Clock::time_point deadline = Clock::now() + limits_.head_timeout;
  for (;;) {
    std::size_t end = head_end(pending);
    std::size_t head = end == std::string::npos ? pending.size() : end;
    if (head > limits_.max_head_bytes || header_lines(pending) > limits_.max_header_lines)
      return HeadStatus::too_large;
    if (end != std::string::npos) return HeadStatus::complete;
    if (!wait_socket(sock, POLLIN, deadline, [this] { return serving(); })) return HeadStatus::timed_out;
    char buffer[4096];
    ssize_t n = ::recv(sock, buffer, sizeof buffer, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return HeadStatus::closed;
    pending.append(buffer, static_cast<std::size_t>(n));
  }
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  std::string pending;
  bool ok = true;
  auto io_timeout = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::seconds(read_timeout_sec_) + std::chrono::microseconds(read_timeout_usec_));
  for (std::size_t n = 0; ok && n < limits_.requests_per_connection; ++n) {
    if (!wait_for_request(sock, pending)) break;
    HeadStatus status = read_head(sock, pending);
    if (status == HeadStatus::too_large) refuse_head(sock, limits_);
    if (status != HeadStatus::complete) break;
    ConnectionStream stream(sock, pending, io_timeout);
    bool closed = false;
    ok = process_request(stream, n + 1 == limits_.requests_per_connection, closed, nullptr);
    if (closed) break;
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ok;
}

}  // namespace gongkai
