// The consistency checks of a report's figures (docs/data-format.md, "Automatic checks" and
// "Declared checks"): published totals must equal the sums of their parts within rounding
// tolerance, and declared agreements across tables must hold.
//
// Messages, each at the location of the cell that is off (automatic) or of the "assert" string
// (declared). TABLE is the table's title (a form part: "FORM-TITLE PART-TITLE"), ROW the row's
// code and leading text cells, COLUMN the leaf label (with its group labels when the label
// repeats), REF the cell reference that acknowledges the finding:
//   TABLE: ROW COLUMN is X but its children sum to Y (difference D) [REF]     coded parent, "children"
//   TABLE: ROW COLUMN is X but its codes sum to Y (difference D) [REF]        unit row, "codes"
//   TABLE: ROW COLUMN is X but the rows above sum to Y (difference D) [REF]   "above"
//   TABLE: ROW COLUMN is X but its rows sum to Y (difference D) [REF]         listed rows
//   TABLE: ROW COLUMN is X but its units sum to Y (difference D) [REF]        department total
//   TABLE: ROW COLUMN is X but A + B sum to Y (difference D) [REF]            column "sum_of"
//   TABLE: ROW COLUMN is X but the table is marked empty [REF]
// Domain rules (check_rules.h):
//   TABLE: ROW 行次 is X but N follows M [REF] | but 1 or N comes first [REF]
//   TABLE: ROW 得分 is X but its 分值 is W [REF]
//   TABLE: ROW 执行率 is X but 执行数 ÷ 预算数 (× 100) is Q [REF]
//   TABLE: ROW COLUMN is X but 2023 年 − 2022 年 is Y (difference D) [REF]
//   TABLE: ROW COLUMN is X but the units' rows sum to Y (difference D) [REF]
//   TABLE: ROW 分值 is X but the 分值 of its rows sum to Y (difference D) [REF]
//   TABLE: LABEL states N 分 but the 分值 of its rows sum to Y (difference D) [REF]
//   TABLE: LINE COLUMN is X but T prints Y for CODE | T's units add up to Y for CODE (difference D) [REF]
//   TABLE: LINE COLUMN is X but T has no class of that name (0 expected) [REF]
//   TABLE: LINE COLUMN is X but no total of its side counts it; name it in the "sum_of" of the
//     total that includes it [REF]
// A finding acknowledged with a "difference" that is not its own is an error ending
// ", not the acknowledged difference D"; so is a failing declared check's.
//   check "ID" failed: ASSERTION: left side is L, right side is R (difference D)
//   check "ID": syntax error: MESSAGE
//   check "ID": no table "T" | no unique row "R" in table "T"[: HINT] | no column "C" in table "T"
//   check "ID": T[R].C is empty | is a dash | holds text, not a figure
//   check "ID": column "C" is not on the side of row "R" in table "T"
//   check "ID": division by zero | arithmetic overflow
//   acknowledged inconsistency "REF" does not occur; remove the acknowledgement      (warning)
//   check "ID" is acknowledged as failing but passes; remove "acknowledged"        (warning)
// (`check "ID"` reads `check` when the check has no id, and is followed by ` in TABLE-ID` for a
// check written inside a table or form.) An acknowledged finding or failing
// check is a warning whose message ends with " — acknowledged: NOTE".
#pragma once

#include <unordered_set>

#include "base/diagnostic.h"
#include "model/data.h"

namespace gongkai {

/// The printed figures that at least one check reads (docs/data-format.md, "Coverage"). A
/// check acknowledged as failing without a pinned "difference" protects nothing: whatever its
/// figures become, it stays a warning.
class CheckCoverage {
 public:
  void add(const Cell* cell) { cells_.insert(cell); }
  bool covers(const Cell* cell) const { return cells_.count(cell) > 0; }

 private:
  std::unordered_set<const Cell*> cells_;
};

/// Runs every automatic and declared check of `report` and reports what does not add up:
/// errors, or warnings for inconsistencies the data acknowledges. Deterministic; reads the
/// report only, so several reports may be checked in parallel into one Diagnostics. When
/// `coverage` is given, it receives every figure a check read.
void check_report(const ReportData& report, Diagnostics& diagnostics,
                  CheckCoverage* coverage = nullptr);

}  // namespace gongkai
