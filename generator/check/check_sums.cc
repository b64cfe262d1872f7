// The structural checks (docs/data-format.md, "Automatic checks" 1–5): totals the layout of a
// table declares — code hierarchies, unit rows, department totals, "sum_of" rows and columns —
// must equal the sums of their parts, and an empty table must hold no amount.
#include "check/check_sums.h"

namespace gongkai {
namespace {

PartSum sum_rows(const Side& side, const std::vector<int>& rows, int column, bool record) {
  PartSum total;
  for (int r : rows) {
    add_part(total, side.rows[static_cast<std::size_t>(r)].cells[static_cast<std::size_t>(column)],
             false, record);
  }
  return total;
}

std::string row_sum_phrase(const Row& row) {
  switch (row.sum) {
    case RowSum::children:
      return "its children";
    case RowSum::above:
      return "the rows above";
    case RowSum::codes:
      return "its codes";
    case RowSum::listed:
      return "its rows";
    case RowSum::units:
      return "its units";
    case RowSum::none:
      break;
  }
  return row.code.empty() ? "its codes" : "its children";
}

void check_row_sums(const Named& named, const Side& side, FindingLog& log) {
  for (const Row& row : side.rows) {
    if (row.parts.empty()) continue;
    for (int c : side.columns) {
      if (!named.table.columns[static_cast<std::size_t>(c)].additive) continue;
      compare_sum(named, side, row, c, sum_rows(side, row.parts, c, log.recording()),
                  row_sum_phrase(row), log);
    }
  }
}

void check_column_sums(const Named& named, const Side& side, FindingLog& log) {
  for (int c : side.columns) {
    const Column& column = named.table.columns[static_cast<std::size_t>(c)];
    if (column.sum_of.empty()) continue;
    std::string what;
    for (int part : column.sum_of) {
      what += (what.empty() ? "" : " + ") + check_column_label(named.table, part);
    }
    for (const Row& row : side.rows) {
      // A rate of change (增减率) of the total is not the sum of the items' rates.
      if (row.code.empty() && row_role(row_key(named.table.columns, side, row)) == RowRole::rate)
        continue;
      PartSum parts;
      for (int part : column.sum_of) {
        add_part(parts, row.cells[static_cast<std::size_t>(part)], false, log.recording());
      }
      compare_sum(named, side, row, c, parts, what, log);
    }
  }
}

void check_empty(const Named& named, const Side& side, FindingLog& log) {
  std::vector<const Cell*> zeros;
  for (const Row& row : side.rows) {
    for (int c : side.columns) {
      const Cell& cell = row.cells[static_cast<std::size_t>(c)];
      if (named.table.columns[static_cast<std::size_t>(c)].type != ColumnType::amount) continue;
      if (!cell.has_figure()) continue;
      if (cell.figure.is_zero()) {
        zeros.push_back(&cell);
        continue;
      }
      Finding f = finding_at(named, side, row, c, "the table is marked empty", cell.figure);
      f.cells = {&cell};
      log.add(std::move(f));
    }
  }
  log.held(zeros);
}

}  // namespace

void check_sums(const Named& named, FindingLog& log) {
  for (const Side& side : named.table.sides) {
    check_row_sums(named, side, log);
    check_column_sums(named, side, log);
    if (named.table.published_empty) check_empty(named, side, log);
  }
}

}  // namespace gongkai
