// The 三公 items of one document as lines of a comparison (compared_lines.h): a budget's 表9
// 一般公共预算“三公”经费支出表, which prints a row per year (上年, 本年, 增减) and an item per
// column, and final accounts' 表九 财政拨款“三公”经费支出决算表, which prints one row and each
// item twice, under 预算数 and under 决算数.
//
// Items are matched by column, never by position: by the skeleton's key (`total`, `abroad`,
// `vehicles`, `purchase`, `upkeep`, `reception`; in 表九 with `b_` under 预算数 and `a_` under
// 决算数), else by the printed label — 合计 or 总计, 因公出国（境）费, 公务用车购置及运行维护费 (or
// a 小计 under it), 公务用车购置费, 公务用车运行维护费, 公务接待费, spaces aside and brackets of
// either width — and, in 表九, the group above it (a group with 决算 for 决算数, with 预算 for
// 预算数).
#pragma once

#include <vector>

#include "model/compared_lines.h"

namespace gongkai {

/// The 三公 items of `table`, in the order 合计, 因公出国（境）费, 公务用车购置及运行维护费, 其中
/// 购置费, 其中 运行维护费, 公务接待费; an item the table does not print is left out.
///  - own: a budget's row of the document's year (the row with id `current`, else the row whose
///    年度 reads the year), final accounts' 决算数;
///  - budget: final accounts' 预算数 (a budget has none);
///  - last_year: a budget's row of the previous year (id `prior`, else the row of year − 1).
/// A table that prints its rows per budget unit (预算单位) is read for the department: its rows
/// (合计, or the department's own name above its units), else the exact sum of the units' rows.
std::vector<DocumentLine> three_public_lines(const ReportData& document, const Table& table,
                                             Printed which, AmountUnit unit);

}  // namespace gongkai
