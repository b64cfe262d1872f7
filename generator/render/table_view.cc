#include "render/table_view.h"

#include <algorithm>
#include <map>

#include "base/html_escape.h"
#include "render/row_anchors.h"
#include "render/site_model.h"
#include "render/table_charts.h"

namespace gongkai {


namespace {

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

/// Whether a row states a change between years or a rate of change, which the data model reads
/// from its label (row_role: 增减变化金额, 增减率（%）): such a row gets no change against the
/// previous year's, which would be a change of a change.
bool states_change(const Table& table, const Side& side, const Row& row) {
  return row.code.empty() && row_role(row_key(table.columns, side, row)) != RowRole::amount;
}

/// `now` against `before` in per cent, to one decimal, with both figures in the unit they can
/// be compared in (a 元 figure converted to 万元 exactly); nullopt when they cannot be compared
/// (only one has a unit), when `before` is zero, or on overflow.
std::optional<Decimal> percent_change(const Decimal& now, AmountUnit now_unit,
                                      const Decimal& before, AmountUnit before_unit) {
  std::optional<AmountUnit> unit = comparison_unit(now_unit, before_unit);
  std::optional<Decimal> a = unit ? convert_amount(now, now_unit, *unit) : std::nullopt;
  std::optional<Decimal> b = unit ? convert_amount(before, before_unit, *unit) : std::nullopt;
  if (!a || !b || b->is_zero()) return std::nullopt;
  std::optional<Decimal> diff = subtract(*a, *b);
  std::optional<Decimal> hundredfold = diff ? multiply(*diff, Decimal(100, 0)) : std::nullopt;
  return hundredfold ? divide(*hundredfold, *b, 1) : std::nullopt;
}

/// The figure of `before_row` in the previous table's column of the same key, when that column
/// holds amounts too; nullptr otherwise.
const Cell* previous_figure(const Column& column, const Table& previous, const Row& before_row) {
  int pc = previous.column_index(column.key);
  if (pc < 0 || previous.columns[static_cast<std::size_t>(pc)].type != ColumnType::amount)
    return nullptr;
  const Cell& before = before_row.cells[static_cast<std::size_t>(pc)];
  return before.has_figure() ? &before : nullptr;
}

/// The change of one figure against `before_row`, the previous year's row matched with `row`,
/// compared in one unit. Its title is the previous figure as printed, with its unit when that
/// is not this table's (a 部门决算 printed in 元 after one in 万元).
void add_change(GridCell& cell, const Table& table, const Row& row, int c, const Table* previous,
                const Row* before_row) {
  const Column& column = table.columns[c];
  if (!before_row || column.type != ColumnType::amount || !row.cells[c].has_figure()) return;
  const Cell* before = previous_figure(column, *previous, *before_row);
  std::optional<Decimal> pct =
      before ? percent_change(row.cells[c].figure, table.unit, before->figure, previous->unit)
             : std::nullopt;
  if (!pct) return;
  cell.change_text = pct->is_zero() ? "±" : pct->is_negative() ? "−" : "+";
  cell.change_text += pct->abs().format_fixed(1);
  cell.change_text += '%';
  cell.change_class = pct->is_zero() ? "same" : pct->is_negative() ? "down" : "up";
  cell.change_title = before->figure.format(column.grouping);
  if (previous->unit != table.unit) cell.change_title += unit_text(previous->unit);
}

/// Display row `i` of a grid: the i-th row of every side, side by side.
GridRow grid_row(const Table& table, std::size_t i, const std::map<std::pair<std::size_t, int>, int>& spans,
                 const Table* previous, const RowAnchors& anchors) {
  GridRow out;
  std::size_t width = 0;
  for (const Side& side : table.sides) width += side.columns.size();
  out.cells.reserve(width);
  for (const Side& side : table.sides) {
    const Row* row = i < side.rows.size() ? &side.rows[i] : nullptr;
    int head = row ? header_column(table, side, *row) : -1;
    if (row && &side == &table.sides.front()) out.level = row->level;
    out.total = out.total || (row && row->total);
    const Row* before =
        row && !states_change(table, side, *row) ? previous_row(side, *row, previous) : nullptr;
    bool anchored = row == nullptr;
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
      // The row's anchor on its first printed cell: a <tr> may hold the rows of two sides.
      if (!anchored) cell.id = anchors.of(*row);
      anchored = true;
      if (row) add_change(cell, table, *row, c, previous, before);
    }
  }
  return out;
}

std::vector<GridRow> grid_rows(const Table& table, const Table* previous) {
  auto spans = merge_spans(table);
  RowAnchors anchors(table);
  std::vector<GridRow> rows;
  rows.reserve(display_rows(table));
  for (std::size_t i = 0; i < display_rows(table); ++i) rows.push_back(grid_row(table, i, spans, previous, anchors));
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
      // Always there, even empty: a template's {{#id}} would otherwise find the table's id.
      cell["id"] = c.id;
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
  if (!c.id.empty()) {
    out += " id=\""sv;
    append_html_escaped(out, c.id);
    out += '"';
  }
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

}  // namespace

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

std::string table_anchor(const std::string& table_id) { return anchor_of(table_id); }

std::string row_header_text(const Table& table, const Side& side, const Row& row) {
  int c = header_column(table, side, row);
  return c < 0 ? std::string() : cell_display(table.columns[c], row.cells[c]);
}

View form_part_view(const SiteModel& model, const Table& part, const ReportData* previous,
                    const std::string& form_name) {
  View view = table_view(model, part, previous);
  std::string own = view["caption"].text();
  view["caption"] = own.empty() ? form_name : form_name + " — " + own;
  return view;
}

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

}  // namespace gongkai
