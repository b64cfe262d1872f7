// The page graph: every output file of a site as a job that knows its path, the sources it is
// computed from, and how to produce its bytes. It is built in one place (page_graph.cc), and
// both `gongkai build` and `gongkai serve` run it (site_build.cc): the build runs all of it,
// department by department; the preview runs the jobs whose inputs changed.
//
// Source keys name what outputs are computed from: "site.toml", "content/DEPT/department.toml",
// "content/DEPT/YEAR/KIND" (a report's .md and .json together), a theme path
// ("templates/layout.mustache", "assets/style.css", "i18n/zh-CN.toml"), "(years)", the list of
// years the site has, and "(reports of DEPT)", which reports a department has. A key ending in
// '/' stands for every key under it, and "*" for every key.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/text_sink.h"

namespace gongkai {

struct SiteModel;
struct LoadedReport;
struct ReportSource;
struct Department;
class SearchIndex;

using SourceKeys = std::set<std::string>;

/// The source keys of what every page reads besides its own inputs, computed once per graph:
/// the theme files each page template loads.
struct InputIndex {
  /// By page template name ("report"): the template, its partials and parents.
  std::map<std::string, SourceKeys> templates;
};

/// One output file.
struct OutputJob {
  std::string path;
  /// The source keys its bytes are computed from, declared with the job; computed only when
  /// asked (the preview), never by a build.
  std::function<SourceKeys(const InputIndex&)> inputs;
  /// Renders the file; safe to run on any thread.
  std::function<std::string(Diagnostics&)> produce;
  /// When set, renders the same bytes piece by piece into a sink, for a file too large to hold
  /// whole; a build writes it so (OutputWriter::write_streamed()), the preview through produce.
  std::function<void(Diagnostics&, const TextSink&)> stream = nullptr;
};

/// The files of one department's reports: written while its figures are in memory.
struct DepartmentJobs {
  /// The department's reports are model.reports[first, last).
  std::size_t first = 0, last = 0;
  /// Its reports' files (their downloads, then their pages), then the comparison of each year
  /// that has a budget and final accounts (its downloads, then its page); only once their
  /// figures are parsed, since the figures say which tables have a CSV.
  std::vector<OutputJob> jobs(const SiteModel& model) const;
};

struct PageGraph {
  /// Each department with reports, in model.reports order.
  std::vector<DepartmentJobs> departments;
  /// Pages and files about the whole site; they read only what each report leaves for other
  /// pages (LoadedReport::headline and search_terms), not the figures.
  std::vector<OutputJob> site;
  /// The search index the site's jobs write; its pages refer to the model.
  std::shared_ptr<SearchIndex> search;

  /// Output path -> the source keys it is computed from, for every output.
  using Dependencies = std::map<std::string, SourceKeys>;
  Dependencies dependencies(const SiteModel& model) const;
};

/// The graph of `model`. Jobs refer to `model`, which must outlive them.
PageGraph page_graph(const SiteModel& model);

/// The source key of a report's files and of a department's metadata.
std::string report_key(const ReportSource& source);
std::string department_key(const Department& department);
/// Stands for which reports a department has (not what they say).
std::string report_list_key(const std::string& department_slug);
/// The page templates of a theme; each is compiled once per build, with its partials.
inline constexpr const char* kPageTemplates[] = {"home",    "department", "year", "functions",
                                                 "report",  "compare",    "search", "404"};
inline constexpr const char* kSiteKey = "site.toml";
inline constexpr const char* kYearsKey = "(years)";
/// Stands for the build identity (build_identity.h), which any source file changes, theme
/// files included: the outputs that state it list this key.
inline constexpr const char* kIdentityKey = "(identity)";

}  // namespace gongkai
