// The comparison of a budget with its final accounts as downloads: CSV for spreadsheets, JSON
// for programs (docs/compare.md). Both carry every figure exactly as compared, and where each
// is printed.
#include <nlohmann/json.hpp>

#include "base/file_reader.h"
#include "render/compare_view.h"
#include "render/csv_export.h"
#include "render/figure_sources.h"
#include "render/view.h"

namespace gongkai {

namespace {

/// Where a line's figures are printed, from the site root; "" when not printed.
struct LineSources {
  std::vector<FigureSource> budget, actual;
};

class PairSources {
 public:
  PairSources(const BudgetFinalPair& pair, const ExecutionSection& section) {
    if (const Table* t = pair.budget->data->find_table(section.budget_table)) budget_.emplace(*t, report_path(*pair.budget));
    if (const Table* t = pair.final_accounts->data->find_table(section.actual_table)) {
      actual_.emplace(*t, report_path(*pair.final_accounts));
    }
  }
  LineSources of(const ExecutionLine& line) const {
    LineSources out;
    if (line.budget && budget_) out.budget = budget_->find_all(line.budget->cells);
    if (line.actual && actual_) out.actual = actual_->find_all(line.actual->cells);
    return out;
  }

 private:
  std::optional<TableSources> budget_, actual_;
};

std::string targets(const std::vector<FigureSource>& sources) {
  std::string out;
  for (const FigureSource& s : sources) out += (out.empty() ? "" : " ") + s.target;
  return out;
}

std::string figure_text(const std::optional<ComparedFigure>& figure) {
  return figure ? figure->value.to_string() : "";
}

void append_csv_line(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    append_csv_field(out, fields[i], true);
  }
  out += "\r\n";
}

nlohmann::json figure_json(const std::optional<ComparedFigure>& figure, const std::vector<FigureSource>& sources) {
  if (!figure) return nullptr;
  nlohmann::json printed_in = nlohmann::json::array();
  for (const FigureSource& s : sources) printed_in.push_back(s.target);
  return {{"value", figure->value.to_string()}, {"converted_from_yuan", figure->converted}, {"printed_in", printed_in}};
}

nlohmann::json line_json(const ExecutionLine& line, const LineSources& sources) {
  nlohmann::json out = {{"code", line.code},
                        {"name", line.name},
                        {"name_in_final_accounts", line.other_name.empty() ? line.name : line.other_name},
                        {"budget", figure_json(line.budget, sources.budget)},
                        {"final_accounts", figure_json(line.actual, sources.actual)},
                        {"difference", line.difference ? nlohmann::json(line.difference->to_string()) : nlohmann::json()},
                        {"execution_rate_percent", line.rate ? nlohmann::json(line.rate->to_string()) : nlohmann::json()},
                        {"execution_ratio", nullptr}};
  if (line.budget && line.actual && !line.budget->value.is_zero()) {
    out["execution_ratio"] = fraction_text(line.actual->value, line.budget->value);
  }
  return out;
}

nlohmann::json document_json(const LoadedReport& report) {
  return {{"title", report.title}, {"kind", kind_slug(report.source->kind)}, {"page", report_path(report)}};
}

}  // namespace

std::string compare_csv(const SiteModel& model, const BudgetFinalPair& pair, const BudgetExecution& execution) {
  std::string out(kUtf8ByteOrderMark);
  std::string unit(unit_label(execution.unit));
  append_csv_line(out, {model.text("compare_csv_section"), model.text("compare_code"), model.text("compare_name"),
                        model.text("compare_csv_other_name"), model.text("compare_budget"),
                        model.text("compare_actual"), model.text("compare_difference"),
                        model.text("compare_rate") + "（%）", model.text("compare_csv_unit"),
                        model.text("compare_csv_budget_source"), model.text("compare_csv_actual_source")});
  for (const ExecutionSection& section : execution.sections) {
    PairSources sources(pair, section);
    for (const ExecutionLine& line : section.lines) {
      LineSources found = sources.of(line);
      append_csv_line(out, {model.text("compare_section_" + section.kind), line.code, line.name, line.other_name,
                            figure_text(line.budget), figure_text(line.actual),
                            line.difference ? line.difference->to_string() : "",
                            line.rate ? line.rate->to_string() : "", unit, targets(found.budget),
                            targets(found.actual)});
    }
  }
  return out;
}

std::string compare_json(const SiteModel& model, const BudgetFinalPair& pair, const BudgetExecution& execution) {
  nlohmann::json sections = nlohmann::json::array();
  for (const ExecutionSection& section : execution.sections) {
    PairSources sources(pair, section);
    nlohmann::json lines = nlohmann::json::array();
    for (const ExecutionLine& line : section.lines) lines.push_back(line_json(line, sources.of(line)));
    sections.push_back({{"kind", section.kind},
                        {"title", model.text("compare_section_" + section.kind)},
                        {"budget_table", section.budget_table},
                        {"final_accounts_table", section.actual_table},
                        {"lines", std::move(lines)}});
  }
  nlohmann::json out = {{"department", pair.budget->department->name},
                        {"year", pair.budget->source->year},
                        {"unit", std::string(unit_label(execution.unit))},
                        {"budget", document_json(*pair.budget)},
                        {"final_accounts", document_json(*pair.final_accounts)},
                        {"method", model.text("compare_method")},
                        {"sections", std::move(sections)}};
  return out.dump(1) + "\n";
}

}  // namespace gongkai
