#include "cli/build_command.h"

#include <algorithm>
#include <chrono>
#include <iostream>

#include "publish/published_site.h"

namespace gongkai {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

long long milliseconds_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

bool is_within(const fs::path& inner, const fs::path& outer) {
  auto [end, _] = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
  return end == outer.end();
}

/// The output folder must not be the site's own folder, hold it, or lie among its sources:
/// publishing replaces the whole output folder.
bool output_is_safe(const fs::path& source, const fs::path& output, Diagnostics& diagnostics) {
  bool inside_sources = false;
  for (const char* folder : {"content", "templates", "assets", "i18n"}) {
    inside_sources = inside_sources || is_within(output, source / folder);
  }
  if (is_within(source, output) || inside_sources) {
    diagnostics.error({output.string(), 0, 0},
                      "the output folder must not be the site folder, contain it, or lie inside "
                      "content/, templates/, assets/ or i18n/");
    return false;
  }
  return true;
}

/// The --dump-views folder exists (created when missing) and is a folder: the pages' dumps are
/// written while the build runs, where a failure could not be reported.
bool dump_folder_is_ready(const fs::path& dump, Diagnostics& diagnostics) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(dump, ec)) && !fs::is_directory(dump, ec)) {
    diagnostics.error({dump.string(), 0, 0}, "the --dump-views folder is not a folder");
    return false;
  }
  fs::create_directories(dump, ec);
  if (!ec) return true;
  diagnostics.error({dump.string(), 0, 0},
                    "cannot create the --dump-views folder: " + ec.message());
  return false;
}

/// --dump-views writes a JSON file per page into its folder, which must not be the site folder
/// or lie among its sources (the files would clutter or be read back as content) or in the
/// output folder (the build replaces that folder whole).
bool dump_folder_is_safe(const fs::path& source, const fs::path& output, const fs::path& dump,
                         Diagnostics& diagnostics) {
  if (dump.empty()) return true;
  bool unsafe = dump == source || is_within(dump, output);
  for (const char* folder : {"content", "templates", "assets", "i18n"}) {
    unsafe = unsafe || is_within(dump, source / folder);
  }
  if (unsafe) {
    diagnostics.error({dump.string(), 0, 0},
                      "the --dump-views folder must not be the site folder or lie inside "
                      "content/, templates/, assets/, i18n/ or the output folder");
    return false;
  }
  return dump_folder_is_ready(dump, diagnostics);
}

/// A folder named on the command line, absolute and without a trailing separator.
fs::path absolute_folder(const std::string& name) {
  if (name.empty()) return {};
  std::error_code ec;
  fs::path dir = fs::absolute(name, ec).lexically_normal();
  return dir.has_filename() ? dir : dir.parent_path();
}

/// The output folder: --output, or SOURCE/public.
fs::path output_folder(const std::optional<fs::path>& source, const BuildCommandOptions& build) {
  if (!build.output.empty()) return fs::absolute(build.output).lexically_normal();
  return source ? *source / "public" : fs::path();
}

/// ", N of them kept from the last build" for a build that kept departments of the published
/// site; "" for one that kept none.
std::string kept_note(std::size_t kept) {
  if (kept == 0) return "";
  return ", " + std::to_string(kept) + " of them kept from the last build";
}

/// What a run of `gongkai build` ended with.
enum class BuildOutcome { published, up_to_date, failed };

/// One run of `gongkai build`: its steps, in order, each false when the run cannot go on.
class BuildRun {
 public:
  BuildRun(const CommonOptions& common, const BuildCommandOptions& build)
      : common_(common),
        source_(site_folder(common.source, diagnostics_)),
        published_(output_folder(source_, build), diagnostics_, build.jobs),
        options_{source_.value_or(fs::path()), common.drafts, build.jobs,
                 absolute_folder(build.dump_views)} {}

  BuildOutcome run() {
    if (!lock() || !load()) return BuildOutcome::failed;
    if (up_to_date()) return BuildOutcome::up_to_date;
    return build() && publish() ? BuildOutcome::published : BuildOutcome::failed;
  }

  int report(BuildOutcome outcome) const;

 private:
  /// The site folder exists, the output and --dump-views folders are safe and no other build
  /// publishes into the output.
  bool lock() {
    locked_ = source_ && output_is_safe(*source_, published_.path(), diagnostics_) &&
              dump_folder_is_safe(*source_, published_.path(), options_.dump_views_dir,
                                  diagnostics_) &&
              published_.open();
    return locked_;
  }

  /// Reads the site, without its figures. Problems found so far stop the build only after
  /// those of the reports are reported too (build()).
  bool load() {
    site_ = Site::load(options_, diagnostics_);
    if (!site_) return false;
    record_.fingerprint = site_->fingerprint(diagnostics_);
    record_.reports = site_->report_count();
    record_.departments = site_->department_count();
    return true;
  }

  bool up_to_date() {
    if (diagnostics_.has_errors()) return false;
    current_ = published_.up_to_date(record_.fingerprint);
    return current_.has_value();
  }

  /// Parses, checks and renders into the staging folder, keeping what it can of the published
  /// site. With errors already it stages nothing and only reports those of the reports.
  bool build() {
    if (diagnostics_.has_errors()) {
      NullOutput nowhere;
      site_->build(nowhere, diagnostics_);
      return false;
    }
    ReusedDepartments reused;
    if (!record_.fingerprint.empty())
      reused = published_.reusable_departments(site_->department_digests());
    if (!published_.begin()) return false;
    return site_->build(published_.writer(), diagnostics_, {&reused});
  }

  bool publish() {
    record_.diagnostics = diagnostics_.format_all();
    ReuseRecord next{record_.fingerprint, site_->take_department_records()};
    return published_.commit(std::move(record_), next);
  }

  /// Writes nothing: for a build that only reports.
  struct NullOutput : OutputWriter {
    void write(const std::string&, std::string) override {}
  };

  Clock::time_point start_ = Clock::now();
  bool locked_ = false;
  const CommonOptions& common_;
  Diagnostics diagnostics_;
  std::optional<fs::path> source_;
  PublishedSite published_;
  BuildOptions options_;
  std::optional<Site> site_;
  BuildManifest record_;
  std::optional<BuildManifest> current_;
};

int BuildRun::report(BuildOutcome outcome) const {
  if (outcome == BuildOutcome::up_to_date) {
    // The previous build's diagnostics, as that build printed them, and one line.
    if (!current_->diagnostics.empty()) std::cerr << current_->diagnostics << std::flush;
    if (common_.quiet) return kExitOk;
    std::size_t files = std::count_if(current_->entries.begin(), current_->entries.end(),
                                      [](const OutputEntry& e) { return e.type == 'f'; });
    std::cout << "up to date: " << current_->reports << " reports of " << current_->departments
              << " departments, " << files << " files as the last build left them; nothing "
              << "changed since (" << milliseconds_since(start_) << " ms) → "
              << published_.path().string() << "\n";
    return kExitOk;
  }
  print_diagnostics(diagnostics_);
  if (outcome == BuildOutcome::failed) {
    if (locked_)
      std::cerr << "build failed: " << summary(diagnostics_) << "; nothing was published\n";
    return kExitContentError;
  }
  if (common_.quiet) return kExitOk;
  const PublishStats& stats = published_.stats();
  std::cout << "built " << site_->report_count() << " reports of " << site_->department_count()
            << " departments" << kept_note(site_->kept_department_count()) << ": " << stats.files
            << " files (" << stats.unchanged << " unchanged), " << stats.bytes << " bytes in "
            << milliseconds_since(start_) << " ms → " << published_.path().string() << "\n";
  return kExitOk;
}

}  // namespace

int run_build(const CommonOptions& common, const BuildCommandOptions& build) {
  BuildRun run(common, build);
  return run.report(run.run());
}

}  // namespace gongkai
