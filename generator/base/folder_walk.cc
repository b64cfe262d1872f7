#include "base/folder_walk.h"

#include <algorithm>

namespace gongkai {

namespace fs = std::filesystem;

FolderListing list_folder(const fs::path& dir) {
  FolderListing out;
  std::error_code& ec = out.error;
  fs::file_status status = fs::symlink_status(dir, ec);
  if (!ec && !fs::is_directory(status)) {
    ec = std::make_error_code(fs::exists(status) ? std::errc::not_a_directory
                                                 : std::errc::no_such_file_or_directory);
  }
  if (ec) return out;
  // increment(ec), never ++: operator++ throws when reading the folder fails part-way.
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    out.entries.push_back(*it);
  }
  std::sort(out.entries.begin(), out.entries.end(),
            [](const auto& a, const auto& b) { return a.path() < b.path(); });
  return out;
}

bool vanished(std::error_code error) {
  return error == std::errc::no_such_file_or_directory || error == std::errc::not_a_directory;
}

void walk_folder(const fs::path& root, const FolderVisitor& visitor) {
  FolderListing listing = list_folder(root);
  if (listing.error && !vanished(listing.error)) visitor.failed(root, listing.error);
  for (const fs::directory_entry& entry : listing.entries) {
    std::error_code ec;
    bool folder = entry.is_directory(ec) && !entry.is_symlink(ec);
    if (visitor.visit(entry) && folder) walk_folder(entry.path(), visitor);
  }
}

}  // namespace gongkai
