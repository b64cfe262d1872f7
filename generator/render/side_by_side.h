// Two documents' figures set side by side, line by line, as the comparison pages print them
// (docs/compare.md): a department-year's budget against its final accounts, or a document
// against the previous year's document of its kind. One shape for both, so that one page
// template, one CSV and one JSON writer serve both.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/budget_execution.h"
#include "model/year_over_year.h"
#include "render/site_model.h"

namespace gongkai {

/// One line: a total, a 三公 item or a classification code.
struct SideBySideLine {
  std::string code;
  std::string name;
  /// The other document's name when it prints the line under another name, else "".
  std::string other_name;
  /// The earlier document's figure (the budget; last year's), and the later one's.
  std::optional<ComparedFigure> left, right;
  /// right − left, a line one side does not print counting as 0 there.
  std::optional<Decimal> difference;
  /// The execution rate, or the growth rate, in per cent to two decimals.
  std::optional<Decimal> rate;
  /// "left-only", "right-only", "renamed" or "".
  std::string status;
  /// The left figure as the right document prints it itself (the 预算数 of a 三公 决算表, a
  /// 上年 row or column), checked against the left document.
  std::optional<PrintedCheck> printed;
};

struct SideBySideSection {
  /// "totals", "function", "economic" or "three-public".
  std::string kind;
  std::string left_table, right_table;
  std::vector<SideBySideLine> lines;
};

struct SideBySide {
  enum class Kind { execution, year_over_year };
  Kind kind = Kind::execution;
  const LoadedReport* left = nullptr;
  const LoadedReport* right = nullptr;
  AmountUnit unit = AmountUnit::none;
  std::vector<SideBySideSection> sections;

  /// "compare" or "changes": the name of its i18n strings ("compare_…", "changes_…").
  const char* name() const { return kind == Kind::execution ? "compare" : "changes"; }
};

/// A department-year's budget against its final accounts; both must be parsed.
SideBySide execution_side_by_side(const BudgetFinalPair& pair);
/// `report` against `previous`, the same department's document of its kind of an earlier year;
/// both must be parsed.
SideBySide year_side_by_side(const LoadedReport& report, const LoadedReport& previous);

}  // namespace gongkai
