// Budget against final accounts (预算与决算) for one department-year: the figures of the two
// documents side by side by line — the totals, each function class by code, each economic class
// of 基本支出 by code — with the difference and the execution rate, exact (docs/compare.md).
// Only printed figures and exact differences and conversions of them; the rate, which does not
// terminate, is rounded to two decimals of a per cent and says so.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/decimal.h"
#include "model/data.h"

namespace gongkai {

/// A figure of one document as compared: in the comparison's unit, exact.
struct ComparedFigure {
  Decimal value;
  /// Converted from 元 to 万元 (÷ 10,000, every digit kept).
  bool converted = false;
  /// The printed cells the value comes from: one, or one per budget unit that prints the code.
  std::vector<const Cell*> cells;
};

/// One line: a total (code "") or a classification code.
struct ExecutionLine {
  std::string code;
  /// The budget's printed name, else the final accounts'.
  std::string name;
  /// The final accounts' name when it differs from the budget's ("" otherwise).
  std::string other_name;
  std::optional<ComparedFigure> budget, actual;
  /// 决算数 − 预算数, exact; only when both are printed.
  std::optional<Decimal> difference;
  /// 决算数 ÷ 预算数 in per cent, rounded half away from zero to two decimals; only when both
  /// are printed and the budget is not zero.
  std::optional<Decimal> rate;
};

/// The lines of one kind, from one table of each document.
struct ExecutionSection {
  /// "totals", "function" or "economic".
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
/// title). Lines of codes that only one document prints are kept, with the other side empty.
BudgetExecution compare_budget_with_final(const ReportData& budget, const ReportData& actual);

/// `actual` ÷ `budget` in per cent, rounded half away from zero to two decimals; nullopt when
/// `budget` is zero.
std::optional<Decimal> execution_rate(const Decimal& actual, const Decimal& budget);

}  // namespace gongkai
