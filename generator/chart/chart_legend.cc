// Shared pieces: caption, legends, label columns.
#include "chart/chart_legend.h"

#include <algorithm>

#include "chart/chart_text.h"

namespace gongkai::chart {

/// Draws the caption when asked; returns the y below it.
double draw_caption(Canvas& canvas, const ChartSpec& spec) {
  std::string title = clean_text(spec.title);
  if (!spec.show_caption || title.empty()) return kPad - 4;
  TextBlock block = wrapped_block(title, canvas.width() - 2 * kPad, kCaption, 2);
  block.x = kPad;
  block.y = 12 + kAscent * kCaption;
  block.bold = true;
  block.css_class = "chart-caption";
  canvas.text(block);
  return 12 + block_height(block.lines.size(), kCaption) + 10;
}

/// Entries left to right, wrapping to new rows; returns the y below the legend.
double draw_legend(Canvas& canvas, const std::vector<LegendEntry>& entries, double top) {
  const double swatch = 14, row = 22, spacing = 18;
  double x = kPad, y = top;
  double right = canvas.width() - kPad;
  for (const LegendEntry& entry : entries) {
    TextBlock name = single_line(entry.name, right - kPad - swatch - kGap, kSmall);
    double w = swatch + kGap + chart_text_width(name.lines[0], kSmall);
    if (x > kPad && x + w > right) x = kPad, y += row;
    entry.swatch(canvas, x, y);
    name.x = x + swatch + kGap;
    name.y = centered_baseline(y + swatch / 2, 1, kSmall);
    name.css_class = "chart-legend";
    canvas.text(name);
    x += w + spacing;
  }
  return entries.empty() ? top : y + row;
}

std::function<void(Canvas&, double, double)> box_swatch(std::string attributes) {
  return
      [attributes](Canvas& canvas, double x, double y) { canvas.rect(x, y, 14, 14, attributes); };
}

LabelColumn label_column(const std::vector<std::string>& labels, double chart_width) {
  LabelColumn column;
  double cap = std::max(60.0, chart_width * 0.35);
  for (const std::string& label : labels) {
    column.width = std::max(column.width, std::min(cap, chart_text_width(label, kFont)));
  }
  for (const std::string& label : labels) {
    column.blocks.push_back(wrapped_block(label, column.width, kFont, 3));
  }
  return column;
}

/// Value texts never take more than 30% of the width.
TextBlock value_block(const std::string& text, double chart_width) {
  return single_line(text, chart_width * 0.3, kSmall);
}

}  // namespace gongkai::chart
