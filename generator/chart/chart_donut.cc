// Donut: ring of slices, total in the middle, legend beside (wide) or below (narrow).
#include "chart/chart_donut.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "chart/chart_desc.h"
#include "chart/chart_format.h"

namespace gongkai::chart {

namespace {

Point on_circle(Point c, double r, double angle) {  // angle 0 = 12 o'clock, clockwise
  return {c.x + r * std::sin(angle), c.y - r * std::cos(angle)};
}

/// An annular sector; a whole ring when the sweep is (nearly) 2π.
std::string ring_sector(Point c, double outer, double inner, double from, double to) {
  const double two_pi = 2 * std::numbers::pi;
  if (to - from >= two_pi - 1e-9) {
    std::string o = num(outer), i = num(inner);
    return "M" + point(on_circle(c, outer, 0)) + "A" + o + " " + o + " 0 1 1 " +
           point(on_circle(c, outer, std::numbers::pi)) + "A" + o + " " + o + " 0 1 1 " +
           point(on_circle(c, outer, 0)) + "ZM" + point(on_circle(c, inner, 0)) + "A" + i + " " +
           i + " 0 1 0 " + point(on_circle(c, inner, std::numbers::pi)) + "A" + i + " " + i +
           " 0 1 0 " + point(on_circle(c, inner, 0)) + "Z";
  }
  std::string large = to - from > std::numbers::pi ? "1" : "0";
  return "M" + point(on_circle(c, outer, from)) + "A" + num(outer) + " " + num(outer) + " 0 " +
         large + " 1 " + point(on_circle(c, outer, to)) + "L" + point(on_circle(c, inner, to)) +
         "A" + num(inner) + " " + num(inner) + " 0 " + large + " 0 " +
         point(on_circle(c, inner, from)) + "Z";
}

void draw_slices(Canvas& canvas, const std::vector<Item>& items, Point c, double r) {
  double total = sum_of(items), angle = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].value <= 0) continue;
    double sweep = items[i].value / total * 2 * std::numbers::pi;
    std::string hover = items[i].label + "：" + items[i].value_text + "（" +
                        format_percent(items[i].value / total) + "）";
    canvas.path(ring_sector(c, r, r * 0.6, angle, angle + sweep),
                mark_attributes(canvas, "chart-slice", static_cast<int>(i), slice_hatch(i)) + " " +
                    kSeparator + " stroke-width=\"1.5\" fill-rule=\"evenodd\"",
                hover);
    angle += sweep;
  }
}

/// "总计" and the total inside the hole, when they fit.
void draw_donut_centre(Canvas& canvas, const ChartSpec& spec, double total, Point c, double r) {
  std::string text = total_text(spec, total);
  double room = 2 * r * 0.6 * 0.85;
  if (chart_text_width(text, kFont) > room) return;
  TextBlock caption;
  caption.lines = {"总计"};
  caption.size = kSmall;
  caption.anchor = Anchor::middle;
  caption.css_class = "chart-note";
  caption.x = c.x;
  caption.y = c.y - 4;
  canvas.text(caption);
  TextBlock value;
  value.lines = {text};
  value.anchor = Anchor::middle;
  value.bold = true;
  value.css_class = "chart-total";
  value.x = c.x;
  value.y = c.y + 4 + kAscent * kFont;
  canvas.text(value);
}

/// Legend entries: swatch, label (wrapped), and "value（share）" below. Returns the y below.
double draw_donut_legend(Canvas& canvas, const std::vector<Item>& items, double x, double top,
                         double width) {
  const double swatch = 14;
  double total = sum_of(items), y = top;
  for (std::size_t i = 0; i < items.size(); ++i) {
    TextBlock label = wrapped_block(items[i].label, width - swatch - 8, kFont, 3);
    label.x = x + swatch + 8;
    label.y = y + kAscent * kFont;
    canvas.rect(x, y + 1, swatch, swatch,
                mark_attributes(canvas, "chart-swatch", static_cast<int>(i), slice_hatch(i)));
    canvas.text(label);
    double below = y + block_height(label.lines.size(), kFont) + 4;
    TextBlock value =
        single_line(items[i].value_text + "（" + format_percent(items[i].value / total) + "）",
                    width - swatch - 8, kSmall);
    value.css_class = "chart-value";
    value.x = label.x;
    value.y = below + kAscent * kSmall;
    canvas.text(value);
    y = below + kSmall + 12;
  }
  return y - 12;
}

}  // namespace

double draw_donut(Canvas& canvas, const ChartSpec& spec, const Prepared& prepared, double top) {
  double w = canvas.width();
  bool beside = w >= 460;
  double diameter = beside ? std::min(220.0, w * 0.38) : std::min(220.0, w - 2 * kPad);
  double r = diameter / 2;
  Point c = beside ? Point{kPad + r, top + 4 + r} : Point{w / 2, top + 4 + r};
  draw_slices(canvas, prepared.items, c, r);
  draw_donut_centre(canvas, spec, sum_of(prepared.items), c, r);
  double legend_x = beside ? kPad + diameter + 24 : kPad;
  double legend_top = beside ? top + 4 : top + 4 + diameter + 16;
  double bottom =
      draw_donut_legend(canvas, prepared.items, legend_x, legend_top, w - kPad - legend_x);
  return std::max(bottom, top + 4 + diameter);
}

}  // namespace gongkai::chart
