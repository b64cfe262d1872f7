#include "data.h"

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <map>
#include <utility>

#include "json.h"

namespace gongkai {
namespace {

using json::Member;
using json::Position;
using json::Type;
using json::Value;

constexpr std::string_view kDash = "\xE2\x80\x94";  // U+2014 EM DASH

bool is_identifier(std::string_view s) {
  if (s.empty() || s.front() < 'a' || s.front() > 'z') return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

bool is_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

bool is_valid_code(std::string_view s) {
  return is_digits(s) && (s.size() == 3 || s.size() == 5 || s.size() == 7);
}

int level_of_code(std::string_view code) { return static_cast<int>(code.size() - 1) / 2; }

std::optional<ColumnType> column_type_from_name(std::string_view name) {
  for (ColumnType t : {ColumnType::text, ColumnType::code, ColumnType::agency, ColumnType::amount,
                       ColumnType::number, ColumnType::percent, ColumnType::score}) {
    if (column_type_name(t) == name) return t;
  }
  return std::nullopt;
}

std::string join(std::initializer_list<std::string_view> items) {
  std::string out;
  for (std::string_view item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

std::string at_text(TextPosition where) {
  return "line " + std::to_string(where.line) + ", column " + std::to_string(where.column);
}

std::string at_text(const SourceLocation& where) {
  return at_text(TextPosition{where.line, where.column});
}

/// A parsed integer literal such as "2023", or nullopt for anything with a sign, point or
/// exponent.
std::optional<int> integer_literal(const Value& v) {
  if (!v.is(Type::number) || !is_digits(v.text) || v.text.size() > 9) return std::nullopt;
  int out = 0;
  std::from_chars(v.text.data(), v.text.data() + v.text.size(), out);
  return out;
}

/// The string with thousands separators and spaces removed, when that makes a plain figure.
std::optional<std::string> as_plain_figure(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != ',' && c != ' ') out += c;
  }
  if (!Decimal::parse(out)) return std::nullopt;
  return out;
}

/// Header tree node, flattened into Table::header once a table's columns are read.
struct HeaderNode {
  std::string label;
  int column = -1;
  std::vector<HeaderNode> children;
};

int header_depth(const HeaderNode& node) {
  int deepest = 0;
  for (const HeaderNode& child : node.children) deepest = std::max(deepest, header_depth(child));
  return node.children.empty() ? 1 : deepest + 1;
}

int leaf_count(const HeaderNode& node) {
  if (node.children.empty()) return 1;
  int n = 0;
  for (const HeaderNode& child : node.children) n += leaf_count(child);
  return n;
}

/// A cell of the header grid with the row and the leaf column it starts at, while the grid is
/// laid out.
struct PlacedHeaderCell {
  HeaderCell cell;
  int row = 0;
  int first_column = 0;
};

/// Places `node` at `row` and its children below it; a leaf reaches down to the last of `rows`.
/// `column` is the leaf column the node starts at, and is moved past its leaves.
void place_header(const HeaderNode& node, int row, int rows, int& column,
                  std::vector<PlacedHeaderCell>& cells) {
  HeaderCell cell;
  cell.label = node.label;
  cell.column = node.column;
  cell.column_span = leaf_count(node);
  cell.row_span = node.children.empty() ? rows - row : 1;
  cells.push_back({cell, row, column});
  if (node.children.empty()) ++column;
  for (const HeaderNode& child : node.children) place_header(child, row + 1, rows, column, cells);
}

/// For each row r of `rows` (and r = rows), how many rows above r have a cell with a label
/// starting in them: the rows kept, so the index a kept row gets.
std::vector<int> labelled_rows_above(const std::vector<PlacedHeaderCell>& cells, int rows) {
  std::vector<int> above(static_cast<std::size_t>(rows) + 1, 0);
  for (int r = 0; r < rows; ++r) {
    bool labelled = std::any_of(cells.begin(), cells.end(), [&](const PlacedHeaderCell& c) {
      return c.row == r && !c.cell.label.empty();
    });
    above[r + 1] = above[r] + (labelled ? 1 : 0);
  }
  return above;
}

/// The grid without the rows in which every cell that starts has an empty label: they would
/// print as empty bands (the only column of a part left unlabelled, the two sides of a table
/// both unlabelled). A cell reaching into such a row spans one row fewer; one starting there
/// starts in the next row kept, and is left out when it reaches none (its label is empty).
std::vector<std::vector<HeaderCell>> without_empty_rows(const std::vector<PlacedHeaderCell>& cells,
                                                        int rows) {
  std::vector<int> kept_before = labelled_rows_above(cells, rows);
  std::vector<std::vector<PlacedHeaderCell>> placed(static_cast<std::size_t>(kept_before[rows]));
  for (PlacedHeaderCell c : cells) {
    int first = kept_before[c.row], end = kept_before[c.row + c.cell.row_span];
    if (first == end) continue;
    c.cell.row_span = end - first;
    placed[first].push_back(std::move(c));
  }
  std::vector<std::vector<HeaderCell>> grid;
  for (std::vector<PlacedHeaderCell>& row : placed) {
    std::stable_sort(row.begin(), row.end(),
                     [](const auto& a, const auto& b) { return a.first_column < b.first_column; });
    grid.emplace_back();
    for (PlacedHeaderCell& c : row) grid.back().push_back(std::move(c.cell));
  }
  return grid;
}

std::vector<std::vector<HeaderCell>> header_grid(const std::vector<HeaderNode>& top) {
  int rows = 0;
  for (const HeaderNode& node : top) rows = std::max(rows, header_depth(node));
  std::vector<PlacedHeaderCell> cells;
  int column = 0;
  for (const HeaderNode& node : top) place_header(node, 0, rows, column, cells);
  return without_empty_rows(cells, rows);
}

/// What the loader knows while reading one table.
struct TableContext {
  AmountUnit unit = AmountUnit::none;
  std::string id_prefix;
  bool is_part = false;
};

/// Per-table bookkeeping for duplicate keys and ids.
struct TableIndex {
  std::map<std::string, SourceLocation> column_keys;
  std::map<std::string, std::pair<int, int>> row_ids;
  std::map<std::string, SourceLocation> row_id_places;
};

class Loader {
 public:
  Loader(std::string_view path, std::string_view text, Diagnostics& diagnostics)
      : path_(path), text_(text), diagnostics_(diagnostics) {}

  std::optional<ReportData> load() {
    std::optional<Value> root = json::parse(path_, text_, diagnostics_);
    if (!root) return std::nullopt;
    ReportData report;
    report.path = path_;
    read_report(*root, report);
    if (failed_) return std::nullopt;
    return report;
  }

 private:
  std::string path_;
  std::string_view text_;
  Diagnostics& diagnostics_;
  bool failed_ = false;
  /// Cells allocated so far, for kMaxCellsPerFile.
  std::size_t cells_ = 0;
  bool cells_reported_ = false;

  SourceLocation at(Position p) const { return {path_, p.line, p.column}; }

  void error(Position p, std::string message) {
    failed_ = true;
    diagnostics_.error(at(p), std::move(message),
                       diagnostics_.full() ? std::string() : line_text(text_, p.line));
  }

  // ---- generic readers -------------------------------------------------------------------

  bool expect_object(const Value& v, std::string_view what) {
    if (v.is(Type::object)) return true;
    error(v.position,
          std::string(what) + " must be an object, not " + std::string(json::type_name(v.type)));
    return false;
  }

  /// Reports every key of `object` not in `allowed`.
  void check_keys(const Value& object, std::string_view what,
                  std::initializer_list<std::string_view> allowed) {
    for (const Member& m : object.members) {
      bool known = false;
      for (std::string_view a : allowed) known = known || a == m.key;
      if (!known) {
        error(m.key_position, "unknown key \"" + m.key + "\" in " + std::string(what) +
                                  "; expected one of: " + join(allowed));
      }
    }
  }

  const Value* require(const Value& object, std::string_view key, std::string_view what) {
    const Value* v = object.find(key);
    if (!v)
      error(object.position, "missing key \"" + std::string(key) + "\" in " + std::string(what));
    return v;
  }

  bool expect_type(const Value& v, std::string_view key, Type type) {
    if (v.is(type)) return true;
    error(v.position, "\"" + std::string(key) + "\" must be " + std::string(json::type_name(type)) +
                          ", not " + std::string(json::type_name(v.type)));
    return false;
  }

  std::string string_member(const Value& object, std::string_view key, std::string_view what,
                            bool required) {
    const Value* v = required ? require(object, key, what) : object.find(key);
    if (!v || !expect_type(*v, key, Type::string)) return {};
    return v->text;
  }

  bool bool_member(const Value& object, std::string_view key) {
    const Value* v = object.find(key);
    return v && expect_type(*v, key, Type::boolean) && v->boolean;
  }

  std::string identifier_member(const Value& object, std::string_view key, std::string_view what,
                                bool required) {
    const Value* v = required ? require(object, key, what) : object.find(key);
    if (!v || !expect_type(*v, key, Type::string)) return {};
    if (!is_identifier(v->text)) {
      error(v->position, "invalid identifier \"" + v->text +
                             "\": use lowercase letters, digits, '-' and '_', starting with a "
                             "letter");
      return {};
    }
    return v->text;
  }

  /// The array member `key`, or nullptr (after reporting when it has another type).
  const Value* array_member(const Value& object, std::string_view key, std::string_view what,
                            bool required, bool non_empty = false) {
    const Value* v = required ? require(object, key, what) : object.find(key);
    if (!v || !expect_type(*v, key, Type::array)) return nullptr;
    if (non_empty && v->items.empty()) {
      error(v->position, "\"" + std::string(key) + "\" must not be empty");
      return nullptr;
    }
    return v;
  }

  std::vector<std::string> string_list(const Value& object, std::string_view key) {
    std::vector<std::string> out;
    const Value* list = array_member(object, key, "", false);
    if (!list) return out;
    for (const Value& item : list->items) {
      if (expect_type(item, key, Type::string)) out.push_back(item.text);
    }
    return out;
  }

  std::optional<AmountUnit> unit_member(const Value& object) {
    const Value* v = object.find("unit");
    if (!v) return std::nullopt;
    if (v->is(Type::null)) return AmountUnit::none;
    if (!expect_type(*v, "unit", Type::string)) return std::nullopt;
    if (v->text == "万元") return AmountUnit::wan_yuan;
    if (v->text == "元") return AmountUnit::yuan;
    error(v->position, "unknown unit \"" + v->text + "\"; expected \"万元\", \"元\" or null");
    return std::nullopt;
  }

  void note_duplicate(std::map<std::string, SourceLocation>& seen, const std::string& name,
                      Position p, std::string_view what) {
    if (name.empty()) return;
    auto [it, inserted] = seen.emplace(name, at(p));
    if (!inserted) {
      error(p, "duplicate " + std::string(what) + " \"" + name + "\" (first at " +
                   at_text(it->second) + ")");
    }
  }

  // ---- the report ------------------------------------------------------------------------

  void read_report(const Value& root, ReportData& report) {
    if (!expect_object(root, "the report")) return;
    check_keys(
        root, "the report",
        {"schema", "kind", "department", "year", "title", "unit", "source", "tables", "checks"});
    read_schema(root);
    read_kind(root, report);
    report.department = string_member(root, "department", "the report", true);
    read_year(root, report);
    report.title = string_member(root, "title", "the report", true);
    report.unit = unit_member(root).value_or(AmountUnit::none);
    report.source = string_member(root, "source", "the report", false);
    read_tables(root, report);
    std::map<std::string, SourceLocation> check_ids;
    if (const Value* checks = array_member(root, "checks", "the report", false)) {
      for (const Value& c : checks->items) read_check(c, "", check_ids, report.checks);
    }
  }

  void read_schema(const Value& root) {
    const Value* v = require(root, "schema", "the report");
    if (!v || !expect_type(*v, "schema", Type::number)) return;
    if (v->text != "1") {
      error(v->position, "unsupported schema " + v->text + "; this generator reads schema 1");
    }
  }

  void read_kind(const Value& root, ReportData& report) {
    const Value* v = require(root, "kind", "the report");
    if (!v || !expect_type(*v, "kind", Type::string)) return;
    report.kind_where = {v->position.line, v->position.column};
    if (auto kind = kind_from_slug(v->text)) {
      report.kind = *kind;
    } else {
      error(v->position,
            "unknown kind \"" + v->text + "\"; expected budget, final-accounts or evaluation");
    }
  }

  void read_year(const Value& root, ReportData& report) {
    const Value* v = require(root, "year", "the report");
    if (!v) return;
    std::optional<int> year = integer_literal(*v);
    if (!year || *year < 1900 || *year > 2999) {
      error(v->position, "\"year\" must be an integer year");
      return;
    }
    report.year = *year;
  }

  void read_tables(const Value& root, ReportData& report) {
    const Value* tables = array_member(root, "tables", "the report", true);
    if (!tables) return;
    std::map<std::string, SourceLocation> ids;
    TableContext context{report.unit, "", false};
    for (const Value& item : tables->items) {
      Table table = read_table(item, context);
      if (const Value* id = item.is(Type::object) ? item.find("id") : nullptr) {
        note_duplicate(ids, table.id, id->position, "table id");
      }
      report.tables.push_back(std::move(table));
    }
  }

  // ---- tables ----------------------------------------------------------------------------

  Table read_table(const Value& v, const TableContext& context) {
    Table table;
    std::string_view what = context.is_part ? "a part" : "a table";
    if (!expect_object(v, what)) return table;
    table.where = at(v.position);
    if (context.is_part) {
      check_keys(v, what,
                 {"id", "title", "subtitle", "unit", "fields", "columns", "rows", "sides", "empty",
                  "notes", "acknowledged"});
    } else {
      check_keys(v, what,
                 {"id", "number", "title", "subtitle", "unit", "group", "fields", "columns", "rows",
                  "sides", "parts", "empty", "notes", "checks", "acknowledged"});
    }
    table.id = context.id_prefix + identifier_member(v, "id", what, true);
    table.number = string_member(v, "number", what, false);
    table.title = string_member(v, "title", what, true);
    table.subtitle = string_member(v, "subtitle", what, false);
    table.group = context.is_part ? "" : identifier_member(v, "group", what, false);
    table.unit = unit_member(v).value_or(context.unit);
    table.published_empty = bool_member(v, "empty");
    read_fields(v, table);
    read_layout(v, table, context.is_part);
    table.notes = string_list(v, "notes");
    read_acknowledged(v, table);
    std::map<std::string, SourceLocation> check_ids;
    if (const Value* checks = array_member(v, "checks", what, false)) {
      for (const Value& c : checks->items) read_check(c, table.id, check_ids, table.checks);
    }
    return table;
  }

  void read_fields(const Value& v, Table& table) {
    const Value* fields = array_member(v, "fields", "a table", false);
    if (!fields) return;
    for (const Value& item : fields->items) {
      if (!expect_object(item, "a field")) continue;
      check_keys(item, "a field", {"label", "value"});
      Field field;
      field.where = at(item.position);
      field.label = string_member(item, "label", "a field", true);
      const Value* value = require(item, "value", "a field");
      if (value) read_field_value(*value, field);
      table.fields.push_back(std::move(field));
    }
  }

  void read_field_value(const Value& value, Field& field) {
    if (value.is(Type::string)) {
      field.text = value.text;
    } else if (value.is(Type::number)) {
      field.text = value.text;
      field.figure = parse_figure(value, "value");
    } else {
      error(value.position, "\"value\" must be a string or a number, not " +
                                std::string(json::type_name(value.type)));
    }
  }

  void read_layout(const Value& v, Table& table, bool is_part) {
    const Value* columns = v.find("columns");
    const Value* sides = v.find("sides");
    const Value* parts = is_part ? nullptr : v.find("parts");
    int layouts = (columns ? 1 : 0) + (sides ? 1 : 0) + (parts ? 1 : 0);
    if (layouts == 0) {
      error(v.position, "a table needs \"columns\" and \"rows\", \"sides\" or \"parts\"");
      return;
    }
    if (layouts > 1) {
      error(v.position, "a table takes only one of \"columns\", \"sides\" and \"parts\"");
      return;
    }
    if (const Value* rows = v.find("rows"); rows && !columns) {
      error(rows->position,
            "\"rows\" go with \"columns\"; a two-sided table has rows in each side");
    }
    if (parts) return read_parts(v, table);
    read_grid(v, table, columns != nullptr);
  }

  void read_parts(const Value& v, Table& form) {
    const Value* parts = array_member(v, "parts", "a table", true, true);
    if (!parts) return;
    std::map<std::string, SourceLocation> ids;
    TableContext context{form.unit, form.id + ".", true};
    for (const Value& item : parts->items) {
      Table part = read_table(item, context);
      if (const Value* id = item.is(Type::object) ? item.find("id") : nullptr) {
        note_duplicate(ids, part.id, id->position, "part id");
      }
      form.parts.push_back(std::move(part));
    }
  }

  /// Reads an ordinary grid (one unlabelled side) or the sides of a two-sided table: first every
  /// side's columns, so that a cell naming another side's column can be told apart, then rows.
  void read_grid(const Value& v, Table& table, bool single_side) {
    TableIndex index;
    std::vector<const Value*> side_values;
    std::vector<HeaderNode> header;
    if (single_side) {
      side_values.push_back(&v);
    } else if (const Value* sides = array_member(v, "sides", "a table", true, true)) {
      for (const Value& s : sides->items) {
        if (!expect_object(s, "a side")) continue;
        check_keys(s, "a side", {"label", "columns", "rows"});
        side_values.push_back(&s);
      }
    }
    for (const Value* s : side_values) {
      Side side;
      HeaderNode side_node;
      side_node.label = single_side ? "" : string_member(*s, "label", "a side", true);
      side.label = side_node.label;
      int side_index = static_cast<int>(table.sides.size());
      if (const Value* cols = array_member(*s, "columns", "a table", true, true)) {
        read_columns(*cols, table, side, side_index, {}, side_node.children, index);
      }
      table.sides.push_back(std::move(side));
      if (single_side) {
        header = std::move(side_node.children);
      } else {
        header.push_back(std::move(side_node));
      }
    }
    table.header = header_grid(header);
    resolve_column_sums(table);
    check_units(table);
    int number = 0;
    for (std::size_t i = 0; i < side_values.size() && i < table.sides.size(); ++i) {
      const Value* rows = array_member(*side_values[i], "rows", "a table", true);
      if (rows) read_rows(*rows, table, static_cast<int>(i), index, number);
    }
  }

  // ---- columns ---------------------------------------------------------------------------

  void read_columns(const Value& list, Table& table, Side& side, int side_index,
                    const std::vector<std::string>& groups, std::vector<HeaderNode>& nodes,
                    TableIndex& index) {
    for (const Value& item : list.items) {
      if (!expect_object(item, "a column")) continue;
      if (item.find("columns")) {
        read_group(item, table, side, side_index, groups, nodes, index);
      } else {
        read_leaf(item, table, side, side_index, groups, nodes, index);
      }
    }
  }

  void read_group(const Value& item, Table& table, Side& side, int side_index,
                  const std::vector<std::string>& groups, std::vector<HeaderNode>& nodes,
                  TableIndex& index) {
    check_keys(item, "a column group", {"label", "columns"});
    HeaderNode node;
    node.label = string_member(item, "label", "a column group", true);
    std::vector<std::string> inner = groups;
    inner.push_back(node.label);
    if (const Value* cols = array_member(item, "columns", "a column group", true, true)) {
      read_columns(*cols, table, side, side_index, inner, node.children, index);
    }
    nodes.push_back(std::move(node));
  }

  void read_leaf(const Value& item, Table& table, Side& side, int side_index,
                 const std::vector<std::string>& groups, std::vector<HeaderNode>& nodes,
                 TableIndex& index) {
    check_keys(
        item, "a column",
        {"key", "label", "type", "sum_of", "signed", "additive", "merge", "grouping", "serial"});
    Column column;
    column.where = {item.position.line, item.position.column};
    column.side = side_index;
    column.groups = groups;
    column.key = identifier_member(item, "key", "a column", true);
    if (const Value* key = item.find("key")) {
      note_duplicate(index.column_keys, column.key, key->position, "column key");
    }
    column.label = string_member(item, "label", "a column", true);
    read_column_type(item, column);
    read_column_flags(item, column);
    int column_index = static_cast<int>(table.columns.size());
    note_special_column(item, column, side, column_index, table);
    side.columns.push_back(column_index);
    HeaderNode node;
    node.label = column.label;
    node.column = column_index;
    nodes.push_back(std::move(node));
    table.columns.push_back(std::move(column));
  }

  void read_column_type(const Value& item, Column& column) {
    const Value* type = item.find("type");
    if (!type || !expect_type(*type, "type", Type::string)) return;
    if (auto t = column_type_from_name(type->text)) {
      column.type = *t;
    } else {
      error(type->position, "unknown column type \"" + type->text +
                                "\"; expected text, code, agency, amount, number, percent or "
                                "score");
    }
  }

  void read_column_flags(const Value& item, Column& column) {
    bool amount_like = column.type == ColumnType::amount || column.type == ColumnType::score;
    bool signed_figures = column.type == ColumnType::number || column.type == ColumnType::percent;
    column.may_be_negative = signed_figures || bool_member(item, "signed");
    const Value* additive = item.find("additive");
    column.additive = additive ? bool_member(item, "additive") : amount_like;
    column.merge = bool_member(item, "merge");
    const Value* grouping = item.find("grouping");
    column.grouping = grouping ? bool_member(item, "grouping") : column.type == ColumnType::amount;
    if (const Value* serial = item.find("serial");
        serial && expect_type(*serial, "serial", Type::string)) {
      column.serial = serial->text;
    }
  }

  /// Remembers the side's code and agency columns; "sum_of" keys are resolved later.
  void note_special_column(const Value& item, const Column& column, Side& side, int column_index,
                           Table& table) {
    if (const Value* sum_of = item.find("sum_of");
        sum_of && expect_type(*sum_of, "sum_of", Type::array)) {
      PendingSum pending{column_index, {}};
      for (const Value& key : sum_of->items) {
        if (expect_type(key, "sum_of", Type::string))
          pending.keys.emplace_back(key.text, key.position);
      }
      pending_sums_.push_back(std::move(pending));
    }
    int* slot = column.type == ColumnType::code     ? &side.code_column
                : column.type == ColumnType::agency ? &side.agency_column
                                                    : nullptr;
    if (!slot) return;
    if (*slot >= 0) {
      error(item.position, "a side may have only one " +
                               std::string(column_type_name(column.type)) +
                               " column (the other at " +
                               at_text(table.columns[static_cast<std::size_t>(*slot)].where) + ")");
      return;
    }
    *slot = column_index;
  }

  /// A column's "sum_of" keys with their places, resolved once all columns are known.
  struct PendingSum {
    int column = -1;
    std::vector<std::pair<std::string, Position>> keys;
  };
  std::vector<PendingSum> pending_sums_;

  void resolve_column_sums(Table& table) {
    for (const PendingSum& pending : pending_sums_) {
      Column& column = table.columns[static_cast<std::size_t>(pending.column)];
      for (const auto& [key, where] : pending.keys) {
        int part = table.column_index(key);
        if (int reason = sum_part_problem(table, column, part); reason != 0) {
          static const char* problems[] = {"", "is not a column of this table",
                                           "is a column of another side", "is not a figure column"};
          error(where, "\"sum_of\" names \"" + key + "\", which " + problems[reason]);
          continue;
        }
        column.sum_of.push_back(part);
      }
    }
    pending_sums_.clear();
  }

  static int sum_part_problem(const Table& table, const Column& column, int part) {
    if (part < 0) return 1;
    const Column& c = table.columns[static_cast<std::size_t>(part)];
    if (c.side != column.side) return 2;
    return c.holds_figures() ? 0 : 3;
  }

  void check_units(const Table& table) {
    if (table.unit != AmountUnit::none) return;
    for (const Column& c : table.columns) {
      if (c.type != ColumnType::amount) continue;
      error({c.where.line, c.where.column},
            "amount column \"" + c.key +
                "\" in a table without a unit; give the table or the file a \"unit\"");
    }
  }

  // ---- rows ------------------------------------------------------------------------------

  void read_rows(const Value& rows, Table& table, int side_index, TableIndex& index, int& number) {
    if (!within_size_limits(rows, table, number)) return;
    Side& side = table.sides[static_cast<std::size_t>(side_index)];
    std::vector<const Value*> sum_lists;
    side.rows.reserve(side.rows.size() + rows.items.size());
    for (const Value& item : rows.items) {
      Row row;
      row.number = ++number;
      row.cells.resize(table.columns.size());
      row.where = {item.position.line, item.position.column};
      const Value* sum_list = nullptr;
      if (expect_object(item, "a row")) read_row(item, table, side_index, row, sum_list, index);
      sum_lists.push_back(sum_list);
      side.rows.push_back(std::move(row));
    }
    link_unit_blocks(table.columns, side);
    link_codes(side);
    resolve_row_sums(table, side_index, sum_lists, index);
  }

  /// Checks kMaxRowsPerTable and kMaxCellsPerFile before any cell of `rows` is allocated.
  bool within_size_limits(const Value& rows, const Table& table, int rows_before) {
    std::size_t count = rows.items.size();
    if (static_cast<std::size_t>(rows_before) + count > kMaxRowsPerTable) {
      error(rows.position,
            "a table may have at most " + std::to_string(kMaxRowsPerTable) + " rows");
      return false;
    }
    cells_ += count * table.columns.size();
    if (cells_ <= kMaxCellsPerFile) return true;
    if (!cells_reported_) {
      error(rows.position, "a file may have at most " + std::to_string(kMaxCellsPerFile) +
                               " cells (rows times leaf columns, all tables together)");
    }
    cells_reported_ = true;
    return false;
  }

  void read_row(const Value& item, Table& table, int side_index, Row& row, const Value*& sum_list,
                TableIndex& index) {
    check_keys(item, "a row", {"id", "level", "cells", "sum_of", "total", "signed"});
    row.id = identifier_member(item, "id", "a row", false);
    if (const Value* id = item.find("id"); id && !row.id.empty()) {
      std::size_t before = index.row_id_places.size();
      note_duplicate(index.row_id_places, row.id, id->position, "row id");
      if (index.row_id_places.size() > before) {
        int position =
            static_cast<int>(table.sides[static_cast<std::size_t>(side_index)].rows.size());
        index.row_ids[row.id] = {side_index, position};
      }
    }
    row.total = bool_member(item, "total");
    row.marked_total = row.total;
    row.may_be_negative = bool_member(item, "signed");
    sum_list = read_row_sum(item, row);
    if (const Value* cells = item.find("cells");
        cells && expect_type(*cells, "cells", Type::object)) {
      for (const Member& m : cells->members) read_cell_member(m, table, side_index, row);
    }
    read_level(item, table, side_index, row);
  }

  /// Reads "sum_of"; returns the list value when the row names its parts explicitly.
  const Value* read_row_sum(const Value& item, Row& row) {
    const Value* v = item.find("sum_of");
    if (!v) return nullptr;
    if (v->is(Type::string) &&
        (v->text == "children" || v->text == "above" || v->text == "codes" || v->text == "units")) {
      row.sum = v->text == "children" ? RowSum::children
                : v->text == "above"  ? RowSum::above
                : v->text == "codes"  ? RowSum::codes
                                      : RowSum::units;
    } else if (v->is(Type::array) && !v->items.empty()) {
      row.sum = RowSum::listed;
    } else {
      error(v->position,
            "\"sum_of\" must be \"children\", \"above\", \"codes\", \"units\" or a list of "
            "row references");
      return nullptr;
    }
    if (row.sum != RowSum::children) row.total = true;
    return row.sum == RowSum::listed ? v : nullptr;
  }

  void read_level(const Value& item, const Table& table, int side_index, Row& row) {
    const Side& side = table.sides[static_cast<std::size_t>(side_index)];
    if (side.code_column >= 0)
      row.code = code_text(row.cells[static_cast<std::size_t>(side.code_column)]);
    if (side.agency_column >= 0) {
      const Cell& agency = row.cells[static_cast<std::size_t>(side.agency_column)];
      if (agency.kind == CellKind::text) row.agency = agency.text;
      // 合计 or 总计 in the agency column is the department's total, not a unit's name.
      row.unit = !row.agency.empty() && !row.marked_total && !names_grand_total(row.agency);
    }
    const Value* level = item.find("level");
    if (!row.code.empty()) {
      row.level = level_of_code(row.code);
      if (level)
        error(level->position, "a coded row takes its level from its code; remove \"level\"");
      return;
    }
    if (!level) return;
    std::optional<int> n = integer_literal(*level);
    if (!n || *n > 9) {
      error(level->position, "\"level\" must be an integer from 0 to 9");
      return;
    }
    row.level = *n;
  }

  static std::string code_text(const Cell& cell) {
    return cell.kind == CellKind::text && is_valid_code(cell.text) ? cell.text : std::string();
  }

  void read_cell_member(const Member& m, Table& table, int side_index, Row& row) {
    int c = table.column_index(m.key);
    if (c < 0) {
      error(m.key_position, "\"" + m.key + "\" is not a column of this table");
      return;
    }
    const Column& column = table.columns[static_cast<std::size_t>(c)];
    if (column.side != side_index) {
      error(m.key_position, "\"" + m.key + "\" is a column of another side of this table");
      return;
    }
    Cell& cell = row.cells[static_cast<std::size_t>(c)];
    cell.where = {m.value.position.line, m.value.position.column};
    if (m.value.is(Type::null)) return;
    if (column.holds_figures()) {
      read_figure_cell(m.value, column, row, cell);
    } else {
      read_text_cell(m.value, column, cell);
    }
  }

  void read_figure_cell(const Value& v, const Column& column, const Row& row, Cell& cell) {
    std::string type = std::string(column_type_name(column.type));
    if (v.is(Type::string) && v.text == kDash) {
      cell.kind = CellKind::dash;
      cell.text = v.text;
    } else if (v.is(Type::object)) {
      read_text_object(v, cell);
    } else if (v.is(Type::number)) {
      read_figure(v, column, row, cell);
    } else if (v.is(Type::string)) {
      std::optional<std::string> plain = as_plain_figure(v.text);
      error(v.position,
            type + " column \"" + column.key + "\" needs a JSON number, not a string" +
                (plain ? "; write " + *plain : "; use {\"text\": \"…\"} for printed text"));
    } else {
      error(v.position, type + " column \"" + column.key + "\" needs a JSON number, not " +
                            std::string(json::type_name(v.type)));
    }
  }

  void read_text_object(const Value& v, Cell& cell) {
    check_keys(v, "a text cell", {"text"});
    std::string text = string_member(v, "text", "a text cell", true);
    cell.kind = CellKind::text;
    cell.text = text;
  }

  void read_figure(const Value& v, const Column& column, const Row& row, Cell& cell) {
    std::optional<Decimal> figure = parse_figure(v, column.key);
    if (!figure) return;
    if (figure->is_negative() && !column.may_be_negative && !row.may_be_negative) {
      error(v.position, "negative figure " + v.text + " in column \"" + column.key +
                            "\"; mark the column or the row \"signed\": true if the document "
                            "prints decreases");
    }
    cell.kind = CellKind::figure;
    cell.text = v.text;
    cell.figure = *figure;
  }

  std::optional<Decimal> parse_figure(const Value& v, std::string_view column) {
    Decimal::ParseError problem = Decimal::ParseError::none;
    std::optional<Decimal> figure = Decimal::parse(v.text, &problem);
    if (!figure) {
      error(v.position, "invalid figure " + v.text + " in column \"" + std::string(column) +
                            "\": " + std::string(Decimal::describe(problem)));
    }
    return figure;
  }

  void read_text_cell(const Value& v, const Column& column, Cell& cell) {
    std::string type = std::string(column_type_name(column.type));
    if (v.is(Type::object)) {
      error(v.position, "{\"text\": …} is only for figure columns; write the string directly");
      return;
    }
    if (!v.is(Type::string)) {
      std::string hint = v.is(Type::number) ? "; write \"" + v.text + "\"" : "";
      error(v.position, type + " column \"" + column.key + "\" needs a string, not " +
                            std::string(json::type_name(v.type)) + hint);
      return;
    }
    if (column.type == ColumnType::code && !is_valid_code(v.text)) {
      error(v.position, "a code must be 3, 5 or 7 digits, not \"" + v.text + "\"");
    }
    if (column.type == ColumnType::agency && v.text.empty()) {
      error(v.position, "an agency cell must not be empty");
    }
    cell.kind = CellKind::text;
    cell.text = v.text;
  }

  // ---- structure of a side ----------------------------------------------------------------

  static std::string block_suffix(const Side& side, int block) {
    const Row* unit = unit_row_of(side, block);
    return unit ? " in unit block \"" + unit->agency + "\"" : "";
  }

  /// Checks codes are unique per block and have their parents; links parents to children and
  /// unit rows to their 3-digit codes.
  void link_codes(Side& side) {
    if (side.code_column < 0) return;
    std::size_t code_column = static_cast<std::size_t>(side.code_column);
    std::map<std::pair<int, std::string>, int> seen;
    for (std::size_t i = 0; i < side.rows.size(); ++i) {
      const Row& row = side.rows[i];
      if (row.code.empty()) continue;
      auto [it, inserted] = seen.emplace(std::make_pair(row.block, row.code), static_cast<int>(i));
      if (inserted) continue;
      const Row& first = side.rows[static_cast<std::size_t>(it->second)];
      error(position_of(row.cells[code_column]), "duplicate code " + row.code + " (first at " +
                                                     at_text(first.cells[code_column].where) + ")" +
                                                     block_suffix(side, row.block));
    }
    for (std::size_t i = 0; i < side.rows.size(); ++i) link_parent(side, seen, i, code_column);
  }

  void link_parent(Side& side, const std::map<std::pair<int, std::string>, int>& seen,
                   std::size_t i, std::size_t code_column) {
    Row& row = side.rows[i];
    if (row.code.size() <= 3) return;
    std::string parent = row.code.substr(0, row.code.size() - 2);
    auto it = seen.find({row.block, parent});
    if (it == seen.end()) {
      error(position_of(row.cells[code_column]),
            "code " + row.code + " has no parent row " + parent + block_suffix(side, row.block));
      return;
    }
    std::vector<int>& siblings = side.rows[static_cast<std::size_t>(it->second)].parts;
    if (seen.at({row.block, row.code}) == static_cast<int>(i))
      siblings.push_back(static_cast<int>(i));
  }

  static Position position_of(const Cell& cell) { return {cell.where.line, cell.where.column}; }

  void resolve_row_sums(Table& table, int side_index, const std::vector<const Value*>& sum_lists,
                        const TableIndex& index) {
    Side& side = table.sides[static_cast<std::size_t>(side_index)];
    for (std::size_t i = 0; i < side.rows.size(); ++i) {
      Row& row = side.rows[i];
      Position where{row.where.line, row.where.column};
      switch (row.sum) {
        case RowSum::none:
          break;
        case RowSum::children:
          row.parts = children_of(side, i);
          if (row.parts.empty()) {
            error(where, "\"sum_of\": \"children\" but no row one level deeper follows");
          }
          break;
        case RowSum::above:
          row.parts = rows_above(side, i);
          break;
        case RowSum::codes:
          row.parts = top_codes(side, row.block);
          if (row.parts.empty()) {
            error(where, "\"sum_of\": \"codes\" but there are no 3-digit code rows to add");
          }
          break;
        case RowSum::listed:
          row.parts = listed_rows(table, side_index, *sum_lists[i], index);
          break;
        case RowSum::units:
          row.parts = unit_rows(side);
          if (row.parts.empty())
            error(where, "\"sum_of\": \"units\" but this side has no unit rows");
          break;
      }
    }
  }

  static std::vector<int> children_of(const Side& side, std::size_t i) {
    std::vector<int> out;
    int level = side.rows[i].level;
    for (std::size_t j = i + 1; j < side.rows.size() && side.rows[j].level > level; ++j) {
      if (side.rows[j].level == level + 1) out.push_back(static_cast<int>(j));
    }
    return out;
  }

  static std::vector<int> rows_above(const Side& side, std::size_t i) {
    std::vector<int> out;
    int level = side.rows[i].level;
    for (std::size_t j = i; j-- > 0;) {
      const Row& r = side.rows[j];
      if (r.sum == RowSum::above) break;
      if (r.level == level && !r.total) out.insert(out.begin(), static_cast<int>(j));
    }
    return out;
  }

  static std::vector<int> unit_rows(const Side& side) {
    std::vector<int> out;
    for (std::size_t j = 0; j < side.rows.size(); ++j) {
      if (side.rows[j].unit) out.push_back(static_cast<int>(j));
    }
    return out;
  }

  static std::vector<int> top_codes(const Side& side, int block) {
    std::vector<int> out;
    for (std::size_t j = 0; j < side.rows.size(); ++j) {
      const Row& r = side.rows[j];
      if (r.code.size() == 3 && (block < 0 || r.block == block)) out.push_back(static_cast<int>(j));
    }
    return out;
  }

  std::vector<int> listed_rows(const Table& table, int side_index, const Value& list,
                               const TableIndex& index) {
    std::vector<int> out;
    for (const Value& item : list.items) {
      if (!expect_type(item, "sum_of", Type::string)) continue;
      int row = find_in_side(table, side_index, item.text, index);
      if (row < 0) {
        error(item.position, "\"sum_of\" names no row \"" + item.text + "\" of this side");
        continue;
      }
      out.push_back(row);
    }
    return out;
  }

  static int find_in_side(const Table& table, int side_index, const std::string& ref,
                          const TableIndex& index) {
    if (auto it = index.row_ids.find(ref); it != index.row_ids.end()) {
      return it->second.first == side_index ? it->second.second : -1;
    }
    if (ref.find('/') != std::string::npos) {
      std::optional<RowPosition> at = find_row(table, ref);
      return at && at->side == side_index ? at->row : -1;
    }
    const Side& side = table.sides[static_cast<std::size_t>(side_index)];
    int found = -1;
    for (std::size_t j = 0; j < side.rows.size(); ++j) {
      if (ref == "#" + std::to_string(side.rows[j].number)) return static_cast<int>(j);
      if (side.rows[j].code != ref) continue;
      if (found >= 0) return -1;
      found = static_cast<int>(j);
    }
    return found;
  }

  // ---- checks and acknowledgements ---------------------------------------------------------

  void read_check(const Value& v, const std::string& scope,
                  std::map<std::string, SourceLocation>& ids, std::vector<DeclaredCheck>& out) {
    if (!expect_object(v, "a check")) return;
    check_keys(v, "a check", {"id", "assert", "tolerance", "acknowledged", "difference"});
    DeclaredCheck check;
    check.scope = scope;
    check.id = identifier_member(v, "id", "a check", false);
    if (const Value* id = v.find("id")) note_duplicate(ids, check.id, id->position, "check id");
    check.assertion = string_member(v, "assert", "a check", true);
    check.where = at(v.position);
    if (const Value* a = v.find("assert")) check.where = at(a->position);
    if (const Value* t = v.find("tolerance"); t && expect_type(*t, "tolerance", Type::number)) {
      check.tolerance = parse_figure(*t, "tolerance");
      if (check.tolerance && check.tolerance->is_negative()) {
        error(t->position, "\"tolerance\" must not be negative");
      }
    }
    check.acknowledged = string_member(v, "acknowledged", "a check", false);
    check.acknowledged_difference = difference_member(v);
    if (check.acknowledged_difference && check.acknowledged.empty()) {
      error(v.find("difference")->position, "\"difference\" goes with \"acknowledged\"");
    }
    out.push_back(std::move(check));
  }

  /// "difference": a figure, as an acknowledged difference (negative when the printed figure is
  /// below what the check expects).
  std::optional<Decimal> difference_member(const Value& object) {
    const Value* d = object.find("difference");
    if (!d || !expect_type(*d, "difference", Type::number)) return std::nullopt;
    return parse_figure(*d, "difference");
  }

  void read_acknowledged(const Value& v, Table& table) {
    const Value* list = array_member(v, "acknowledged", "a table", false);
    if (!list) return;
    for (const Value& item : list->items) {
      if (!expect_object(item, "an acknowledgement")) continue;
      check_keys(item, "an acknowledgement", {"check", "note", "difference"});
      Acknowledgement ack;
      ack.where = at(item.position);
      ack.check = string_member(item, "check", "an acknowledgement", true);
      ack.note = string_member(item, "note", "an acknowledgement", true);
      ack.difference = difference_member(item);
      table.acknowledged.push_back(std::move(ack));
    }
  }
};

}  // namespace

std::string_view column_type_name(ColumnType type) {
  switch (type) {
    case ColumnType::text:
      return "text";
    case ColumnType::code:
      return "code";
    case ColumnType::agency:
      return "agency";
    case ColumnType::amount:
      return "amount";
    case ColumnType::number:
      return "number";
    case ColumnType::percent:
      return "percent";
    case ColumnType::score:
      return "score";
  }
  return "text";
}

std::string_view unit_label(AmountUnit unit) {
  switch (unit) {
    case AmountUnit::none:
      return "";
    case AmountUnit::yuan:
      return "元";
    case AmountUnit::wan_yuan:
      return "万元";
  }
  return "";
}

bool Column::holds_figures() const {
  return type == ColumnType::amount || type == ColumnType::number || type == ColumnType::percent ||
         type == ColumnType::score;
}

int Table::column_index(std::string_view key) const {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].key == key) return static_cast<int>(i);
  }
  return -1;
}

bool Table::has_amount_column() const {
  return std::any_of(columns.begin(), columns.end(),
                     [](const Column& c) { return c.type == ColumnType::amount; });
}

const Table* Table::part(std::string_view local_id) const {
  for (const Table& p : parts) {
    std::string_view id = p.id;
    if (id.size() == this->id.size() + 1 + local_id.size() &&
        id.substr(this->id.size() + 1) == local_id) {
      return &p;
    }
  }
  return nullptr;
}

std::string form_name(const Table& form) {
  for (const Field& f : form.fields) {
    if (f.label.find("项目名称") != std::string::npos && !f.text.empty()) return f.text;
  }
  return form.title;
}

const Table* ReportData::find_table(std::string_view full_id) const {
  std::size_t dot = full_id.find('.');
  std::string_view head = full_id.substr(0, dot);
  for (const Table& t : tables) {
    if (t.id != head) continue;
    return dot == std::string_view::npos ? &t : t.part(full_id.substr(dot + 1));
  }
  return nullptr;
}

std::optional<ReportData> load_report_data(std::string_view path, std::string_view text,
                                           Diagnostics& diagnostics) {
  Loader loader(path, text, diagnostics);
  return loader.load();
}

}  // namespace gongkai
