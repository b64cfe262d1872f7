#include "publish/output.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <vector>

#include "base/folder_walk.h"
#include "base/parallel.h"

namespace gongkai {

namespace fs = std::filesystem;

bool is_safe_output_path(std::string_view path) {
  if (path.empty() || path.front() == '/' || path.find('\\') != std::string_view::npos ||
      path.find('\0') != std::string_view::npos) {
    return false;
  }
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(start, end - start);
    if (segment.empty() || segment.front() == '.') return false;
    start = end + 1;
  }
  return true;
}

void MemoryOutput::write(const std::string& path, std::string bytes) {
  if (!is_safe_output_path(path)) {
    diagnostics_.error({path, 0, 0}, "unsafe output path");
    return;
  }
  std::lock_guard lock(mutex_);
  if (!files_.emplace(path, std::move(bytes)).second) {
    diagnostics_.error({path, 0, 0}, "two pages write the same output file");
  }
}

namespace {

std::string sibling_prefix(const fs::path& output) {
  return "." + output.filename().string() + ".";
}

/// Creates `path` (relative to the folder open as `dir`) and writes `bytes` into it; false with
/// errno set. An existing file is an error (EEXIST): each output path is written once.
bool write_whole_file(int dir, const std::string& path, const std::string& bytes) {
  int fd = ::openat(dir, path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  int saved = errno;
  bool closed = ::close(fd) == 0;
  if (done != bytes.size()) errno = saved != 0 ? saved : EIO;
  return closed && done == bytes.size();
}

/// Creates the folders leading to `path` under the folder open as `dir`; folders that already
/// exist (another thread may have just made one) are fine.
void create_parents(int dir, const std::string& path) {
  for (std::size_t slash = path.find('/'); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    ::mkdirat(dir, path.substr(0, slash).c_str(), 0755);
  }
}

/// Removes the tree at `root`, its top-level entries `jobs` at a time (0: one per core): the
/// previous site goes after every swap, 35,000 files at 1,000 reports. Errors are ignored.
void remove_tree(const fs::path& root, unsigned jobs) {
  std::error_code ec;
  std::vector<fs::path> top;
  for (const fs::directory_entry& entry : list_folder(root).entries) top.push_back(entry.path());
  parallel_for(top.size(), jobs, [&](std::size_t i) {
    std::error_code ignored;
    fs::remove_all(top[i], ignored);
  });
  fs::remove_all(root, ec);
}

/// Opens `path` for reading, or -1; a link there is not followed.
int open_folder(const fs::path& path) {
  return ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

/// A folder that may be replaced: missing, empty, or holding a site (an index.html).
bool replaceable(const fs::path& output) {
  std::error_code ec;
  if (!fs::exists(output, ec)) return true;
  if (!fs::is_directory(fs::symlink_status(output, ec))) return false;
  return fs::is_empty(output, ec) || fs::exists(output / "index.html", ec);
}

}  // namespace

DiskOutput::DiskOutput(fs::path output_dir, Diagnostics& diagnostics, unsigned jobs)
    : diagnostics_(diagnostics), jobs_(jobs) {
  // An empty path has no absolute form; lock() then refuses it.
  std::error_code ec;
  output_ = fs::absolute(output_dir, ec).lexically_normal();
  if (!output_.has_filename()) output_ = output_.parent_path();
}

DiskOutput::~DiskOutput() {
  close_folders();
  std::error_code ec;
  if (!committed_ && !staging_.empty()) fs::remove_all(staging_, ec);
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

void DiskOutput::close_folders() {
  if (staging_fd_ >= 0) ::close(staging_fd_);
  if (published_fd_ >= 0) ::close(published_fd_);
  staging_fd_ = published_fd_ = -1;
}

void DiskOutput::clear_leftovers() const {
  std::error_code ec;
  std::string prefix = sibling_prefix(output_);
  // write_manifest()'s temporary files: the manifest's name, ".tmp-" and a process id.
  std::string manifest_temporaries = manifest_path(output_).filename().string() + ".tmp-";
  std::string reuse_temporaries = reuse_path(output_).filename().string() + ".tmp-";
  for (const fs::directory_entry& entry : list_folder(output_.parent_path()).entries) {
    std::string name = entry.path().filename().string();
    if (name.rfind(prefix + "staging-", 0) == 0 || name.rfind(manifest_temporaries, 0) == 0 ||
        name.rfind(reuse_temporaries, 0) == 0) {
      fs::remove_all(entry.path(), ec);
    }
  }
}

namespace {

/// The nearest of `path` and its ancestors that exists (the root at worst).
fs::path nearest_existing(fs::path path) {
  std::error_code ec;
  while (path.has_relative_path() && !fs::exists(fs::symlink_status(path, ec))) {
    path = path.parent_path();
  }
  return path;
}

/// Why publishing cannot use `parent`, the folder the output, its staging folder and its
/// manifest live in, or "" when it can: it must be a folder (created when missing) this
/// process may list, enter and write in.
std::string parent_problem(const fs::path& parent) {
  if (parent.empty()) return "the output folder has no path";
  std::error_code ec;
  fs::path existing = nearest_existing(parent);
  if (!fs::is_directory(existing, ec)) {
    if (existing == parent) return "the output's parent, " + parent.string() + ", is not a folder";
    return "cannot create the output's parent folder: " + existing.string() + " is not a folder";
  }
  if (existing != parent && !fs::create_directories(parent, ec) && ec) {
    return "cannot create the output's parent folder: " + ec.message();
  }
  if (::access(parent.c_str(), R_OK | W_OK | X_OK) != 0) {
    return "cannot write in the output's parent folder: " + std::string(std::strerror(errno));
  }
  return "";
}

}  // namespace

bool DiskOutput::lock() {
  if (lock_fd_ >= 0) return true;
  fs::path parent = output_.parent_path();
  std::string problem = parent_problem(parent);
  if (problem.empty()) {
    lock_fd_ = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (lock_fd_ < 0) {
      problem = "cannot open the output's parent folder: " + std::string(std::strerror(errno));
    }
  }
  if (problem.empty() && ::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    problem = errno == EWOULDBLOCK
                  ? "another build is publishing into this folder (its parent folder is locked)"
                  : "cannot lock the output's parent folder: " + std::string(std::strerror(errno));
    ::close(lock_fd_);
    lock_fd_ = -1;
  }
  if (problem.empty()) return true;
  diagnostics_.error({output_.string(), 0, 0}, problem);
  return false;
}

const std::optional<BuildManifest>& DiskOutput::published_manifest() const {
  if (!manifest_read_) manifest_ = read_manifest(manifest_path(output_));
  manifest_read_ = true;
  return manifest_;
}

std::optional<BuildManifest> DiskOutput::current(const std::string& fingerprint) const {
  if (fingerprint.empty() || lock_fd_ < 0) return std::nullopt;
  const std::optional<BuildManifest>& manifest = published_manifest();
  if (!manifest || manifest->fingerprint != fingerprint) return std::nullopt;
  if (manifest->boot.empty() || manifest->boot != boot_identity()) return std::nullopt;
  // A real folder, as begin() would accept: not, say, a link to the site moved elsewhere.
  std::error_code ec;
  if (!fs::is_directory(fs::symlink_status(output_, ec))) return std::nullopt;
  // Compared as scanned: the output's entries are never held beside the manifest's.
  std::size_t next = 0;
  const std::vector<OutputEntry>& recorded = manifest->entries;
  bool same = visit_output(output_, jobs_, [&](const OutputEntry& entry) {
    return next < recorded.size() && entry == recorded[next++];
  });
  if (!same || next != recorded.size()) return std::nullopt;
  return manifest;
}

bool DiskOutput::begin() {
  if (!lock()) return false;
  fs::path parent = output_.parent_path();
  std::error_code ec;
  clear_leftovers();
  if (!replaceable(output_)) {
    diagnostics_.error({output_.string(), 0, 0},
                       "refusing to replace this folder: it is not empty and holds no "
                       "index.html, so it does not look like a built site");
    return false;
  }
  staging_ = parent / (sibling_prefix(output_) + "staging-" + std::to_string(::getpid()));
  fs::create_directory(staging_, ec);
  staging_fd_ = ec ? -1 : open_folder(staging_);
  if (staging_fd_ < 0) {
    std::string why = ec ? ec.message() : std::strerror(errno);
    diagnostics_.error({staging_.string(), 0, 0}, "cannot create staging folder: " + why);
    return false;
  }
  published_fd_ = open_folder(output_);  // -1 on a first build: then nothing can be unchanged
  return true;
}

void DiskOutput::record_manifest(const fs::path& file, BuildManifest record) const {
  if (record.fingerprint.empty()) return;
  // Scanned only now: removing the previous site changed the link counts, so the change
  // times, of the files it shared with the new one.
  // Written as scanned, a few folders at a time.
  record.boot = boot_identity();
  write_manifest(file, record, [this](const std::function<bool(const OutputEntry&)>& visit) {
    return visit_output(output_, jobs_, visit);
  });
}

bool DiskOutput::same_as_published(const std::string& path, const std::string& bytes) const {
  if (published_fd_ < 0) return false;
  int fd = ::openat(published_fd_, path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat info {};
  bool same = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) &&
              static_cast<std::size_t>(info.st_size) == bytes.size();
  std::string existing(same ? bytes.size() : 0, '\0');
  std::size_t done = 0;
  while (same && done < existing.size()) {
    ssize_t n = ::read(fd, existing.data() + done, existing.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) same = false;
    done += n > 0 ? static_cast<std::size_t>(n) : 0;
  }
  ::close(fd);
  return same && existing == bytes;
}

void DiskOutput::write(const std::string& path, std::string bytes) {
  if (staging_fd_ < 0) return;  // begin() failed and said why; never write elsewhere
  if (!is_safe_output_path(path)) {
    diagnostics_.error({path, 0, 0}, "unsafe output path");
    return;
  }
  bool unchanged = same_as_published(path, bytes) && link_published(path);
  if (!unchanged && !create_file(path, bytes)) {
    diagnostics_.error({path, 0, 0}, errno == EEXIST ? "two pages write the same output file"
                                                     : std::string("cannot write: ") + std::strerror(errno));
    return;
  }
  count_file(bytes.size(), unchanged);
}

void DiskOutput::count_file(std::size_t size, bool unchanged) {
  std::lock_guard lock(mutex_);
  ++stats_.files;
  stats_.bytes += size;
  if (unchanged) ++stats_.unchanged;
}

int DiskOutput::create_staged(const std::string& path) const {
  int fd = ::openat(staging_fd_, path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd >= 0 || errno != ENOENT) return fd;
  create_parents(staging_fd_, path);
  return ::openat(staging_fd_, path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
}

namespace {

/// Writes all of `piece` to `fd`; false with errno set.
bool write_all(int fd, std::string_view piece) {
  while (!piece.empty()) {
    ssize_t n = ::write(fd, piece.data(), piece.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    piece.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

/// Whether the next bytes of `fd` are `piece`; reads them whole (a short file differs).
bool next_bytes_are(int fd, std::string_view piece, std::string& buffer) {
  buffer.resize(piece.size());
  std::size_t done = 0;
  while (done < buffer.size()) {
    ssize_t n = ::read(fd, buffer.data() + done, buffer.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return std::string_view(buffer) == piece;
}

/// True when `fd` has nothing left to read.
bool at_end(int fd) {
  char byte = 0;
  ssize_t n;
  do n = ::read(fd, &byte, 1);
  while (n < 0 && errno == EINTR);
  return n == 0;
}

}  // namespace

void DiskOutput::write_streamed(const std::string& path, const std::function<void(const TextSink&)>& produce) {
  if (staging_fd_ < 0) return;
  if (!is_safe_output_path(path)) {
    diagnostics_.error({path, 0, 0}, "unsafe output path");
    return;
  }
  int fd = create_staged(path);
  int published = published_fd_ < 0 ? -1 : ::openat(published_fd_, path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  bool written = fd >= 0, same = published >= 0;
  int error = fd >= 0 ? 0 : errno;
  std::size_t size = 0;
  std::string buffer;
  produce([&](std::string_view piece) {
    size += piece.size();
    if (written && !write_all(fd, piece)) written = false, error = errno;
    if (same) same = next_bytes_are(published, piece, buffer);
  });
  same = same && at_end(published);
  if (published >= 0) ::close(published);
  if (fd >= 0 && ::close(fd) != 0 && written) written = false, error = errno;
  bool unchanged = false;
  if (written && same) {
    // The same bytes: the published file takes the staged copy's place, as write() links it.
    unchanged = ::unlinkat(staging_fd_, path.c_str(), 0) == 0 && link_published(path);
    if (!unchanged) written = false, error = errno;
  }
  if (!written) {
    diagnostics_.error({path, 0, 0}, error == EEXIST ? "two pages write the same output file"
                                                     : std::string("cannot write: ") + std::strerror(error));
    return;
  }
  count_file(size, unchanged);
}

bool DiskOutput::keep(const OutputEntry& published) {
  const std::string& path = published.path;
  if (staging_fd_ < 0 || published_fd_ < 0 || !is_safe_output_path(path)) return false;
  if (!link_published(path)) return false;
  // Linked by name: make sure it is still the file that was scanned (linking changed only its
  // change time).
  struct stat info {};
  bool same = ::fstatat(staging_fd_, path.c_str(), &info, AT_SYMLINK_NOFOLLOW) == 0 &&
              S_ISREG(info.st_mode) && static_cast<std::uint64_t>(info.st_ino) == published.inode &&
              static_cast<std::uint64_t>(info.st_size) == published.size &&
              nanoseconds(info.st_mtim) == published.mtime_ns;
  if (!same) {
    ::unlinkat(staging_fd_, path.c_str(), 0);
    return false;
  }
  std::lock_guard lock(mutex_);
  ++stats_.files;
  ++stats_.unchanged;
  stats_.bytes += published.size;
  return true;
}

bool DiskOutput::link_published(const std::string& path) const {
  if (::linkat(published_fd_, path.c_str(), staging_fd_, path.c_str(), 0) == 0) return true;
  if (errno != ENOENT) return false;
  create_parents(staging_fd_, path);
  return ::linkat(published_fd_, path.c_str(), staging_fd_, path.c_str(), 0) == 0;
}

bool DiskOutput::create_file(const std::string& path, const std::string& bytes) const {
  if (write_whole_file(staging_fd_, path, bytes)) return true;
  if (errno != ENOENT) return false;
  // Its folder is missing: made on the first file written into it, not looked up every time.
  create_parents(staging_fd_, path);
  return write_whole_file(staging_fd_, path, bytes);
}

bool DiskOutput::commit(BuildManifest record, const ReuseRecord& reuse) {
  if (diagnostics_.has_errors() || staging_.empty()) return false;
  std::error_code ec;
  // Gone before the swap: a build killed between the swap and the new manifest must not leave
  // an old manifest that could take the new site for the old one's inputs.
  close_folders();
  fs::path manifest_file = manifest_path(output_);
  fs::remove(manifest_file, ec);
  fs::remove(reuse_path(output_), ec);
  bool exists = fs::exists(output_, ec);
  int rc = exists ? ::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, output_.c_str(), RENAME_EXCHANGE)
                  : ::rename(staging_.c_str(), output_.c_str());
  if (rc != 0) {
    diagnostics_.error({output_.string(), 0, 0},
                       std::string("cannot swap in the new site: ") + std::strerror(errno));
    return false;
  }
  committed_ = true;
  if (exists) remove_tree(staging_, jobs_);  // now the previous site
  ::fsync(lock_fd_);
  if (!record.fingerprint.empty() && reuse.fingerprint == record.fingerprint) {
    write_reuse(reuse_path(output_), reuse);
  }
  record_manifest(manifest_file, std::move(record));
  return true;
}

}  // namespace gongkai
