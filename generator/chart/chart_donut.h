// Donut: a ring of slices, the total in the middle, a legend beside (wide) or below (narrow).
#pragma once

#include "chart/chart.h"
#include "chart/chart_data.h"
#include "chart/svg_canvas.h"

namespace gongkai::chart {

/// The donut of `prepared` (values not negative) below `top`, with each item's value and share
/// in the legend; returns the y below the drawing.
double draw_donut(Canvas& canvas, const ChartSpec& spec, const Prepared& prepared, double top);

}  // namespace gongkai::chart
