// The rows of a side of a grid: each row's id, flags and "sum_of", its cells (data_cells.cc),
// then what its cells make of it — its code and level, its budget unit — and, once the side's
// rows are all read, the structure that links them (unit blocks, codes, sums).
#include <string>
#include <utility>

#include "model/data_reader.h"

namespace gongkai::data_reader {
namespace {

/// The level a code gives its row: 1 for 3 digits, 2 for 5, 3 for 7.
int level_of_code(std::string_view code) { return static_cast<int>(code.size() - 1) / 2; }

/// The code a code cell holds, "" when the cell holds none or an invalid one (reported there).
std::string code_text(const Cell& cell) {
  return cell.kind == CellKind::text && is_valid_code(cell.text) ? cell.text : std::string();
}

/// Checks kMaxRowsPerTable and kMaxCellsPerFile before any cell of `rows` is allocated: a small
/// hostile file must not make the loader allocate gigabytes.
bool within_size_limits(Reader& reader, const Value& rows, const Table& table, int rows_before) {
  std::size_t count = rows.items.size();
  if (static_cast<std::size_t>(rows_before) + count > kMaxRowsPerTable) {
    reader.error(rows.position,
                 "a table may have at most " + std::to_string(kMaxRowsPerTable) + " rows");
    return false;
  }
  return reader.count_cells(count * table.columns.size(), rows.position);
}

/// "id": unique in the grid (both sides); the first row with an id is the one "sum_of" names.
/// `position` is the row's index in side `side_index`.
void read_row_id(Reader& reader, const Value& item, int side_index, int position, Row& row,
                 GridIndex& grid) {
  row.id = reader.identifier_member(item, "id", "a row", false);
  const Value* id = item.find("id");
  if (!id || row.id.empty()) return;
  std::size_t before = grid.row_id_places.size();
  reader.note_duplicate(grid.row_id_places, row.id, id->position, "row id");
  if (grid.row_id_places.size() > before) grid.row_ids[row.id] = {side_index, position};
}

RowSum row_sum_named(const std::string& name) {
  return name == "children" ? RowSum::children
         : name == "above"  ? RowSum::above
         : name == "codes"  ? RowSum::codes
                            : RowSum::units;
}

/// Reads "sum_of"; returns the list value when the row names its parts explicitly, to be
/// resolved once the side's rows are read. A row that sums anything but its children is a
/// summary row.
const Value* read_row_sum(Reader& reader, const Value& item, Row& row) {
  const Value* v = item.find("sum_of");
  if (!v) return nullptr;
  if (v->is(Type::string) &&
      (v->text == "children" || v->text == "above" || v->text == "codes" || v->text == "units")) {
    row.sum = row_sum_named(v->text);
  } else if (v->is(Type::array) && !v->items.empty()) {
    row.sum = RowSum::listed;
  } else {
    reader.error(v->position,
                 "\"sum_of\" must be \"children\", \"above\", \"codes\", \"units\" or a list of "
                 "row references");
    return nullptr;
  }
  if (row.sum != RowSum::children) row.total = true;
  return row.sum == RowSum::listed ? v : nullptr;
}

/// The row's code and budget unit, from its code and agency cells.
void read_code_and_agency(const Side& side, Row& row) {
  if (side.code_column >= 0)
    row.code = code_text(row.cells[static_cast<std::size_t>(side.code_column)]);
  if (side.agency_column >= 0) {
    const Cell& agency = row.cells[static_cast<std::size_t>(side.agency_column)];
    if (agency.kind == CellKind::text) row.agency = agency.text;
    // 合计 or 总计 in the agency column is the department's total, not a unit's name.
    row.unit = !row.agency.empty() && !row.marked_total && !names_grand_total(row.agency);
  }
}

/// "level": 0 to 9, for rows without a code; a coded row takes its level from its code.
void read_level(Reader& reader, const Value& item, Row& row) {
  const Value* level = item.find("level");
  if (!row.code.empty()) {
    row.level = level_of_code(row.code);
    if (level)
      reader.error(level->position, "a coded row takes its level from its code; remove \"level\"");
    return;
  }
  if (!level) return;
  std::optional<int> n = integer_literal(*level);
  if (!n || *n > 9) {
    reader.error(level->position, "\"level\" must be an integer from 0 to 9");
    return;
  }
  row.level = *n;
}

/// One row object; returns its "sum_of" list as read_row_sum does.
const Value* read_row(Reader& reader, const Value& item, Table& table, int side_index, Row& row,
                      GridIndex& grid) {
  const Side& side = table.sides[static_cast<std::size_t>(side_index)];
  reader.check_keys(item, "a row", {"id", "level", "cells", "sum_of", "total", "signed"});
  read_row_id(reader, item, side_index, static_cast<int>(side.rows.size()), row, grid);
  row.total = reader.bool_member(item, "total");
  row.marked_total = row.total;
  row.may_be_negative = reader.bool_member(item, "signed");
  const Value* sum_list = read_row_sum(reader, item, row);
  if (const Value* cells = item.find("cells");
      cells && reader.expect_type(*cells, "cells", Type::object)) {
    read_cells(reader, *cells, table, side_index, row);
  }
  read_code_and_agency(side, row);
  read_level(reader, item, row);
  return sum_list;
}

}  // namespace

void read_rows(Reader& reader, const Value& rows, Table& table, int side_index, GridIndex& grid,
               int& number) {
  if (!within_size_limits(reader, rows, table, number)) return;
  Side& side = table.sides[static_cast<std::size_t>(side_index)];
  std::vector<const Value*> sum_lists;
  side.rows.reserve(side.rows.size() + rows.items.size());
  for (const Value& item : rows.items) {
    Row row;
    row.number = ++number;
    row.cells.resize(table.columns.size());
    row.where = {item.position.line, item.position.column};
    const Value* sum_list = nullptr;
    if (reader.expect_object(item, "a row")) {
      sum_list = read_row(reader, item, table, side_index, row, grid);
    }
    sum_lists.push_back(sum_list);
    side.rows.push_back(std::move(row));
  }
  link_unit_blocks(table.columns, side);
  link_codes(reader, side);
  resolve_row_sums(reader, table, side_index, sum_lists, grid);
}

}  // namespace gongkai::data_reader
