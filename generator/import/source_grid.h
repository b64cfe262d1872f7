// The rows of cells an importer reads, whatever they came from: the tab-separated lines of a
// PDF's extracted text, a CSV file, or a sheet of an .xlsx workbook. Each cell knows where it
// is, so that the import report can send an editor to it (`budget.txt:203:12`,
// `budget.xlsx:表1!B7`).
#pragma once

#include <string>
#include <vector>

namespace gongkai {

/// One cell as read: its text (trimmed of surrounding white space, figures still as printed,
/// "6,296") and its place for messages.
struct SourceCell {
  std::string text;
  std::string where;  ///< "FILE:LINE:COL" for text, "FILE:SHEET!B7" for a sheet
};

/// One line of a text, one row of a sheet. A row with no cells is an empty line: it separates
/// blocks (a title from its grid, a grid from its notes). A merged cell of a sheet is read as
/// its text in its first (top-left) cell and empty cells for the rest, which is how a PDF's text
/// prints a group header spanning columns ("2023 年政府采购项目\t\t").
struct SourceRow {
  std::vector<SourceCell> cells;
  std::string where;  ///< the place of the row's first character or first cell
  /// A text line with no tab is a line of prose (a title, 单位：万元, a paragraph), even when
  /// it is the only cell: tables are only what was printed as a grid.
  bool grid = false;
};

/// The rows of one source: a text file, a CSV file, or one sheet of a workbook.
struct SourceGrid {
  std::string name;  ///< the file's name as given, or "FILE:SHEET"
  std::vector<SourceRow> rows;
};

}  // namespace gongkai
