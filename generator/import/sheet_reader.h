// Reading spreadsheets into the rows of cells an importer reads (source_grid.h): the sheets of
// an .xlsx workbook (a zip of XML parts, read with libzip and pugixml) and CSV files. Each cell
// is given as it would be printed: a figure formatted "0.00" is read "0.00", not "0".
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "import/source_grid.h"

namespace gongkai {

/// Largest sheet (or CSV file) read: rows × columns as read, an empty row counting one. A
/// larger one is refused with a message rather than filling memory.
inline constexpr std::size_t kMaxSheetCells = 200'000;
/// Largest number of cells read from all the sheets of one workbook together.
inline constexpr std::size_t kMaxWorkbookCells = 2'000'000;
/// Largest part of a workbook (a sheet's XML, the shared strings…) read, uncompressed.
inline constexpr std::size_t kMaxPartBytes = 64u << 20;

/// The sheets of the .xlsx workbook `file`, in the workbook's order, one SourceGrid per
/// worksheet named "SHOWN:SHEET" (`shown_name` is how messages and places name the file).
/// Cells are placed "SHOWN:SHEET!B7". A merged cell is its text in its top-left cell and empty
/// cells for the rest of the range; an entirely empty row is a row with no cells; trailing
/// empty cells are dropped; a row of one cell in column A is prose (grid = false), any other
/// row a grid row. Numbers are formatted with the cell's number format (decimals, thousands
/// separators, percent), formulas give their cached value, booleans TRUE/FALSE, dates their
/// serial number. Problems ("SHOWN: error: …") are appended to `errors`; a sheet that cannot be
/// read is left out, and nothing throws.
std::vector<SourceGrid> read_workbook(const std::filesystem::path& file,
                                      const std::string& shown_name,
                                      std::vector<std::string>& errors);

/// The rows of a CSV file (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes,
/// LF or CRLF line ends), UTF-8 with or without a byte order mark, named `shown_name` and with
/// cells placed "SHOWN:LINE:COL" (COL counts characters from 1). Rows follow the same rules as
/// read_workbook's. Bytes that are not UTF-8 give "SHOWN:LINE:COL: error: not UTF-8; save the
/// CSV as UTF-8" and no rows.
SourceGrid read_csv(const std::string& bytes, const std::string& shown_name,
                    std::vector<std::string>& errors);

}  // namespace gongkai
