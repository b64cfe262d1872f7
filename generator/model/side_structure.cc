// The structure of a side once its rows are read — unit blocks, unit rows, department total
// rows — and how rows are named: ids, codes, UNIT/CODE and #N (data.h, docs/data-format.md,
// "Codes and budget units").
#include <algorithm>
#include <string>

#include "model/data.h"

namespace gongkai {
namespace {

/// Numbers the unit blocks: a unit row starts one, the rows after it belong to it. Rows before
/// the first unit row, and rows marked "total": true without a code (the department's total,
/// printed with the department's name in the agency column or as 合计), belong to none.
void assign_blocks(const std::vector<Column>& columns, Side& side) {
  int block = -1;
  for (Row& row : side.rows) {
    if (row.unit) ++block;
    bool department_total =
        row.code.empty() && !row.unit && (row.marked_total || names_grand_total(row.agency));
    row.block = department_total ? -1 : block;
  }
  // A 合计 or 总计 printed last, below the units and without a code, is the department's.
  for (auto row = side.rows.rbegin(); row != side.rows.rend() && !row->unit && row->code.empty();
       ++row) {
    std::string key = row_key(columns, side, *row);
    if (names_grand_total(key.substr(0, key.size() - (key.empty() ? 0 : 1)))) row->block = -1;
  }
}

/// A unit row adds up the 3-digit code rows of its block.
void link_unit_rows(Side& side) {
  for (Row& unit : side.rows) {
    if (!unit.unit || !unit.code.empty() || unit.sum != RowSum::none) continue;
    for (std::size_t j = 0; j < side.rows.size(); ++j) {
      const Row& r = side.rows[j];
      if (r.block == unit.block && r.code.size() == 3) unit.parts.push_back(static_cast<int>(j));
    }
  }
}

std::vector<int> unit_rows(const Side& side) {
  std::vector<int> out;
  for (std::size_t j = 0; j < side.rows.size(); ++j) {
    if (side.rows[j].unit) out.push_back(static_cast<int>(j));
  }
  return out;
}

/// In every unit block, the one row with the key `key`; empty unless each block has exactly one.
std::vector<int> rows_keyed(const std::vector<Column>& columns, const Side& side,
                            const std::vector<int>& units, const std::string& key) {
  std::vector<int> out;
  for (int unit : units) {
    int found = -1, count = 0;
    for (std::size_t j = 0; j < side.rows.size(); ++j) {
      const Row& r = side.rows[j];
      if (r.block != side.rows[static_cast<std::size_t>(unit)].block || !r.code.empty()) continue;
      if (row_key(columns, side, r) == key && count++ == 0) found = static_cast<int>(j);
    }
    if (count != 1) return {};
    out.push_back(found);
  }
  return out;
}

/// A row outside every unit block, without a code and without parts of its own, on a side that
/// has unit rows, is a department total: consolidated (汇总) tables print it above the units,
/// and without this nothing would check it. It adds up, in each unit block, the row printed
/// with the same key ("2023 年" in a 三公 table that gives each unit several rows), or else
/// the unit rows (合计 above the units of a coded table).
void link_department_totals(const std::vector<Column>& columns, Side& side) {
  std::vector<int> units = unit_rows(side);
  if (units.empty()) return;
  for (Row& row : side.rows) {
    if (row.block != -1 || row.unit || !row.code.empty() || row.sum != RowSum::none) continue;
    std::string key = row_key(columns, side, row);
    std::vector<int> keyed =
        key.empty() ? std::vector<int>() : rows_keyed(columns, side, units, key);
    row.sum = RowSum::units;
    row.total = true;
    row.parts = keyed.empty() ? units : keyed;
  }
}

/// "UNIT/CODE" split at its slash; both parts empty when `ref` has none.
std::pair<std::string_view, std::string_view> split_qualified(std::string_view ref) {
  std::size_t slash = ref.find('/');
  if (slash == std::string_view::npos) return {};
  return {ref.substr(0, slash), ref.substr(slash + 1)};
}

std::optional<RowPosition> find_qualified(const Table& table, std::string_view unit,
                                          std::string_view code) {
  for (std::size_t s = 0; s < table.sides.size(); ++s) {
    const std::vector<Row>& rows = table.sides[s].rows;
    auto head = std::find_if(rows.begin(), rows.end(),
                             [&](const Row& r) { return r.unit && r.id == unit; });
    if (head == rows.end()) continue;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (rows[r].block == head->block && rows[r].code == code) {
        return RowPosition{static_cast<int>(s), static_cast<int>(r)};
      }
    }
    return std::nullopt;
  }
  return std::nullopt;
}

int count_code(const Table& table, std::string_view code) {
  int n = 0;
  for (const Side& side : table.sides) {
    n += static_cast<int>(std::count_if(side.rows.begin(), side.rows.end(),
                                        [&](const Row& r) { return r.code == code; }));
  }
  return n;
}

/// The id of the first unit row that has one, for examples in messages; "" when none has.
std::string some_unit_id(const Table& table) {
  for (const Side& side : table.sides) {
    for (const Row& row : side.rows) {
      if (row.unit && !row.id.empty()) return row.id;
    }
  }
  return "";
}

}  // namespace

void link_unit_blocks(const std::vector<Column>& columns, Side& side) {
  if (side.agency_column < 0) return;
  assign_blocks(columns, side);
  link_unit_rows(side);
  link_department_totals(columns, side);
}

bool names_grand_total(const std::string& text) {
  std::string squeezed;
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n') squeezed += c;
  }
  return squeezed == "合计" || squeezed == "总计";
}

bool names_units(const Column& column) {
  return column.type == ColumnType::text && column.merge &&
         column.label.find("单位") != std::string::npos;
}

std::string row_key(const std::vector<Column>& columns, const Side& side, const Row& row) {
  std::string key;
  for (int c : side.columns) {
    const Column& column = columns[static_cast<std::size_t>(c)];
    if (column.holds_figures()) break;
    if (column.type != ColumnType::text || names_units(column)) continue;
    const Cell& cell = row.cells[static_cast<std::size_t>(c)];
    if (cell.kind != CellKind::text || cell.text.empty()) continue;
    for (char ch : cell.text) {
      if (ch != ' ' && ch != '\t' && ch != '\n') key += ch;
    }
    key += '|';
  }
  return key;
}

RowRole row_role(const std::string& key) {
  auto has = [&](std::string_view word) { return key.find(word) != std::string::npos; };
  if (has("率") || has("%") || has("％")) return RowRole::rate;
  if (has("增减") || has("增加额") || has("减少额") || has("变化金额") || has("变动"))
    return RowRole::change;
  return RowRole::amount;
}

int year_named(const std::string& key) {
  std::string digits, rest;
  for (char c : key) (c >= '0' && c <= '9' ? digits : rest) += c;
  bool year = digits.size() == 4 && (digits[0] == '1' || digits[0] == '2') &&
              (rest.empty() || rest == "|" || rest == "年|" || rest == "年度|" || rest == "年" ||
               rest == "年度");
  return year ? std::stoi(digits) : 0;
}

const Row* unit_row_of(const Side& side, int block) {
  if (block < 0) return nullptr;
  for (const Row& row : side.rows) {
    if (row.unit && row.block == block) return &row;
  }
  return nullptr;
}

const Side* side_of(const Table& table, const Row& row) {
  for (const Side& side : table.sides) {
    if (!side.rows.empty() && &row >= side.rows.data() &&
        &row < side.rows.data() + side.rows.size()) {
      return &side;
    }
  }
  return nullptr;
}

std::optional<RowPosition> find_row(const Table& table, std::string_view ref) {
  if (auto [unit, code] = split_qualified(ref); !unit.empty())
    return find_qualified(table, unit, code);
  std::optional<RowPosition> by_code;
  int code_matches = 0;
  for (std::size_t s = 0; s < table.sides.size(); ++s) {
    const std::vector<Row>& rows = table.sides[s].rows;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      RowPosition here{static_cast<int>(s), static_cast<int>(r)};
      if (!rows[r].id.empty() && rows[r].id == ref) return here;
      if (!ref.empty() && ref[0] == '#' && ref.substr(1) == std::to_string(rows[r].number)) {
        return here;
      }
      if (!rows[r].code.empty() && rows[r].code == ref && code_matches++ == 0) by_code = here;
    }
  }
  if (code_matches == 1) return by_code;
  return std::nullopt;
}

std::string row_reference(const Table& table, const Row& row) {
  if (!row.id.empty()) return row.id;
  if (!row.code.empty() && count_code(table, row.code) == 1) return row.code;
  if (!row.code.empty()) {
    const Side* side = side_of(table, row);
    const Row* unit = side ? unit_row_of(*side, row.block) : nullptr;
    if (unit && !unit->id.empty()) return unit->id + "/" + row.code;
  }
  return "#" + std::to_string(row.number);
}

std::string row_reference_hint(const Table& table, std::string_view ref) {
  if (find_row(table, ref)) return "";
  if (auto [unit, code] = split_qualified(ref); !unit.empty()) {
    bool known = false;
    const auto& unit_id = unit;  // clang 14 cannot capture a structured binding in a lambda
    for (const Side& side : table.sides) {
      known = known || std::any_of(side.rows.begin(), side.rows.end(),
                                   [&](const Row& r) { return r.unit && r.id == unit_id; });
    }
    if (!known) return "no unit row has the id \"" + std::string(unit) + "\"";
    return "unit \"" + std::string(unit) + "\" has no row " + std::string(code);
  }
  int n = count_code(table, ref);
  if (n < 2) return "";
  std::string example = some_unit_id(table);
  std::string code(ref);
  if (example.empty()) {
    return "code " + code + " occurs " + std::to_string(n) +
           " times; give the unit rows ids and name it UNIT/" + code;
  }
  return "code " + code + " occurs " + std::to_string(n) + " times; name it UNIT/" + code +
         " with the id of its unit row, e.g. \"" + example + "/" + code + "\"";
}

}  // namespace gongkai
