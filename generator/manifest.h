// The record of a published build, kept beside the output folder NAME as `.NAME.manifest`: a
// fingerprint of everything the build read, the diagnostics it printed, and the identity (size,
// modification and change times, inode) of every file and folder it left in the output. When
// the next build finds the same fingerprint and the output exactly as recorded, it has nothing
// to do and says so, which makes a rebuild with nothing changed cost a scan instead of a build
// (docs/performance.md, "No-change rebuilds").
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai {

/// A 128-bit digest of a sequence of fields. Fields are length-prefixed, so ("ab", "c") and
/// ("a", "bc") differ. Not cryptographic: it tells edits apart, it does not resist forgery.
class Digest {
 public:
  void add(std::string_view field);
  void add(std::int64_t number);
  /// 32 lowercase hex digits.
  std::string hex() const;

 private:
  std::string fields_;
};

/// A digest of the running gongkai executable and of the identity (path, size, times, inode)
/// of every shared library it runs code from, so that a new generator or a new cmark, toml++
/// or C++ library (each of which shapes output or messages) never takes an old build as
/// current. "" when the executable cannot be read.
const std::string& generator_identity();

/// The kernel's id of the current boot. A manifest vouches for files whose data the build wrote
/// without fsync; after a crash their inodes may survive while their data did not, so a
/// manifest recorded before a reboot is not trusted. "" when unknown.
std::string boot_identity();

/// One file or folder of a published output, as the file system reports it.
struct OutputEntry {
  /// Relative, '/'-separated.
  std::string path;
  /// 'f' regular file, 'd' folder, 'o' anything else (a link, a device: never written by a build).
  char type = 'f';
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  /// Changes with any change of the file, including one that restores its modification time.
  std::int64_t ctime_ns = 0;
  std::uint64_t inode = 0;

  bool operator==(const OutputEntry&) const = default;
};

/// Every entry under `root`, sorted by path; nullopt when the folder cannot be read whole.
std::optional<std::vector<OutputEntry>> scan_output(const std::filesystem::path& root);

struct BuildManifest {
  std::string fingerprint;
  /// boot_identity() when the output was recorded.
  std::string boot;
  /// The build's diagnostics as it printed them, printed again by a build that finds nothing
  /// to do.
  std::string diagnostics;
  std::size_t reports = 0;
  std::size_t departments = 0;
  std::vector<OutputEntry> entries;
};

/// `.NAME.manifest` beside the output folder NAME.
std::filesystem::path manifest_path(const std::filesystem::path& output_dir);

/// The manifest at `file`; nullopt when it is missing, of another format or damaged.
std::optional<BuildManifest> read_manifest(const std::filesystem::path& file);

/// Writes `manifest` to `file` through a temporary file and a rename, so that a reader sees the
/// old manifest, none, or the new one. False when it cannot, or when a path holds a line break
/// (the format is line-based): a site without a manifest is simply always built.
bool write_manifest(const std::filesystem::path& file, const BuildManifest& manifest);

}  // namespace gongkai
