// The workbook download of a report (DEPT/YEAR/KIND/report.xlsx): every table of the report in
// one .xlsx file, a sheet per table, each laid out as the page prints it.
#pragma once

#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "model/data.h"

namespace gongkai {

/// The workbook's file name in its report's folder, beside report.json and the CSV files.
inline constexpr std::string_view kWorkbookName = "report.xlsx";

/// The words a workbook prints around the tables, in the site's language (i18n).
struct WorkbookTexts {
  std::string unit_prefix = "单位：";            ///< unit_prefix
  std::string department_prefix = "编制单位：";  ///< workbook_department
  std::string note_label = "注：";               ///< table_note
  std::string empty_table = "本表无发生额";      ///< table_empty
  std::string truncated = "……（已截断）";        ///< workbook_truncated
};

/// The sheet name of each of `data.tables`, in order: the table's number as printed ("表1")
/// when it makes a valid sheet name not taken before, else its id, else its id with "~N";
/// each unique (ignoring ASCII case, as Excel does) and at most 31 characters.
std::vector<std::string> workbook_sheet_names(const ReportData& data);

/// The creation time a workbook records: midnight UTC of `published` ("YYYY-MM-DD", the report's
/// front matter), or 1980-01-01 when it is not such a date — never the time of the build.
std::time_t workbook_created(std::string_view published);

/// The report's tables as .xlsx bytes. Each sheet holds, top to bottom: the caption (number and
/// title), the subtitle, the department line (`department_prefix` and the report's department)
/// with the unit line at the right, the fields, the header tree as merged cells (a group over
/// its columns, as the page's <thead>), the 栏次 row, the rows, and the notes. A form is one
/// sheet with its parts stacked, each under its caption. Cells follow the CSV download
/// (csv_export.h): sides side by side, a unit block's rows naming their unit, merged columns
/// repeated on every row; but figures are numbers formatted with their printed decimals and
/// separators, codes and texts are text, a dash is "—". A figure a spreadsheet cannot hold
/// exactly (more than 15 significant digits) is written as its printed text. The same report
/// and `created` give the same bytes. On failure (the temporary file the library needs cannot
/// be written) reports an error at the report's data file and returns "".
std::string report_workbook(const ReportData& data, const WorkbookTexts& texts, std::time_t created,
                            Diagnostics& diagnostics);

}  // namespace gongkai
