#include "import/import_form.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>

#include "import/import_rows.h"
#include "import/import_text.h"

namespace gongkai {
namespace {

const std::string& text_at(const SourceRow& row, int c) {
  static const std::string kEmpty;
  return c >= 0 && static_cast<std::size_t>(c) < row.cells.size()
             ? row.cells[static_cast<std::size_t>(c)].text
             : kEmpty;
}

/// A label as the skeleton writes it, without the * that marks a required column or the colon
/// a form prints after a field's label.
std::string leaf_label(const std::string& label) {
  std::string plain = normalized_label(label);
  if (plain.starts_with("*")) plain = plain.substr(1);
  if (plain.ends_with(":")) plain.pop_back();  // 项目编码：
  return plain;
}

/// A part of the form being filled: its leaves, which printed column holds each, its rows.
struct PartFill {
  const ImportJson* skeleton = nullptr;
  std::vector<Leaf> leaves;
  std::map<int, std::size_t> column_leaf;  // printed column → leaf
  SideFill fill;
};

PartFill make_part(const ImportJson& part) {
  PartFill out;
  out.skeleton = &part;
  out.leaves = leaves_of(part);
  for (std::size_t l = 0; l < out.leaves.size(); ++l) out.fill.leaves.push_back(l);
  for (const ImportJson& row : part["rows"]) out.fill.skeleton_rows.push_back(row);
  out.fill.skeleton_used.assign(out.fill.skeleton_rows.size(), false);
  return out;
}

/// The labels of a part's header: its leaves' and its groups'.
std::vector<std::string> header_labels(const PartFill& part) {
  std::vector<std::string> labels;
  for (const Leaf& leaf : part.leaves) {
    labels.push_back(leaf_label(leaf.label));
    for (const std::string& group : leaf.groups) labels.push_back(leaf_label(group));
  }
  return labels;
}

/// Whether most printed cells of `row` from column `from` on are labels of the part's header.
bool is_header_of(const SourceRow& row, int from, const PartFill& part) {
  std::vector<std::string> labels = header_labels(part);
  int cells = 0, known = 0;
  for (std::size_t c = static_cast<std::size_t>(from); c < row.cells.size(); ++c) {
    if (row.cells[c].text.empty()) continue;
    ++cells;
    if (std::find(labels.begin(), labels.end(), leaf_label(row.cells[c].text)) != labels.end())
      ++known;
  }
  return cells > 0 && known * 2 > cells;
}

void map_header_labels(const SourceRow& row, int from, PartFill& part);

/// Maps the printed columns of a header row onto the part's leaves, in order: a leaf label
/// printed in a column takes that column; a leaf with no label takes the first empty column
/// after the part's title.
void read_header(const SourceRow& row, int from, PartFill& part) {
  map_header_labels(row, from, part);
  // Leaves printed without a label (项目资金 's item names) lie just left of the first labelled.
  for (std::size_t l = part.leaves.size(); l-- > 1;) {
    auto mapped = std::find_if(part.column_leaf.begin(), part.column_leaf.end(),
                               [&](const auto& entry) { return entry.second == l; });
    bool before_mapped = std::none_of(part.column_leaf.begin(), part.column_leaf.end(),
                                      [&](const auto& entry) { return entry.second == l - 1; });
    if (mapped == part.column_leaf.end() || !before_mapped) continue;
    int column = mapped->first - 1;
    if (column >= from && !part.column_leaf.count(column) && text_at(row, column).empty())
      part.column_leaf[column] = l - 1;
  }
}

void map_header_labels(const SourceRow& row, int from, PartFill& part) {
  std::vector<bool> used(part.leaves.size(), false);
  for (const auto& [column, leaf] : part.column_leaf) used[leaf] = true;
  for (int c = from; c < static_cast<int>(row.cells.size()); ++c) {
    std::string label = leaf_label(text_at(row, c));
    for (std::size_t l = 0; l < part.leaves.size(); ++l) {
      if (used[l]) continue;
      bool empty_leaf = leaf_label(part.leaves[l].label).empty();
      if ((label.empty() && empty_leaf && c == from) ||
          (!label.empty() && leaf_label(part.leaves[l].label) == label)) {
        part.column_leaf[c] = l;
        used[l] = true;
        break;
      }
    }
  }
}

/// Without a printed header, the part's leaves lie in order from column `from`.
void default_columns(PartFill& part, int from) {
  for (std::size_t l = 0; l < part.leaves.size(); ++l)
    part.column_leaf[from + static_cast<int>(l)] = l;
}

std::vector<std::string> texts(const SourceRow& row) {
  std::vector<std::string> out;
  for (const SourceCell& cell : row.cells) out.push_back(cell.text);
  return out;
}

void log_alignment(const SourceRow& row, Alignment alignment, ImportLog& log) {
  if (alignment.shift == 0) return;
  std::string where = row.where;
  if (alignment.from < static_cast<int>(row.cells.size()))
    where = row.cells[static_cast<std::size_t>(alignment.from)].where;
  log.unplaced.push_back(
      {where, "from here on the row was printed " + std::to_string(std::abs(alignment.shift)) +
                  " column(s) to the " + (alignment.shift < 0 ? "right" : "left") +
                  " of its header; read as moved back: check it"});
}

/// The cells of a data row of the part, its columns from `first` on. Text printed in the first
/// column, where the part has no column (a 总分 or 金额合计 spanning the label columns), is
/// the row's label, in the part's first column.
ImportJson part_cells(const SourceRow& row, int first, PartFill& part, ImportLog& log) {
  std::optional<std::string> label;
  if (first == 0 && !part.column_leaf.count(0) && !text_at(row, 0).empty()) {
    std::vector<std::string> labels = header_labels(part);
    bool names_part =
        std::find(labels.begin(), labels.end(), leaf_label(text_at(row, 0))) != labels.end();
    int label_column = -1;
    for (const auto& [column, leaf] : part.column_leaf) {
      if (leaf == 0) label_column = column;
    }
    if (!names_part && text_at(row, label_column).empty()) label = text_at(row, 0);
    if (names_part || label) first = 1;
  }
  auto leaf_at = [&](int column) -> const Leaf* {
    auto leaf = part.column_leaf.find(column);
    return leaf == part.column_leaf.end() ? nullptr : &part.leaves[leaf->second];
  };
  Alignment alignment = best_alignment(texts(row), first, leaf_at, true);
  log_alignment(row, alignment, log);
  std::vector<std::optional<ImportJson>> values(part.leaves.size());
  if (label && !part.leaves.empty()) values[0] = ImportJson(plain_cell_text(*label));
  for (int c = first; c < static_cast<int>(row.cells.size()); ++c) {
    const std::string& text = text_at(row, c);
    if (text.empty()) continue;
    auto leaf = part.column_leaf.find(c >= alignment.from ? c + alignment.shift : c);
    if (leaf == part.column_leaf.end() || values[leaf->second]) {
      log.unplaced.push_back({row.cells[static_cast<std::size_t>(c)].where,
                              "\"" + text + "\" is under no column of the part"});
      continue;
    }
    values[leaf->second] = cell_value(text, part.leaves[leaf->second].type);
  }
  ImportJson cells = ImportJson::object();
  for (std::size_t l = 0; l < part.leaves.size(); ++l) {
    if (values[l]) cells[part.leaves[l].key] = *values[l];
  }
  return cells;
}

/// A text cell cut by a page break: the first row of a page holding one text cell that the row
/// before also fills is the rest of that cell.
bool continues_text(const ImportJson& cells, PartFill& part) {
  if (cells.size() != 1 || part.fill.rows.empty()) return false;
  const std::string& key = cells.begin().key();
  ImportJson& last = part.fill.rows.back()["cells"];
  if (!cells.begin()->is_string() || !last.contains(key) || !last[key].is_string()) return false;
  last[key] = last[key].get<std::string>() + cells.begin()->get<std::string>();
  return true;
}

/// The part whose title (or, for an untitled part, first column label) is printed at `label`.
std::optional<std::size_t> part_titled(const std::vector<PartFill>& parts,
                                       const std::string& label) {
  if (label.empty()) return std::nullopt;
  for (std::size_t p = 0; p < parts.size(); ++p) {
    std::string title = leaf_label(parts[p].skeleton->value("title", ""));
    if (!title.empty() && title == label) return p;
  }
  return std::nullopt;
}

std::optional<std::size_t> part_with_header(const std::vector<PartFill>& parts,
                                            const SourceRow& row) {
  for (std::size_t p = 0; p < parts.size(); ++p) {
    if (is_header_of(row, 0, parts[p]) || is_header_of(row, 1, parts[p])) return p;
  }
  return std::nullopt;
}

/// Reads label–value pairs into the form's fields: a printed field label, then the next
/// non-empty cell that is not itself a label.
void read_fields(const SourceRow& row, ImportJson& fields, ImportLog& log) {
  std::vector<std::string> labels;
  for (const ImportJson& field : fields) labels.push_back(leaf_label(field.value("label", "")));
  for (std::size_t c = 0; c < row.cells.size(); ++c) {
    std::string label = leaf_label(row.cells[c].text);
    auto at = std::find(labels.begin(), labels.end(), label);
    if (label.empty() || at == labels.end()) continue;
    std::size_t v = c + 1;
    while (v < row.cells.size() && row.cells[v].text.empty()) ++v;
    if (v >= row.cells.size() ||
        std::find(labels.begin(), labels.end(), leaf_label(row.cells[v].text)) != labels.end())
      continue;
    const std::string& value = row.cells[v].text;
    ImportJson& field = fields[static_cast<std::size_t>(at - labels.begin())];
    // A field is a figure only when it is an amount (项目金额); 项目编码 and 绩效自评年度 are
    // printed digits, not figures.
    std::optional<std::string> digits = printed_figure(value);
    bool amount =
        label.find("金额") != std::string::npos || label.find("资金") != std::string::npos;
    field["value"] = digits && amount ? figure_json(*digits) : ImportJson(plain_cell_text(value));
    c = v;
  }
  (void)log;
}

void finish_part(PartFill& part, ImportJson& out) {
  settle_sums(part.fill.rows, false);
  out["rows"] = part.fill.rows;
}

/// Keeps the checks whose row references all name rows printed.
ImportJson printed_checks(const ImportJson& checks, const ImportJson& table) {
  std::set<std::string> ids;
  for (const ImportJson& part : table["parts"])
    for (const std::string& id : ids_of(part["rows"]))
      ids.insert(part["id"].get<std::string>() + "[" + id + "]");
  ImportJson kept = ImportJson::array();
  for (const ImportJson& check : checks) {
    std::string expression = check.value("assert", "");
    bool all = true;
    for (std::size_t open = expression.find('['); open != std::string::npos;
         open = expression.find('[', open + 1)) {
      std::size_t start = open;
      while (start > 0 && (std::isalnum(static_cast<unsigned char>(expression[start - 1])) ||
                           expression[start - 1] == '-' || expression[start - 1] == '_'))
        --start;
      std::size_t close = expression.find(']', open);
      std::string reference = expression.substr(start, close - start + 1);
      if (reference.find('*') != std::string::npos || reference.find("..") != std::string::npos)
        continue;
      all = all && ids.count(reference) > 0;
    }
    if (all) kept.push_back(check);
  }
  return kept;
}

}  // namespace

ImportJson import_form(const SourceTable& source, const ImportJson& skeleton, const std::string& id,
                       ImportLog& log) {
  ImportJson table = skeleton;
  table["id"] = id;
  std::vector<PartFill> parts;
  for (const ImportJson& part : table["parts"]) parts.push_back(make_part(part));
  ImportJson fields = table.value("fields", ImportJson::array());
  std::optional<std::size_t> current;
  int first = 1;
  for (const auto& page : source.pages) {
    for (const SourceRow& row : page) {
      bool page_start = &row == &page.front() && &page != &source.pages.front();
      std::optional<std::size_t> titled = part_titled(parts, leaf_label(text_at(row, 0)));
      if (titled) {
        current = titled;
        first = 1;
        if (is_header_of(row, 1, parts[*current])) {
          read_header(row, 1, parts[*current]);
          continue;
        }
        if (row.cells.size() <= 1) continue;
        if (parts[*current].column_leaf.empty()) default_columns(parts[*current], 1);
      } else if (std::optional<std::size_t> headed = part_with_header(parts, row)) {
        current = headed;
        first = is_header_of(row, 0, parts[*current]) ? 0 : 1;
        read_header(row, first, parts[*current]);
        continue;
      } else if (!current) {
        read_fields(row, fields, log);
        continue;
      }
      PartFill& part = parts[*current];
      if (part.column_leaf.empty()) default_columns(part, first);
      if (!titled && row.cells.size() == 1) {
        log.unplaced.push_back(
            {row.where,
             "\"" + row.cells[0].text + "\" is a line of its own inside the form; left out"});
        continue;
      }
      int from = titled ? 1 : 0;
      ImportJson cells = part_cells(row, from, part, log);
      if (cells.empty()) continue;
      if (page_start && continues_text(cells, part)) continue;
      log.figures += count_figures(cells);
      ++log.rows;
      add_row(part.fill, std::move(cells), row.where, part.leaves);
    }
  }
  if (!fields.empty()) table["fields"] = fields;
  for (std::size_t p = 0; p < parts.size(); ++p) finish_part(parts[p], table["parts"][p]);
  if (table.contains("checks")) table["checks"] = printed_checks(table["checks"], table);
  if (!source.unit.empty()) table["unit"] = source.unit;
  ++log.tables;
  return table;
}

}  // namespace gongkai
