#include "model/compared_lines.h"

#include <algorithm>
#include <map>

#include "model/department_figures.h"
#include "model/three_public_lines.h"

namespace gongkai {

std::optional<Decimal> per_cent(const Decimal& part, const Decimal& whole) {
  std::optional<Decimal> hundredfold = multiply(part, Decimal(100, 0));
  if (!hundredfold) return std::nullopt;
  return divide(*hundredfold, whole, 2);
}

std::optional<ComparedFigure> compared(const Decimal& value, std::vector<const Cell*> cells,
                                       AmountUnit from, AmountUnit to) {
  std::optional<Decimal> converted = convert_amount(value, from, to);
  if (!converted) return std::nullopt;
  return ComparedFigure{*converted, from != to, std::move(cells)};
}

std::string normalized_label(std::string_view text) {
  static constexpr std::pair<std::string_view, std::string_view> kWide[] = {
      {"（", "("}, {"）", ")"}, {"：", ":"}, {"　", ""}, {" ", ""}, {"\t", ""}, {"\n", ""}};
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    auto wide = std::find_if(std::begin(kWide), std::end(kWide),
                             [&](const auto& w) { return text.substr(i).starts_with(w.first); });
    if (wide == std::end(kWide)) {
      out += text[i++];
      continue;
    }
    out += wide->second;
    i += wide->first.size();
  }
  return out;
}

bool same_name(std::string_view a, std::string_view b) {
  return normalized_label(a) == normalized_label(b);
}

namespace {

/// Where each kind of line is printed: the table's id in the skeletons of `gongkai new`, and a
/// part of its printed title for documents whose tables have other ids.
struct TableRole {
  std::string_view kind;
  const char* budget_id;
  const char* budget_title;
  const char* final_id;
  const char* final_title;
};

constexpr TableRole kRoles[] = {
    {"totals", "expenditure", "支出总表", "expenditure", "支出决算表"},
    {"function", "function", "按功能分类", "general", "一般公共预算财政拨款支出决算表"},
    {"economic", "economic", "按经济分类", "basic", "基本支出决算明细表"},
    {"three-public", "three-public", "三公", "three-public", "三公"},
    {"revenue", "income", "收入总表", "income", "收入决算表"},
};

const Table* role_table(const ReportData& data, const char* id, const char* title) {
  if (const Table* table = data.find_table(id); table && !table->is_form()) return table;
  for (const Table& table : data.tables) {
    if (!table.is_form() && table.title.find(title) != std::string::npos) return &table;
  }
  return nullptr;
}

}  // namespace

const Table* line_table(const ReportData& document, std::string_view kind) {
  if (document.kind == DocumentKind::evaluation) return nullptr;
  bool budget = document.kind == DocumentKind::budget;
  for (const TableRole& role : kRoles) {
    if (role.kind != kind) continue;
    return budget ? role_table(document, role.budget_id, role.budget_title)
                  : role_table(document, role.final_id, role.final_title);
  }
  return nullptr;
}

AmountUnit common_unit(std::initializer_list<const Table*> tables, AmountUnit unit) {
  for (const Table* table : tables) {
    if (!table || table->unit == AmountUnit::none) continue;
    unit = unit == AmountUnit::none || unit == table->unit ? table->unit : AmountUnit::wan_yuan;
  }
  return unit;
}

namespace {

/// The column with one of `keys`, else the first amount column labelled one of `labels`; -1.
int column_of(const Table& table, std::initializer_list<std::string_view> keys,
              std::initializer_list<std::string_view> labels) {
  for (std::string_view key : keys) {
    if (int c = table.column_index(key); c >= 0) return c;
  }
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const Column& column = table.columns[c];
    if (column.type != ColumnType::amount) continue;
    if (std::find(labels.begin(), labels.end(), column.label) != labels.end())
      return static_cast<int>(c);
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
  const char* key;
  std::initializer_list<std::string_view> keys;
  std::initializer_list<std::string_view> labels;
};
const Measure kTotal{"total", {"total"}, {"支出总计", "本年支出合计", "合计", "总计"}};
const Measure kBasic{"basic", {"basic"}, {"基本支出"}};
const Measure kProject{"project", {"project"}, {"项目支出"}};

int measure_column(const Table& table, const Measure& measure) {
  return column_of(table, measure.keys, measure.labels);
}

/// The department's total of `column` (department_figures.h) as the line `key`.
std::optional<DocumentLine> total_line(const Table& table, int column, const char* key,
                                       AmountUnit unit) {
  std::optional<DepartmentTotal> total = department_total(table, column);
  if (!total) return std::nullopt;
  std::optional<ComparedFigure> figure = compared(total->value, total->cells, table.unit, unit);
  if (!figure) return std::nullopt;
  return DocumentLine{key, "", table.columns[static_cast<std::size_t>(column)].label,
                      std::move(*figure)};
}

std::vector<DocumentLine> total_lines(const Table& table, AmountUnit unit) {
  std::vector<DocumentLine> lines;
  for (const Measure* measure : {&kTotal, &kBasic, &kProject}) {
    if (auto line = total_line(table, measure_column(table, *measure), measure->key, unit)) {
      lines.push_back(std::move(*line));
    }
  }
  return lines;
}

/// One line per code the table prints in `column`, for the department (department_figures.h).
std::vector<DocumentLine> code_lines(const Table& table, int column, AmountUnit unit) {
  std::vector<DocumentLine> lines;
  for (DepartmentCode& code : department_codes(table, column).codes) {
    std::optional<ComparedFigure> figure =
        compared(code.value, std::move(code.cells), table.unit, unit);
    if (figure) lines.push_back({code.code, code.code, code.name, std::move(*figure)});
  }
  return lines;
}

/// The column a table prints last year's figures of the same kind of document in: 上年预算数 in
/// a budget, 上年决算数 in final accounts (never 上年结转, money carried over); -1.
int last_year_column(const ReportData& document, const Table& table) {
  std::string_view wanted = document.kind == DocumentKind::budget ? "上年预算数" : "上年决算数";
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const Column& column = table.columns[c];
    if (column.type == ColumnType::amount && normalized_label(column.label) == wanted)
      return static_cast<int>(c);
  }
  return -1;
}

/// The lines a 上年 column prints: the total of the totals table, each code of the function
/// table. An economic table's 上年 column is of all its spending, not of 基本支出: not read.
std::vector<DocumentLine> last_year_lines(const ReportData& document, const Table& table,
                                          std::string_view kind, AmountUnit unit) {
  int column = last_year_column(document, table);
  if (column < 0) return {};
  if (kind == "function") return code_lines(table, column, unit);
  if (kind != "totals") return {};
  std::optional<DocumentLine> line = total_line(table, column, kTotal.key, unit);
  return line ? std::vector<DocumentLine>{std::move(*line)} : std::vector<DocumentLine>{};
}

/// The document's own lines of the totals, function and economic tables.
std::vector<DocumentLine> own_lines(const ReportData& document, const Table& table,
                                    std::string_view kind, AmountUnit unit) {
  if (kind == "totals") return total_lines(table, unit);
  if (kind == "function") return code_lines(table, measure_column(table, kTotal), unit);
  if (kind != "economic") return {};
  // 基本支出 by economic class: a budget's 基本支出 column; the detail table of final accounts,
  // whose sides (人员经费, 公用经费) each print their own 金额.
  bool budget = document.kind == DocumentKind::budget;
  return code_lines(table, budget ? measure_column(table, kBasic) : first_amount_column(table),
                    unit);
}

}  // namespace

std::vector<DocumentLine> document_lines(const ReportData& document, const Table& table,
                                         std::string_view kind, Printed which, AmountUnit unit) {
  if (kind == "three-public") return three_public_lines(document, table, which, unit);
  switch (which) {
    case Printed::own:
      return own_lines(document, table, kind, unit);
    case Printed::last_year:
      return last_year_lines(document, table, kind, unit);
    case Printed::budget:
      break;
  }
  return {};
}

namespace {

/// Adds the second document's `line` to the line of the same key.
void add_second(PairedLine& paired, DocumentLine&& line) {
  if (paired.second) return;  // the key twice in one document: the first is kept
  if (paired.name.empty()) {
    paired.name = std::move(line.name);
  } else if (!same_name(paired.name, line.name)) {
    paired.other_name = std::move(line.name);
  }
  paired.second = std::move(line.figure);
}

bool all_coded(const std::vector<PairedLine>& lines) {
  return !lines.empty() && std::all_of(lines.begin(), lines.end(),
                                       [](const PairedLine& l) { return !l.code.empty(); });
}

}  // namespace

std::vector<PairedLine> pair_lines(std::vector<DocumentLine> first,
                                   std::vector<DocumentLine> second) {
  std::vector<PairedLine> out;
  std::map<std::string, std::size_t> at;
  for (DocumentLine& line : first) {
    if (!at.emplace(line.key, out.size()).second) continue;
    out.push_back(
        {line.key, line.code, std::move(line.name), "", std::move(line.figure), std::nullopt});
  }
  for (DocumentLine& line : second) {
    auto [it, fresh] = at.emplace(line.key, out.size());
    if (!fresh) {
      add_second(out[it->second], std::move(line));
      continue;
    }
    out.push_back(
        {line.key, line.code, std::move(line.name), "", std::nullopt, std::move(line.figure)});
  }
  if (all_coded(out)) {
    std::stable_sort(out.begin(), out.end(),
                     [](const PairedLine& a, const PairedLine& b) { return a.code < b.code; });
  }
  return out;
}

std::optional<PrintedCheck> printed_check(const std::vector<DocumentLine>& printed,
                                          const std::string& key,
                                          const std::optional<ComparedFigure>& reference) {
  auto it = std::find_if(printed.begin(), printed.end(),
                         [&](const DocumentLine& l) { return l.key == key; });
  if (it == printed.end()) return std::nullopt;
  PrintedCheck check{it->figure, std::nullopt};
  if (reference) check.agrees = reference->value == it->figure.value;
  return check;
}

}  // namespace gongkai
