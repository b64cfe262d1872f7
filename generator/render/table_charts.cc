#include "render/table_charts.h"

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "base/html_escape.h"
#include "base/toml_file.h"
#include "model/department_figures.h"
#include "model/unit_groups.h"
#include "render/table_view.h"
#include "render/site_model.h"

namespace gongkai {
namespace {

double to_double(const Decimal& d) { return chart_value(d); }
std::string unit_text(AmountUnit unit) { return unit_suffix(unit); }
ChartDatum datum(const std::string& label, const Decimal& value, const std::string& unit) {
  return chart_datum(label, value, unit);
}

int first_amount_column(const Table& table, const Side& side) {
  for (int c : side.columns) {
    if (table.columns[static_cast<std::size_t>(c)].type == ColumnType::amount) return c;
  }
  return -1;
}

/// The UI string `key` of the site's language, or the key itself when the theme lacks it.
std::string text(const nlohmann::json& strings, const std::string& key) {
  return strings.value(key, key);
}


/// A series is named by its column and the groups above it: "2023 年政府采购项目 · 小计".
std::string series_name(const Table& table, int column) {
  const Column& c = table.columns[static_cast<std::size_t>(column)];
  std::string name;
  for (const std::string& group : c.groups) {
    if (!group.empty()) name += group + " · ";
  }
  return name + c.label;
}

/// A chart item with its exact value, before it becomes a ChartDatum.
struct Item {
  std::string label;
  Decimal value;
  std::vector<Item> children;
  std::string code;
};

/// Keeps the items a chart folding to `max` keeps (chart.h items_kept) and adds up the rest,
/// exactly, as one "其他（N 项）" (the chart would add them up in binary floating point).
void fold(std::vector<Item>& items, std::size_t max) {
  fold_items(
      items, max, [](const Item& item) { return to_double(item.value); },
      [](Item& rest, const Item& item) {
        rest.value = add(rest.value, item.value).value_or(rest.value);
      });
}

std::vector<ChartDatum> data_of(const std::vector<Item>& items, const std::string& unit) {
  std::vector<ChartDatum> out;
  for (const Item& item : items) {
    ChartDatum d = datum(item.label, item.value, unit);
    d.children = data_of(item.children, unit);
    out.push_back(std::move(d));
  }
  return out;
}

/// The 3-digit codes of `codes` as items, with their 5-digit codes as children when asked.
std::vector<Item> class_items(const std::vector<DepartmentCode>& codes, bool with_children) {
  std::vector<Item> items;
  for (const DepartmentCode& code : codes) {
    if (code.code.size() == 3) items.push_back({code.name, code.value, {}, code.code});
    if (code.code.size() != 5 || !with_children) continue;
    auto parent = std::find_if(items.begin(), items.end(),
                               [&](const Item& i) { return i.code == code.code.substr(0, 3); });
    if (parent != items.end()) parent->children.push_back({code.name, code.value, {}, code.code});
  }
  return items;
}

std::string with_count(std::string text, int n) {
  std::size_t at = text.find("{n}");
  if (at != std::string::npos) text.replace(at, 3, std::to_string(n));
  return text;
}

/// How a total was derived, when it is not printed: "" when it is.
std::string total_note(const nlohmann::json& strings, const std::optional<DepartmentTotal>& total) {
  if (!total || total->source == DepartmentTotal::Source::printed) return "";
  return text(strings, total->source == DepartmentTotal::Source::units ? "chart_note_total_units"
                                                                       : "chart_note_total_codes");
}

/// How a chart of a department's classes was derived, when its figures are not all printed.
std::string units_note(const nlohmann::json& strings, int units,
                       const std::optional<DepartmentTotal>& total) {
  std::string note = units < 2 ? "" : with_count(text(strings, "chart_note_units_summed"), units);
  return note + total_note(strings, total);
}

/// The department's classes of a coded table, as a chart of `kind`.
std::optional<ChartSpec> department_class_chart(const nlohmann::json& strings, const Table& table,
                                                int column, ChartKind kind) {
  DepartmentCodes codes = department_codes(table, column);
  std::vector<Item> items = class_items(codes.codes, kind == ChartKind::treemap);
  if (items.empty()) return std::nullopt;
  if (kind == ChartKind::hbar) fold(items, 12);
  ChartSpec spec;
  spec.kind = kind;
  spec.unit = std::string(unit_label(table.unit));
  spec.series.push_back({series_name(table, column), data_of(items, unit_text(table.unit))});
  std::optional<DepartmentTotal> total = department_total(table, column);
  if (total) spec.total_text = total->value.format() + unit_text(table.unit);
  spec.note = units_note(strings, codes.units_added, total);
  spec.show_caption = false;
  return spec;
}

std::optional<ChartSpec> class_bar_chart(const SiteModel& model, const Table& table) {
  if (table.sides.empty() || table.sides.front().code_column < 0) return std::nullopt;
  std::optional<ChartSpec> spec = department_class_chart(
      model.strings, table, first_amount_column(table, table.sides.front()), ChartKind::hbar);
  if (!spec) return std::nullopt;
  spec->id = table_chart_id(table.id);
  spec->title = table.title + model.text("chart_by_class_suffix");
  return spec;
}

/// The leaf amount columns that are no column's sum (因公出国(境)费, 公务接待费, 购置费 …).
std::vector<int> item_columns(const Table& table, const Side& side) {
  std::vector<int> out;
  for (int c : side.columns) {
    const Column& column = table.columns[static_cast<std::size_t>(c)];
    if (column.type == ColumnType::amount && column.sum_of.empty()) out.push_back(c);
  }
  return out;
}

/// The rows of `rows` whose key names a year, by year.
std::vector<std::pair<int, const Row*>> year_rows(const Table& table, const Side& side,
                                                  const std::vector<int>& rows) {
  std::vector<std::pair<int, const Row*>> out;
  for (int i : rows) {
    const Row& row = side.rows[static_cast<std::size_t>(i)];
    if (int year = year_named(row_key(table.columns, side, row))) out.push_back({year, &row});
  }
  return out;
}

ChartSeries year_series(const Table& table, const Side& side, const std::string& name,
                        const std::vector<const Row*>& rows) {
  ChartSeries series{name, {}};
  for (int c : item_columns(table, side)) {
    Decimal sum;
    bool any = false;
    for (const Row* row : rows) {
      const Cell& cell = row->cells[static_cast<std::size_t>(c)];
      if (!cell.has_figure()) continue;
      sum = add(sum, cell.figure).value_or(sum);
      any = true;
    }
    if (any)
      series.data.push_back(
          datum(table.columns[static_cast<std::size_t>(c)].label, sum, unit_text(table.unit)));
  }
  return series;
}

std::string year_label(const Table& table, const Side& side, const Row& row) {
  return row_header_text(table, side, row);
}

/// A 三公 table (rows of years): grouped bars of its items, one series per year, for the
/// department: its own rows when printed, else each year added up over the units that all
/// print it.
std::optional<ChartSpec> year_rows_chart(const SiteModel& model, const ReportData& report,
                                         const Table& table) {
  if (table.sides.size() != 1) return std::nullopt;
  const Side& side = table.sides.front();
  std::vector<UnitGroup> groups = unit_groups(table, side, report.department);
  const UnitGroup* department = department_group(groups);
  std::vector<const UnitGroup*> units = units_of(groups);
  std::vector<int> all(side.rows.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
  bool summed = !department && units.size() > 1;
  const std::vector<int>& rows = department ? department->rows : summed ? units.front()->rows : all;
  std::vector<std::pair<int, const Row*>> years = year_rows(table, side, rows);
  if (years.size() < 2) return std::nullopt;
  ChartSpec spec;
  spec.kind = ChartKind::grouped_bar;
  spec.id = table_chart_id(table.id);
  spec.title = table.title;
  spec.unit = std::string(unit_label(table.unit));
  spec.show_caption = false;
  for (const auto& [year, row] : years) {
    std::vector<const Row*> parts = {row};
    if (summed) {
      parts.clear();
      for (const UnitGroup* unit : units) {
        for (const auto& [other, r] : year_rows(table, side, unit->rows))
          if (other == year) parts.push_back(r);
      }
      if (parts.size() != units.size()) return std::nullopt;
    }
    spec.series.push_back(year_series(table, side, year_label(table, side, *row), parts));
  }
  if (summed)
    spec.note =
        with_count(text(model.strings, "chart_note_years_summed"), static_cast<int>(units.size()));
  return spec;
}

// ---- ```chart blocks in the narrative ------------------------------------------------------

/// The codes of one unit block, as printed.
std::vector<DepartmentCode> block_codes(const Table& table, const Side& side, int block,
                                        int column) {
  std::vector<DepartmentCode> out;
  for (const Row& row : side.rows) {
    const Cell& cell = row.cells[static_cast<std::size_t>(column)];
    if (row.block != block || row.code.empty() || !cell.has_figure()) continue;
    out.push_back({row.code, printed_name(table, side, row), cell.figure, {&cell}});
  }
  return out;
}

/// The group `name` names: a unit by the id of its unit row or its printed name; nullptr when
/// none does.
const UnitGroup* group_named(const std::vector<UnitGroup>& groups, const std::string& name) {
  for (const UnitGroup& g : groups) {
    if (!g.department && (g.id == name || g.name == name)) return &g;
  }
  return nullptr;
}

struct BlockRequest {
  ChartKind kind = ChartKind::hbar;
  const Table* table = nullptr;
  int column = -1;
  std::string title;
  std::string unit;
};

/// A coded table: the department's classes, or one unit's as printed.
ChartSpec coded_block_chart(const nlohmann::json& strings, const BlockRequest& request,
                            const UnitGroup* unit) {
  const Table& table = *request.table;
  ChartSpec spec =
      department_class_chart(strings, table, request.column, request.kind).value_or(ChartSpec{});
  spec.kind = request.kind;
  if (!unit) return spec;
  const Side& side = table.sides.front();
  const Row& unit_row = side.rows[static_cast<std::size_t>(unit->rows.front())];
  std::vector<Item> items = class_items(block_codes(table, side, unit_row.block, request.column),
                                        request.kind == ChartKind::treemap);
  if (request.kind == ChartKind::hbar) fold(items, 12);
  spec.series = {{series_name(table, request.column) + " · " + unit->name,
                  data_of(items, unit_text(table.unit))}};
  const Cell& total = unit_row.cells[static_cast<std::size_t>(request.column)];
  spec.total_text = total.has_figure() ? total.figure.format() + unit_text(table.unit) : "";
  spec.note.clear();
  return spec;
}

/// The rows a total adds up, with every part that is itself a total replaced by its parts.
void expand_parts(const Side& side, const Row& total, std::vector<int>& out, int depth = 0) {
  for (int p : total.parts) {
    const Row& part = side.rows[static_cast<std::size_t>(p)];
    if (part.total && !part.parts.empty() && depth < 16) {
      expand_parts(side, part, out, depth + 1);
    } else {
      out.push_back(p);
    }
  }
}

/// The first row of the side that adds up exactly `rows` (among the rows with a figure in
/// `column`), through totals of totals: then the rows are the parts of that printed whole.
const Row* total_counting(const Side& side, const std::vector<int>& rows, int column) {
  for (const Row& row : side.rows) {
    if (row.parts.empty() || rows.empty()) continue;
    std::vector<int> parts;
    expand_parts(side, row, parts);
    std::erase_if(parts, [&](int p) {
      return !side.rows[static_cast<std::size_t>(p)]
                  .cells[static_cast<std::size_t>(column)]
                  .has_figure();
    });
    std::sort(parts.begin(), parts.end());
    if (parts == rows) return &row;
  }
  return nullptr;
}

/// Whether the row is a detail of a line that is not a total (1. 一般公共预算拨款 under
/// 一、政府预算拨款): charts draw the line, not its details beside it.
bool is_detail(const Side& side, int row) {
  return std::any_of(side.rows.begin(), side.rows.end(), [&](const Row& r) {
    return !r.total && std::find(r.parts.begin(), r.parts.end(), row) != r.parts.end();
  });
}

/// A table without codes: a bar per row of the department (or of the unit asked for), leaving
/// out summary rows and 增减 rows. The rows are parts of a whole only when a printed total
/// counts them all; otherwise (years, units) the chart states no total.
ChartSpec row_block_chart(const ReportData& report, const BlockRequest& request,
                          const UnitGroup* unit) {
  const Table& table = *request.table;
  const Side& side = table.sides[static_cast<std::size_t>(
      table.columns[static_cast<std::size_t>(request.column)].side)];
  std::vector<UnitGroup> groups = unit_groups(table, side, report.department);
  const UnitGroup* department = department_group(groups);
  const UnitGroup* chosen =
      unit ? unit : (department && !units_of(groups).empty() ? department : nullptr);
  std::vector<int> rows;
  for (std::size_t i = 0; i < side.rows.size(); ++i) {
    const Row& row = side.rows[i];
    bool in = !chosen || std::find(chosen->rows.begin(), chosen->rows.end(), static_cast<int>(i)) !=
                             chosen->rows.end();
    bool drawn = !row.total && !row.may_be_negative &&
                 row_role(row_key(table.columns, side, row)) == RowRole::amount &&
                 !is_detail(side, static_cast<int>(i));
    if (in && drawn && row.cells[static_cast<std::size_t>(request.column)].has_figure()) {
      rows.push_back(static_cast<int>(i));
    }
  }
  ChartSpec spec;
  spec.kind = request.kind;
  ChartSeries series{series_name(table, request.column) +
                         (chosen && !chosen->name.empty() ? " · " + chosen->name : ""),
                     {}};
  for (int i : rows) {
    const Row& row = side.rows[static_cast<std::size_t>(i)];
    std::string label = row_header_text(table, side, row);
    auto group = std::find_if(groups.begin(), groups.end(), [&](const UnitGroup& g) {
      return std::find(g.rows.begin(), g.rows.end(), i) != g.rows.end();
    });
    if (!chosen && group != groups.end() && !group->name.empty()) label += " · " + group->name;
    series.data.push_back(datum(label, row.cells[static_cast<std::size_t>(request.column)].figure,
                                unit_text(table.unit)));
  }
  spec.series.push_back(std::move(series));
  const Row* total = total_counting(side, rows, request.column);
  spec.additive = total != nullptr;
  const Cell* total_cell =
      total ? &total->cells[static_cast<std::size_t>(request.column)] : nullptr;
  if (total_cell && total_cell->has_figure())
    spec.total_text = total_cell->figure.format() + unit_text(table.unit);
  return spec;
}

std::optional<BlockRequest> read_block(const ReportData& report, std::string_view text,
                                       const SourceLocation& where, Diagnostics& diagnostics) {
  std::optional<toml::table> toml = parse_toml(text, where.path, diagnostics, where.line + 1);
  if (!toml) return std::nullopt;
  Diagnostics local;
  TomlReader reader(*toml, where.path, local, where.line);
  std::string kind_name = reader.string("kind", true).value_or("");
  std::string table_id = reader.string("table", true).value_or("");
  std::string column_key = reader.string("column").value_or("");
  BlockRequest request;
  request.title = reader.string("title").value_or("");
  request.unit = reader.string("unit").value_or("");
  reader.warn_unknown_keys();
  diagnostics.merge(local);
  if (local.has_errors()) return std::nullopt;
  auto fail = [&](const std::string& message) {
    diagnostics.error(where, "chart: " + message);
    return std::nullopt;
  };
  std::optional<ChartKind> kind = parse_chart_kind(kind_name);
  if (!kind ||
      (*kind != ChartKind::hbar && *kind != ChartKind::donut && *kind != ChartKind::treemap)) {
    return fail("unknown or unsupported kind '" + kind_name + "' (use hbar, donut or treemap)");
  }
  request.kind = *kind;
  request.table = report.find_table(table_id);
  if (!request.table || request.table->is_form())
    return fail("no table '" + table_id + "' in " + report.path);
  const Table& table = *request.table;
  request.column = column_key.empty() ? first_amount_column(table, table.sides.front())
                                      : table.column_index(column_key);
  if (request.column < 0 ||
      !table.columns[static_cast<std::size_t>(request.column)].holds_figures()) {
    return fail("table '" + table_id + "' has no figure column '" + column_key + "'");
  }
  return request;
}

/// The items a chart draws, over all its series.
std::size_t chart_items(const ChartSpec& spec) {
  std::size_t items = 0;
  for (const ChartSeries& series : spec.series) items += series.data.size();
  return items;
}

std::optional<ChartSpec> chart_from_block(const nlohmann::json& strings, const ReportData& report,
                                          std::string_view text, const SourceLocation& where,
                                          Diagnostics& diagnostics) {
  std::optional<BlockRequest> request = read_block(report, text, where, diagnostics);
  if (!request) return std::nullopt;
  const Table& table = *request->table;
  const Side& side = table.sides[static_cast<std::size_t>(
      table.columns[static_cast<std::size_t>(request->column)].side)];
  std::vector<UnitGroup> groups = unit_groups(table, side, report.department);
  const UnitGroup* unit = request->unit.empty() ? nullptr : group_named(groups, request->unit);
  if (!request->unit.empty() && !unit) {
    diagnostics.error(where, "chart: table '" + table.id + "' has no unit '" + request->unit + "'");
    return std::nullopt;
  }
  bool coded = side.code_column >= 0 && !department_codes(table, request->column).codes.empty();
  ChartSpec spec =
      coded ? coded_block_chart(strings, *request, unit) : row_block_chart(report, *request, unit);
  // A table not yet filled in draws nothing, and says nothing: it has no total to misstate.
  bool has_rows = std::any_of(spec.series.begin(), spec.series.end(),
                              [](const ChartSeries& s) { return !s.data.empty(); });
  if (!spec.additive && request->kind != ChartKind::hbar && has_rows) {
    diagnostics.error(
        where, "chart: the rows of '" + table.id + "' are not parts of one printed total, so a " +
                   std::string(chart_kind_name(request->kind)) +
                   " would state a total the document does not print; use kind = \"hbar\"");
    return std::nullopt;
  }
  spec.title = request->title.empty() ? table.title : request->title;
  if (unit) spec.title += " · " + unit->name;
  spec.unit = std::string(unit_label(table.unit));
  spec.id = "chart-md-" + std::to_string(where.line);
  if (std::size_t items = chart_items(spec); items > kMaxChartItems) {
    diagnostics.error(where, "chart: " + std::to_string(items) + " items to draw from '" +
                                 table.id + "', over the limit of " +
                                 std::to_string(kMaxChartItems) +
                                 " per chart; draw one unit with `unit`, or a table of fewer rows");
    return std::nullopt;
  }
  return spec;
}

/// True when one more block may be drawn: counts the blocks of one narrative in `seen`, and
/// reports the first block past kMaxChartBlocks (later ones are left out in silence).
bool within_block_limit(int& seen, const SourceLocation& where, Diagnostics& diagnostics) {
  if (++seen <= kMaxChartBlocks) return true;
  if (seen == kMaxChartBlocks + 1) {
    diagnostics.error(where, "chart: more than " + std::to_string(kMaxChartBlocks) +
                                 " chart blocks in one report; this one and those after it are "
                                 "not drawn");
  }
  return false;
}

}  // namespace

std::string table_chart_id(const std::string& table_id) { return "chart-" + table_anchor(table_id); }

std::string unit_suffix(AmountUnit unit) {
  std::string_view label = unit_label(unit);
  return label.empty() ? "" : " " + std::string(label);
}

ChartDatum chart_datum(const std::string& label, const Decimal& value, const std::string& unit) {
  return ChartDatum{label, chart_value(value), value.format() + unit, {}, 0, "", ""};
}

double chart_value(const Decimal& value) { return std::strtod(value.to_string().c_str(), nullptr); }

ChartBlockHandler markdown_chart_handler(const nlohmann::json& strings, const ReportData& report,
                                         Diagnostics& diagnostics) {
  auto seen = std::make_shared<int>(0);  // shared by copies of the handler: one narrative's count
  return [&strings, &report, &diagnostics, seen](
             std::string_view block, const SourceLocation& where) -> std::optional<std::string> {
    if (!within_block_limit(*seen, where, diagnostics)) return std::nullopt;
    std::optional<ChartSpec> spec = chart_from_block(strings, report, block, where, diagnostics);
    if (!spec || !chart_has_data(*spec)) return std::nullopt;
    std::string note = spec->note.empty() ? ""
                                          : "<figcaption class=\"chart-note\">" +
                                                escape_html(spec->note) + "</figcaption>";
    return "<figure class=\"chart chart-inline\">" + render_chart(*spec) + note + "</figure>\n";
  };
}

std::optional<ChartSpec> score_chart(const Table& table, const std::string& id,
                                     const std::string& title) {
  if (table.sides.size() != 1) return std::nullopt;
  const Side& side = table.sides.front();
  std::vector<int> scores;
  for (int c : side.columns) {
    if (table.columns[static_cast<std::size_t>(c)].type == ColumnType::score) scores.push_back(c);
  }
  if (scores.size() < 2) return std::nullopt;
  ChartSpec spec;
  spec.kind = ChartKind::score_bar;
  spec.id = id;
  spec.title = title;
  spec.show_caption = false;
  ChartSeries series;
  for (const Row& row : side.rows) {
    const Cell& weight = row.cells[static_cast<std::size_t>(scores.front())];
    const Cell& score = row.cells[static_cast<std::size_t>(scores.back())];
    if (row.total || !weight.has_figure() || !score.has_figure() || weight.figure.is_zero())
      continue;
    ChartDatum d = datum(row_header_text(table, side, row), score.figure, "");
    d.full_marks = to_double(weight.figure);
    d.full_marks_text = weight.figure.format();
    series.data.push_back(std::move(d));
  }
  if (series.data.empty()) return std::nullopt;
  spec.series.push_back(std::move(series));
  return spec;
}

std::optional<ChartSpec> table_chart(const SiteModel& model, const ReportData& report,
                                     const Table& table) {
  if (table.is_form() || table.published_empty) return std::nullopt;
  if (auto spec = class_bar_chart(model, table)) return spec;
  if (auto spec = year_rows_chart(model, report, table)) return spec;
  return score_chart(table, table_chart_id(table.id), table.title);
}

std::optional<ChartSpec> function_treemap(const SiteModel& model, const ReportData& report) {
  for (const Table& table : report.tables) {
    if (table.is_form() || table.sides.size() != 1 || table.sides[0].code_column < 0 ||
        table.published_empty)
      continue;
    int column = first_amount_column(table, table.sides[0]);
    std::optional<ChartSpec> spec =
        department_class_chart(model.strings, table, column, ChartKind::treemap);
    if (!spec) continue;
    const std::vector<ChartDatum>& items = spec->series.front().data;
    bool function_codes =
        std::any_of(table.sides[0].rows.begin(), table.sides[0].rows.end(),
                    [](const Row& r) { return r.code.size() == 3 && r.code[0] == '2'; });
    bool has_children = std::any_of(items.begin(), items.end(),
                                    [](const ChartDatum& d) { return !d.children.empty(); });
    if (!function_codes || !has_children) continue;
    spec->id = "chart-function-treemap";
    spec->title = table.title + model.text("chart_treemap_suffix");
    return spec;
  }
  return std::nullopt;
}

std::optional<ChartSpec> basic_project_donut(const SiteModel& model, const ReportData& report) {
  for (const Table& table : report.tables) {
    if (table.is_form() || table.published_empty || table.sides.size() != 1) continue;
    int basic = table.column_index("basic"), project = table.column_index("project");
    if (basic < 0 || project < 0) continue;
    std::optional<DepartmentTotal> b = department_total(table, basic),
                                   p = department_total(table, project);
    if (!b || !p) continue;
    std::string unit = unit_text(table.unit);
    ChartSpec spec;
    spec.kind = ChartKind::donut;
    spec.id = "chart-basic-project";
    spec.title = model.text("chart_basic_project_title");
    spec.unit = std::string(unit_label(table.unit));
    spec.series.push_back(
        {"",
         {datum(table.columns[static_cast<std::size_t>(basic)].label, b->value, unit),
          datum(table.columns[static_cast<std::size_t>(project)].label, p->value, unit)}});
    spec.note = total_note(model.strings, b);
    spec.show_caption = false;
    return spec;
  }
  return std::nullopt;
}

const Cell* form_cell(const Table& form, std::string_view part, std::string_view row,
                      std::string_view key) {
  const Table* p = form.part(part);
  if (!p) return nullptr;
  std::optional<RowPosition> at = find_row(*p, row);
  int c = p->column_index(key);
  if (!at || c < 0) return nullptr;
  return &p->sides[static_cast<std::size_t>(at->side)]
              .rows[static_cast<std::size_t>(at->row)]
              .cells[static_cast<std::size_t>(c)];
}

std::optional<ChartSpec> projects_budget_actual(const SiteModel& model, const ReportData& report) {
  ChartSpec spec;
  spec.kind = ChartKind::budget_actual;
  spec.id = "chart-projects";
  spec.title = model.text("chart_projects_title");
  spec.show_caption = false;
  ChartSeries planned{model.text("chart_planned"), {}}, executed{model.text("chart_executed"), {}};
  for (const Table& form : report.tables) {
    if (form.group != "projects") continue;
    const Cell* budget = form_cell(form, "funds", "total", "budget");
    const Cell* actual = form_cell(form, "funds", "total", "actual");
    if (!budget || !actual || !budget->has_figure() || !actual->has_figure()) continue;
    const Table* funds = form.part("funds");
    std::string unit = unit_text(funds->unit);
    spec.unit = std::string(unit_label(funds->unit));
    planned.data.push_back(datum(form_name(form), budget->figure, unit));
    ChartDatum done = datum(form_name(form), actual->figure, unit);
    const Cell* rate = form_cell(form, "funds", "total", "rate");
    if (rate && rate->has_figure()) {
      bool percent = funds->columns[static_cast<std::size_t>(funds->column_index("rate"))].type ==
                     ColumnType::percent;
      done.rate_text = percent ? rate->figure.format() + "%" : rate->figure.format();
    }
    executed.data.push_back(std::move(done));
  }
  if (planned.data.empty()) return std::nullopt;
  spec.series = {planned, executed};
  return spec;
}

}  // namespace gongkai
