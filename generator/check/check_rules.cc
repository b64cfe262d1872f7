// Domain rules within one table: the identities every 部门预算, 部门决算 and 绩效评价 table of a
// kind holds, found from its printed labels rather than declared (check_rules.h). The
// identities across tables are in check_class_lines.cc.
#include "check/check_rules.h"

#include <algorithm>
#include <numeric>
#include <optional>

#include "model/department_figures.h"
#include "model/unit_groups.h"

namespace gongkai {

void check_class_lines(const ReportData& report, const Named& named, FindingLog& log);
void check_lines_counted(const Named& named, FindingLog& log);

namespace {

const Column& column_of(const Table& table, int c) {
  return table.columns[static_cast<std::size_t>(c)];
}
const Cell& cell_of(const Row& row, int c) { return row.cells[static_cast<std::size_t>(c)]; }

/// The column's label without spaces and the "*" some forms print before it.
std::string bare_label(const Table& table, int c) {
  std::string label = squeezed(column_of(table, c).label);
  label.erase(std::remove(label.begin(), label.end(), '*'), label.end());
  return label;
}

bool label_has(const Table& table, int c, std::string_view word) {
  return bare_label(table, c).find(word) != std::string::npos;
}

void held(FindingLog& log, std::initializer_list<const Cell*> cells) {
  if (log.recording()) log.held(std::vector<const Cell*>(cells));
}

// ---- 行次 ----------------------------------------------------------------------------------

int line_number_column(const Table& table, const Side& side) {
  for (int c : side.columns) {
    if (column_of(table, c).holds_figures() && bare_label(table, c) == "行次") return c;
  }
  return -1;
}

/// The line numbers of one side: each is one more than the line before, or than the number
/// that line should have had (so that one wrong number is one finding, and a skipped line is
/// one finding too). `first` is what the side may start with.
void check_line_run(const Named& named, const Side& side, int c, std::vector<Decimal> first,
                    Decimal& last, FindingLog& log) {
  std::optional<Decimal> printed, expected;
  long blanks = 0;  // lines since the last number that print none (a number may stand for them)
  for (const Row& row : side.rows) {
    const Cell& cell = cell_of(row, c);
    if (!cell.has_figure()) {
      blanks += printed ? 1 : 0;
      continue;
    }
    std::vector<Decimal> allowed = first;
    if (printed) allowed = {*add(*printed, Decimal(1, 0)), *add(*expected, Decimal(1, 0))};
    bool fits = std::find(allowed.begin(), allowed.end(), cell.figure) != allowed.end();
    for (long k = 1; !fits && printed && k <= blanks; ++k) {
      fits = cell.figure == *add(*printed, Decimal(1 + k, 0));
    }
    blanks = 0;
    if (fits) {
      held(log, {&cell});
    } else {
      std::string detail =
          printed ? allowed[1].format() + " follows " + expected->format()
                  : (allowed.size() > 1 ? "1 or " + allowed[1].format() : allowed[0].format()) +
                        " comes first";
      Finding f = finding_at(named, side, row, c, detail, *subtract(cell.figure, allowed.back()));
      f.cells = {&cell};
      log.add(std::move(f));
    }
    expected = fits ? cell.figure : allowed.back();
    printed = cell.figure;
  }
  if (printed) last = *printed;
}

void check_line_numbers(const Named& named, FindingLog& log) {
  std::optional<Decimal> last;
  for (const Side& side : named.table.sides) {
    int c = line_number_column(named.table, side);
    if (c < 0) continue;
    std::vector<Decimal> first = {Decimal(1, 0)};
    if (last) first.push_back(*add(*last, Decimal(1, 0)));
    Decimal end;
    check_line_run(named, side, c, first, end, log);
    last = end;
  }
}

// ---- 得分 ≤ 分值 -----------------------------------------------------------------------------

bool is_score_column(const Table& table, int c) {
  return column_of(table, c).type == ColumnType::score &&
         (label_has(table, c, "得分") || bare_label(table, c) == "分数");
}

bool is_weight_column(const Table& table, int c) {
  return column_of(table, c).type == ColumnType::score && label_has(table, c, "分值");
}

/// The 分值 column a score column is out of: the nearest 分值 column before it.
int weight_of(const Table& table, const Side& side, int score) {
  int weight = -1;
  for (int c : side.columns) {
    if (c == score) return weight;
    if (is_weight_column(table, c)) weight = c;
  }
  return -1;
}

/// A row that totals the others (合计, 总分, 综合评分): its score may hold bonus points (加分)
/// above its weight, and its sum is checked where it is declared.
bool is_overall(const Table& table, const Side& side, const Row& row) {
  std::string key = row_key(table.columns, side, row);
  bool named_total = false;
  for (std::string_view word : {"合计", "总计", "总分", "综合", "加分"}) {
    named_total = named_total || key.find(word) != std::string::npos;
  }
  return row.total || !row.parts.empty() || named_total;
}

void check_scores(const Named& named, const Side& side, FindingLog& log) {
  for (int s : side.columns) {
    if (!is_score_column(named.table, s)) continue;
    int w = weight_of(named.table, side, s);
    if (w < 0) continue;
    for (const Row& row : side.rows) {
      const Cell& score = cell_of(row, s);
      const Cell& weight = cell_of(row, w);
      if (!score.has_figure() || !weight.has_figure() || is_overall(named.table, side, row))
        continue;
      if (score.figure <= weight.figure) {
        held(log, {&score, &weight});
        continue;
      }
      Finding f =
          finding_at(named, side, row, s,
                     "its " + column_of(named.table, w).label + " is " + weight.figure.format(),
                     *subtract(score.figure, weight.figure));
      f.cells = {&score, &weight};
      log.add(std::move(f));
    }
  }
}

// ---- 执行率 ----------------------------------------------------------------------------------

/// The nearest amount column before `before` whose label has one of `words`, or -1.
int amount_before(const Table& table, const Side& side, int before,
                  std::initializer_list<std::string_view> words) {
  int found = -1;
  for (int c : side.columns) {
    if (c == before) break;
    if (column_of(table, c).type != ColumnType::amount) continue;
    for (std::string_view w : words) {
      if (label_has(table, c, w)) found = c;
    }
  }
  return found;
}

struct RateColumns {
  int rate = -1, actual = -1, budget = -1;
  bool percent = false;
};

std::vector<RateColumns> rate_columns(const Table& table, const Side& side) {
  std::vector<RateColumns> out;
  for (int c : side.columns) {
    const Column& column = column_of(table, c);
    bool ratio = column.type == ColumnType::percent || column.type == ColumnType::number;
    if (!ratio || !label_has(table, c, "执行率")) continue;
    RateColumns r{c, amount_before(table, side, c, {"执行数", "决算数", "实际"}), -1,
                  column.type == ColumnType::percent || label_has(table, c, "%")};
    if (r.actual >= 0) r.budget = amount_before(table, side, r.actual, {"预算"});
    if (r.budget >= 0) out.push_back(r);
  }
  return out;
}

/// actual ÷ budget (× 100), at 12 decimals; nullopt for a zero budget.
std::optional<Decimal> quotient(const Decimal& actual, const Decimal& budget, bool percent) {
  if (budget.is_zero()) return std::nullopt;
  std::optional<Decimal> scaled = percent ? multiply(actual, Decimal(100, 0)) : actual;
  return scaled ? divide(*scaled, budget, 12) : std::nullopt;
}

/// Whether a printed rate can be the quotient of two printed (rounded) amounts: the rate's
/// rounding interval meets the interval of quotients the amounts' rounding allows.
bool rate_fits(const Decimal& rate, const Cell& actual, const Cell& budget, bool percent) {
  if (actual.figure.is_negative() || budget.figure.is_negative()) return true;
  if (budget.figure.is_zero()) return !actual.figure.is_zero() || rate.is_zero();
  Decimal ha = actual.figure.half_unit(), hb = budget.figure.half_unit(), hr = rate.half_unit();
  std::optional<Decimal> low_budget = subtract(budget.figure, hb);
  if (!low_budget || *low_budget <= Decimal()) return true;
  auto lo = quotient(*subtract(actual.figure, ha), *add(budget.figure, hb), percent);
  auto hi = quotient(*add(actual.figure, ha), *low_budget, percent);
  if (!lo || !hi) return true;
  return *subtract(rate, hr) <= *hi && *add(rate, hr) >= *lo;
}

void check_rates(const Named& named, const Side& side, FindingLog& log) {
  for (const RateColumns& columns : rate_columns(named.table, side)) {
    for (const Row& row : side.rows) {
      const Cell& rate = cell_of(row, columns.rate);
      const Cell& actual = cell_of(row, columns.actual);
      const Cell& budget = cell_of(row, columns.budget);
      if (!rate.has_figure() || !actual.has_figure() || !budget.has_figure()) continue;
      if (rate_fits(rate.figure, actual, budget, columns.percent)) {
        held(log, {&rate, &actual, &budget});
        continue;
      }
      std::optional<Decimal> q = quotient(actual.figure, budget.figure, columns.percent);
      Decimal shown = q ? q->rounded(rate.figure.scale()).value_or(*q) : Decimal();
      std::string formula = column_of(named.table, columns.actual).label + " ÷ " +
                            column_of(named.table, columns.budget).label +
                            (columns.percent ? " × 100" : "");
      Finding f = finding_at(named, side, row, columns.rate, formula + " is " + shown.format(),
                             subtract(rate.figure, shown).value_or(Decimal()));
      f.cells = {&rate, &actual, &budget};
      log.add(std::move(f));
    }
  }
}

// ---- 增减 rows ---------------------------------------------------------------------------

/// The 增减 rows and the rate rows (增减率（%）) of one unit, and its two year rows.
struct YearRows {
  std::vector<std::pair<int, const Row*>> years;
  std::vector<const Row*> changes, rates;
};

YearRows year_rows(const Named& named, const Side& side, const std::vector<int>& rows) {
  YearRows out;
  for (int i : rows) {
    const Row& row = side.rows[static_cast<std::size_t>(i)];
    std::string key = row_key(named.table.columns, side, row);
    RowRole role = row_role(key);
    if (role == RowRole::change) out.changes.push_back(&row);
    if (role == RowRole::rate) out.rates.push_back(&row);
    if (int year = role == RowRole::amount ? year_named(key) : 0) out.years.push_back({year, &row});
  }
  std::sort(out.years.begin(), out.years.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

void check_change(const Named& named, const Side& side, const Row& change, const Row& before,
                  const Row& after, int c, FindingLog& log) {
  const Cell& a = cell_of(after, c);
  const Cell& b = cell_of(before, c);
  if (!a.has_figure() || !b.has_figure()) return;
  PartSum difference;
  difference.sum = *subtract(a.figure, b.figure);
  difference.tolerance = *add(a.figure.half_unit(), b.figure.half_unit());
  difference.figures = 2;
  if (log.recording()) difference.cells = {&a, &b};
  std::string what =
      printed_name(named.table, side, after) + " − " + printed_name(named.table, side, before);
  compare_sum(named, side, change, c, difference, what, log, "is");
}

/// A rate of change is (later − earlier) ÷ earlier, in per cent where the label or column says
/// so; a label that says neither may be either. Not checked over an earlier year of zero.
void check_change_rate(const Named& named, const Side& side, const Row& rate_row, const Row& before,
                       const Row& after, int c, FindingLog& log) {
  const Cell& rate = cell_of(rate_row, c);
  const Cell& a = cell_of(after, c);
  const Cell& b = cell_of(before, c);
  if (!rate.has_figure() || !a.has_figure() || !b.has_figure() || b.figure.is_zero()) return;
  std::string key = row_key(named.table.columns, side, rate_row);
  bool said = key.find('%') != std::string::npos || key.find("％") != std::string::npos;
  std::optional<Decimal> as_percent = add(rate.figure, Decimal(100, 0));
  std::optional<Decimal> as_ratio = add(rate.figure, Decimal(1, 0));
  bool fits = (as_percent && rate_fits(*as_percent, a, b, true)) ||
              (!said && as_ratio && rate_fits(*as_ratio, a, b, false));
  if (fits) {
    held(log, {&rate, &a, &b});
    return;
  }
  std::optional<Decimal> q = quotient(*subtract(a.figure, b.figure), b.figure, true);
  Decimal shown = q ? q->rounded(rate.figure.scale()).value_or(*q) : Decimal();
  std::string formula = "(" + printed_name(named.table, side, after) + " − " +
                        printed_name(named.table, side, before) + ") ÷ " +
                        printed_name(named.table, side, before) + " × 100";
  Finding f = finding_at(named, side, rate_row, c, formula + " is " + shown.format(),
                         subtract(rate.figure, shown).value_or(Decimal()));
  f.cells = {&rate, &a, &b};
  log.add(std::move(f));
}

/// In one unit's rows: each 增减 row equals the later year's row minus the earlier one's, and
/// each rate row their change over the earlier one, in every additive amount column, within the
/// rounding of the figures.
void check_change_rows(const Named& named, const Side& side, const std::vector<int>& rows,
                       FindingLog& log) {
  YearRows found = year_rows(named, side, rows);
  if (found.years.size() != 2 || found.years[0].first == found.years[1].first) return;
  const Row& before = *found.years[0].second;
  const Row& after = *found.years[1].second;
  for (int c : side.columns) {
    const Column& column = column_of(named.table, c);
    if (column.type != ColumnType::amount || !column.additive) continue;
    for (const Row* change : found.changes)
      check_change(named, side, *change, before, after, c, log);
    for (const Row* rate : found.rates)
      check_change_rate(named, side, *rate, before, after, c, log);
  }
}

// ---- units ---------------------------------------------------------------------------------

/// A table without an agency column that repeats its rows per unit (the 三公 table, with a
/// merged 预算单位 column): each department row equals the sum of the units' rows with the same
/// key. Sides with an agency column have their department rows linked when loaded.
void check_labelled_units(const Named& named, const Side& side,
                          const std::vector<UnitGroup>& groups, FindingLog& log) {
  const UnitGroup* department = department_group(groups);
  std::vector<const UnitGroup*> units = units_of(groups);
  if (side.agency_column >= 0 || !department || units.empty()) return;
  for (int d : department->rows) {
    const Row& row = side.rows[static_cast<std::size_t>(d)];
    std::string key = row_key(named.table.columns, side, row);
    if (row_role(key) == RowRole::rate) continue;  // rates do not add up over units
    std::vector<const Row*> parts;
    for (const UnitGroup* unit : units) {
      for (int r : unit->rows) {
        const Row& candidate = side.rows[static_cast<std::size_t>(r)];
        if (row_key(named.table.columns, side, candidate) == key) parts.push_back(&candidate);
      }
    }
    if (key.empty() || parts.size() != units.size()) continue;
    for (int c : side.columns) {
      if (!column_of(named.table, c).additive) continue;
      PartSum sum;
      for (const Row* part : parts) add_part(sum, cell_of(*part, c), false, log.recording());
      compare_sum(named, side, row, c, sum, "the units' rows", log);
    }
  }
}

void check_units(const ReportData& report, const Named& named, const Side& side, FindingLog& log) {
  std::vector<UnitGroup> groups = unit_groups(named.table, side, report.department);
  check_labelled_units(named, side, groups, log);
  if (groups.empty()) {
    std::vector<int> all(side.rows.size());
    std::iota(all.begin(), all.end(), 0);
    check_change_rows(named, side, all, log);
    return;
  }
  for (const UnitGroup& group : groups) check_change_rows(named, side, group.rows, log);
}

// ---- weights -------------------------------------------------------------------------------

/// The 分值 of the indicators themselves: the last 分值 column that is not merged.
int leaf_weight_column(const Table& table, const Side& side) {
  int leaf = -1;
  for (int c : side.columns) {
    if (is_weight_column(table, c) && !column_of(table, c).merge) leaf = c;
  }
  return leaf;
}

/// The merged text column nearest before `c`, or -1.
int name_before(const Table& table, const Side& side, int before) {
  int found = -1;
  for (int c : side.columns) {
    if (c == before) break;
    if (column_of(table, c).type == ColumnType::text && column_of(table, c).merge) found = c;
  }
  return found;
}

/// Rows [first, end) of a side as a run of equal cells in `name` (and `weight`, when given).
std::vector<std::pair<std::size_t, std::size_t>> runs(const Side& side, int name, int weight) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  auto same = [&](const Row& a, const Row& b) {
    bool names = name < 0 || cell_of(a, name).text == cell_of(b, name).text;
    bool weights = weight < 0 || (cell_of(a, weight).kind == cell_of(b, weight).kind &&
                                  cell_of(a, weight).figure == cell_of(b, weight).figure);
    return names && weights;
  };
  for (std::size_t i = 0; i < side.rows.size();) {
    std::size_t j = i + 1;
    while (j < side.rows.size() && !side.rows[j].total && same(side.rows[i], side.rows[j])) ++j;
    out.push_back({i, j});
    i = j;
  }
  return out;
}

PartSum leaf_weights(const Side& side, std::pair<std::size_t, std::size_t> run, int leaf,
                     bool record) {
  PartSum sum;
  for (std::size_t i = run.first; i < run.second; ++i)
    add_part(sum, side.rows[i].cells[static_cast<std::size_t>(leaf)], true, record);
  return sum;
}

void check_merged_weights(const Named& named, const Side& side, FindingLog& log) {
  int leaf = leaf_weight_column(named.table, side);
  if (leaf < 0) return;
  for (int m : side.columns) {
    if (m == leaf || !is_weight_column(named.table, m) || !column_of(named.table, m).merge)
      continue;
    int name = name_before(named.table, side, m);
    for (auto run : runs(side, name, m)) {
      const Row& first = side.rows[run.first];
      if (!cell_of(first, m).has_figure() || first.total) continue;
      PartSum sum = leaf_weights(side, run, leaf, log.recording());
      for (std::size_t i = run.first + 1; log.recording() && i < run.second; ++i) {
        sum.cells.push_back(&cell_of(side.rows[i], m));
      }
      compare_sum(named, side, first, m, sum,
                  "the " + column_of(named.table, leaf).label + " of its rows", log);
    }
  }
}

/// "产出 (50分)" → 50: a weight printed in parentheses at the end of a label.
std::optional<Decimal> weight_in_label(const std::string& text) {
  std::string s = squeezed(text);
  for (std::string_view close : {")", "）"}) {
    std::string tail = "分" + std::string(close);
    if (s.size() < tail.size() || s.compare(s.size() - tail.size(), tail.size(), tail) != 0)
      continue;
    std::size_t end = s.size() - tail.size(), start = end;
    while (start > 0 && ((s[start - 1] >= '0' && s[start - 1] <= '9') || s[start - 1] == '.'))
      --start;
    bool opened =
        (start >= 1 && s[start - 1] == '(') || (start >= 3 && s.compare(start - 3, 3, "（") == 0);
    if (start < end && opened) return Decimal::parse(s.substr(start, end - start));
  }
  return std::nullopt;
}

void check_label_weights(const Named& named, const Side& side, FindingLog& log) {
  int leaf = leaf_weight_column(named.table, side);
  if (leaf < 0) return;
  for (int name : side.columns) {
    const Column& column = column_of(named.table, name);
    if (column.type != ColumnType::text || !column.merge) continue;
    for (auto run : runs(side, name, -1)) {
      const Row& first = side.rows[run.first];
      std::optional<Decimal> stated = weight_in_label(cell_of(first, name).text);
      if (!stated || first.total) continue;
      PartSum sum = leaf_weights(side, run, leaf, log.recording());
      auto difference = subtract(*stated, sum.sum);
      if (sum.figures == 0 || !difference) continue;
      if (difference->is_zero()) {
        log.held(sum.cells);
        continue;
      }
      const Cell& cell = cell_of(first, name);
      Finding f;
      f.where = {named.table.where.path, cell.where.line, cell.where.column};
      f.reference = cell_reference(named.table, first, name);
      f.message = named.name + ": " + cell.text + " states " + stated->format() + " 分 but the " +
                  column_of(named.table, leaf).label + " of its rows sum to " + sum.sum.format() +
                  " (difference " + difference->abs().format() + ") [" + f.reference + "]";
      f.difference = *difference;
      f.cells = sum.cells;
      log.add(std::move(f));
    }
  }
}

}  // namespace

void check_rules(const ReportData& report, const Named& named, FindingLog& log) {
  check_line_numbers(named, log);
  for (const Side& side : named.table.sides) {
    check_scores(named, side, log);
    check_rates(named, side, log);
    check_units(report, named, side, log);
    check_merged_weights(named, side, log);
    check_label_weights(named, side, log);
  }
  check_class_lines(report, named, log);
  check_lines_counted(named, log);
}

}  // namespace gongkai
