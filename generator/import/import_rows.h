// The rows of a skeleton table being filled by `gongkai import`, shared by grids and forms:
// the skeleton's leaf columns, a printed cell's value for a column, and the skeleton's rows
// (本年收入合计, 合计, 总分 …) found again among the printed rows by their labels.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "import/import_json.h"

namespace gongkai {

/// A leaf column of a skeleton table (or part), in printed order across its sides.
struct Leaf {
  std::string key;
  std::string label;
  std::string type;
  std::vector<std::string> groups;
  std::size_t side = 0;
  bool merge = false;
};

/// amount, number, percent and score columns hold figures.
bool holds_figures(const std::string& type);

/// The leaves of a table, a side-by-side table (sides in order) or a form's part.
std::vector<Leaf> leaves_of(const ImportJson& table);

/// A printed cell's value for a column of `type`: a figure as printed, "—" for a dash, text
/// in a figure column as {"text": …}; nullopt when the cell is empty.
std::optional<ImportJson> cell_value(const std::string& text, const std::string& type);

/// The label of a row: the normalized text of its first text cell (not a code, not a figure).
std::string row_label(const ImportJson& cells, const std::vector<Leaf>& leaves,
                      const std::vector<std::size_t>& side_leaves);

/// Whether the row names a budget unit (an agency cell) and no code.
bool has_agency(const ImportJson& cells, const std::vector<Leaf>& leaves,
                const std::vector<std::size_t>& side_leaves);

/// The number of figures among `cells`.
int count_figures(const ImportJson& cells);

/// One side of a table (or one part of a form) being filled.
struct SideFill {
  std::vector<std::size_t> leaves;  ///< indices into the table's leaves
  std::vector<ImportJson> skeleton_rows;
  std::vector<bool> skeleton_used;
  ImportJson rows = ImportJson::array();
  std::vector<bool> from_skeleton;
  std::vector<std::string> where;
};

/// The skeleton row a printed row is: the same label, or for a unit row the skeleton's unit
/// row. Each skeleton row is used once.
std::optional<std::size_t> skeleton_row(SideFill& side, const ImportJson& cells,
                                        const std::vector<Leaf>& leaves);

/// Appends a printed row, with the id, level and sums of its skeleton row when it has one.
void add_row(SideFill& side, ImportJson cells, const std::string& where,
             const std::vector<Leaf>& leaves);

/// How a printed row lies under the header: the cells from column `from` on belong `shift`
/// columns further right (negative: left). Text extraction of merged cells drops or adds
/// empty cells, which moves the rest of the row.
struct Alignment {
  int from = 0;
  int shift = 0;
};

/// The alignment that puts the row's figures under figure columns, every cell under some
/// column and no text under a figure column, moving as little as possible; {0, 0} when the row
/// fits as printed. `leaf_at(column)` is the leaf under a printed column, or nullptr. Cells
/// before column `first` are not considered. With `contiguous` (a form's rows, whose label
/// columns are merged), of alignments that fit equally well the one leaving the fewest empty
/// columns between the row's cells is taken.
Alignment best_alignment(const std::vector<std::string>& cells, int first,
                         const std::function<const Leaf*(int)>& leaf_at, bool contiguous);

/// Ids that rows of `rows` carry.
std::set<std::string> ids_of(const ImportJson& rows);

/// A skeleton row's list of parts cut to the parts printed; a 合计 marked `total` becomes the
/// sum of the codes when codes are printed.
void settle_sums(ImportJson& rows, bool has_codes);

}  // namespace gongkai
