// Track rows: budget_actual (planned track, executed fill) and score_bar (weight, score).
#include "chart/chart_tracks.h"

#include <algorithm>

#include "chart/chart_desc.h"
#include "chart/chart_format.h"
#include "chart/chart_text.h"

namespace gongkai::chart {

namespace {

struct TrackGeometry {
  LabelColumn labels;
  double plot_left = 0;
  double scale = 0;
};

TrackGeometry track_geometry(const std::vector<TrackRow>& rows, double width) {
  TrackGeometry g;
  std::vector<std::string> names;
  double max_value = 0, end_text = 0;
  for (const TrackRow& row : rows) {
    names.push_back(row.label);
    max_value = std::max({max_value, row.track, row.fill});
    end_text =
        std::max(end_text, chart_text_width(value_block(row.end_text, width).lines[0], kSmall));
  }
  g.labels = label_column(names, width);
  g.plot_left = kPad + g.labels.width + 10;
  double room = std::max(width - kPad - g.plot_left - end_text - kGap, 20.0);
  g.scale = max_value > 0 ? room / max_value : 0;
  return g;
}

/// The details under a bar: joined on one line when that fits, else one line each.
TextBlock detail_block(const std::vector<std::string>& details, double max_width) {
  TextBlock block;
  block.size = kSmall;
  block.css_class = "chart-note";
  std::string joined = join(details, "，");
  if (details.empty()) return block;
  if (chart_text_width(joined, kSmall) <= max_width) {
    block.lines = {joined};
    return block;
  }
  for (const std::string& part : details) block.lines.push_back(ellipsize(part, max_width, kSmall));
  if (block.lines != details) block.hover = joined;
  return block;
}

double draw_track_row(Canvas& canvas, const TrackRow& row, TextBlock label, const TrackGeometry& g,
                      double top) {
  const double bar = 18;
  TextBlock detail = detail_block(row.details, canvas.width() - kPad - g.plot_left);
  double content = bar + (detail.lines.empty() ? 0 : 4 + block_height(detail.lines.size(), kSmall));
  double height = std::max(content, block_height(label.lines.size(), kFont));
  label.x = g.plot_left - 10;
  label.anchor = Anchor::end;
  label.y = top + bar / 2 - block_height(1, kFont) / 2 + kAscent * kFont;
  canvas.text(label);
  canvas.rect(g.plot_left, top, row.track * g.scale, bar, kTrackAttributes, row.hover);
  canvas.rect(g.plot_left, top + 4, row.fill * g.scale, bar - 8,
              "class=\"chart-bar chart-c1\" fill=\"" + colour(0) + "\"", row.hover);
  TextBlock end = value_block(row.end_text, canvas.width());
  end.css_class = "chart-value";
  end.x = g.plot_left + std::max(row.track, row.fill) * g.scale + kGap;
  end.y = centered_baseline(top + bar / 2, 1, kSmall);
  canvas.text(end);
  if (!detail.lines.empty()) {
    detail.x = g.plot_left;
    detail.y = top + bar + 4 + kAscent * kSmall;
    canvas.text(detail);
  }
  return height;
}

}  // namespace

double draw_track_rows(Canvas& canvas, const std::vector<TrackRow>& rows, double top) {
  TrackGeometry g = track_geometry(rows, canvas.width());
  double y = top;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    y += draw_track_row(canvas, rows[i], g.labels.blocks[i], g, y) + 14;
  }
  return y - 14;
}

std::vector<LegendEntry> track_legend(const std::string& track_name, const std::string& fill_name) {
  return {{track_name, box_swatch(kTrackAttributes)},
          {fill_name, box_swatch("class=\"chart-swatch chart-c1\" fill=\"" + colour(0) + "\"")}};
}

namespace {

std::string execution_rate(const Item& planned, const Item& executed) {
  if (!executed.rate_text.empty()) return executed.rate_text;
  double percent = planned.value > 0 ? executed.value / planned.value * 100 : 0;
  if (planned.value <= 0 || !(percent < 1e6)) return "—";
  return fixed(percent, 1) + "%";
}

/// Execution beyond this share of the budget is drawn at this length (the text tells the rest).
constexpr double kLargestRate = 1.5;

}  // namespace

/// Rows of budget_actual: categories with both a planned and an executed value. Each track is
/// that item's own budget, so the bars compare execution rates; the amounts are in the text.
std::vector<TrackRow> budget_rows(const Table& table, std::vector<std::string>& missing) {
  std::vector<TrackRow> rows;
  std::string planned_name = series_name(table, 0, "预算数");
  std::string executed_name = series_name(table, 1, "执行数");
  for (std::size_t c = 0; c < table.categories.size(); ++c) {
    const std::optional<Item>& planned = table.cells[0][c];
    const std::optional<Item>* executed = table.cells.size() > 1 ? &table.cells[1][c] : nullptr;
    if (!planned || !executed || !*executed) {
      missing.push_back(table.categories[c]);
      continue;
    }
    std::string rate = execution_rate(*planned, **executed);
    std::vector<std::string> details = {planned_name + " " + planned->value_text,
                                        executed_name + " " + (*executed)->value_text};
    double done = (*executed)->value;
    double share = planned->value > 0 ? done / planned->value : done > 0 ? kLargestRate : 0;
    rows.push_back({table.categories[c], planned->value > 0 ? 1.0 : 0.0,
                    std::min(share, kLargestRate), "执行率 " + rate, details,
                    table.categories[c] + "：" + join(details, "，") + "，执行率 " + rate});
  }
  return rows;
}

std::string budget_desc(const std::vector<TrackRow>& rows) {
  std::vector<std::string> parts;
  for (const TrackRow& row : rows) {
    parts.push_back(row.label + "：" + join(row.details, "，") + "，" + row.end_text);
  }
  return join(parts, "；") + "。";
}

std::vector<TrackRow> score_rows(const Prepared& prepared) {
  std::vector<TrackRow> rows;
  for (const Item& item : prepared.items) {
    std::string text = item.value_text + " / " + item.full_marks_text;
    rows.push_back({item.label,
                    item.full_marks,
                    item.value,
                    text,
                    {},
                    item.label + "：得分 " + item.value_text + "，满分 " + item.full_marks_text});
  }
  return rows;
}

std::string score_desc(const Prepared& prepared) {
  double score = 0, full = 0;
  std::vector<std::string> parts;
  for (const Item& item : prepared.items) {
    score += item.value, full += item.full_marks;
    parts.push_back(item.label + " " + item.value_text + " / " + item.full_marks_text);
  }
  return "合计得分 " + format_number(score) + "，满分 " + format_number(full) + "。各项得分：" +
         join(parts, "；") + "。";
}

}  // namespace gongkai::chart
