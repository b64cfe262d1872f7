// Stages 3–5 behind one small interface: Site::load() reads configuration, theme, content and
// data into an in-memory model; check() validates the figures; build() renders every page and
// hands the files to an OutputWriter.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config.h"
#include "content.h"
#include "diagnostic.h"
#include "output.h"

namespace gongkai {

struct BuildOptions {
  std::filesystem::path source_dir;
  bool include_drafts = false;
  /// Worker threads for rendering; 0 means one per core.
  unsigned jobs = 0;
  /// When set, the view model of every page is also written there as JSON (for theme authors).
  std::filesystem::path dump_views_dir;
};

struct SiteModel;

class Site {
 public:
  ~Site();
  Site(Site&&) noexcept;
  Site& operator=(Site&&) noexcept;

  /// Loads everything a build needs. Returns nullopt after reporting when any input is broken;
  /// every problem found is reported, not just the first.
  static std::optional<Site> load(const BuildOptions& options, Diagnostics& diagnostics);

  /// Runs the arithmetic and consistency checks on every report.
  void check(Diagnostics& diagnostics) const;

  /// Renders every page, download, feed and asset into `output`. Pages are rendered in
  /// parallel; the output does not depend on the number of threads.
  void build(OutputWriter& output, Diagnostics& diagnostics) const;

  std::size_t report_count() const;
  std::size_t department_count() const;
  const SiteConfig& config() const;

 private:
  explicit Site(std::unique_ptr<SiteModel> model);
  std::unique_ptr<SiteModel> model_;
};

}  // namespace gongkai
