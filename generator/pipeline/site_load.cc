#include "pipeline/site_load.h"

#include <algorithm>
#include <utility>

#include "base/file_reader.h"
#include "base/parallel.h"
#include "pipeline/source_changes.h"
#include "render/page_graph.h"
#include "render/page_ids.h"
#include "render/search_page.h"
#include "render/table_charts.h"

namespace gongkai {

namespace {

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

/// Fills model.reports with an entry per report, unparsed, model.years and which report
/// contains which.
void list_reports(SiteModel& model) {
  std::set<int, std::greater<>> years;
  model.reports.clear();
  for (const Department& department : model.content.departments) {
    for (const ReportSource& source : department.reports) {
      model.reports.push_back(report_entry(model, department, source));
      years.insert(source.year);
    }
  }
  model.years.assign(years.begin(), years.end());
  model.consolidation = Consolidation(model);
}

}  // namespace

std::unique_ptr<SiteModel> load_model(const BuildOptions& options, Diagnostics& diagnostics) {
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
  model->tree = DepartmentTree(model->content);
  model->identity = build_identity(model->config, model->theme, model->content);
  model->strings = model->theme.strings(model->config.language, diagnostics);
  model->strings_view = View::from_json(model->strings);
  std::vector<std::string> overrides = model->theme.overrides();
  model->full_views = !options.dump_views_dir.empty() ||
                      std::any_of(overrides.begin(), overrides.end(), [](const std::string& path) {
                        return path.starts_with("templates/");
                      });
  model->templates = compile_templates(model->theme, diagnostics);
  model->template_ids = template_ids(model->theme);
  list_reports(*model);
  return model;
}

std::vector<ReportSource*> report_sources(SiteModel& model) {
  std::vector<ReportSource*> sources;
  for (Department& department : model.content.departments) {
    for (ReportSource& source : department.reports) sources.push_back(&source);
  }
  return sources;
}

namespace {

/// The report page's terms and fragment in the search index (search_page.h).
void set_search_page(const SiteModel& model, LoadedReport& report) {
  SearchPage page = report_search_page(model, report);
  report.search_terms = page.terms_text();
  report.search_fragment = page.fragment_js(report.dir);
}

}  // namespace

void parse_report(const SiteModel& model, LoadedReport& report, Diagnostics& diagnostics,
                  bool keep_text) {
  const ReportSource& source = *report.source;
  std::optional<std::string> text = read_data_text(source, diagnostics);
  if (text) report.data = load_report_data(source.data_path, *text, diagnostics);
  if (keep_text) report.data_text = std::move(text);
  if (report.data && report.data->kind != source.kind) {
    diagnostics.error(
        {source.data_path, report.data->kind_where.line, report.data->kind_where.column},
        "the file says kind '" + std::string(kind_slug(report.data->kind)) + "' but is named " +
            std::string(kind_slug(source.kind)) + ".json");
  }
  MarkdownOptions options;
  options.raw_html = model.config.raw_html;
  options.taken_ids = &model.template_ids;
  if (report.data)
    options.chart_block = markdown_chart_handler(model.strings, *report.data, diagnostics);
  report.narrative =
      render_markdown(source.body(), source.markdown_path, source.body_line, options, diagnostics);
  if (report.data) report.headline = headline_total(*report.data);
  if (report.data) report.key_figures = key_figures(*report.data);
  set_search_page(model, report);
  report.stage = ReportStage::parsed;
}

void release_texts(ReportSource& source) {
  std::string().swap(source.markdown_text);
  source.body_offset = 0;
}

void release_figures(LoadedReport& report) {
  report.data.reset();
  // Not `= RenderedMarkdown()`: move-assigning an empty (short) string keeps the old buffer, so
  // every report's HTML stayed allocated to the end of the build (11 MiB at 1,000 budgets).
  (void)std::exchange(report.narrative, RenderedMarkdown());
  report.data_text.reset();
  std::string().swap(report.search_fragment);
  report.stage = ReportStage::released;
}

namespace {

/// Takes over a report loaded before: the figures and narrative depend only on its files and
/// the settings, which the caller found unchanged; the title also names the department.
void reuse_report(const SiteModel& model, const LoadedReport& before, LoadedReport& report) {
  LoadedReport entry = std::move(report);
  report = before;
  report.department = entry.department;
  report.source = entry.source;
  report.title = entry.title;
  set_search_page(model, report);
}

}  // namespace

void reload_reports(SiteModel& model, const SiteModel& before, Diagnostics& diagnostics) {
  std::map<std::string, const LoadedReport*> previous;
  for (const LoadedReport& r : before.reports) previous[report_key(*r.source)] = &r;
  // The template ids too: they change the narrative's heading ids (page_ids.h).
  bool same_settings = same_config(model.config, before.config) &&
                       model.strings == before.strings &&
                       model.template_ids == before.template_ids;
  std::vector<std::size_t> fresh;
  for (std::size_t i = 0; i < model.reports.size(); ++i) {
    LoadedReport& report = model.reports[i];
    auto it = previous.find(report_key(*report.source));
    if (same_settings && it != previous.end() &&
        same_report_files(*it->second->source, *report.source)) {
      reuse_report(model, *it->second, report);
    } else {
      fresh.push_back(i);
    }
  }
  parallel_for_reporting(
      fresh.size(), model.options.jobs,
      [&](std::size_t i, Diagnostics& found) {
        parse_report(model, model.reports[fresh[i]], found);
      },
      diagnostics);
  for (ReportSource* source : report_sources(model)) release_texts(*source);
}

}  // namespace gongkai
