// The text of a published PDF, as text extraction gives it, read into rows of cells: one row a
// line, cells split at tabs (a table's columns), each cell with its FILE:LINE:COL.
#pragma once

#include <string>
#include <string_view>

#include "import/source_grid.h"

namespace gongkai {

/// Splits `text` into lines (LF or CRLF) and each line at its tabs. A line with a tab is a grid
/// row (`SourceRow::grid`); a line of white space only is a row without cells. Cells are
/// trimmed of ASCII and ideographic spaces; COL counts characters from 1, at the cell's first
/// character after trimming (its tab position when the cell is empty).
SourceGrid read_text(std::string_view text, const std::string& shown_name);

}  // namespace gongkai
