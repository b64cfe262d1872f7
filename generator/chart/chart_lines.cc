// Line: one line per series over shared categories (years), markers and value labels.
#include "chart/chart_lines.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include "chart/chart_format.h"
#include "chart/chart_legend.h"
#include "chart/chart_text.h"

namespace gongkai::chart {

namespace {

/// Gridline values: a 1-2-5 step covering [lo, hi], lo ≤ 0 ≤ hi.
std::vector<double> nice_ticks(double lo, double hi) {
  double span = hi - lo;
  double raw = span / 4;
  double magnitude = std::pow(10, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    step = m * magnitude;
    if (step >= raw) break;
  }
  std::vector<double> ticks;
  double first = std::floor(lo / step) * step;
  for (int i = 0; i < 12; ++i) {
    double t = first + step * i;
    ticks.push_back(std::fabs(t) < step * 1e-9 ? 0 : t);
    if (t >= hi) break;
  }
  return ticks;
}

const char* const kDashes[] = {"", "7 4", "2 3", "9 3 2 3"};

/// A marker of shape `series % 4` (circle, square, triangle, diamond) centred at p.
std::string marker_path(int series, Point p) {
  const double r = 4.5;
  std::string x = num(p.x), y = num(p.y);
  switch (series % 4) {
    case 1:
      return "M" + num(p.x - r) + " " + num(p.y - r) + "h" + num(2 * r) + "v" + num(2 * r) + "h" +
             num(-2 * r) + "Z";
    case 2:
      return "M" + x + " " + num(p.y - r - 1) + "L" + num(p.x + r + 1) + " " + num(p.y + r) + "H" +
             num(p.x - r - 1) + "Z";
    case 3:
      return "M" + x + " " + num(p.y - r - 1) + "L" + num(p.x + r + 1) + " " + y + "L" + x + " " +
             num(p.y + r + 1) + "L" + num(p.x - r - 1) + " " + y + "Z";
    default:
      return "M" + num(p.x - r) + " " + y + "a" + num(r) + " " + num(r) + " 0 1 0 " + num(2 * r) +
             " 0a" + num(r) + " " + num(r) + " 0 1 0 " + num(-2 * r) + " 0Z";
  }
}

std::string series_stroke(int s) {
  std::string out = "stroke=\"" + colour(s) + "\" stroke-width=\"2.5\" fill=\"none\"";
  const char* dash = kDashes[s % 4];
  if (*dash) out += std::string(" stroke-dasharray=\"") + dash + "\"";
  return out;
}

struct LinePlot {
  double left = 0, right = 0, top = 0, bottom = 0;
  double lo = 0, hi = 0;
  std::vector<double> xs;
  double spacing = 0;  // between neighbouring categories
  double y(double v) const { return bottom - (v - lo) / (hi - lo) * (bottom - top); }
};

/// Point labels are kept this narrow so the outer columns' inset can hold half of one.
constexpr double kPointLabelWidth = 120;

/// The point labels' texts: as given, or bare numbers when those would collide.
std::vector<std::vector<std::string>> point_texts(const Table& table, double spacing,
                                                  double& widest) {
  for (bool compact : {false, true}) {
    std::vector<std::vector<std::string>> texts(table.cells.size());
    widest = 0;
    for (std::size_t s = 0; s < table.cells.size(); ++s) {
      for (const auto& cell : table.cells[s]) {
        std::string t = !cell     ? ""
                        : compact ? format_number(cell->value)
                                  : ellipsize(cell->value_text, kPointLabelWidth, kSmall);
        widest = std::max(widest, chart_text_width(t, kSmall));
        texts[s].push_back(t);
      }
    }
    if (compact || widest <= spacing - kGap) return texts;
  }
  return {};
}

/// Every `stride`-th category, counted back from the last, so the latest is always labelled.
bool shown(std::size_t c, std::size_t count, std::size_t stride) {
  return (count - 1 - c) % stride == 0;
}

std::size_t stride_for(double widest, double spacing, std::size_t count) {
  if (count < 2 || widest + kGap <= spacing) return 1;
  return static_cast<std::size_t>(std::ceil((widest + kGap) / spacing));
}

bool boxes_meet(const ChartTextBox& a, const ChartTextBox& b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/// Point labels: each goes just above its marker (below, for negatives), else the other side,
/// else further out, at the first place that covers no marker and no other label and stays in
/// the plot; a label with no such place is left out (its value is in the description and in
/// the marker's hover title).
class PointLabels {
 public:
  PointLabels(double left, double right, double top, double bottom)
      : left_(left), right_(right), top_(top), bottom_(bottom) {}

  void add_marker(Point p) { taken_.push_back({p.x - 6, p.y - 6, 12, 12, ""}); }

  /// Where a label `width` wide for the marker at `marker` goes: centre x and baseline.
  std::optional<Point> place(Point marker, double width, bool prefer_below) {
    const double pitch = kSmall * 1.2;
    double x = std::clamp(marker.x, left_ + width / 2, right_ - width / 2);
    double above = marker.y - 9, below = marker.y + 9 + kAscent * kSmall;
    for (int k = 0; k < 4; ++k) {
      for (double baseline : {prefer_below ? below + pitch * k : above - pitch * k,
                              prefer_below ? above - pitch * k : below + pitch * k}) {
        ChartTextBox box{x - width / 2, baseline - kAscent * kSmall, width, kSmall, ""};
        if (fits(box)) {
          taken_.push_back(box);
          return Point{x, baseline};
        }
      }
    }
    return std::nullopt;
  }

 private:
  bool fits(const ChartTextBox& box) const {
    if (box.x < left_ - 0.01 || box.x + box.width > right_ + 0.01) return false;
    if (box.y < top_ || box.y + box.height > bottom_) return false;
    return std::none_of(taken_.begin(), taken_.end(),
                        [&](const ChartTextBox& t) { return boxes_meet(box, t); });
  }

  double left_, right_, top_, bottom_;
  std::vector<ChartTextBox> taken_;
};

void draw_point_labels(Canvas& canvas, const Table& table, const LinePlot& plot) {
  double widest = 0;
  auto texts = point_texts(table, plot.spacing, widest);
  std::size_t count = table.categories.size();
  std::size_t stride = stride_for(widest, plot.spacing, count);
  PointLabels placer(plot.left, canvas.width() - 4, plot.top - 18, plot.bottom - 1);
  for (std::size_t c = 0; c < count; ++c) {
    for (const auto& column : table.cells) {
      if (column[c]) placer.add_marker({plot.xs[c], plot.y(column[c]->value)});
    }
  }
  for (std::size_t c = 0; c < count; ++c) {
    if (!shown(c, count, stride)) continue;
    std::vector<std::pair<double, std::size_t>> order;  // marker y, series: top first
    for (std::size_t s = 0; s < table.cells.size(); ++s) {
      if (table.cells[s][c]) order.push_back({plot.y(table.cells[s][c]->value), s});
    }
    std::sort(order.begin(), order.end());
    for (const auto& [marker_y, s] : order) {
      double width = chart_text_width(texts[s][c], kSmall);
      auto at = placer.place({plot.xs[c], marker_y}, width, table.cells[s][c]->value < 0);
      if (!at) continue;
      TextBlock block;
      block.lines = {texts[s][c]};
      block.size = kSmall;
      block.anchor = Anchor::middle;
      block.halo = true;
      block.css_class = "chart-value";
      block.x = at->x;
      block.y = at->y;
      canvas.text(block);
    }
  }
}

void draw_axes(Canvas& canvas, const LinePlot& plot, const std::vector<double>& ticks) {
  for (double t : ticks) {
    double y = plot.y(t);
    canvas.line(plot.left, y, plot.right, y, t == 0 ? kAxisAttributes : kGridAttributes);
    TextBlock label;
    label.lines = {format_number(t)};
    label.size = kSmall;
    label.anchor = Anchor::end;
    label.css_class = "chart-tick";
    label.x = plot.left - kGap;
    label.y = centered_baseline(y, 1, kSmall);
    canvas.text(label);
  }
}

/// Category names under the plot; returns the y below them.
/// Every name fits its column in two lines, so none needs leaving out.
bool names_fit_two_lines(const Table& table, double room) {
  return std::none_of(table.categories.begin(), table.categories.end(),
                      [&](const auto& name) { return wrap_text(name, room, kSmall, 2).truncated; });
}

double draw_categories(Canvas& canvas, const Table& table, const LinePlot& plot) {
  double widest = 0;
  for (const std::string& name : table.categories) {
    widest = std::max(widest, std::min(chart_text_width(name, kSmall), 120.0));
  }
  std::size_t count = table.categories.size();
  std::size_t stride =
      names_fit_two_lines(table, plot.spacing - kGap) ? 1 : stride_for(widest, plot.spacing, count);
  double room =
      count < 2 ? plot.right - plot.left : plot.spacing * static_cast<double>(stride) - kGap;
  double bottom = plot.bottom;
  for (std::size_t c = 0; c < count; ++c) {
    if (!shown(c, count, stride)) continue;
    double edge = 2 * std::min(plot.xs[c] - 4, canvas.width() - 4 - plot.xs[c]);
    TextBlock name = wrapped_block(table.categories[c], std::min(room, edge), kSmall, 2);
    name.anchor = Anchor::middle;
    name.css_class = "chart-category";
    name.x = plot.xs[c];
    name.y = plot.bottom + 8 + kAscent * kSmall;
    canvas.text(name);
    bottom = std::max(bottom, plot.bottom + 8 + block_height(name.lines.size(), kSmall));
  }
  return bottom;
}

void draw_series_lines(Canvas& canvas, const Table& table, const LinePlot& plot) {
  for (std::size_t s = 0; s < table.cells.size(); ++s) {
    int index = static_cast<int>(s);
    std::string d;
    bool pen_down = false;
    for (std::size_t c = 0; c < table.categories.size(); ++c) {
      const auto& cell = table.cells[s][c];
      if (!cell) {
        pen_down = false;
        continue;
      }
      d += (pen_down ? "L" : "M") + point({plot.xs[c], plot.y(cell->value)});
      pen_down = true;
    }
    canvas.path(d, "class=\"chart-line " + colour_class(index) + "\" " + series_stroke(index));
    for (std::size_t c = 0; c < table.categories.size(); ++c) {
      const auto& cell = table.cells[s][c];
      if (!cell) continue;
      std::string hover = (table.series_names[s].empty() ? "" : table.series_names[s] + " ") +
                          table.categories[c] + "：" + cell->value_text;
      canvas.path(marker_path(index, {plot.xs[c], plot.y(cell->value)}),
                  "class=\"chart-marker " + colour_class(index) + "\" fill=\"" + colour(index) +
                      "\" " + kSeparator + " stroke-width=\"1.5\"",
                  hover);
    }
  }
}

std::vector<LegendEntry> line_legend(const Table& table) {
  std::vector<LegendEntry> entries;
  for (std::size_t s = 0; s < table.series_names.size(); ++s) {
    int index = static_cast<int>(s);
    entries.push_back(
        {series_name(table, s, "系列"), [index](Canvas& canvas, double x, double y) {
           canvas.line(x - 2, y + 7, x + 16, y + 7,
                       "class=\"chart-line " + colour_class(index) + "\" " + series_stroke(index));
           canvas.path(
               marker_path(index, {x + 7, y + 7}),
               "class=\"chart-marker " + colour_class(index) + "\" fill=\"" + colour(index) + "\"");
         }});
  }
  return entries;
}

void place_columns(LinePlot& plot, const Table& table, double widest_label) {
  std::size_t n = table.categories.size();
  double width = plot.right - plot.left;
  double inset = std::clamp(widest_label / 2 + 4, 16.0, width / 4);
  plot.spacing = n < 2 ? width : (width - 2 * inset) / static_cast<double>(n - 1);
  for (std::size_t c = 0; c < n; ++c) {
    plot.xs.push_back(n < 2 ? plot.left + width / 2 : plot.left + inset + plot.spacing * c);
  }
}

/// "单位：万元" above the plot; returns the y below it.
double draw_unit_note(Canvas& canvas, const ChartSpec& spec, double top) {
  std::string unit = clean_text(spec.unit);
  if (unit.empty()) return top;
  TextBlock note = single_line("单位：" + unit, canvas.width() - 2 * kPad, kSmall);
  note.css_class = "chart-note";
  note.x = kPad;
  note.y = top + kAscent * kSmall;
  canvas.text(note);
  return top + kSmall + 8;
}

/// The widest of the texts that sit centred on a category: value labels and category names.
double widest_centred_text(const Table& table) {
  double widest = 0;
  for (const auto& column : table.cells) {
    for (const auto& cell : column) {
      if (cell) widest = std::max(widest, chart_text_width(cell->value_text, kSmall));
    }
  }
  for (const std::string& name : table.categories) {
    widest = std::max(widest, chart_text_width(name, kSmall));
  }
  return std::min(widest, kPointLabelWidth);
}

/// The plot's frame and value range (zero always included), with gridline values in `ticks`.
LinePlot line_plot(const Table& table, double width, double top, std::vector<double>& ticks) {
  LinePlot plot;
  for (const auto& column : table.cells) {
    for (const auto& cell : column) {
      if (cell) plot.lo = std::min(plot.lo, cell->value), plot.hi = std::max(plot.hi, cell->value);
    }
  }
  ticks = nice_ticks(plot.lo, plot.hi);
  plot.lo = std::min(plot.lo, ticks.front()), plot.hi = std::max(plot.hi, ticks.back());
  double tick_width = 0;
  for (double t : ticks) {
    tick_width = std::max(tick_width, chart_text_width(format_number(t), kSmall));
  }
  plot.left = kPad + tick_width + kGap;
  plot.right = width - kPad;
  plot.top = top + 22;
  plot.bottom = plot.top + std::clamp(width * 0.42, 160.0, 320.0);
  place_columns(plot, table, widest_centred_text(table));
  return plot;
}

}  // namespace

double draw_line(Canvas& canvas, const ChartSpec& spec, const Table& table, double top) {
  if (table.series_names.size() > 1) top = draw_legend(canvas, line_legend(table), top);
  top = draw_unit_note(canvas, spec, top);
  std::vector<double> ticks;
  LinePlot plot = line_plot(table, canvas.width(), top, ticks);
  draw_axes(canvas, plot, ticks);
  draw_series_lines(canvas, table, plot);
  draw_point_labels(canvas, table, plot);
  return draw_categories(canvas, table, plot);
}

}  // namespace gongkai::chart
