// A table of a report as its page prints it (docs/templates.md, "Table"), and the figure a
// report is summed up by in lists and comparisons.
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

/// A body cell of a grid, as the views and the built-in grid print it.
struct GridCell {
  std::string text;
  std::string css_class;
  /// The anchor of the row this cell starts (row_anchors.h), on the first printed cell of each
  /// side's row; "" on the others.
  std::string id;
  bool header = false;
  bool numeric = false;
  /// Printed when above 1.
  int rowspan = 0;
  /// The change against the previous year's figure; none when change_text is empty.
  std::string change_text;
  /// "up", "down" or "same".
  std::string_view change_class;
  std::string change_title;
};

/// A body row of a grid: its cells side by side.
struct GridRow {
  int level = 1;
  bool total = false;
  std::vector<GridCell> cells;
  std::string css_class() const { return "level-" + std::to_string(level) + (total ? " total" : ""); }
};

/// Sets a grid view's rows_html, and its rows when the site's own templates may read them
/// (SiteModel::full_views): for tables and for the data tables of charts.
void add_rows(View& view, const SiteModel& model, const std::vector<GridRow>& rows);

/// A part of a form, captioned with the form's name so that every table of a page has a
/// caption (and a scrolling region name) of its own: "<form> — <part>", or the form's name
/// alone for an untitled part.
View form_part_view(const SiteModel& model, const Table& part, const ReportData* previous,
                    const std::string& form_name);
/// A form's fields: [{label, value}].
View fields_view(const Table& table);
/// The notes that acknowledge a table's failed checks: [{text}].
View acknowledged_view(const Table& table);

/// "table-p01-funds": the anchor of a table (or form) on its report page.
std::string table_anchor(const std::string& table_id);
/// The text table_view prints in a row's header cell (its name), "" when the row has none.
std::string row_header_text(const Table& table, const Side& side, const Row& row);

}  // namespace gongkai
