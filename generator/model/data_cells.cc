// The cells of a row: a member of its "cells" object per column of its side. Figure columns
// take JSON numbers (kept exactly as written), "—" or {"text": …}; text, code and agency columns
// take strings. The messages say how to write what the file meant.
#include <optional>
#include <string>

#include "model/data_reader.h"

namespace gongkai::data_reader {
namespace {

constexpr std::string_view kDash = "\xE2\x80\x94";  // U+2014 EM DASH

/// The string with thousands separators and spaces removed, when that makes a plain figure:
/// the figure the file meant to write as a number.
std::optional<std::string> as_plain_figure(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != ',' && c != ' ') out += c;
  }
  if (!Decimal::parse(out)) return std::nullopt;
  return out;
}

/// {"text": …}: printed text in a figure column.
void read_text_object(Reader& reader, const Value& v, Cell& cell) {
  reader.check_keys(v, "a text cell", {"text"});
  std::string text = reader.string_member(v, "text", "a text cell", true);
  cell.kind = CellKind::text;
  cell.text = text;
}

/// A JSON number in a figure column. A negative figure needs the column or the row marked
/// "signed": most published figures cannot be negative, and a stray minus is a typo.
void read_figure(Reader& reader, const Value& v, const Column& column, const Row& row, Cell& cell) {
  std::optional<Decimal> figure = reader.parse_figure(v, column.key);
  if (!figure) return;
  if (figure->is_negative() && !column.may_be_negative && !row.may_be_negative) {
    reader.error(v.position, "negative figure " + v.text + " in column \"" + column.key +
                                 "\"; mark the column or the row \"signed\": true if the "
                                 "document prints decreases");
  }
  cell.kind = CellKind::figure;
  cell.text = v.text;
  cell.figure = *figure;
}

void read_figure_cell(Reader& reader, const Value& v, const Column& column, const Row& row,
                      Cell& cell) {
  std::string type = std::string(column_type_name(column.type));
  if (v.is(Type::string) && v.text == kDash) {
    cell.kind = CellKind::dash;
    cell.text = v.text;
  } else if (v.is(Type::object)) {
    read_text_object(reader, v, cell);
  } else if (v.is(Type::number)) {
    read_figure(reader, v, column, row, cell);
  } else if (v.is(Type::string)) {
    std::optional<std::string> plain = as_plain_figure(v.text);
    reader.error(v.position,
                 type + " column \"" + column.key + "\" needs a JSON number, not a string" +
                     (plain ? "; write " + *plain : "; use {\"text\": \"…\"} for printed text"));
  } else {
    reader.error(v.position, type + " column \"" + column.key + "\" needs a JSON number, not " +
                                 std::string(json::type_name(v.type)));
  }
}

/// A string in a text, code or agency column: codes must be valid, agency cells not empty.
void read_text_cell(Reader& reader, const Value& v, const Column& column, Cell& cell) {
  std::string type = std::string(column_type_name(column.type));
  if (v.is(Type::object)) {
    reader.error(v.position, "{\"text\": …} is only for figure columns; write the string directly");
    return;
  }
  if (!v.is(Type::string)) {
    std::string hint = v.is(Type::number) ? "; write \"" + v.text + "\"" : "";
    reader.error(v.position, type + " column \"" + column.key + "\" needs a string, not " +
                                 std::string(json::type_name(v.type)) + hint);
    return;
  }
  if (column.type == ColumnType::code && !is_valid_code(v.text)) {
    reader.error(v.position, "a code must be 3, 5 or 7 digits, not \"" + v.text + "\"");
  }
  if (column.type == ColumnType::agency && v.text.empty()) {
    reader.error(v.position, "an agency cell must not be empty");
  }
  cell.kind = CellKind::text;
  cell.text = v.text;
}

/// One member of "cells": its key must be a column of the row's side; null leaves it empty.
void read_cell_member(Reader& reader, const Member& m, const Table& table, int side_index,
                      Row& row) {
  int c = table.column_index(m.key);
  if (c < 0) {
    reader.error(m.key_position, "\"" + m.key + "\" is not a column of this table");
    return;
  }
  const Column& column = table.columns[static_cast<std::size_t>(c)];
  if (column.side != side_index) {
    reader.error(m.key_position, "\"" + m.key + "\" is a column of another side of this table");
    return;
  }
  Cell& cell = row.cells[static_cast<std::size_t>(c)];
  cell.where = {m.value.position.line, m.value.position.column};
  if (m.value.is(Type::null)) return;
  if (column.holds_figures()) {
    read_figure_cell(reader, m.value, column, row, cell);
  } else {
    read_text_cell(reader, m.value, column, cell);
  }
}

}  // namespace

void read_cells(Reader& reader, const Value& cells, const Table& table, int side_index, Row& row) {
  for (const Member& m : cells.members) read_cell_member(reader, m, table, side_index, row);
}

}  // namespace gongkai::data_reader
