// `gongkai serve` run as a child process, for the tests of the command and the stress test:
// its standard output read as it comes, its memory read from /proc, stopped by a signal.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace gongkai::testing {

/// How long a wait on the child may last before the test calls it a hang: far above what a
/// loaded machine needs, so that no test depends on the machine's speed.
constexpr int kChildHangGuardSeconds = 120;

class ServeProcess {
 public:
  /// Starts `gongkai serve ARGS…` with its standard output in a pipe.
  explicit ServeProcess(const std::vector<std::string>& args);
  ~ServeProcess();
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  /// Reads standard output until it holds `text`; false when it ends first, or at the guard.
  bool read_until(const std::string& text);
  /// The port of the "serving http://127.0.0.1:PORT/" line (read_until it first); 0 if none.
  int port();
  /// Sends `signal` and waits for the exit status (up to the guard).
  std::optional<int> stop_with(int signal);
  /// A field of /proc/PID/status in KiB ("VmRSS", "VmHWM"); 0 when it cannot be read.
  long status_kib(const std::string& field) const;

  const std::string& output() const { return output_; }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  std::string output_;
};

}  // namespace gongkai::testing
