#include "site.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "check.h"
#include "table_charts.h"
#include "file_reader.h"
#include "manifest.h"
#include "parallel.h"
#include "feeds.h"
#include "csv_export.h"
#include "report_view.h"
#include "search.h"
#include "site_model.h"
#include "view.h"

namespace gongkai {

namespace fs = std::filesystem;

std::string SiteModel::kind_label(DocumentKind kind) const {
  std::string key = "kind_" + std::string(kind_slug(kind));
  std::replace(key.begin(), key.end(), '-', '_');
  return text(key);
}

namespace {

/// The reports of one department: a contiguous run of `reports`, which are sorted by department
/// (in content.departments order, so by the address of their Department) and then by year and
/// kind. A binary search keeps report pages from scanning every report of the site, which made
/// building the site quadratic in its size.
std::pair<const LoadedReport*, const LoadedReport*> department_range(
    const std::vector<LoadedReport>& reports, const Department* department) {
  std::less<const Department*> before;
  const LoadedReport* first = reports.data();
  const LoadedReport* last = first + reports.size();
  first = std::partition_point(
      first, last, [&](const LoadedReport& r) { return before(r.department, department); });
  last = std::partition_point(
      first, last, [&](const LoadedReport& r) { return r.department == department; });
  return {first, last};
}

}  // namespace

std::vector<const LoadedReport*> SiteModel::reports_of(const Department& department) const {
  std::vector<const LoadedReport*> out;
  auto [first, last] = department_range(reports, &department);
  for (const LoadedReport* r = first; r != last; ++r) out.push_back(r);
  return out;
}

std::vector<const LoadedReport*> SiteModel::reports_in(int year) const {
  std::vector<const LoadedReport*> out;
  for (const LoadedReport& r : reports) {
    if (r.source->year == year) out.push_back(&r);
  }
  return out;
}

const LoadedReport* SiteModel::previous_of(const LoadedReport& report) const {
  const LoadedReport* best = nullptr;
  auto [first, last] = department_range(reports, report.department);
  for (const LoadedReport* r = first; r != last; ++r) {
    if (r->source->kind == report.source->kind && r->source->year < report.source->year &&
        (!best || r->source->year > best->source->year)) {
      best = r;
    }
  }
  return best;
}

Site::Site(std::unique_ptr<SiteModel> model) : model_(std::move(model)) {}
Site::~Site() = default;
Site::Site(Site&&) noexcept = default;
Site& Site::operator=(Site&&) noexcept = default;

std::size_t Site::report_count() const {
  std::size_t count = 0;
  for (const Department& department : model_->content.departments) count += department.reports.size();
  return count;
}
std::size_t Site::department_count() const { return model_->content.departments.size(); }
const SiteConfig& Site::config() const { return model_->config; }

namespace {

/// The page templates of the theme; each is compiled once per build, with its partials.
constexpr const char* kPageTemplates[] = {"home", "department", "year", "report", "search", "404"};

std::unique_ptr<TemplateEngine> compile_templates(const Theme& theme, Diagnostics& diagnostics) {
  TemplateLoader loader = [&theme](std::string_view name) -> std::optional<TemplateSource> {
    std::string path = "templates/" + std::string(name) + ".mustache";
    const ThemeFile* file = theme.find(path);
    if (!file) return std::nullopt;
    return TemplateSource{file->contents, path};
  };
  auto engine = std::make_unique<TemplateEngine>(loader, MissingPartial::error);
  for (const char* name : kPageTemplates) engine->load(name, diagnostics);
  return engine;
}

std::string report_title(const SiteModel& model, const Department& department,
                         const ReportSource& source) {
  if (!source.front.title.empty()) return source.front.title;
  std::string kind = model.kind_label(source.kind);
  if (model.config.language == "en") {
    return department.name + " " + kind + " " + std::to_string(source.year);
  }
  return std::to_string(source.year) + "年" + department.name + kind;
}

/// A report's place in the site, before its files are parsed: what pages about other reports
/// link to.
LoadedReport report_entry(const SiteModel& model, const Department& department,
                          const ReportSource& source) {
  LoadedReport report;
  report.department = &department;
  report.source = &source;
  report.title = report_title(model, department, source);
  report.dir = department.slug + "/" + std::to_string(source.year) + "/" +
               std::string(kind_slug(source.kind)) + "/";
  return report;
}

/// Parses a report's figures, renders its narrative and sums it up for other pages; keeps the
/// data file's bytes when `keep_text`. Safe to run for several reports at once.
void parse_report(const SiteModel& model, LoadedReport& report, Diagnostics& diagnostics,
                  bool keep_text = false) {
  const ReportSource& source = *report.source;
  std::optional<std::string> text = read_data_text(source, diagnostics);
  if (text) report.data = load_report_data(source.data_path, *text, diagnostics);
  if (keep_text) report.data_text = std::move(text);
  if (report.data && report.data->kind != source.kind) {
    diagnostics.error({source.data_path, report.data->kind_where.line, report.data->kind_where.column},
                      "the file says kind '" + std::string(kind_slug(report.data->kind)) +
                          "' but is named " + std::string(kind_slug(source.kind)) + ".json");
  }
  MarkdownOptions options;
  options.raw_html = model.config.raw_html;
  if (report.data) options.chart_block = markdown_chart_handler(model.strings, *report.data, diagnostics);
  report.narrative = render_markdown(source.body(), source.markdown_path, source.body_line,
                                     options, diagnostics);
  if (report.data) report.headline = headline_total(*report.data);
  report.search_entries = report_search_entries(model, report);
}

/// report_entry() and parse_report().
LoadedReport load_report(const SiteModel& model, const Department& department,
                         const ReportSource& source, Diagnostics& diagnostics) {
  LoadedReport report = report_entry(model, department, source);
  parse_report(model, report, diagnostics);
  return report;
}

/// Frees the texts of a report's files once it is loaded (ReportSource::markdown_text).
void release_texts(ReportSource& source) {
  std::string().swap(source.markdown_text);
  source.body_offset = 0;
}

/// Fills model.reports with an entry per report, unparsed, and model.years. Returns each
/// entry's source, which parsing releases the texts of.
std::vector<ReportSource*> list_reports(SiteModel& model) {
  std::vector<ReportSource*> sources;
  std::set<int, std::greater<>> years;
  model.reports.clear();
  for (Department& department : model.content.departments) {
    for (ReportSource& source : department.reports) {
      model.reports.push_back(report_entry(model, department, source));
      sources.push_back(&source);
      years.insert(source.year);
    }
  }
  model.years.assign(years.begin(), years.end());
  return sources;
}

void parse_reports(SiteModel& model, Diagnostics& diagnostics) {
  std::vector<ReportSource*> sources = list_reports(model);
  parallel_for_reporting(
      sources.size(), model.options.jobs,
      [&](std::size_t i, Diagnostics& found) {
        parse_report(model, model.reports[i], found);
        release_texts(*sources[i]);
      },
      diagnostics);
}



}  // namespace

namespace {

/// The steps of loading a site before its reports: configuration, theme, content tree, UI
/// strings and templates. nullptr when the configuration, theme or content cannot be read.
std::unique_ptr<SiteModel> load_model_base(const BuildOptions& options, Diagnostics& diagnostics) {
  auto model = std::make_unique<SiteModel>();
  model->options = options;
  std::optional<SiteConfig> config = load_config(options.source_dir, diagnostics);
  std::optional<Theme> theme = Theme::load(options.source_dir, diagnostics);
  std::optional<Content> content =
      load_content(options.source_dir, options.include_drafts, diagnostics, options.jobs);
  if (!config || !theme || !content) return nullptr;
  model->config = std::move(*config);
  model->theme = std::move(*theme);
  model->content = std::move(*content);
  model->strings = model->theme.strings(model->config.language, diagnostics);
  model->strings_view = View::from_json(model->strings);
  std::vector<std::string> overrides = model->theme.overrides();
  model->full_views = !options.dump_views_dir.empty() ||
                      std::any_of(overrides.begin(), overrides.end(), [](const std::string& path) {
                        return path.starts_with("templates/");
                      });
  model->templates = compile_templates(model->theme, diagnostics);
  return model;
}

}  // namespace

void note_raw_html(const SiteConfig& config, Diagnostics& diagnostics) {
  if (!config.raw_html) return;
  diagnostics.report({Severity::note, {"site.toml", 0, 0},
                      "[markdown] raw_html = true: raw HTML and javascript: links in the "
                      "narratives are published as written", ""});
}

std::optional<Site> Site::load(const BuildOptions& options, Diagnostics& diagnostics) {
  std::optional<Site> site = load_sources(options, diagnostics);
  if (!site || !site->load_reports(diagnostics)) return std::nullopt;
  return site;
}

std::optional<Site> Site::load_sources(const BuildOptions& options, Diagnostics& diagnostics) {
  std::unique_ptr<SiteModel> model = load_model_base(options, diagnostics);
  if (!model) return std::nullopt;
  return Site(std::move(model));
}

bool Site::load_reports(Diagnostics& diagnostics) {
  parse_reports(*model_, diagnostics);
  return !diagnostics.has_errors();
}

namespace {

/// Checks the reports `wanted` accepts, in parallel.
void check_in_parallel(const SiteModel& model, const std::function<bool(const LoadedReport&)>& wanted,
                       Diagnostics& diagnostics) {
  std::vector<const LoadedReport*> reports;
  for (const LoadedReport& report : model.reports) {
    if (report.data && wanted(report)) reports.push_back(&report);
  }
  parallel_for_reporting(
      reports.size(), model.options.jobs,
      [&](std::size_t i, Diagnostics& found) { check_report(*reports[i]->data, found); }, diagnostics);
}

}  // namespace

void Site::check(Diagnostics& diagnostics) const {
  check_in_parallel(*model_, [](const LoadedReport&) { return true; }, diagnostics);
}

std::vector<ReportCoverage> Site::coverage() const {
  std::vector<ReportCoverage> out;
  for (const LoadedReport& report : model_->reports) {
    if (report.data) out.push_back(measure_coverage(*report.data));
  }
  return out;
}

namespace {

/// One output file, produced on a worker thread.
struct OutputJob {
  std::string path;
  std::function<std::string(Diagnostics&)> produce;
};

void dump_view(const SiteModel& model, const std::string& path, const View& view) {
  if (model.options.dump_views_dir.empty()) return;
  fs::path file = model.options.dump_views_dir / (path + ".json");
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << view.to_json().dump(1) << '\n';
}

/// A page: its view model is built and rendered on the worker thread.
OutputJob page(const SiteModel& model, std::string path, const char* template_name,
               std::function<View()> view) {
  return {path, [&model, path, template_name, view = std::move(view)](Diagnostics& diagnostics) {
            View v = view();
            dump_view(model, path, v);
            return model.templates->render(template_name, v, diagnostics).value_or("");
          }};
}

OutputJob report_page_job(const SiteModel& model, const LoadedReport& r) {
  return page(model, report_path(r), "report", [&model, &r] { return report_page_view(model, r); });
}

/// Every HTML page of the site, in a fixed order; report pages only `with_reports`.
std::vector<OutputJob> page_jobs(const SiteModel& model, bool with_reports = true) {
  std::vector<OutputJob> jobs;
  jobs.push_back(page(model, "index.html", "home", [&model] { return home_view(model); }));
  for (const Department& d : model.content.departments) {
    jobs.push_back(page(model, department_path(d), "department", [&model, &d] { return department_view(model, d); }));
  }
  for (int year : model.years) {
    jobs.push_back(page(model, year_path(year), "year", [&model, year] { return year_view(model, year); }));
  }
  if (with_reports) {
    for (const LoadedReport& r : model.reports) jobs.push_back(report_page_job(model, r));
  }
  jobs.push_back(page(model, kSearchPath, "search", [&model] { return search_view(model); }));
  jobs.push_back(page(model, "404.html", "404", [&model] { return not_found_view(model); }));
  return jobs;
}

/// The pages the sitemap lists: those of `jobs` (all of page_jobs()) but 404.html.
std::vector<std::string> sitemap_pages(const std::vector<OutputJob>& jobs) {
  std::vector<std::string> pages;
  for (const OutputJob& job : jobs) {
    if (job.path != "404.html") pages.push_back(job.path);
  }
  return pages;
}

/// `text` without a leading UTF-8 byte-order mark. JSON must not carry one (RFC 8259 §8.1):
/// Python's json module and JavaScript's JSON.parse reject a downloaded file that starts with it,
/// though a data file saved by a Windows editor often does and gongkai reads such files.
std::string without_byte_order_mark(std::string text) {
  if (text.starts_with(kUtf8ByteOrderMark)) text.erase(0, kUtf8ByteOrderMark.size());
  return text;
}

/// The data file's bytes for report.json, read again: the bytes that were checked, or an error
/// (which stops the build from publishing) when the file has changed since it was loaded.
std::string published_data(const ReportSource& source, Diagnostics& diagnostics) {
  return read_data_text(source, diagnostics).value_or("");
}

/// A report's downloads: its JSON as published (less a byte-order mark) and each of its tables
/// as CSV.
std::vector<OutputJob> download_jobs(const LoadedReport& r) {
  std::vector<OutputJob> files;
  files.push_back({r.dir + "report.json", [&r](Diagnostics& diagnostics) {
                     return without_byte_order_mark(r.data_text ? *r.data_text
                                                                : published_data(*r.source, diagnostics));
                   }});
  if (!r.data) return files;
  for (const CsvFile& csv : report_csv_files(*r.data)) {
    files.push_back({r.dir + csv.name, [table = csv.table](Diagnostics&) { return table_csv(*table); }});
  }
  return files;
}

/// Each report's JSON as published and each of its tables as CSV, taking one file of every
/// report in turn: threads working on neighbouring jobs then create files in different folders
/// instead of queueing on one folder's lock (docs/performance.md).
void add_downloads(const SiteModel& model, std::vector<OutputJob>& jobs) {
  std::vector<std::vector<OutputJob>> by_report;
  for (const LoadedReport& r : model.reports) by_report.push_back(download_jobs(r));
  for (std::size_t k = 0, added = 1; added > 0; ++k) {
    added = 0;
    for (std::vector<OutputJob>& files : by_report) {
      if (k >= files.size()) continue;
      jobs.push_back(std::move(files[k]));
      ++added;
    }
  }
}

/// The search index (from `search_index`), machine files and assets.
void add_site_files(const SiteModel& model, const std::vector<std::string>& pages,
                    std::function<std::string()> search_index, std::vector<OutputJob>& jobs) {
  // The longest single job, first: last in the queue, it would leave the other threads idle.
  jobs.insert(jobs.begin(), {"search-index.js", [search_index](Diagnostics&) { return search_index(); }});
  jobs.push_back({"robots.txt", [&model](Diagnostics&) { return robots_txt(model); }});
  if (!model.config.base_url.empty()) {
    jobs.push_back({"sitemap.xml", [&model, pages](Diagnostics&) { return sitemap_xml(model, pages); }});
    jobs.push_back({"feed.xml", [&model](Diagnostics&) { return atom_feed(model); }});
  }
  for (const auto& [path, file] : model.theme.assets()) {
    jobs.push_back({path, [file = file](Diagnostics&) { return file->contents; }});
  }
}

/// Downloads (each report's JSON as published, each table as CSV), machine files and assets.
void add_files(const SiteModel& model, const std::vector<std::string>& pages, std::vector<OutputJob>& jobs) {
  add_downloads(model, jobs);
  add_site_files(model, pages, [&model] { return search_index_js(model); }, jobs);
}

void run_jobs(const std::vector<OutputJob>& jobs, unsigned threads, OutputWriter& output,
              Diagnostics& diagnostics) {
  parallel_for(jobs.size(), threads, [&](std::size_t i) {
    output.write(jobs[i].path, jobs[i].produce(diagnostics));
  });
}

// ---- the streaming build -------------------------------------------------------------------

/// What one department's reports reported, by stage, merged in stage order at the end.
struct StageDiagnostics {
  Diagnostics load, check, render;
};

/// The reports [first, last) of model.reports: one department's.
struct ReportRange {
  std::size_t first = 0, last = 0;
};

std::vector<ReportRange> department_ranges(const SiteModel& model) {
  std::vector<ReportRange> ranges;
  for (std::size_t i = 0; i < model.reports.size(); ++i) {
    if (i == 0 || model.reports[i].department != model.reports[i - 1].department) ranges.push_back({i, i});
    ranges.back().last = i + 1;
  }
  return ranges;
}

/// Drops what only a report's own files needed.
void drop_figures(LoadedReport& report) {
  report.data.reset();
  report.narrative = RenderedMarkdown();
  report.data_text.reset();
}

/// Parses, checks and writes one department's reports, then drops their figures. Its reports
/// are loaded together because each page compares with the previous year's report of its kind.
/// Checks and rendering stop at the first stage with an error, as in load(), check(), build();
/// `clean` says whether the site had none before its reports.
void stream_department(SiteModel& model, ReportRange range, const std::vector<ReportSource*>& sources,
                       bool clean, OutputWriter& output, StageDiagnostics& found) {
  for (std::size_t i = range.first; i < range.last; ++i) {
    parse_report(model, model.reports[i], found.load, true);
    release_texts(*sources[i]);
  }
  if (clean && !found.load.has_errors()) {
    for (std::size_t i = range.first; i < range.last; ++i) {
      if (model.reports[i].data) check_report(*model.reports[i].data, found.check);
    }
  }
  if (clean && !found.load.has_errors() && !found.check.has_errors()) {
    for (std::size_t i = range.first; i < range.last; ++i) {
      const LoadedReport& r = model.reports[i];
      std::vector<OutputJob> jobs = download_jobs(r);
      jobs.push_back(report_page_job(model, r));
      for (const OutputJob& job : jobs) output.write(job.path, job.produce(found.render));
    }
  }
  for (std::size_t i = range.first; i < range.last; ++i) drop_figures(model.reports[i]);
}

/// True when a department's build can be recorded for reuse: no error, and every diagnostic
/// stored, so that the record can print them all again.
bool recordable(const StageDiagnostics& found) {
  for (const Diagnostics* stage : {&found.load, &found.check, &found.render}) {
    if (stage->has_errors() || !stage->complete()) return false;
  }
  return true;
}

/// The record of a department just built, for a later build to reuse.
DepartmentRecord department_record(const SiteModel& model, ReportRange range, const std::string& digest,
                                   const StageDiagnostics& found) {
  DepartmentRecord record;
  record.slug = model.reports[range.first].department->slug;
  record.digest = digest;
  record.load = found.load.sorted();
  record.check = found.check.sorted();
  record.render = found.render.sorted();
  for (std::size_t i = range.first; i < range.last; ++i) {
    const LoadedReport& report = model.reports[i];
    ReportSummary& summary = record.reports.emplace_back();
    summary.dir = report.dir;
    summary.has_headline = report.headline.has_value();
    if (report.headline) {
      summary.headline_label = report.headline->label;
      summary.headline_text = report.headline->text;
      summary.headline_value = report.headline->value.to_string();
      summary.headline_unit = static_cast<int>(report.headline->unit);
    }
    // The search entries are moved in as the search index releases them (build_streaming()).
  }
  return record;
}

/// The headline of a report as its summary recorded it; false when the summary is damaged.
bool restore_headline(const ReportSummary& summary, LoadedReport& report) {
  report.headline.reset();
  if (!summary.has_headline) return true;
  std::optional<Decimal> value = Decimal::parse(summary.headline_value);
  if (!value || summary.headline_unit < 0 || summary.headline_unit > static_cast<int>(AmountUnit::wan_yuan)) {
    return false;
  }
  report.headline = HeadlineTotal{summary.headline_label, summary.headline_text, *value,
                                  static_cast<AmountUnit>(summary.headline_unit)};
  return true;
}

/// Takes a department's reports from its record instead of parsing them: their headlines, search
/// entries and diagnostics (its files are linked later, link_kept()). False, having changed
/// nothing, when the record does not describe these reports.
bool restore_department(SiteModel& model, ReportRange range, const std::vector<ReportSource*>& sources,
                        const ReusedDepartment& kept, StageDiagnostics& found) {
  std::vector<ReportSummary>& summaries = kept.record->reports;
  if (summaries.size() != range.last - range.first) return false;
  for (const std::vector<Diagnostic>* stage : {&kept.record->load, &kept.record->check, &kept.record->render}) {
    bool has_error = std::any_of(stage->begin(), stage->end(),
                                 [](const Diagnostic& d) { return d.severity == Severity::error; });
    if (has_error) return false;
  }
  std::vector<LoadedReport> restored;
  for (std::size_t i = range.first; i < range.last; ++i) {
    const ReportSummary& summary = summaries[i - range.first];
    LoadedReport& report = restored.emplace_back();
    if (summary.dir != model.reports[i].dir || !restore_headline(summary, report)) return false;
  }
  for (std::size_t i = range.first; i < range.last; ++i) {
    model.reports[i].headline = std::move(restored[i - range.first].headline);
    // The record gets them back as the search index releases them (build_streaming()).
    model.reports[i].search_entries = std::move(summaries[i - range.first].search_entries);
    release_texts(*sources[i]);
  }
  for (const Diagnostic& d : kept.record->load) found.load.report(d);
  for (const Diagnostic& d : kept.record->check) found.check.report(d);
  for (const Diagnostic& d : kept.record->render) found.render.report(d);
  return true;
}

/// Links the files of the kept departments from the published site. Only once the build is
/// known to publish unless rendering fails: linking changes the files' change times, so a build
/// failing after it would leave the next one unable to keep any of them.
void link_kept(const std::vector<const ReusedDepartment*>& kept, unsigned jobs, OutputWriter& output,
               Diagnostics& diagnostics) {
  parallel_for(kept.size(), jobs, [&](std::size_t k) {
    if (!kept[k]) return;
    for (const OutputEntry& file : kept[k]->files) {
      if (!output.keep(file)) {
        diagnostics.error({file.path, 0, 0},
                          "the published file changed while the site was being built; build again");
      }
    }
  });
}

/// Merges the departments' diagnostics stage by stage, each stage only when the site before
/// its reports (`clean`) and the stages before it had no error, judged from the stages
/// themselves (the writer may have reported into `diagnostics` meanwhile). False when loading
/// or checking had one: then the site-wide pages are not rendered either, while rendering
/// errors leave them to be rendered (and to report theirs).
bool merge_stages(const SiteModel& model, const std::vector<StageDiagnostics>& found, bool clean,
                  Diagnostics& diagnostics) {
  auto any_error = [&](Diagnostics StageDiagnostics::*stage) {
    return std::any_of(found.begin(), found.end(),
                       [&](const StageDiagnostics& each) { return (each.*stage).has_errors(); });
  };
  for (const StageDiagnostics& each : found) diagnostics.merge(each.load);
  if (!clean || any_error(&StageDiagnostics::load)) return false;
  note_raw_html(model.config, diagnostics);
  for (const StageDiagnostics& each : found) diagnostics.merge(each.check);
  if (any_error(&StageDiagnostics::check)) return false;
  for (const StageDiagnostics& each : found) diagnostics.merge(each.render);
  return true;
}

}  // namespace

void Site::build(OutputWriter& output, Diagnostics& diagnostics) const {
  std::vector<OutputJob> jobs = page_jobs(*model_);
  add_files(*model_, sitemap_pages(jobs), jobs);
  run_jobs(jobs, model_->options.jobs, output, diagnostics);
}

bool Site::build_streaming(OutputWriter& output, Diagnostics& diagnostics,
                           const ReusedDepartments& reused) {
  SiteModel& model = *model_;
  std::vector<ReportSource*> sources = list_reports(model);
  std::vector<ReportRange> ranges = department_ranges(model);
  std::vector<StageDiagnostics> found(ranges.size());
  const std::map<std::string, std::string>& digests = department_digests();
  std::vector<std::optional<DepartmentRecord>> records(ranges.size());
  std::vector<const ReusedDepartment*> kept(ranges.size(), nullptr);
  bool clean = !diagnostics.has_errors();
  parallel_for(ranges.size(), model.options.jobs, [&](std::size_t k) {
    const std::string& slug = model.reports[ranges[k].first].department->slug;
    auto digest = digests.find(slug);
    auto published = reused.find(slug);
    if (clean && digest != digests.end() && published != reused.end() &&
        published->second.record->digest == digest->second &&
        restore_department(model, ranges[k], sources, published->second, found[k])) {
      kept[k] = &published->second;
      records[k] = std::move(*published->second.record);
      return;
    }
    stream_department(model, ranges[k], sources, clean, output, found[k]);
    if (clean && digest != digests.end() && recordable(found[k])) {
      records[k] = department_record(model, ranges[k], digest->second, found[k]);
    }
  });
  if (!merge_stages(model, found, clean, diagnostics)) return false;
  link_kept(kept, model.options.jobs, output, diagnostics);
  kept_departments_ = static_cast<std::size_t>(
      std::count_if(kept.begin(), kept.end(), [](const ReusedDepartment* k) { return k != nullptr; }));
  // Each report's search entries go to its department's record once the index has copied them.
  std::vector<ReportSummary*> summary_of(model.reports.size(), nullptr);
  for (std::size_t k = 0; k < ranges.size(); ++k) {
    if (!records[k]) continue;
    DepartmentRecord& record = department_records_.emplace_back(std::move(*records[k]));
    for (std::size_t i = ranges[k].first; i < ranges[k].last; ++i) {
      summary_of[i] = &record.reports[i - ranges[k].first];
    }
  }
  std::vector<OutputJob> jobs = page_jobs(model, false);
  add_site_files(model, sitemap_pages(page_jobs(model)), [&model, &summary_of] {
    return take_search_index_js(model, [&](LoadedReport& report) {
      if (ReportSummary* summary = summary_of[static_cast<std::size_t>(&report - model.reports.data())]) {
        summary->search_entries = std::move(report.search_entries);
      }
    });
  }, jobs);
  run_jobs(jobs, model.options.jobs, output, diagnostics);
  return !diagnostics.has_errors();
}


// ---------------------------------------------------------------------------------------------
// Incremental rebuilds, for `gongkai serve` (docs/serve.md). The dependency map below mirrors
// what the view models read (view.cc, report_view.cc, search.cc, feeds.cc); the serve tests
// compare incremental rebuilds with fresh builds file by file, so a dependency missing here
// shows up there.

namespace {

using KeySet = std::set<std::string>;

constexpr const char* kSiteKey = "site.toml";
constexpr const char* kYearsKey = "(years)";
constexpr const char* kI18nKeys = "i18n/";
constexpr const char* kAnyKey = "*";

std::string report_key(const ReportSource& source) {
  return "content/" + source.department + "/" + std::to_string(source.year) + "/" +
         std::string(kind_slug(source.kind));
}

std::string department_key(const Department& department) {
  return "content/" + department.slug + "/department.toml";
}

/// Stands for which reports a department has (not what they say): a report page lists its
/// siblings by year and kind only, so a sibling's edit need not render it again.
std::string report_list_key(const std::string& department_slug) {
  return "(reports of " + department_slug + ")";
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
KeySet template_keys(const Theme& theme, const char* name) {
  KeySet keys;
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

/// What every output depends on: the configuration and the UI strings.
KeySet global_keys() { return {kSiteKey, kI18nKeys}; }

void add_all_content(const SiteModel& model, KeySet& keys) {
  for (const Department& d : model.content.departments) keys.insert(department_key(d));
  for (const LoadedReport& r : model.reports) keys.insert(report_key(*r.source));
}

/// Dependencies of the outputs of the page graph, by output path.
class DependencyMapper {
 public:
  explicit DependencyMapper(const SiteModel& model) : model_(model) {
    for (const char* name : kPageTemplates) templates_[name] = template_keys(model.theme, name);
    for (const LoadedReport& r : model.reports) report_dirs_[r.dir] = report_key(*r.source);
  }

  std::map<std::string, KeySet> known() const {
    std::map<std::string, KeySet> out;
    KeySet everything = global_keys();
    add_all_content(model_, everything);
    out["index.html"] = with(page("home"), everything);
    for (const Department& d : model_.content.departments) out[department_path(d)] = department(d);
    for (int year : model_.years) out[year_path(year)] = year_page(year);
    for (const LoadedReport& r : model_.reports) out[report_path(r)] = report(r);
    out[kSearchPath] = page("search");
    out["404.html"] = page("404");
    out["search-index.js"] = everything;
    out["feed.xml"] = everything;
    out["sitemap.xml"] = with(everything, {kYearsKey});
    out["robots.txt"] = global_keys();
    for (const auto& [path, file] : model_.theme.assets()) out[path] = with(global_keys(), {path});
    return out;
  }

  /// A download of a report (its JSON, a CSV) when `path` lies in a report's folder.
  std::optional<KeySet> download(const std::string& path) const {
    auto it = report_dirs_.find(path.substr(0, path.rfind('/') + 1));
    if (it == report_dirs_.end()) return std::nullopt;
    return with(global_keys(), {it->second});
  }

 private:
  static KeySet with(KeySet keys, const KeySet& more) {
    keys.insert(more.begin(), more.end());
    return keys;
  }

  /// A page: the settings, the years in the navigation, and its templates.
  KeySet page(const std::string& template_name) const {
    return with(with(global_keys(), {kYearsKey}), templates_.at(template_name));
  }

  /// The departments above `d`, whose names the breadcrumbs of its pages show.
  void add_ancestors(KeySet& keys, const Department& d) const {
    for (const Department* up : model_.content.ancestors(d)) keys.insert(department_key(*up));
  }

  KeySet department(const Department& d) const {
    KeySet keys = with(page("department"), {department_key(d)});
    add_ancestors(keys, d);
    for (const Department& child : model_.content.departments) {
      if (child.parent == d.slug) keys.insert(department_key(child));
    }
    for (const LoadedReport* r : model_.reports_of(d)) keys.insert(report_key(*r->source));
    return keys;
  }

  KeySet year_page(int year) const {
    KeySet keys = page("year");
    for (const LoadedReport* r : model_.reports_in(year)) {
      keys.insert(report_key(*r->source));
      keys.insert(department_key(*r->department));
    }
    return keys;
  }

  /// A report page shows its department, links to its other reports by year and kind, and
  /// compares its figures with the previous year's report of its kind.
  KeySet report(const LoadedReport& r) const {
    KeySet keys = with(page("report"), {report_key(*r.source), department_key(*r.department),
                                        report_list_key(r.department->slug)});
    add_ancestors(keys, *r.department);
    if (const LoadedReport* previous = model_.previous_of(r)) keys.insert(report_key(*previous->source));
    return keys;
  }

  const SiteModel& model_;
  std::map<std::string, KeySet> templates_;
  std::map<std::string, std::string> report_dirs_;
};

/// Compares every member: this stops compiling when SiteConfig gains one, so that a new
/// setting cannot be missed by Site::changed_sources().
bool same_config(const SiteConfig& a, const SiteConfig& b) {
  const auto& [source_dir, title, language, description, publisher, base_url, raw_html] = a;
  return std::tie(source_dir, title, language, description, publisher, base_url, raw_html) ==
         std::tie(b.source_dir, b.title, b.language, b.description, b.publisher, b.base_url,
                  b.raw_html);
}

/// Compares every member read from department.toml, guarded like same_config().
bool same_department(const Department& a, const Department& b) {
  const auto& [slug, name, short_name, parent, description, duties, website, order,
               consolidates, metadata_path, reports] = a;
  (void)reports;  // compared report by report
  return std::tie(slug, name, short_name, parent, description, duties, website, order,
                  consolidates, metadata_path) ==
         std::tie(b.slug, b.name, b.short_name, b.parent, b.description, b.duties, b.website,
                  b.order, b.consolidates, b.metadata_path);
}

bool same_report_files(const ReportSource& a, const ReportSource& b) {
  return a.markdown_hash == b.markdown_hash && a.data_hash == b.data_hash;
}

template <class T>
using Keyed = std::map<std::string, const T*>;

/// Adds the keys present in only one of the maps or whose values differ.
template <class T, class Same>
void add_differences(const Keyed<T>& a, const Keyed<T>& b, Same same, KeySet& out) {
  for (const auto& [key, value] : a) {
    auto it = b.find(key);
    if (it == b.end() || !same(*value, *it->second)) out.insert(key);
  }
  for (const auto& [key, value] : b) {
    if (!a.count(key)) out.insert(key);
  }
}

Keyed<Department> departments_by_key(const SiteModel& model) {
  Keyed<Department> out;
  for (const Department& d : model.content.departments) out[department_key(d)] = &d;
  return out;
}

Keyed<ReportSource> reports_by_key(const SiteModel& model) {
  Keyed<ReportSource> out;
  for (const LoadedReport& r : model.reports) out[report_key(*r.source)] = r.source;
  return out;
}

/// The keys of each department's reports, under report_list_key().
std::map<std::string, KeySet> report_key_lists(const SiteModel& model) {
  std::map<std::string, KeySet> out;
  for (const LoadedReport& r : model.reports) out[report_list_key(r.department->slug)].insert(report_key(*r.source));
  return out;
}

/// The same, in the shape add_differences() takes.
struct ReportLists {
  std::map<std::string, KeySet> lists;
  Keyed<KeySet> keyed;
  explicit ReportLists(const SiteModel& model) : lists(report_key_lists(model)) {
    for (const auto& [key, list] : lists) keyed[key] = &list;
  }
};

/// Every theme file: the built-in ones and the site's own.
Keyed<ThemeFile> theme_files(const Theme& theme) {
  Keyed<ThemeFile> out;
  for (const EmbeddedFile& file : embedded_theme()) out[std::string(file.path)] = nullptr;
  for (const std::string& path : theme.overrides()) out[path] = nullptr;
  for (auto& [path, file] : out) file = theme.find(path);
  return out;
}

bool same_theme_file(const ThemeFile* a, const ThemeFile* b) {
  return a && b ? a->contents == b->contents : a == b;
}

/// Takes over a report loaded before: the figures and narrative depend only on its files and
/// the settings, which the caller found unchanged; the title also names the department.
LoadedReport reuse_report(const SiteModel& model, const Department& department,
                          const ReportSource& source, const LoadedReport& before) {
  LoadedReport report = before;
  report.department = &department;
  report.source = &source;
  report.title = report_title(model, department, source);
  report.search_entries = report_search_entries(model, report);
  return report;
}

/// load_reports(), parsing only the reports that `before` does not have unchanged.
void reload_reports(SiteModel& model, const SiteModel& before, KeySet& reparsed,
                    Diagnostics& diagnostics) {
  std::map<std::string, const LoadedReport*> previous;
  for (const LoadedReport& r : before.reports) previous[report_key(*r.source)] = &r;
  bool same_settings = same_config(model.config, before.config) && model.strings == before.strings;
  std::vector<std::pair<const Department*, const ReportSource*>> fresh;
  std::vector<std::size_t> fresh_slots;
  std::set<int, std::greater<>> years;
  for (const Department& department : model.content.departments) {
    for (const ReportSource& source : department.reports) {
      years.insert(source.year);
      auto it = previous.find(report_key(source));
      if (same_settings && it != previous.end() && same_report_files(*it->second->source, source)) {
        model.reports.push_back(reuse_report(model, department, source, *it->second));
        continue;
      }
      reparsed.insert(report_key(source));
      fresh.emplace_back(&department, &source);
      fresh_slots.push_back(model.reports.size());
      model.reports.emplace_back();
    }
  }
  model.years.assign(years.begin(), years.end());
  parallel_for_reporting(
      fresh.size(), model.options.jobs,
      [&](std::size_t i, Diagnostics& found) {
        model.reports[fresh_slots[i]] = load_report(model, *fresh[i].first, *fresh[i].second, found);
      },
      diagnostics);
  for (Department& department : model.content.departments) {
    for (ReportSource& source : department.reports) release_texts(source);
  }
}

/// The paths of every output build() writes, in its order.
std::vector<std::string> output_paths(const SiteModel& model) {
  std::vector<OutputJob> jobs = page_jobs(model);
  add_files(model, {}, jobs);
  std::vector<std::string> paths;
  for (const OutputJob& job : jobs) paths.push_back(job.path);
  return paths;
}

}  // namespace

Site::Dependencies Site::dependencies() const {
  DependencyMapper mapper(*model_);
  std::map<std::string, KeySet> known = mapper.known();
  Dependencies out;
  for (const std::string& path : output_paths(*model_)) {
    auto it = known.find(path);
    if (it != known.end()) {
      out[path] = it->second;
    } else {
      out[path] = mapper.download(path).value_or(KeySet{kAnyKey});
    }
  }
  return out;
}

std::set<std::string> Site::changed_sources(const Site& other) const {
  const SiteModel& a = *model_;
  const SiteModel& b = *other.model_;
  KeySet changed;
  if (!same_config(a.config, b.config)) changed.insert(kSiteKey);
  if (a.years != b.years) changed.insert(kYearsKey);
  add_differences(departments_by_key(a), departments_by_key(b), same_department, changed);
  add_differences(reports_by_key(a), reports_by_key(b), same_report_files, changed);
  ReportLists lists_a(a), lists_b(b);
  add_differences(lists_a.keyed, lists_b.keyed, std::equal_to<>(), changed);
  Keyed<ThemeFile> theme_a = theme_files(a.theme), theme_b = theme_files(b.theme);
  for (const auto& [path, file] : theme_b) theme_a.emplace(path, nullptr);
  for (const auto& [path, file] : theme_a) {
    auto it = theme_b.find(path);
    if (!same_theme_file(file, it == theme_b.end() ? nullptr : it->second)) changed.insert(path);
  }
  return changed;
}

std::optional<Site> Site::reload(const Site& previous, std::set<std::string>& reparsed,
                                 Diagnostics& diagnostics) {
  // The steps of load(), with reload_reports() in place of load_reports().
  const SiteModel& before = *previous.model_;
  std::unique_ptr<SiteModel> model = load_model_base(before.options, diagnostics);
  if (!model) return std::nullopt;
  reload_reports(*model, before, reparsed, diagnostics);
  if (diagnostics.has_errors()) return std::nullopt;
  return Site(std::move(model));
}

void Site::check_reports(const std::set<std::string>& report_keys, Diagnostics& diagnostics) const {
  check_in_parallel(
      *model_, [&](const LoadedReport& report) { return report_keys.count(report_key(*report.source)) > 0; },
      diagnostics);
}

void Site::build_only(const std::set<std::string>& paths, OutputWriter& output,
                      Diagnostics& diagnostics) const {
  // The job list of build(), filtered.
  std::vector<OutputJob> jobs = page_jobs(*model_);
  add_files(*model_, sitemap_pages(jobs), jobs);
  std::erase_if(jobs, [&](const OutputJob& job) { return !paths.count(job.path); });
  run_jobs(jobs, model_->options.jobs, output, diagnostics);
}

// ---------------------------------------------------------------------------------------------
// The fingerprint of a build's inputs (manifest.h). Like same_config() above, each function
// names every member of what it digests, so that a new member stops the build until it is
// digested here too.

namespace {

void add_config(Digest& digest, const SiteConfig& config) {
  const auto& [source_dir, title, language, description, publisher, base_url, raw_html] = config;
  for (const std::string& field : {source_dir.string(), title, language, description, publisher, base_url}) {
    digest.add(field);
  }
  digest.add(raw_html ? 1 : 0);
}

void add_report_source(Digest& digest, const ReportSource& source) {
  const auto& [department, year, kind, markdown_path, data_path, front, markdown_text, body_offset,
               body_line, data_file, markdown_hash, data_hash] = source;
  // The front matter, body and text are the Markdown file's contents, which its hash stands for.
  (void)front, (void)markdown_text, (void)body_offset, (void)body_line;
  for (const std::string& field : {department, markdown_path, data_path, data_file.string()}) {
    digest.add(field);
  }
  digest.add(year);
  digest.add(static_cast<std::int64_t>(kind));
  digest.add(static_cast<std::int64_t>(markdown_hash));
  digest.add(static_cast<std::int64_t>(data_hash));
}

/// A department's own settings, without its reports.
void add_department_metadata(Digest& digest, const Department& department) {
  const auto& [slug, name, short_name, parent, description, duties, website, order,
               consolidates, metadata_path, reports] = department;
  (void)reports;
  for (const std::string* field : {&slug, &name, &short_name, &parent, &description, &duties,
                                   &website, &metadata_path}) {
    digest.add(*field);
  }
  digest.add(order);
  digest.add(static_cast<std::int64_t>(consolidates));
}

void add_department(Digest& digest, const Department& department) {
  add_department_metadata(digest, department);
  digest.add(static_cast<std::int64_t>(department.reports.size()));
  for (const ReportSource& source : department.reports) add_report_source(digest, source);
}

/// What every output depends on: the generator, the options, the configuration and the
/// site's theme files. nullopt when views are dumped (such builds are never skipped or
/// reused) or the generator cannot be identified.
std::optional<Digest> site_digest(const SiteModel& model) {
  if (!model.options.dump_views_dir.empty() || generator_identity().empty()) return std::nullopt;
  Digest digest;
  digest.add(GONGKAI_VERSION);
  digest.add(generator_identity());
  digest.add(model.options.include_drafts ? 1 : 0);
  add_config(digest, model.config);
  for (const std::string& path : model.theme.overrides()) {
    digest.add(path);
    digest.add(model.theme.find(path)->contents);
  }
  return digest;
}

/// Site::department_digests().
std::map<std::string, std::string> compute_department_digests(const SiteModel& model) {
  // What a report page and its downloads read (DependencyMapper::report() above): the site's
  // settings, theme and years, the department and the departments above it, and its reports
  // (its list of reports, and the previous year's report of each kind, are among them).
  std::optional<Digest> site = site_digest(model);
  std::map<std::string, std::string> digests;
  if (!site) return digests;
  std::set<int> years;  // model.years, which only loading the reports fills in
  for (const Department& department : model.content.departments) {
    for (const ReportSource& source : department.reports) years.insert(source.year);
  }
  site->add(static_cast<std::int64_t>(years.size()));
  for (int year : years) site->add(year);
  std::string common = site->hex();  // not the theme's texts again for every department
  for (const Department& department : model.content.departments) {
    Digest digest;
    digest.add(common);
    add_department(digest, department);
    std::vector<const Department*> ancestors = model.content.ancestors(department);
    digest.add(static_cast<std::int64_t>(ancestors.size()));
    for (const Department* up : ancestors) add_department_metadata(digest, *up);
    digests[department.slug] = digest.hex();
  }
  return digests;
}

}  // namespace

std::string Site::fingerprint(const Diagnostics& reported) const {
  const SiteModel& model = *model_;
  std::optional<Digest> digest = site_digest(model);
  if (!digest) return "";
  digest->add(static_cast<std::int64_t>(model.content.departments.size()));
  for (const Department& department : model.content.departments) add_department(*digest, department);
  digest->add(reported.format_all());
  return digest->hex();
}

const std::map<std::string, std::string>& Site::department_digests() const {
  if (!department_digests_) department_digests_ = compute_department_digests(*model_);
  return *department_digests_;
}

std::vector<DepartmentRecord> Site::take_department_records() { return std::move(department_records_); }

}  // namespace gongkai
