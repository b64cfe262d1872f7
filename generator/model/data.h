// The tables and figures of one report (content/<dept>/<year>/<kind>.json, docs/data-format.md)
// and their strict loader. The model is plain data, fully built by the loader and never changed
// afterwards: share one `std::shared_ptr<const ReportData>` between threads without locking.
//
// Loader messages (each at file:line:col of the JSON value at fault; all are reported, not only
// the first; JSON syntax errors come from json.h and stop loading):
//   unknown key "K" in WHAT; expected one of: A, B, C
//   missing key "K" in WHAT
//   "K" must be TYPE, not TYPE                          (TYPE: a string, a number, an array, …)
//   unsupported schema N; this generator reads schema 1
//   unknown kind "X"; expected budget, final-accounts or evaluation
//   "year" must be an integer year
//   unknown unit "X"; expected "万元", "元" or null
//   unknown column type "X"; expected text, code, agency, amount, number, percent or score
//   invalid identifier "X": use lowercase letters, digits, '-' and '_', starting with a letter
//   duplicate table id "X" (first at line L, column C)
//   duplicate column key "X" (first at line L, column C)
//   duplicate row id "X" (first at line L, column C)
//   duplicate check id "X" (first at line L, column C)
//   a table needs "columns" and "rows", "sides" or "parts"
//   a table takes only one of "columns", "sides" and "parts"
//   "K" must not be empty
//   "sum_of" names "X", which is not a column of this table
//   "sum_of" names "X", which is a column of another side
//   "sum_of" names "X", which is not a figure column
//   "X" is not a column of this table
//   "X" is a column of another side of this table
//   TYPE column "X" needs a JSON number, not a string; write N          (N: the string as a number)
//   TYPE column "X" needs a JSON number, not a string; use {"text": "…"} for printed text
//   TYPE column "X" needs a JSON number, not a string;
//   TYPE column "X" needs a string, not TYPE
//   {"text": …} is only for figure columns; write the string directly
//   invalid figure LITERAL in column "X": REASON                        (Decimal::describe)
//   negative figure N in column "X"; mark the column or the row "signed": true if the document
//   prints decreases a code must be 3, 5 or 7 digits, not "X" an agency cell must not be empty a
//   side may have only one code column (the other at line L, column C) a side may have only one
//   agency column (the other at line L, column C) amount column "X" in a table without a unit; give
//   the table or the file a "unit" duplicate code N (first at line L, column C)                [ in
//   unit block "NAME"] code N has no parent row P                                  [ in unit block
//   "NAME"] a coded row takes its level from its code; remove "level" "level" must be an integer
//   from 0 to 9 "sum_of" must be "children", "above", "codes", "units" or a list of row references
//   "sum_of" names no row "X" of this side
//   "sum_of": "children" but no row one level deeper follows
//   "sum_of": "units" but this side has no unit rows
//   "sum_of": "codes" but there are no 3-digit code rows to add
//   "difference" goes with "acknowledged"
//   "tolerance" must not be negative
//   "value" must be a string or a number, not TYPE
//   a table may have at most 10000 rows
//   a file may have at most 1000000 cells (rows times leaf columns, all tables together)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/decimal.h"
#include "base/diagnostic.h"
#include "model/amount_unit.h"
#include "model/content.h"

namespace gongkai {

enum class ColumnType { text, code, agency, amount, number, percent, score };

/// The name used in the data file: "text", "amount", …
std::string_view column_type_name(ColumnType type);

/// A 1-based line and column in a data file.
struct TextPosition {
  int line = 0;
  int column = 0;
};

/// One leaf column, in header order (left to right, sides in order).
struct Column {
  std::string key;
  std::string label;
  /// The labels of the groups above this leaf, outermost first; the side's label is not included.
  std::vector<std::string> groups;
  ColumnType type = ColumnType::text;
  /// The columns this one is the sum of, as indices into Table::columns (same side).
  std::vector<int> sum_of;
  bool may_be_negative = false;
  /// Whether row sums (codes, children, above, listed rows) include this column.
  bool additive = false;
  /// Equal consecutive cells are to be shown merged.
  bool merge = false;
  /// Show thousands separators.
  bool grouping = false;
  /// The text of this column in the printed 栏次 row, when there is one.
  std::optional<std::string> serial;
  /// Index into Table::sides.
  int side = 0;
  /// In the table's file (Table::where.path), like Cell::where.
  TextPosition where;

  /// amount, number, percent or score: cells hold Decimals.
  bool holds_figures() const;
};

/// One cell of the header grid, for rendering grouped headers with spans. Side labels of a
/// two-sided table are the top row.
struct HeaderCell {
  std::string label;
  int column_span = 1;
  int row_span = 1;
  /// Index into Table::columns for a leaf; -1 for a group or side label.
  int column = -1;
};

enum class CellKind : std::uint8_t {
  empty,
  /// A published figure: `figure` holds it, `text` its literal as written in the file.
  figure,
  /// "—" printed instead of a figure.
  dash,
  /// Text: of a text, code or agency column, or {"text": …} in a figure column.
  text,
};

struct Cell {
  std::string text;
  Decimal figure;
  /// Line and column in the table's file (Table::where.path): a report holds thousands of
  /// cells, and a path per cell would be most of its memory.
  TextPosition where;
  CellKind kind = CellKind::empty;

  bool has_figure() const { return kind == CellKind::figure; }
};

enum class RowSum { none, children, above, codes, listed, units };

struct Row {
  /// "" when the file gives none.
  std::string id;
  /// 0–9; coded rows: 1 for 3 digits, 2 for 5, 3 for 7.
  int level = 1;
  /// The row's classification code, "" when none.
  std::string code;
  /// The budget unit named in the row's agency cell, "" when none (a unit row has one).
  std::string agency;
  /// Index of the unit block the row belongs to within its side, -1 when none (rows before
  /// the first unit row, and department total rows).
  int block = -1;
  /// A unit row: its agency cell names a budget unit and it starts a unit block. A row with an
  /// agency cell that is marked "total": true is the department's total, not a unit.
  bool unit = false;
  /// A summary row: explicit "total": true, or "sum_of" other than "children".
  bool total = false;
  /// "total": true written in the file (a summary row that names no parts).
  bool marked_total = false;
  bool may_be_negative = false;
  RowSum sum = RowSum::none;
  /// The rows this one is the sum of (indices into its side's rows), resolved for every kind
  /// of `sum`; also filled for unit rows (their block's 3-digit codes), for coded rows with
  /// child codes and for department total rows (`units`: the side's unit rows).
  std::vector<int> parts;
  /// One cell per Table::columns entry; cells of other sides' columns stay empty.
  std::vector<Cell> cells;
  /// 1-based position among all rows of the table, sides in order ("#N" references).
  int number = 0;
  /// In the table's file (Table::where.path), like Cell::where.
  TextPosition where;
};

struct Side {
  /// "" for an ordinary table's only side.
  std::string label;
  /// Indices into Table::columns.
  std::vector<int> columns;
  std::vector<Row> rows;
  /// Indices into Table::columns, -1 when the side has none.
  int code_column = -1;
  int agency_column = -1;
};

/// A label–value pair printed above a table or form.
struct Field {
  std::string label;
  /// The string, or the literal of a number as written.
  std::string text;
  /// Set when the value was a number.
  std::optional<Decimal> figure;
  SourceLocation where;
};

struct Acknowledgement {
  /// The reference of the cell whose findings are acknowledged, as written.
  std::string check;
  std::string note;
  /// "difference": how far the printed figure is off — the figure minus what the check expects,
  /// negative when it is below; when given, a finding with another difference (another sign
  /// included) is an error (the figures changed since the inconsistency was acknowledged).
  std::optional<Decimal> difference;
  SourceLocation where;
};

struct DeclaredCheck {
  std::string id;
  std::string assertion;
  /// Where the "assert" string starts (its opening quote).
  SourceLocation where;
  std::optional<Decimal> tolerance;
  /// The acknowledgement note, "" when the check is expected to pass.
  std::string acknowledged;
  /// "difference" beside "acknowledged": the difference the failing check is known to have,
  /// left side minus right side.
  std::optional<Decimal> acknowledged_difference;
  /// Full id of the table or form the check belongs to; "" for file-level checks.
  std::string scope;
};

struct Table {
  /// The full id: "summary", or "p01.funds" for a part of form p01.
  std::string id;
  std::string number;
  std::string title;
  std::string subtitle;
  std::string group;
  AmountUnit unit = AmountUnit::none;
  bool published_empty = false;
  std::vector<Field> fields;
  /// Every leaf column of every side.
  std::vector<Column> columns;
  /// Header rows, top to bottom, each cell in the row it starts in. A row in which every cell
  /// that starts has an empty label is left out (the cells above span one row fewer): it would
  /// print as an empty band. Empty when no column or side has a label.
  std::vector<std::vector<HeaderCell>> header;
  /// One side for an ordinary grid, several for a two-sided table, none for a form.
  std::vector<Side> sides;
  /// The grids of a form.
  std::vector<Table> parts;
  std::vector<std::string> notes;
  std::vector<DeclaredCheck> checks;
  std::vector<Acknowledgement> acknowledged;
  SourceLocation where;

  bool is_form() const { return sides.empty(); }
  /// Whether a column holds amounts (元 or 万元): only then does the table's unit apply.
  bool has_amount_column() const;
  /// Index into `columns`, or -1.
  int column_index(std::string_view key) const;
  /// A part of a form by its own id ("funds"), or nullptr.
  const Table* part(std::string_view local_id) const;
};

/// How readers know a form: the value of its 项目名称 field when it has one (every project
/// self-evaluation form has the same title), else its title.
std::string form_name(const Table& form);

/// A row found by reference: its side and index there.
struct RowPosition {
  int side = -1;
  int row = -1;
};

/// Finds the row `ref` names in `table`: a row id, a code that occurs once in the table,
/// "UNIT/CODE" (the row of that code in the unit block whose unit row has the id UNIT), or "#N".
std::optional<RowPosition> find_row(const Table& table, std::string_view ref);

/// How checks and messages name a row: its id; else its code when unique in the table; else
/// UNIT/CODE when its unit row has an id; else "#N".
std::string row_reference(const Table& table, const Row& row);

/// Why `ref` names no unique row of `table`, with how to name the row instead: "" when it names
/// one. For messages such as `no unique row "201" in table "function"`.
std::string row_reference_hint(const Table& table, std::string_view ref);

/// The unit row of block `block` of `side`, or nullptr (block -1: outside any unit).
const Row* unit_row_of(const Side& side, int block);

/// The side of `table` that holds `row` (compared by address), or nullptr.
const Side* side_of(const Table& table, const Row& row);

/// The structure of a side once its rows are read (side_structure.cc): numbers the unit blocks
/// (Row::block), and gives unit rows their 3-digit codes and department total rows their unit
/// rows as parts (RowSum::units) unless the file names other parts.
void link_unit_blocks(const std::vector<Column>& columns, Side& side);

/// A merged text column whose label contains 单位 (预算单位): it names each row's unit where a
/// table without codes repeats its rows per unit (the 三公 table).
bool names_units(const Column& column);

/// Whether a label reads 合计 or 总计 (spaces aside): the total of everything above or below.
bool names_grand_total(const std::string& text);

/// What identifies a row among the rows of its side apart from its unit and code: its text
/// cells before the first figure, spaces removed, leaving out agency columns and merged text
/// columns that name units (预算单位). "2023年|" for a 三公 row; "" for a row without text.
std::string row_key(const std::vector<Column>& columns, const Side& side, const Row& row);

/// What a row of a table without codes states, read from its key (row_key): a change between
/// two years (增减, 增减变化金额 — by label, whether or not the file marks the row `signed`), a
/// rate of change (增减率（%）, 增长率: any label with 率 or %), or an amount. Change and rate rows
/// are never parts of a sum and never drawn beside amounts.
enum class RowRole { amount, change, rate };
RowRole row_role(const std::string& key);

/// The year a row's key names and nothing else ("2023年|", "2023 年度|"), or 0.
int year_named(const std::string& key);

struct ReportData {
  /// The path the data was loaded from, as given to the loader.
  std::string path;
  int schema = 1;
  DocumentKind kind = DocumentKind::budget;
  /// Where the file gives its kind, so that a kind that disagrees with the file name is
  /// reported there.
  TextPosition kind_where;
  std::string department;
  int year = 0;
  std::string title;
  AmountUnit unit = AmountUnit::none;
  std::string source;
  std::vector<Table> tables;
  std::vector<DeclaredCheck> checks;

  /// A table or a form by its id, or a form's part by "form.part"; nullptr when there is none.
  const Table* find_table(std::string_view full_id) const;
};

/// Size limits of the loader (docs/limits.md): far above any published table, low enough that a
/// small hostile file cannot make the loader allocate gigabytes (every row holds a cell for
/// every leaf column of its table).
inline constexpr std::size_t kMaxRowsPerTable = 10000;
inline constexpr std::size_t kMaxCellsPerFile = 1000000;

/// Reads a report data file. Reports every problem it finds to `diagnostics` (at `path`) and
/// returns nullopt when there was any error. `text` is the whole file.
std::optional<ReportData> load_report_data(std::string_view path, std::string_view text,
                                           Diagnostics& diagnostics);

}  // namespace gongkai
