// The tables and the prose of a source, told apart: `gongkai import` reads a document's text
// (or a workbook's sheets) as rows, and this finds each printed table — its number, title,
// department and unit lines, its grid continued over pages with the header printed again, and
// the notes under it — leaving every other line as the narrative.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "import/source_grid.h"

namespace gongkai {

/// One printed table, its pages joined.
struct SourceTable {
  std::string number;      ///< "表1" as printed without spaces; empty when none is printed
  std::string title;       ///< as printed; empty for a grid printed without a title
  std::string where;       ///< the title's place, or the first grid row's
  std::string department;  ///< from 部门名称：/部门：/单位名称： above the grid
  std::string unit;        ///< from 单位：万元 or 金额单位：元
  /// The grid rows of each page: a new page starts where the grid was interrupted (a blank
  /// line, or the title printed again). Headers printed again are still there.
  std::vector<std::vector<SourceRow>> pages;
  std::vector<SourceRow> notes;  ///< 注：… and the lines under it, as printed
  std::vector<SourceRow> other;  ///< lines between title and grid that are none of the above
};

/// A source cut into its tables and the prose around them, in the order printed.
struct SourceDocument {
  std::vector<SourceTable> tables;
  /// Every row that is not part of a table, blank rows included (they separate paragraphs).
  std::vector<SourceRow> prose;
};

/// What the importer knows of the tables it may meet: whether a line names one, and whether a
/// table of that title is printed once per item (a project's form), so that the title printed
/// again starts a new table instead of continuing the last.
struct TableTitles {
  std::function<bool(const std::string&)> known;
  std::function<bool(const std::string&)> repeats_per_item;
};

/// Whether a line is one printed between a title and its grid: 部门名称：…, 部门：…, 单位：万元,
/// 金额单位：元, 2023 年度.
bool is_meta_line(const std::string& text);

/// Finds the tables of `grid`. A title is a line (or a grid row of one cell) that names a known
/// table, or a short line ending in 表, when a grid follows it with only department, unit and
/// year lines between. A grid with no title before it is a table without a title.
SourceDocument find_tables(const SourceGrid& grid, const TableTitles& titles);

}  // namespace gongkai
