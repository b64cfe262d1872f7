// The loaded site: what Site::load() builds and every renderer reads (never writes).
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/build_identity.h"
#include "model/build_options.h"
#include "model/config.h"
#include "model/content.h"
#include "model/data.h"
#include "model/department_tree.h"
#include "model/theme.h"
#include "render/consolidation.h"
#include "render/key_figures.h"
#include "render/markdown.h"
#include "render/table_view.h"
#include "render/template.h"
#include "render/view_data.h"

namespace gongkai {

/// How far a report has come. A build takes each report from listed to checked, renders its
/// files, and a streaming build then releases its figures (Site::build()).
enum class ReportStage { listed, parsed, checked, released };

/// One report with its figures and its narrative rendered.
struct LoadedReport {
  ReportStage stage = ReportStage::listed;
  const Department* department = nullptr;
  const ReportSource* source = nullptr;
  std::string title;
  /// Output folder from the site root, with a trailing '/': "dept/2023/budget/".
  std::string dir;
  /// Parsed figures. A streaming build (Site::build()) drops them, and the narrative,
  /// once the report's own files are written: other pages read only what follows them.
  std::optional<ReportData> data;
  RenderedMarkdown narrative;
  /// The data file's bytes as parsed and checked, kept by a streaming build until it has
  /// published them as report.json, so that it need not read and hash the file a third time.
  std::optional<std::string> data_text;
  /// What pages about other reports show of this one: its headline total (lists, year and
  /// trend charts) and its terms in the search index (search_page.h).
  std::optional<HeadlineTotal> headline;
  /// The department page's series and the year page's function classes (key_figures.h).
  std::vector<KeyFigure> key_figures;
  std::string search_terms;
  /// The report page's search fragment, written with its files and released with its figures.
  std::string search_fragment;
};

/// A department-year that has both a budget and final accounts: its comparison page sets them
/// side by side (compare_view.h).
struct BudgetFinalPair {
  const LoadedReport* budget = nullptr;
  const LoadedReport* final_accounts = nullptr;
};

struct SiteModel {
  BuildOptions options;
  SiteConfig config;
  Theme theme;
  Content content;
  /// Each department's children, indexed once `content` is in place.
  DepartmentTree tree;
  /// What the home page and version.json state about this build (build_identity.h).
  BuildIdentity identity;
  /// UI strings of the site's language (i18n/LANG.toml), a flat JSON object.
  nlohmann::json strings;
  /// `strings` as template data, which every page's view borrows.
  View strings_view;
  /// Whether views carry everything docs/templates.md lists: when the site has templates of
  /// its own, or views are dumped. Otherwise a table's rows are only in `rows_html`, which is
  /// all the built-in templates print.
  bool full_views = true;
  /// Sorted by department slug, year and kind.
  std::vector<LoadedReport> reports;
  /// Years that have at least one report, newest first.
  std::vector<int> years;
  /// The report that contains each report's figures, found once `reports` is listed.
  Consolidation consolidation;
  std::unique_ptr<TemplateEngine> templates;
  /// The literal ids of the theme's templates, which no heading id may take (page_ids.h).
  std::set<std::string> template_ids;

  /// The UI string `key`, or the key itself when the theme lacks it.
  std::string text(const std::string& key) const { return strings.value(key, key); }
  std::string kind_label(DocumentKind kind) const;
  /// Reports of one department (in `reports` order).
  std::vector<const LoadedReport*> reports_of(const Department& department) const;
  std::vector<const LoadedReport*> reports_in(int year) const;
  /// The same department's report of the same kind for the previous year, when the site has it.
  const LoadedReport* previous_of(const LoadedReport& report) const;
  /// previous_of() for the kinds compared year over year (budgets and final accounts), else null.
  const LoadedReport* previous_in_comparison(const LoadedReport& report) const;
  /// The same department's report of `kind` for the same year, when the site has it.
  const LoadedReport* same_year(const LoadedReport& report, DocumentKind kind) const;
  /// The department's years with both a budget and final accounts, oldest first.
  std::vector<BudgetFinalPair> budget_final_pairs(const Department& department) const;
};

}  // namespace gongkai
