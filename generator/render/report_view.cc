#include "render/report_view.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <regex>

#include "base/file_reader.h"
#include "base/html_escape.h"
#include "base/toml_file.h"
#include "render/csv_export.h"
#include "render/site_model.h"
#include "render/table_charts.h"
#include "render/template.h"
#include "render/view.h"

namespace gongkai {


namespace {

double to_double(const Decimal& d) { return chart_value(d); }
std::string unit_text(AmountUnit unit) { return unit_suffix(unit); }

std::string anchor_of(const std::string& table_id) {
  std::string out = "table-" + table_id;
  std::replace(out.begin(), out.end(), '.', '-');
  return out;
}

std::string cell_display(const Column& column, const Cell& cell) {
  switch (cell.kind) {
    case CellKind::empty:
      return "";
    case CellKind::figure:
      return cell.figure.format(column.grouping);
    case CellKind::dash:
      return "—";
    case CellKind::text:
      return cell.text;
  }
  return "";
}

bool is_label_column(const Column& column) {
  return (column.type == ColumnType::text || column.type == ColumnType::agency) && !column.merge;
}

/// The column holding a row's name on one side: the first non-merged text or agency column
/// whose cell is filled.
int header_column(const Table& table, const Side& side, const Row& row) {
  for (int c : side.columns) {
    if (is_label_column(table.columns[c]) && row.cells[c].kind != CellKind::empty) return c;
  }
  return -1;
}

std::string row_label(const Table& table, const Side& side, const Row& row) {
  int c = header_column(table, side, row);
  return c < 0 ? std::string() : row.cells[c].text;
}

std::size_t display_rows(const Table& table) {
  std::size_t n = 0;
  for (const Side& side : table.sides) n = std::max(n, side.rows.size());
  return n;
}

View header_rows_view(const Table& table) {
  View rows = View::array();
  for (const auto& header_row : table.header) {
    View cells = View::array();
    for (const HeaderCell& h : header_row) {
      bool numeric = h.column >= 0 && table.columns[h.column].holds_figures();
      cells.push_back({{"label", h.label}, {"colspan", h.column_span}, {"rowspan", h.row_span}, {"numeric", numeric}});
    }
    rows.push_back(std::move(cells));
  }
  return rows;
}

View serial_row_view(const Table& table) {
  bool any = std::any_of(table.columns.begin(), table.columns.end(), [](const Column& c) { return c.serial.has_value(); });
  if (!any) return nullptr;
  View cells = View::array();
  for (const Column& c : table.columns) cells.push_back({{"text", c.serial.value_or("")}, {"numeric", c.holds_figures()}});
  return cells;
}

/// For merged columns: how many rows each cell spans (0: hidden under the cell above).
std::map<std::pair<std::size_t, int>, int> merge_spans(const Table& table) {
  std::map<std::pair<std::size_t, int>, int> spans;
  for (const Side& side : table.sides) {
    for (int c : side.columns) {
      if (!table.columns[c].merge) continue;
      for (std::size_t i = 0; i < side.rows.size();) {
        const Cell& first = side.rows[i].cells[c];
        std::size_t j = i + 1;
        while (first.kind != CellKind::empty && j < side.rows.size() &&
               side.rows[j].cells[c].kind == first.kind && side.rows[j].cells[c].text == first.text) {
          spans[{j++, c}] = 0;
        }
        spans[{i, c}] = static_cast<int>(j - i);
        i = j;
      }
    }
  }
  return spans;
}

/// A body cell of a grid, as the views and the built-in grid print it.
struct GridCell {
  std::string text;
  std::string css_class;
  bool header = false;
  bool numeric = false;
  /// Printed when above 1.
  int rowspan = 0;
  /// The change against the previous year's figure; none when change_text is empty.
  std::string change_text;
  /// "up", "down" or "same".
  std::string_view change_class;
  std::string change_title;
};

struct GridRow {
  int level = 1;
  bool total = false;
  std::vector<GridCell> cells;
  std::string css_class() const { return "level-" + std::to_string(level) + (total ? " total" : ""); }
};

const Row* row_at(const Table& table, std::optional<RowPosition> at) {
  return at ? &table.sides[at->side].rows[at->row] : nullptr;
}

/// The unit row of the previous year's table for the unit named `agency`, or nullptr.
const Row* previous_unit(const Table& previous, const std::string& agency) {
  for (const Side& side : previous.sides) {
    for (const Row& r : side.rows) {
      if (r.unit && r.agency == agency) return &r;
    }
  }
  return nullptr;
}

/// The previous year's row matching `row`: by id; a unit row by its unit's name; a coded row
/// by its code within the same unit (a code repeats across the units of a consolidated table,
/// so a code alone could match another unit's row); else nullptr.
const Row* previous_row(const Side& side, const Row& row, const Table* previous) {
  if (!previous) return nullptr;
  if (!row.id.empty()) return row_at(*previous, find_row(*previous, row.id));
  if (row.unit) return previous_unit(*previous, row.agency);
  if (row.code.empty()) return nullptr;
  const Row* unit = unit_row_of(side, row.block);
  if (!unit) {
    const Row* match = row_at(*previous, find_row(*previous, row.code));
    return match && match->block < 0 ? match : nullptr;
  }
  const Row* before = previous_unit(*previous, unit->agency);
  const Side* before_side = before ? side_of(*previous, *before) : nullptr;
  if (!before_side) return nullptr;
  for (const Row& r : before_side->rows) {
    if (r.block == before->block && r.code == row.code) return &r;
  }
  return nullptr;
}

/// The change of one figure against `before`, the previous year's row matched with `row`.
void add_change(GridCell& cell, const Table& table, const Row& row, int c, const Table* previous,
                const Row* before_row) {
  const Column& column = table.columns[c];
  if (!before_row || column.type != ColumnType::amount || !row.cells[c].has_figure()) return;
  int pc = previous->column_index(column.key);
  if (pc < 0) return;
  const Cell& before = before_row->cells[pc];
  if (!before.has_figure() || before.figure.is_zero()) return;
  std::optional<Decimal> diff = subtract(row.cells[c].figure, before.figure);
  std::optional<Decimal> pct = diff ? divide(*multiply(*diff, Decimal(100, 0)), before.figure, 1) : std::nullopt;
  if (!pct) return;
  cell.change_text = pct->is_zero() ? "±" : pct->is_negative() ? "−" : "+";
  cell.change_text += pct->abs().format_fixed(1);
  cell.change_text += '%';
  cell.change_class = pct->is_zero() ? "same" : pct->is_negative() ? "down" : "up";
  cell.change_title = before.figure.format(column.grouping);
}

/// Display row `i` of a grid: the i-th row of every side, side by side.
GridRow grid_row(const Table& table, std::size_t i, const std::map<std::pair<std::size_t, int>, int>& spans,
                 const Table* previous) {
  GridRow out;
  std::size_t width = 0;
  for (const Side& side : table.sides) width += side.columns.size();
  out.cells.reserve(width);
  for (const Side& side : table.sides) {
    const Row* row = i < side.rows.size() ? &side.rows[i] : nullptr;
    int head = row ? header_column(table, side, *row) : -1;
    if (row && &side == &table.sides.front()) out.level = row->level;
    out.total = out.total || (row && row->total);
    const Row* before = row ? previous_row(side, *row, previous) : nullptr;
    for (int c : side.columns) {
      auto span = spans.find({i, c});
      if (span != spans.end() && span->second == 0) continue;
      const Column& column = table.columns[c];
      GridCell& cell = out.cells.emplace_back();
      if (row) cell.text = cell_display(column, row->cells[c]);
      cell.numeric = column.holds_figures();
      cell.header = c == head;
      cell.css_class = column_type_name(column.type);
      if (c == head) cell.css_class.append(" name level-").append(std::to_string(row->level));
      if (span != spans.end()) cell.rowspan = span->second;
      if (row) add_change(cell, table, *row, c, previous, before);
    }
  }
  return out;
}

std::vector<GridRow> grid_rows(const Table& table, const Table* previous) {
  auto spans = merge_spans(table);
  std::vector<GridRow> rows;
  rows.reserve(display_rows(table));
  for (std::size_t i = 0; i < display_rows(table); ++i) rows.push_back(grid_row(table, i, spans, previous));
  return rows;
}

/// The rows as template data (docs/templates.md, "rows").
View rows_view(const std::vector<GridRow>& rows) {
  View out = View::array();
  for (const GridRow& row : rows) {
    View cells = View::array();
    for (const GridCell& c : row.cells) {
      View cell = {{"text", c.text}, {"numeric", c.numeric}, {"header", c.header}, {"class", c.css_class}};
      if (c.rowspan > 1) cell["rowspan"] = c.rowspan;
      if (!c.change_text.empty()) {
        cell["change_text"] = c.change_text;
        cell["change_class"] = std::string(c.change_class);
        cell["change_title"] = c.change_title;
      }
      cells.push_back(std::move(cell));
    }
    out.push_back({{"level", row.level}, {"is_total", row.total}, {"class", row.css_class()}, {"cells", std::move(cells)}});
  }
  return out;
}

/// Prints one cell. Only its text comes from the data file; its class, and its change with
/// the title, are made of column type names, digits and signs, and `change_label` comes
/// escaped already: none of them needs escaping.
void append_grid_cell(std::string& out, const GridCell& c, std::string_view change_label) {
  using namespace std::string_view_literals;
  out += c.header ? "<th scope=\"row\" class=\""sv : "<td class=\""sv;
  out += c.css_class;
  if (!c.header && c.numeric) out += " num"sv;
  out += '"';
  if (c.rowspan > 1) out.append(" rowspan=\""sv).append(std::to_string(c.rowspan)).append("\""sv);
  out += '>';
  append_html_escaped(out, c.text);
  if (c.header) {
    out += "</th>"sv;
    return;
  }
  if (!c.change_text.empty()) {
    out.append(" <span class=\"change change--"sv).append(c.change_class).append("\""sv);
    if (!c.change_title.empty()) out.append(" title=\""sv).append(c.change_title).append("\""sv);
    out.append("><span class=\"visually-hidden\">"sv).append(change_label).append("</span>"sv);
    out.append(c.change_text).append("</span>"sv);
  }
  out += "</td>"sv;
}

/// The <tr> lines of a grid's body exactly as the built-in table-grid template printed them
/// from `rows`: a report page has thousands of cells, and printing them here instead of
/// building an object per cell for the template halves the cost of a report page.
std::string grid_rows_html(const SiteModel& model, const std::vector<GridRow>& rows) {
  using namespace std::string_view_literals;
  const View* label = model.strings_view.find("table_change");
  std::string change_label;
  if (label) append_html_escaped(change_label, label->text());
  std::string out;
  std::size_t cells = 0;
  for (const GridRow& row : rows) cells += row.cells.size();
  out.reserve(cells * 128);  // a figure with its change against the previous year: ~110 bytes
  for (const GridRow& row : rows) {
    out.append("<tr class=\""sv).append(row.css_class()).append("\">"sv);
    for (const GridCell& cell : row.cells) append_grid_cell(out, cell, change_label);
    out += "</tr>\n"sv;
  }
  return out;
}

/// Sets rows_html, and rows when the site's own templates may read them.
void add_rows(View& view, const SiteModel& model, const std::vector<GridRow>& rows) {
  view["rows_html"] = grid_rows_html(model, rows);
  view["rows"] = model.full_views ? rows_view(rows) : View::array();
}

View fields_view(const Table& table) {
  View fields = View::array();
  for (const Field& f : table.fields) {
    fields.push_back({{"label", f.label}, {"value", f.figure ? f.figure->format(false) : f.text}});
  }
  return fields;
}

View acknowledged_view(const Table& table) {
  View out = View::array();
  for (const Acknowledgement& a : table.acknowledged) out.push_back({{"text", a.note}});
  for (const DeclaredCheck& c : table.checks) {
    if (!c.acknowledged.empty()) out.push_back({{"text", c.acknowledged}});
  }
  return out;
}

}  // namespace

std::string table_anchor(const std::string& table_id) { return anchor_of(table_id); }

std::string row_header_text(const Table& table, const Side& side, const Row& row) {
  int c = header_column(table, side, row);
  return c < 0 ? std::string() : cell_display(table.columns[c], row.cells[c]);
}

namespace {

/// A part of a form, captioned with the form's name so that every table of a page has a
/// caption (and a scrolling region name) of its own: "<form> — <part>", or the form's name
/// alone for an untitled part.
View form_part_view(const SiteModel& model, const Table& part, const ReportData* previous,
                    const std::string& form_name) {
  View view = table_view(model, part, previous);
  std::string own = view["caption"].text();
  view["caption"] = own.empty() ? form_name : form_name + " — " + own;
  return view;
}

}  // namespace

View table_view(const SiteModel& model, const Table& table, const ReportData* previous) {
  const Table* before = previous ? previous->find_table(table.id) : nullptr;
  std::string caption = table.number.empty() ? table.title : table.number + " " + table.title;
  // A form's goals or indicators part inherits the form's unit but holds text and scores.
  std::string unit(table.is_form() || table.has_amount_column() ? unit_label(table.unit) : "");
  View view = {{"id", table.id},
               {"anchor", anchor_of(table.id)},
               {"number", table.number},
               {"title", table.title},
               {"subtitle", table.subtitle},
               {"caption", caption},
               {"unit", unit},
               {"unit_text", unit.empty() ? "" : model.text("unit_prefix") + unit},
               {"is_form", table.is_form()},
               {"fields", fields_view(table)},
               {"notes", table.notes},
               {"has_notes", !table.notes.empty()},
               {"acknowledged", acknowledged_view(table)},
               {"is_empty", table.published_empty},
               {"csv_url", table.is_form() ? "" : table.id + ".csv"},
               {"column_count", table.columns.size()},
               {"chart", nullptr}};
  if (table.is_form()) {
    View parts = View::array();
    for (const Table& part : table.parts) parts.push_back(form_part_view(model, part, previous, caption));
    view["parts"] = std::move(parts);
    view["has_thead"] = false;
    return view;
  }
  view["header_rows"] = header_rows_view(table);
  view["serial_row"] = serial_row_view(table);
  // A grid whose columns are all unlabelled has no header row; without a 栏次 row either, its
  // <thead> would be empty.
  view["has_thead"] = !view["header_rows"].empty() || !view["serial_row"].is_null();
  add_rows(view, model, grid_rows(table, before));
  view["parts"] = View::array();
  return view;
}

namespace {

/// The last figure of the last amount column on a grid's last side.
std::optional<HeadlineTotal> last_total(const Table& table) {
  if (table.is_form() || table.sides.empty()) return std::nullopt;
  const Side& side = table.sides.back();
  for (auto row = side.rows.rbegin(); row != side.rows.rend(); ++row) {
    for (int c : side.columns) {
      if (table.columns[c].type != ColumnType::amount || !row->cells[c].has_figure()) continue;
      const Decimal& value = row->cells[c].figure;
      return HeadlineTotal{row_label(table, side, *row), value.format() + unit_text(table.unit),
                           value, table.unit};
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<HeadlineTotal> headline_total(const ReportData& data) {
  // The summary table (收支总表) is two-sided; prefer it, then the first grid of the report.
  for (const Table& table : data.tables) {
    if (table.sides.size() >= 2) return last_total(table);
  }
  for (const Table& top : data.tables) {
    const Table& table = top.is_form() && !top.parts.empty() ? top.parts.front() : top;
    if (std::optional<HeadlineTotal> total = last_total(table)) return total;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Charts

namespace {

ChartDatum datum(const std::string& label, const Decimal& value, const std::string& unit) {
  return chart_datum(label, value, unit);
}

View chart_table_view(const SiteModel& model, const ChartSpec& spec) {
  View header = View::array({{{"label", ""}, {"colspan", 1}, {"rowspan", 1}, {"numeric", false}}});
  for (const ChartSeries& s : spec.series) header.push_back({{"label", s.name}, {"colspan", 1}, {"rowspan", 1}, {"numeric", true}});
  std::vector<std::string> labels;
  for (const ChartSeries& s : spec.series) {
    for (const ChartDatum& d : s.data) {
      if (std::find(labels.begin(), labels.end(), d.label) == labels.end()) labels.push_back(d.label);
    }
  }
  std::vector<GridRow> rows;
  for (const std::string& label : labels) {
    GridRow& row = rows.emplace_back();
    GridCell& name = row.cells.emplace_back();
    name.text = label;
    name.css_class = "text name level-1";
    name.header = true;
    for (const ChartSeries& s : spec.series) {
      auto it = std::find_if(s.data.begin(), s.data.end(), [&](const ChartDatum& d) { return d.label == label; });
      std::string text = it == s.data.end() ? "" : it->value_text;
      if (it != s.data.end() && !it->full_marks_text.empty()) text += " / " + it->full_marks_text;
      GridCell& figure = row.cells.emplace_back();
      figure.text = std::move(text);
      figure.css_class = "amount";
      figure.numeric = true;
    }
  }
  View header_rows = View::array();
  header_rows.push_back(std::move(header));
  View view = {{"id", spec.id + "-data"}, {"anchor", spec.id + "-data"}, {"caption", spec.title},
          {"title", spec.title}, {"header_rows", std::move(header_rows)},
          {"notes", View::array()}, {"acknowledged", View::array()}, {"is_form", false},
          {"fields", View::array()}, {"parts", View::array()}, {"unit", spec.unit},
          {"unit_text", ""}, {"csv_url", ""}, {"serial_row", nullptr}, {"has_thead", true},
          {"is_empty", false}, {"column_count", spec.series.size() + 1}, {"chart", nullptr}};
  add_rows(view, model, rows);
  return view;
}

}  // namespace

View chart_view(const SiteModel& model, const ChartSpec& spec) {
  std::string svg = render_chart(spec);  // "" exactly when the chart has no data
  bool has_data = !svg.empty();
  return {{"id", spec.id},
          {"title", spec.title},
          {"note", spec.note},
          {"svg", std::move(svg)},
          {"table", has_data ? chart_table_view(model, spec) : View(nullptr)},
          {"empty_text", has_data ? "" : model.text("chart_no_data")}};
}

namespace {

View project_view(const SiteModel& model, const Table& form, const ReportData* previous) {
  View tables = View::array();
  for (const Table& part : form.parts) tables.push_back(form_part_view(model, part, previous, form_name(form)));
  const Cell* score = form_cell(form, "indicators", "total", "score");
  View view = {{"title", form_name(form)},
               {"anchor", anchor_of(form.id)},
               {"id", form.id},
               {"fields", fields_view(form)},
               {"tables", std::move(tables)},
               {"acknowledged", acknowledged_view(form)},
               {"score_text", score && score->has_figure() ? score->figure.format() : ""},
               {"chart", nullptr}};
  if (const Table* indicators = form.part("indicators")) {
    if (auto spec = score_chart(*indicators, "chart-" + anchor_of(form.id).substr(6), form_name(form) + " — " + model.text("chart_scores_title"))) {
      view["chart"] = chart_view(model, *spec);
    }
  }
  return view;
}

/// True when one of the row's text cells contains `label` ("综合评分" may sit in any of a
/// score table's name columns, merged across the levels of the indicator tree).
bool row_mentions(const Row& row, std::string_view label) {
  return std::any_of(row.cells.begin(), row.cells.end(), [&](const Cell& cell) {
    return cell.kind == CellKind::text && cell.text.find(label) != std::string::npos;
  });
}

/// The last figure of a row (the score column comes last in score tables), or the last text
/// cell that is not the label itself when `text` is set (the grade).
const Cell* last_cell(const Row& row, const Side& side, bool text, std::string_view label) {
  for (auto c = side.columns.rbegin(); c != side.columns.rend(); ++c) {
    const Cell& cell = row.cells[*c];
    if (!text && cell.has_figure()) return &cell;
    if (text && cell.kind == CellKind::text && !cell.text.empty() &&
        cell.text.find(label) == std::string::npos) {
      return &cell;
    }
  }
  return nullptr;
}

View overall_score(const ReportData& data) {
  for (const Table& table : data.tables) {
    if (table.is_form() || table.group == "projects") continue;
    View score = nullptr;
    for (const Side& side : table.sides) {
      for (const Row& row : side.rows) {
        if (row_mentions(row, "综合评分")) {
          if (const Cell* total = last_cell(row, side, false, "综合评分")) {
            score = {{"total_text", total->figure.format()}, {"grade", ""}};
          }
        } else if (row_mentions(row, "评分等级") && !score.is_null()) {
          if (const Cell* grade = last_cell(row, side, true, "评分等级")) score["grade"] = grade->text;
        }
      }
    }
    if (!score.is_null()) return score;
  }
  return nullptr;
}

View findings_view(const ReportData& data) {
  View out = View::array();
  auto add = [&](const Table& t, const std::string& name) {
    View acknowledged = acknowledged_view(t);
    for (const View& a : acknowledged.items()) out.push_back({{"table", name}, {"text", *a.find("text")}});
  };
  for (const Table& t : data.tables) {
    // A project's form is named by its project: every project form has the same title.
    std::string name = t.is_form() ? form_name(t) : t.title;
    add(t, name);
    for (const Table& p : t.parts) add(p, p.title.empty() ? name : name + " — " + p.title);
  }
  for (const DeclaredCheck& c : data.checks) {
    if (!c.acknowledged.empty()) out.push_back({{"table", ""}, {"text", c.acknowledged}});
  }
  return out;
}

}  // namespace

namespace {

/// has_findings, has_projects and has_charts: a logic-less template cannot test a list for
/// emptiness without repeating its section once per item.
void add_presence_flags(View& view) {
  view["has_findings"] = !view["findings"].empty();
  view["has_projects"] = !view["projects"].empty();
  view["has_charts"] = !view["charts"].empty();
}

}  // namespace

void add_report_data_view(const SiteModel& model, const LoadedReport& report, View& view) {
  View tables = View::array(), projects = View::array(), toc = View::array(), charts = View::array(), csv = View::array();
  view["tables"] = tables;
  view["projects"] = projects;
  view["table_toc"] = toc;
  view["charts"] = charts;
  view["score"] = nullptr;
  view["findings"] = View::array();
  view["downloads"] = {{"json_url", "report.json"}, {"tables", csv}};
  if (!report.data) return add_presence_flags(view);
  const LoadedReport* before = model.previous_of(report);
  const ReportData* previous = before && before->data ? &*before->data : nullptr;
  for (const Table& table : report.data->tables) {
    if (table.group == "projects") {
      projects.push_back(project_view(model, table, previous));
      continue;
    }
    View t = table_view(model, table, previous);
    if (auto spec = table_chart(model, *report.data, table)) t["chart"] = chart_view(model, *spec);
    toc.push_back({{"text", t["caption"]}, {"id", t["anchor"]}});
    tables.push_back(std::move(t));
  }
  if (!projects.empty()) toc.push_back({{"text", model.text("projects_title") + "（" + std::to_string(projects.size()) + "）"}, {"id", "projects"}});
  for (auto spec : {function_treemap(model, *report.data), basic_project_donut(model, *report.data), projects_budget_actual(model, *report.data)}) {
    if (spec) charts.push_back(chart_view(model, *spec));
  }
  for (const CsvFile& file : report_csv_files(*report.data)) csv.push_back({{"title", file.title}, {"csv_url", file.name}});
  view["tables"] = std::move(tables);
  view["projects"] = std::move(projects);
  view["table_toc"] = std::move(toc);
  view["charts"] = std::move(charts);
  view["score"] = overall_score(*report.data);
  view["findings"] = findings_view(*report.data);
  view["downloads"]["tables"] = std::move(csv);
  add_presence_flags(view);
}

// ---------------------------------------------------------------------------------------------
// Comparisons across reports

namespace {

/// A report's headline total in 万元, for the length of a bar among departments whose tables
/// use 元 or 万元 (the bar's label prints the figure as published).
std::optional<double> total_in_wan(const LoadedReport& report) {
  const std::optional<HeadlineTotal>& total = report.headline;
  if (!total) return std::nullopt;
  double value = to_double(total->value);
  return total->unit == AmountUnit::yuan ? value / 10000 : value;
}

/// The report a department is represented by in a year: its budget, else final accounts, else
/// evaluation.
const LoadedReport* representative(const std::vector<const LoadedReport*>& reports) {
  for (DocumentKind kind : kAllKinds) {
    for (const LoadedReport* r : reports) {
      if (r->source->kind == kind) return r;
    }
  }
  return nullptr;
}

/// The report that already contains `report`'s figures: that of the nearest ancestor department
/// that consolidates its subordinates (department.toml `consolidates`, true unless set false)
/// and has a report of the same kind and year; nullptr when none does.
const LoadedReport* consolidating_report(const SiteModel& model, const LoadedReport& report) {
  const Department* up = report.department;
  for (std::size_t steps = 0; steps < model.content.departments.size(); ++steps) {
    up = up->parent.empty() ? nullptr : model.content.find(up->parent);
    if (!up) return nullptr;
    if (!up->consolidates) continue;
    for (const LoadedReport* r : model.reports_of(*up)) {
      if (r->source->kind == report.source->kind && r->source->year == report.source->year) return r;
    }
  }
  return nullptr;
}

/// `value` without the trailing zeros past `min_scale` (exact: no digit is dropped).
Decimal trimmed(const Decimal& value, int min_scale) {
  for (int scale = std::max(0, min_scale); scale < value.scale(); ++scale) {
    std::optional<Decimal> shorter = value.rounded(scale);
    if (shorter && *shorter == value) return *shorter;
  }
  return value;
}

/// The exact sum of headline totals: in their own unit when they all share one (so a sum of
/// budgets published in 万元 reads as they do), else in 万元 with every digit of the 元
/// figures kept. "" when there is nothing to add or the sum overflows.
std::string sum_of_totals(const std::vector<HeadlineTotal>& totals) {
  if (totals.empty()) return "";
  bool same_unit = std::all_of(totals.begin(), totals.end(),
                               [&](const HeadlineTotal& t) { return t.unit == totals[0].unit; });
  std::optional<Decimal> sum = Decimal();
  int scale = 0;
  for (const HeadlineTotal& t : totals) {
    std::optional<Decimal> value = t.value;
    if (!same_unit && t.unit == AmountUnit::yuan) value = divide(t.value, Decimal(10000, 0), t.value.scale() + 4);
    if (value && sum) sum = add(*sum, *value);
    if (!value || !sum) return "";
    if (same_unit || t.unit != AmountUnit::yuan) scale = std::max(scale, t.value.scale());
  }
  if (same_unit) return sum->format() + unit_text(totals[0].unit);
  return trimmed(*sum, scale).format() + unit_text(AmountUnit::wan_yuan);
}

std::string filled(std::string text, const std::string& key, const std::string& value) {
  std::size_t at = text.find("{" + key + "}");
  while (at != std::string::npos) {
    text.replace(at, key.size() + 2, value);
    at = text.find("{" + key + "}", at + value.size());
  }
  return text;
}

/// What a year's total of one kind counts: "部门预算合计计入：A、B。C 已含于 A 的部门预算，
/// 未重复计入。"
std::string total_basis(const SiteModel& model, DocumentKind kind, const std::vector<const LoadedReport*>& counted,
                        const std::vector<std::pair<const LoadedReport*, const LoadedReport*>>& contained) {
  std::string names;
  for (const LoadedReport* r : counted) names += (names.empty() ? "" : model.text("list_separator")) + r->department->short_name;
  std::string kind_label = model.kind_label(kind);
  std::string out = filled(filled(model.text("year_total_basis"), "kind", kind_label), "names", names);
  for (const auto& [report, container] : contained) {
    out += filled(filled(filled(model.text("year_total_contained"), "kind", kind_label), "name",
                         report->department->short_name),
                  "parent", container->department->short_name);
  }
  return out;
}

}  // namespace

View year_comparison_chart(const SiteModel& model, int year, const std::string& id) {
  std::map<const Department*, std::vector<const LoadedReport*>> by_department;
  for (const LoadedReport* r : model.reports_in(year)) by_department[r->department].push_back(r);
  ChartSpec spec;
  spec.kind = ChartKind::hbar;
  spec.id = id;
  spec.title = std::to_string(year) + model.text("chart_year_title");
  spec.unit = "万元";
  spec.show_caption = false;
  ChartSeries series{model.text("chart_total"), {}};
  std::vector<const LoadedReport*> shown;
  for (const Department& d : model.content.departments) {
    auto it = by_department.find(&d);
    if (it == by_department.end()) continue;
    const LoadedReport* r = representative(it->second);
    std::optional<double> total = r ? total_in_wan(*r) : std::nullopt;
    if (!total) continue;
    series.data.push_back({d.short_name + "（" + model.kind_label(r->source->kind) + "）", *total, r->headline->text, {}, 0, "", ""});
    shown.push_back(r);
  }
  if (series.data.empty()) return nullptr;
  // The bars add up to a total only when they are reports of one kind and unit and none
  // already contains another's figures.
  std::vector<HeadlineTotal> totals;
  for (const LoadedReport* r : shown) {
    bool same = r->source->kind == shown[0]->source->kind && r->headline->unit == shown[0]->headline->unit;
    if (!same || consolidating_report(model, *r)) spec.additive = false;
    totals.push_back(*r->headline);
  }
  if (spec.additive) spec.total_text = sum_of_totals(totals);
  spec.series.push_back(std::move(series));
  return chart_view(model, spec);
}

View year_totals(const SiteModel& model, int year) {
  View out = View::array();
  for (DocumentKind kind : kAllKinds) {
    std::vector<HeadlineTotal> totals;
    std::vector<const LoadedReport*> counted;
    std::vector<std::pair<const LoadedReport*, const LoadedReport*>> contained;
    int count = 0;
    for (const LoadedReport* r : model.reports_in(year)) {
      if (r->source->kind != kind) continue;
      ++count;
      if (const LoadedReport* container = consolidating_report(model, *r)) {
        contained.push_back({r, container});
      } else if (r->headline) {
        totals.push_back(*r->headline);
        counted.push_back(r);
      }
    }
    if (count == 0) continue;
    out.push_back({{"kind_label", model.kind_label(kind)}, {"count", count},
                   {"total_text", sum_of_totals(totals)},
                   {"basis", counted.empty() ? "" : total_basis(model, kind, counted, contained)}});
  }
  return out;
}

View department_trend_charts(const SiteModel& model, const Department& department) {
  View charts = View::array();
  std::vector<const LoadedReport*> reports = model.reports_of(department);
  for (DocumentKind kind : kAllKinds) {
    ChartSeries series{model.kind_label(kind), {}};
    for (const LoadedReport* r : reports) {
      const std::optional<HeadlineTotal>& total = r->headline;
      if (total && r->source->kind == kind) series.data.push_back(datum(std::to_string(r->source->year), total->value, unit_text(total->unit)));
    }
    if (series.data.size() < 2) continue;
    ChartSpec spec;
    spec.kind = ChartKind::line;
    spec.id = "chart-trend-" + std::string(kind_slug(kind));
    spec.title = model.kind_label(kind) + model.text("chart_trend_suffix");
    spec.show_caption = false;
    spec.series.push_back(std::move(series));
    charts.push_back(chart_view(model, spec));
  }
  return charts;
}

}  // namespace gongkai
