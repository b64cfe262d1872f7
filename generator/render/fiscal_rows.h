// The tidy rows of a report's Fiscal Data Package (docs/downloads.md, "Fiscal Data Package"):
// one row per printed line of spending by function class (功能分类) or by economic class (经济分类)
// at the finest level the table prints, with the 类 (and 款) above it, per budget unit, and the
// amounts of 合计, 基本支出 and 项目支出 exactly as printed. Summed over the rows, each amount
// column gives the table's total: 类 and 款 lines, unit lines and 合计 lines are not rows of
// their own.
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/amount_unit.h"
#include "model/data.h"

namespace gongkai {

/// The amount columns of the rows, in order: their keys in the CSV and the model.
inline constexpr std::array<std::string_view, 3> kFiscalMeasures = {"total", "basic", "project"};

/// How a table breaks money down: spending by function class (the 支出总表 of a budget, the
/// 支出决算表 of final accounts: all spending), spending by economic class (a budget's 表8 一般
/// 公共预算支出表（按经济分类）, final accounts' 表六 基本支出决算明细表), or revenue by
/// function class (a budget's 收入总表, final accounts' 收入决算表; fiscal_revenue.h).
enum class FiscalBreakdown { function, economic, revenue };

/// One line of spending: a coded row with no coded row below it in its unit block.
struct FiscalRow {
  /// The budget unit the row is printed under (its unit row's agency), "" when the table
  /// names no unit.
  std::string budget_unit;
  /// The row's anchor on the report page (row_anchors.h): "table-expenditure-2012602".
  std::string anchor;
  /// The row's own code (3, 5 or 7 digits) and name as printed.
  std::string code, name;
  /// The 类 (3 digits) and, of a function code, the 款 (5 digits) the code belongs to, with the
  /// names printed beside them in the same unit block and side ("" when the table does not
  /// print them); the class is the code itself for a 3-digit row, the section for a 5-digit
  /// row. An economic code's section stays "": its 款 is the code itself.
  std::string class_code, class_name, section_code, section_name;
  /// Per measure of the breakdown (kFiscalMeasures; kRevenueMeasures for revenue): the printed
  /// figure as plain text ("1548", "95.40"), "" when the table prints none (no such column, an
  /// empty cell, a dash).
  std::vector<std::string> amounts;

  bool operator==(const FiscalRow&) const = default;
};

/// The rows of one report and where they come from.
struct FiscalRows {
  FiscalBreakdown breakdown = FiscalBreakdown::function;
  /// The table they come from: line_table(data, "totals") by function, line_table(data,
  /// "economic") by economic class, line_table(data, "revenue") for revenue (compared_lines.h).
  const Table* table = nullptr;
  AmountUnit unit = AmountUnit::none;
  std::vector<FiscalRow> rows;
};

/// The rows of a budget or final accounts by `breakdown`; nullopt for an evaluation or a document
/// without such a table, or whose table has no code column. Every side with a code column is
/// read (表六 prints 人员经费 and 公用经费 side by side). When a side prints its codes per budget
/// unit, the units' rows are taken (never the department's own coded rows above them, which add
/// the units up); else the coded rows outside any unit. The amounts: the side's columns keyed or
/// labelled as 合计, 基本支出 and 项目支出; a side with none of them has its first amount
/// column read as 合计 by function and as 基本支出 by economic class (表六 details 基本支出
/// only). Rows with no figure in any amount column are left out.
/// Revenue: revenue_rows() (fiscal_revenue.h).
std::optional<FiscalRows> fiscal_rows(const ReportData& data, FiscalBreakdown breakdown);

/// A side's amount columns, one per measure of the breakdown (-1 where the side has none).
using MeasureColumns = std::vector<int>;
/// Chooses a side's MeasureColumns; nullopt when the side cannot be read (the table then gives
/// no rows at all).
using MeasurePicker = std::function<std::optional<MeasureColumns>(const Table&, const Side&)>;

/// The finest coded lines of `table`, by the rules of fiscal_rows() (which sides, which unit
/// blocks, which rows), with the amounts of the columns `pick` chooses per side; nullopt when the
/// table has no code column or `pick` refuses a side with one.
std::optional<FiscalRows> coded_fiscal_rows(const Table& table, FiscalBreakdown breakdown,
                                            const MeasurePicker& pick);

}  // namespace gongkai
