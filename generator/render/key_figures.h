// The few figures of a budget or final accounts that pages about several reports show — the
// department page's series over the years and the year page's spending by function class: the
// totals (支出总计, 基本支出, 项目支出), the 三公 total and each function class (类, 3-digit
// code). Each is a printed figure, or the exact sum of the units' printed figures, with the rows
// it comes from. A build keeps them when it releases a report's figures, and the reuse record
// keeps them for a later build (docs/compare.md, "Across reports").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/decimal.h"
#include "model/amount_unit.h"
#include "model/data.h"
#include "render/view_data.h"

namespace gongkai {

class Linker;

struct KeyFigure {
  /// "total", "basic", "project", "three-public", a function class's code ("201"), or
  /// "revenue": the total of the revenue table a report's Fiscal Data Package reads
  /// (fiscal_revenue.h), which marks that the package has a revenue file.
  std::string key;
  /// As printed: beside the code, or the line's label.
  std::string name;
  /// In `unit`, exactly as printed (or the exact sum of the units' printed figures).
  Decimal value;
  AmountUnit unit = AmountUnit::none;
  /// The anchors of the rows on the report page that print the figure (row_anchors.h), one per
  /// budget unit when it is a sum of units: "table-function-201".
  std::vector<std::string> anchors;

  bool operator==(const KeyFigure&) const = default;
};

/// The key figures of a budget or final accounts, in that order: totals, 三公, classes in code
/// order, revenue; empty for an evaluation or a document that prints none of them. Taken from the tables
/// the comparisons read (compared_lines.h, line_table), in each table's own unit.
std::vector<KeyFigure> key_figures(const ReportData& data);

/// Whether the figure is a function class (类): its key a 3-digit code.
bool is_function_class(const KeyFigure& figure);

/// The key figure with `key`, or null.
const KeyFigure* find_key_figure(const std::vector<KeyFigure>& figures, std::string_view key);

/// A figure of `report_page` ("dept/2023/budget/index.html") as a page shows it, `text` being its
/// value in the page's unit: {text, url, title, sources: [{n, url, title}]} — `url` the first row
/// that prints it, `sources` each row when it adds up several (a comparison figure's shape).
View key_figure_view(const KeyFigure& figure, const std::string& report_page, std::string text,
                     std::string title, const Linker& linker);

/// A line per figure, for the reuse record; key_figures_from_text() reads it back exactly.
std::string key_figures_text(const std::vector<KeyFigure>& figures);
/// nullopt when `text` is not what key_figures_text() writes.
std::optional<std::vector<KeyFigure>> key_figures_from_text(std::string_view text);

}  // namespace gongkai
