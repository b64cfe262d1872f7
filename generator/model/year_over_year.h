// Year over year (逐年比较): a document against the previous year's document of the same kind and
// department — budget against budget, final accounts against final accounts — by line: the
// totals, each function class by code, each economic class of 基本支出 by code, each 三公 item;
// this year, last year, the change and the growth rate, exact (docs/compare.md). Where a document
// prints last year's figures itself (a budget 三公 table's row of the previous year, a 上年预算数
// or 上年决算数 column), they are checked against the previous year's document.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/decimal.h"
#include "model/compared_lines.h"
#include "model/data.h"

namespace gongkai {

/// Whether a line is printed in both years, or only in one.
enum class Presence {
  both,
  /// Only this year: a new code (or item).
  appeared,
  /// Only last year: a code no longer printed.
  vanished,
};

/// One line: a total or a 三公 item (code "") or a classification code.
struct YearLine {
  /// What matched the two years' figures: the code, or "total", "basic", "project" of the
  /// totals, or the 三公 item ("total", "abroad", "vehicles", "purchase", "upkeep", "reception").
  std::string key;
  std::string code;
  /// This year's printed name, else last year's.
  std::string name;
  /// Last year's printed name when it differs from this year's: a renamed code ("" otherwise).
  std::string last_year_name;
  std::optional<ComparedFigure> this_year, last_year;
  Presence presence = Presence::both;
  /// This year − last year, exact; a year that does not print the line counts as 0 (a vanished
  /// code changes by minus its last figure).
  std::optional<Decimal> change;
  /// change ÷ last year in per cent, rounded half away from zero to two decimals; none when last
  /// year is 0 or does not print the line.
  std::optional<Decimal> growth;
  /// The figure this year's document prints for last year, checked against last year's
  /// document (whose figure is `last_year`); only where it prints one.
  std::optional<PrintedCheck> printed_last_year;

  bool renamed() const { return !last_year_name.empty(); }
};

/// The lines of one kind, from one table of each document.
struct YearSection {
  /// "totals", "function", "economic" or "three-public".
  std::string kind;
  /// The ids of the tables the lines come from.
  std::string this_table, last_table;
  std::vector<YearLine> lines;
};

struct YearOverYear {
  /// The unit of every compared figure: 万元 when either document uses it.
  AmountUnit unit = AmountUnit::none;
  int this_year = 0, last_year = 0;
  std::vector<YearSection> sections;
};

/// The comparison of `this_year` with `last_year`, two documents of the same kind (budget or
/// final accounts): the sections whose tables both have (line_table in compared_lines.h), each
/// line of either year kept. Documents of different kinds have no sections. The printed 上年
/// figures are checked only when `last_year` is the year just before.
YearOverYear compare_with_previous_year(const ReportData& this_year, const ReportData& last_year);

/// `change` ÷ `last_year` in per cent, rounded half away from zero to two decimals; nullopt when
/// `last_year` is zero.
std::optional<Decimal> growth_rate(const Decimal& change, const Decimal& last_year);

}  // namespace gongkai
