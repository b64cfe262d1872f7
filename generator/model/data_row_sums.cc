// What each row of a side adds up (Row::parts), once the side's rows are all read: parent codes
// their child codes, and rows with "sum_of" their children, the rows above, the 3-digit codes,
// the unit rows or the rows they list. The checks then compare each sum with its parts.
#include <map>
#include <utility>

#include "model/data_reader.h"

namespace gongkai::data_reader {
namespace {

/// Rows by unit block and code, each the index of the first row with that code in that block.
using CodeIndex = std::map<std::pair<int, std::string>, int>;

/// " in unit block \"NAME\"" for a block of a unit row, "" outside any: codes repeat per block.
std::string block_suffix(const Side& side, int block) {
  const Row* unit = unit_row_of(side, block);
  return unit ? " in unit block \"" + unit->agency + "\"" : "";
}

/// Indexes the side's coded rows by block and code, reporting a code repeated in a block.
CodeIndex index_codes(Reader& reader, const Side& side, std::size_t code_column) {
  CodeIndex seen;
  for (std::size_t i = 0; i < side.rows.size(); ++i) {
    const Row& row = side.rows[i];
    if (row.code.empty()) continue;
    auto [it, inserted] = seen.emplace(std::make_pair(row.block, row.code), static_cast<int>(i));
    if (inserted) continue;
    const Row& first = side.rows[static_cast<std::size_t>(it->second)];
    reader.error(position_of(row.cells[code_column].where),
                 "duplicate code " + row.code + " (first at " +
                     at_text(first.cells[code_column].where) + ")" + block_suffix(side, row.block));
  }
  return seen;
}

/// Makes row `i` a part of the row of its parent code (its code less two digits) in its block,
/// reporting a missing parent. A repeated code (reported already) is not added twice.
void link_parent(Reader& reader, Side& side, const CodeIndex& seen, std::size_t i,
                 std::size_t code_column) {
  Row& row = side.rows[i];
  if (row.code.size() <= 3) return;
  std::string parent = row.code.substr(0, row.code.size() - 2);
  auto it = seen.find({row.block, parent});
  if (it == seen.end()) {
    reader.error(
        position_of(row.cells[code_column].where),
        "code " + row.code + " has no parent row " + parent + block_suffix(side, row.block));
    return;
  }
  std::vector<int>& siblings = side.rows[static_cast<std::size_t>(it->second)].parts;
  if (seen.at({row.block, row.code}) == static_cast<int>(i))
    siblings.push_back(static_cast<int>(i));
}

/// The rows one level deeper than row `i` that follow it, up to the next row at its level or
/// above.
std::vector<int> children_of(const Side& side, std::size_t i) {
  std::vector<int> out;
  int level = side.rows[i].level;
  for (std::size_t j = i + 1; j < side.rows.size() && side.rows[j].level > level; ++j) {
    if (side.rows[j].level == level + 1) out.push_back(static_cast<int>(j));
  }
  return out;
}

/// The rows at row `i`'s level above it that are not sums, up to the previous "above" sum.
std::vector<int> rows_above(const Side& side, std::size_t i) {
  std::vector<int> out;
  int level = side.rows[i].level;
  for (std::size_t j = i; j-- > 0;) {
    const Row& r = side.rows[j];
    if (r.sum == RowSum::above) break;
    if (r.level == level && !r.total) out.insert(out.begin(), static_cast<int>(j));
  }
  return out;
}

std::vector<int> unit_rows(const Side& side) {
  std::vector<int> out;
  for (std::size_t j = 0; j < side.rows.size(); ++j) {
    if (side.rows[j].unit) out.push_back(static_cast<int>(j));
  }
  return out;
}

/// The 3-digit code rows of unit block `block`, or of the whole side for block -1.
std::vector<int> top_codes(const Side& side, int block) {
  std::vector<int> out;
  for (std::size_t j = 0; j < side.rows.size(); ++j) {
    const Row& r = side.rows[j];
    if (r.code.size() == 3 && (block < 0 || r.block == block)) out.push_back(static_cast<int>(j));
  }
  return out;
}

/// The index in side `side_index` of the row `ref` names — a row id, "UNIT/CODE", "#N" or a
/// code that occurs once in the side — or -1 when it names none there.
int find_in_side(const Table& table, int side_index, const std::string& ref,
                 const GridIndex& grid) {
  if (auto it = grid.row_ids.find(ref); it != grid.row_ids.end()) {
    return it->second.side == side_index ? it->second.row : -1;
  }
  if (ref.find('/') != std::string::npos) {
    std::optional<RowPosition> at = find_row(table, ref);
    return at && at->side == side_index ? at->row : -1;
  }
  const Side& side = table.sides[static_cast<std::size_t>(side_index)];
  int found = -1;
  for (std::size_t j = 0; j < side.rows.size(); ++j) {
    if (ref == "#" + std::to_string(side.rows[j].number)) return static_cast<int>(j);
    if (side.rows[j].code != ref) continue;
    if (found >= 0) return -1;
    found = static_cast<int>(j);
  }
  return found;
}

/// The rows a "sum_of" list names, each reported when it names no row of the side.
std::vector<int> listed_rows(Reader& reader, const Table& table, int side_index, const Value& list,
                             const GridIndex& grid) {
  std::vector<int> out;
  for (const Value& item : list.items) {
    if (!reader.expect_type(item, "sum_of", Type::string)) continue;
    int row = find_in_side(table, side_index, item.text, grid);
    if (row < 0) {
      reader.error(item.position, "\"sum_of\" names no row \"" + item.text + "\" of this side");
      continue;
    }
    out.push_back(row);
  }
  return out;
}

/// The rows row `i` adds up by the kind of its "sum_of"; `sum_list` is its list for
/// RowSum::listed.
std::vector<int> parts_by_sum(Reader& reader, const Table& table, const Side& side, int side_index,
                              std::size_t i, const Value* sum_list, const GridIndex& grid) {
  switch (side.rows[i].sum) {
    case RowSum::none:
      break;
    case RowSum::children:
      return children_of(side, i);
    case RowSum::above:
      return rows_above(side, i);
    case RowSum::codes:
      return top_codes(side, side.rows[i].block);
    case RowSum::listed:
      return listed_rows(reader, table, side_index, *sum_list, grid);
    case RowSum::units:
      return unit_rows(side);
  }
  return {};
}

/// What to report when a "sum_of" of kind `sum` finds no rows; "" when that is no mistake in
/// itself (no rows above; listed rows that name none are reported one by one).
std::string_view no_parts_problem(RowSum sum) {
  switch (sum) {
    case RowSum::children:
      return "\"sum_of\": \"children\" but no row one level deeper follows";
    case RowSum::codes:
      return "\"sum_of\": \"codes\" but there are no 3-digit code rows to add";
    case RowSum::units:
      return "\"sum_of\": \"units\" but this side has no unit rows";
    case RowSum::none:
    case RowSum::above:
    case RowSum::listed:
      break;
  }
  return "";
}

/// Sets the parts of row `i` when it has a "sum_of"; a row without one keeps the parts its code
/// or its unit gave it (link_codes, link_unit_blocks).
void resolve_row_sum(Reader& reader, const Table& table, Side& side, int side_index, std::size_t i,
                     const Value* sum_list, const GridIndex& grid) {
  Row& row = side.rows[i];
  if (row.sum == RowSum::none) return;
  row.parts = parts_by_sum(reader, table, side, side_index, i, sum_list, grid);
  std::string_view problem = no_parts_problem(row.sum);
  if (row.parts.empty() && !problem.empty()) {
    reader.error(position_of(row.where), std::string(problem));
  }
}

}  // namespace

void link_codes(Reader& reader, Side& side) {
  if (side.code_column < 0) return;
  std::size_t code_column = static_cast<std::size_t>(side.code_column);
  CodeIndex seen = index_codes(reader, side, code_column);
  for (std::size_t i = 0; i < side.rows.size(); ++i) {
    link_parent(reader, side, seen, i, code_column);
  }
}

void resolve_row_sums(Reader& reader, Table& table, int side_index,
                      const std::vector<const Value*>& sum_lists, const GridIndex& grid) {
  Side& side = table.sides[static_cast<std::size_t>(side_index)];
  for (std::size_t i = 0; i < side.rows.size(); ++i) {
    resolve_row_sum(reader, table, side, side_index, i, sum_lists[i], grid);
  }
}

}  // namespace gongkai::data_reader
