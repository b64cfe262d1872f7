// Live reload: the rebuilds announced to open pages as Server-Sent Events. The hub keeps the
// recent events so that a page reconnecting (or loaded just before a rebuild) gets what it
// missed; a page of another server run, or too far behind, is told to reload. The stream
// itself belongs to the server; this is what it sends.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "serve/rebuilder.h"

namespace gongkai {

/// One announced rebuild.
struct LiveEvent {
  std::uint64_t generation = 0;
  /// The JSON of the event's data line.
  std::string data;
};

/// The rebuilds announced so far (the recent ones), and the streams waiting for the next.
/// Thread-safe: the watcher thread publishes while server threads wait in after().
class EventHub {
 public:
  explicit EventHub(std::string run_id) : run_id_(std::move(run_id)) {}

  /// Announces `result`, with the number of `errors` of the rebuild, and wakes the waiting
  /// streams.
  void publish(const RebuildResult& result, std::size_t errors);

  /// The events after generation `since`, waiting up to `timeout` for one. When `since` is
  /// older than the history kept, one event that asks for a full reload.
  std::vector<LiveEvent> after(std::uint64_t since, std::chrono::milliseconds timeout);

  /// An event for pages of another server run, or too old for the history.
  LiveEvent full_reload(std::uint64_t generation) const;

  /// The generation of the last event published; 0 before any.
  std::uint64_t latest() const;

  /// Wakes every waiting stream for good: after() returns at once from then on.
  void close();
  bool closed() const;

  /// Identifies this server run, so that pages served by an earlier one reload.
  const std::string& run_id() const { return run_id_; }

 private:
  static constexpr std::size_t kHistory = 64;
  const std::string run_id_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<LiveEvent> history_;
  std::uint64_t latest_ = 0;
  bool closed_ = false;
};

/// `event` as a Server-Sent Events message, with the id "RUN.GENERATION" that the browser
/// sends back as Last-Event-ID when it reconnects.
std::string sse_message(const std::string& run_id, const LiveEvent& event);

/// Where one event stream stands.
struct StreamState {
  std::uint64_t since = 0;
  bool same_run = true;
  bool started = false;
};

/// Where a page left off: the run and generation of its Last-Event-ID header ("RUN.GENERATION")
/// when it has one, else those of its query (`run` and `since`), which the live-reload script
/// sets. A generation that is not a plain decimal number (or is too large) counts as 0.
StreamState stream_start(std::string run, std::string since, std::string_view last_event_id,
                         const std::string& run_id);

/// Eight random hexadecimal digits that name one server run.
std::string random_run_id();

}  // namespace gongkai
