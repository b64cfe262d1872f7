// Accessible inline SVG charts drawn at build time: pure functions from plain data to SVG text.
// The types here are deliberately independent of the report data model; the caller maps report
// tables onto them. Layout measures text (Chinese characters count as two cells) so labels never
// overlap or leave the drawing; colours come from CSS custom properties with Okabe–Ito
// fallbacks, and every mark also carries its label and value as text. See docs/charts.md.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai {

enum class ChartKind { donut, hbar, treemap, grouped_bar, budget_actual, line, score_bar };

/// The kind's name as used in class names and chart specs ("grouped_bar" → "grouped-bar").
std::string_view chart_kind_name(ChartKind kind);
/// The inverse of chart_kind_name(); accepts '_' for '-' too. nullopt for an unknown name.
std::optional<ChartKind> parse_chart_kind(std::string_view name);

/// One labelled number. Text is taken as plain text: it is escaped for XML here, invalid UTF-8
/// and control characters are replaced, so data may be hostile. The order of the fields is
/// stable, so callers may initialise it as an aggregate.
struct ChartDatum {
  std::string label;
  /// NaN, infinite and huge (beyond 10^15) values are invalid: the item is left out of the
  /// drawing and named in the description. Negative values are invalid where a part-of-whole or a
  /// score is drawn (donut, treemap, budget_actual, score_bar).
  double value = 0;
  /// The value as the reader should see it, already formatted ("1,450 万元", "97.89%"). When
  /// empty the chart writes the value with thousands separators, at most two decimals, and the
  /// spec's unit after a space.
  std::string value_text;
  /// treemap: the second level (e.g. 款 under a 类). Their values are scaled to fill their
  /// parent's tile, so rounding differences between the levels do not matter.
  std::vector<ChartDatum> children;
  /// score_bar: the full marks (the indicator's weight) the score `value` is out of; must be
  /// positive. full_marks_text formats it like value_text (default: the number, no unit).
  double full_marks = 0;
  std::string full_marks_text;
  /// budget_actual, on the executed datum: the execution rate as published ("92.3%"); when
  /// empty it is computed as executed ÷ planned with one decimal.
  std::string rate_text;
};

struct ChartSeries {
  /// Shown in legends and descriptions ("2022 年", "全年预算数").
  std::string name;
  std::vector<ChartDatum> data;
};

struct ChartSpec {
  ChartKind kind = ChartKind::hbar;
  /// Unique on the page. Characters other than ASCII letters, digits, '-' and '_' become '-';
  /// the title, description and pattern ids are derived from it ("ID-title", "ID-desc").
  std::string id;
  /// The accessible name (<title>) and, when show_caption, the caption drawn at the top.
  std::string title;
  /// Unit for values without value_text and for computed totals ("万元").
  std::string unit;
  /// donut, hbar, treemap, score_bar: series[0] only. grouped_bar and line: every series; their
  /// categories (rows, or x positions) are the labels in order of first appearance, matched by
  /// label across series. budget_actual: series[0] is planned, series[1] executed, by label.
  std::vector<ChartSeries> series;
  /// When not empty, replaces the generated description (<desc>).
  std::string desc;
  /// donut, hbar, treemap: the total as published, used instead of the computed sum in the
  /// description and the donut's centre (published totals may differ from the sum by rounding).
  std::string total_text;
  /// donut, hbar, treemap: whether the items are parts of one whole. When false (rows of
  /// different years, or of units next to their department), nothing states a total or shares
  /// and nothing is folded into "其他"; a donut or treemap has nothing to draw.
  bool additive = true;
  /// How the figures were derived when they are not all printed as they are ("各项为 3 个预算
  /// 单位同一科目印刷数之和。"): appended to the description; pages print it with the chart.
  std::string note;
  /// donut, hbar, treemap (top level): when there are more items than this, the largest
  /// max_items − 1 are kept in their order and the rest are added up as one "其他（N 项）".
  /// 0 means no limit.
  std::size_t max_items = 0;
  /// The viewBox width in user units. Text is 15 units high, so this decides how large text looks
  /// relative to the container the SVG is scaled to; clamped to [280, 2000].
  double width = 480;
  /// Draw the title as a caption inside the SVG. Off when the page prints its own caption.
  bool show_caption = true;
};

/// Which items folding to `max_items` keeps, as flags in item order: the largest
/// max_items − 1 by value (the earlier of equal ones); all when there are at most max_items
/// items or max_items is 0. The rest are drawn as one "其他（N 项）".
std::vector<bool> items_kept(const std::vector<double>& values, std::size_t max_items);

/// Folds `items` as items_kept says, for any item type: the kept items stay in order and the
/// others are handed to `fold_in(rest, item)`, which adds each into `rest`, the item that then
/// stands for them last, labelled "其他（N 项）". `value_of(item)` is the item's value as a double,
/// for choosing which to keep. Nothing changes when there are at most `max_items` items.
template <class Item, class ValueOf, class FoldIn>
void fold_items(std::vector<Item>& items, std::size_t max_items, ValueOf value_of, FoldIn fold_in) {
  if (max_items == 0 || items.size() <= max_items) return;
  std::vector<double> values;
  for (const Item& item : items) values.push_back(value_of(item));
  std::vector<bool> keep = items_kept(values, max_items);
  std::vector<Item> kept;
  Item rest{};
  std::size_t folded = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (keep[i]) {
      kept.push_back(std::move(items[i]));
    } else {
      fold_in(rest, items[i]);
      ++folded;
    }
  }
  rest.label = "其他（" + std::to_string(folded) + " 项）";
  kept.push_back(std::move(rest));
  items = std::move(kept);
}

/// False when there is nothing to draw: no valid item with a non-zero value (for score_bar: no
/// valid item with positive full marks). The caller then writes a sentence instead of a chart;
/// render_chart() returns "" in exactly this case.
bool chart_has_data(const ChartSpec& spec);

/// The chart as one <svg> element (no XML declaration, no width or height: it scales to its
/// container). Deterministic: the same spec gives the same bytes. "" when !chart_has_data().
std::string render_chart(const ChartSpec& spec);

/// The estimated box of one piece of text, in viewBox units (x, y = top left).
struct ChartTextBox {
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;
  std::string text;
};

/// What render_chart() draws, as geometry: the viewBox size and every text's box. Exposed so
/// tests (and callers) can check that no label overlaps another or leaves the drawing.
struct ChartLayout {
  double width = 0;
  double height = 0;
  std::vector<ChartTextBox> texts;
};

/// The layout render_chart() uses; empty (all zero) when !chart_has_data().
ChartLayout layout_chart(const ChartSpec& spec);

/// Estimated advance width of `text` set at `font_size`: East Asian wide and fullwidth
/// characters 1 em, other printing characters 0.6 em (digits alike, as tabular figures), wide
/// Latin capitals 0.75 em, combining marks 0. Errs wide so that estimates never underlap.
double chart_text_width(std::string_view text, double font_size);

}  // namespace gongkai
