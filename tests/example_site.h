// The repository's example site as a test fixture, and edits of every kind of its source
// files: the serve tests apply them to incremental rebuilds in memory, the cli tests to builds
// that keep departments of the published site, and both compare with fresh builds.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace gongkai::testing {

/// Copies the example site (the repository's own site.toml, content and theme folders) to `to`.
void copy_example_site(const std::filesystem::path& to);

/// Replaces the first `from` in `file` with `to`; fails the test when `file` lacks it.
void replace_first(const std::filesystem::path& file, const std::string& from, const std::string& to);
/// Replaces every `from` in `file` with `to`; fails the test when `file` lacks it.
void replace_all(const std::filesystem::path& file, const std::string& from, const std::string& to);
void append(const std::filesystem::path& file, const std::string& text);

/// One edit of the sources: what it does and the paths it touches (as a file watcher reports
/// them; `folder` when a path is a folder).
struct Edit {
  std::string name;
  std::function<void(const std::filesystem::path& site)> apply;
  std::vector<std::string> touched;
  bool folder = false;
};

extern const std::string kCredit;
extern const std::string kData;
extern const std::string kMarket;

/// Edits of every kind of source file on the example site, to apply in order to a copy of it;
/// `original` is an untouched copy (one edit restores a folder from it).
std::vector<Edit> example_site_edits(const std::filesystem::path& original);

}  // namespace gongkai::testing
