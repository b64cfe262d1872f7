// Compares an imported report with a hand-transcribed one, figure by figure: tables matched by
// title (the n-th form of a title with the n-th), rows by code or label (and how many times
// that label came before), columns by their header path. Used by the import tests to measure
// how much of a real document `gongkai import` gets exactly right.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace gongkai::testing {

struct FigureComparison {
  int figures = 0;  ///< figures of the hand-transcribed report
  int matched = 0;  ///< of those, the same text at the same table, row and column
  std::vector<std::string> missing_tables;  ///< titles of hand-transcribed tables not imported
  std::vector<std::string> misses;          ///< "TABLE · ROW · COLUMN: expected X, found Y"
};

/// A KIND.json parsed with each number kept as the text it was written as (0.00 stays 0.00):
/// a string that printed_number gives back, and that compare_figures counts as a figure when the
/// parsed report is dumped again.
nlohmann::ordered_json parse_printed(const std::string& json);

/// The text of a number parsed by parse_printed, or nullopt for any other value.
std::optional<std::string> printed_number(const nlohmann::ordered_json& value);

/// Compares the KIND.json texts `expected` (by hand) and `imported`.
FigureComparison compare_figures(const std::string& expected, const std::string& imported);

}  // namespace gongkai::testing
