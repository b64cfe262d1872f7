// One printed table into gongkai's JSON: the skeleton table of `gongkai new` whose title it
// prints, its columns matched by the printed header, its rows read line by line with codes,
// budget units and the standard rows' ids and sums; or, for a table no skeleton knows, columns
// built from the printed header tree.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "import/import_json.h"
#include "import/source_tables.h"

namespace gongkai {

/// Something of the source the importer could not place, or placed on a guess an editor should
/// look at: `where` is the source's FILE:LINE:COL or FILE:SHEET!B7.
struct ImportFinding {
  std::string where;
  std::string message;
};

/// What an import found and left, for its report.
struct ImportLog {
  std::vector<ImportFinding> unplaced;
  int tables = 0;
  int rows = 0;
  int figures = 0;
};

/// Names of function classification codes (2xx) printed anywhere in the document (normalized name →
/// the levels of the codes of that name: 1 for 3 digits, 2 for 5, 3 for 7), which give the level of
/// a 收支总表's lines that print names without codes. A name may be a 款's and a 项's both
/// (其他一般公共服务支出, 20199 and 2019999).
using CodeNames = std::map<std::string, std::set<int>>;

/// Collects the code–name pairs of every table of the document.
CodeNames code_names(const SourceDocument& document);

/// The header rows of a table: its first rows up to the first that prints a figure or a code,
/// less its 栏次 and serial-number rows.
std::vector<SourceRow> header_rows(const SourceTable& table);

/// The number of columns of the widest row of the table.
std::size_t table_width(const SourceTable& table);

/// Tables wider than this are not imported: no printed table comes near it.
constexpr std::size_t kMaxImportedColumns = 256;

/// The rows of the table as printed once: its header, then the rows of every page without the
/// header printed again at the top of later pages.
std::vector<SourceRow> printed_rows(const SourceTable& table);

/// Whether the table's printed header has the columns of `skeleton` (a grid table of the
/// skeleton): the same number of leaf columns and most of their labels the same.
bool header_matches(const SourceTable& table, const ImportJson& skeleton);

/// The skeleton table filled from `source`. Rows the skeleton names (本年收入合计, 合计, the
/// unit row) keep their id and sums; skeleton rows not printed are left out; cells that fall
/// in no column are logged.
ImportJson import_grid(const SourceTable& source, const ImportJson& skeleton,
                       const CodeNames& codes, ImportLog& log);

/// A table no skeleton knows, with columns built from its printed header (groups and leaves),
/// id `id`.
ImportJson import_unknown_grid(const SourceTable& source, const std::string& id, ImportLog& log);

}  // namespace gongkai
