// Watching a site's sources for the preview: inotify events gathered into batches of source
// keys (source_keys.h), one batch per quiet moment, so that a burst of saves gives one rebuild.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

/// <sys/inotify.h>, kept out of the header.
struct inotify_event;

namespace gongkai {

/// Changes seen by the watcher, up to a quiet moment.
struct ChangeBatch {
  /// Source keys named by the events (source_key_of()); "*" after an event queue overflow.
  std::set<std::string> keys;
  std::chrono::steady_clock::time_point first_event;
  std::vector<std::string> problems;
};

/// inotify on site.toml and, recursively, on content/, templates/, assets/ and i18n/. Symbolic
/// links are not followed, and hidden files and folders are ignored (the loaders skip them).
/// One thread calls next(); stop() may come from any.
class SourceWatcher {
 public:
  explicit SourceWatcher(std::filesystem::path root) : root_(std::move(root)) {}
  ~SourceWatcher();
  SourceWatcher(const SourceWatcher&) = delete;
  SourceWatcher& operator=(const SourceWatcher&) = delete;

  /// Starts watching. False, with a message in `problem`, when inotify is unavailable.
  bool start(std::string& problem);

  /// Waits for changes and returns them once `quiet` passed without another (or a second after
  /// the first, should the sources never go quiet). nullopt once stop() was called.
  std::optional<ChangeBatch> next(std::chrono::milliseconds quiet);

  /// Makes next() return nullopt, now and from then on. Thread-safe.
  void stop();

 private:
  void watch_folder(const std::string& relative, std::vector<std::string>& problems);
  void watch_tree(const std::string& relative, std::vector<std::string>& problems);
  void forget_tree(const std::string& relative);
  bool read_events(ChangeBatch& batch);
  bool handle(const inotify_event& event, ChangeBatch& batch);
  bool rescan(ChangeBatch& batch);

  std::filesystem::path root_;
  int inotify_ = -1;
  int wake_ = -1;
  /// Watch descriptor -> folder relative to the root ("" for the root itself).
  std::map<int, std::string> folders_;
};

}  // namespace gongkai
