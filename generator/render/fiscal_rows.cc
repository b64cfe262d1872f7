#include "render/fiscal_rows.h"

#include <algorithm>
#include <initializer_list>
#include <set>
#include <utility>

#include "model/compared_lines.h"
#include "model/department_figures.h"
#include "render/fiscal_revenue.h"
#include "render/row_anchors.h"

namespace gongkai {

namespace {

/// The labels that name each measure's column when its key does not.
const std::initializer_list<std::string_view> kMeasureLabels[] = {
    {"支出总计", "本年支出合计", "合计", "总计"}, {"基本支出"}, {"项目支出"}};

/// The side's amount column keyed `key` or labelled one of `labels`; -1.
int measure_column(const Table& table, const Side& side, std::string_view key,
                   std::initializer_list<std::string_view> labels) {
  int labelled = -1;
  for (int c : side.columns) {
    const Column& column = table.columns[static_cast<std::size_t>(c)];
    if (column.type != ColumnType::amount) continue;
    if (column.key == key) return c;
    std::string label = normalized_label(column.label);
    if (labelled < 0 && std::find(labels.begin(), labels.end(), label) != labels.end())
      labelled = c;
  }
  return labelled;
}

/// The side's columns of kFiscalMeasures; when it has none, its first amount column as the
/// breakdown's measure (合计 by function, 基本支出 by economic class).
MeasureColumns measure_columns(const Table& table, const Side& side, FiscalBreakdown breakdown) {
  MeasureColumns columns(kFiscalMeasures.size(), -1);
  for (std::size_t m = 0; m < kFiscalMeasures.size(); ++m)
    columns[m] = measure_column(table, side, kFiscalMeasures[m], kMeasureLabels[m]);
  if (std::any_of(columns.begin(), columns.end(), [](int c) { return c >= 0; })) return columns;
  for (int c : side.columns) {
    if (table.columns[static_cast<std::size_t>(c)].type != ColumnType::amount) continue;
    columns[breakdown == FiscalBreakdown::function ? 0 : 1] = c;
    break;
  }
  return columns;
}

/// Each unit block's codes (block -1: outside the units).
using BlockCodes = std::set<std::pair<int, std::string>>;

BlockCodes block_codes(const Side& side) {
  BlockCodes codes;
  for (const Row& row : side.rows) {
    if (!row.code.empty()) codes.emplace(row.block, row.code);
  }
  return codes;
}

/// Whether a coded row lies below `row` in its unit block: a longer code that starts with its
/// (in code order, the first code after its own).
bool has_child(const BlockCodes& codes, const Row& row) {
  auto next = codes.upper_bound({row.block, row.code});
  return next != codes.end() && next->first == row.block && next->second.starts_with(row.code);
}

/// The name printed beside `code` in the unit block `block`, "" when it is not printed.
std::string name_of(const Table& table, const Side& side, int block, std::string_view code) {
  for (const Row& row : side.rows) {
    if (row.block == block && row.code == code) return printed_name(table, side, row);
  }
  return "";
}

/// The figure of `column` in `row` as plain text, "" when there is none.
std::string amount_text(const Row& row, int column) {
  if (column < 0) return "";
  const Cell& cell = row.cells[static_cast<std::size_t>(column)];
  return cell.has_figure() ? cell.figure.to_string() : "";
}

FiscalRow fiscal_row(const Table& table, const Side& side, const Row& row,
                     FiscalBreakdown breakdown, const RowAnchors& anchors,
                     const MeasureColumns& columns) {
  FiscalRow out;
  if (const Row* unit = unit_row_of(side, row.block)) out.budget_unit = unit->agency;
  out.anchor = anchors.of(row);
  out.code = row.code;
  out.name = printed_name(table, side, row);
  out.class_code = row.code.substr(0, 3);
  out.class_name = name_of(table, side, row.block, out.class_code);
  if (breakdown != FiscalBreakdown::economic && row.code.size() >= 5) {
    out.section_code = row.code.substr(0, 5);
    out.section_name = name_of(table, side, row.block, out.section_code);
  }
  for (int column : columns) out.amounts.push_back(amount_text(row, column));
  return out;
}

bool printed_any(const FiscalRow& row) {
  return std::any_of(row.amounts.begin(), row.amounts.end(),
                     [](const std::string& amount) { return !amount.empty(); });
}

/// The finest coded lines of one side with a code column.
void add_side_rows(const Table& table, const Side& side, FiscalBreakdown breakdown,
                   const RowAnchors& anchors, const MeasureColumns& columns,
                   std::vector<FiscalRow>& out) {
  // The units' rows when the side prints codes inside unit blocks, else the rows outside.
  bool per_unit = std::any_of(side.rows.begin(), side.rows.end(),
                              [](const Row& row) { return !row.code.empty() && row.block >= 0; });
  BlockCodes codes = block_codes(side);
  for (const Row& row : side.rows) {
    if (row.code.empty() || (row.block >= 0) != per_unit || has_child(codes, row)) continue;
    FiscalRow line = fiscal_row(table, side, row, breakdown, anchors, columns);
    if (printed_any(line)) out.push_back(std::move(line));
  }
}

}  // namespace

std::optional<FiscalRows> coded_fiscal_rows(const Table& table, FiscalBreakdown breakdown,
                                            const MeasurePicker& pick) {
  if (std::none_of(table.sides.begin(), table.sides.end(),
                   [](const Side& side) { return side.code_column >= 0; })) {
    return std::nullopt;
  }
  FiscalRows out{breakdown, &table, table.unit, {}};
  RowAnchors anchors(table);
  for (const Side& side : table.sides) {
    if (side.code_column < 0) continue;
    std::optional<MeasureColumns> columns = pick(table, side);
    if (!columns) return std::nullopt;
    add_side_rows(table, side, breakdown, anchors, *columns, out.rows);
  }
  return out;
}

std::optional<FiscalRows> fiscal_rows(const ReportData& data, FiscalBreakdown breakdown) {
  if (breakdown == FiscalBreakdown::revenue) return revenue_rows(data);
  const Table* table =
      line_table(data, breakdown == FiscalBreakdown::function ? "totals" : "economic");
  if (!table) return std::nullopt;
  return coded_fiscal_rows(*table, breakdown, [breakdown](const Table& t, const Side& side) {
    return std::optional<MeasureColumns>(measure_columns(t, side, breakdown));
  });
}

}  // namespace gongkai
