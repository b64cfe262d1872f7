// Stages 2–5 behind one small interface: Site::load() reads configuration, theme and content
// into an in-memory model; check() validates the figures; build() runs the page graph and hands
// the files to an OutputWriter (stage 6, output.h).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "check/coverage.h"
#include "model/build_identity.h"
#include "model/build_options.h"
#include "model/config.h"
#include "model/content.h"
#include "publish/manifest.h"
#include "publish/output.h"

namespace gongkai {

struct SiteModel;


/// Notes that the site publishes raw HTML, when it does: opting out of the Markdown sanitiser
/// is a security decision, which every check and build log states.
void note_raw_html(const SiteConfig& config, Diagnostics& diagnostics);

/// What a build writes besides the whole site's pages.
struct BuildScope {
  /// Departments to take from the published site instead of building them (a streaming build).
  const ReusedDepartments* reused = nullptr;
  /// When set, only these outputs are written (the preview, which renders what changed); the
  /// reports are still checked.
  const std::set<std::string>* only = nullptr;
  /// Adds the note that the site publishes raw HTML (note_raw_html()); the preview says it
  /// itself, once per change of settings.
  bool note_raw_html = true;
};

class Site {
 public:
  ~Site();
  Site(Site&&) noexcept;
  Site& operator=(Site&&) noexcept;

  /// Stage 2, loading: reads the configuration, theme and content files and lists every report
  /// and year, without parsing the reports' figures. nullopt after reporting when the
  /// configuration, theme or content cannot be read at all; other problems are only reported,
  /// so that the build can add those of the reports before it gives up.
  static std::optional<Site> load(const BuildOptions& options, Diagnostics& diagnostics);
  /// Parses every report's figures and narrative and keeps them in memory, for `check`, the
  /// preview and tests (a build parses each department's reports as it goes). False when any
  /// input had an error, now or in load().
  bool load_figures(Diagnostics& diagnostics);

  /// Loads like load() and load_figures(), with the options `previous` was loaded with, but
  /// takes the parsed (and checked) figures and narrative of each report whose files and
  /// settings are unchanged from `previous` instead of parsing them again.
  static std::optional<Site> reload(const Site& previous, Diagnostics& diagnostics);

  /// Stage 3: runs the arithmetic and consistency checks on every parsed report not checked yet.
  void check(Diagnostics& diagnostics);
  /// What the checks read of every report's printed figures (coverage.h), in report order.
  std::vector<ReportCoverage> coverage() const;

  /// Stages 4–5: runs the page graph (page_graph.h) into `output`, department by department,
  /// then the site-wide pages; the output does not depend on the number of threads. Reports
  /// not parsed yet are parsed, checked and written together, then their figures are dropped
  /// (a streaming build: a page compares with the previous year's report of its kind, and
  /// the site-wide pages need only what each report leaves for them, site_model.h); reports
  /// not checked yet are checked. Checking and rendering stop at the first stage with an error.
  /// False on any error: the output is then incomplete and must not be published.
  ///
  /// A department in `scope.reused` whose digest is still the recorded one is not built: its
  /// reports' files are kept from the published site and its record stands in for its reports
  /// on the site-wide pages, which are built as always.
  bool build(OutputWriter& output, Diagnostics& diagnostics, const BuildScope& scope = {});

  /// A digest of everything a build reads — the generator itself, the options, configuration,
  /// theme and content files — and of what loading them has reported so far: equal
  /// fingerprints mean byte-identical output and diagnostics. "" when views are dumped.
  std::string fingerprint(const Diagnostics& reported) const;
  /// By department slug, a digest of everything its reports' own files (pages, CSVs,
  /// report.json) and what they leave for the site-wide pages are computed from: the generator,
  /// the options, configuration and theme, the years of the site, the department's metadata
  /// and that of every department above it, and its reports' files. Equal digests mean
  /// byte-identical files. Empty when views are dumped or the generator cannot be identified.
  /// Computed once.
  const std::map<std::string, std::string>& department_digests() const;
  /// After a streaming build(): a record for each department that was built or kept without an
  /// error and with all its diagnostics stored, for the next build to reuse (manifest.h).
  std::vector<DepartmentRecord> take_department_records();
  /// How many departments build() kept from the published site.
  std::size_t kept_department_count() const { return kept_departments_; }

  /// Output path -> the source keys (page_graph.h) its bytes are computed from, for every
  /// output of the page graph. Needs the figures (load_figures()).
  std::map<std::string, std::set<std::string>> dependencies() const;
  /// The source keys whose contents differ between this site and `other`, including keys that
  /// only one of them has.
  std::set<std::string> changed_sources(const Site& other) const;

  std::size_t report_count() const;
  std::size_t department_count() const;
  const SiteConfig& config() const;
  /// What the home page and version.json state about this build (build_identity.h).
  const BuildIdentity& identity() const;

 private:
  explicit Site(std::unique_ptr<SiteModel> model);
  std::unique_ptr<SiteModel> model_;
  std::vector<DepartmentRecord> department_records_;
  std::size_t kept_departments_ = 0;
  mutable std::optional<std::map<std::string, std::string>> department_digests_;
};

}  // namespace gongkai
