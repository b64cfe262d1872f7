// Horizontal bars: hbar (one series) and grouped_bar (several), with a zero axis.
#include "chart/chart_bars.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "chart/chart_legend.h"

namespace gongkai::chart {

namespace {

struct BarScale {
  double zero = 0;      // x of the value 0
  double scale = 0;     // units per value
  double text_cap = 0;  // widest a value text may be
};

const std::string kNoData = "无数据";

const std::string& bar_text(const std::optional<Item>& cell) {
  return cell ? cell->value_text : kNoData;
}

/// Room for value texts on both sides: positives' texts right of their bar end, negatives'
/// left. Texts are capped so that the bars keep at least a third of the plot.
BarScale bar_scale(const Table& table, double left, double right, double width) {
  double lo = 0, hi = 0, text_left = 0, text_right = 0;
  for (const auto& column : table.cells) {
    for (const auto& cell : column) lo = std::min(lo, cell ? cell->value : 0);
  }
  double sides = lo < 0 ? 2 : 1;
  double cap = std::min(width * 0.3, (right - left) * 0.65 / sides - kGap);
  for (const auto& column : table.cells) {
    for (const auto& cell : column) {
      double w = chart_text_width(single_line(bar_text(cell), cap, kSmall).lines[0], kSmall) + kGap;
      double v = cell ? cell->value : 0;
      hi = std::max(hi, v);
      (v < 0 ? text_left : text_right) = std::max(v < 0 ? text_left : text_right, w);
    }
  }
  double span = hi - lo;
  double room = right - left - text_left - text_right;
  double scale = span > 0 ? room / span : 0;
  return {left + text_left - lo * scale, scale, cap};
}

struct BarStyle {
  double bar_height = 20;
  bool by_series = false;  // colour by series (grouped) rather than one colour (hbar)
};

/// One category: its label and one bar per series, stacked vertically. Returns the row's height.
double draw_bar_row(Canvas& canvas, const Table& table, std::size_t category, TextBlock label,
                    double label_right, double top, const BarScale& scale, const BarStyle& style) {
  const double between = 4;
  std::size_t n = table.cells.size();
  double group = static_cast<double>(n) * style.bar_height + static_cast<double>(n - 1) * between;
  double height = std::max(group, block_height(label.lines.size(), kFont));
  label.x = label_right;
  label.anchor = Anchor::end;
  label.y = centered_baseline(top + height / 2, label.lines.size(), kFont);
  canvas.text(label);
  double y = top + (height - group) / 2;
  for (std::size_t s = 0; s < n; ++s, y += style.bar_height + between) {
    const std::optional<Item>& cell = table.cells[s][category];
    double v = cell ? cell->value : 0;
    double end = scale.zero + v * scale.scale;
    std::string series = table.series_names[s];
    std::string hover =
        table.categories[category] + (series.empty() ? "" : " " + series) + "：" + bar_text(cell);
    int index = style.by_series ? static_cast<int>(s) : 0;
    if (cell && v != 0) {
      canvas.rect(std::min(scale.zero, end), y, std::fabs(end - scale.zero), style.bar_height,
                  mark_attributes(canvas, "chart-bar", index, style.by_series ? index : 0), hover);
    }
    TextBlock value = single_line(bar_text(cell), scale.text_cap, kSmall);
    value.css_class = "chart-value";
    value.x = v < 0 ? end - kGap : end + kGap;
    value.anchor = v < 0 ? Anchor::end : Anchor::start;
    value.y = centered_baseline(y + style.bar_height / 2, 1, kSmall);
    canvas.text(value);
  }
  return height;
}

/// Draws all rows from `top`; returns the y below them.
double draw_bar_rows(Canvas& canvas, const Table& table, double top, const BarStyle& style) {
  const double row_gap = style.by_series ? 14 : 10;
  LabelColumn labels = label_column(table.categories, canvas.width());
  double plot_left = kPad + labels.width + 10;
  BarScale scale = bar_scale(table, plot_left, canvas.width() - kPad, canvas.width());
  double y = top;
  for (std::size_t c = 0; c < table.categories.size(); ++c) {
    y += draw_bar_row(canvas, table, c, labels.blocks[c], kPad + labels.width, y, scale, style);
    y += row_gap;
  }
  canvas.line(scale.zero, top - 4, scale.zero, y - row_gap + 4, kAxisAttributes);
  return y - row_gap + 4;
}

/// A single-series table from prepared items (hbar).
Table single_series_table(const Prepared& prepared) {
  Table table;
  table.series_names = {""};
  table.cells.emplace_back();
  for (const Item& item : prepared.items) {
    table.categories.push_back(item.label);
    table.cells[0].push_back(item);
  }
  table.invalid = prepared.invalid;
  return table;
}

}  // namespace

double draw_hbar(Canvas& canvas, const Prepared& prepared, double top) {
  return draw_bar_rows(canvas, single_series_table(prepared), top + 6, BarStyle{20, false});
}

namespace {

std::vector<LegendEntry> series_legend(Canvas& canvas, const Table& table) {
  std::vector<LegendEntry> entries;
  for (std::size_t s = 0; s < table.series_names.size(); ++s) {
    int index = static_cast<int>(s);
    std::string name =
        table.series_names[s].empty() ? "系列 " + std::to_string(s + 1) : table.series_names[s];
    entries.push_back({name, box_swatch(mark_attributes(canvas, "chart-swatch", index, index))});
  }
  return entries;
}

}  // namespace

double draw_grouped(Canvas& canvas, const Table& table, double top) {
  double y = draw_legend(canvas, series_legend(canvas, table), top);
  return draw_bar_rows(canvas, table, y + 8, BarStyle{16, true});
}

}  // namespace gongkai::chart
