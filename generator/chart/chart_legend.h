// The pieces around a chart's marks: the caption, legends, and the column of row labels with
// the value texts beside the rows.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "chart/chart.h"
#include "chart/svg_canvas.h"

namespace gongkai::chart {

/// Draws the title as a caption when the spec asks for one; returns the y below it (or where
/// the drawing starts when there is none).
double draw_caption(Canvas& canvas, const ChartSpec& spec);

/// One legend entry: a swatch drawn by the caller's function, then the name.
struct LegendEntry {
  std::string name;
  std::function<void(Canvas&, double x, double y)> swatch;  // in a 14 × 14 box at (x, y)
};

/// Entries left to right from `top`, wrapping to new rows; returns the y below the legend
/// (`top` when there are no entries).
double draw_legend(Canvas& canvas, const std::vector<LegendEntry>& entries, double top);

/// A swatch that draws a 14 × 14 rectangle with `attributes`.
std::function<void(Canvas&, double, double)> box_swatch(std::string attributes);

/// The labels' column: as wide as the widest label, capped at 35% of the width, and each label
/// wrapped to it (three lines at most, then an ellipsis).
struct LabelColumn {
  double width = 0;
  std::vector<TextBlock> blocks;
};

/// The column for `labels` in a chart `chart_width` wide, each label wrapped to it.
LabelColumn label_column(const std::vector<std::string>& labels, double chart_width);

/// A value text on one line, shortened to 30% of `chart_width` at most.
TextBlock value_block(const std::string& text, double chart_width);

}  // namespace gongkai::chart
