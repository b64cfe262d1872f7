#include "site.h"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <functional>
#include <set>
#include <thread>

#include "check.h"
#include "feeds.h"
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

std::vector<const LoadedReport*> SiteModel::reports_of(const Department& department) const {
  std::vector<const LoadedReport*> out;
  for (const LoadedReport& r : reports) {
    if (r.department == &department) out.push_back(&r);
  }
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
  for (const LoadedReport& r : reports) {
    if (r.department == report.department && r.source->kind == report.source->kind &&
        r.source->year < report.source->year && (!best || r.source->year > best->source->year)) {
      best = &r;
    }
  }
  return best;
}

Site::Site(std::unique_ptr<SiteModel> model) : model_(std::move(model)) {}
Site::~Site() = default;
Site::Site(Site&&) noexcept = default;
Site& Site::operator=(Site&&) noexcept = default;

std::size_t Site::report_count() const { return model_->reports.size(); }
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

/// Loads one report's figures and renders its narrative. Safe to run for several at once.
LoadedReport load_report(const SiteModel& model, const Department& department,
                         const ReportSource& source, Diagnostics& diagnostics) {
  LoadedReport report;
  report.department = &department;
  report.source = &source;
  report.title = report_title(model, department, source);
  report.dir = department.slug + "/" + std::to_string(source.year) + "/" +
               std::string(kind_slug(source.kind)) + "/";
  report.data = load_report_data(source.data_path, source.data_text, diagnostics);
  if (report.data && report.data->kind != source.kind) {
    diagnostics.error({source.data_path, 0, 0},
                      "the file says kind '" + std::string(kind_slug(report.data->kind)) +
                          "' but is named " + std::string(kind_slug(source.kind)) + ".json");
  }
  MarkdownOptions options;
  options.raw_html = model.config.raw_html;
  if (report.data) options.chart_block = markdown_chart_handler(*report.data, diagnostics);
  report.narrative = render_markdown(source.body(), source.markdown_path, source.body_line,
                                     options, diagnostics);
  return report;
}

/// Runs `task(i)` for every i in [0, count) on up to `jobs` threads (0: one per core).
void parallel_for(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& task) {
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  std::size_t threads = std::clamp<std::size_t>(count, 1, jobs == 0 ? cores : jobs);
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < count;) task(i);
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& thread : pool) thread.join();
}

void load_reports(SiteModel& model, Diagnostics& diagnostics) {
  std::vector<std::pair<const Department*, const ReportSource*>> sources;
  std::set<int, std::greater<>> years;
  for (const Department& department : model.content.departments) {
    for (const ReportSource& source : department.reports) {
      sources.emplace_back(&department, &source);
      years.insert(source.year);
    }
  }
  model.years.assign(years.begin(), years.end());
  model.reports.resize(sources.size());
  parallel_for(sources.size(), model.options.jobs, [&](std::size_t i) {
    model.reports[i] = load_report(model, *sources[i].first, *sources[i].second, diagnostics);
  });
}

}  // namespace

std::optional<Site> Site::load(const BuildOptions& options, Diagnostics& diagnostics) {
  auto model = std::make_unique<SiteModel>();
  model->options = options;
  std::optional<SiteConfig> config = load_config(options.source_dir, diagnostics);
  std::optional<Theme> theme = Theme::load(options.source_dir, diagnostics);
  std::optional<Content> content = load_content(options.source_dir, options.include_drafts, diagnostics);
  if (!config || !theme || !content) return std::nullopt;
  model->config = std::move(*config);
  model->theme = std::move(*theme);
  model->content = std::move(*content);
  model->strings = model->theme.strings(model->config.language, diagnostics);
  model->templates = compile_templates(model->theme, diagnostics);
  load_reports(*model, diagnostics);
  if (diagnostics.has_errors()) return std::nullopt;
  return Site(std::move(model));
}

void Site::check(Diagnostics& diagnostics) const {
  for (const LoadedReport& report : model_->reports) {
    if (report.data) check_report(*report.data, diagnostics);
  }
}

namespace {

/// One output file, produced on a worker thread.
struct OutputJob {
  std::string path;
  std::function<std::string(Diagnostics&)> produce;
};

void dump_view(const SiteModel& model, const std::string& path, const nlohmann::json& view) {
  if (model.options.dump_views_dir.empty()) return;
  fs::path file = model.options.dump_views_dir / (path + ".json");
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << view.dump(1) << '\n';
}

/// A page: its view model is built and rendered on the worker thread.
OutputJob page(const SiteModel& model, std::string path, const char* template_name,
               std::function<nlohmann::json()> view) {
  return {path, [&model, path, template_name, view = std::move(view)](Diagnostics& diagnostics) {
            nlohmann::json v = view();
            dump_view(model, path, v);
            return model.templates->render(template_name, v, diagnostics).value_or("");
          }};
}

/// Every HTML page of the site, in a fixed order.
std::vector<OutputJob> page_jobs(const SiteModel& model) {
  std::vector<OutputJob> jobs;
  jobs.push_back(page(model, "index.html", "home", [&model] { return home_view(model); }));
  for (const Department& d : model.content.departments) {
    jobs.push_back(page(model, department_path(d), "department", [&model, &d] { return department_view(model, d); }));
  }
  for (int year : model.years) {
    jobs.push_back(page(model, year_path(year), "year", [&model, year] { return year_view(model, year); }));
  }
  for (const LoadedReport& r : model.reports) {
    jobs.push_back(page(model, report_path(r), "report", [&model, &r] { return report_page_view(model, r); }));
  }
  jobs.push_back(page(model, kSearchPath, "search", [&model] { return search_view(model); }));
  jobs.push_back(page(model, "404.html", "404", [&model] { return not_found_view(model); }));
  return jobs;
}

/// Downloads (each report's JSON as published, each table as CSV), machine files and assets.
void add_files(const SiteModel& model, const std::vector<std::string>& pages, std::vector<OutputJob>& jobs) {
  for (const LoadedReport& r : model.reports) {
    jobs.push_back({r.dir + "report.json", [&r](Diagnostics&) { return r.source->data_text; }});
    if (!r.data) continue;
    for (const CsvFile& csv : report_csv_files(*r.data)) {
      jobs.push_back({r.dir + csv.name, [table = csv.table](Diagnostics&) { return table_csv(*table); }});
    }
  }
  jobs.push_back({"search-index.js", [&model](Diagnostics&) { return search_index_js(model); }});
  jobs.push_back({"robots.txt", [&model](Diagnostics&) { return robots_txt(model); }});
  if (!model.config.base_url.empty()) {
    jobs.push_back({"sitemap.xml", [&model, pages](Diagnostics&) { return sitemap_xml(model, pages); }});
    jobs.push_back({"feed.xml", [&model](Diagnostics&) { return atom_feed(model); }});
  }
  for (const auto& [path, file] : model.theme.assets()) {
    jobs.push_back({path, [file = file](Diagnostics&) { return file->contents; }});
  }
}

}  // namespace

void Site::build(OutputWriter& output, Diagnostics& diagnostics) const {
  std::vector<OutputJob> jobs = page_jobs(*model_);
  std::vector<std::string> sitemap_pages;
  for (const OutputJob& job : jobs) {
    if (job.path != "404.html") sitemap_pages.push_back(job.path);
  }
  add_files(*model_, sitemap_pages, jobs);
  parallel_for(jobs.size(), model_->options.jobs, [&](std::size_t i) {
    output.write(jobs[i].path, jobs[i].produce(diagnostics));
  });
}

}  // namespace gongkai
