// `gongkai serve`: a preview server. The site is built in memory and served over HTTP; the
// sources are watched with inotify, and an edit rebuilds only the outputs that depend on what
// changed (Site::dependencies()). Pages as served carry a small live-reload script (never the
// built files themselves), and a broken edit keeps the last good pages served with an overlay
// that lists the errors. See docs/serve.md.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"
#include "site.h"

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
};

/// The preview's own texts — the error panel over its pages and the page it shows before the
/// site was ever built — in the site's language: the site's UI strings whose keys start with
/// "serve_" (i18n/LANG.toml, the site's own file or the built-in one).
struct PreviewTexts {
  /// The site's language, for the lang attribute of the panel and the page.
  std::string language = "zh-CN";
  std::map<std::string, std::string, std::less<>> strings;

  /// The string `key` with "{n}" replaced by `count`; the key itself when there is no such
  /// string, as on pages.
  std::string text(std::string_view key, std::size_t count = 0) const;
};

/// The texts of the site in `source_dir` as its sources are now: the language its site.toml
/// gives (`fallback_language` when site.toml cannot be read) and the strings of its theme (the
/// built-in ones when the site's own i18n files cannot be read). It cannot fail: the panel has
/// to speak whatever the error is.
PreviewTexts load_preview_texts(const std::filesystem::path& source_dir,
                                const std::string& fallback_language);

/// One state of the preview, shared read-only by the server threads.
struct SiteSnapshot {
  /// The output files of the last good build, by output path.
  using Files = std::map<std::string, std::shared_ptr<const std::string>, std::less<>>;
  Files files;
  /// The errors of the last rebuild when it failed (the files are then older); empty when it
  /// succeeded.
  std::vector<Diagnostic> errors;
  /// Errors beyond those stored in `errors`.
  std::size_t more_errors = 0;
  /// What the panel listing `errors` says, read when the rebuild failed.
  PreviewTexts texts;
  /// Counts rebuilds that changed what is served; pages carry it so that a page can tell the
  /// events it has not seen.
  std::uint64_t generation = 0;

  bool has_site() const { return !files.empty(); }
};

/// What one rebuild did.
struct RebuildResult {
  bool ok = false;
  /// Nothing changed and nothing was published.
  bool unchanged = false;
  /// Everything was built from scratch (there was no good build to start from).
  bool full = false;
  std::uint64_t generation = 0;
  /// The source keys that changed (Site::changed_sources() and the watcher's hints).
  std::set<std::string> changed_sources;
  /// Outputs rendered again, and those of them whose bytes changed (or that were added or
  /// removed), sorted.
  std::size_t rendered = 0;
  std::vector<std::string> changed_outputs;
  /// The time the rebuild itself took.
  std::chrono::microseconds duration{0};
};

/// Output path -> the source keys it is computed from (Site::dependencies()).
using Dependencies = std::map<std::string, std::set<std::string>>;

/// Keeps the last good site and its files, and brings them up to date with the sources.
/// Not thread-safe except snapshot(): one thread rebuilds, any number read snapshots.
class Rebuilder {
 public:
  explicit Rebuilder(BuildOptions options);

  /// Loads what changed, checks it, and renders the outputs whose dependencies changed. The
  /// changed sources are found by comparing the new site with the last good one, plus
  /// `hints` (keys named by file events), so a missed or coalesced event loses nothing.
  /// On an error the last good files stay and the snapshot carries the errors.
  RebuildResult rebuild(const std::set<std::string>& hints, Diagnostics& diagnostics);

  std::shared_ptr<const SiteSnapshot> snapshot() const { return snapshot_.load(); }
  /// The site of the last good build, if any (for the build log).
  const Site* site() const { return site_ ? &*site_ : nullptr; }

 private:
  std::optional<Site> load(Diagnostics& diagnostics);
  RebuildResult fail(const Diagnostics& diagnostics);
  void publish(SiteSnapshot::Files files, std::vector<Diagnostic> errors, std::size_t more,
               PreviewTexts texts = {});

  BuildOptions options_;
  std::optional<Site> site_;
  Dependencies dependencies_;
  std::uint64_t generation_ = 0;
  std::atomic<std::shared_ptr<const SiteSnapshot>> snapshot_;
};

/// True when output `dependency` (a source key, see site.h) is affected by a change of
/// `changed`. Keys ending in '/' cover the keys under them; "*" covers everything.
bool dependency_matches(std::string_view dependency, std::string_view changed);

/// The source key a path relative to the site folder belongs to: "content/D/Y/budget" for
/// budget.md and budget.json, a folder as "content/D/" (covering all under it), any other file
/// as itself. nullopt for what no output can depend on (hidden files, other folders).
std::optional<std::string> source_key_of(std::string_view relative_path, bool is_folder);

/// The output path an HTTP request target names ("/dept/" -> "dept/index.html"), or the
/// status to answer instead: 400 for targets that try to leave the site (".." or "." segments
/// in any encoding, encoded slashes, backslashes, NUL and control characters, malformed
/// percent escapes), 404 for names no output can have (empty or hidden segments).
struct RequestPath {
  std::string key;
  int status = 200;
};
RequestPath resolve_request_target(std::string_view target);

/// "text/html; charset=utf-8" and so on, by the output path's extension.
std::string content_type_for(std::string_view path);

/// `html` with the preview's additions inserted before its last </body>: the live-reload
/// script, and the error overlay when `snapshot` carries errors.
std::string inject_preview(std::string_view html, const SiteSnapshot& snapshot,
                           std::string_view run_id);

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
