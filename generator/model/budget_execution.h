// Budget against final accounts (预算与决算) for one department-year: the figures of the two
// documents side by side by line — the totals, each function class by code, each economic class
// of 基本支出 by code, each 三公 item — with the difference and the execution rate, exact
// (docs/compare.md).
// Only printed figures and exact differences and conversions of them; the rate, which does not
// terminate, is rounded to two decimals of a per cent and says so.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/decimal.h"
#include "model/compared_lines.h"
#include "model/data.h"

namespace gongkai {

/// One line: a total or a 三公 item (code "") or a classification code.
struct ExecutionLine {
  /// What matched the two documents' figures: the code, or "total", "basic", "project" of the
  /// totals, or the 三公 item ("total", "abroad", "vehicles", "purchase", "upkeep", "reception").
  std::string key;
  std::string code;
  /// The budget's printed name, else the final accounts'.
  std::string name;
  /// The final accounts' name when it differs from the budget's ("" otherwise).
  std::string other_name;
  std::optional<ComparedFigure> budget, actual;
  /// 决算数 − 预算数, exact; a document that does not list the line counts as 0 there.
  std::optional<Decimal> difference;
  /// 决算数 ÷ 预算数 in per cent, rounded half away from zero to two decimals (0.00 when the
  /// final accounts do not list the line); none when the budget is 0 or does not list it.
  std::optional<Decimal> rate;
  /// The 预算数 the final accounts print themselves (the 三公 决算表's), checked against the
  /// budget document's figure, which is the line's `budget`.
  std::optional<PrintedCheck> printed_budget;
};

/// The lines of one kind, from one table of each document.
struct ExecutionSection {
  /// "totals", "function", "economic" or "three-public".
  std::string kind;
  /// The ids of the tables the lines come from.
  std::string budget_table, actual_table;
  std::vector<ExecutionLine> lines;
};

struct BudgetExecution {
  /// The unit of every compared figure: 万元 when either document uses it.
  AmountUnit unit = AmountUnit::none;
  std::vector<ExecutionSection> sections;
};

/// The comparison of a budget with the final accounts of the same department and year: the
/// sections whose tables both documents have (by the ids the skeletons give them, else by
/// title; line_table in compared_lines.h). Lines of codes that only one document prints are kept,
/// with the other side empty. The 三公 lines compare the budget's 表9 row of the year with the
/// 决算数 of 表九, and check the 预算数 表九 prints against the budget's (three_public_lines.h).
BudgetExecution compare_budget_with_final(const ReportData& budget, const ReportData& actual);

/// `actual` ÷ `budget` in per cent, rounded half away from zero to two decimals; nullopt when
/// `budget` is zero.
std::optional<Decimal> execution_rate(const Decimal& actual, const Decimal& budget);

}  // namespace gongkai
