// Compares an imported report with a hand-transcribed one, figure by figure: tables matched by
// title (the n-th form of a title with the n-th), rows by code or label (and how many times
// that label came before), columns by their header path. Used by the import tests to measure
// how much of a real document `gongkai import` gets exactly right.
#pragma once

#include <string>
#include <vector>

namespace gongkai::testing {

struct FigureComparison {
  int figures = 0;  ///< figures of the hand-transcribed report
  int matched = 0;  ///< of those, the same text at the same table, row and column
  std::vector<std::string> missing_tables;  ///< titles of hand-transcribed tables not imported
  std::vector<std::string> misses;          ///< "TABLE · ROW · COLUMN: expected X, found Y"
};

/// Compares the KIND.json texts `expected` (by hand) and `imported`.
FigureComparison compare_figures(const std::string& expected, const std::string& imported);

}  // namespace gongkai::testing
