#include "model/three_public_lines.h"

#include <algorithm>
#include <numeric>

#include "model/unit_groups.h"

namespace gongkai {
namespace {

/// A 三公 item: its key in the skeletons and the labels it is printed under (normalized_label).
struct Item {
  const char* key;
  std::initializer_list<std::string_view> labels;
};

const Item kItems[] = {
    {"total", {"合计", "总计"}},
    {"abroad", {"因公出国(境)费", "因公出国(境)费用"}},
    {"vehicles", {"公务用车购置及运行维护费", "公务用车购置及运行费"}},
    {"purchase", {"公务用车购置费", "购置费"}},
    {"upkeep", {"公务用车运行维护费", "运行维护费", "公务用车运行费"}},
    {"reception", {"公务接待费"}},
};

/// How one kind of figure is read from a 三公 table.
struct Reading {
  /// Of the skeleton's column keys: "", "b_" (预算数) or "a_" (决算数).
  std::string prefix;
  /// A word of the group the columns are printed under: 预算 or 决算; "" for any.
  std::string measure;
  /// The year of the rows read: the rows whose 年度 names it.
  int year = 0;
  /// The skeleton's id of the row (current, prior); "" when the table prints no year rows.
  std::string row_id;
};

std::optional<Reading> reading_of(const ReportData& document, Printed which) {
  bool budget = document.kind == DocumentKind::budget;
  switch (which) {
    case Printed::own:
      return budget ? Reading{"", "", document.year, "current"}
                    : Reading{"a_", "决算", document.year, ""};
    case Printed::budget:
      if (budget) return std::nullopt;
      return Reading{"b_", "预算", document.year, ""};
    case Printed::last_year:
      if (!budget) return std::nullopt;
      return Reading{"", "", document.year - 1, "prior"};
  }
  return std::nullopt;
}

/// A group of 表九's header that says which figures are under it (预算数, 决算数).
bool names_measure(const std::string& group) {
  return group.find("预算") != std::string::npos || group.find("决算") != std::string::npos;
}

/// The printed name of a column's item: its label, or for a 小计 (or 合计) under an item's group,
/// the group's (公务用车购置及运行维护费 over 小计).
const std::string& item_name(const Column& column) {
  std::string label = normalized_label(column.label);
  bool subtotal = (label == "小计" || label == "合计") && !column.groups.empty() &&
                  !names_measure(normalized_label(column.groups.back()));
  return subtotal ? column.groups.back() : column.label;
}

/// item_name as the items' labels are written: normalized, without a leading 其中:.
std::string item_label(const Column& column) {
  std::string label = normalized_label(item_name(column));
  if (label.starts_with("其中:")) label.erase(0, std::string_view("其中:").size());
  return label;
}

bool under_measure(const Column& column, const std::string& measure) {
  if (measure.empty()) return true;
  return std::any_of(column.groups.begin(), column.groups.end(), [&](const std::string& group) {
    return group.find(measure) != std::string::npos;
  });
}

/// The amount column of `item` in `reading`: by key, else by label under the measure's group; -1.
int item_column(const Table& table, const Item& item, const Reading& reading) {
  int keyed = table.column_index(reading.prefix + item.key);
  if (keyed >= 0 && table.columns[static_cast<std::size_t>(keyed)].type == ColumnType::amount)
    return keyed;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const Column& column = table.columns[c];
    if (column.type != ColumnType::amount || !under_measure(column, reading.measure)) continue;
    std::string label = item_label(column);
    if (std::find(item.labels.begin(), item.labels.end(), label) != item.labels.end())
      return static_cast<int>(c);
  }
  return -1;
}

/// The rows that stand for the department: its group where the rows are printed per budget unit
/// (unit_groups.h), else every row (one unit, or units whose rows are then added up).
std::vector<int> department_rows(const ReportData& document, const Table& table, const Side& side) {
  std::vector<UnitGroup> groups = unit_groups(table, side, document.department);
  if (const UnitGroup* department = department_group(groups)) return department->rows;
  std::vector<int> rows(side.rows.size());
  std::iota(rows.begin(), rows.end(), 0);
  return rows;
}

/// The rows the reading reads: the row with its id, else the amount rows of its year — and, in a
/// table without year rows (表九), every amount row.
std::vector<const Row*> reading_rows(const ReportData& document, const Table& table,
                                     const Reading& reading) {
  const Side& side = table.sides.front();
  std::vector<int> rows = department_rows(document, table, side);
  for (int r : rows) {
    const Row& row = side.rows[static_cast<std::size_t>(r)];
    if (!reading.row_id.empty() && row.id == reading.row_id) return {&row};
  }
  std::vector<const Row*> out;
  for (int r : rows) {
    const Row& row = side.rows[static_cast<std::size_t>(r)];
    std::string key = row_key(table.columns, side, row);
    int year = year_named(key);
    bool yearless = reading.row_id.empty() && year == 0;
    if (row_role(key) == RowRole::amount && (year == reading.year || yearless)) out.push_back(&row);
  }
  return out;
}

/// The item's figure: the exact sum of its cells in `rows` (one row, or one per unit).
std::optional<DocumentLine> item_line(const Table& table, const Item& item, int column,
                                      const std::vector<const Row*>& rows, AmountUnit unit) {
  Decimal sum;
  std::vector<const Cell*> cells;
  for (const Row* row : rows) {
    const Cell& cell = row->cells[static_cast<std::size_t>(column)];
    if (!cell.has_figure()) continue;
    sum = add(sum, cell.figure).value_or(sum);
    cells.push_back(&cell);
  }
  if (cells.empty()) return std::nullopt;
  std::optional<ComparedFigure> figure = compared(sum, std::move(cells), table.unit, unit);
  if (!figure) return std::nullopt;
  return DocumentLine{item.key, "", item_name(table.columns[static_cast<std::size_t>(column)]),
                      std::move(*figure)};
}

}  // namespace

std::vector<DocumentLine> three_public_lines(const ReportData& document, const Table& table,
                                             Printed which, AmountUnit unit) {
  std::optional<Reading> reading = reading_of(document, which);
  if (!reading || table.is_form()) return {};
  std::vector<const Row*> rows = reading_rows(document, table, *reading);
  std::vector<DocumentLine> lines;
  for (const Item& item : kItems) {
    int column = item_column(table, item, *reading);
    if (column < 0) continue;
    if (auto line = item_line(table, item, column, rows, unit)) lines.push_back(std::move(*line));
  }
  return lines;
}

}  // namespace gongkai
