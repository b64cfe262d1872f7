#include "model/budget_execution.h"

namespace gongkai {

std::optional<Decimal> execution_rate(const Decimal& actual, const Decimal& budget) {
  return per_cent(actual, budget);
}

namespace {

/// A line of either document, with its difference and rate. A code one document does not list
/// counts as 0 there, as in year over year: its tables list the codes that have money, so a
/// budgeted code absent from the final accounts was not spent (rate 0.00%), and a code spent
/// but not budgeted has no rate. The page marks such lines, which are never silently zero.
ExecutionLine execution_line(PairedLine&& paired) {
  ExecutionLine line;
  line.key = std::move(paired.key);
  line.code = std::move(paired.code);
  line.name = std::move(paired.name);
  line.other_name = std::move(paired.other_name);
  line.budget = std::move(paired.first);
  line.actual = std::move(paired.second);
  Decimal budget = line.budget ? line.budget->value : Decimal();
  Decimal actual = line.actual ? line.actual->value : Decimal();
  line.difference = subtract(actual, budget);
  if (line.budget && !budget.is_zero()) line.rate = execution_rate(actual, budget);
  return line;
}

/// The pair of tables of one kind of line.
struct Found {
  std::string_view kind;
  const Table& budget;
  const Table& actual;
};

ExecutionSection section(const Found& found, const ReportData& budget, const ReportData& actual,
                         AmountUnit unit) {
  std::vector<PairedLine> paired =
      pair_lines(document_lines(budget, found.budget, found.kind, Printed::own, unit),
                 document_lines(actual, found.actual, found.kind, Printed::own, unit));
  std::vector<DocumentLine> printed =
      document_lines(actual, found.actual, found.kind, Printed::budget, unit);
  ExecutionSection out{std::string(found.kind), found.budget.id, found.actual.id, {}};
  for (PairedLine& line : paired) {
    out.lines.push_back(execution_line(std::move(line)));
    out.lines.back().printed_budget =
        printed_check(printed, out.lines.back().key, out.lines.back().budget);
  }
  return out;
}

}  // namespace

BudgetExecution compare_budget_with_final(const ReportData& budget, const ReportData& actual) {
  std::vector<Found> found;
  for (std::string_view kind : kLineKinds) {
    const Table* b = line_table(budget, kind);
    const Table* a = line_table(actual, kind);
    if (b && a) found.push_back({kind, *b, *a});
  }
  // One unit for the whole comparison, so that its figures can be read against each other.
  BudgetExecution out;
  for (const Found& f : found) out.unit = common_unit({&f.budget, &f.actual}, out.unit);
  for (const Found& f : found) out.sections.push_back(section(f, budget, actual, out.unit));
  return out;
}

}  // namespace gongkai
