#include "unit_groups.h"

#include <algorithm>

namespace gongkai {
namespace {

std::string without_spaces(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n') out += c;
  }
  return out;
}

bool names_department(const std::string& name, std::string_view department) {
  std::string squeezed = without_spaces(name);
  return squeezed == "合计" || squeezed == "总计" ||
         (!department.empty() && squeezed == without_spaces(department));
}

std::vector<UnitGroup> agency_groups(const Side& side) {
  std::vector<UnitGroup> groups;
  UnitGroup department;
  department.department = true;
  for (std::size_t i = 0; i < side.rows.size(); ++i) {
    const Row& row = side.rows[i];
    if (row.block < 0) {
      if (department.rows.empty() && !row.agency.empty()) department.name = row.agency;
      department.rows.push_back(static_cast<int>(i));
      continue;
    }
    if (row.unit) groups.push_back({row.agency, row.id, false, {}});
    if (!groups.empty()) groups.back().rows.push_back(static_cast<int>(i));
  }
  if (!department.rows.empty()) groups.insert(groups.begin(), std::move(department));
  return groups;
}

std::vector<UnitGroup> labelled_groups(const Side& side, int column, std::string_view department) {
  std::vector<UnitGroup> groups;
  for (std::size_t i = 0; i < side.rows.size(); ++i) {
    const Cell& cell = side.rows[i].cells[static_cast<std::size_t>(column)];
    std::string name = cell.kind == CellKind::text ? cell.text : "";
    if (groups.empty() || (!name.empty() && name != groups.back().name)) {
      groups.push_back({name, "", names_department(name, department), {}});
    }
    groups.back().rows.push_back(static_cast<int>(i));
  }
  return groups;
}

}  // namespace

int unit_label_column(const Table& table, const Side& side) {
  for (int c : side.columns) {
    const Column& column = table.columns[static_cast<std::size_t>(c)];
    if (column.holds_figures()) break;
    if (names_units(column)) return c;
  }
  return -1;
}

std::vector<UnitGroup> unit_groups(const Table& table, const Side& side, std::string_view department) {
  if (side.agency_column >= 0) {
    bool has_units = std::any_of(side.rows.begin(), side.rows.end(), [](const Row& r) { return r.unit; });
    return has_units ? agency_groups(side) : std::vector<UnitGroup>();
  }
  int column = unit_label_column(table, side);
  return column < 0 ? std::vector<UnitGroup>() : labelled_groups(side, column, department);
}

std::vector<const UnitGroup*> units_of(const std::vector<UnitGroup>& groups) {
  std::vector<const UnitGroup*> out;
  for (const UnitGroup& g : groups) {
    if (!g.department) out.push_back(&g);
  }
  return out;
}

const UnitGroup* department_group(const std::vector<UnitGroup>& groups) {
  for (const UnitGroup& g : groups) {
    if (g.department) return &g;
  }
  return nullptr;
}

}  // namespace gongkai
