// The preview's builds: the last good site and its files in memory, brought up to date with the
// sources by rendering again only the outputs whose source keys changed (Site::dependencies()),
// and published as immutable snapshots that the server threads read without locking.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "pipeline/site.h"
#include "serve/preview_texts.h"

namespace gongkai {

/// One state of the preview, shared read-only by the server threads.
struct SiteSnapshot {
  /// The output files of the last good build, by output path.
  using Files = std::map<std::string, std::shared_ptr<const std::string>, std::less<>>;
  Files files;
  /// The errors of the last rebuild when it failed (the files are then older); empty when it
  /// succeeded.
  std::vector<Diagnostic> errors;
  /// Errors beyond those stored in `errors`.
  std::size_t more_errors = 0;
  /// What the panel listing `errors` says, read when the rebuild failed.
  PreviewTexts texts;
  /// Counts rebuilds that changed what is served; pages carry it so that a page can tell the
  /// events it has not seen.
  std::uint64_t generation = 0;

  bool has_site() const { return !files.empty(); }
};

/// What one rebuild did.
struct RebuildResult {
  bool ok = false;
  /// Nothing changed and nothing was published.
  bool unchanged = false;
  /// Everything was built from scratch (there was no good build to start from).
  bool full = false;
  std::uint64_t generation = 0;
  /// The source keys that changed (Site::changed_sources() and the watcher's hints).
  std::set<std::string> changed_sources;
  /// Outputs rendered again, and those of them whose bytes changed (or that were added or
  /// removed), sorted.
  std::size_t rendered = 0;
  std::vector<std::string> changed_outputs;
  /// The time the rebuild itself took.
  std::chrono::microseconds duration{0};
};

/// Output path -> the source keys it is computed from (Site::dependencies()).
using Dependencies = std::map<std::string, std::set<std::string>>;

/// The outputs of `after` to render again when the source keys `changed` changed, going from a
/// site whose outputs depended on `before` to one whose outputs depend on `after`: those whose
/// dependencies in either site match a changed key (dependency_matches()), and those `before`
/// did not have. The old dependencies count because an output must be rendered again when
/// something it used to list has gone. Outputs only `before` has are not listed: they are
/// dropped, not rendered.
std::set<std::string> affected_outputs(const Dependencies& before, const Dependencies& after,
                                       const std::set<std::string>& changed);

/// Keeps the last good site and its files, and brings them up to date with the sources.
/// Not thread-safe except snapshot(): one thread rebuilds, any number read snapshots.
class Rebuilder {
 public:
  explicit Rebuilder(BuildOptions options);

  /// Loads what changed, checks it, and renders the outputs whose dependencies changed. The
  /// changed sources are found by comparing the new site with the last good one, plus
  /// `hints` (keys named by file events), so a missed or coalesced event loses nothing.
  /// On an error the last good files stay and the snapshot carries the errors.
  RebuildResult rebuild(const std::set<std::string>& hints, Diagnostics& diagnostics);

  std::shared_ptr<const SiteSnapshot> snapshot() const { return snapshot_.load(); }
  /// The site of the last good build, if any (for the build log).
  const Site* site() const { return site_ ? &*site_ : nullptr; }

 private:
  std::optional<Site> load(Diagnostics& diagnostics);
  RebuildResult fail(const Diagnostics& diagnostics);
  void publish(SiteSnapshot::Files files, std::vector<Diagnostic> errors, std::size_t more,
               PreviewTexts texts = {});

  BuildOptions options_;
  std::optional<Site> site_;
  Dependencies dependencies_;
  std::uint64_t generation_ = 0;
  std::atomic<std::shared_ptr<const SiteSnapshot>> snapshot_;
};

}  // namespace gongkai
