// Line: one line per series over shared categories (years), markers and value labels.
#pragma once

#include "chart/chart.h"
#include "chart/chart_data.h"
#include "chart/svg_canvas.h"

namespace gongkai::chart {

/// The line chart of `table` below `top`: a legend when there are several series, the unit,
/// gridlines with their values, one line per series (a gap where a cell is empty), markers with
/// value labels where they fit, and the category names; returns the y below the drawing.
double draw_line(Canvas& canvas, const ChartSpec& spec, const Table& table, double top);

}  // namespace gongkai::chart
