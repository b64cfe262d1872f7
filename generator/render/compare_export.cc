// Comparisons as downloads: CSV for spreadsheets, JSON for programs (docs/compare.md). Both carry
// every figure exactly as compared, and where each is printed.
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
  std::vector<FigureSource> left, right, printed;
};

class PairSources {
 public:
  PairSources(const SideBySide& comparison, const SideBySideSection& section) {
    if (const Table* t = comparison.left->data->find_table(section.left_table))
      left_.emplace(*t, report_path(*comparison.left));
    if (const Table* t = comparison.right->data->find_table(section.right_table)) {
      right_.emplace(*t, report_path(*comparison.right));
    }
  }
  LineSources of(const SideBySideLine& line) const {
    LineSources out;
    if (line.left && left_) out.left = left_->find_all(line.left->cells);
    if (line.right && right_) out.right = right_->find_all(line.right->cells);
    if (line.printed && right_) out.printed = right_->find_all(line.printed->printed.cells);
    return out;
  }

 private:
  std::optional<TableSources> left_, right_;
};

std::string targets(const std::vector<FigureSource>& sources) {
  std::string out;
  for (const FigureSource& s : sources) out += (out.empty() ? "" : " ") + s.target;
  return out;
}

std::string figure_text(const std::optional<ComparedFigure>& figure) {
  return figure ? figure->value.to_string() : "";
}

/// One CSV line: the names, then the figures (written as they are: a leading '-' is a sign,
/// not a formula to neutralise), then the unit and the sources.
void append_csv_line(std::string& out, const std::vector<std::string>& texts,
                     const std::vector<std::string>& figures, const std::vector<std::string>& rest) {
  bool first = true;
  for (const auto* fields : {&texts, &figures, &rest}) {
    for (const std::string& field : *fields) {
      if (!first) out += ',';
      append_csv_field(out, field, fields != &figures);
      first = false;
    }
  }
  out += "\r\n";
}

nlohmann::json figure_json(const std::optional<ComparedFigure>& figure,
                           const std::vector<FigureSource>& sources) {
  if (!figure) return nullptr;
  nlohmann::json printed_in = nlohmann::json::array();
  for (const FigureSource& s : sources) printed_in.push_back(s.target);
  return {{"value", figure->value.to_string()},
          {"converted_from_yuan", figure->converted},
          {"printed_in", printed_in}};
}

/// The JSON names of a comparison's members: budget/final_accounts or last_year/this_year.
struct JsonNames {
  const char *left, *right, *other_name, *rate, *ratio, *printed;
};
constexpr JsonNames kExecutionNames{"budget",
                                    "final_accounts",
                                    "name_in_final_accounts",
                                    "execution_rate_percent",
                                    "execution_ratio",
                                    "budget_printed_in_final_accounts"};
constexpr JsonNames kYearNames{"last_year",      "this_year",
                               "name_last_year", "growth_rate_percent",
                               "growth_ratio",   "last_year_printed_this_year"};

nlohmann::json printed_json(const SideBySideLine& line, const LineSources& sources) {
  if (!line.printed) return nullptr;
  nlohmann::json out = figure_json(line.printed->printed, sources.printed);
  out["agrees"] = line.printed->agrees ? nlohmann::json(*line.printed->agrees) : nlohmann::json();
  return out;
}

nlohmann::json line_json(const SideBySideLine& line, const LineSources& sources,
                         const JsonNames& names) {
  nlohmann::json out = {
      {"code", line.code},
      {"name", line.name},
      {names.other_name, line.other_name.empty() ? line.name : line.other_name},
      {"status", line.status},
      {names.left, figure_json(line.left, sources.left)},
      {names.right, figure_json(line.right, sources.right)},
      {"difference",
       line.difference ? nlohmann::json(line.difference->to_string()) : nlohmann::json()},
      {names.rate, line.rate ? nlohmann::json(line.rate->to_string()) : nlohmann::json()},
      {names.ratio, nullptr},
      {names.printed, printed_json(line, sources)}};
  if (line.rate && line.left && line.difference) {
    // The execution rate is right ÷ left; the growth rate is the difference ÷ left.
    const Decimal& numerator = &names == &kExecutionNames
                                   ? (line.right ? line.right->value : Decimal())
                                   : *line.difference;
    out[names.ratio] = fraction_text(numerator, line.left->value);
  }
  return out;
}

nlohmann::json document_json(const LoadedReport& report) {
  return {{"title", report.title},
          {"kind", kind_slug(report.source->kind)},
          {"year", report.source->year},
          {"page", report_path(report)}};
}

std::vector<std::string> csv_head(const SiteModel& model, const SideBySide& comparison) {
  std::string name = comparison.name();
  bool execution = comparison.kind == SideBySide::Kind::execution;
  std::string left =
      execution ? model.text("compare_left") : std::to_string(comparison.left->source->year);
  std::string right =
      execution ? model.text("compare_right") : std::to_string(comparison.right->source->year);
  return {model.text("compare_csv_section"),
          model.text("compare_code"),
          model.text("compare_name"),
          model.text(name + "_other_name"),
          left,
          right,
          model.text(name + "_difference"),
          model.text(name + "_rate") + "（%）",
          model.text("compare_csv_unit"),
          left + model.text("compare_csv_source"),
          right + model.text("compare_csv_source")};
}

}  // namespace

std::string side_by_side_csv(const SiteModel& model, const SideBySide& comparison) {
  std::string out(kUtf8ByteOrderMark);
  std::string unit(unit_label(comparison.unit));
  append_csv_line(out, csv_head(model, comparison), {}, {});
  for (const SideBySideSection& section : comparison.sections) {
    PairSources sources(comparison, section);
    for (const SideBySideLine& line : section.lines) {
      LineSources found = sources.of(line);
      append_csv_line(out,
                      {model.text("compare_section_" + section.kind), line.code, line.name,
                       line.other_name},
                      {figure_text(line.left), figure_text(line.right),
                       line.difference ? line.difference->to_string() : "",
                       line.rate ? line.rate->to_string() : ""},
                      {unit, targets(found.left), targets(found.right)});
    }
  }
  return out;
}

std::string side_by_side_json(const SiteModel& model, const SideBySide& comparison) {
  const JsonNames& names =
      comparison.kind == SideBySide::Kind::execution ? kExecutionNames : kYearNames;
  nlohmann::json sections = nlohmann::json::array();
  for (const SideBySideSection& section : comparison.sections) {
    PairSources sources(comparison, section);
    nlohmann::json lines = nlohmann::json::array();
    for (const SideBySideLine& line : section.lines)
      lines.push_back(line_json(line, sources.of(line), names));
    sections.push_back({{"kind", section.kind},
                        {"title", model.text("compare_section_" + section.kind)},
                        {std::string(names.left) + "_table", section.left_table},
                        {std::string(names.right) + "_table", section.right_table},
                        {"lines", std::move(lines)}});
  }
  nlohmann::json out = {{"department", comparison.right->department->name},
                        {"year", comparison.right->source->year},
                        {"unit", std::string(unit_label(comparison.unit))},
                        {names.left, document_json(*comparison.left)},
                        {names.right, document_json(*comparison.right)},
                        {"method", model.text(std::string(comparison.name()) + "_method")},
                        {"sections", std::move(sections)}};
  return out.dump(1) + "\n";
}

}  // namespace gongkai
