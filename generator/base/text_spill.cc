#include "base/text_spill.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>

namespace gongkai {

namespace {

std::string temporary_folder() {
  std::error_code ec;
  std::filesystem::path folder = std::filesystem::temp_directory_path(ec);
  return ec ? std::string("/tmp") : folder.string();
}

/// An unnamed file: O_TMPFILE where the file system has it, else a named one unlinked at once.
int unnamed_file() {
  std::string folder = temporary_folder();
  int fd = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0) return fd;
  std::string name = folder + "/gongkai-spill-XXXXXX";
  fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd >= 0) ::unlink(name.c_str());
  return fd;
}

}  // namespace

std::shared_ptr<TextSpill> TextSpill::create() {
  int fd = unnamed_file();
  if (fd < 0) return nullptr;
  return std::shared_ptr<TextSpill>(new TextSpill(fd));
}

TextSpill::~TextSpill() { ::close(fd_); }

std::optional<SpilledText> TextSpill::append(std::string_view text) {
  std::uint64_t offset = end_.fetch_add(text.size());
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::pwrite(fd_, text.data() + done, text.size() - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return std::nullopt;
    done += static_cast<std::size_t>(n);
  }
  return SpilledText{shared_from_this(), offset, text.size()};
}

std::optional<std::string> TextSpill::read(const SpilledText& where) const {
  std::string out(where.size, '\0');
  std::size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::pread(fd_, out.data() + done, out.size() - done, static_cast<off_t>(where.offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return std::nullopt;
    done += static_cast<std::size_t>(n);
  }
  return out;
}

}  // namespace gongkai
