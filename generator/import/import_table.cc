#include "import/import_table.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <set>

#include "import/import_rows.h"
#include "import/import_text.h"

namespace gongkai {
namespace {

const std::string& cell_text(const SourceRow& row, std::size_t c) {
  static const std::string kEmpty;
  return c < row.cells.size() ? row.cells[c].text : kEmpty;
}

/// 栏次 rows and rows of serial numbers 1, 2, 3 … under a header.
bool is_serial_row(const SourceRow& row) {
  int expected = 1;
  bool numbers_only = true;
  for (const SourceCell& cell : row.cells) {
    if (is_serial_label(cell.text)) return true;
    if (cell.text.empty()) continue;
    if (cell.text != std::to_string(expected)) numbers_only = false;
    ++expected;
  }
  return numbers_only && expected > 2;
}

bool is_data_row(const SourceRow& row) {
  if (is_serial_row(row)) return false;
  for (std::size_t c = 0; c < row.cells.size(); ++c) {
    const std::string& text = row.cells[c].text;
    if (is_code(text) || (c > 0 && printed_figure(text))) return true;
  }
  return false;
}

/// The rows before the first data row of the first page: the header as printed.
std::vector<SourceRow> header_block(const SourceTable& table) {
  std::vector<SourceRow> block;
  if (table.pages.empty()) return block;
  for (const SourceRow& row : table.pages[0]) {
    if (is_data_row(row)) break;
    block.push_back(row);
  }
  return block;
}

bool same_row(const SourceRow& a, const SourceRow& b) {
  std::size_t n = std::max(a.cells.size(), b.cells.size());
  for (std::size_t c = 0; c < n; ++c) {
    if (normalized_label(cell_text(a, c)) != normalized_label(cell_text(b, c))) return false;
  }
  return true;
}

/// A body row and whether it starts a page (after a break in the grid).
struct BodyRow {
  const SourceRow* row;
  bool page_start;
};

/// The data rows of every page: the header block of the first page, and the header printed
/// again at the top of each later page, left out.
std::vector<BodyRow> body_rows(const SourceTable& table) {
  std::vector<SourceRow> header = header_block(table);
  std::vector<BodyRow> body;
  for (std::size_t p = 0; p < table.pages.size(); ++p) {
    const std::vector<SourceRow>& page = table.pages[p];
    std::size_t i = p == 0 ? header.size() : 0;
    while (p > 0 && i < page.size() && !is_data_row(page[i]) &&
           (is_serial_row(page[i]) ||
            std::any_of(header.begin(), header.end(),
                        [&](const SourceRow& h) { return same_row(h, page[i]); })))
      ++i;
    for (bool first = true; i < page.size(); ++i, first = false)
      body.push_back({&page[i], first && p > 0});
  }
  return body;
}

/// The printed path of each column of the header: the labels above it, outermost first, and
/// its own label last (the lowest label printed in that column).
std::vector<std::vector<std::string>> column_paths(const std::vector<SourceRow>& header,
                                                   std::size_t width) {
  std::vector<std::vector<std::string>> paths(width);
  for (std::size_t c = 0; c < width; ++c) {
    int leaf_row = -1;
    for (std::size_t r = 0; r < header.size(); ++r) {
      if (!cell_text(header[r], c).empty()) leaf_row = static_cast<int>(r);
    }
    for (int r = 0; r < leaf_row; ++r) {
      for (std::size_t k = c + 1; k-- > 0;) {
        const std::string& text = cell_text(header[static_cast<std::size_t>(r)], k);
        if (text.empty()) continue;
        paths[c].push_back(text);
        break;
      }
    }
    paths[c].push_back(leaf_row < 0 ? ""
                                    : cell_text(header[static_cast<std::size_t>(leaf_row)], c));
  }
  return paths;
}

std::size_t width_of(const SourceTable& table) {
  std::size_t width = 0;
  for (const auto& page : table.pages)
    for (const SourceRow& row : page) width = std::max(width, row.cells.size());
  return width;
}

/// For each source column, the skeleton leaf it holds, or -1.
std::vector<int> map_columns(const std::vector<std::vector<std::string>>& paths,
                             const std::vector<Leaf>& leaves) {
  std::vector<int> map(paths.size(), -1);
  if (paths.size() == leaves.size()) {
    for (std::size_t c = 0; c < paths.size(); ++c) map[c] = static_cast<int>(c);
    return map;
  }
  std::vector<bool> used(leaves.size(), false);
  for (std::size_t c = 0; c < paths.size(); ++c) {
    std::string label = normalized_label(paths[c].back());
    for (std::size_t l = 0; l < leaves.size(); ++l) {
      if (used[l] || label.empty() || normalized_label(leaves[l].label) != label) continue;
      map[c] = static_cast<int>(l);
      used[l] = true;
      break;
    }
  }
  return map;
}

int label_agreement(const std::vector<std::vector<std::string>>& paths,
                    const std::vector<Leaf>& leaves) {
  int agree = 0;
  for (std::size_t c = 0; c < paths.size() && c < leaves.size(); ++c) {
    std::string printed = normalized_label(paths[c].back());
    if (printed.empty() || printed == normalized_label(leaves[c].label)) ++agree;
  }
  return agree;
}

/// Chinese ordinal and "、" at the start: 一、一般公共服务支出.
bool has_ordinal(const std::string& label) {
  static const std::string kNumerals = "一二三四五六七八九十";
  std::size_t i = 0;
  while (i + 3 <= label.size() && kNumerals.find(label.substr(i, 3)) != std::string::npos) i += 3;
  return i > 0 && label.compare(i, 1, ",") == 0;
}

/// "1. 一般公共预算拨款", "(一)…": a numbered line under an ordinal line.
bool has_sub_number(const std::string& label) {
  std::size_t i = 0;
  while (i < label.size() && label[i] >= '0' && label[i] <= '9') ++i;
  if (i > 0 && i < label.size() && (label[i] == '.' || label[i] == ',')) return true;
  return label.starts_with("(") && label.find(')') != std::string::npos && label.find(')') < 12;
}

/// The level of line `i` named by codes of `levels`: the shallowest, or when the line above has
/// the same name and one of those levels, the next deeper (a 项 named as its 款).
int level_of_name(const std::set<int>& levels, const SideFill& side, std::size_t i,
                  const std::vector<Leaf>& leaves) {
  if (i > 0 && side.rows[i - 1].contains("cells")) {
    const ImportJson& above = side.rows[i - 1];
    if (row_label(above["cells"], leaves, side.leaves) ==
        row_label(side.rows[i]["cells"], leaves, side.leaves)) {
      auto deeper = levels.upper_bound(above.value("level", 1));
      if (deeper != levels.end()) return *deeper;
    }
  }
  return *levels.begin();
}

/// Levels of the lines of a two-sided table's side the skeleton does not know: ordinal lines
/// are classes; numbered lines under them, and names of codes printed elsewhere in the
/// document (款 and 项 by the length of their code), are deeper. Lines whose level cannot be
/// told are logged.
void infer_levels(SideFill& side, const std::vector<Leaf>& leaves, const CodeNames& codes,
                  ImportLog& log) {
  bool under_class = false;
  for (std::size_t i = 0; i < side.rows.size(); ++i) {
    ImportJson& row = side.rows[i];
    if (side.from_skeleton[i] || !row.contains("cells")) {
      under_class = under_class && !side.from_skeleton[i];
      continue;
    }
    std::string label = row_label(row["cells"], leaves, side.leaves);
    if (has_ordinal(label)) {
      under_class = true;
      continue;
    }
    if (!under_class || label.empty()) continue;
    int level = 0;
    if (has_sub_number(label)) level = 2;
    auto code = codes.find(label);
    if (code != codes.end()) level = level_of_name(code->second, side, i, leaves);
    if (level == 0) {
      log.unplaced.push_back({side.where[i], "cannot tell the level of \"" + label +
                                                 "\" (no code of that name in the document); "
                                                 "set its \"level\" and its parent's \"sum_of\""});
      continue;
    }
    if (level > 1) {
      ImportJson ordered = {{"level", level}};
      for (const auto& [key, value] : row.items()) ordered[key] = value;
      row = std::move(ordered);
    }
  }
}

int level_of(const ImportJson& row) { return row.value("level", 1); }

/// A line followed by deeper lines adds them up, unless the skeleton said otherwise.
void add_children_sums(SideFill& side) {
  for (std::size_t i = 0; i + 1 < side.rows.size(); ++i) {
    ImportJson& row = side.rows[i];
    if (side.from_skeleton[i] || !row.contains("cells") || row.contains("sum_of")) continue;
    const ImportJson& next = side.rows[i + 1];
    if (next.contains("cells") && level_of(next) > level_of(row)) {
      ImportJson ordered = ImportJson::object();
      for (const auto& [key, value] : row.items()) {
        if (key == "cells") ordered["sum_of"] = "children";
        ordered[key] = value;
      }
      row = std::move(ordered);
    }
  }
}

/// Text cells split over a page break: the first row of a page printing no figure and no label,
/// only text under columns the row before also fills, is the rest of those cells.
bool continues_cell(const BodyRow& body, const ImportJson& cells, const SideFill& side,
                    const std::vector<Leaf>& leaves) {
  if (!body.page_start || cells.empty() || side.rows.empty() || !side.rows.back().contains("cells"))
    return false;
  const ImportJson& last = side.rows.back()["cells"];
  std::string label_key;
  for (std::size_t l : side.leaves) {
    if (leaves[l].type == "text" && !leaves[l].merge) {
      label_key = leaves[l].key;
      break;
    }
  }
  for (const auto& item : cells.items()) {
    const std::string& key = item.key();
    const ImportJson& value = item.value();
    auto leaf =
        std::find_if(leaves.begin(), leaves.end(), [&](const Leaf& l) { return l.key == key; });
    if (leaf == leaves.end() || leaf->type != "text" || leaf->merge || key == label_key ||
        !value.is_string() || !last.contains(key) || !last[key].is_string())
      return false;
  }
  return true;
}

bool all_dashes(const SourceRow& row) {
  bool any = false;
  for (const SourceCell& cell : row.cells) {
    if (cell.text.empty()) continue;
    if (!is_dash(cell.text)) return false;
    any = true;
  }
  return any;
}

/// The cells of `row` that belong to side `s`; cells outside every column are logged.
ImportJson side_cells(const SourceRow& row, const std::vector<int>& map,
                      const std::vector<Leaf>& leaves, std::size_t s, Alignment alignment,
                      ImportLog& log) {
  ImportJson cells = ImportJson::object();
  for (std::size_t c = 0; c < row.cells.size(); ++c) {
    const std::string& text = row.cells[c].text;
    if (text.empty()) continue;
    int column = static_cast<int>(c) >= alignment.from ? static_cast<int>(c) + alignment.shift
                                                       : static_cast<int>(c);
    int l = column >= 0 && static_cast<std::size_t>(column) < map.size()
                ? map[static_cast<std::size_t>(column)]
                : -1;
    if (l < 0) {
      if (s == 0)
        log.unplaced.push_back(
            {row.cells[c].where, "\"" + text + "\" is under no column of the table"});
      continue;
    }
    const Leaf& leaf = leaves[static_cast<std::size_t>(l)];
    if (leaf.side != s) continue;
    std::optional<ImportJson> value = cell_value(text, leaf.type);
    if (leaf.type == "code" && !is_code(text)) {
      // 合计 printed in the code column: it is the row's name.
      auto name = std::find_if(leaves.begin(), leaves.end(), [&](const Leaf& other) {
        return other.side == s && other.type == "text";
      });
      if (name != leaves.end() && !cells.contains(name->key))
        cells[name->key] = plain_cell_text(text);
      continue;
    }
    if (value) cells[leaf.key] = *value;
  }
  // Keep the printed column order.
  ImportJson ordered = ImportJson::object();
  for (const Leaf& leaf : leaves) {
    if (leaf.side == s && cells.contains(leaf.key)) ordered[leaf.key] = cells[leaf.key];
  }
  return ordered;
}

/// Sets the label of the leaf column `key` among `columns` (groups searched too).
bool set_label(ImportJson& columns, const std::string& key, const std::string& label) {
  for (ImportJson& column : columns) {
    if (column.contains("columns") && set_label(column["columns"], key, label)) return true;
    if (column.value("key", "") == key) {
      column["label"] = label;
      return true;
    }
  }
  return false;
}

std::string without_digits(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c < '0' || c > '9') out += c;
  }
  return out;
}

/// A column keeps the label printed above it where it differs from the skeleton's: the figures
/// are as printed, and so is what they are. A label that differs only in its year (2023 年预算数
/// in a report imported as 2019) is logged once: the year given to --into may be wrong.
void keep_printed_labels(ImportJson& table, const std::vector<std::vector<std::string>>& paths,
                         const std::vector<int>& map, const std::vector<Leaf>& leaves,
                         const std::string& where, ImportLog& log) {
  bool year_logged = false;
  for (std::size_t c = 0; c < map.size() && c < paths.size(); ++c) {
    if (map[c] < 0) continue;
    const Leaf& leaf = leaves[static_cast<std::size_t>(map[c])];
    std::string printed = plain_cell_text(paths[c].back());
    if (printed.empty() || normalized_label(printed) == normalized_label(leaf.label)) continue;
    if (table.contains("sides")) {
      set_label(table["sides"][leaf.side]["columns"], leaf.key, printed);
    } else {
      set_label(table["columns"], leaf.key, printed);
    }
    if (!year_logged &&
        without_digits(normalized_label(printed)) == without_digits(normalized_label(leaf.label))) {
      log.unplaced.push_back(
          {where, "the header prints \"" + printed +
                      "\" where a report of "
                      "this year has \"" +
                      leaf.label + "\"; the printed label is kept: is the year of --into right?"});
      year_logged = true;
    }
  }
}

/// The alignment of a row under the header (see best_alignment), logged when not as printed.
Alignment align(const SourceRow& row, const std::vector<int>& map, const std::vector<Leaf>& leaves,
                ImportLog& log) {
  std::vector<std::string> texts;
  for (const SourceCell& cell : row.cells) texts.push_back(cell.text);
  // A coded row comes from a finance system's grid, never moved by extraction; an odd cell in
  // it (a figure in brackets) stays where it is printed, as text.
  if (std::any_of(texts.begin(), texts.end(), [](const std::string& t) { return is_code(t); }))
    return {};
  auto leaf_at = [&](int column) -> const Leaf* {
    if (column < 0 || static_cast<std::size_t>(column) >= map.size() ||
        map[static_cast<std::size_t>(column)] < 0)
      return nullptr;
    return &leaves[static_cast<std::size_t>(map[static_cast<std::size_t>(column)])];
  };
  Alignment alignment = best_alignment(texts, 0, leaf_at, false);
  if (alignment.shift != 0) {
    std::size_t from = static_cast<std::size_t>(alignment.from);
    log.unplaced.push_back({from < row.cells.size() ? row.cells[from].where : row.where,
                            "from here on the row was printed " +
                                std::to_string(std::abs(alignment.shift)) + " column(s) to the " +
                                (alignment.shift < 0 ? "right" : "left") +
                                " of its header; read as moved back: check it"});
  }
  return alignment;
}

std::vector<std::string> note_texts(const SourceTable& table) {
  std::vector<std::string> notes;
  for (const SourceRow& row : table.notes) {
    std::string text;
    for (const SourceCell& cell : row.cells) text += cell.text;
    for (std::string_view prefix : {"注：", "注:", "备注：", "备注:", "附注：", "附注:"}) {
      if (text.starts_with(prefix)) {
        text = text.substr(prefix.size());
        break;
      }
    }
    text = plain_cell_text(text);
    if (!text.empty()) notes.push_back(text);
  }
  return notes;
}

bool all_zero(const ImportJson& rows) {
  bool any = false;
  for (const ImportJson& row : rows) {
    if (!row.contains("cells")) continue;
    for (const auto& [key, value] : row["cells"].items()) {
      if (!is_figure_json(value)) continue;
      any = true;
      std::string digits = figure_digits(value);
      if (digits.find_first_not_of("0.-") != std::string::npos) return false;
    }
  }
  return any;
}

/// Whether any row of the table (either side) holds a figure.
bool any_figure(const ImportJson& table) {
  auto in_rows = [](const ImportJson& rows) {
    return std::any_of(rows.begin(), rows.end(), [](const ImportJson& row) {
      return row.contains("cells") && count_figures(row["cells"]) > 0;
    });
  };
  if (!table.contains("sides")) return in_rows(table["rows"]);
  return std::any_of(table["sides"].begin(), table["sides"].end(),
                     [&](const ImportJson& side) { return in_rows(side["rows"]); });
}

bool says_no_activity(const std::vector<std::string>& notes) {
  return std::any_of(notes.begin(), notes.end(), [](const std::string& note) {
    return note.find("无发生额") != std::string::npos || note.find("无数据") != std::string::npos;
  });
}

bool has_code_rows(const ImportJson& rows) {
  return std::any_of(rows.begin(), rows.end(), [](const ImportJson& row) {
    return row.contains("cells") && row["cells"].contains("code");
  });
}

}  // namespace

CodeNames code_names(const SourceDocument& document) {
  CodeNames names;
  for (const SourceTable& table : document.tables) {
    for (const auto& page : table.pages) {
      for (const SourceRow& row : page) {
        for (std::size_t c = 0; c + 1 < row.cells.size(); ++c) {
          // Function classes only (2xx): a 收支总表 prints those, and economic codes (30113
          // 住房公积金) share their names.
          if (is_code(row.cells[c].text) && row.cells[c].text[0] == '2' &&
              !row.cells[c + 1].text.empty())
            names[normalized_label(row.cells[c + 1].text)].insert(
                static_cast<int>(row.cells[c].text.size() - 1) / 2);
        }
      }
    }
  }
  return names;
}

std::vector<SourceRow> header_rows(const SourceTable& table) {
  std::vector<SourceRow> rows;
  for (const SourceRow& row : header_block(table)) {
    if (!is_serial_row(row)) rows.push_back(row);
  }
  return rows;
}

std::size_t table_width(const SourceTable& table) { return width_of(table); }

std::vector<SourceRow> printed_rows(const SourceTable& table) {
  std::vector<SourceRow> rows = header_block(table);
  for (const BodyRow& body : body_rows(table)) rows.push_back(*body.row);
  return rows;
}

bool header_matches(const SourceTable& table, const ImportJson& skeleton) {
  std::vector<Leaf> leaves = leaves_of(skeleton);
  std::vector<SourceRow> header = header_rows(table);
  if (header.empty() || leaves.empty()) return false;
  auto paths = column_paths(header, width_of(table));
  return paths.size() == leaves.size() &&
         label_agreement(paths, leaves) * 4 >= static_cast<int>(leaves.size()) * 3;
}

namespace {

/// The sides of the skeleton table being filled: their leaves and their skeleton rows.
std::vector<SideFill> sides_of(const ImportJson& skeleton, const std::vector<Leaf>& leaves) {
  bool two_sided = skeleton.contains("sides");
  std::vector<SideFill> sides(two_sided ? skeleton["sides"].size() : 1);
  for (std::size_t s = 0; s < sides.size(); ++s) {
    for (std::size_t l = 0; l < leaves.size(); ++l) {
      if (leaves[l].side == s) sides[s].leaves.push_back(l);
    }
    const ImportJson& rows = two_sided ? skeleton["sides"][s]["rows"] : skeleton["rows"];
    for (const ImportJson& row : rows) sides[s].skeleton_rows.push_back(row);
    sides[s].skeleton_used.assign(sides[s].skeleton_rows.size(), false);
  }
  return sides;
}

/// Adds one printed line to the sides: its cells on each side, a blank `{}` where a side of a
/// two-sided table prints nothing on it, or the rest of a text cell cut by a page break.
void add_line(const BodyRow& body, std::vector<ImportJson>& per_side, std::vector<SideFill>& sides,
              const std::vector<Leaf>& leaves, ImportLog& log) {
  bool two_sided = sides.size() > 1;
  for (std::size_t s = 0; s < sides.size(); ++s) {
    SideFill& side = sides[s];
    ImportJson& cells = per_side[s];
    if (!two_sided && continues_cell(body, cells, side, leaves)) {
      for (const auto& [key, value] : cells.items()) {
        ImportJson& last = side.rows.back()["cells"][key];
        last = last.get<std::string>() + value.get<std::string>();
      }
      continue;
    }
    log.figures += count_figures(cells);
    if (cells.empty()) {
      if (!two_sided) continue;
      side.rows.push_back(ImportJson::object());
      side.from_skeleton.push_back(false);
      side.where.push_back(body.row->where);
      continue;
    }
    add_row(side, std::move(cells), body.row->where, leaves);
    ++log.rows;
  }
}

/// Reads every printed line of `source` into the sides.
void read_lines(const SourceTable& source, const std::vector<int>& map,
                const std::vector<Leaf>& leaves, std::vector<SideFill>& sides, ImportLog& log) {
  for (const BodyRow& body : body_rows(source)) {
    if (all_dashes(*body.row)) {
      log.unplaced.push_back({body.row->where, "a row of dashes only; left out"});
      continue;
    }
    bool any = false;
    std::vector<ImportJson> per_side;
    Alignment alignment = align(*body.row, map, leaves, log);
    for (std::size_t s = 0; s < sides.size(); ++s) {
      per_side.push_back(side_cells(*body.row, map, leaves, s, alignment, log));
      any = any || !per_side.back().empty();
    }
    if (any) add_line(body, per_side, sides, leaves, log);
  }
}

/// `"empty": true` (before the columns) for a table whose figures are all zero, or that has
/// none, and whose notes say it has no activity (本表本年无发生额).
void mark_empty(ImportJson& table, bool zeros, const std::vector<std::string>& notes) {
  if (!(zeros || !any_figure(table)) || !says_no_activity(notes)) return;
  ImportJson ordered = ImportJson::object();
  for (const auto& [key, value] : table.items()) {
    if (key == "columns" || key == "sides") ordered["empty"] = true;
    ordered[key] = value;
  }
  table = std::move(ordered);
}

}  // namespace

ImportJson import_grid(const SourceTable& source, const ImportJson& skeleton,
                       const CodeNames& codes, ImportLog& log) {
  std::vector<Leaf> leaves = leaves_of(skeleton);
  auto paths = column_paths(header_rows(source), width_of(source));
  std::vector<int> map = map_columns(paths, leaves);
  std::vector<SideFill> sides = sides_of(skeleton, leaves);
  read_lines(source, map, leaves, sides, log);
  ImportJson table = skeleton;
  keep_printed_labels(table, paths, map, leaves, source.where, log);
  if (!source.unit.empty()) table["unit"] = source.unit;
  bool two_sided = sides.size() > 1, zeros = true;
  for (std::size_t s = 0; s < sides.size(); ++s) {
    if (two_sided) {
      infer_levels(sides[s], leaves, codes, log);
      add_children_sums(sides[s]);
    }
    // Blank lines at the end of a side pair nothing.
    while (!sides[s].rows.empty() && sides[s].rows.back().empty())
      sides[s].rows.erase(sides[s].rows.size() - 1);
    settle_sums(sides[s].rows, has_code_rows(sides[s].rows));
    zeros = zeros && all_zero(sides[s].rows);
    (two_sided ? table["sides"][s]["rows"] : table["rows"]) = sides[s].rows;
  }
  std::vector<std::string> notes = note_texts(source);
  table["notes"] = notes;
  mark_empty(table, zeros, notes);
  ++log.tables;
  return table;
}

/// The type of a column no skeleton knows: `code` for a 科目编码 column (the first only: a
/// table has one classification), else `amount` where most of its cells print figures.
std::string guessed_type(const std::vector<BodyRow>& body, std::size_t c, const std::string& label,
                         bool& code_taken) {
  std::string name = normalized_label(label);
  if (!code_taken && name.find("科目") != std::string::npos &&
      (name.find("编码") != std::string::npos || name.find("代码") != std::string::npos)) {
    code_taken = true;
    return "code";
  }
  for (const char* identifier : {"编码", "代码", "编号", "序号"}) {
    if (name.find(identifier) != std::string::npos) return "text";  // 项目编码: digits, no sum
  }
  int figures = 0, texts = 0;
  for (const BodyRow& row : body) {
    const std::string& text = cell_text(*row.row, c);
    if (text.empty()) continue;
    if (printed_figure(text)) {
      ++figures;
    } else {
      ++texts;
    }
  }
  return figures > 0 && figures >= texts ? "amount" : "text";
}

/// Columns [from, to) of the printed header tree at `depth`: a run of columns under the same
/// group label becomes a group of them, the others leaves.
ImportJson column_tree(const std::vector<std::vector<std::string>>& paths,
                       const std::vector<std::string>& types, std::size_t from, std::size_t to,
                       std::size_t depth) {
  ImportJson columns = ImportJson::array();
  for (std::size_t c = from; c < to;) {
    if (paths[c].size() <= depth + 1) {
      ImportJson leaf = {{"key", "c" + std::to_string(c + 1)},
                         {"label", plain_cell_text(paths[c].back())}};
      if (types[c] != "text") leaf["type"] = types[c];
      columns.push_back(leaf);
      ++c;
      continue;
    }
    std::size_t end = c + 1;
    while (end < to && paths[end].size() > depth + 1 && paths[end][depth] == paths[c][depth]) ++end;
    columns.push_back({{"label", plain_cell_text(paths[c][depth])},
                       {"columns", column_tree(paths, types, c, end, depth + 1)}});
    c = end;
  }
  return columns;
}

ImportJson import_unknown_grid(const SourceTable& source, const std::string& id, ImportLog& log) {
  std::size_t width = width_of(source);
  auto paths = column_paths(header_rows(source), width);
  std::vector<BodyRow> body = body_rows(source);
  std::vector<std::string> types;
  bool code_taken = false;
  for (std::size_t c = 0; c < width; ++c)
    types.push_back(guessed_type(body, c, paths[c].back(), code_taken));
  ImportJson columns = column_tree(paths, types, 0, width, 0);
  ImportJson skeleton = {{"id", id},
                         {"title", source.title.empty() ? "（未命名表格）" : source.title}};
  if (!source.number.empty()) skeleton["number"] = source.number;
  skeleton["unit"] = source.unit.empty() ? "万元" : source.unit;
  skeleton["columns"] = columns;
  skeleton["rows"] = ImportJson::array();
  skeleton["notes"] = ImportJson::array();
  log.unplaced.push_back({source.where,
                          "no table of gongkai's skeleton has this title or header; "
                          "columns were made from the printed header: check their "
                          "types and sums"});
  return import_grid(source, skeleton, {}, log);
}

}  // namespace gongkai
