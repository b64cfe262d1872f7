#include "render/side_by_side.h"

namespace gongkai {

namespace {

std::string status_of(bool left, bool right, const std::string& code,
                      const std::string& other_name) {
  if (!right) return "left-only";
  if (!left) return "right-only";
  // Totals are matched by what they are: their printed names differ by kind of document.
  return other_name.empty() || code.empty() ? "" : "renamed";
}

SideBySideLine from_execution(ExecutionLine&& line) {
  SideBySideLine out{line.code,
                     line.name,
                     line.code.empty() ? "" : line.other_name,
                     std::move(line.budget),
                     std::move(line.actual),
                     line.difference,
                     line.rate,
                     "",
                     std::move(line.printed_budget)};
  out.status = status_of(out.left.has_value(), out.right.has_value(), out.code, out.other_name);
  return out;
}

SideBySideLine from_year(YearLine&& line) {
  SideBySideLine out{line.code,
                     line.name,
                     line.code.empty() ? "" : line.last_year_name,
                     std::move(line.last_year),
                     std::move(line.this_year),
                     line.change,
                     line.growth,
                     "",
                     std::move(line.printed_last_year)};
  out.status = status_of(out.left.has_value(), out.right.has_value(), out.code, out.other_name);
  return out;
}

}  // namespace

SideBySide execution_side_by_side(const BudgetFinalPair& pair) {
  BudgetExecution execution =
      compare_budget_with_final(*pair.budget->data, *pair.final_accounts->data);
  SideBySide out{SideBySide::Kind::execution, pair.budget, pair.final_accounts, execution.unit, {}};
  for (ExecutionSection& section : execution.sections) {
    SideBySideSection& s = out.sections.emplace_back();
    s.kind = section.kind;
    s.left_table = section.budget_table;
    s.right_table = section.actual_table;
    for (ExecutionLine& line : section.lines) s.lines.push_back(from_execution(std::move(line)));
  }
  return out;
}

SideBySide year_side_by_side(const LoadedReport& report, const LoadedReport& previous) {
  YearOverYear years = compare_with_previous_year(*report.data, *previous.data);
  SideBySide out{SideBySide::Kind::year_over_year, &previous, &report, years.unit, {}};
  for (YearSection& section : years.sections) {
    SideBySideSection& s = out.sections.emplace_back();
    s.kind = section.kind;
    s.left_table = section.last_table;
    s.right_table = section.this_table;
    for (YearLine& line : section.lines) s.lines.push_back(from_year(std::move(line)));
  }
  return out;
}

}  // namespace gongkai
