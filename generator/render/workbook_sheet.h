// The spreadsheet layer of the workbook download (workbook_export.h): an .xlsx file written
// with libxlsxwriter, its cell formats, and the rules that keep every cell exact and readable —
// figures as numbers only when a spreadsheet keeps them exactly, texts within Excel's limits,
// sheet names Excel accepts, column widths that fit Chinese text.
#pragma once

#include <compare>
#include <cstdint>
#include <ctime>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/decimal.h"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace gongkai::xlsx {

/// Most characters Excel keeps in one cell.
inline constexpr std::size_t kMaxCellChars = 32'767;
/// Most significant digits of a figure written as a number: Excel keeps 15.
inline constexpr int kMaxNumberDigits = 15;
/// Most rows and columns of a worksheet.
inline constexpr std::uint32_t kMaxRows = 1'048'576;
inline constexpr std::uint32_t kMaxColumns = 16'384;

/// `figure` as the number a spreadsheet stores: its nearest double, when the figure has at most
/// 15 significant digits and that double, written as libxlsxwriter writes it ("%.16G"), reads
/// back as the same double — then every reader shows the figure exactly. nullopt otherwise: the
/// figure must be written as text.
std::optional<double> exact_number(const Decimal& figure);

/// The number format that prints a figure of `decimals` decimals as the page does:
/// "#,##0.00" with thousands separators, "0.00" without, "#,##0" for none.
std::string number_format(int decimals, bool grouping);

/// `text` within Excel's cell limit: unchanged when it has at most kMaxCellChars characters
/// (counted as Excel does, in UTF-16 units), else cut at a character boundary with `marker`
/// appended so that the whole fits.
std::string cell_text(std::string_view text, std::string_view marker);

/// How wide `text` prints in column-width units: 2 for a wide (CJK) character, 1 otherwise, the
/// widest line of a text with line breaks; counting stops past `cap`.
int text_width(std::string_view text, int cap);

/// A sheet name Excel accepts, made from `wanted`: []:*?/\ replaced by '_', leading and
/// trailing apostrophes dropped, at most 31 characters; "" when nothing is left.
std::string sheet_name(std::string_view wanted);

/// What a cell looks like; each distinct look is one format of the workbook.
enum class Role : std::uint8_t {
  title,        ///< the table's caption, large and bold
  line,         ///< the subtitle, department and unit lines, fields
  line_end,     ///< the unit line, right-aligned
  caption,      ///< a form part's caption, bold
  header,       ///< a header cell: bold, centred, wrapped, shaded, bordered
  serial,       ///< the 栏次 row: centred, bordered
  text,         ///< a text cell, bordered
  code,         ///< a classification code: text, never a number
  figure,       ///< a number with `decimals` and `grouping`
  figure_text,  ///< a figure or dash written as text, right-aligned
  note,         ///< a note under the grid, wrapped
};

struct Look {
  Role role = Role::text;
  bool bold = false;
  bool wrap = false;
  std::uint8_t indent = 0;
  std::uint8_t decimals = 0;
  bool grouping = false;
  auto operator<=>(const Look&) const = default;
};

/// One worksheet being written: cells, merged ranges, and the widths its cells need. Cells
/// outside Excel's sheet are left out; libxlsxwriter refuses them without harm.
class Sheet {
 public:
  Sheet(lxw_worksheet* sheet, std::function<lxw_format*(const Look&)> formats,
        std::string_view truncation_marker);

  /// A text cell (cut to Excel's limit); its width counts for its column when `measured`.
  void text(std::uint32_t row, std::uint32_t col, std::string_view text, Look look,
            bool measured = true);
  /// A figure: a number formatted with its own decimals, or its printed text when it cannot
  /// be a number exactly (exact_number).
  void figure(std::uint32_t row, std::uint32_t col, const Decimal& figure, bool grouping,
              bool bold);
  /// An empty cell that keeps the grid's border.
  void blank(std::uint32_t row, std::uint32_t col, Look look);
  /// `text` over rows [row, last_row] and columns [col, last_col] (a single cell when both
  /// ranges are one); it counts for no column's width.
  void merged(std::uint32_t row, std::uint32_t col, std::uint32_t last_row, std::uint32_t last_col,
              std::string_view text, Look look);
  /// At least `lines` lines of text high.
  void row_lines(std::uint32_t row, int lines);
  /// Column `col` needs at least `width` width units.
  void measure(std::uint32_t col, int width);
  /// The width column `col` needs so far, in width units.
  int width(std::uint32_t col) const;
  /// Sets every column's width (its widest cell, between 6 and 60 units) and each row's height.
  void finish();
  /// Printed landscape on A4, one page wide, repeating `header_rows` (first, last) on every
  /// page; on screen the rows above `body_row` stay in view (none when it is 0).
  void print_layout(std::optional<std::pair<std::uint32_t, std::uint32_t>> header_rows,
                    std::uint32_t body_row);

 private:
  lxw_worksheet* sheet_;
  std::function<lxw_format*(const Look&)> formats_;
  std::string marker_;
  std::vector<int> widths_;
  std::map<std::uint32_t, int> lines_;
};

/// An .xlsx workbook written to a private temporary file and read back into memory: the
/// generator's renderers return bytes and only the output writer writes the site, but
/// libxlsxwriter 1.1.4 can write only to a file path (it has no output buffer option).
class Book {
 public:
  /// A workbook whose properties say `title` and were created at `created` (a fixed time, so
  /// that the same report always gives the same bytes); texts cut to Excel's limit end with
  /// `truncation_marker`. error() tells why when !ok().
  Book(const std::string& title, std::time_t created, std::string truncation_marker);
  ~Book();
  Book(const Book&) = delete;
  Book& operator=(const Book&) = delete;

  bool ok() const { return book_ != nullptr; }
  /// A new worksheet named `name` (a valid, unique sheet_name()); writes to it go to Sheet.
  Sheet add_sheet(const std::string& name);
  /// Writes the file and returns its bytes; nullopt with `error()` set when it fails. The
  /// temporary file is removed either way.
  std::optional<std::string> close();
  const std::string& error() const { return error_; }

 private:
  lxw_format* format(const Look& look);
  std::string path_;
  std::string error_;
  std::string marker_;
  lxw_workbook* book_ = nullptr;
  std::map<Look, lxw_format*> formats_;
};

}  // namespace gongkai::xlsx
