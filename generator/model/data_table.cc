// A table of a report data file, or a part of a form: its metadata, the fields printed above
// it, and its layout — a grid of columns and rows, the sides of a two-sided table, or the parts
// of a form, which are tables themselves (docs/data-format.md).
#include <map>
#include <utility>

#include "model/data_reader.h"

namespace gongkai::data_reader {
namespace {

/// A field's "value": a string, or a number kept as written and as a figure.
void read_field_value(Reader& reader, const Value& value, Field& field) {
  if (value.is(Type::string)) {
    field.text = value.text;
  } else if (value.is(Type::number)) {
    field.text = value.text;
    field.figure = reader.parse_figure(value, "value");
  } else {
    reader.error(value.position, "\"value\" must be a string or a number, not " +
                                     std::string(json::type_name(value.type)));
  }
}

/// "fields": the label–value pairs printed above the table or form.
void read_fields(Reader& reader, const Value& v, Table& table) {
  const Value* fields = reader.array_member(v, "fields", "a table", false);
  if (!fields) return;
  for (const Value& item : fields->items) {
    if (!reader.expect_object(item, "a field")) continue;
    reader.check_keys(item, "a field", {"label", "value"});
    Field field;
    field.where = reader.at(item.position);
    field.label = reader.string_member(item, "label", "a field", true);
    const Value* value = reader.require(item, "value", "a field");
    if (value) read_field_value(reader, *value, field);
    table.fields.push_back(std::move(field));
  }
}

/// "parts": the grids of a form, read as tables with ids "FORM.PART" and the form's unit.
void read_parts(Reader& reader, const Value& v, Table& form) {
  const Value* parts = reader.array_member(v, "parts", "a table", true, true);
  if (!parts) return;
  std::map<std::string, SourceLocation> ids;
  TableContext context{form.unit, form.id + ".", true};
  for (const Value& item : parts->items) {
    Table part = read_table(reader, item, context);
    if (const Value* id = item.is(Type::object) ? item.find("id") : nullptr) {
      reader.note_duplicate(ids, part.id, id->position, "part id");
    }
    form.parts.push_back(std::move(part));
  }
}

/// The objects a grid's sides are read from: the table itself for an ordinary grid, else each
/// object of its "sides".
std::vector<const Value*> side_objects(Reader& reader, const Value& v, bool single_side) {
  std::vector<const Value*> out;
  if (single_side) {
    out.push_back(&v);
  } else if (const Value* sides = reader.array_member(v, "sides", "a table", true, true)) {
    for (const Value& s : sides->items) {
      if (!reader.expect_object(s, "a side")) continue;
      reader.check_keys(s, "a side", {"label", "columns", "rows"});
      out.push_back(&s);
    }
  }
  return out;
}

/// Reads the label and columns of each side into `table` and returns the top of the header
/// tree: a node per side of a two-sided table, the columns of an ordinary grid's only side.
std::vector<HeaderNode> read_sides_columns(Reader& reader, const std::vector<const Value*>& sides,
                                           Table& table, bool single_side, GridIndex& grid) {
  std::vector<HeaderNode> header;
  for (const Value* s : sides) {
    Side side;
    HeaderNode side_node;
    side_node.label = single_side ? "" : reader.string_member(*s, "label", "a side", true);
    side.label = side_node.label;
    int side_index = static_cast<int>(table.sides.size());
    if (const Value* cols = reader.array_member(*s, "columns", "a table", true, true)) {
      side_node.children = read_side_columns(reader, *cols, table, side, side_index, grid);
    }
    table.sides.push_back(std::move(side));
    if (single_side) {
      header = std::move(side_node.children);
    } else {
      header.push_back(std::move(side_node));
    }
  }
  return header;
}

/// Reads an ordinary grid (one unlabelled side) or the sides of a two-sided table: first every
/// side's columns, so that a cell naming another side's column can be told apart, then rows.
void read_grid(Reader& reader, const Value& v, Table& table, bool single_side) {
  GridIndex grid;
  std::vector<const Value*> sides = side_objects(reader, v, single_side);
  table.header = header_grid(read_sides_columns(reader, sides, table, single_side, grid));
  resolve_column_sums(reader, table, grid);
  check_units(reader, table);
  int number = 0;
  for (std::size_t i = 0; i < sides.size() && i < table.sides.size(); ++i) {
    const Value* rows = reader.array_member(*sides[i], "rows", "a table", true);
    if (rows) read_rows(reader, *rows, table, static_cast<int>(i), grid, number);
  }
}

/// Exactly one of "columns" (with "rows"), "sides" and "parts" (not in a part).
void read_layout(Reader& reader, const Value& v, Table& table, bool is_part) {
  const Value* columns = v.find("columns");
  const Value* sides = v.find("sides");
  const Value* parts = is_part ? nullptr : v.find("parts");
  int layouts = (columns ? 1 : 0) + (sides ? 1 : 0) + (parts ? 1 : 0);
  if (layouts == 0) {
    reader.error(v.position, "a table needs \"columns\" and \"rows\", \"sides\" or \"parts\"");
    return;
  }
  if (layouts > 1) {
    reader.error(v.position, "a table takes only one of \"columns\", \"sides\" and \"parts\"");
    return;
  }
  if (const Value* rows = v.find("rows"); rows && !columns) {
    reader.error(rows->position,
                 "\"rows\" go with \"columns\"; a two-sided table has rows in each side");
  }
  if (parts) return read_parts(reader, v, table);
  read_grid(reader, v, table, columns != nullptr);
}

/// The keys of a table and the fewer of a part (no number, group, parts or checks of its own).
void check_table_keys(Reader& reader, const Value& v, std::string_view what, bool is_part) {
  if (is_part) {
    reader.check_keys(v, what,
                      {"id", "title", "subtitle", "unit", "fields", "columns", "rows", "sides",
                       "empty", "notes", "acknowledged"});
  } else {
    reader.check_keys(v, what,
                      {"id", "number", "title", "subtitle", "unit", "group", "fields", "columns",
                       "rows", "sides", "parts", "empty", "notes", "checks", "acknowledged"});
  }
}

}  // namespace

Table read_table(Reader& reader, const Value& v, const TableContext& context) {
  Table table;
  std::string_view what = context.is_part ? "a part" : "a table";
  if (!reader.expect_object(v, what)) return table;
  table.where = reader.at(v.position);
  check_table_keys(reader, v, what, context.is_part);
  table.id = context.id_prefix + reader.identifier_member(v, "id", what, true);
  table.number = reader.string_member(v, "number", what, false);
  table.title = reader.string_member(v, "title", what, true);
  table.subtitle = reader.string_member(v, "subtitle", what, false);
  table.group = context.is_part ? "" : reader.identifier_member(v, "group", what, false);
  table.unit = reader.unit_member(v).value_or(context.unit);
  table.published_empty = reader.bool_member(v, "empty");
  read_fields(reader, v, table);
  read_layout(reader, v, table, context.is_part);
  table.notes = reader.string_list(v, "notes");
  read_acknowledged(reader, v, table);
  // A part has no "checks" (reported above as an unknown key), but any it gives are read too.
  read_checks(reader, v, what, table.id, table.checks);
  return table;
}

}  // namespace gongkai::data_reader
