// The number formats of spreadsheet cells ("0.00", "#,##0", "0.0%", "#,##0;(#,##0);\"-\""):
// enough of them to give a figure's text as the sheet prints it. Used by sheet_reader.cc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gongkai::sheet {

/// One section of a format code (the codes for positive, negative and zero values and text are
/// separated by ';'), reduced to what shapes the printed text.
struct FormatSection {
  std::string prefix;       ///< literal text before the figure ("¥", "(")
  std::string suffix;       ///< literal text after it ("%", ")")
  bool has_number = false;  ///< the section shows the figure at all ("\"-\"" does not)
  bool general = false;     ///< the figure as General shows it
  bool text = false;        ///< a text section ('@')
  bool date = false;        ///< a date or time: the figure is left as the serial number
  bool scientific = false;  ///< "0.00E+00"
  bool grouping = false;    ///< thousands separators ("#,##0")
  int decimals = 0;         ///< digits after the point
  int min_decimals = 0;     ///< of which shown even when zero ('0', not '#' or '?')
  int integer_zeros = 0;    ///< integer digits shown even when zero ("#,##0" has 1, "#.00" 0)
  int shift = 0;            ///< power of ten applied first: +2 per '%', -3 per trailing ','
};

/// A parsed number format; no sections means General.
struct NumberFormat {
  std::vector<FormatSection> sections;
};

/// Parses a format code as found in styles.xml ("#,##0.00;[Red]-#,##0.00"). Never fails:
/// what it does not know is read as literal text or, for fractions, as General.
NumberFormat parse_number_format(std::string_view code);

/// The format code of a built-in number format id (the ids a style may use without declaring
/// them): "0.00" for 2, "#,##0" for 3; date ids give a date code; unknown ids "General".
std::string_view builtin_format_code(int id);

/// `value` as `format` prints it: "0.00" for 0 with "0.00", "6,296" for 6296 with "#,##0",
/// "12.5%" for 0.125 with "0.0%". Rounds half away from zero on the 15 significant digits a
/// spreadsheet keeps, as spreadsheets do.
std::string format_number(double value, const NumberFormat& format);

/// `value` as the General format prints it: up to 15 significant digits, no trailing zeros.
std::string general_number(double value);

}  // namespace gongkai::sheet
