// Writing .xlsx workbooks for tests (libxlsxwriter): tables of printed text become sheets
// whose figures are numbers with a matching number format, so that reading the workbook back
// gives the text as printed ("6,296", "0.00", "-0.14").
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace gongkai::testing {

/// One sheet to write: its rows of cell texts (an empty string is no cell) and the ranges to
/// merge.
struct WorkbookSheet {
  std::string name;
  std::vector<std::vector<std::string>> rows;
  /// A merged range, 0-based and inclusive: {0, 6, 0, 8} merges G1:I1. The merged cell shows
  /// the text of the range's top-left cell in `rows`; the texts of the other cells it covers
  /// are not written.
  struct Merge {
    int first_row, first_col, last_row, last_col;
  };
  std::vector<Merge> merges;
};

/// Writes `sheets` as the workbook `path`. A cell that reads as a printed figure (an optional
/// '-', digits with or without thousands separators, optional decimals, at most 15 significant
/// digits, no leading zero as in "01"; optionally a '%' after it) is written as a number with
/// the format that prints it the same way ("#,##0" for "6,296", "0.00" for "-0.14", "0.0%" for
/// "12.5%"); every other cell as a string. Sheet names are made valid as workbook_sheet_names
/// says. Throws std::runtime_error when the workbook cannot be written, a cell or merge is
/// outside a sheet's limits, two merges overlap, or a text is longer than a cell holds.
void write_workbook(const std::filesystem::path& path, const std::vector<WorkbookSheet>& sheets);

/// The names write_workbook gives the sheets, in order: the characters []:*?/\ and control
/// characters become '_', apostrophes around the name are dropped, an empty name becomes
/// "Sheet", names are cut to 31 characters (UTF-16 units, as spreadsheets count) and made
/// unique, ignoring ASCII case, by appending " (2)", " (3)"…
std::vector<std::string> workbook_sheet_names(const std::vector<WorkbookSheet>& sheets);

}  // namespace gongkai::testing
