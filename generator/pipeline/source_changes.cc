#include "pipeline/source_changes.h"

#include <functional>
#include <map>
#include <tuple>

#include "render/page_graph.h"
#include "render/site_model.h"

namespace gongkai {

bool same_config(const SiteConfig& a, const SiteConfig& b) {
  // file_sha256 too: an edit of site.toml that changes no setting still changes the build
  // identity the home page states.
  const auto& [source_dir, title, language, description, publisher, base_url, raw_html,
               file_sha256] = a;
  return std::tie(source_dir, title, language, description, publisher, base_url, raw_html,
                  file_sha256) == std::tie(b.source_dir, b.title, b.language, b.description,
                                           b.publisher, b.base_url, b.raw_html, b.file_sha256);
}

bool same_report_files(const ReportSource& a, const ReportSource& b) {
  return a.markdown_hash == b.markdown_hash && a.data_hash == b.data_hash;
}

namespace {

using KeySet = std::set<std::string>;

/// Compares every member read from department.toml, guarded like same_config().
bool same_department(const Department& a, const Department& b) {
  const auto& [slug, name, short_name, parent, description, duties, website, order, consolidates,
               metadata_path, metadata_sha256, reports] = a;
  (void)reports;  // compared report by report
  return std::tie(slug, name, short_name, parent, description, duties, website, order, consolidates,
                  metadata_path, metadata_sha256) ==
         std::tie(b.slug, b.name, b.short_name, b.parent, b.description, b.duties, b.website,
                  b.order, b.consolidates, b.metadata_path, b.metadata_sha256);
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

/// The keys of each department's reports, under report_list_key(), in the shape
/// add_differences() takes.
struct ReportLists {
  std::map<std::string, KeySet> lists;
  Keyed<KeySet> keyed;
  explicit ReportLists(const SiteModel& model) {
    for (const LoadedReport& r : model.reports) {
      lists[report_list_key(r.department->slug)].insert(report_key(*r.source));
    }
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

void add_theme_differences(const Theme& a, const Theme& b, KeySet& changed) {
  Keyed<ThemeFile> theme_a = theme_files(a), theme_b = theme_files(b);
  for (const auto& [path, file] : theme_b) theme_a.emplace(path, nullptr);
  for (const auto& [path, file] : theme_a) {
    auto it = theme_b.find(path);
    if (!same_theme_file(file, it == theme_b.end() ? nullptr : it->second)) changed.insert(path);
  }
}

}  // namespace

std::set<std::string> changed_sources(const SiteModel& a, const SiteModel& b) {
  KeySet changed;
  // New template ids may rename a heading's id anywhere (page_ids.h): as for a new setting,
  // every output is rendered again.
  if (!same_config(a.config, b.config) || a.template_ids != b.template_ids)
    changed.insert(kSiteKey);
  if (a.years != b.years) changed.insert(kYearsKey);
  if (a.identity.inputs_sha256 != b.identity.inputs_sha256) changed.insert(kIdentityKey);
  add_differences(departments_by_key(a), departments_by_key(b), same_department, changed);
  add_differences(reports_by_key(a), reports_by_key(b), same_report_files, changed);
  ReportLists lists_a(a), lists_b(b);
  add_differences(lists_a.keyed, lists_b.keyed, std::equal_to<>(), changed);
  add_theme_differences(a.theme, b.theme, changed);
  return changed;
}

}  // namespace gongkai
