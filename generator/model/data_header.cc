// The header grid of a table (Table::header), laid out from the tree of sides, column groups
// and leaf columns read by data_columns.cc: a node spans its leaves, a leaf reaches down to the
// last header row, and rows that would print as empty bands are left out.
#include <algorithm>
#include <utility>

#include "model/data_reader.h"

namespace gongkai::data_reader {
namespace {

/// The header rows a node needs: 1 for a leaf, one more than its deepest child for a group.
int header_depth(const HeaderNode& node) {
  int deepest = 0;
  for (const HeaderNode& child : node.children) deepest = std::max(deepest, header_depth(child));
  return node.children.empty() ? 1 : deepest + 1;
}

/// The leaf columns under a node: its column span.
int leaf_count(const HeaderNode& node) {
  if (node.children.empty()) return 1;
  int n = 0;
  for (const HeaderNode& child : node.children) n += leaf_count(child);
  return n;
}

/// A cell of the header grid with the row and the leaf column it starts at, while the grid is
/// laid out.
struct PlacedHeaderCell {
  HeaderCell cell;
  int row = 0;
  int first_column = 0;
};

/// Places `node` at `row` and its children below it; a leaf reaches down to the last of `rows`.
/// `column` is the leaf column the node starts at, and is moved past its leaves.
void place_header(const HeaderNode& node, int row, int rows, int& column,
                  std::vector<PlacedHeaderCell>& cells) {
  HeaderCell cell;
  cell.label = node.label;
  cell.column = node.column;
  cell.column_span = leaf_count(node);
  cell.row_span = node.children.empty() ? rows - row : 1;
  cells.push_back({cell, row, column});
  if (node.children.empty()) ++column;
  for (const HeaderNode& child : node.children) place_header(child, row + 1, rows, column, cells);
}

/// For each row r of `rows` (and r = rows), how many rows above r have a cell with a label
/// starting in them: the rows kept, so the index a kept row gets.
std::vector<int> labelled_rows_above(const std::vector<PlacedHeaderCell>& cells, int rows) {
  std::vector<int> above(static_cast<std::size_t>(rows) + 1, 0);
  for (int r = 0; r < rows; ++r) {
    bool labelled = std::any_of(cells.begin(), cells.end(), [&](const PlacedHeaderCell& c) {
      return c.row == r && !c.cell.label.empty();
    });
    above[r + 1] = above[r] + (labelled ? 1 : 0);
  }
  return above;
}

/// The grid without the rows in which every cell that starts has an empty label: they would
/// print as empty bands (the only column of a part left unlabelled, the two sides of a table
/// both unlabelled). A cell reaching into such a row spans one row fewer; one starting there
/// starts in the next row kept, and is left out when it reaches none (its label is empty).
std::vector<std::vector<HeaderCell>> without_empty_rows(const std::vector<PlacedHeaderCell>& cells,
                                                        int rows) {
  std::vector<int> kept_before = labelled_rows_above(cells, rows);
  std::vector<std::vector<PlacedHeaderCell>> placed(static_cast<std::size_t>(kept_before[rows]));
  for (PlacedHeaderCell c : cells) {
    int first = kept_before[c.row], end = kept_before[c.row + c.cell.row_span];
    if (first == end) continue;
    c.cell.row_span = end - first;
    placed[first].push_back(std::move(c));
  }
  std::vector<std::vector<HeaderCell>> grid;
  for (std::vector<PlacedHeaderCell>& row : placed) {
    std::stable_sort(row.begin(), row.end(),
                     [](const auto& a, const auto& b) { return a.first_column < b.first_column; });
    grid.emplace_back();
    for (PlacedHeaderCell& c : row) grid.back().push_back(std::move(c.cell));
  }
  return grid;
}

}  // namespace

std::vector<std::vector<HeaderCell>> header_grid(const std::vector<HeaderNode>& top) {
  int rows = 0;
  for (const HeaderNode& node : top) rows = std::max(rows, header_depth(node));
  std::vector<PlacedHeaderCell> cells;
  int column = 0;
  for (const HeaderNode& node : top) place_header(node, 0, rows, column, cells);
  return without_empty_rows(cells, rows);
}

}  // namespace gongkai::data_reader
