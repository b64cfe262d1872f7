#include "import/import_rows.h"

#include <algorithm>
#include <set>
#include <utility>

#include "import/import_text.h"

namespace gongkai {

/// A leaf column of a skeleton table, in printed order across its sides.

bool holds_figures(const std::string& type) {
  return type == "amount" || type == "number" || type == "percent" || type == "score";
}

namespace {

void flatten(const ImportJson& columns, const std::vector<std::string>& groups, std::size_t side,
             std::vector<Leaf>& out) {
  for (const ImportJson& column : columns) {
    if (column.contains("columns")) {
      std::vector<std::string> inner = groups;
      inner.push_back(column.value("label", ""));
      flatten(column["columns"], inner, side, out);
    } else {
      out.push_back({column.value("key", ""), column.value("label", ""),
                     column.value("type", "text"), groups, side, column.value("merge", false)});
    }
  }
}

}  // namespace

std::vector<Leaf> leaves_of(const ImportJson& table) {
  std::vector<Leaf> leaves;
  if (table.contains("sides")) {
    for (std::size_t s = 0; s < table["sides"].size(); ++s)
      flatten(table["sides"][s]["columns"], {}, s, leaves);
  } else if (table.contains("columns")) {
    flatten(table["columns"], {}, 0, leaves);
  }
  return leaves;
}

/// A cell's value for a column of `type`, as the JSON of a cell.
std::optional<ImportJson> cell_value(const std::string& text, const std::string& type) {
  if (text.empty()) return std::nullopt;
  if (holds_figures(type)) {
    if (std::optional<std::string> digits = printed_figure(text)) return figure_json(*digits);
    if (is_dash(text)) return ImportJson("—");
    return ImportJson{{"text", plain_cell_text(text)}};
  }
  if (is_dash(text) && type != "text") return ImportJson("—");
  return ImportJson(plain_cell_text(text));
}

/// The label of a row: its first text cell (not a code, not a figure).
std::string row_label(const ImportJson& cells, const std::vector<Leaf>& leaves,
                      const std::vector<std::size_t>& side_leaves) {
  // A merged column (the unit of a 三公 block, an indicator's 一级指标) names a group of rows;
  // the row's own label is its first text cell outside one, if it has any.
  for (bool merged : {false, true}) {
    for (std::size_t l : side_leaves) {
      const Leaf& leaf = leaves[l];
      if (holds_figures(leaf.type) || leaf.type == "code" || leaf.type == "agency" ||
          leaf.merge != merged)
        continue;
      if (cells.contains(leaf.key) && cells[leaf.key].is_string())
        return normalized_label(cells[leaf.key].get<std::string>());
    }
  }
  return "";
}

bool has_agency(const ImportJson& cells, const std::vector<Leaf>& leaves,
                const std::vector<std::size_t>& side_leaves) {
  bool agency = false, code = false;
  for (std::size_t l : side_leaves) {
    if (!cells.contains(leaves[l].key)) continue;
    agency = agency || leaves[l].type == "agency";
    code = code || leaves[l].type == "code";
  }
  return agency && !code;
}

int count_figures(const ImportJson& cells) {
  int n = 0;
  for (const auto& [key, value] : cells.items()) n += is_figure_json(value) ? 1 : 0;
  return n;
}

/// The skeleton row a printed row is: the same label, or for a unit row (预算单位 printed,
/// no code) the skeleton's unit row. Each skeleton row is used once.
std::optional<std::size_t> skeleton_row(SideFill& side, const ImportJson& cells,
                                        const std::vector<Leaf>& leaves) {
  std::string label = row_label(cells, leaves, side.leaves);
  bool unit = label.empty() && has_agency(cells, leaves, side.leaves);
  for (std::size_t i = 0; i < side.skeleton_rows.size(); ++i) {
    if (side.skeleton_used[i]) continue;
    const ImportJson& candidate = side.skeleton_rows[i];
    if (!candidate.contains("cells") || candidate["cells"].empty()) continue;
    std::string candidate_label = row_label(candidate["cells"], leaves, side.leaves);
    bool candidate_unit =
        candidate_label.empty() && has_agency(candidate["cells"], leaves, side.leaves);
    if ((unit && candidate_unit) || (!label.empty() && candidate_label == label)) {
      side.skeleton_used[i] = true;
      return i;
    }
  }
  return std::nullopt;
}

/// A skeleton row already used whose label the printed row repeats: the same line of the next
/// budget unit's block (its 2023 年, its 增减变化金额).
std::optional<std::size_t> repeated_skeleton_row(const SideFill& side, const ImportJson& cells,
                                                 const std::vector<Leaf>& leaves) {
  std::string label = row_label(cells, leaves, side.leaves);
  if (label.empty()) return std::nullopt;
  for (std::size_t i = 0; i < side.skeleton_rows.size(); ++i) {
    const ImportJson& candidate = side.skeleton_rows[i];
    if (side.skeleton_used[i] && candidate.contains("cells") &&
        row_label(candidate["cells"], leaves, side.leaves) == label)
      return i;
  }
  return std::nullopt;
}

/// The value of a merged column, printed once over its rows: an empty cell of the column takes
/// the value of the row above, as long as the merged columns before it were not printed
/// anew in this row (a new 一级指标 starts a group whose 二级 columns are its own).
void carry_merged(const SideFill& side, ImportJson& cells, const std::vector<Leaf>& leaves) {
  ImportJson ordered = ImportJson::object();
  bool group_printed = false;
  for (std::size_t l : side.leaves) {
    const Leaf& leaf = leaves[l];
    if (cells.contains(leaf.key)) {
      ordered[leaf.key] = cells[leaf.key];
      group_printed = group_printed || leaf.merge;
      continue;
    }
    if (!leaf.merge || group_printed || side.rows.empty()) continue;
    const ImportJson& above = side.rows.back();
    if (above.contains("cells") && above["cells"].contains(leaf.key))
      ordered[leaf.key] = above["cells"][leaf.key];
  }
  cells = std::move(ordered);
}

void add_row(SideFill& side, ImportJson cells, const std::string& where,
             const std::vector<Leaf>& leaves) {
  ImportJson row = ImportJson::object();
  std::optional<std::size_t> match = skeleton_row(side, cells, leaves);
  if (match) {
    for (const auto& [key, value] : side.skeleton_rows[*match].items()) {
      if (key != "cells") row[key] = value;
    }
  } else if (std::optional<std::size_t> repeat = repeated_skeleton_row(side, cells, leaves)) {
    // Its kind (signed, level, total), not its id, nor sums naming rows of another block.
    for (const auto& [key, value] : side.skeleton_rows[*repeat].items()) {
      if (key != "cells" && key != "id" && !(key == "sum_of" && value.is_array())) row[key] = value;
    }
  }
  carry_merged(side, cells, leaves);
  row["cells"] = std::move(cells);
  side.rows.push_back(std::move(row));
  side.from_skeleton.push_back(match.has_value());
  side.where.push_back(where);
}

namespace {

constexpr std::size_t kMaxAlignedCells = 64;

/// How well the row fits under `alignment`: figures under figure columns, no text under them,
/// every cell under a column; then, among equal fits, the fewest empty columns between the
/// first and the last cell. nullopt when two cells would fall in one column.
std::optional<std::pair<int, int>> fit(const std::vector<std::string>& cells, int first,
                                       Alignment alignment,
                                       const std::function<const Leaf*(int)>& leaf_at) {
  int score = 0;
  std::set<int> taken;
  for (int c = first; c < static_cast<int>(cells.size()); ++c) {
    const std::string& text = cells[static_cast<std::size_t>(c)];
    if (text.empty()) continue;
    int column = c >= alignment.from ? c + alignment.shift : c;
    if (!taken.insert(column).second) return std::nullopt;
    const Leaf* leaf = leaf_at(column);
    if (!leaf) {
      score -= 5;
    } else if (holds_figures(leaf->type)) {
      score += printed_figure(text) ? 2 : (is_dash(text) ? 1 : -6);
    }
  }
  int holes = 0;
  if (!taken.empty()) {
    for (int column = *taken.begin(); column < *taken.rbegin(); ++column)
      holes += !taken.count(column) && leaf_at(column) ? 1 : 0;
  }
  return std::make_pair(score, -holes);
}

}  // namespace

Alignment best_alignment(const std::vector<std::string>& cells, int first,
                         const std::function<const Leaf*(int)>& leaf_at, bool contiguous) {
  Alignment best;
  // No printed table is this wide; a longer line is not searched (the search is quadratic).
  if (cells.size() > kMaxAlignedCells) return best;
  auto best_fit = fit(cells, first, best, leaf_at);
  if (best_fit && !contiguous) best_fit->second = 0;
  int width = static_cast<int>(cells.size());
  for (int shift : {1, -1, 2, -2, 3, -3}) {
    for (int from = width; from >= first; --from) {
      auto score = fit(cells, first, {from, shift}, leaf_at);
      if (score && !contiguous) score->second = 0;
      if (score && (!best_fit || *score > *best_fit)) {
        best = {from, shift};
        best_fit = score;
      }
    }
  }
  return best;
}

/// Ids that rows of `rows` carry.
std::set<std::string> ids_of(const ImportJson& rows) {
  std::set<std::string> ids;
  for (const ImportJson& row : rows) {
    if (row.contains("id")) ids.insert(row["id"].get<std::string>());
  }
  return ids;
}

/// A skeleton row's list of parts that were not printed is cut to those that were; a skeleton
/// 合计 marked `total` becomes the sum of the codes once codes are printed.
void settle_sums(ImportJson& rows, bool has_codes) {
  std::set<std::string> ids = ids_of(rows);
  for (ImportJson& row : rows) {
    if (has_codes && row.value("total", false) && !row.contains("sum_of")) {
      ImportJson ordered = ImportJson::object();
      for (const auto& [key, value] : row.items()) {
        if (key == "total") {
          ordered["sum_of"] = "codes";
        } else {
          ordered[key] = value;
        }
      }
      row = std::move(ordered);
    }
    if (!row.contains("sum_of") || !row["sum_of"].is_array()) continue;
    ImportJson kept = ImportJson::array();
    for (const ImportJson& part : row["sum_of"]) {
      if (ids.count(part.get<std::string>())) kept.push_back(part);
    }
    if (kept.empty()) {
      row.erase("sum_of");
    } else {
      row["sum_of"] = kept;
    }
  }
}

}  // namespace gongkai
