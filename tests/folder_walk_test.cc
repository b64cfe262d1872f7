#include "base/folder_walk.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace gongkai;
using gongkai::testing::TempDir;
using gongkai::testing::write_file;
namespace fs = std::filesystem;

namespace {

struct Walked {
  std::vector<std::string> visited;
  std::vector<std::string> failed;
};

/// Walks `root`, descending into every folder; `on_visit` runs at each entry first.
Walked walk(const fs::path& root, const std::function<void(const fs::path&)>& on_visit = {}) {
  Walked out;
  walk_folder(root, {[&](const fs::directory_entry& entry) {
                       if (on_visit) on_visit(entry.path());
                       out.visited.push_back(entry.path().lexically_relative(root).generic_string());
                       return true;
                     },
                     [&](const fs::path& dir, std::error_code error) {
                       out.failed.push_back(dir.lexically_relative(root).generic_string() + ": " +
                                            error.message());
                     }});
  return out;
}

}  // namespace

TEST_CASE("folder walk: every entry in name order, links not followed", "[folder_walk]") {
  TempDir tmp;
  write_file(tmp / "b/x.txt", "x");
  write_file(tmp / "a/y.txt", "y");
  write_file(tmp / "outside/z.txt", "z");
  fs::create_directory_symlink(tmp / "outside", tmp / "a/link");
  Walked walked = walk(tmp / "a");
  CHECK(walked.visited == std::vector<std::string>{"link", "y.txt"});
  walked = walk(tmp.path());
  CHECK(walked.visited == std::vector<std::string>{"a", "a/link", "a/y.txt", "b", "b/x.txt",
                                                   "outside", "outside/z.txt"});
  CHECK(walked.failed.empty());
}

TEST_CASE("folder walk: a folder that vanishes mid-walk is left out, never thrown", "[folder_walk]") {
  // The hook removes folder b, and replaces folder c by a file, while a is visited: b and c were
  // listed already, and listing them fails as it does when an editor deletes a folder during a
  // build or a preview. Deterministic, where the race it stands for is not.
  TempDir tmp;
  for (const char* file : {"a/1", "b/2", "b/deeper/3", "c/4", "d/5"}) write_file(tmp / file, "x");
  Walked walked = walk(tmp.path(), [&](const fs::path& path) {
    if (path.filename() != "a") return;
    fs::remove_all(tmp / "b");
    fs::remove_all(tmp / "c");
    write_file(tmp / "c", "now a file");
  });
  CHECK(walked.visited == std::vector<std::string>{"a", "a/1", "b", "c", "d", "d/5"});
  CHECK(walked.failed.empty());
}

TEST_CASE("folder walk: listing a missing folder or a file gives an error code", "[folder_walk]") {
  TempDir tmp;
  write_file(tmp / "file", "x");
  FolderListing missing = list_folder(tmp / "none");
  CHECK(missing.error == std::errc::no_such_file_or_directory);
  CHECK(vanished(missing.error));
  FolderListing file = list_folder(tmp / "file");
  CHECK(file.error == std::errc::not_a_directory);
  CHECK(file.entries.empty());
}

TEST_CASE("folder walk: a folder that cannot be read is reported, the rest walked", "[folder_walk]") {
  if (::geteuid() == 0) {
    WARN("SKIPPED: running as root, which reads any folder: no unreadable folder can be made");
    return;
  }
  TempDir tmp;
  write_file(tmp / "locked/secret", "x");
  write_file(tmp / "open/file", "x");
  ::chmod((tmp / "locked").c_str(), 0);
  Walked walked = walk(tmp.path());
  ::chmod((tmp / "locked").c_str(), 0755);
  CHECK(walked.visited == std::vector<std::string>{"locked", "open", "open/file"});
  CHECK(walked.failed == std::vector<std::string>{"locked: Permission denied"});
}
