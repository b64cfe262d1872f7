// Stage 6, publishing: the site as published in an output folder, behind one interface. It
// owns what a build needs to know about the last build — the manifest (is the site up to
// date?), the reuse record and the scan of the published files (which departments can be
// kept?) — and the writer that stages the new site and swaps it in whole (output.h).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "base/diagnostic.h"
#include "publish/manifest.h"
#include "publish/output.h"

namespace gongkai {

class PublishedSite {
 public:
  /// `jobs`: threads for scanning the output folder (0: one per core).
  PublishedSite(std::filesystem::path output_dir, Diagnostics& diagnostics, unsigned jobs = 0);

  /// Takes the lock on the output folder: one build publishes into it at a time. False after
  /// reporting.
  bool open();
  /// The manifest of the published site when it was built from inputs with this `fingerprint`
  /// and is still exactly as that build left it: then a build has nothing to do.
  std::optional<BuildManifest> up_to_date(const std::string& fingerprint) const;
  /// The departments a build may keep: those the last build recorded with the digest that
  /// `digests` (by slug) gives them now, and with every file of their reports exactly as it
  /// left them. None unless the last build's record belongs to this boot of the machine.
  ReusedDepartments reusable_departments(const std::map<std::string, std::string>& digests);
  /// Starts the new version of the site: a staging folder beside the output folder. False
  /// after reporting (an output folder that does not look like a built site, say).
  bool begin();
  /// Where the new version's files go, after begin().
  OutputWriter& writer() { return disk_; }
  /// Swaps the new version in, with its manifest and the record for the next build to reuse.
  bool commit(BuildManifest record, const ReuseRecord& reuse);
  const PublishStats& stats() const { return disk_.stats(); }
  const std::filesystem::path& path() const { return output_; }

 private:
  std::filesystem::path output_;
  DiskOutput disk_;
  /// The last build's record, which the kept departments point into.
  std::optional<ReuseRecord> previous_;
};

}  // namespace gongkai
