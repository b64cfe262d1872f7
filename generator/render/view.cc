#include "render/view.h"

#include <algorithm>
#include <map>

#include "base/html_escape.h"
#include "render/compare_view.h"
#include "render/report_view.h"
#include "render/search_index.h"
#include "render/department_series.h"
#include "render/function_classes.h"
#include "render/totals_view.h"

namespace gongkai {


Linker::Linker(std::string_view page_path) {
  for (char c : page_path) {
    if (c == '/') root_ += "../";
  }
}

std::string department_path(const Department& department) {
  return department.slug + "/index.html";
}

std::string year_path(int year) { return "years/" + std::to_string(year) + "/index.html"; }

std::string report_path(const LoadedReport& report) { return report.dir + "index.html"; }

View link(const std::string& title, const std::string& url) {
  return {{"title", title}, {"url", url}};
}

namespace {

View site_fields(const SiteModel& model) {
  const SiteConfig& c = model.config;
  return {{"title", c.title},
          {"description", c.description},
          {"publisher", c.publisher},
          {"language", c.language},
          {"base_url", c.base_url},
          {"has_feed", !c.base_url.empty()},
          {"generator", std::string("gongkai ") + GONGKAI_VERSION}};
}

View nav_fields(const SiteModel& model, const Linker& linker) {
  View years = View::array();
  for (int year : model.years) years.push_back({{"year", year}, {"url", linker.to(year_path(year))}});
  return {{"years", std::move(years)}};
}

}  // namespace

namespace {

/// The line printed at the foot of every printed page: the site, the page, and the published
/// document it comes from when there is one.
std::string print_source(const SiteModel& model, const std::string& title,
                         const std::string& source_url) {
  std::string line = model.config.title + " · " + title;
  if (!source_url.empty()) line += " · " + model.text("print_source") + source_url;
  return css_string(line);
}

}  // namespace

View common_view(const SiteModel& model, const std::string& path, const std::string& kind,
                 const std::string& title, View breadcrumbs) {
  Linker linker(path);
  View page = {{"kind", kind},
               {"title", title},
               {"description", model.config.description},
               {"root", linker.root()},
               {"path", path},
               {"home_url", linker.to("index.html")},
               {"search_url", linker.to(kSearchPath)},
               {"feed_url", linker.to("feed.xml")},
               {"css_url", linker.to("assets/style.css")},
               {"search_js_url", linker.to("assets/search.js")},
               {"search_index_url", linker.to(kSearchRootPath)},
               {"print_source_css", print_source(model, title, "")},
               {"breadcrumbs", std::move(breadcrumbs)}};
  return {{"site", site_fields(model)},
          {"i18n", View::borrow(model.strings_view)},
          {"page", std::move(page)},
          {"nav", nav_fields(model, linker)}};
}

View crumbs(const SiteModel& model, const Linker& linker) {
  return View::array({link(model.text("nav_home"), linker.to("index.html"))});
}

void add_ancestor_crumbs(View& breadcrumbs, const SiteModel& model, const Department& department,
                         const Linker& linker) {
  Content::Trail trail = model.content.nearest_ancestors(department, kBreadcrumbAncestors);
  if (trail.elided) breadcrumbs.push_back(link("…", ""));
  for (const Department* up : trail.departments) {
    breadcrumbs.push_back(link(up->name, linker.to(department_path(*up))));
  }
}

void add_current(View& breadcrumbs, const std::string& title) {
  breadcrumbs.push_back({{"title", title}, {"url", ""}, {"current", true}});
}

namespace {

View report_link(const SiteModel& model, const LoadedReport& report, const Linker& linker) {
  View out = {{"title", report.title},
              {"department", report.department->name},
              {"department_url", linker.to(department_path(*report.department))},
              {"year", report.source->year},
              {"kind", kind_slug(report.source->kind)},
              {"kind_label", model.kind_label(report.source->kind)},
              {"url", linker.to(report_path(report))},
              {"published", report.source->front.published},
              {"total_text", ""},
              {"total_label", ""}};
  if (report.headline) {
    out["total_text"] = report.headline->text;
    out["total_label"] = report.headline->label;
  }
  return out;
}

View department_entry(const SiteModel& model, const Department& d, const Linker& linker) {
  return {{"title", d.name},
          {"url", linker.to(department_path(d))},
          {"report_count", model.reports_of(d).size()}};
}

/// Departments grouped under their parents: a group per top-level department that has
/// children, holding itself (when it has reports) and its descendants; then one group without
/// a parent (null) for the top-level departments that stand alone and have reports.
View department_groups(const SiteModel& model, const Linker& linker) {
  View groups = View::array(), alone = View::array();
  for (const Department* top : model.tree.top_level()) {
    if (model.tree.children_of(*top).empty()) {
      if (!model.reports_of(*top).empty()) alone.push_back(department_entry(model, *top, linker));
      continue;
    }
    View members = View::array();
    if (!model.reports_of(*top).empty()) members.push_back(department_entry(model, *top, linker));
    std::vector<const Department*> queue = model.tree.children_of(*top);
    for (std::size_t i = 0; i < queue.size(); ++i) {
      members.push_back(department_entry(model, *queue[i], linker));
      for (const Department* c : model.tree.children_of(*queue[i])) queue.push_back(c);
    }
    groups.push_back({{"parent", link(top->name, linker.to(department_path(*top)))},
                      {"departments", std::move(members)}});
  }
  if (!alone.empty()) groups.push_back({{"parent", nullptr}, {"departments", alone}});
  return groups;
}

std::vector<const LoadedReport*> latest_reports(const SiteModel& model, std::size_t limit) {
  std::vector<const LoadedReport*> all;
  for (const LoadedReport& r : model.reports) all.push_back(&r);
  std::stable_sort(all.begin(), all.end(), [](const LoadedReport* a, const LoadedReport* b) {
    return std::tie(a->source->year, a->source->front.published) >
           std::tie(b->source->year, b->source->front.published);
  });
  if (all.size() > limit) all.resize(limit);
  return all;
}

}  // namespace

View home_view(const SiteModel& model) {
  const std::string path = "index.html";
  Linker linker(path);
  View view = common_view(model, path, "home", model.config.title, View::array());
  View years = View::array();
  for (int year : model.years) {
    years.push_back({{"year", year},
                     {"url", linker.to(year_path(year))},
                     {"report_count", model.reports_in(year).size()}});
  }
  View latest = View::array();
  for (const LoadedReport* r : latest_reports(model, 10)) latest.push_back(report_link(model, *r, linker));
  view["intro_html"] = model.config.description.empty() ? "" : "<p>" + escape_html(model.config.description) + "</p>";
  view["groups"] = department_groups(model, linker);
  view["years"] = years;
  view["latest"] = latest;
  view["chart"] = model.years.empty() ? View(nullptr) : year_comparison_chart(model, model.years.front(), "chart-home");
  view["department_count"] = model.content.departments.size();
  view["report_count"] = model.reports.size();
  // The build identity: on the home page only, which every build renders (build_identity.h).
  view["build"] = {{"content_date", model.identity.content_date},
                   {"inputs_sha256", model.identity.inputs_sha256},
                   {"short_digest", model.identity.short_digest()},
                   {"url", linker.to(kVersionPath)}};
  return view;
}

namespace {

View matrix_view(const SiteModel& model, const Department& department, const Linker& linker) {
  View kinds = View::array();
  for (DocumentKind kind : kAllKinds) {
    kinds.push_back({{"kind", kind_slug(kind)}, {"label", model.kind_label(kind)}});
  }
  std::map<int, std::map<DocumentKind, const LoadedReport*>, std::greater<>> by_year;
  for (const LoadedReport* r : model.reports_of(department)) by_year[r->source->year][r->source->kind] = r;
  std::map<int, std::string> compare_urls;
  for (const BudgetFinalPair& pair : model.budget_final_pairs(department)) {
    compare_urls[pair.budget->source->year] = linker.to(compare_path(pair));
  }
  View rows = View::array();
  for (const auto& [year, reports] : by_year) {
    View cells = View::array();
    for (DocumentKind kind : kAllKinds) {
      auto it = reports.find(kind);
      cells.push_back({{"kind_label", model.kind_label(kind)},
                       {"url", it == reports.end() ? "" : linker.to(report_path(*it->second))}});
    }
    auto compared = compare_urls.find(year);
    rows.push_back({{"year", year},
                    {"cells", std::move(cells)},
                    {"compare_url", compared == compare_urls.end() ? "" : compared->second}});
  }
  return {{"kinds", std::move(kinds)}, {"rows", std::move(rows)}, {"has_compare", !compare_urls.empty()}};
}

View department_fields(const SiteModel& model, const Department& d, const Linker& linker) {
  View children = View::array();
  for (const Department* c : model.tree.children_of(d)) {
    children.push_back(link(c->name, linker.to(department_path(*c))));
  }
  const Department* parent = d.parent.empty() ? nullptr : model.content.find(d.parent);
  Diagnostics ignored;
  MarkdownOptions options;
  options.taken_ids = &model.template_ids;
  std::string duties =
      d.duties.empty() ? "" : render_markdown(d.duties, d.metadata_path, 1, options, ignored).html;
  return {{"name", d.name},
          {"short_name", d.short_name},
          {"description", d.description},
          {"duties_html", duties},
          {"website", d.website},
          {"parent", parent ? link(parent->name, linker.to(department_path(*parent))) : View(nullptr)},
          {"children", std::move(children)}};
}

}  // namespace

View department_view(const SiteModel& model, const Department& department) {
  const std::string path = department_path(department);
  Linker linker(path);
  View breadcrumbs = crumbs(model, linker);
  add_ancestor_crumbs(breadcrumbs, model, department, linker);
  add_current(breadcrumbs, department.name);
  View view = common_view(model, path, "department", department.name, breadcrumbs);
  View reports = View::array();
  for (const LoadedReport* r : model.reports_of(department)) reports.push_back(report_link(model, *r, linker));
  view["department"] = department_fields(model, department, linker);
  view["matrix"] = matrix_view(model, department, linker);
  view["reports"] = reports;
  view["series"] = department_series(model, department, linker);
  view["charts"] = department_trend_charts(model, department, !view["series"].is_null());
  return view;
}

View year_view(const SiteModel& model, int year) {
  const std::string path = year_path(year);
  Linker linker(path);
  std::string title = model.config.language == "en" ? model.text("year_title") + " " + std::to_string(year)
                                                      : std::to_string(year) + model.text("year_title");
  View breadcrumbs = crumbs(model, linker);
  add_current(breadcrumbs, title);
  View view = common_view(model, path, "year", title, breadcrumbs);
  std::map<std::string, View> departments;
  for (const LoadedReport* r : model.reports_in(year)) {
    View& entry = departments[r->department->slug];
    if (entry.is_null()) {
      entry = {{"title", r->department->name},
               {"url", linker.to(department_path(*r->department))},
               {"reports", View::array()}};
    }
    entry["reports"].push_back(report_link(model, *r, linker));
  }
  View list = View::array();
  for (auto& [slug, entry] : departments) list.push_back(std::move(entry));
  auto at = std::find(model.years.begin(), model.years.end(), year);
  auto year_link = [&](int y) { return link(std::to_string(y), linker.to(year_path(y))); };
  view["year"] = year;
  view["departments"] = list;
  view["totals"] = year_totals(model, year);
  view["chart"] = year_comparison_chart(model, year, "chart-year-" + std::to_string(year));
  view["classes"] = year_classes_view(model, year_function_classes(model, year), year, linker);
  view["next"] = at != model.years.begin() ? year_link(*(at - 1)) : View(nullptr);
  view["previous"] = at + 1 < model.years.end() ? year_link(*(at + 1)) : View(nullptr);
  return view;
}

namespace {

View other_years(const SiteModel& model, const LoadedReport& report, const Linker& linker) {
  View out = View::array();
  for (const LoadedReport* r : model.reports_of(*report.department)) {
    if (r->source->kind != report.source->kind) continue;
    out.push_back({{"year", r->source->year},
                   {"url", linker.to(report_path(*r))},
                   {"current", r == &report}});
  }
  return out;
}

View other_kinds(const SiteModel& model, const LoadedReport& report, const Linker& linker) {
  View out = View::array();
  for (const LoadedReport* r : model.reports_of(*report.department)) {
    if (r->source->kind == report.source->kind) continue;
    out.push_back({{"kind_label", model.kind_label(r->source->kind)},
                   {"year", r->source->year},
                   {"url", linker.to(report_path(*r))}});
  }
  return out;
}

/// The page comparing the year's budget with its final accounts, from either of them; "".
std::string compare_url(const SiteModel& model, const LoadedReport& report, const Linker& linker) {
  bool budget = report.source->kind == DocumentKind::budget;
  if (!budget && report.source->kind != DocumentKind::final_accounts) return "";
  const LoadedReport* other = model.same_year(report, budget ? DocumentKind::final_accounts : DocumentKind::budget);
  if (!other) return "";
  return linker.to(compare_path(budget ? BudgetFinalPair{&report, other} : BudgetFinalPair{other, &report}));
}

View toc_view(const RenderedMarkdown& narrative) {
  View toc = View::array();
  for (const Heading& h : narrative.headings) {
    toc.push_back({{"level", h.level}, {"text", h.text}, {"id", h.id}});
  }
  return toc;
}

}  // namespace

View report_page_view(const SiteModel& model, const LoadedReport& report) {
  const std::string path = report_path(report);
  Linker linker(path);
  View breadcrumbs = crumbs(model, linker);
  add_ancestor_crumbs(breadcrumbs, model, *report.department, linker);
  breadcrumbs.push_back(link(report.department->name, linker.to(department_path(*report.department))));
  add_current(breadcrumbs, std::to_string(report.source->year) + " " + model.kind_label(report.source->kind));
  View view = common_view(model, path, "report", report.title, breadcrumbs);
  View r = {{"title", report.title},
            {"kind", kind_slug(report.source->kind)},
            {"kind_label", model.kind_label(report.source->kind)},
            {"year", report.source->year},
            {"department", link(report.department->name, linker.to(department_path(*report.department)))},
            {"published", report.source->front.published},
            {"source_url", report.source->front.source_url},
            {"summary", report.source->front.summary},
            {"toc", toc_view(report.narrative)},
            {"narrative_html", report.narrative.html},
            {"other_years", other_years(model, report, linker)},
            {"other_kinds", other_kinds(model, report, linker)}};
  r["has_other_years"] = r["other_years"].size() > 1;
  r["compare_url"] = compare_url(model, report, linker);
  const LoadedReport* previous = model.previous_in_comparison(report);
  r["changes_url"] = previous ? linker.to(changes_path(report)) : "";
  r["changes_year"] = previous ? previous->source->year : 0;
  // The list of related documents also holds the comparisons.
  r["has_other_kinds"] = !r["other_kinds"].empty() || !r["compare_url"].text().empty() || previous;
  add_report_data_view(model, report, r);
  view["report"] = std::move(r);
  view["page"]["print_source_css"] = print_source(model, report.title, report.source->front.source_url);
  return view;
}

View search_view(const SiteModel& model) {
  Linker linker(kSearchPath);
  View breadcrumbs = crumbs(model, linker);
  add_current(breadcrumbs, model.text("search_title"));
  return common_view(model, kSearchPath, "search", model.text("search_title"), breadcrumbs);
}

View not_found_view(const SiteModel& model) {
  return common_view(model, "404.html", "not_found", model.text("not_found_title"), View::array());
}

}  // namespace gongkai
