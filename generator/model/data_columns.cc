// The columns of a side of a grid: leaf columns with their types and flags, nested in column
// groups, read left to right into Table::columns and the header tree; then the "sum_of" of
// columns, resolved once every side's columns are known (docs/data-format.md, "Columns").
#include <initializer_list>
#include <utility>

#include "model/data_reader.h"

namespace gongkai::data_reader {
namespace {

/// Where the columns of one side go while they are read.
struct SideColumns {
  Table& table;
  Side& side;
  int side_index;
  GridIndex& grid;
};

std::optional<ColumnType> column_type_from_name(std::string_view name) {
  for (ColumnType t : {ColumnType::text, ColumnType::code, ColumnType::agency, ColumnType::amount,
                       ColumnType::number, ColumnType::percent, ColumnType::score}) {
    if (column_type_name(t) == name) return t;
  }
  return std::nullopt;
}

void read_column_type(Reader& reader, const Value& item, Column& column) {
  const Value* type = item.find("type");
  if (!type || !reader.expect_type(*type, "type", Type::string)) return;
  if (auto t = column_type_from_name(type->text)) {
    column.type = *t;
  } else {
    reader.error(type->position, "unknown column type \"" + type->text +
                                     "\"; expected text, code, agency, amount, number, percent or "
                                     "score");
  }
}

/// The flags of a column, with defaults that depend on its type (read first): numbers and
/// percentages may be negative, amounts and scores add up, amounts print thousands separators.
void read_column_flags(Reader& reader, const Value& item, Column& column) {
  bool amount_like = column.type == ColumnType::amount || column.type == ColumnType::score;
  bool signed_figures = column.type == ColumnType::number || column.type == ColumnType::percent;
  column.may_be_negative = signed_figures || reader.bool_member(item, "signed");
  const Value* additive = item.find("additive");
  column.additive = additive ? reader.bool_member(item, "additive") : amount_like;
  column.merge = reader.bool_member(item, "merge");
  const Value* grouping = item.find("grouping");
  column.grouping =
      grouping ? reader.bool_member(item, "grouping") : column.type == ColumnType::amount;
  if (const Value* serial = item.find("serial");
      serial && reader.expect_type(*serial, "serial", Type::string)) {
    column.serial = serial->text;
  }
}

/// Keeps the column's "sum_of" keys for resolve_column_sums: they may name columns not read yet.
void note_column_sum(Reader& reader, const Value& item, int column_index, GridIndex& grid) {
  const Value* sum_of = item.find("sum_of");
  if (!sum_of || !reader.expect_type(*sum_of, "sum_of", Type::array)) return;
  PendingColumnSum pending{column_index, {}};
  for (const Value& key : sum_of->items) {
    if (reader.expect_type(key, "sum_of", Type::string))
      pending.keys.emplace_back(key.text, key.position);
  }
  grid.pending_sums.push_back(std::move(pending));
}

/// Remembers the side's code and agency columns: a side has at most one of each.
void note_code_or_agency_column(Reader& reader, const Value& item, const Column& column,
                                int column_index, const SideColumns& to) {
  int* slot = column.type == ColumnType::code     ? &to.side.code_column
              : column.type == ColumnType::agency ? &to.side.agency_column
                                                  : nullptr;
  if (!slot) return;
  if (*slot >= 0) {
    const Column& other = to.table.columns[static_cast<std::size_t>(*slot)];
    reader.error(item.position, "a side may have only one " +
                                    std::string(column_type_name(column.type)) +
                                    " column (the other at " + at_text(other.where) + ")");
    return;
  }
  *slot = column_index;
}

/// A leaf column: appended to the table's columns and the side's, and as a leaf of the header.
void read_leaf(Reader& reader, const Value& item, const SideColumns& to,
               const std::vector<std::string>& groups, std::vector<HeaderNode>& nodes) {
  reader.check_keys(
      item, "a column",
      {"key", "label", "type", "sum_of", "signed", "additive", "merge", "grouping", "serial"});
  Column column;
  column.where = {item.position.line, item.position.column};
  column.side = to.side_index;
  column.groups = groups;
  column.key = reader.identifier_member(item, "key", "a column", true);
  if (const Value* key = item.find("key")) {
    reader.note_duplicate(to.grid.column_keys, column.key, key->position, "column key");
  }
  column.label = reader.string_member(item, "label", "a column", true);
  read_column_type(reader, item, column);
  read_column_flags(reader, item, column);
  int column_index = static_cast<int>(to.table.columns.size());
  note_column_sum(reader, item, column_index, to.grid);
  note_code_or_agency_column(reader, item, column, column_index, to);
  to.side.columns.push_back(column_index);
  nodes.push_back(HeaderNode{column.label, column_index, {}});
  to.table.columns.push_back(std::move(column));
}

void read_columns(Reader& reader, const Value& list, const SideColumns& to,
                  const std::vector<std::string>& groups, std::vector<HeaderNode>& nodes);

/// A column group: a header node over its columns, whose leaves list its label in
/// Column::groups.
void read_group(Reader& reader, const Value& item, const SideColumns& to,
                const std::vector<std::string>& groups, std::vector<HeaderNode>& nodes) {
  reader.check_keys(item, "a column group", {"label", "columns"});
  HeaderNode node;
  node.label = reader.string_member(item, "label", "a column group", true);
  std::vector<std::string> inner = groups;
  inner.push_back(node.label);
  if (const Value* cols = reader.array_member(item, "columns", "a column group", true, true)) {
    read_columns(reader, *cols, to, inner, node.children);
  }
  nodes.push_back(std::move(node));
}

/// The items of a "columns" list: an item with "columns" of its own is a group, else a leaf.
void read_columns(Reader& reader, const Value& list, const SideColumns& to,
                  const std::vector<std::string>& groups, std::vector<HeaderNode>& nodes) {
  for (const Value& item : list.items) {
    if (!reader.expect_object(item, "a column")) continue;
    if (item.find("columns")) {
      read_group(reader, item, to, groups, nodes);
    } else {
      read_leaf(reader, item, to, groups, nodes);
    }
  }
}

enum class SumPartProblem { none, not_a_column, other_side, not_figures };

/// Why column `part` (an index, -1 when no column has the key) cannot be a part of `column`'s
/// sum: every part must be a figure column of the same side.
SumPartProblem sum_part_problem(const Table& table, const Column& column, int part) {
  if (part < 0) return SumPartProblem::not_a_column;
  const Column& c = table.columns[static_cast<std::size_t>(part)];
  if (c.side != column.side) return SumPartProblem::other_side;
  return c.holds_figures() ? SumPartProblem::none : SumPartProblem::not_figures;
}

std::string_view describe(SumPartProblem problem) {
  switch (problem) {
    case SumPartProblem::none:
      break;
    case SumPartProblem::not_a_column:
      return "is not a column of this table";
    case SumPartProblem::other_side:
      return "is a column of another side";
    case SumPartProblem::not_figures:
      return "is not a figure column";
  }
  return "";
}

}  // namespace

std::vector<HeaderNode> read_side_columns(Reader& reader, const Value& list, Table& table,
                                          Side& side, int side_index, GridIndex& grid) {
  std::vector<HeaderNode> nodes;
  read_columns(reader, list, SideColumns{table, side, side_index, grid}, {}, nodes);
  return nodes;
}

void resolve_column_sums(Reader& reader, Table& table, GridIndex& grid) {
  for (const PendingColumnSum& pending : grid.pending_sums) {
    Column& column = table.columns[static_cast<std::size_t>(pending.column)];
    for (const auto& [key, where] : pending.keys) {
      int part = table.column_index(key);
      if (SumPartProblem problem = sum_part_problem(table, column, part);
          problem != SumPartProblem::none) {
        reader.error(where,
                     "\"sum_of\" names \"" + key + "\", which " + std::string(describe(problem)));
        continue;
      }
      column.sum_of.push_back(part);
    }
  }
  grid.pending_sums.clear();
}

void check_units(Reader& reader, const Table& table) {
  if (table.unit != AmountUnit::none) return;
  for (const Column& c : table.columns) {
    if (c.type != ColumnType::amount) continue;
    reader.error(position_of(c.where),
                 "amount column \"" + c.key +
                     "\" in a table without a unit; give the table or the file a \"unit\"");
  }
}

}  // namespace gongkai::data_reader
