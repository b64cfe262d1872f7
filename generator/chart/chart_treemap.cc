// Treemap: squarified tiles, two levels, headers and labels where they fit.
#include "chart/chart_treemap.h"

#include <algorithm>
#include <cmath>

#include "chart/chart_desc.h"
#include "chart/chart_format.h"

namespace gongkai::chart {

namespace {

struct Rect {
  double x = 0;
  double y = 0;
  double w = 0;
  double h = 0;
};

/// The worst aspect ratio of a row of `areas` laid along a side of length `side`.
double worst_ratio(double sum, double smallest, double largest, double side) {
  double s2 = side * side, sum2 = sum * sum;
  return std::max(s2 * largest / sum2, sum2 / (s2 * smallest));
}

/// Lays areas[begin, end) as one strip along the shorter side of `space`, which shrinks.
void place_strip(const std::vector<double>& areas, std::size_t begin, std::size_t end, Rect& space,
                 std::vector<Rect>& out) {
  double sum = 0;
  for (std::size_t i = begin; i < end; ++i) sum += areas[i];
  bool vertical = space.w >= space.h;  // strip is a column at the left
  double thickness = vertical ? sum / space.h : sum / space.w;
  double offset = 0;
  for (std::size_t i = begin; i < end; ++i) {
    double length = areas[i] / thickness;
    out.push_back(vertical ? Rect{space.x, space.y + offset, thickness, length}
                           : Rect{space.x + offset, space.y, length, thickness});
    offset += length;
  }
  if (vertical)
    space.x += thickness, space.w -= thickness;
  else
    space.y += thickness, space.h -= thickness;
}

/// Squarified treemap (Bruls, Huizing, van Wijk) of `values` sorted descending, into `bounds`.
std::vector<Rect> squarify(const std::vector<double>& values, Rect bounds) {
  std::vector<Rect> out;
  double total = 0;
  for (double v : values) total += v;
  if (total <= 0 || bounds.w <= 0 || bounds.h <= 0) return std::vector<Rect>(values.size());
  std::vector<double> areas;
  for (double v : values) areas.push_back(v / total * bounds.w * bounds.h);
  Rect space = bounds;
  std::size_t begin = 0;
  while (begin < areas.size()) {
    double side = std::min(space.w, space.h), sum = areas[begin];
    std::size_t end = begin + 1;
    while (end < areas.size() && worst_ratio(sum + areas[end], areas[end], areas[begin], side) <=
                                     worst_ratio(sum, areas[end - 1], areas[begin], side)) {
      sum += areas[end++];
    }
    place_strip(areas, begin, end, space, out);
    begin = end;
  }
  return out;
}

/// Rectangles for `items` in their own order, laid out largest first; zero items get none.
std::vector<Rect> tile(const std::vector<Item>& items, Rect bounds) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].value > 0) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return items[a].value > items[b].value; });
  std::vector<double> values;
  for (std::size_t i : order) values.push_back(items[i].value);
  std::vector<Rect> placed = squarify(values, bounds);
  std::vector<Rect> out(items.size());
  for (std::size_t k = 0; k < order.size(); ++k) out[order[k]] = placed[k];
  return out;
}

struct TreemapState {
  double total = 0;
  std::vector<std::string> unlabelled;  // "label value（share）"
};

/// "name value（share）" for the list of tiles drawn without a label.
std::string share_entry(const std::string& name, const Item& item, double share) {
  return name + " " + item.value_text + "（" + format_percent(share) + "）";
}

/// Name lines then the value, inside a tile, if both fit; false when the tile is too small.
bool label_tile(Canvas& canvas, const Item& item, Rect r) {
  const double inner_w = r.w - 8, inner_h = r.h - 6;
  double pitch = line_pitch(kSmall);
  auto lines_fitting = static_cast<std::size_t>(std::max(0.0, (inner_h - kSmall) / pitch + 1));
  if (inner_w < 3 * kSmall || lines_fitting < 2 ||
      chart_text_width(item.value_text, kSmall) > inner_w) {
    return false;
  }
  TextBlock name =
      wrapped_block(item.label, inner_w, kSmall, std::min<std::size_t>(3, lines_fitting - 1));
  name.lines.push_back(item.value_text);
  name.x = r.x + 4;
  name.y = r.y + 4 + kAscent * kSmall;
  name.css_class = "chart-tile-label";
  canvas.chip(name);
  canvas.text(name);
  return true;
}

/// Height of a parent tile's header band.
constexpr double kHeaderBand = 22;

/// The parent's "name value" band at the top of its tile; false when it does not fit.
bool label_header(Canvas& canvas, const Item& item, Rect r) {
  const double band = kHeaderBand;
  double inner_w = r.w - 8;
  std::string value = " " + item.value_text;
  double value_w = chart_text_width(value, kSmall);
  if (r.h < band + 24 || inner_w - value_w < 3 * kSmall) return false;
  TextBlock header = single_line(item.label, inner_w - value_w, kSmall);
  header.lines[0] += value;
  header.x = r.x + 4;
  header.y = r.y + 3 + kAscent * kSmall;
  header.bold = true;
  header.css_class = "chart-tile-header";
  canvas.chip(header);
  canvas.text(header);
  return true;
}

/// The second level inside `area`: outlined tiles over the parent's fill, labelled if they fit.
/// Children's shares are of the whole, through their parent, as their tiles' areas are.
void draw_children(Canvas& canvas, const Item& parent, Rect area, TreemapState& state) {
  std::vector<Rect> tiles = tile(parent.children, area);
  double parent_share = parent.value / state.total, children = sum_of(parent.children);
  for (std::size_t i = 0; i < parent.children.size(); ++i) {
    const Item& child = parent.children[i];
    if (child.value <= 0) continue;
    canvas.rect(
        tiles[i].x, tiles[i].y, tiles[i].w, tiles[i].h,
        "class=\"chart-subtile\" fill=\"none\" " + std::string(kSeparator) + " stroke-width=\"1\"",
        parent.label + " / " + child.label + "：" + child.value_text);
    if (!label_tile(canvas, child, tiles[i])) {
      state.unlabelled.push_back(share_entry(parent.label + "/" + child.label, child,
                                             parent_share * child.value / children));
    }
  }
}

/// A first-level tile: its fill, then either its own label or a header band over its children.
void draw_parent(Canvas& canvas, const Item& parent, int index, Rect r, TreemapState& state) {
  std::string attributes =
      mark_attributes(canvas, "chart-tile", index, slice_hatch(static_cast<std::size_t>(index)));
  canvas.rect(r.x, r.y, r.w, r.h, attributes + " " + kSeparator + " stroke-width=\"2\"",
              parent.label + "：" + parent.value_text);
  bool has_children = sum_of(parent.children) > 0;
  bool labelled = has_children ? label_header(canvas, parent, r) : label_tile(canvas, parent, r);
  if (!labelled) {
    state.unlabelled.push_back(share_entry(parent.label, parent, parent.value / state.total));
  }
  if (!has_children) return;
  double band = labelled ? kHeaderBand : 0;
  Rect area{r.x + 1, r.y + band + 1, std::max(r.w - 2, 0.0), std::max(r.h - band - 2, 0.0)};
  draw_children(canvas, parent, area, state);
}

}  // namespace

double draw_treemap(Canvas& canvas, const Prepared& prepared, double top) {
  double w = canvas.width() - 2 * kPad;
  Rect bounds{kPad, top + 4, w, std::round(std::clamp(w * 0.62, 200.0, 520.0))};
  TreemapState state{sum_of(prepared.items), {}};
  std::vector<Rect> tiles = tile(prepared.items, bounds);
  for (std::size_t i = 0; i < prepared.items.size(); ++i) {
    if (prepared.items[i].value > 0) {
      draw_parent(canvas, prepared.items[i], static_cast<int>(i), tiles[i], state);
    }
  }
  double y = bounds.y + bounds.h;
  if (state.unlabelled.empty()) return y;
  TextBlock note = wrapped_block("图中未标注：" + join(state.unlabelled, "；"), w, kSmall, 1000);
  note.css_class = "chart-note";
  note.x = kPad;
  note.y = y + 10 + kAscent * kSmall;
  canvas.text(note);
  return y + 10 + block_height(note.lines.size(), kSmall);
}

std::string treemap_desc(const ChartSpec& spec, const std::vector<Item>& items) {
  double total = sum_of(items);
  std::vector<std::string> parts;
  for (const Item& item : items) {
    std::string part = item.label + " " + item.value_text;
    if (total > 0) part += "，占 " + percent_in_words(item.value / total);
    std::vector<std::string> children;
    for (const Item& child : item.children)
      children.push_back(child.label + " " + child.value_text);
    if (!children.empty()) part += "（" + join(children, "、") + "）";
    parts.push_back(part);
  }
  return "总计 " + total_text(spec, total) + "，其中" + join(parts, "；") + "。";
}

}  // namespace gongkai::chart
