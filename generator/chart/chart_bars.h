// Horizontal bars: hbar (one series) and grouped_bar (several), with a zero axis.
#pragma once

#include "chart/chart_data.h"
#include "chart/svg_canvas.h"

namespace gongkai::chart {

/// hbar: one bar per item below `top`, labels in a column on the left, value texts at the bar
/// ends (left of negative bars); returns the y below the bars.
double draw_hbar(Canvas& canvas, const Prepared& prepared, double top);

/// grouped_bar: a legend of the series from `top`, then per category one bar per series in the
/// series' colours; returns the y below the bars.
double draw_grouped(Canvas& canvas, const Table& table, double top);

}  // namespace gongkai::chart
