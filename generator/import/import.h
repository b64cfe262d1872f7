// `gongkai import`: published documents (the text of a PDF, CSV files, workbooks) into a
// report's KIND.json and KIND.md. Each printed table is found by its title (or, printed without
// one, by its header) among the tables of `gongkai new`'s skeleton of that kind, and filled
// from its printed rows; a table the skeleton does not know gets columns from its header; the
// lines around the tables become the narrative. What cannot be placed is listed with its place
// in the source, for an editor to finish by hand. Figures are never invented: a cell is
// written as printed or not at all.
#pragma once

#include <string>
#include <vector>

#include "import/import_table.h"
#include "import/scaffold.h"
#include "import/source_grid.h"

namespace gongkai {

/// What an import made and what it left.
/// A table as imported, for the report: where it was printed and what it holds.
struct ImportedTable {
  std::string caption;  ///< "表1 收支总表", or the id and title of a form's item
  std::string where;    ///< the place of its title (or first row) in the source
  int rows = 0;
  int figures = 0;
};

struct ImportResult {
  std::string json;      ///< KIND.json
  std::string markdown;  ///< KIND.md
  ImportLog log;
  std::vector<ImportedTable> tables;  ///< in printed order
  /// Tables of the skeleton the source does not print (left out of KIND.json).
  std::vector<std::string> not_printed;
};

/// Imports the rows of `sources` (in order, as one document) into the report of `skeleton`.
ImportResult import_report(const std::vector<SourceGrid>& sources, const ReportSkeleton& skeleton);

}  // namespace gongkai
