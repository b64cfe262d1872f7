// Stages 3–5 behind one small interface: Site::load() reads configuration, theme, content and
// data into an in-memory model; check() validates the figures; build() renders every page and
// hands the files to an OutputWriter.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "config.h"
#include "content.h"
#include "coverage.h"
#include "diagnostic.h"
#include "manifest.h"
#include "output.h"

namespace gongkai {

struct BuildOptions {
  std::filesystem::path source_dir;
  bool include_drafts = false;
  /// Worker threads for loading and rendering; 0 means one per core.
  unsigned jobs = 0;
  /// When set, the view model of every page is also written there as JSON (for theme authors).
  std::filesystem::path dump_views_dir;
};

struct SiteModel;

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

/// Notes that the site publishes raw HTML, when it does: opting out of the Markdown sanitiser
/// is a security decision, which every check and build log states.
void note_raw_html(const SiteConfig& config, Diagnostics& diagnostics);

class Site {
 public:
  ~Site();
  Site(Site&&) noexcept;
  Site& operator=(Site&&) noexcept;

  /// Loads everything a build needs. Returns nullopt after reporting when any input is broken;
  /// every problem found is reported, not just the first.
  static std::optional<Site> load(const BuildOptions& options, Diagnostics& diagnostics);

  // load() in two steps, for a build that may find it has nothing to do (manifest.h):
  // load_sources() reads the configuration, theme and content files, and fingerprint() says
  // what they are; load_reports() then parses the figures and narratives.

  /// Reads configuration, theme and content, without parsing reports. nullopt after reporting
  /// when the configuration, theme or content cannot be read at all; other problems are only
  /// reported, so that load_reports() can add its own before the build gives up.
  static std::optional<Site> load_sources(const BuildOptions& options, Diagnostics& diagnostics);
  /// Parses every report's figures and renders its narrative. False when any input, read
  /// now or by load_sources(), had an error.
  bool load_reports(Diagnostics& diagnostics);
  /// A digest of everything build() reads — the generator itself, the options, configuration,
  /// theme and content files — and of what loading them has reported so far: equal
  /// fingerprints mean byte-identical output and diagnostics. "" when views are dumped.
  std::string fingerprint(const Diagnostics& reported) const;

  /// Runs the arithmetic and consistency checks on every report.
  void check(Diagnostics& diagnostics) const;
  /// What the checks read of every report's printed figures (coverage.h), in report order.
  std::vector<ReportCoverage> coverage() const;

  /// Renders every page, download, feed and asset into `output`. Pages are rendered in
  /// parallel; the output does not depend on the number of threads.
  void build(OutputWriter& output, Diagnostics& diagnostics) const;

  /// load_reports(), check() and build() in one pass, for `gongkai build` on a site from
  /// load_sources(): it keeps only a few departments' figures in memory instead of the whole
  /// site's. Each department's reports are parsed, checked and written together (a page
  /// compares with the previous year's report of its kind), then their figures are dropped;
  /// the site-wide pages follow, from what each report left for them (site_model.h). Output
  /// and diagnostics are those of the three steps. False on any error: the output is then
  /// incomplete and must not be published. Afterwards the model holds no figures, narratives
  /// or search entries: nothing more can be built from it.
  ///
  /// A department in `reused` whose digest is still the recorded one is not built: its
  /// reports' files are kept from the published site and its record stands in for its reports
  /// on the site-wide pages, which are built as always.
  bool build_streaming(OutputWriter& output, Diagnostics& diagnostics,
                       const ReusedDepartments& reused = {});

  /// By department slug, a digest of everything its reports' own files (pages, CSVs,
  /// report.json) and what they leave for the site-wide pages are computed from: the generator,
  /// the options, configuration and theme, the years of the site, the department's metadata
  /// and that of every department above it, and its reports' files. Equal digests mean
  /// byte-identical files. Empty when views are dumped or the generator cannot be identified.
  /// Computed once.
  const std::map<std::string, std::string>& department_digests() const;
  /// After build_streaming(): a record for each department that was built or kept without an
  /// error and with all its diagnostics stored, for the next build to reuse (manifest.h).
  std::vector<DepartmentRecord> take_department_records();
  /// How many departments build_streaming() kept from the published site.
  std::size_t kept_department_count() const { return kept_departments_; }

  // For `gongkai serve`: incremental rebuilds (docs/serve.md).
  //
  // A source key names something outputs are computed from: "site.toml",
  // "content/DEPT/department.toml", "content/DEPT/YEAR/KIND" (a report's .md and .json
  // together), a theme path ("templates/layout.mustache", "assets/style.css",
  // "i18n/zh-CN.toml"), or "(years)", the list of years the site has. A key ending in '/'
  // stands for every key under it, and "*" for every key.

  /// Output path -> the source keys its bytes are computed from.
  using Dependencies = std::map<std::string, std::set<std::string>>;

  /// Every output file of build() with its dependencies, from the page graph. An output the
  /// mapping does not know depends on "*", so that it is always rebuilt.
  Dependencies dependencies() const;

  /// The source keys whose contents differ between this site and `other`, including keys that
  /// only one of them has.
  std::set<std::string> changed_sources(const Site& other) const;

  /// Loads like load(), with the options `previous` was loaded with, but takes the parsed
  /// figures and rendered narrative of each report whose files and settings are unchanged
  /// from `previous` instead of parsing them again. `reparsed` receives the keys of the
  /// reports parsed anew: only those need check_reports().
  static std::optional<Site> reload(const Site& previous, std::set<std::string>& reparsed,
                                    Diagnostics& diagnostics);

  /// check(), restricted to the reports with the given source keys.
  void check_reports(const std::set<std::string>& report_keys, Diagnostics& diagnostics) const;

  /// Renders only the output files named in `paths`, byte for byte as build() renders them.
  void build_only(const std::set<std::string>& paths, OutputWriter& output,
                  Diagnostics& diagnostics) const;

  std::size_t report_count() const;
  std::size_t department_count() const;
  const SiteConfig& config() const;

 private:
  explicit Site(std::unique_ptr<SiteModel> model);
  std::unique_ptr<SiteModel> model_;
  std::vector<DepartmentRecord> department_records_;
  std::size_t kept_departments_ = 0;
  mutable std::optional<std::map<std::string, std::string>> department_digests_;
};

}  // namespace gongkai
