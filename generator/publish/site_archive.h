// `gongkai archive`: a built site packed into one .zip file with the SHA-256 of every file
// (SHA256SUMS, in the format `sha256sum -c` reads) and a README, so that a copy handed on
// can be checked against what was published (site_verify.h). The archive is deterministic:
// the same site gives the same bytes (entries sorted by path, fixed times and permissions).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"

namespace gongkai {

/// The name of the checksum file at the top of an archived site.
inline constexpr const char* kSumsName = "SHA256SUMS";
/// The name of the README at the top of an archived site.
inline constexpr const char* kArchiveReadmeName = "README.txt";

/// One file of a built site: its '/'-separated path relative to the site folder and its digest.
struct SiteFileDigest {
  std::string path;
  std::string sha256;
};

/// SHA256SUMS: "<64 hex digits>  <path>\n" for each file, in the order given (callers sort by
/// path, byte for byte, as `LC_ALL=C sort -k2` would).
std::string sha256sums_text(const std::vector<SiteFileDigest>& files);

/// The '/'-separated paths of every regular file under `root`, sorted. nullopt after reporting
/// when the folder cannot be read or holds anything but files and folders (a symbolic link is
/// never followed into an archive).
std::optional<std::vector<std::string>> list_site_files(const std::filesystem::path& root,
                                                        Diagnostics& diagnostics);

/// The SHA-256 of the file at `file`, read in pieces; nullopt when it cannot be read.
std::optional<std::string> sha256_of_file(const std::filesystem::path& file);

struct ArchiveRequest {
  /// The built site folder.
  std::filesystem::path site;
  /// The .zip to write; replaced whole, through a temporary file beside it and a rename.
  std::filesystem::path file;
  /// The folder the archive's entries are under ("public": unzipping gives public/index.html).
  std::string folder;
  /// The README's text (kArchiveReadmeName), listed in SHA256SUMS like the site's files.
  std::string readme;
  /// The date of every entry, "YYYY-MM-DD" (the build date the content gives); 1980-01-01, the
  /// earliest a zip can hold, when empty or not such a date.
  std::string date;
};

struct ArchiveResult {
  /// Files archived, SHA256SUMS and README included.
  std::size_t files = 0;
  /// The archive's size.
  std::uint64_t bytes = 0;
  /// The SHA-256 of SHA256SUMS: one value that stands for the whole copy.
  std::string sums_sha256;
};

/// Writes the archive: every file of `request.site`, the README and SHA256SUMS, in that order
/// of names (sorted), each with the same time and permissions (rw-r--r--). Either the whole
/// archive is at `request.file` afterwards or nothing new is (the temporary file is removed).
/// A site that holds a SHA256SUMS or README.txt of its own is refused. nullopt after reporting.
std::optional<ArchiveResult> write_site_archive(const ArchiveRequest& request,
                                                Diagnostics& diagnostics);

}  // namespace gongkai
