#include "serve/source_watcher.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include "base/folder_walk.h"
#include "serve/source_keys.h"

namespace gongkai {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

/// What changes a source: contents, names, and metadata (a touch, a permission change).
constexpr std::uint32_t kEvents =
    IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB;

}  // namespace

SourceWatcher::~SourceWatcher() {
  if (inotify_ >= 0) ::close(inotify_);
  if (wake_ >= 0) ::close(wake_);
}

bool SourceWatcher::start(std::string& problem) {
  inotify_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  wake_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (inotify_ < 0 || wake_ < 0) {
    problem = std::string("cannot watch the sources: ") + std::strerror(errno);
    return false;
  }
  std::vector<std::string> problems;
  watch_folder("", problems);
  for (std::string_view folder : kSourceFolders) watch_tree(std::string(folder), problems);
  bool root_watched = std::any_of(folders_.begin(), folders_.end(),
                                  [](const auto& folder) { return folder.second.empty(); });
  if (!problems.empty()) problem = problems.front();
  return root_watched;
}

std::optional<ChangeBatch> SourceWatcher::next(std::chrono::milliseconds quiet) {
  ChangeBatch batch;
  bool pending = false;
  Clock::time_point last;
  for (;;) {
    int timeout = -1;
    if (pending) {
      Clock::time_point due = std::min(last + quiet, batch.first_event + std::chrono::seconds(1));
      if (Clock::now() >= due) return batch;
      timeout = static_cast<int>(
          std::chrono::ceil<std::chrono::milliseconds>(due - Clock::now()).count());
    }
    pollfd fds[2] = {{inotify_, POLLIN, 0}, {wake_, POLLIN, 0}};
    int ready = ::poll(fds, 2, timeout);
    if (ready < 0 && errno != EINTR) return std::nullopt;
    if (fds[1].revents != 0) return std::nullopt;
    Clock::time_point now = Clock::now();
    if ((fds[0].revents & POLLIN) && read_events(batch)) {
      if (!pending) batch.first_event = now;
      pending = true;
      last = now;
    }
  }
}

void SourceWatcher::stop() {
  std::uint64_t one = 1;
  if (wake_ >= 0 && ::write(wake_, &one, sizeof one) < 0) {
    // Nothing else to do: the descriptor is ours and non-blocking; it cannot be full here.
  }
}

/// Watches one folder. Links inside the site are not followed, but the site folder itself may
/// be a link (as `--source` names it, and as the loaders read it).
void SourceWatcher::watch_folder(const std::string& relative, std::vector<std::string>& problems) {
  fs::path dir = relative.empty() ? root_ : root_ / relative;
  std::uint32_t follow = relative.empty() ? 0 : IN_DONT_FOLLOW;
  int wd = ::inotify_add_watch(inotify_, dir.c_str(), kEvents | IN_ONLYDIR | follow);
  if (wd < 0) {
    // A source folder may vanish between listing and watching; the site folder may not.
    bool vanished = !relative.empty() && (errno == ENOENT || errno == ENOTDIR);
    if (!vanished) {
      problems.push_back("cannot watch " + (relative.empty() ? "." : relative) + ": " +
                         std::strerror(errno) + "; changes there are not seen");
    }
    return;
  }
  folders_[wd] = relative;
}

/// Watches `relative` and every folder under it that is neither hidden nor a symbolic link.
void SourceWatcher::watch_tree(const std::string& relative, std::vector<std::string>& problems) {
  std::error_code ec;
  if (!fs::is_directory(fs::symlink_status(root_ / relative, ec))) return;
  watch_folder(relative, problems);
  // A folder that vanishes or cannot be read while it is listed is watched as far as it was
  // read: its removal is an event of its own.
  for (const fs::directory_entry& entry : list_folder(root_ / relative).entries) {
    std::string name = entry.path().filename().string();
    if (name.front() != '.' && entry.is_directory(ec) && !entry.is_symlink(ec)) {
      watch_tree(relative + "/" + name, problems);
    }
  }
}

/// Stops watching a folder that moved away (deleted folders stop by themselves).
void SourceWatcher::forget_tree(const std::string& relative) {
  for (auto it = folders_.begin(); it != folders_.end();) {
    bool inside = it->second == relative || it->second.starts_with(relative + "/");
    if (!inside) {
      ++it;
      continue;
    }
    ::inotify_rm_watch(inotify_, it->first);
    it = folders_.erase(it);
  }
}

/// Reads what is queued; true when any event concerns the sources.
bool SourceWatcher::read_events(ChangeBatch& batch) {
  alignas(inotify_event) char buffer[16384];
  bool relevant = false;
  for (;;) {
    ssize_t length = ::read(inotify_, buffer, sizeof buffer);
    if (length <= 0) return relevant;
    for (ssize_t at = 0; at < length;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
      relevant = handle(*event, batch) || relevant;
      at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
    }
  }
}

/// Adds the source key of one event to `batch`, following folders that appear or move away;
/// true when the event concerns the sources.
bool SourceWatcher::handle(const inotify_event& event, ChangeBatch& batch) {
  if (event.mask & IN_Q_OVERFLOW) return rescan(batch);
  auto folder = folders_.find(event.wd);
  if (event.mask & IN_IGNORED) {
    if (folder != folders_.end()) folders_.erase(folder);
    return false;
  }
  if (folder == folders_.end() || event.len == 0) return false;
  std::string name = event.name;
  std::string relative = folder->second.empty() ? name : folder->second + "/" + name;
  bool is_folder = event.mask & IN_ISDIR;
  if (folder->second.empty() && !(name == "site.toml" || (is_folder && is_source_folder(name)))) {
    return false;
  }
  std::optional<std::string> key = source_key_of(relative, is_folder);
  if (!key) return false;
  if (is_folder && (event.mask & (IN_MOVED_FROM | IN_DELETE))) forget_tree(relative);
  if (is_folder && (event.mask & (IN_CREATE | IN_MOVED_TO))) watch_tree(relative, batch.problems);
  batch.keys.insert(*key);
  return true;
}

/// Events were lost: watch every folder again (some may be new) and rebuild everything.
bool SourceWatcher::rescan(ChangeBatch& batch) {
  for (std::string_view folder : kSourceFolders) watch_tree(std::string(folder), batch.problems);
  batch.keys.insert("*");
  return true;
}

}  // namespace gongkai
