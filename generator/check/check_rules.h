// The identities of budget documents that no "sum_of" declares (check_rules.cc,
// docs/data-format.md, "Domain rules").
#pragma once

#include "check/check_support.h"

namespace gongkai {

/// Runs every domain rule on one table or form part of `report`:
///   行次 run 1, 2, 3… on each side (a later side may go on from the one before);
///   得分 (or 分数) is not above its 分值;
///   an 执行率 column is its 执行数/决算数 column divided by its 预算数 column (× 100 in per
///   cent), at the precision printed;
///   an 增减 row (signed) is the later year's row minus the earlier one's, in each unit;
///   the department's rows of a table that repeats its rows per unit (三公) add up the units';
///   a merged 分值 equals the 分值 of the indicators it spans, and so does a weight printed in
///   a merged label ("产出 (50分)");
///   the function-class lines of a summary table (一、一般公共服务支出 …) agree with the coded
///   table of the same total, and lines of classes that table does not have are zero;
///   every amount line of a two-sided table is counted in one of its side's totals.
void check_rules(const ReportData& report, const Named& named, FindingLog& log);

}  // namespace gongkai
