// The parts of view models that come from a report's figures: tables ready to print, charts
// chosen for them, CSV downloads, and the headline totals lists and comparisons show.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "chart/chart.h"
#include "model/data.h"
#include "render/markdown.h"
#include "render/view_data.h"

namespace gongkai {

struct SiteModel;
struct LoadedReport;

/// The figure a report is summed up by in lists: the last row of its first table (支出总计,
/// 收入支出总计, 金额合计), in that table's unit.
struct HeadlineTotal {
  std::string label;
  /// "6,296 万元"
  std::string text;
  Decimal value;
  AmountUnit unit = AmountUnit::none;
};
std::optional<HeadlineTotal> headline_total(const ReportData& data);

/// The view of one table (docs/templates.md, "Table"); `previous` is the same department's
/// report of the same kind for the previous year, for the changes column, or null.
View table_view(const SiteModel& model, const Table& table, const ReportData* previous);

/// "table-p01-funds": the anchor of a table (or form) on its report page.
std::string table_anchor(const std::string& table_id);
/// The text table_view prints in a row's header cell (its name), "" when the row has none.
std::string row_header_text(const Table& table, const Side& side, const Row& row);

/// Adds tables, table_toc, charts, projects, findings and downloads to a report's view.
void add_report_data_view(const SiteModel& model, const LoadedReport& report, View& view);

/// The chart view ({id, title, svg, table, empty_text}) of a spec.
View chart_view(const SiteModel& model, const ChartSpec& spec);

/// Every department's headline total of `year`, as bars.
View year_comparison_chart(const SiteModel& model, int year, const std::string& id);
/// Totals of one year by document kind: [{kind_label, count, total_text}].
View year_totals(const SiteModel& model, int year);
/// A line chart per document kind of a department's headline totals across the years.
View department_trend_charts(const SiteModel& model, const Department& department);

}  // namespace gongkai
