// The charts drawn from a report's tables (docs/charts.md): which chart a table gets, the
// report's overview charts, and the ```chart blocks of its narrative. Pure: from the report's
// figures to ChartSpecs (chart.h draws them). Every figure a chart states is printed, or an
// exact sum of printed figures of one kind, and its note says how it was derived: a table of
// several budget units is drawn for the department, never as its first unit.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "chart/chart.h"
#include "model/data.h"
#include "render/markdown.h"

namespace gongkai {

struct SiteModel;

/// " 万元", " 元" or "": the unit as written after a figure.
std::string unit_suffix(AmountUnit unit);
/// A figure as a chart item: its value for drawing, its text exactly as published plus `unit`.
ChartDatum chart_datum(const std::string& label, const Decimal& value, const std::string& unit);
/// A figure's value for drawing (lengths and angles only; texts keep the decimal).
double chart_value(const Decimal& value);

/// The chart beside a table on its report page: a bar per class of the department (coded
/// tables), the years of a 三公 table, or score bars; nullopt for other tables.
std::optional<ChartSpec> table_chart(const SiteModel& model, const ReportData& report, const Table& table);

/// The department's function classes and their 款 (the first coded table with function
/// codes that has 款).
std::optional<ChartSpec> function_treemap(const SiteModel& model, const ReportData& report);
/// 基本支出 and 项目支出 of the department.
std::optional<ChartSpec> basic_project_donut(const SiteModel& model, const ReportData& report);
/// Each project form's 全年预算数 against its 全年执行数.
std::optional<ChartSpec> projects_budget_actual(const SiteModel& model, const ReportData& report);
/// The id of a chart drawn from table `table_id`: "chart-" and the table's anchor
/// ("chart-table-02"). The "table-" in it keeps every table's chart apart from a narrative chart
/// block's ("chart-md-LINE") and from the report's own charts ("chart-projects",
/// "chart-basic-project", "chart-function-treemap"), whatever the table's id: a table with the
/// id "md-12" once gave its chart the id of the chart block on line 12, twice on one page.
std::string table_chart_id(const std::string& table_id);
/// Score bars of a table with a 分值 and a 得分 column.
std::optional<ChartSpec> score_chart(const Table& table, const std::string& id, const std::string& title);

/// The most ```chart blocks one report's narrative may hold (docs/guide.md §5). Each block is an
/// inline SVG of the report page: without a bound, a thousand blocks over a large table made a
/// page of gigabytes. The block past the limit is an error at its line; no later one is drawn.
constexpr int kMaxChartBlocks = 100;
/// The most items (bars, slices or tiles, over all series) one ```chart block may draw: a
/// chart of more is unreadable, and an error at the block's line that says how to draw fewer.
constexpr std::size_t kMaxChartItems = 200;

/// Replaces ```chart blocks in a report's narrative with charts of its tables; `strings` are
/// the site's UI strings (SiteModel::strings), which must outlive the handler. Enforces
/// kMaxChartBlocks over the blocks it is called for and kMaxChartItems for each; `check` runs
/// it as `build` does, so both report the same errors.
ChartBlockHandler markdown_chart_handler(const nlohmann::json& strings, const ReportData& report,
                                         Diagnostics& diagnostics);

/// A cell of a form's part by part id, row reference and column key, or nullptr.
const Cell* form_cell(const Table& form, std::string_view part, std::string_view row, std::string_view key);

}  // namespace gongkai
