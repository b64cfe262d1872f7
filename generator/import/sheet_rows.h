// What the sheet and CSV readers share: trimming a cell's text and closing a row the way every
// source's rows are shaped (source_grid.h).
#pragma once

#include <string>
#include <string_view>

#include "import/source_grid.h"

namespace gongkai::sheet {

/// `text` without the white space around it: ASCII spaces, tabs and line breaks, no-break
/// spaces (U+00A0) and ideographic spaces (U+3000).
std::string trim_cell(std::string_view text);

/// Drops the row's trailing empty cells (all of them for an empty row) and marks it a grid row
/// when two or more cells are left: a single cell is a line of prose (a title, 单位：万元).
void finish_row(SourceRow& row);

/// Appends the UTF-8 encoding of `code_point` to `out`.
void append_utf8(std::string& out, char32_t code_point);

}  // namespace gongkai::sheet
