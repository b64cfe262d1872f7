// The figures of a department as a whole, from a coded table that may list several budget
// units (a consolidated 汇总 budget): the classification codes and the total, taken as printed
// where the table prints them for the department, else added up exactly from the units. Charts
// draw these (never the first unit alone) and the checks compare summary tables with them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/data.h"

namespace gongkai {

/// One classification code of the department.
struct DepartmentCode {
  std::string code;
  /// The name printed beside the code (the first unit's, when the units print it).
  std::string name;
  /// Exact: the printed figure, or the sum of the units' printed figures.
  Decimal value;
  /// The printed cells the value comes from: one, or one per unit that has the code.
  std::vector<const Cell*> cells;
};

struct DepartmentCodes {
  /// In printed order of first appearance; 3-, 5- and 7-digit codes alike.
  std::vector<DepartmentCode> codes;
  /// How many units' figures were added up: 0 when the table prints the department's own
  /// coded rows or has one unit (or none), else the number of unit blocks.
  int units_added = 0;
};

/// The department's codes in `column` of the table's only side with a code column: the coded
/// rows outside every unit block when there are any, else the coded rows of every unit block,
/// summed by code. Rows without a figure in `column` are left out. Empty for a form or a table
/// without codes.
DepartmentCodes department_codes(const Table& table, int column);

/// The department's total in `column`: a printed total row outside the units (合计 above a
/// consolidated table's units, or a table's 合计 of its codes), else the only unit row, else
/// the exact sum of the unit rows, else the exact sum of the 3-digit codes.
struct DepartmentTotal {
  enum class Source { printed, units, codes };
  Decimal value;
  Source source = Source::printed;
  /// The printed cells it comes from: one when printed as it is.
  std::vector<const Cell*> cells;
};
std::optional<DepartmentTotal> department_total(const Table& table, int column);

/// The first non-empty text cell of a row before its figures, leaving out merged columns:
/// the name printed beside a code, or the label of a line.
std::string printed_name(const Table& table, const Side& side, const Row& row);

}  // namespace gongkai
