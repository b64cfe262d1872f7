#include "render/compare_view.h"

#include <algorithm>

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

std::string changes_dir(const LoadedReport& report) { return report.dir + "changes/"; }

std::string changes_path(const LoadedReport& report) { return changes_dir(report) + "index.html"; }

std::string side_by_side_dir(const SideBySide& comparison) {
  if (comparison.kind == SideBySide::Kind::execution)
    return compare_dir({comparison.left, comparison.right});
  return changes_dir(*comparison.right);
}

std::string side_by_side_file(SideBySide::Kind kind, const char* extension) {
  return std::string(kind == SideBySide::Kind::execution ? "compare." : "changes.") + extension;
}

namespace {

/// The UI string `key` of this kind of comparison: "compare_key" or "changes_key".
std::string text_of(const SiteModel& model, const SideBySide& comparison, const std::string& key) {
  return model.text(std::string(comparison.name()) + "_" + key);
}

std::string year_text(const SiteModel& model, const LoadedReport& report) {
  return std::to_string(report.source->year) + model.text("year_suffix");
}

/// The column heads of the two figures: 预算数 and 决算数, or the two years.
std::pair<std::string, std::string> figure_labels(const SiteModel& model,
                                                  const SideBySide& comparison) {
  if (comparison.kind == SideBySide::Kind::execution) {
    return {model.text("compare_left"), model.text("compare_right")};
  }
  return {year_text(model, *comparison.left), year_text(model, *comparison.right)};
}

std::string caption_of(const Table& table) {
  return table.number.empty() ? table.title : table.number + " " + table.title;
}

/// 1 for a 类 (3 digits), 2 for a 款 (5), 3 for a 项 (7); 1 for a line without a code.
int code_level(const std::string& code) { return code.size() <= 3 ? 1 : code.size() <= 5 ? 2 : 3; }

/// The tables one section compares, with where their rows are on the two report pages.
struct SectionSources {
  const Table* left_table = nullptr;
  const Table* right_table = nullptr;
  std::optional<TableSources> left, right;

  SectionSources(const SideBySide& comparison, const SideBySideSection& section) {
    left_table = comparison.left->data->find_table(section.left_table);
    right_table = comparison.right->data->find_table(section.right_table);
    if (left_table) left.emplace(*left_table, report_path(*comparison.left));
    if (right_table) right.emplace(*right_table, report_path(*comparison.right));
  }
};

/// One figure of a line: its text, and links to the rows that print it (one, or one per budget
/// unit whose printed figures it adds up).
View figure_view(const std::optional<ComparedFigure>& figure,
                 const std::optional<TableSources>& sources, const Linker& linker) {
  if (!figure)
    return {
        {"text", ""}, {"url", ""}, {"title", ""}, {"converted", false}, {"sources", View::array()}};
  std::vector<FigureSource> found =
      sources ? sources->find_all(figure->cells) : std::vector<FigureSource>{};
  View links = View::array();
  for (std::size_t i = 0; found.size() > 1 && i < found.size(); ++i) {
    links.push_back(
        {{"n", i + 1}, {"url", linker.to(found[i].target)}, {"title", found[i].row_text}});
  }
  return {{"text", figure->value.format()},
          {"url", found.empty() ? "" : linker.to(found.front().target)},
          {"title", found.empty() ? "" : found.front().row_text},
          {"converted", figure->converted},
          {"sources", std::move(links)}};
}

/// The left figure as the right document prints it, and whether the two agree.
View printed_view(const SiteModel& model, const SideBySide& comparison, const SideBySideLine& line,
                  const SectionSources& sources, const Linker& linker) {
  if (!line.printed) return nullptr;
  View figure = figure_view(line.printed->printed, sources.right, linker);
  bool agrees = line.printed->agrees.value_or(false);
  figure["label"] = text_of(model, comparison, "printed");
  figure["agrees"] = agrees;
  figure["verdict"] = text_of(model, comparison, agrees ? "printed_agrees" : "printed_differs");
  return figure;
}

std::string signed_text(const Decimal& value) {
  return value.is_negative() || value.is_zero() ? value.format() : "+" + value.format();
}

std::string change_class(const std::optional<Decimal>& difference) {
  if (!difference || difference->is_zero()) return "same";
  return difference->is_negative() ? "down" : "up";
}

View line_view(const SiteModel& model, const SideBySide& comparison, const SideBySideLine& line,
               const SectionSources& sources, const Linker& linker) {
  return {{"code", line.code},
          {"name", line.name},
          {"other_name", line.other_name},
          {"level", code_level(line.code)},
          {"status", line.status},
          {"status_label",
           line.status.empty() ? "" : text_of(model, comparison, "status_" + line.status)},
          {"left", figure_view(line.left, sources.left, linker)},
          {"right", figure_view(line.right, sources.right, linker)},
          {"printed", printed_view(model, comparison, line, sources, linker)},
          {"difference_text", line.difference ? signed_text(*line.difference) : ""},
          {"difference_class", change_class(line.difference)},
          {"rate_text", line.rate ? line.rate->format() + "%" : ""}};
}

/// The two figures of the section's top lines (the totals, or each 类) as bars; an execution
/// comparison as budget tracks filled by the actual figure.
std::optional<ChartSpec> section_chart(const SiteModel& model, const SideBySide& comparison,
                                       const SideBySideSection& section, const std::string& title) {
  ChartSpec spec;
  bool execution = comparison.kind == SideBySide::Kind::execution;
  spec.kind = execution ? ChartKind::budget_actual : ChartKind::grouped_bar;
  spec.id = std::string("chart-") + comparison.name() + "-" + section.kind;
  spec.title = title;
  spec.unit = std::string(unit_label(comparison.unit));
  spec.show_caption = false;
  auto [left_label, right_label] = figure_labels(model, comparison);
  spec.series = {{left_label, {}}, {right_label, {}}};
  std::string left_out;
  for (const SideBySideLine& line : section.lines) {
    if (code_level(line.code) != 1) continue;
    std::string label = line.code.empty() ? line.name : line.code + " " + line.name;
    if (!line.left || !line.right || (execution && !line.rate)) {
      left_out += (left_out.empty() ? "" : "、") + label;
      continue;
    }
    spec.series[0].data.push_back(
        chart_datum(label, line.left->value, unit_suffix(comparison.unit)));
    ChartDatum right = chart_datum(label, line.right->value, unit_suffix(comparison.unit));
    if (execution) right.rate_text = line.rate->format() + "%";
    spec.series[1].data.push_back(std::move(right));
  }
  spec.additive = false;
  if (!left_out.empty()) spec.note = text_of(model, comparison, "chart_left_out") + left_out + "。";
  if (spec.series[0].data.empty()) return std::nullopt;
  return spec;
}

View section_view(const SiteModel& model, const SideBySide& comparison,
                  const SideBySideSection& section, const Linker& linker) {
  SectionSources sources(comparison, section);
  std::string title = model.text("compare_section_" + section.kind);
  View lines = View::array();
  for (const SideBySideLine& line : section.lines)
    lines.push_back(line_view(model, comparison, line, sources, linker));
  std::optional<ChartSpec> chart = section_chart(model, comparison, section, title);
  auto table_link = [&](const Table* table, const LoadedReport& report) -> View {
    if (!table) return nullptr;
    return {{"caption", caption_of(*table)},
            {"url", linker.to(report_path(report)) + "#" + table_anchor(table->id)}};
  };
  std::string id = std::string(comparison.name()) + "-" + section.kind;
  bool has_codes = std::any_of(section.lines.begin(), section.lines.end(),
                               [](const SideBySideLine& line) { return !line.code.empty(); });
  return {{"kind", section.kind},
          {"id", id},
          {"title", title},
          {"has_codes", has_codes},
          {"left_table", table_link(sources.left_table, *comparison.left)},
          {"right_table", table_link(sources.right_table, *comparison.right)},
          {"chart", chart ? chart_view(model, *chart) : View(nullptr)},
          {"lines", std::move(lines)}};
}

/// Which document was converted from 元, if either was: a sentence for each.
View conversion_notes(const SiteModel& model, const SideBySide& comparison) {
  View notes = View::array();
  for (bool left : {true, false}) {
    bool converted = false;
    for (const SideBySideSection& section : comparison.sections) {
      for (const SideBySideLine& line : section.lines) {
        const auto& figure = left ? line.left : line.right;
        converted = converted || (figure && figure->converted);
      }
    }
    const LoadedReport& report = left ? *comparison.left : *comparison.right;
    if (converted)
      notes.push_back({{"text", "《" + report.title + "》" + model.text("compare_converted")}});
  }
  return notes;
}

View document_view(const SiteModel& model, const LoadedReport& report, const std::string& role,
                   const Linker& linker) {
  return {{"title", report.title},
          {"url", linker.to(report_path(report))},
          {"kind", kind_slug(report.source->kind)},
          {"kind_label", model.kind_label(report.source->kind)},
          {"role", role}};
}

std::string page_title(const SiteModel& model, const SideBySide& comparison) {
  const LoadedReport& right = *comparison.right;
  if (comparison.kind == SideBySide::Kind::execution) {
    return right.department->name + " " + year_text(model, right) + model.text("compare_title");
  }
  return right.title + " " + model.text("changes_against") + year_text(model, *comparison.left);
}

View page_crumbs(const SiteModel& model, const SideBySide& comparison, const Linker& linker) {
  const LoadedReport& right = *comparison.right;
  View breadcrumbs = crumbs(model, linker);
  add_ancestor_crumbs(breadcrumbs, model, *right.department, linker);
  breadcrumbs.push_back(
      link(right.department->name, linker.to(department_path(*right.department))));
  if (comparison.kind == SideBySide::Kind::execution) {
    add_current(breadcrumbs,
                std::to_string(right.source->year) + " " + model.text("compare_title"));
  } else {
    breadcrumbs.push_back(
        link(std::to_string(right.source->year) + " " + model.kind_label(right.source->kind),
             linker.to(report_path(right))));
    add_current(breadcrumbs, model.text("changes_against") + year_text(model, *comparison.left));
  }
  return breadcrumbs;
}

}  // namespace

View side_by_side_view(const SiteModel& model, const SideBySide& comparison) {
  const std::string path = side_by_side_dir(comparison) + "index.html";
  Linker linker(path);
  std::string title = page_title(model, comparison);
  View view =
      common_view(model, path, comparison.name(), title, page_crumbs(model, comparison, linker));
  View sections = View::array();
  for (const SideBySideSection& section : comparison.sections) {
    sections.push_back(section_view(model, comparison, section, linker));
  }
  auto [left_label, right_label] = figure_labels(model, comparison);
  std::string unit(unit_label(comparison.unit));
  const Department& department = *comparison.right->department;
  view["comparison"] = {
      {"kind", comparison.name()},
      {"title", title},
      {"year", comparison.right->source->year},
      {"department", link(department.name, linker.to(department_path(department)))},
      {"left", document_view(model, *comparison.left, left_label, linker)},
      {"right", document_view(model, *comparison.right, right_label, linker)},
      {"labels",
       {{"left", left_label},
        {"right", right_label},
        {"difference", text_of(model, comparison, "difference")},
        {"rate", text_of(model, comparison, "rate")},
        {"other_name", text_of(model, comparison, "renamed_prefix")}}},
      {"intro", text_of(model, comparison, "intro")},
      {"method", text_of(model, comparison, "method")},
      {"unit", unit},
      {"unit_text", unit.empty() ? "" : model.text("unit_prefix") + unit},
      {"conversions", conversion_notes(model, comparison)},
      {"has_sections", !sections.empty()},
      {"sections", std::move(sections)},
      {"csv_url", side_by_side_file(comparison.kind, "csv")},
      {"json_url", side_by_side_file(comparison.kind, "json")}};
  return view;
}

}  // namespace gongkai
