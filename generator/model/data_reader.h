// What the readers of a report data file share (data.cc and the data_*.cc files): the Reader,
// which reports problems at the place of the JSON value at fault and reads typed members, the
// bookkeeping of one table while it is read, and one entry point per part of the file. Internal
// to the loader; data.h is the contract (the model and every message the loader gives).
//
// The file is read top down, one concept per file:
//   data.cc          the report: schema, kind, department, year, unit, the list of tables
//   data_table.cc    a table or a form: its metadata, fields and layout; a form's parts; a grid
//                    (its sides, each side's columns, then each side's rows)
//   data_columns.cc  the columns of a side: leaves and groups, types, flags, "sum_of" keys
//   data_header.cc   the header grid laid out from the tree of column groups
//   data_rows.cc     the rows of a side: ids, flags, level, code and unit, size limits
//   data_cells.cc    the cells of a row: figures, dashes and text, per column type
//   data_row_sums.cc what each row adds up (Row::parts): codes to parents, "sum_of"
//   data_checks.cc   declared checks and acknowledgements
// Every reader reports every problem it finds and carries on with what it could read, so that
// one run lists all of a file's mistakes; Reader::failed() then rejects the whole file.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/json.h"
#include "model/data.h"

namespace gongkai::data_reader {

using json::Member;
using json::Position;
using json::Type;
using json::Value;

/// Reports the problems of one data file and reads the members of its JSON objects, checking
/// their types. Every read that finds a problem reports it at the value at fault and returns an
/// empty value, so that callers go on reading the rest of the file.
class Reader {
 public:
  Reader(std::string_view path, std::string_view text, Diagnostics& diagnostics)
      : path_(path), text_(text), diagnostics_(diagnostics) {}

  /// The path as given to the loader.
  const std::string& path() const { return path_; }
  /// Whether any error was reported: the file is then not loaded.
  bool failed() const { return failed_; }

  SourceLocation at(Position p) const { return {path_, p.line, p.column}; }
  /// Reports an error at `p`, with the text of its line unless the diagnostics are full.
  void error(Position p, std::string message);

  /// Whether `v` is an object; reports "WHAT must be an object, not TYPE" when not.
  bool expect_object(const Value& v, std::string_view what);
  /// Reports every key of `object` not in `allowed`.
  void check_keys(const Value& object, std::string_view what,
                  std::initializer_list<std::string_view> allowed);
  /// The member `key`, or nullptr after reporting that it is missing.
  const Value* require(const Value& object, std::string_view key, std::string_view what);
  /// Whether `v` has `type`; reports "\"KEY\" must be TYPE, not TYPE" when not.
  bool expect_type(const Value& v, std::string_view key, Type type);

  /// The string member `key`; "" when absent or not a string.
  std::string string_member(const Value& object, std::string_view key, std::string_view what,
                            bool required);
  /// The boolean member `key`; false when absent or not a boolean.
  bool bool_member(const Value& object, std::string_view key);
  /// The identifier member `key` (lowercase letters, digits, '-' and '_', starting with a
  /// letter); "" when absent or invalid.
  std::string identifier_member(const Value& object, std::string_view key, std::string_view what,
                                bool required);
  /// The array member `key`, or nullptr (after reporting when it has another type, or is empty
  /// and `non_empty` asks for items).
  const Value* array_member(const Value& object, std::string_view key, std::string_view what,
                            bool required, bool non_empty = false);
  /// The strings of the array member `key`; items of other types are reported and skipped.
  std::vector<std::string> string_list(const Value& object, std::string_view key);
  /// The "unit" member: nullopt when absent or invalid, AmountUnit::none for null.
  std::optional<AmountUnit> unit_member(const Value& object);
  /// The exact figure a JSON number spells, or nullopt after reporting why it is not one
  /// (`column` names the column or key in the message).
  std::optional<Decimal> parse_figure(const Value& v, std::string_view column);

  /// Records `name` (written at `p`) in `seen`; reports "duplicate WHAT" when it is there
  /// already. Empty names are not recorded: their problem has been reported where they were read.
  void note_duplicate(std::map<std::string, SourceLocation>& seen, const std::string& name,
                      Position p, std::string_view what);

  /// Counts `count` more cells against kMaxCellsPerFile before they are allocated: false when
  /// the file goes past it, which is reported once, at `where`, for the whole file.
  bool count_cells(std::size_t count, Position where);

 private:
  std::string path_;
  std::string_view text_;
  Diagnostics& diagnostics_;
  bool failed_ = false;
  /// Cells allocated so far, for kMaxCellsPerFile.
  std::size_t cells_ = 0;
  bool cells_reported_ = false;
};

// ---- small shared helpers (data_reader.cc) ----------------------------------------------------

/// A 3-, 5- or 7-digit classification code.
bool is_valid_code(std::string_view s);
/// A parsed integer literal such as "2023", or nullopt for anything with a sign, point or
/// exponent.
std::optional<int> integer_literal(const Value& v);
/// "line L, column C", for messages that point at an earlier place.
std::string at_text(TextPosition where);
std::string at_text(const SourceLocation& where);
/// The JSON position of a place in the table's file, to report an error there.
Position position_of(TextPosition where);

// ---- one table while it is read -----------------------------------------------------------

/// What the reader knows about the table it is about to read from where it is listed.
struct TableContext {
  /// The unit of the file or the form, for a table that gives none.
  AmountUnit unit = AmountUnit::none;
  /// "FORM." for the parts of a form, "" for a table of the report.
  std::string id_prefix;
  bool is_part = false;
};

/// A column's "sum_of" keys with their places, resolved once the columns of every side are known
/// (a key may name a column further right, or of another side, which is an error).
struct PendingColumnSum {
  int column = -1;
  std::vector<std::pair<std::string, Position>> keys;
};

/// The bookkeeping of one grid (the sides of a table or part) while it is read: the names seen,
/// for duplicates and for rows named by "sum_of".
struct GridIndex {
  std::map<std::string, SourceLocation> column_keys;
  /// Every row id of the grid with the place it was first given.
  std::map<std::string, SourceLocation> row_id_places;
  /// Every row id of the grid with its side and its index there.
  std::map<std::string, RowPosition> row_ids;
  std::vector<PendingColumnSum> pending_sums;
};

/// A node of the header tree: a side, a column group or (with `column` set) a leaf column.
/// The tree is flattened into Table::header once a grid's columns are read.
struct HeaderNode {
  std::string label;
  /// Index into Table::columns for a leaf; -1 for a group or side.
  int column = -1;
  std::vector<HeaderNode> children;
};

// ---- the readers, one per part of the file --------------------------------------------------

/// data_table.cc: a table of the report or a part of a form (`context.is_part`), with its
/// fields, its grid or parts, notes, checks and acknowledgements.
Table read_table(Reader& reader, const Value& v, const TableContext& context);

/// data_columns.cc: reads the "columns" list `list` of the side `side` (index `side_index` of
/// `table`, not yet in table.sides) into table.columns and side.columns, in header order,
/// groups included, and returns the side's header nodes. Records the side's code and agency
/// columns; keeps "sum_of" keys in `grid` for resolve_column_sums.
std::vector<HeaderNode> read_side_columns(Reader& reader, const Value& list, Table& table,
                                          Side& side, int side_index, GridIndex& grid);
/// data_columns.cc: resolves the "sum_of" keys kept in `grid` into Column::sum_of once every
/// side's columns are read: each must name a figure column of the same side.
void resolve_column_sums(Reader& reader, Table& table, GridIndex& grid);
/// data_columns.cc: reports each amount column of a table that has no unit of its own, of its
/// form or of the file: an amount means nothing without its unit.
void check_units(Reader& reader, const Table& table);

/// data_header.cc: the header grid of Table::header laid out from the tree's top nodes (the
/// sides of a two-sided table, else the side's columns).
std::vector<std::vector<HeaderCell>> header_grid(const std::vector<HeaderNode>& top);

/// data_rows.cc: reads the "rows" list `rows` of side `side_index` of `table`, then links the
/// side's unit blocks, codes and sums. `number` counts the rows of the table so far, sides in
/// order (Row::number).
void read_rows(Reader& reader, const Value& rows, Table& table, int side_index, GridIndex& grid,
               int& number);

/// data_cells.cc: reads the "cells" object of a row of side `side_index` into `row.cells`,
/// which already holds one empty cell per column of `table`.
void read_cells(Reader& reader, const Value& cells, const Table& table, int side_index, Row& row);

/// data_row_sums.cc: checks that codes are unique per unit block and have their parent rows
/// there; gives each parent code row its child code rows as parts (unit rows have their 3-digit
/// codes from link_unit_blocks).
void link_codes(Reader& reader, Side& side);
/// data_row_sums.cc: fills Row::parts for every row with a "sum_of" of side `side_index`;
/// `sum_lists[i]` is the list row i names its parts with, or nullptr.
void resolve_row_sums(Reader& reader, Table& table, int side_index,
                      const std::vector<const Value*>& sum_lists, const GridIndex& grid);

/// data_checks.cc: the "checks" of `object` (the report, a table or a part; `what` names it),
/// each given `scope`: "" for the file's, else the full id of the table.
void read_checks(Reader& reader, const Value& object, std::string_view what,
                 const std::string& scope, std::vector<DeclaredCheck>& out);
/// data_checks.cc: the "acknowledged" list of a table or part.
void read_acknowledged(Reader& reader, const Value& v, Table& table);

}  // namespace gongkai::data_reader
