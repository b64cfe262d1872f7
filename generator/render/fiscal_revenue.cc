#include "render/fiscal_revenue.h"

#include <algorithm>

#include "model/compared_lines.h"

namespace gongkai {

namespace {

/// How a source of revenue is named: its keys in the data files, its printed labels (as
/// normalized_label() gives them) and its title in the package.
struct RevenueSource {
  std::initializer_list<std::string_view> keys, labels;
  std::string_view title;
};

/// Per kRevenueMeasures.
const RevenueSource kSources[] = {
    {{"total"}, {"本年收入合计", "收入合计", "合计", "总计"}, "本年收入合计 total revenue"},
    {{"appropriation"}, {"财政拨款收入", "财政拨款"}, "财政拨款收入 fiscal appropriation"},
    {{"superior"}, {"上级补助收入"}, "上级补助收入 subsidy from the higher level"},
    {{"business"}, {"事业收入"}, "事业收入 business revenue"},
    {{"operating"}, {"经营收入", "事业单位经营收入"}, "经营收入 operating revenue"},
    {{"affiliated"}, {"附属单位上缴收入"}, "附属单位上缴收入 remittance from subordinate units"},
    {{"other"}, {"其他收入"}, "其他收入 other revenue"},
};
static_assert(std::size(kSources) == kRevenueMeasures.size());

bool contains(std::initializer_list<std::string_view> list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

std::string_view revenue_measure_title(std::string_view measure) {
  for (std::size_t m = 0; m < kRevenueMeasures.size(); ++m) {
    if (kRevenueMeasures[m] == measure) return kSources[m].title;
  }
  return measure;
}

int revenue_measure_of(const Column& column) {
  for (std::size_t m = 0; m < kRevenueMeasures.size(); ++m) {
    if (contains(kSources[m].keys, column.key)) return static_cast<int>(m);
  }
  std::string label = normalized_label(column.label);
  for (std::size_t m = 0; m < kRevenueMeasures.size(); ++m) {
    if (contains(kSources[m].labels, label)) return static_cast<int>(m);
  }
  return -1;
}

std::optional<MeasureColumns> revenue_columns(const Table& table, const Side& side) {
  MeasureColumns columns(kRevenueMeasures.size(), -1);
  for (int c : side.columns) {
    const Column& column = table.columns[static_cast<std::size_t>(c)];
    if (column.type != ColumnType::amount) continue;
    int m = revenue_measure_of(column);
    if (m < 0 || columns[static_cast<std::size_t>(m)] >= 0) return std::nullopt;
    columns[static_cast<std::size_t>(m)] = c;
  }
  return columns;
}

std::optional<FiscalRows> revenue_rows(const ReportData& data) {
  const Table* table = line_table(data, "revenue");
  if (!table) return std::nullopt;
  return coded_fiscal_rows(*table, FiscalBreakdown::revenue, revenue_columns);
}

}  // namespace gongkai
