// Domain rules across the lines of summary tables (check_rules.h): a 收支总表's function-class
// lines (一、一般公共服务支出 …) agree with the coded table that has the same total, and every
// amount line of a two-sided table is counted in a total of its side.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "check/check_support.h"
#include "model/department_figures.h"

namespace gongkai {
namespace {

/// A function class (3-digit code starting with 2) of the department in a coded table.
struct ClassFigure {
  std::string code;
  std::string name;
  Decimal value;
  Decimal tolerance;
  std::vector<const Cell*> cells;
};

struct CodedClasses {
  const Table* table = nullptr;
  std::vector<ClassFigure> classes;
  Decimal total;
  Decimal tolerance;
};

const Cell& cell_of(const Row& row, int c) { return row.cells[static_cast<std::size_t>(c)]; }

int first_amount(const Table& table, const Side& side) {
  for (int c : side.columns) {
    if (table.columns[static_cast<std::size_t>(c)].type == ColumnType::amount) return c;
  }
  return -1;
}

/// The department's function classes in the table's first amount column (department_figures.h).
std::optional<CodedClasses> department_classes(const Table& table) {
  if (table.is_form() || table.sides.size() != 1) return std::nullopt;
  CodedClasses out{&table, {}, {}, {}};
  for (const DepartmentCode& code :
       department_codes(table, first_amount(table, table.sides[0])).codes) {
    if (code.code.size() != 3 || code.code[0] != '2') continue;
    ClassFigure f{code.code, squeezed(code.name), code.value, {}, code.cells};
    for (const Cell* cell : code.cells)
      f.tolerance = add(f.tolerance, cell->figure.half_unit()).value_or(f.tolerance);
    out.total = add(out.total, f.value).value_or(out.total);
    out.tolerance = add(out.tolerance, f.tolerance).value_or(out.tolerance);
    out.classes.push_back(std::move(f));
  }
  if (out.classes.empty()) return std::nullopt;
  return out;
}

/// "一、一般公共服务支出" → "一般公共服务支出": the label without its Chinese ordinal and "、";
/// "" when it has none.
std::string without_ordinal(const std::string& label) {
  static const std::string kNumerals = "一二三四五六七八九十百";
  static const std::string kComma = "、";
  std::string s = squeezed(label);
  std::size_t i = 0;
  while (i + 3 <= s.size() && kNumerals.find(s.substr(i, 3)) != std::string::npos &&
         kNumerals.find(s.substr(i, 3)) % 3 == 0) {
    i += 3;
  }
  if (i == 0 || s.compare(i, kComma.size(), kComma) != 0) return "";
  return s.substr(i + kComma.size());
}

/// The value of a Chinese ordinal numeral below 100 (一 1, 十 10, 十九 19, 二十六 26); 0 when
/// `numeral` is not one.
int ordinal_value(const std::string& numeral) {
  static const std::string kDigits = "一二三四五六七八九";
  static const std::string kTen = "十";
  auto digit = [&](std::size_t at) {
    std::size_t i = kDigits.find(numeral.substr(at, 3));
    return at + 3 <= numeral.size() && i != std::string::npos && i % 3 == 0
               ? static_cast<int>(i / 3) + 1
               : 0;
  };
  std::size_t ten = numeral.find(kTen);
  if (ten == std::string::npos) return numeral.size() == 3 ? digit(0) : 0;
  int tens = ten == 0 ? 1 : (ten == 3 ? digit(0) : 0);
  std::size_t rest = ten + kTen.size();
  int ones = rest == numeral.size() ? 0 : (rest + 3 == numeral.size() ? digit(rest) : -1);
  return tens > 0 && ones >= 0 ? tens * 10 + ones : 0;
}

/// The ordinal a label starts with ("二十、粮油物资储备支出" → 20), or 0.
int ordinal_of(const std::string& label) {
  std::string s = squeezed(label);
  std::size_t comma = s.find("、");
  return comma == std::string::npos ? 0 : ordinal_value(s.substr(0, comma));
}

struct ClassLine {
  int row;
  std::string name;
  int ordinal;
};

bool counts(const Row& total, const ClassLine& line) {
  return std::find(total.parts.begin(), total.parts.end(), line.row) != total.parts.end();
}

/// The first row of the side that counts two or more of the lines: the total they add up to.
const Row* total_of(const Side& side, const std::vector<ClassLine>& lines) {
  for (const Row& row : side.rows) {
    if (std::count_if(lines.begin(), lines.end(),
                      [&](const ClassLine& l) { return counts(row, l); }) >= 2)
      return &row;
  }
  return nullptr;
}

std::string caption(const Table& table) {
  return table.number.empty() ? table.title : table.number + " " + table.title;
}

void compare_line(const Named& named, const Side& side, const ClassLine& line, int c,
                  const CodedClasses& coded, FindingLog& log) {
  const Row& row = side.rows[static_cast<std::size_t>(line.row)];
  const Cell& cell = cell_of(row, c);
  if (!cell.has_figure()) return;
  auto match = std::find_if(coded.classes.begin(), coded.classes.end(),
                            [&](const ClassFigure& f) { return f.name == line.name; });
  Decimal expected = match == coded.classes.end() ? Decimal() : match->value;
  Decimal allowed =
      match == coded.classes.end() ? Decimal() : *add(cell.figure.half_unit(), match->tolerance);
  std::vector<const Cell*> cells = {&cell};
  if (match != coded.classes.end())
    cells.insert(cells.end(), match->cells.begin(), match->cells.end());
  Decimal signed_difference = subtract(cell.figure, expected).value_or(Decimal());
  Decimal difference = signed_difference.abs();
  if (difference <= allowed) return log.held(cells);
  std::string detail = match == coded.classes.end()
                           ? caption(*coded.table) + " has no class of that name (0 expected)"
                           : caption(*coded.table) +
                                 (match->cells.size() > 1 ? "'s units add up to " : " prints ") +
                                 expected.format() + " for " + match->code + " (difference " +
                                 difference.format() + ")";
  Finding f = finding_at(named, side, row, c, detail, signed_difference);
  f.cells = std::move(cells);
  log.add(std::move(f));
}

std::vector<ClassLine> class_lines(const Table& table, const Side& side) {
  std::vector<ClassLine> lines;
  for (std::size_t i = 0; i < side.rows.size(); ++i) {
    std::string label = printed_name(table, side, side.rows[i]);
    std::string name = without_ordinal(label);
    if (!name.empty()) lines.push_back({static_cast<int>(i), name, ordinal_of(label)});
  }
  return lines;
}

/// The first coded spending table whose department total is `total`: the same figure where the
/// table prints its total, else the sum of its classes within rounding.
std::optional<CodedClasses> table_of_total(const ReportData& report, const Table& summary,
                                           const Decimal& total) {
  for (const Table& table : report.tables) {
    if (&table == &summary || squeezed(table.title).find("支出") == std::string::npos) continue;
    std::optional<CodedClasses> coded = department_classes(table);
    if (!coded || coded->table->unit != summary.unit) continue;
    std::optional<DepartmentTotal> printed =
        department_total(table, first_amount(table, table.sides[0]));
    if (printed && printed->source == DepartmentTotal::Source::printed) {
      if (printed->value == total) return coded;
      continue;
    }
    Decimal allowed = add(coded->tolerance, total.half_unit()).value_or(coded->tolerance);
    if (subtract(total, coded->total).value_or(allowed).abs() <= allowed) return coded;
  }
  return std::nullopt;
}

/// Whether `next` follows `line` in one numbering of spending classes: consecutive ordinals,
/// names ending in 支出 (十九、住房保障支出 then 二十、粮油物资储备支出).
bool continues(const ClassLine& line, const ClassLine& next) {
  static const std::string kSpending = "支出";
  return line.ordinal > 0 && next.ordinal == line.ordinal + 1 && line.name.ends_with(kSpending) &&
         next.name.ends_with(kSpending);
}

/// The lines that name a class of `coded`, the lines printed between them, and the lines that
/// continue their numbering before and after (a class the table does not have, which must then
/// be zero). Lines that break the numbering (一、基本支出 after 十九、住房保障支出, 本年支出合计)
/// are not class lines. Empty unless two lines name a class.
std::vector<ClassLine> lines_of_classes(const std::vector<ClassLine>& lines,
                                        const CodedClasses& coded) {
  auto names_class = [&](const ClassLine& line) {
    return std::any_of(coded.classes.begin(), coded.classes.end(),
                       [&](const ClassFigure& f) { return f.name == line.name; });
  };
  auto first = std::find_if(lines.begin(), lines.end(), names_class);
  auto last = std::find_if(lines.rbegin(), lines.rend(), names_class).base();
  if (first == lines.end() || std::count_if(lines.begin(), lines.end(), names_class) < 2) return {};
  while (first != lines.begin() && continues(*std::prev(first), *first)) --first;
  while (last != lines.end() && continues(*std::prev(last), *last)) ++last;
  return std::vector<ClassLine>(first, last);
}

/// The first amount column in which the row prints a figure, or -1.
int first_figure(const Table& table, const Side& side, const Row& row) {
  for (int k : side.columns) {
    bool amount = table.columns[static_cast<std::size_t>(k)].type == ColumnType::amount;
    if (amount && cell_of(row, k).has_figure()) return k;
  }
  return -1;
}

}  // namespace

void check_class_lines(const ReportData& report, const Named& named, FindingLog& log) {
  if (named.table.sides.size() < 2) return;
  for (const Side& side : named.table.sides) {
    if (side.code_column >= 0 || squeezed(side.label).find("支出") == std::string::npos) continue;
    std::vector<ClassLine> lines = class_lines(named.table, side);
    const Row* total = total_of(side, lines);
    if (!total) continue;
    std::erase_if(lines, [&](const ClassLine& l) { return !counts(*total, l); });
    for (int c : side.columns) {
      if (named.table.columns[static_cast<std::size_t>(c)].type != ColumnType::amount) continue;
      if (!cell_of(*total, c).has_figure()) continue;
      std::optional<CodedClasses> coded =
          table_of_total(report, named.table, cell_of(*total, c).figure);
      if (!coded) continue;
      for (const ClassLine& line : lines_of_classes(lines, *coded))
        compare_line(named, side, line, c, *coded, log);
    }
  }
}

void check_lines_counted(const Named& named, FindingLog& log) {
  if (named.table.sides.size() < 2) return;
  for (const Side& side : named.table.sides) {
    std::vector<bool> counted(side.rows.size(), false);
    for (const Row& row : side.rows) {
      for (int part : row.parts) counted[static_cast<std::size_t>(part)] = true;
    }
    std::vector<int> amounts(side.rows.size());
    for (std::size_t i = 0; i < side.rows.size(); ++i)
      amounts[i] = first_figure(named.table, side, side.rows[i]);
    // The side's grand total (总计), which no total counts, is its last line with an amount, or
    // its first when that line adds up others (a side that prints its total first).
    std::size_t last = side.rows.size();
    while (last > 0 && amounts[last - 1] < 0) --last;
    std::size_t first = 0;
    while (first < side.rows.size() && amounts[first] < 0) ++first;
    bool total_first = first < last && !side.rows[first].parts.empty();
    if (total_first) ++last;  // then the last line is an ordinary line
    for (std::size_t i = total_first ? first + 1 : 0; i + 1 < last && i < side.rows.size(); ++i) {
      const Row& row = side.rows[i];
      int c = amounts[i];
      if (counted[i] || row.total || c < 0) continue;
      Finding f = finding_at(named, side, row, c,
                             "no total of its side counts it; name it in the \"sum_of\" of the "
                             "total that includes it",
                             Decimal());
      f.cells = {&cell_of(row, c)};
      log.add(std::move(f));
    }
  }
}

}  // namespace gongkai
