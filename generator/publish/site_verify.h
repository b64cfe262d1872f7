// `gongkai verify`: checks a copy of a site — a folder, or a .zip made by `gongkai archive`,
// read in place — against its SHA256SUMS. Every file listed and missing, every file whose
// bytes differ and every file present but not listed is reported, each on its own line at its
// path (relative to the folder holding SHA256SUMS, as `sha256sum -c` names them).
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "base/diagnostic.h"

namespace gongkai {

/// What a verification found.
struct VerifyResult {
  /// False when there was nothing to verify against (no readable, well-formed SHA256SUMS, or
  /// an archive that cannot be opened); the counts are then meaningless.
  bool checked = false;
  std::size_t listed = 0;
  std::size_t missing = 0;
  std::size_t changed = 0;
  /// Files present but not listed, and entries that cannot be files of a site (unsafe names,
  /// symbolic links, entries too large to read).
  std::size_t extra = 0;

  bool clean() const { return checked && missing == 0 && changed == 0 && extra == 0; }
};

/// At most this many bytes of SHA256SUMS are read.
inline constexpr std::size_t kMaxSumsBytes = std::size_t(64) << 20;
/// An archive entry larger than this is not read (reported instead): a hostile archive may
/// claim or inflate to any size.
inline constexpr std::uint64_t kMaxEntryBytes = std::uint64_t(1) << 30;
/// An archive of more entries is not read.
inline constexpr std::uint64_t kMaxEntries = 1000000;

/// Parses SHA256SUMS: "<64 hex digits>  <path>" (or " *<path>", sha256sum's binary mode) per
/// line. Reports malformed lines, unsafe paths (absolute, "..", empty segments) and paths
/// listed twice at `where`:LINE; nullopt when there is any of those, or no line at all.
std::optional<std::map<std::string, std::string>> parse_sums(const std::string& text,
                                                             const std::string& where,
                                                             Diagnostics& diagnostics);

/// True for a relative '/'-separated path with no empty, "." or ".." segment, no backslash
/// and no NUL: a name that stays inside the folder it is read in.
bool is_contained_path(const std::string& path);

/// Verifies the folder `dir` against `dir`/SHA256SUMS.
VerifyResult verify_folder(const std::filesystem::path& dir, Diagnostics& diagnostics);

/// Verifies the .zip `file` against the SHA256SUMS it holds (at its top, or in its one top
/// folder), reading each entry from the archive; nothing is unpacked.
VerifyResult verify_archive(const std::filesystem::path& file, Diagnostics& diagnostics);

/// The line `gongkai verify` ends with: "verified N files against SHA256SUMS: all match", or
/// "verify failed: …" with the counts.
std::string verify_summary(const VerifyResult& result);

}  // namespace gongkai
