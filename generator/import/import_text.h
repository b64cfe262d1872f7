// Reading printed text for `gongkai import`: labels compared as printed whatever the spaces,
// brackets and quotes; figures as printed, without their separators; codes.
#pragma once

#include <optional>
#include <string>

namespace gongkai {

/// `text` without spaces (ASCII, ideographic, tabs) and with full-width brackets, colons and
/// curly quotes made plain, for comparing labels: "项目资金（元）" and "项目资金 (元)" agree.
std::string normalized_label(const std::string& text);

/// The figure a printed cell holds, as JSON number text, exactly as printed without its
/// thousands separators and stray spaces: "6,296" → "6296", "1, 371" → "1371", "0.00" stays
/// "0.00", "-0.14" → "-0.14", full-width "５０" → "50". nullopt when the cell is not a figure:
/// text, a dash, empty, or digits with a leading zero (00100, an identifier).
std::optional<std::string> printed_figure(const std::string& printed);

/// Whether a cell prints a dash for "nothing" (—, –, -, --, －, ——).
bool is_dash(const std::string& text);

/// Whether `text` is a classification code: 3, 5 or 7 digits.
bool is_code(const std::string& text);

/// `text` without HTML fragments as PDF extraction leaves them in cells: <p> and <br> become
/// line breaks, other tags go, $\geq$-style maths becomes ≥ ≤ < > %, and runs of spaces
/// between Chinese characters are closed.
std::string plain_cell_text(const std::string& text);

/// Whether `text` names a 栏次 or 行次 label.
bool is_serial_label(const std::string& text);

}  // namespace gongkai
