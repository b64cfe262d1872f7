// CSV downloads: a file per grid of a report (a table, or a part of a form).
#pragma once

#include <string>
#include <vector>

#include "model/data.h"

namespace gongkai {

/// One CSV download of a report: a grid (a table, or a part of a form).
struct CsvFile {
  /// "summary.csv", "p01.funds.csv"
  std::string name;
  std::string title;
  const Table* table = nullptr;
};
std::vector<CsvFile> report_csv_files(const ReportData& data);

/// The table as CSV: UTF-8 with a byte-order mark (so spreadsheet programs read Chinese
/// correctly), CRLF line ends, RFC 4180 quoting, text cells starting with = + - @ neutralised
/// against formula injection. Figures are written as published, without separators. Every
/// row of a unit block names its unit in the agency column, and a text cell's line breaks are
/// kept inside its quoted field.
std::string table_csv(const Table& table);

/// Appends one field: quoted when it holds a comma, quote or line end (quotes doubled), and,
/// when `neutralise`, with a ' before a leading = + - @ TAB or CR, which a spreadsheet would
/// otherwise take for a formula.
void append_csv_field(std::string& out, std::string_view text, bool neutralise);

}  // namespace gongkai
