// Treemap: squarified tiles, two levels, headers and labels where they fit.
#pragma once

#include <string>
#include <vector>

#include "chart/chart.h"
#include "chart/chart_data.h"
#include "chart/svg_canvas.h"

namespace gongkai::chart {

/// The treemap of `prepared` (values not negative; children scaled into their parent's tile)
/// below `top`, then a note listing the tiles too small to label; returns the y below.
double draw_treemap(Canvas& canvas, const Prepared& prepared, double top);

/// "总计 X，其中A a，占 p%（a1 x、a2 y）；…。"
std::string treemap_desc(const ChartSpec& spec, const std::vector<Item>& items);

}  // namespace gongkai::chart
