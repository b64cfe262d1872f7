// Listing folders without exceptions: one place where a folder that cannot be read, or that
// vanishes while it is listed, becomes an error code instead of an uncaught filesystem_error.
#pragma once

#include <filesystem>
#include <functional>
#include <system_error>
#include <vector>

namespace gongkai {

/// The entries of one folder, sorted by path, and the error that ended the listing early (none
/// when it was read to its end).
struct FolderListing {
  std::vector<std::filesystem::directory_entry> entries;
  std::error_code error;
};

/// Lists `dir` without following a link in its place and without throwing: every failure (a
/// folder missing, unreadable, or replaced by a file) is in `error`, with what was read so far.
FolderListing list_folder(const std::filesystem::path& dir);

/// True for the errors of a folder that no longer exists (removed, or replaced by a file) since
/// the folder holding it was listed: it is no longer part of the tree, not a failure to read it.
bool vanished(std::error_code error);

/// What walk_folder does with each entry: `visit` returns true to descend into a folder;
/// `failed` hears of each folder that could not be listed (a folder that vanished is not one).
struct FolderVisitor {
  std::function<bool(const std::filesystem::directory_entry&)> visit;
  std::function<void(const std::filesystem::path&, std::error_code)> failed;
};

/// Walks the tree under `root` depth first, in name order, never following links. Each folder
/// is listed whole before its entries are visited, so a visit may change the tree (the test of
/// a folder vanishing mid-walk does) and the walk goes on from the listing.
void walk_folder(const std::filesystem::path& root, const FolderVisitor& visitor);

}  // namespace gongkai
