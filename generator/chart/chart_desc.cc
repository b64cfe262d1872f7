// Descriptions shared by the chart families.
#include "chart/chart_desc.h"

#include <algorithm>

#include "chart/chart_format.h"
#include "chart/chart_text.h"

namespace gongkai::chart {

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? separator : "") + parts[i];
  return out;
}

/// The sentence about items left out, or "".
std::string invalid_note(const std::vector<std::string>& invalid) {
  if (invalid.empty()) return "";
  return "另有 " + std::to_string(invalid.size()) + " 项数据无效，未绘出：" + join(invalid, "、") +
         "。";
}

std::string total_text(const ChartSpec& spec, double total) {
  std::string given = clean_text(spec.total_text);
  return given.empty() ? with_unit(total, spec.unit) : given;
}

/// "总计 X，其中A a，占 p%；B b，占 q%。" — shares only when no value is negative; "A a；B b。"
/// when the items are not parts of one whole.
std::string part_of_whole_desc(const ChartSpec& spec, const std::vector<Item>& items) {
  double total = sum_of(items);
  bool shares = spec.additive &&
                std::none_of(items.begin(), items.end(), [](const Item& i) { return i.value < 0; });
  std::vector<std::string> parts;
  for (const Item& item : items) {
    std::string part = item.label + " " + item.value_text;
    if (shares && total > 0) part += "，占 " + percent_in_words(item.value / total);
    parts.push_back(part);
  }
  if (!spec.additive) return join(parts, "；") + "。";
  return "总计 " + total_text(spec, total) + "，其中" + join(parts, "；") + "。";
}

/// "A：2022 年 x，2023 年 y；B：…。"
std::string table_desc(const Table& table) {
  std::vector<std::string> rows;
  for (std::size_t c = 0; c < table.categories.size(); ++c) {
    std::vector<std::string> cells;
    for (std::size_t s = 0; s < table.cells.size(); ++s) {
      const std::optional<Item>& cell = table.cells[s][c];
      std::string name = table.series_names[s];
      cells.push_back((name.empty() ? "" : name + " ") + (cell ? cell->value_text : "无数据"));
    }
    rows.push_back(table.categories[c] + "：" + join(cells, "，"));
  }
  return join(rows, "；") + "。";
}

}  // namespace gongkai::chart
