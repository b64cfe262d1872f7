#include "render/compare_view.h"

#include "render/figure_sources.h"
#include "render/report_view.h"
#include "render/table_charts.h"
#include "render/table_view.h"
#include "render/view.h"

namespace gongkai {

std::string compare_dir(const BudgetFinalPair& pair) {
  const ReportSource& source = *pair.budget->source;
  return source.department + "/" + std::to_string(source.year) + "/compare/";
}

std::string compare_path(const BudgetFinalPair& pair) { return compare_dir(pair) + "index.html"; }

BudgetExecution compare_pair(const BudgetFinalPair& pair) {
  return compare_budget_with_final(*pair.budget->data, *pair.final_accounts->data);
}

namespace {

std::string caption_of(const Table& table) {
  return table.number.empty() ? table.title : table.number + " " + table.title;
}

/// 1 for a 类 (3 digits), 2 for a 款 (5), 3 for a 项 (7); 1 for a line without a code.
int code_level(const std::string& code) { return code.size() <= 3 ? 1 : code.size() <= 5 ? 2 : 3; }

/// The tables one section compares, with where their rows are on the two report pages.
struct SectionSources {
  const Table* budget_table = nullptr;
  const Table* actual_table = nullptr;
  std::optional<TableSources> budget, actual;

  SectionSources(const BudgetFinalPair& pair, const ExecutionSection& section) {
    budget_table = pair.budget->data->find_table(section.budget_table);
    actual_table = pair.final_accounts->data->find_table(section.actual_table);
    if (budget_table) budget.emplace(*budget_table, report_path(*pair.budget));
    if (actual_table) actual.emplace(*actual_table, report_path(*pair.final_accounts));
  }
};

/// One figure of a line: its text, and links to the rows that print it (one, or one per budget
/// unit whose printed figures it adds up).
View figure_view(const std::optional<ComparedFigure>& figure, const std::optional<TableSources>& sources,
                 const Linker& linker) {
  if (!figure) return {{"text", ""}, {"url", ""}, {"title", ""}, {"converted", false}, {"sources", View::array()}};
  std::vector<FigureSource> found = sources ? sources->find_all(figure->cells) : std::vector<FigureSource>{};
  View links = View::array();
  for (std::size_t i = 0; found.size() > 1 && i < found.size(); ++i) {
    links.push_back({{"n", i + 1}, {"url", linker.to(found[i].target)}, {"title", found[i].row_text}});
  }
  return {{"text", figure->value.format()},
          {"url", found.empty() ? "" : linker.to(found.front().target)},
          {"title", found.empty() ? "" : found.front().row_text},
          {"converted", figure->converted},
          {"sources", std::move(links)}};
}

/// A coded line printed by one document only, or under two names. Totals are matched by what
/// they are, not by code: their printed names differ by kind of document (支出总计, 本年支出合计).
std::string status_of(const ExecutionLine& line) {
  if (!line.actual) return "budget-only";
  if (!line.budget) return "actual-only";
  return line.other_name.empty() || line.code.empty() ? "" : "renamed";
}

std::string signed_text(const Decimal& value) {
  return value.is_negative() || value.is_zero() ? value.format() : "+" + value.format();
}

View line_view(const SiteModel& model, const ExecutionLine& line, const SectionSources& sources,
               const Linker& linker) {
  std::string status = status_of(line);
  return {{"code", line.code},
          {"name", line.name},
          {"other_name", line.code.empty() ? "" : line.other_name},
          {"level", code_level(line.code)},
          {"status", status},
          {"status_label", status.empty() ? "" : model.text("compare_status_" + status)},
          {"budget", figure_view(line.budget, sources.budget, linker)},
          {"actual", figure_view(line.actual, sources.actual, linker)},
          {"difference_text", line.difference ? signed_text(*line.difference) : ""},
          {"difference_class", !line.difference || line.difference->is_zero() ? "same"
                               : line.difference->is_negative()               ? "down"
                                                                              : "up"},
          {"rate_text", line.rate ? line.rate->format() + "%" : ""}};
}

/// Budget against actual for the section's top lines: the totals, or each 类.
std::optional<ChartSpec> section_chart(const SiteModel& model, const ExecutionSection& section, AmountUnit unit,
                                       const std::string& title) {
  ChartSpec spec;
  spec.kind = ChartKind::budget_actual;
  spec.id = "chart-compare-" + section.kind;
  spec.title = title;
  spec.unit = std::string(unit_label(unit));
  spec.show_caption = false;
  spec.series = {{model.text("compare_budget"), {}}, {model.text("compare_actual"), {}}};
  std::string left_out;
  for (const ExecutionLine& line : section.lines) {
    if (code_level(line.code) != 1) continue;
    std::string label = line.code.empty() ? line.name : line.code + " " + line.name;
    if (!line.budget || !line.actual || !line.rate) {
      left_out += (left_out.empty() ? "" : "、") + label;
      continue;
    }
    spec.series[0].data.push_back(chart_datum(label, line.budget->value, unit_suffix(unit)));
    ChartDatum actual = chart_datum(label, line.actual->value, unit_suffix(unit));
    actual.rate_text = line.rate->format() + "%";
    spec.series[1].data.push_back(std::move(actual));
  }
  if (!left_out.empty()) spec.note = model.text("compare_chart_left_out") + left_out + "。";
  if (spec.series[0].data.empty()) return std::nullopt;
  return spec;
}

View section_view(const SiteModel& model, const BudgetFinalPair& pair, const BudgetExecution& execution,
                  const ExecutionSection& section, const Linker& linker) {
  SectionSources sources(pair, section);
  std::string title = model.text("compare_section_" + section.kind);
  View lines = View::array();
  for (const ExecutionLine& line : section.lines) lines.push_back(line_view(model, line, sources, linker));
  std::optional<ChartSpec> chart = section_chart(model, section, execution.unit, title);
  auto table_link = [&](const Table* table, const LoadedReport& report) -> View {
    if (!table) return nullptr;
    return {{"caption", caption_of(*table)}, {"url", linker.to(report_path(report)) + "#" + table_anchor(table->id)}};
  };
  return {{"kind", section.kind},
          {"id", "compare-" + section.kind},
          {"title", title},
          {"budget_table", table_link(sources.budget_table, *pair.budget)},
          {"actual_table", table_link(sources.actual_table, *pair.final_accounts)},
          {"chart", chart ? chart_view(model, *chart) : View(nullptr)},
          {"lines", std::move(lines)}};
}

View document_view(const SiteModel& model, const LoadedReport& report, const Linker& linker) {
  return {{"title", report.title},
          {"url", linker.to(report_path(report))},
          {"kind_label", model.kind_label(report.source->kind)}};
}

/// Which document was converted from 元, if either was: a sentence for each.
View conversion_notes(const SiteModel& model, const BudgetFinalPair& pair, const BudgetExecution& execution) {
  View notes = View::array();
  for (const LoadedReport* report : {pair.budget, pair.final_accounts}) {
    bool converted = false;
    for (const ExecutionSection& section : execution.sections) {
      for (const ExecutionLine& line : section.lines) {
        const auto& figure = report == pair.budget ? line.budget : line.actual;
        converted = converted || (figure && figure->converted);
      }
    }
    if (converted) notes.push_back({{"text", "《" + report->title + "》" + model.text("compare_converted")}});
  }
  return notes;
}

}  // namespace

View compare_page_view(const SiteModel& model, const BudgetFinalPair& pair, const BudgetExecution& execution) {
  const std::string path = compare_path(pair);
  const Department& department = *pair.budget->department;
  const int year = pair.budget->source->year;
  Linker linker(path);
  std::string title = department.name + " " + std::to_string(year) + model.text("year_suffix") +
                      model.text("compare_title");
  View breadcrumbs = crumbs(model, linker);
  add_ancestor_crumbs(breadcrumbs, model, department, linker);
  breadcrumbs.push_back(link(department.name, linker.to(department_path(department))));
  add_current(breadcrumbs, std::to_string(year) + " " + model.text("compare_title"));
  View view = common_view(model, path, "compare", title, std::move(breadcrumbs));
  View sections = View::array();
  for (const ExecutionSection& section : execution.sections) {
    sections.push_back(section_view(model, pair, execution, section, linker));
  }
  std::string unit(unit_label(execution.unit));
  view["comparison"] = {{"title", title},
                        {"year", year},
                        {"department", link(department.name, linker.to(department_path(department)))},
                        {"budget", document_view(model, *pair.budget, linker)},
                        {"actual", document_view(model, *pair.final_accounts, linker)},
                        {"unit", unit},
                        {"unit_text", unit.empty() ? "" : model.text("unit_prefix") + unit},
                        {"conversions", conversion_notes(model, pair, execution)},
                        {"has_sections", !sections.empty()},
                        {"sections", std::move(sections)},
                        {"csv_url", kCompareCsv},
                        {"json_url", kCompareJson}};
  return view;
}

}  // namespace gongkai
