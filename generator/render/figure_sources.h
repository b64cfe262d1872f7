// Where a figure is printed: the row of a report page that holds a cell, as a link, so that a
// figure derived from it (a comparison, a sum of units) can point at its source
// (docs/compare.md, "Traceable figures").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/data.h"
#include "render/row_anchors.h"

namespace gongkai {

/// One printed cell's row on its report page.
struct FigureSource {
  /// "dept/2023/budget/index.html#table-function-2012604", from the site root.
  std::string target;
  /// The row's name or code as printed, for the link's title.
  std::string row_text;
};

/// Finds the rows of one table's cells.
class TableSources {
 public:
  /// `table` is a table of the report whose page is `report_page` ("dept/2023/budget/index.html").
  TableSources(const Table& table, std::string report_page);
  /// The row that holds `cell`, or nullopt when the cell is not one of the table's.
  std::optional<FigureSource> find(const Cell* cell) const;
  /// The sources of every cell of `cells` that is the table's.
  std::vector<FigureSource> find_all(const std::vector<const Cell*>& cells) const;

 private:
  const Table& table_;
  std::string page_;
  RowAnchors anchors_;
};

}  // namespace gongkai
