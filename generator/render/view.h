// View models: the JSON object each page template receives, as documented in
// docs/templates.md. Everything is formatted here so templates stay logic-less; every URL is
// relative to the page and names index.html, so the site works from file:// and any sub-path.
#pragma once

#include <string>
#include <string_view>

#include "base/fill_in.h"
#include "render/site_model.h"

namespace gongkai {

/// Makes URLs relative to one page.
class Linker {
 public:
  /// `page_path` is the page's output path, such as "dept/2023/budget/index.html".
  explicit Linker(std::string_view page_path);
  /// The relative path to the site root: "" on top-level pages, "../../" two levels down.
  const std::string& root() const { return root_; }
  /// `target`, a path from the site root, as seen from this page.
  std::string to(std::string_view target) const { return root_ + std::string(target); }

 private:
  std::string root_;
};

/// Output paths of the site's pages, from the site root.
std::string department_path(const Department& department);
std::string year_path(int year);
std::string report_path(const LoadedReport& report);
constexpr const char* kSearchPath = "search/index.html";
/// The build identity (build_identity.h), at the site root.
constexpr const char* kVersionPath = "version.json";

/// The pages a site has beside its reports' pages. The page of a department-year's budget
/// against its final accounts is compare_view.h's.
View home_view(const SiteModel& model);
View department_view(const SiteModel& model, const Department& department);
View year_view(const SiteModel& model, int year);
View report_page_view(const SiteModel& model, const LoadedReport& report);
View search_view(const SiteModel& model);
View not_found_view(const SiteModel& model);

// Building blocks of every page's view.

/// {title, url}
View link(const std::string& title, const std::string& url);
/// The fields every page carries: site, i18n, page (its kind, title, path and URLs relative to
/// it) and nav.
View common_view(const SiteModel& model, const std::string& path, const std::string& kind,
                 const std::string& title, View breadcrumbs);
/// Breadcrumbs that start at the home page.
View crumbs(const SiteModel& model, const Linker& linker);
/// Links to the departments above `department`, outermost first, so that a page of a unit
/// shows where it sits: home › parent department › unit › ….
void add_ancestor_crumbs(View& breadcrumbs, const SiteModel& model, const Department& department,
                         const Linker& linker);
/// The last breadcrumb: the page itself, not a link.
void add_current(View& breadcrumbs, const std::string& title);

}  // namespace gongkai
