// `gongkai check --coverage`: how many of a report's printed figures at least one check reads,
// table by table, and which figures none does (docs/data-format.md, "Coverage"), so that an
// editor sees what nothing protects.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "model/data.h"

namespace gongkai {

/// A printed figure no check reads.
struct UncoveredFigure {
  SourceLocation where;
  /// "表9 一般公共预算“三公”经费支出表: 2022 年 总计 12.44"
  std::string text;
};

/// One table or form part.
struct TableCoverage {
  std::string id;
  /// As the report page captions it: "表9 …", "项目支出绩效自评表 — 年度绩效指标".
  std::string caption;
  std::size_t figures = 0;
  std::size_t covered = 0;
  std::vector<UncoveredFigure> uncovered;
};

struct ReportCoverage {
  std::string path;
  std::vector<TableCoverage> tables;
  std::size_t figures = 0;
  std::size_t covered = 0;
};

/// Runs every check of `report` and counts, per grid, the cells holding a figure (dashes, text
/// and empty cells are not figures; fields above a form are not counted) that a check reads.
ReportCoverage measure_coverage(const ReportData& report);

/// The text `check --coverage` prints: a summary line, a line per report and table, then each
/// uncovered figure as `path:line:col: note: … is read by no check`.
std::string coverage_text(const std::vector<ReportCoverage>& reports);

/// The same as JSON: {figures, covered, reports: [{path, figures, covered, tables: [{id,
/// caption, figures, covered, uncovered: [{path, line, column, text}]}]}]}.
nlohmann::json coverage_json(const std::vector<ReportCoverage>& reports);

}  // namespace gongkai
