// `gongkai serve`: a preview server. The site is built in memory and served over HTTP; the
// sources are watched with inotify, and an edit rebuilds only the outputs that depend on what
// changed (Site::dependencies()). Pages as served carry a small live-reload script (never the
// built files themselves), and a broken edit keeps the last good pages served with an overlay
// that lists the errors. See docs/serve.md.
//
// The server itself (HTTP, the event streams, the watcher thread) is here; its parts are
// rebuilder.h (rebuilds and snapshots, which outputs a change affects), source_keys.h,
// source_watcher.h, live_events.h, request_path.h, preview_texts.h and preview_page.h.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "base/diagnostic.h"
#include "serve/connection_limits.h"
// The parts of the preview, included so that this header reaches all of it.
#include "serve/preview_page.h"
#include "serve/preview_texts.h"
#include "serve/rebuilder.h"
#include "serve/request_path.h"
#include "serve/source_keys.h"

namespace gongkai {

/// The preview's own URLs live under this prefix; no output path can start with it (output
/// folders are slugs and years, and hidden segments are refused).
inline constexpr std::string_view kPreviewPrefix = "/__gongkai/";
/// The Server-Sent Events stream of rebuilds.
inline constexpr std::string_view kEventsPath = "/__gongkai/events";

struct ServeOptions {
  std::filesystem::path source_dir;
  /// Loopback unless the user asks otherwise: the preview shows drafts.
  std::string bind = "127.0.0.1";
  /// 0 picks any free port (tests).
  int port = 1313;
  bool include_drafts = true;
  bool verbose = false;
  /// How long the sources must stay quiet after a change before the rebuild starts, so that a
  /// burst of saves (an editor writing a temporary file and renaming it, a `git checkout`)
  /// gives one rebuild.
  std::chrono::milliseconds debounce{30};
  /// How often an idle event stream sends a comment, so that dead connections are noticed.
  std::chrono::milliseconds ping_interval{15000};
  /// What one connection may take (heads, idle time, requests); tests shorten or lengthen them.
  ConnectionLimits limits;
};

/// The server: HTTP on one thread pool, the watcher and rebuilds on one thread.
class PreviewServer {
 public:
  /// `log` receives the build log (and with `verbose`, a line per rebuild); `errors` receives
  /// diagnostics. Both are written from the watcher thread until stop() returns.
  PreviewServer(ServeOptions options, std::ostream& log, std::ostream& errors);
  ~PreviewServer();
  PreviewServer(const PreviewServer&) = delete;
  PreviewServer& operator=(const PreviewServer&) = delete;

  /// Builds the site, starts watching the sources and starts serving. A site with errors still
  /// starts: the errors are served until fixed. False, after reporting, when the address
  /// cannot be bound or the sources cannot be watched.
  bool start(Diagnostics& diagnostics);
  /// Stops watching and serving; closes event streams. Idempotent.
  void stop();

  int port() const;
  /// "http://127.0.0.1:1313/"
  std::string url() const;
  std::shared_ptr<const SiteSnapshot> snapshot() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// What `gongkai serve` runs: starts the server, prints its URL and serves until SIGINT or
/// SIGTERM. Returns the exit status.
int serve_until_signalled(const ServeOptions& options);

}  // namespace gongkai
