#include "render/page_graph.h"

#include <algorithm>
#include <fstream>

#include <memory>
#include <mutex>
#include <unordered_set>

#include "base/file_reader.h"
#include "render/compare_view.h"
#include "render/csv_export.h"
#include "render/feeds.h"
#include "render/fiscal_package.h"
#include "render/function_classes.h"
#include "render/search_index.h"
#include "render/search_page.h"
#include "render/site_model.h"
#include "render/view.h"
#include "render/workbook_export.h"

namespace gongkai {

namespace fs = std::filesystem;

std::string report_key(const ReportSource& source) {
  return "content/" + source.department + "/" + std::to_string(source.year) + "/" +
         std::string(kind_slug(source.kind));
}

std::string department_key(const Department& department) {
  return "content/" + department.slug + "/department.toml";
}

/// A report page lists its siblings by year and kind only, so a sibling's edit need not render
/// it again: only a sibling that appears or goes does.
std::string report_list_key(const std::string& department_slug) {
  return "(reports of " + department_slug + ")";
}

namespace {

constexpr const char* kI18nKeys = "i18n/";
constexpr const char* kContentKeys = "content/";

// ---- inputs --------------------------------------------------------------------------------

SourceKeys with(SourceKeys keys, const SourceKeys& more) {
  keys.insert(more.begin(), more.end());
  return keys;
}

/// What every output depends on: the configuration and the UI strings.
SourceKeys global_inputs() { return {kSiteKey, kI18nKeys}; }

/// A page: the settings, the years in the navigation, and its templates.
SourceKeys page_inputs(const InputIndex& index, const char* template_name) {
  return with(with(global_inputs(), {kYearsKey}), index.templates.at(template_name));
}

/// Every content file: for outputs that sum up the whole site.
SourceKeys all_content_inputs(const SiteModel& model) {
  SourceKeys keys = global_inputs();
  for (const Department& d : model.content.departments) keys.insert(department_key(d));
  for (const LoadedReport& r : model.reports) keys.insert(report_key(*r.source));
  return keys;
}

/// The departments above `d` whose names the breadcrumbs of its pages show (bounded: see
/// Content::nearest_ancestors), and the one above those, whose presence shows as "…".
void add_crumb_ancestors(const SiteModel& model, const Department& d, SourceKeys& keys) {
  Content::Trail trail = model.content.nearest_ancestors(d, kBreadcrumbAncestors + 1);
  for (const Department* up : trail.departments) keys.insert(department_key(*up));
}

/// Every department above `d` that `seen` does not hold yet: their `consolidates` decides what
/// a year adds up. Each is named once per page, however many of its reports' departments lie
/// below it (Content::unseen_ancestors).
void add_ancestors(const SiteModel& model, const Department& d,
                   std::unordered_set<const Department*>& seen, SourceKeys& keys) {
  for (const Department* up : model.content.unseen_ancestors(d, seen))
    keys.insert(department_key(*up));
}

/// True when `text` may use a dynamic partial or parent name (`{{>*name}}`, `{{<*name}}`),
/// which can load any template. Errs on the side of yes (it ignores delimiters).
bool may_use_dynamic_names(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '>' && text[i] != '<') continue;
    std::size_t next = text.find_first_not_of(" \t", i + 1);
    if (next != std::string_view::npos && text[next] == '*') return true;
  }
  return false;
}

/// The theme paths of the templates page template `name` loads: itself, its partials and
/// parents, transitively, found by compiling it alone. Names that find nothing count too, so
/// that adding the missing file rebuilds the page.
SourceKeys template_inputs(const Theme& theme, const char* name) {
  SourceKeys keys;
  bool dynamic = false;
  TemplateLoader loader = [&](std::string_view partial) -> std::optional<TemplateSource> {
    std::string path = "templates/" + std::string(partial) + ".mustache";
    keys.insert(path);
    const ThemeFile* file = theme.find(path);
    if (!file) return std::nullopt;
    dynamic = dynamic || may_use_dynamic_names(file->contents);
    return TemplateSource{file->contents, path};
  };
  TemplateEngine engine(loader, MissingPartial::error);
  Diagnostics ignored;
  engine.load(name, ignored);
  if (dynamic) keys.insert("templates/");
  return keys;
}

// ---- jobs ----------------------------------------------------------------------------------

void dump_view(const SiteModel& model, const std::string& path, const View& view) {
  if (model.options.dump_views_dir.empty()) return;
  fs::path file = model.options.dump_views_dir / (path + ".json");
  // The folder was checked and created before the build (cli/build_command.cc); a failure
  // here leaves the dump out rather than ending the build.
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  std::ofstream(file, std::ios::binary) << view.to_json().dump(1) << '\n';
}

/// A page: its view model is built and rendered on the worker thread. It reads what page
/// template `template_name` does and `more`.
OutputJob page(const SiteModel& model, std::string path, const char* template_name,
               std::function<View()> view, std::function<SourceKeys()> more) {
  OutputJob job;
  job.path = path;
  job.inputs = [template_name, more = std::move(more)](const InputIndex& index) {
    return with(page_inputs(index, template_name), more());
  };
  job.produce = [&model, path, template_name, view = std::move(view)](Diagnostics& diagnostics) {
    View v = view();
    dump_view(model, path, v);
    return model.templates->render(template_name, v, diagnostics).value_or("");
  };
  return job;
}

/// A report page shows its department, links to its other reports by year and kind, and
/// compares its figures with the previous year's report of its kind.
OutputJob report_page(const SiteModel& model, const LoadedReport& r) {
  auto inputs = [&model, &r] {
    SourceKeys keys = {report_key(*r.source), department_key(*r.department),
                       report_list_key(r.department->slug)};
    add_crumb_ancestors(model, *r.department, keys);
    if (const LoadedReport* previous = model.previous_of(r))
      keys.insert(report_key(*previous->source));
    return keys;
  };
  return page(
      model, report_path(r), "report", [&model, &r] { return report_page_view(model, r); }, inputs);
}

/// `text` without a leading UTF-8 byte-order mark. JSON must not carry one (RFC 8259 §8.1):
/// Python's json module and JavaScript's JSON.parse reject a downloaded file that starts with it,
/// though a data file saved by a Windows editor often does and gongkai reads such files.
std::string without_byte_order_mark(std::string text) {
  if (text.starts_with(kUtf8ByteOrderMark)) text.erase(0, kUtf8ByteOrderMark.size());
  return text;
}

/// A report's JSON as published: the bytes that were checked (kept by a streaming build), or
/// the file read again, which is an error (stopping the build from publishing) when it changed
/// since it was loaded.
OutputJob report_json(const LoadedReport& r) {
  OutputJob job;
  job.path = r.dir + "report.json";
  job.inputs = [&r](const InputIndex&) { return with(global_inputs(), {report_key(*r.source)}); };
  job.produce = [&r](Diagnostics& diagnostics) {
    return without_byte_order_mark(
        r.data_text ? *r.data_text : read_data_text(*r.source, diagnostics).value_or(""));
  };
  return job;
}

/// The words a workbook prints around the tables, in the site's language.
WorkbookTexts workbook_texts(const SiteModel& model) {
  return {model.text("unit_prefix"), model.text("workbook_department"), model.text("table_note"),
          model.text("table_empty"), model.text("workbook_truncated")};
}

/// A report's tables in one .xlsx file (workbook_export.h), created at its published date.
OutputJob report_workbook_file(const SiteModel& model, const LoadedReport& r) {
  return {r.dir + std::string(kWorkbookName),
          [&r](const InputIndex&) { return with(global_inputs(), {report_key(*r.source)}); },
          [&model, &r](Diagnostics& diagnostics) {
            return report_workbook(*r.data, workbook_texts(model),
                                   workbook_created(r.source->front.published), diagnostics);
          }};
}

/// A report's Fiscal Data Package (fiscal_package.h): its tidy rows of spending by function and
/// by economic class, of revenue when it has some, and their datapackage.json. All name the
/// department, as department.toml does.
void add_fiscal_files(const LoadedReport& r, std::vector<OutputJob>& jobs) {
  std::optional<FiscalReport> fiscal = fiscal_report(r);
  if (!fiscal) return;
  auto inputs = [&r](const InputIndex&) {
    return with(global_inputs(), {report_key(*r.source), department_key(*r.department)});
  };
  std::string folder = r.dir + std::string(kFiscalFolder);
  for (FiscalBreakdown breakdown : fiscal_breakdowns(*fiscal)) {
    jobs.push_back({folder + std::string(fiscal_csv_name(breakdown)), inputs,
                    [&r, fiscal = *fiscal, breakdown](Diagnostics&) {
                      std::optional<FiscalRows> rows =
                          r.data ? fiscal_rows_of(fiscal, *r.data, breakdown) : std::nullopt;
                      return fiscal_csv(fiscal, breakdown, rows ? &*rows : nullptr);
                    }});
  }
  jobs.push_back({folder + std::string(kFiscalPackageName), inputs,
                  [fiscal = *fiscal](Diagnostics&) { return report_fiscal_package(fiscal); }});
}

/// A report's files: its downloads (its JSON, its workbook when it has tables, each table as
/// CSV, its Fiscal Data Package) and its page.
std::vector<OutputJob> report_files(const SiteModel& model, const LoadedReport& r) {
  std::vector<OutputJob> jobs;
  jobs.push_back(report_json(r));
  if (r.data && !r.data->tables.empty()) jobs.push_back(report_workbook_file(model, r));
  if (r.data) {
    for (const CsvFile& csv : report_csv_files(*r.data)) {
      jobs.push_back(
          {r.dir + csv.name,
           [&r](const InputIndex&) { return with(global_inputs(), {report_key(*r.source)}); },
           [table = csv.table](Diagnostics&) { return table_csv(*table); }});
    }
  }
  add_fiscal_files(r, jobs);
  jobs.push_back({r.dir + kSearchFragmentName,
                  [&r](const InputIndex&) {
                    return with(global_inputs(), {report_key(*r.source), department_key(*r.department)});
                  },
                  [&r](Diagnostics&) { return r.search_fragment; }});
  jobs.push_back(report_page(model, r));
  return jobs;
}

/// What the search fragment of a comparison page reads: the two reports (their titles) and
/// their department.
SourceKeys fragment_inputs(const LoadedReport* first, const LoadedReport* second) {
  return with(global_inputs(), {report_key(*first->source), report_key(*second->source),
                                department_key(*first->department)});
}

/// A comparison's figures, computed once for its three files by whichever runs first.
class SharedComparison {
 public:
  explicit SharedComparison(std::function<SideBySide()> make) : make_(std::move(make)) {}
  const SideBySide& get() {
    std::call_once(once_, [this] { comparison_ = make_(); });
    return comparison_;
  }

 private:
  std::function<SideBySide()> make_;
  std::once_flag once_;
  SideBySide comparison_;
};

/// A comparison of two reports of one department: its CSV, its JSON and its page, in `dir`.
/// They read both reports, and the page the department and its parents too.
std::vector<OutputJob> comparison_files(const SiteModel& model, const LoadedReport& left, const LoadedReport& right,
                                        SideBySide::Kind kind, const std::string& dir,
                                        std::function<SideBySide()> make) {
  auto shared = std::make_shared<SharedComparison>(std::move(make));
  auto sources = [&left, &right] { return SourceKeys{report_key(*left.source), report_key(*right.source)}; };
  auto file_inputs = [sources](const InputIndex&) { return with(global_inputs(), sources()); };
  auto page_sources = [&model, &right, sources] {
    SourceKeys keys = with(sources(), {department_key(*right.department)});
    add_crumb_ancestors(model, *right.department, keys);
    return keys;
  };
  std::vector<OutputJob> jobs;
  jobs.push_back({dir + side_by_side_file(kind, "csv"), file_inputs,
                  [&model, shared](Diagnostics&) { return side_by_side_csv(model, shared->get()); }});
  jobs.push_back({dir + side_by_side_file(kind, "json"), file_inputs,
                  [&model, shared](Diagnostics&) { return side_by_side_json(model, shared->get()); }});
  jobs.push_back(page(
      model, dir + "index.html", "compare", [&model, shared] { return side_by_side_view(model, shared->get()); },
      page_sources));
  return jobs;
}

/// The comparisons of a department's reports: each year's budget against its final accounts,
/// and each budget and final accounts against the previous year's.
std::vector<OutputJob> department_comparisons(const SiteModel& model, const Department& department) {
  std::vector<OutputJob> jobs;
  auto add = [&jobs](std::vector<OutputJob> more) {
    for (OutputJob& job : more) jobs.push_back(std::move(job));
  };
  for (const BudgetFinalPair& pair : model.budget_final_pairs(department)) {
    add(comparison_files(model, *pair.budget, *pair.final_accounts, SideBySide::Kind::execution, compare_dir(pair),
                         [pair] { return execution_side_by_side(pair); }));
    jobs.push_back({compare_dir(pair) + kSearchFragmentName,
                    [pair](const InputIndex&) { return fragment_inputs(pair.final_accounts, pair.budget); },
                    [&model, pair](Diagnostics&) { return compare_search_page(model, pair).fragment_js(compare_dir(pair)); }});
  }
  for (const LoadedReport* report : model.reports_of(department)) {
    const LoadedReport* previous = model.previous_in_comparison(*report);
    if (!previous) continue;
    add(comparison_files(model, *previous, *report, SideBySide::Kind::year_over_year, changes_dir(*report),
                         [report, previous] { return year_side_by_side(*report, *previous); }));
    jobs.push_back({changes_dir(*report) + kSearchFragmentName,
                    [report, previous](const InputIndex&) { return fragment_inputs(report, previous); },
                    [&model, report](Diagnostics&) {
                      return changes_search_page(model, *report).fragment_js(changes_dir(*report));
                    }});
  }
  return jobs;
}

/// The department page: its metadata and that of its parents and children, and its reports.
OutputJob department_page(const SiteModel& model, const Department& d) {
  auto inputs = [&model, &d] {
    SourceKeys keys = {department_key(d)};
    add_crumb_ancestors(model, d, keys);
    for (const Department* child : model.tree.children_of(d)) keys.insert(department_key(*child));
    for (const LoadedReport* r : model.reports_of(d)) keys.insert(report_key(*r->source));
    return keys;
  };
  return page(
      model, department_path(d), "department", [&model, &d] { return department_view(model, d); },
      inputs);
}

/// What a year page reads: the year's reports and their departments, and the departments
/// above them, whose `consolidates` decides what is added up.
SourceKeys year_inputs(const SiteModel& model, int year) {
  SourceKeys keys;
  std::unordered_set<const Department*> seen;
  for (const LoadedReport* r : model.reports_in(year)) {
    keys.insert(report_key(*r->source));
    keys.insert(department_key(*r->department));
    add_ancestors(model, *r->department, seen, keys);
  }
  return keys;
}

/// A year page: the year's reports and their departments.
OutputJob year_page(const SiteModel& model, int year) {
  return page(
      model, year_path(year), "year", [&model, year] { return year_view(model, year); },
      [&model, year] { return year_inputs(model, year); });
}

/// A year's function classes page: what the year page reads.
OutputJob functions_page(const SiteModel& model, int year) {
  return page(
      model, functions_path(year), "functions", [&model, year] { return functions_view(model, year); },
      [&model, year] { return year_inputs(model, year); });
}

/// The pages about the whole site, in a fixed order.
std::vector<OutputJob> site_pages(const SiteModel& model) {
  auto nothing_more = [] { return SourceKeys(); };
  std::vector<OutputJob> jobs;
  jobs.push_back(page(
      model, "index.html", "home", [&model] { return home_view(model); },
      [&model] { return with(all_content_inputs(model), {kIdentityKey}); }));
  for (const Department& d : model.content.departments) jobs.push_back(department_page(model, d));
  for (int year : model.years) jobs.push_back(year_page(model, year));
  for (int year : model.years) {
    if (has_function_classes_page(model, year)) jobs.push_back(functions_page(model, year));
  }
  jobs.push_back(page(
      model, kSearchPath, "search", [&model] { return search_view(model); }, nothing_more));
  jobs.push_back(page(
      model, "404.html", "404", [&model] { return not_found_view(model); }, nothing_more));
  return jobs;
}

/// A file that is not a page, computed from `inputs`.
OutputJob site_file(std::string path, std::function<SourceKeys()> inputs,
                    std::function<std::string()> produce) {
  return {std::move(path), [inputs = std::move(inputs)](const InputIndex&) { return inputs(); },
          [produce = std::move(produce)](Diagnostics&) { return produce(); }};
}

/// The site's Fiscal Data Package (fiscal_package.h): every report's fdp/ CSV files. The job
/// exists when the site lists a budget or final accounts; which of them have a package is known once
/// their figures are read (a streaming build reads them after this graph is made), so it is
/// decided when the file is written. It names every report and department, and which report
/// consolidates which, so any change to the content renders it again.
void add_site_fiscal_package(const SiteModel& model, std::vector<OutputJob>& jobs) {
  bool any = std::any_of(model.reports.begin(), model.reports.end(), [](const LoadedReport& r) {
    return r.source->kind != DocumentKind::evaluation;
  });
  if (!any) return;
  OutputJob job = site_file(
      std::string(kFiscalPackageName), [&model] { return all_content_inputs(model); },
      [&model] { return site_fiscal_package(model.config.title, site_fiscal_reports(model)); });
  job.stream = [&model](Diagnostics&, const TextSink& sink) {
    write_site_fiscal_package(model.config.title, site_fiscal_reports(model), sink);
  };
  jobs.push_back(std::move(job));
}

/// The search index (search_index.h): its shards first, since the first of them builds the
/// postings of all (last in the queue, that would leave the other threads idle), then its
/// root, its list of departments and the department pages' fragments (a report's and a
/// comparison's are written with their department's files).
void add_search_files(const std::shared_ptr<SearchIndex>& index,
                      std::vector<OutputJob>& jobs) {
  std::vector<OutputJob> search;
  // Every content file, as one key standing for all under content/: there are thousands of
  // shards, and listing every file for each would make the preview's dependencies quadratic.
  auto everything = [] { return with(global_inputs(), {kContentKeys}); };
  for (std::uint32_t k = 0; k < index->shard_count(); ++k) {
    search.push_back({search_shard_path(k), [everything](const InputIndex&) { return everything(); },
                      [index, k](Diagnostics& diagnostics) { return index->shard_js(k, diagnostics); }});
  }
  search.push_back(site_file(kSearchRootPath, everything, [index] { return index->root_js(); }));
  search.push_back(site_file(kSearchDepartmentsPath, everything, [index] { return index->departments_js(); }));
  for (const SearchPageRef& page : index->pages()) {
    if (page.type != SearchPageType::department) continue;
    search.push_back(site_file(
        page.dir + kSearchFragmentName, [&page] { return with(global_inputs(), {department_key(*page.department)}); },
        [index, &page] { return index->fragment_js(page); }));
  }
  jobs.insert(jobs.begin(), std::make_move_iterator(search.begin()), std::make_move_iterator(search.end()));
}

/// The search index, machine files and assets; the sitemap lists `pages`.
void add_site_files(const SiteModel& model, std::vector<std::string> pages,
                    const std::shared_ptr<SearchIndex>& search_index, std::vector<OutputJob>& jobs) {
  auto everything = [&model] { return all_content_inputs(model); };
  add_search_files(search_index, jobs);
  jobs.push_back(site_file("robots.txt", global_inputs, [&model] { return robots_txt(model); }));
  jobs.push_back(site_file(
      kVersionPath, [] { return with(global_inputs(), {kIdentityKey}); },
      [&model] { return version_json(model.identity); }));
  add_site_fiscal_package(model, jobs);
  if (!model.config.base_url.empty()) {
    // Both streamed: at 10,000 reports they are megabytes each, written beside the other
    // site-wide files at the end of a build.
    auto listed = std::make_shared<const std::vector<std::string>>(std::move(pages));
    OutputJob sitemap = site_file(
        "sitemap.xml", [&model] { return with(all_content_inputs(model), {kYearsKey}); },
        [&model, listed] { return sitemap_xml(model, *listed); });
    sitemap.stream = [&model, listed](Diagnostics&, const TextSink& sink) { write_sitemap_xml(model, *listed, sink); };
    jobs.push_back(std::move(sitemap));
    OutputJob feed = site_file("feed.xml", everything, [&model] { return atom_feed(model); });
    feed.stream = [&model](Diagnostics&, const TextSink& sink) { write_atom_feed(model, sink); };
    jobs.push_back(std::move(feed));
  }
  for (const auto& [path, file] : model.theme.assets()) {
    jobs.push_back(site_file(
        path, [path = path] { return with(global_inputs(), {path}); },
        [file = file] { return file->contents; }));
  }
}

/// The pages the sitemap lists, in a fixed order: every page but 404.html.
std::vector<std::string> sitemap_pages(const SiteModel& model) {
  std::vector<std::string> pages = {"index.html"};
  for (const Department& d : model.content.departments) pages.push_back(department_path(d));
  for (int year : model.years) pages.push_back(year_path(year));
  for (int year : model.years) {
    if (has_function_classes_page(model, year)) pages.push_back(functions_path(year));
  }
  for (const LoadedReport& r : model.reports) pages.push_back(report_path(r));
  for (const Department& d : model.content.departments) {
    for (const BudgetFinalPair& pair : model.budget_final_pairs(d)) pages.push_back(compare_path(pair));
    for (const LoadedReport* report : model.reports_of(d)) {
      if (model.previous_in_comparison(*report)) pages.push_back(changes_path(*report));
    }
  }
  pages.push_back(kSearchPath);
  return pages;
}

}  // namespace

PageGraph page_graph(const SiteModel& model) {
  PageGraph graph;
  for (std::size_t i = 0; i < model.reports.size(); ++i) {
    if (i == 0 || model.reports[i].department != model.reports[i - 1].department) {
      graph.departments.push_back({i, i});
    }
    graph.departments.back().last = i + 1;
  }
  graph.site = site_pages(model);
  graph.search = std::make_shared<SearchIndex>(model);
  add_site_files(model, sitemap_pages(model), graph.search, graph.site);
  return graph;
}

std::vector<OutputJob> DepartmentJobs::jobs(const SiteModel& model) const {
  std::vector<OutputJob> out;
  for (std::size_t i = first; i < last; ++i) {
    for (OutputJob& job : report_files(model, model.reports[i])) out.push_back(std::move(job));
  }
  if (first == last) return out;
  for (OutputJob& job : department_comparisons(model, *model.reports[first].department)) out.push_back(std::move(job));
  return out;
}

PageGraph::Dependencies PageGraph::dependencies(const SiteModel& model) const {
  InputIndex index;
  for (const char* name : kPageTemplates)
    index.templates[name] = template_inputs(model.theme, name);
  Dependencies out;
  for (const DepartmentJobs& department : departments) {
    for (const OutputJob& job : department.jobs(model)) out[job.path] = job.inputs(index);
  }
  for (const OutputJob& job : site) out[job.path] = job.inputs(index);
  return out;
}

}  // namespace gongkai
