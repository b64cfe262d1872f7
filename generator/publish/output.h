// Stage 6: the one writer all output goes through. Pages are handed over as they are rendered
// (from several threads); the disk writer stages them beside the output folder and swaps the
// finished tree in only when the whole build succeeded, so a failed or killed build leaves the
// published site exactly as it was.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "base/diagnostic.h"
#include "base/text_sink.h"
#include "publish/manifest.h"

namespace gongkai {

/// True for a relative output path of safe segments ("dept/2023/index.html"): no "..", no
/// empty or hidden segments, no backslashes.
bool is_safe_output_path(std::string_view path);

/// Receives the files of a build. Implementations are thread-safe.
class OutputWriter {
 public:
  virtual ~OutputWriter() = default;
  /// Adds one file. `path` is relative, '/'-separated and must be safe; writing the same path
  /// twice is a bug in the page graph and is reported as an error.
  virtual void write(const std::string& path, std::string bytes) = 0;
  /// Adds one file whose bytes `produce` hands to its sink piece by piece, so that a large file
  /// need not be held whole (the site's datapackage.json is 144 MB at 10,000 reports). This
  /// default collects the pieces and calls write().
  virtual void write_streamed(const std::string& path, const std::function<void(const TextSink&)>& produce) {
    std::string bytes;
    produce([&bytes](std::string_view piece) { bytes += piece; });
    write(path, std::move(bytes));
  }
  /// Adds the published file `published.path` as it is, unread: for files a build knows to be
  /// the ones it would write (a department taken from the last build, site.h), as long as the
  /// file is still the one `published` describes (inode, size, modification time). False when
  /// this writer has no published site or the file is not that one; the caller reports that.
  virtual bool keep(const OutputEntry& published) {
    (void)published;
    return false;
  }
};

/// Keeps the site in memory: for `gongkai serve` and for tests.
class MemoryOutput : public OutputWriter {
 public:
  explicit MemoryOutput(Diagnostics& diagnostics) : diagnostics_(diagnostics) {}
  void write(const std::string& path, std::string bytes) override;
  /// Sorted by path. Not to be called while writers are still running.
  const std::map<std::string, std::string>& files() const { return files_; }
  std::map<std::string, std::string> take() { return std::move(files_); }

 private:
  Diagnostics& diagnostics_;
  std::mutex mutex_;
  std::map<std::string, std::string> files_;
};

/// What publishing changed, for the build log and for incremental-output tests.
struct PublishStats {
  std::size_t files = 0;
  /// Files whose bytes were unchanged: hard-linked from the previous site (same inode, mtime).
  std::size_t unchanged = 0;
  std::size_t bytes = 0;
};

/// Writes into a staging folder `.NAME.staging-PID` beside the output folder NAME, then swaps.
/// Only one build publishes into a given folder at a time (an flock on the parent folder).
class DiskOutput : public OutputWriter {
 public:
  /// `jobs`: threads for scanning the output folder (0: one per core).
  DiskOutput(std::filesystem::path output_dir, Diagnostics& diagnostics, unsigned jobs = 0);
  /// The threads it was given, for callers that scan the output themselves.
  unsigned jobs() const { return jobs_; }
  /// Removes the staging folder unless commit() succeeded.
  ~DiskOutput() override;

  /// Takes the lock (begin() takes it too). False after reporting.
  bool lock();
  /// The manifest of the published site (manifest.h) when that site was built from inputs with
  /// this `fingerprint` and is still exactly as the build left it: then a build has nothing to
  /// do. nullopt otherwise, or when `fingerprint` is empty. Call after lock().
  std::optional<BuildManifest> current(const std::string& fingerprint) const;
  /// The manifest beside the output folder as the last build left it, read once (nullopt when
  /// there is none or it is damaged): current() and a build that keeps departments both need it,
  /// and at 10,000 reports it is 39 MB.
  const std::optional<BuildManifest>& published_manifest() const;
  /// Takes the lock, clears leftovers of killed builds, refuses an output folder that does not
  /// look like a built site, and creates the staging folder. False after reporting.
  bool begin();
  void write(const std::string& path, std::string bytes) override;
  /// Writes the pieces to the staging folder as they come, comparing them with the published
  /// file meanwhile: when they match it whole, the published file is linked instead, as write()
  /// does.
  void write_streamed(const std::string& path, const std::function<void(const TextSink&)>& produce) override;
  /// Hard-links the published file into the staging folder.
  bool keep(const OutputEntry& published) override;
  /// Swaps the staged tree in (renameat2 RENAME_EXCHANGE) and removes the previous one. The
  /// previous manifest and reuse record are removed first; when `record` has a fingerprint, it
  /// is completed with the new output's entries and written afterwards, after `reuse` (when
  /// that has the same fingerprint), so that a manifest is never newer than its reuse record.
  bool commit(BuildManifest record = {}, const ReuseRecord& reuse = {});
  const PublishStats& stats() const { return stats_; }

 private:
  bool same_as_published(const std::string& path, const std::string& bytes) const;
  /// Hard-links the published file at `path` into the staging folder; false with errno set.
  bool link_published(const std::string& path) const;
  /// Writes a new file at `path` in the staging folder, making its folders on the way; false
  /// with errno set.
  bool create_file(const std::string& path, const std::string& bytes) const;
  /// Opens a new file at `path` in the staging folder for writing, making its folders; -1
  /// with errno set.
  int create_staged(const std::string& path) const;
  /// Counts a file written (or linked, when `unchanged`) of `size` bytes.
  void count_file(std::size_t size, bool unchanged);
  void close_folders();
  void clear_leftovers() const;
  void record_manifest(const std::filesystem::path& file, BuildManifest record) const;

  std::filesystem::path output_;
  std::filesystem::path staging_;
  Diagnostics& diagnostics_;
  unsigned jobs_;
  int lock_fd_ = -1;
  mutable bool manifest_read_ = false;
  mutable std::optional<BuildManifest> manifest_;
  /// The staging folder and the published one (-1 when there is none), open while writing:
  /// files are created relative to them, so the kernel does not walk the whole path each time.
  int staging_fd_ = -1;
  int published_fd_ = -1;
  bool committed_ = false;
  std::mutex mutex_;
  PublishStats stats_;
};

}  // namespace gongkai
