#include "base/file_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace gongkai {

namespace fs = std::filesystem;

namespace {

/// Reads `fd` to its end into `out`, which starts at the size fstat gave: one copy from the
/// kernel, where a stream into a stringstream copied each file three times. A file that grows
/// while it is read is read on, but only to `limit` + 1 bytes, which the caller refuses.
bool read_to_end(int fd, std::string& out, std::size_t limit) {
  std::size_t done = 0;
  char more[4096];
  while (out.size() <= limit) {
    bool full = done == out.size();
    char* into = full ? more : out.data() + done;
    std::size_t room = full ? sizeof more : out.size() - done;
    ssize_t n = ::read(fd, into, room);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) break;
    if (full) out.append(more, static_cast<std::size_t>(n));
    done += static_cast<std::size_t>(n);
  }
  out.resize(done);
  return true;
}

}  // namespace

std::optional<std::string> read_source_file(const fs::path& file, const std::string& display,
                                            Diagnostics& diagnostics) {
  struct stat info {};
  if (::lstat(file.c_str(), &info) != 0) {
    diagnostics.error({display, 0, 0}, "file not found");
    return std::nullopt;
  }
  if (!S_ISREG(info.st_mode)) {
    diagnostics.error({display, 0, 0},
                      S_ISLNK(info.st_mode) ? "symbolic links are not followed" : "not a regular file");
    return std::nullopt;
  }
  if (static_cast<std::uintmax_t>(info.st_size) > kMaxSourceFileBytes) {
    diagnostics.error({display, 0, 0}, "file is " + std::to_string(info.st_size) +
                                           " bytes, over the limit of " +
                                           std::to_string(kMaxSourceFileBytes) + " bytes");
    return std::nullopt;
  }
  // O_NOFOLLOW and O_NONBLOCK: a file swapped for a link or a FIFO since lstat neither leads
  // elsewhere nor blocks the build; fstat below refuses it.
  int fd = ::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  std::string text;
  bool ok = fd >= 0 && ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode);
  if (ok) text.resize(static_cast<std::size_t>(std::min<std::uintmax_t>(info.st_size, kMaxSourceFileBytes)));
  ok = ok && read_to_end(fd, text, kMaxSourceFileBytes);
  if (fd >= 0) ::close(fd);
  if (!ok) {
    diagnostics.error({display, 0, 0}, "cannot read file");
    return std::nullopt;
  }
  if (text.size() > kMaxSourceFileBytes) {
    diagnostics.error({display, 0, 0}, "file grew past the limit of " +
                                           std::to_string(kMaxSourceFileBytes) +
                                           " bytes while it was read");
    return std::nullopt;
  }
  return text;
}

std::string display_path(const fs::path& source_dir, const fs::path& file) {
  fs::path relative = file.lexically_normal().lexically_relative(source_dir.lexically_normal());
  if (relative.empty() || *relative.begin() == "..") return file.generic_string();
  return relative.generic_string();
}

}  // namespace gongkai
