// The record of a published build, kept beside the output folder NAME as `.NAME.manifest`: a
// fingerprint of everything the build read, the diagnostics it printed, and the identity (size,
// modification and change times, inode) of every file and folder it left in the output. When
// the next build finds the same fingerprint and the output exactly as recorded, it has nothing
// to do and says so, which makes a rebuild with nothing changed cost a scan instead of a build
// (docs/performance.md, "No-change rebuilds").
#pragma once

#include <cstdint>
#include <ctime>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/text_spill.h"

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

/// A file time as nanoseconds since the epoch, as OutputEntry keeps it.
std::int64_t nanoseconds(const struct timespec& time);

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

/// Calls `visit` with every entry under `root` in path order, holding the entries of a few
/// dozen top-level folders at a time, scanned `jobs` at a time (0: one per core), never the
/// whole output (about 90 MB at 10,000 reports). False when the folder cannot be read whole or
/// `visit` returns false; `visit` may then have seen part of it.
bool visit_output(const std::filesystem::path& root, unsigned jobs,
                  const std::function<bool(const OutputEntry&)>& visit);

/// Every entry under `root`, sorted by path, as visit_output() visits them; nullopt when the
/// folder cannot be read whole.
std::optional<std::vector<OutputEntry>> scan_output(const std::filesystem::path& root, unsigned jobs = 0);

/// Entries in path order, given one by one to its argument until that returns false; returns
/// false when it stopped early or could not give them all.
using OutputSource = std::function<bool(const std::function<bool(const OutputEntry&)>&)>;

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

/// What the site-wide pages (lists, year and trend charts, the search index) read of one report:
/// kept so that a later build can reuse its department's files without parsing it.
struct ReportSummary {
  /// The report's output folder, "dept/2023/budget/".
  std::string dir;
  bool has_headline = false;
  std::string headline_label;
  std::string headline_text;
  /// Decimal::to_string() of the total, which Decimal::parse() reads back exactly.
  std::string headline_value;
  int headline_unit = 0;
  /// key_figures_text() of its key figures (render/key_figures.h).
  std::string key_figures;
  /// Its search terms (search_page.h): in memory, or set aside by the build that made the
  /// record (`spilled_terms`, when that has a spill) until the record is written.
  std::string search_terms;
  SpilledText spilled_terms;

  bool operator==(const ReportSummary&) const = default;
};

/// A department whose reports' files a later build may link from the published site instead
/// of building them again. The build records one only for a department whose reports gave no
/// error and no more diagnostics than it could store, and records those diagnostics, stage by
/// stage, so that a build reusing it prints exactly what building it would print.
struct DepartmentRecord {
  std::string slug;
  /// Of everything its reports' files are computed from (Site::department_digests()).
  std::string digest;
  std::vector<ReportSummary> reports;
  /// What loading, checking and rendering its reports reported.
  std::vector<Diagnostic> load, check, render;

  bool operator==(const DepartmentRecord&) const = default;
};

/// A department that a build takes from the published site instead of building it: its record
/// from the last build (what its reports left for the site-wide pages), which the build moves
/// into its own records when it keeps the department, and the published files of its reports,
/// to be kept as they are (OutputWriter::keep()).
struct ReusedDepartment {
  DepartmentRecord* record = nullptr;
  /// As the scan of the published site found them.
  std::vector<OutputEntry> files;
};

/// By department slug.
using ReusedDepartments = std::map<std::string, ReusedDepartment>;

/// `.NAME.reuse` beside the output folder NAME: the department records of the build that wrote
/// the manifest with this `fingerprint`. Kept apart from the manifest because it holds every
/// report's search entries (about 9 KB each), which a build with nothing to do never reads.
struct ReuseRecord {
  std::string fingerprint;
  std::vector<DepartmentRecord> departments;

  bool operator==(const ReuseRecord&) const = default;
};

/// `.NAME.reuse` beside the output folder NAME.
std::filesystem::path reuse_path(const std::filesystem::path& output_dir);

/// The record at `file` when it was written with the manifest of `fingerprint`, with the
/// departments `wanted` accepts (given slug and digest): the others are read past, not kept.
/// nullopt when it is missing, of another format or build, or damaged.
std::optional<ReuseRecord> read_reuse(
    const std::filesystem::path& file, const std::string& fingerprint,
    const std::function<bool(const std::string& slug, const std::string& digest)>& wanted = {});

/// Writes `record` to `file` as write_manifest() does. False when it cannot.
bool write_reuse(const std::filesystem::path& file, const ReuseRecord& record);

/// `.NAME.manifest` beside the output folder NAME.
std::filesystem::path manifest_path(const std::filesystem::path& output_dir);

/// The manifest at `file`; nullopt when it is missing, of another format or damaged.
std::optional<BuildManifest> read_manifest(const std::filesystem::path& file);

/// Writes `manifest` to `file` through a temporary file and a rename, so that a reader sees the
/// old manifest, none, or the new one. False when it cannot, or when a path holds a line break
/// (the format is line-based): a site without a manifest is simply always built.
bool write_manifest(const std::filesystem::path& file, const BuildManifest& manifest);

/// write_manifest() with the entries of `entries` in place of `manifest.entries`, written as
/// they come: nothing is written when `entries` stops early.
bool write_manifest(const std::filesystem::path& file, const BuildManifest& manifest, const OutputSource& entries);

}  // namespace gongkai
