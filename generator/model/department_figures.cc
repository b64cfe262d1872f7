#include "model/department_figures.h"

#include <algorithm>

namespace gongkai {
namespace {

const Cell& cell_of(const Row& row, int c) { return row.cells[static_cast<std::size_t>(c)]; }

int count_units(const Side& side) {
  return static_cast<int>(std::count_if(side.rows.begin(), side.rows.end(), [](const Row& r) { return r.unit; }));
}

void add_code(DepartmentCodes& out, const std::string& code, const std::string& name, const Cell& cell) {
  auto it = std::find_if(out.codes.begin(), out.codes.end(), [&](const DepartmentCode& c) { return c.code == code; });
  if (it == out.codes.end()) it = out.codes.insert(out.codes.end(), DepartmentCode{code, name, {}, {}});
  it->value = add(it->value, cell.figure).value_or(it->value);
  it->cells.push_back(&cell);
}

int first_amount(const Table& table, const Side& side) {
  for (int c : side.columns) {
    if (table.columns[static_cast<std::size_t>(c)].type == ColumnType::amount) return c;
  }
  return -1;
}

}  // namespace

std::string printed_name(const Table& table, const Side& side, const Row& row) {
  for (int c : side.columns) {
    const Column& column = table.columns[static_cast<std::size_t>(c)];
    if (column.holds_figures()) break;
    if ((column.type != ColumnType::text && column.type != ColumnType::agency) || column.merge) continue;
    if (cell_of(row, c).kind == CellKind::text && !cell_of(row, c).text.empty()) return cell_of(row, c).text;
  }
  return "";
}

DepartmentCodes department_codes(const Table& table, int column) {
  DepartmentCodes out;
  if (table.is_form() || column < 0) return out;
  for (const Side& side : table.sides) {
    if (side.code_column < 0) continue;
    bool outside = std::any_of(side.rows.begin(), side.rows.end(),
                               [](const Row& r) { return r.block < 0 && !r.code.empty(); });
    int c = column;
    if (table.columns[static_cast<std::size_t>(column)].side != static_cast<int>(&side - table.sides.data())) {
      c = first_amount(table, side);  // a two-sided table (人员经费 | 公用经费): each side's own
    }
    for (const Row& row : side.rows) {
      if (c < 0 || row.code.empty() || (outside && row.block >= 0) || !cell_of(row, c).has_figure()) continue;
      add_code(out, row.code, printed_name(table, side, row), cell_of(row, c));
    }
    int units = count_units(side);
    out.units_added = std::max(out.units_added, outside || units < 2 ? 0 : units);
  }
  return out;
}

/// The exact sum of a table's 3-digit codes, on every side (a two-sided table's halves add up).
std::optional<DepartmentTotal> sum_of_classes(const Table& table, int column) {
  DepartmentTotal total;
  total.source = DepartmentTotal::Source::codes;
  for (const DepartmentCode& code : department_codes(table, column).codes) {
    if (code.code.size() != 3) continue;
    total.value = add(total.value, code.value).value_or(total.value);
    total.cells.insert(total.cells.end(), code.cells.begin(), code.cells.end());
  }
  if (total.cells.empty()) return std::nullopt;
  return total;
}

std::optional<DepartmentTotal> department_total(const Table& table, int column) {
  if (table.is_form() || column < 0) return std::nullopt;
  if (table.sides.size() > 1) return sum_of_classes(table, column);
  const Side& side = table.sides[0];
  for (const Row& row : side.rows) {
    bool total_row = row.block < 0 && row.code.empty() && (row.sum == RowSum::units || row.sum == RowSum::codes);
    if (total_row && cell_of(row, column).has_figure()) {
      return DepartmentTotal{cell_of(row, column).figure, DepartmentTotal::Source::printed, {&cell_of(row, column)}};
    }
  }
  int units = count_units(side);
  DepartmentTotal total;
  total.source = units > 1 ? DepartmentTotal::Source::units
                 : units == 1 ? DepartmentTotal::Source::printed
                              : DepartmentTotal::Source::codes;
  for (const Row& row : side.rows) {
    bool part = units > 0 ? row.unit : (row.code.size() == 3 && row.block < 0);
    if (!part || !cell_of(row, column).has_figure()) continue;
    total.value = add(total.value, cell_of(row, column).figure).value_or(total.value);
    total.cells.push_back(&cell_of(row, column));
  }
  if (total.cells.empty()) return std::nullopt;
  if (total.cells.size() == 1) total.source = DepartmentTotal::Source::printed;
  return total;
}

}  // namespace gongkai
