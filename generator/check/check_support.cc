#include "check/check_support.h"

namespace gongkai {

void FindingLog::held(const std::vector<const Cell*>& cells) const {
  if (!coverage_) return;
  for (const Cell* cell : cells) coverage_->add(cell);
}

std::string cell_reference(const Table& table, const Row& row, int column) {
  return table.id + "[" + row_reference(table, row) + "]." +
         table.columns[static_cast<std::size_t>(column)].key;
}

std::string check_row_label(const Table& table, const Side& side, const Row& row) {
  std::string label;
  for (int c : side.columns) {
    const Column& column = table.columns[static_cast<std::size_t>(c)];
    if (column.holds_figures()) break;
    const Cell& cell = row.cells[static_cast<std::size_t>(c)];
    if (cell.kind != CellKind::text || cell.text.empty()) continue;
    if (!label.empty()) label += ' ';
    label += cell.text;
  }
  return label.empty() ? "row #" + std::to_string(row.number) : label;
}

std::string check_column_label(const Table& table, int index) {
  const Column& column = table.columns[static_cast<std::size_t>(index)];
  int same = 0;
  for (const Column& other : table.columns) same += other.label == column.label ? 1 : 0;
  std::string label = column.label.empty() ? column.key : column.label;
  if (same < 2) return label;
  std::string path;
  for (const std::string& group : column.groups) path += group + " ";
  return path + label;
}

void add_part(PartSum& total, const Cell& cell, bool exact, bool record) {
  if (!cell.has_figure()) return;
  auto sum = add(total.sum, cell.figure);
  auto tolerance = exact ? std::optional<Decimal>(total.tolerance)
                         : add(total.tolerance, cell.figure.half_unit());
  if (!sum || !tolerance) {
    total.overflow = true;
    return;
  }
  total.sum = *sum;
  total.tolerance = *tolerance;
  ++total.figures;
  if (record) total.cells.push_back(&cell);
}

Decimal half_unit_at(int scale) {
  if (scale >= 0) return Decimal(5, scale + 1);
  long long units = 5;
  for (int i = 1; i < -scale; ++i) units *= 10;
  return Decimal(units, 0);
}

std::string unlike_pinned(const Decimal& pinned, const Decimal& found) {
  std::string text = ", not the acknowledged difference " + pinned.format();
  if (pinned.abs() == found.abs()) text += " (it is " + found.format() + " now: the other way)";
  return text;
}

Finding finding_at(const Named& named, const Side& side, const Row& row, int column,
                   const std::string& detail, const Decimal& difference) {
  const Cell& cell = row.cells[static_cast<std::size_t>(column)];
  std::string reference = cell_reference(named.table, row, column);
  std::string alias = named.table.id + "[#" + std::to_string(row.number) + "]." +
                      named.table.columns[static_cast<std::size_t>(column)].key;
  Finding f;
  f.where = {named.table.where.path, cell.where.line, cell.where.column};
  f.message = named.name + ": " + check_row_label(named.table, side, row) + " " +
              check_column_label(named.table, column) + " is " + cell.figure.format() + " but " +
              detail + " [" + reference + "]";
  f.alias = alias == reference ? "" : alias;
  f.reference = std::move(reference);
  f.difference = difference;
  return f;
}

void compare_sum(const Named& named, const Side& side, const Row& row, int column,
                 const PartSum& parts, const std::string& what, FindingLog& log,
                 const std::string& verb) {
  const Cell& cell = row.cells[static_cast<std::size_t>(column)];
  if (!cell.has_figure() || parts.figures == 0 || parts.overflow) return;
  bool exact = named.table.columns[static_cast<std::size_t>(column)].type == ColumnType::score;
  auto difference = subtract(cell.figure, parts.sum);
  if (!difference) return;
  std::vector<const Cell*> cells;
  if (log.recording()) {
    cells = parts.cells;
    cells.push_back(&cell);
  }
  Decimal allowed = exact ? Decimal() : parts.tolerance;
  if (difference->abs() <= allowed) return log.held(cells);
  Finding f = finding_at(named, side, row, column,
                         what + " " + verb + " " + parts.sum.format() + " (difference " +
                             difference->abs().format() + ")",
                         *difference);
  f.cells = std::move(cells);
  log.add(std::move(f));
}

std::string squeezed(const std::string& text) {
  static const std::string kIdeographicSpace = "\xE3\x80\x80";
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n') continue;
    if (text.compare(i, kIdeographicSpace.size(), kIdeographicSpace) == 0) {
      i += kIdeographicSpace.size() - 1;
      continue;
    }
    out += text[i];
  }
  return out;
}

}  // namespace gongkai
