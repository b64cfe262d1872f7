#include "model/budget_execution.h"

#include <algorithm>
#include <map>

#include "model/department_figures.h"

namespace gongkai {

std::optional<Decimal> execution_rate(const Decimal& actual, const Decimal& budget) {
  std::optional<Decimal> hundredfold = multiply(actual, Decimal(100, 0));
  if (!hundredfold) return std::nullopt;
  return divide(*hundredfold, budget, 2);
}

namespace {

/// Where each kind of line is printed: the table's id in the skeletons of `gongkai new`, and a
/// part of its printed title for documents whose tables have other ids.
struct TableRole {
  const char* kind;
  const char* budget_id;
  const char* budget_title;
  const char* actual_id;
  const char* actual_title;
};

constexpr TableRole kRoles[] = {
    {"totals", "expenditure", "支出总表", "expenditure", "支出决算表"},
    {"function", "function", "按功能分类", "general", "一般公共预算财政拨款支出决算表"},
    {"economic", "economic", "按经济分类", "basic", "基本支出决算明细表"},
};

const Table* role_table(const ReportData& data, const char* id, const char* title) {
  if (const Table* table = data.find_table(id); table && !table->is_form()) return table;
  for (const Table& table : data.tables) {
    if (!table.is_form() && table.title.find(title) != std::string::npos) return &table;
  }
  return nullptr;
}

/// The column with one of `keys`, else the first amount column labelled one of `labels`; -1.
int column_of(const Table& table, std::initializer_list<std::string_view> keys,
              std::initializer_list<std::string_view> labels) {
  for (std::string_view key : keys) {
    if (int c = table.column_index(key); c >= 0) return c;
  }
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const Column& column = table.columns[c];
    if (column.type != ColumnType::amount) continue;
    if (std::find(labels.begin(), labels.end(), column.label) != labels.end()) return static_cast<int>(c);
  }
  return -1;
}

/// The first amount column: the 金额 of a two-sided detail table's first side.
int first_amount_column(const Table& table) {
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    if (table.columns[c].type == ColumnType::amount) return static_cast<int>(c);
  }
  return -1;
}

/// The three measures of the totals section, by column key and printed label.
struct Measure {
  std::initializer_list<std::string_view> keys;
  std::initializer_list<std::string_view> labels;
};
const Measure kTotal{{"total"}, {"支出总计", "本年支出合计", "合计", "总计"}};
const Measure kBasic{{"basic"}, {"基本支出"}};
const Measure kProject{{"project"}, {"项目支出"}};

/// Converts a printed figure into the comparison's unit.
std::optional<ComparedFigure> compared(const Decimal& value, std::vector<const Cell*> cells,
                                       AmountUnit from, AmountUnit to) {
  std::optional<Decimal> converted = convert_amount(value, from, to);
  if (!converted) return std::nullopt;
  return ComparedFigure{*converted, from != to, std::move(cells)};
}

/// Fills a line's difference and rate from its two figures.
void settle(ExecutionLine& line) {
  if (!line.budget || !line.actual) return;
  line.difference = subtract(line.actual->value, line.budget->value);
  if (!line.budget->value.is_zero()) line.rate = execution_rate(line.actual->value, line.budget->value);
}

/// The pair of tables of one role and the comparison's unit.
struct TablePair {
  const Table& budget;
  const Table& actual;
  AmountUnit unit;
};

ExecutionLine total_line(const TablePair& pair, const Measure& measure) {
  ExecutionLine line;
  int b = column_of(pair.budget, measure.keys, measure.labels);
  int a = column_of(pair.actual, measure.keys, measure.labels);
  if (b >= 0) line.name = pair.budget.columns[static_cast<std::size_t>(b)].label;
  if (a >= 0 && pair.actual.columns[static_cast<std::size_t>(a)].label != line.name) {
    line.other_name = pair.actual.columns[static_cast<std::size_t>(a)].label;
  }
  if (auto total = department_total(pair.budget, b)) {
    line.budget = compared(total->value, total->cells, pair.budget.unit, pair.unit);
  }
  if (auto total = department_total(pair.actual, a)) {
    line.actual = compared(total->value, total->cells, pair.actual.unit, pair.unit);
  }
  settle(line);
  return line;
}

std::vector<ExecutionLine> total_lines(const TablePair& pair) {
  std::vector<ExecutionLine> lines;
  for (const Measure* measure : {&kTotal, &kBasic, &kProject}) {
    ExecutionLine line = total_line(pair, *measure);
    if (line.budget || line.actual) lines.push_back(std::move(line));
  }
  return lines;
}

/// One line per code either table prints, in code order (which is the tree's order: 201,
/// 20103, 2010301, 205 …).
std::vector<ExecutionLine> code_lines(const TablePair& pair, int budget_column, int actual_column) {
  std::map<std::string, ExecutionLine> by_code;
  for (DepartmentCode& code : department_codes(pair.budget, budget_column).codes) {
    ExecutionLine& line = by_code[code.code];
    line.code = code.code;
    line.name = code.name;
    line.budget = compared(code.value, std::move(code.cells), pair.budget.unit, pair.unit);
  }
  for (DepartmentCode& code : department_codes(pair.actual, actual_column).codes) {
    ExecutionLine& line = by_code[code.code];
    line.code = code.code;
    if (line.name.empty()) {
      line.name = code.name;
    } else if (code.name != line.name) {
      line.other_name = code.name;
    }
    line.actual = compared(code.value, std::move(code.cells), pair.actual.unit, pair.unit);
  }
  std::vector<ExecutionLine> lines;
  for (auto& [code, line] : by_code) {
    settle(line);
    lines.push_back(std::move(line));
  }
  return lines;
}

std::vector<ExecutionLine> lines_of(const std::string& kind, const TablePair& pair) {
  if (kind == "totals") return total_lines(pair);
  if (kind == "function") {
    return code_lines(pair, column_of(pair.budget, kTotal.keys, kTotal.labels),
                      column_of(pair.actual, kTotal.keys, kTotal.labels));
  }
  // 基本支出 by economic class: the budget's 基本支出 column against the detail table, whose
  // sides (人员经费, 公用经费) each print their own 金额.
  return code_lines(pair, column_of(pair.budget, kBasic.keys, kBasic.labels), first_amount_column(pair.actual));
}

}  // namespace

BudgetExecution compare_budget_with_final(const ReportData& budget, const ReportData& actual) {
  struct Found {
    const TableRole& role;
    const Table& budget;
    const Table& actual;
  };
  std::vector<Found> found;
  for (const TableRole& role : kRoles) {
    const Table* b = role_table(budget, role.budget_id, role.budget_title);
    const Table* a = role_table(actual, role.actual_id, role.actual_title);
    if (b && a) found.push_back({role, *b, *a});
  }
  // One unit for the whole comparison, so that its figures can be read against each other.
  BudgetExecution out;
  for (const Found& f : found) {
    for (AmountUnit unit : {f.budget.unit, f.actual.unit}) {
      out.unit = out.unit == AmountUnit::none || out.unit == unit ? unit : AmountUnit::wan_yuan;
    }
  }
  for (const Found& f : found) {
    out.sections.push_back({f.role.kind, f.budget.id, f.actual.id, lines_of(f.role.kind, {f.budget, f.actual, out.unit})});
  }
  return out;
}

}  // namespace gongkai
