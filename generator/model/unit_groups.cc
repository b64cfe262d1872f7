#include "model/unit_groups.h"

#include <algorithm>
#include <optional>

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
  return !department.empty() && without_spaces(name) == without_spaces(department);
}

/// The sum of the figures in column `c` of the rows with key `key` in every group but `group`,
/// with its rounding tolerance and how many figures it adds; nullopt when none has one.
struct OthersSum {
  Decimal sum, tolerance;
};
std::optional<OthersSum> others_sum(const Table& table, const Side& side,
                                    const std::vector<UnitGroup>& groups, const UnitGroup& group,
                                    const std::string& key, int c) {
  OthersSum out;
  bool found = false;
  for (const UnitGroup& other : groups) {
    if (&other == &group) continue;
    for (int r : other.rows) {
      const Row& part = side.rows[static_cast<std::size_t>(r)];
      const Cell& p = part.cells[static_cast<std::size_t>(c)];
      if (!p.has_figure() || row_key(table.columns, side, part) != key) continue;
      out.sum = add(out.sum, p.figure).value_or(out.sum);
      out.tolerance = add(out.tolerance, p.figure.half_unit()).value_or(out.tolerance);
      found = true;
    }
  }
  return found ? std::optional<OthersSum>(out) : std::nullopt;
}

/// Whether a third or more of the non-zero figures of `group` equal, within rounding, the sum of
/// the same row and column over the other groups: then the group adds the units up. Not all, so
/// that wrong figures of the department's are reported rather than making it a unit.
bool adds_up_others(const Table& table, const Side& side, const std::vector<UnitGroup>& groups,
                    const UnitGroup& group) {
  int compared = 0, equal = 0;
  for (int d : group.rows) {
    const Row& row = side.rows[static_cast<std::size_t>(d)];
    std::string key = row_key(table.columns, side, row);
    if (key.empty() || row_role(key) == RowRole::rate) continue;
    for (int c : side.columns) {
      const Cell& cell = row.cells[static_cast<std::size_t>(c)];
      bool amount = table.columns[static_cast<std::size_t>(c)].type == ColumnType::amount;
      if (!amount || !cell.has_figure() || cell.figure.is_zero()) continue;
      std::optional<OthersSum> others = others_sum(table, side, groups, group, key, c);
      if (!others) continue;
      ++compared;
      Decimal allowed = add(others->tolerance, cell.figure.half_unit()).value_or(others->tolerance);
      std::optional<Decimal> gap = subtract(cell.figure, others->sum);
      if (gap && gap->abs() <= allowed) ++equal;
    }
  }
  return equal > 0 && 3 * equal >= compared;
}

/// Which runs stand for the department: those named 合计 or 总计; where none is, the first
/// run when it bears the department's name and adds up the others (else it is the department's
/// own office, 本级, printed under the department's name).
void mark_department(const Table& table, const Side& side, std::vector<UnitGroup>& groups,
                     std::string_view department) {
  bool totals = false;
  for (UnitGroup& g : groups) {
    g.department = names_grand_total(g.name);
    totals = totals || g.department;
  }
  if (totals || groups.size() < 2 || !names_department(groups.front().name, department)) return;
  groups.front().department = adds_up_others(table, side, groups, groups.front());
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

std::vector<UnitGroup> labelled_groups(const Table& table, const Side& side, int column,
                                       std::string_view department) {
  std::vector<UnitGroup> groups;
  for (std::size_t i = 0; i < side.rows.size(); ++i) {
    const Cell& cell = side.rows[i].cells[static_cast<std::size_t>(column)];
    std::string name = cell.kind == CellKind::text ? cell.text : "";
    if (groups.empty() || (!name.empty() && name != groups.back().name)) {
      groups.push_back({name, "", false, {}});
    }
    groups.back().rows.push_back(static_cast<int>(i));
  }
  mark_department(table, side, groups, department);
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

std::vector<UnitGroup> unit_groups(const Table& table, const Side& side,
                                   std::string_view department) {
  if (side.agency_column >= 0) {
    bool has_units =
        std::any_of(side.rows.begin(), side.rows.end(), [](const Row& r) { return r.unit; });
    return has_units ? agency_groups(side) : std::vector<UnitGroup>();
  }
  int column = unit_label_column(table, side);
  return column < 0 ? std::vector<UnitGroup>() : labelled_groups(table, side, column, department);
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
