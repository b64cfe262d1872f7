#include "chart/chart.h"

#include <algorithm>
#include <cmath>

#include "chart/chart_bars.h"
#include "chart/chart_data.h"
#include "chart/chart_desc.h"
#include "chart/chart_donut.h"
#include "chart/chart_format.h"
#include "chart/chart_legend.h"
#include "chart/chart_lines.h"
#include "chart/chart_text.h"
#include "chart/chart_tracks.h"
#include "chart/chart_treemap.h"
#include "chart/svg_canvas.h"

// The parts of a chart are drawn by the files named after them: chart_format (numbers),
// chart_text (measuring and breaking text), svg_canvas (the canvas), chart_data (preparing the
// items), chart_legend (caption, legends, label columns), chart_desc (descriptions), and one file
// per family: chart_bars, chart_tracks, chart_donut, chart_treemap, chart_lines. Here they are
// assembled into the public entry points.

namespace gongkai {

using namespace chart;  // the chart files' internals

// ---------------------------------------------------------------------------------------------
// Assembly
// ---------------------------------------------------------------------------------------------

namespace {

std::string safe_id(std::string_view raw) {
  std::string id;
  for (char c : raw) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '_';
    id += keep ? c : '-';
  }
  if (id.empty() || !((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= 'A' && id[0] <= 'Z'))) {
    id = "chart-" + id;
  }
  return id;
}

struct Drawing {
  std::string svg;
  ChartLayout layout;
};

/// The kind's marks and texts below `top`; returns the drawing's height and its description.
struct Drawn {
  double bottom = 0;
  std::string desc;
};

Drawn draw_single(Canvas& canvas, const ChartSpec& spec, const Prepared& prepared, double top) {
  switch (spec.kind) {
    case ChartKind::donut:
      return {draw_donut(canvas, spec, prepared, top), part_of_whole_desc(spec, prepared.items)};
    case ChartKind::treemap:
      return {draw_treemap(canvas, prepared, top), treemap_desc(spec, prepared.items)};
    case ChartKind::score_bar: {
      double y = draw_legend(canvas, track_legend("分值（满分）", "得分"), top);
      return {draw_track_rows(canvas, score_rows(prepared), y + 8), score_desc(prepared)};
    }
    default:
      return {draw_hbar(canvas, prepared, top), part_of_whole_desc(spec, prepared.items)};
  }
}

Drawn draw_table(Canvas& canvas, const ChartSpec& spec, Table& table, double top) {
  if (spec.kind == ChartKind::line) return {draw_line(canvas, spec, table, top), table_desc(table)};
  if (spec.kind == ChartKind::grouped_bar)
    return {draw_grouped(canvas, table, top), table_desc(table)};
  std::vector<TrackRow> rows = budget_rows(table, table.invalid);
  double y = draw_legend(
      canvas, track_legend(series_name(table, 0, "预算数"), series_name(table, 1, "执行数")), top);
  return {draw_track_rows(canvas, rows, y + 8), budget_desc(rows)};
}

bool uses_table(ChartKind kind) {
  return kind == ChartKind::grouped_bar || kind == ChartKind::line ||
         kind == ChartKind::budget_actual;
}

std::string svg_header(const ChartSpec& spec, const std::string& id, double w, double h) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"" + id +
         "-title " + id + "-desc\" viewBox=\"0 0 " + num(w) + " " + num(h) +
         "\" class=\"chart chart-" + std::string(chart_kind_name(spec.kind)) +
         "\" font-family=\"'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', "
         "'Microsoft YaHei', sans-serif\" font-size=\"15\" fill=\"var(--chart-text, #1F1F1F)\">\n";
}

/// Whether a table chart (grouped bars, budget against spending, lines) has anything to draw.
bool table_chart_has_data(const ChartSpec& spec, const Table& table) {
  if (spec.kind != ChartKind::budget_actual) return table_has_data(table);
  std::vector<std::string> missing;
  std::vector<TrackRow> rows = budget_rows(table, missing);
  // An item with neither a budget nor spending has nothing to show.
  return std::any_of(rows.begin(), rows.end(),
                     [](const TrackRow& row) { return row.track != 0 || row.fill != 0; });
}

bool single_chart_has_data(const ChartSpec& spec, const Prepared& prepared) {
  if (spec.kind == ChartKind::score_bar) return !prepared.items.empty();
  bool whole = spec.kind == ChartKind::donut || spec.kind == ChartKind::treemap;
  if (whole && !spec.additive) return false;
  return any_nonzero(prepared.items);
}

/// The chart, its items prepared once: deciding whether there is data and drawing read the same
/// prepared items. The layout is filled in only `with_layout`.
std::optional<Drawing> draw(const ChartSpec& spec, bool with_layout) {
  std::optional<Table> table;
  std::optional<Prepared> prepared;
  if (uses_table(spec.kind)) {
    table = prepare_table(spec);
    if (!table_chart_has_data(spec, *table)) return std::nullopt;
  } else {
    prepared = prepare_single(spec);
    if (!single_chart_has_data(spec, *prepared)) return std::nullopt;
  }
  std::string id = safe_id(spec.id);
  Canvas canvas(id, std::round(std::clamp(spec.width, 280.0, 2000.0)), with_layout);
  double top = draw_caption(canvas, spec);
  Drawn drawn;
  std::vector<std::string> invalid;
  if (table) {
    drawn = draw_table(canvas, spec, *table, top);
    invalid = table->invalid;
  } else {
    drawn = draw_single(canvas, spec, *prepared, top);
    invalid = prepared->invalid;
  }
  double height = std::ceil(drawn.bottom + kPad - 4);
  std::string desc = clean_text(spec.desc);
  if (desc.empty()) desc = drawn.desc + invalid_note(invalid);
  std::string note = clean_text(spec.note);
  if (!note.empty()) desc += note;
  std::string title = clean_text(spec.title);
  Drawing out;
  out.svg = svg_header(spec, id, canvas.width(), height) + "<title id=\"" + id + "-title\">" +
            xml_escape(title) + "</title>\n<desc id=\"" + id + "-desc\">" + xml_escape(desc) +
            "</desc>\n" + canvas.defs() + canvas.body() + "</svg>\n";
  out.layout = {canvas.width(), height, canvas.take_boxes()};
  return out;
}

}  // namespace

std::string_view chart_kind_name(ChartKind kind) {
  switch (kind) {
    case ChartKind::donut:
      return "donut";
    case ChartKind::hbar:
      return "hbar";
    case ChartKind::treemap:
      return "treemap";
    case ChartKind::grouped_bar:
      return "grouped-bar";
    case ChartKind::budget_actual:
      return "budget-actual";
    case ChartKind::line:
      return "line";
    case ChartKind::score_bar:
      return "score-bar";
  }
  return "hbar";
}

std::optional<ChartKind> parse_chart_kind(std::string_view name) {
  std::string normal(name);
  std::replace(normal.begin(), normal.end(), '_', '-');
  for (ChartKind kind :
       {ChartKind::donut, ChartKind::hbar, ChartKind::treemap, ChartKind::grouped_bar,
        ChartKind::budget_actual, ChartKind::line, ChartKind::score_bar}) {
    if (chart_kind_name(kind) == normal) return kind;
  }
  return std::nullopt;
}

std::vector<bool> items_kept(const std::vector<double>& values, std::size_t max_items) {
  if (max_items == 0 || values.size() <= max_items) return std::vector<bool>(values.size(), true);
  std::vector<std::size_t> order(values.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] > values[b]; });
  std::vector<bool> keep(values.size(), false);
  for (std::size_t i = 0; i + 1 < max_items; ++i) keep[order[i]] = true;
  return keep;
}

bool chart_has_data(const ChartSpec& spec) {
  if (uses_table(spec.kind)) return table_chart_has_data(spec, prepare_table(spec));
  return single_chart_has_data(spec, prepare_single(spec));
}

std::string render_chart(const ChartSpec& spec) {
  std::optional<Drawing> drawing = draw(spec, false);
  return drawing ? std::move(drawing->svg) : "";
}

ChartLayout layout_chart(const ChartSpec& spec) {
  std::optional<Drawing> drawing = draw(spec, true);
  return drawing ? std::move(drawing->layout) : ChartLayout{};
}

}  // namespace gongkai
