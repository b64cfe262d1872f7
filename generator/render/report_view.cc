#include "render/report_view.h"

#include <algorithm>

#include "render/csv_export.h"
#include "render/fiscal_package.h"
#include "render/workbook_export.h"
#include "render/site_model.h"
#include "render/table_charts.h"
#include "render/table_view.h"
#include "render/view.h"

namespace gongkai {

// ---------------------------------------------------------------------------------------------
// Charts

namespace {

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
               {"anchor", table_anchor(form.id)},
               {"id", form.id},
               {"fields", fields_view(form)},
               {"tables", std::move(tables)},
               {"acknowledged", acknowledged_view(form)},
               {"score_text", score && score->has_figure() ? score->figure.format() : ""},
               {"chart", nullptr}};
  if (const Table* indicators = form.part("indicators")) {
    if (auto spec = score_chart(*indicators, table_chart_id(form.id), form_name(form) + " — " + model.text("chart_scores_title"))) {
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

/// The report's Fiscal Data Package (fiscal_package.h), when it has one: `fdp_url` its
/// fdp/datapackage.json, `fdp_csv_url` and `fdp_economic_csv_url` its rows by function and by
/// economic class (fdp/function.csv, fdp/economic.csv), `fdp_revenue_csv_url` its revenue by
/// function class (fdp/revenue.csv, "" when it has none); all "" otherwise.
void add_fiscal_downloads(const LoadedReport& report, View& downloads) {
  std::optional<FiscalReport> fiscal = fiscal_report(report);
  bool has = fiscal.has_value();
  std::string folder(kFiscalFolder);
  downloads["fdp_url"] = has ? folder + std::string(kFiscalPackageName) : "";
  downloads["fdp_csv_url"] = has ? folder + std::string(kFiscalCsvName) : "";
  downloads["fdp_economic_csv_url"] = has ? folder + std::string(kFiscalEconomicCsvName) : "";
  downloads["fdp_revenue_csv_url"] =
      has && fiscal->revenue ? folder + std::string(kFiscalRevenueCsvName) : "";
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
  view["downloads"] = {{"json_url", "report.json"}, {"xlsx_url", ""}, {"tables", csv}};
  add_fiscal_downloads(report, view["downloads"]);
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
  if (!report.data->tables.empty()) view["downloads"]["xlsx_url"] = std::string(kWorkbookName);
  add_presence_flags(view);
}

}  // namespace gongkai
