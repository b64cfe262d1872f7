// Descriptions: the sentences that carry a chart's figures as text (its <desc>), shared by the
// chart families; each family's own description is with its drawing.
#pragma once

#include <string>
#include <vector>

#include "chart/chart.h"
#include "chart/chart_data.h"

namespace gongkai::chart {

/// `parts` with `separator` between them.
std::string join(const std::vector<std::string>& parts, const std::string& separator);

/// The sentence about items left out because their data was invalid, or "" when none were.
std::string invalid_note(const std::vector<std::string>& invalid);

/// The total as the spec publishes it, else `total` with the spec's unit.
std::string total_text(const ChartSpec& spec, double total);

/// "总计 X，其中A a，占 p%；B b，占 q%。" — shares only when no value is negative; "A a；B b。"
/// when the items are not parts of one whole. Donut and hbar.
std::string part_of_whole_desc(const ChartSpec& spec, const std::vector<Item>& items);

/// "A：2022 年 x，2023 年 y；B：…。" with "无数据" for empty cells. grouped_bar and line.
std::string table_desc(const Table& table);

}  // namespace gongkai::chart
