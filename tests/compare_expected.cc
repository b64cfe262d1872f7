#include "compare_expected.h"

#include <catch2/catch.hpp>
#include <map>
#include <sstream>

#include "base/diagnostic.h"
#include "test_support.h"

namespace gongkai::testing {
namespace {

std::string trimmed(const std::string& text) {
  std::size_t first = text.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

/// The cells of a table line "| a | b |".
std::vector<std::string> cells_of(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream in(line.substr(1));
  for (std::string cell; std::getline(in, cell, '|');) cells.push_back(trimmed(cell));
  if (!cells.empty() && cells.back().empty() && line.ends_with('|')) cells.pop_back();
  return cells;
}

}  // namespace

const ReportData& compare_report(int year, const std::string& kind) {
  // Loaded once and kept: comparisons point into the reports' cells, which must outlive them.
  static std::map<std::pair<int, std::string>, ReportData> loaded;
  auto found = loaded.find({year, kind});
  if (found != loaded.end()) return found->second;
  std::filesystem::path file =
      fixture("compare") / "content" / "city-archives" / std::to_string(year) / (kind + ".json");
  return loaded.emplace(std::pair(year, kind), load_report_file(file)).first->second;
}

std::vector<std::vector<std::string>> expected_rows(const std::string& heading) {
  std::stringstream in(read_file(fixture("compare") / "EXPECTED.md"));
  std::vector<std::vector<std::string>> rows;
  bool found = false;
  int table_line = 0;
  for (std::string line; std::getline(in, line);) {
    if (!found) {
      found = line.starts_with(heading);
      continue;
    }
    if (!line.starts_with("|")) {
      if (table_line > 0) break;
      continue;
    }
    if (++table_line > 2) rows.push_back(cells_of(line));  // after the header and |---|
  }
  INFO("EXPECTED.md: " << heading);
  REQUIRE(!rows.empty());
  return rows;
}

std::string in_yuan(const std::optional<Decimal>& wan_yuan) {
  if (!wan_yuan) return "—";
  std::optional<Decimal> yuan = multiply(*wan_yuan, Decimal(10000, 0));
  if (!yuan) return "overflow";
  if (yuan->rounded(2) != yuan) return "inexact " + yuan->to_string();
  return yuan->format_fixed(2);
}

std::string in_yuan(const std::optional<ComparedFigure>& wan_yuan) {
  return in_yuan(wan_yuan ? std::optional<Decimal>(wan_yuan->value) : std::nullopt);
}

std::string as_per_cent(const std::optional<Decimal>& value) {
  return value ? value->to_string() + "%" : "—";
}

std::string expected_per_cent(const std::string& cell) {
  if (cell.starts_with("—")) return "—";
  std::size_t equals = cell.rfind("= ");
  return equals == std::string::npos ? cell : cell.substr(equals + 2);
}

}  // namespace gongkai::testing
