// The rows of a side grouped by budget unit (预算单位): the unit blocks of an agency column, or
// the runs of a merged text column that names units, as the 三公 table prints them. The
// checks add the units up against the department's rows; the charts draw the department, and a
// unit only under its own name.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/data.h"

namespace gongkai {

struct UnitGroup {
  /// The unit's name as printed; for the department group, the name its rows print ("合计",
  /// the department's name) or "" when they print none.
  std::string name;
  /// The id of the unit row, when the group is a unit block whose unit row has one.
  std::string id;
  /// Rows that stand for the whole department: rows outside every unit block (合计, a row
  /// marked total), or rows whose 预算单位 cell reads 合计 or 总计 — or, where no run reads
  /// either, the first run when it reads the department's name and some figure of it adds up
  /// the other runs' (else that run is the department's own office, 本级).
  bool department = false;
  /// Indices into the side's rows, in printed order.
  std::vector<int> rows;
};

/// The side's groups in printed order: for a side with an agency column, the department rows
/// (when there are any) and each unit block; for a side with a merged text column whose label
/// contains 单位, the runs of equal names in it. Empty when the side names no units.
/// `department` is the report's department name as printed.
std::vector<UnitGroup> unit_groups(const Table& table, const Side& side,
                                   std::string_view department);

/// The groups that are units, not the department.
std::vector<const UnitGroup*> units_of(const std::vector<UnitGroup>& groups);

/// The department group, or nullptr.
const UnitGroup* department_group(const std::vector<UnitGroup>& groups);

/// The column of a side that names units in its merged text cells, or -1.
int unit_label_column(const Table& table, const Side& side);

}  // namespace gongkai
