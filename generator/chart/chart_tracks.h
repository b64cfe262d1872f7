// Track rows: budget_actual (planned track, executed fill) and score_bar (weight, score). Each
// row is a track with a fill over it, an end text after the bar and details under it.
#pragma once

#include <string>
#include <vector>

#include "chart/chart_data.h"
#include "chart/chart_legend.h"
#include "chart/svg_canvas.h"

namespace gongkai::chart {

/// One row: `track` and `fill` are lengths on one scale shared by all rows.
struct TrackRow {
  std::string label;
  double track = 0;
  double fill = 0;
  std::string end_text;              // after the bar: "执行率 92.3%", "12.0 / 12.5"
  std::vector<std::string> details;  // under the bar: on one line if they fit, else one each
  std::string hover;
};

/// The rows from `top` down, labels in a column on the left; returns the y below them.
double draw_track_rows(Canvas& canvas, const std::vector<TrackRow>& rows, double top);

/// The legend's two entries: the track's swatch and the fill's.
std::vector<LegendEntry> track_legend(const std::string& track_name, const std::string& fill_name);

/// Rows of budget_actual: categories with both a planned and an executed value. Each track is
/// that item's own budget, so the bars compare execution rates; the amounts are in the text.
/// Categories without both are added to `missing`.
std::vector<TrackRow> budget_rows(const Table& table, std::vector<std::string>& missing);

/// The description of budget_actual rows: "A：预算数 x，执行数 y，执行率 r；…。"
std::string budget_desc(const std::vector<TrackRow>& rows);

/// Rows of score_bar: the full marks as the track, the score as the fill.
std::vector<TrackRow> score_rows(const Prepared& prepared);

/// The description of a score_bar: the total score and full marks, then each item's.
std::string score_desc(const Prepared& prepared);

}  // namespace gongkai::chart
