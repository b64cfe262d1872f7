// Year over year: each line of a document against the previous year's of the same kind — exact
// changes, growth rounded as documented, codes that appear, vanish or are renamed, units
// converted exactly, and the 上年 figures a document prints checked against last year's.
#include "model/year_over_year.h"

#include <array>
#include <catch2/catch.hpp>

#include "base/diagnostic.h"
#include "compare_expected.h"

using namespace gongkai;
using gongkai::testing::as_per_cent;
using gongkai::testing::compare_report;
using gongkai::testing::expected_per_cent;
using gongkai::testing::in_yuan;

namespace {

std::string text(const std::optional<Decimal>& value) {
  return value ? value->to_string() : "none";
}
std::string text(const std::optional<ComparedFigure>& figure) {
  return figure ? figure->value.to_string() : "none";
}

const YearSection& section_of(const YearOverYear& comparison, const std::string& kind) {
  for (const YearSection& section : comparison.sections) {
    if (section.kind == kind) return section;
  }
  FAIL("no section " << kind);
  throw;
}

const YearLine* find_line(const YearSection& section, const std::string& key) {
  for (const YearLine& line : section.lines) {
    if (line.key == key) return &line;
  }
  return nullptr;
}

const YearLine& line_of(const YearOverYear& comparison, const std::string& kind,
                        const std::string& key) {
  const YearLine* line = find_line(section_of(comparison, kind), key);
  if (!line) FAIL("no line " << key << " in " << kind);
  return *line;
}

/// The key of a line of EXPECTED.md's 逐年比较 tables: its code, or the total it names.
std::string expected_key(const std::vector<std::string>& row) {
  if (!row[0].empty()) return row[0];
  if (row[1] == "合计") return "total";
  if (row[1] == "基本支出") return "basic";
  if (row[1] == "项目支出") return "project";
  FAIL("no total " << row[1]);
  throw;
}

/// Which columns of a 逐年比较 table hold one pair of years.
struct Columns {
  int this_year;
  std::size_t this_figure, last_figure, change, growth;
};
constexpr Columns kPairs[] = {{2022, 3, 2, 5, 6}, {2023, 4, 3, 7, 8}};

void check_expected_line(const YearOverYear& comparison, const std::vector<std::string>& row,
                         const Columns& c) {
  std::string key = expected_key(row);
  INFO(key << " " << row[1]);
  const YearLine* line =
      find_line(section_of(comparison, row[0].empty() ? "totals" : "function"), key);
  if (row[c.this_figure] == "—" && row[c.last_figure] == "—") {
    CHECK_FALSE(line);  // in neither year: not a line
    return;
  }
  REQUIRE(line);
  CHECK(in_yuan(line->this_year) == row[c.this_figure]);
  CHECK(in_yuan(line->last_year) == row[c.last_figure]);
  CHECK(in_yuan(line->change) == row[c.change]);
  CHECK(as_per_cent(line->growth) == expected_per_cent(row[c.growth]));
  Presence presence = row[c.last_figure] == "—"   ? Presence::appeared
                      : row[c.this_figure] == "—" ? Presence::vanished
                                                  : Presence::both;
  CHECK(line->presence == presence);
}

/// Every line of one of EXPECTED.md's 逐年比较 tables, for both pairs of years; and no line
/// that the table does not list.
void check_expected_table(const std::string& kind, const std::string& heading) {
  std::vector<std::vector<std::string>> rows = gongkai::testing::expected_rows(heading);
  for (const Columns& c : kPairs) {
    INFO(kind << " " << c.this_year << " against " << c.this_year - 1);
    YearOverYear comparison = compare_with_previous_year(compare_report(c.this_year, kind),
                                                         compare_report(c.this_year - 1, kind));
    CHECK(comparison.unit == AmountUnit::wan_yuan);
    std::size_t listed = 0;
    for (const auto& row : rows) {
      check_expected_line(comparison, row, c);
      listed += row[c.this_figure] != "—" || row[c.last_figure] != "—" ? 1 : 0;
    }
    CHECK(section_of(comparison, "totals").lines.size() +
              section_of(comparison, "function").lines.size() ==
          listed);
  }
}

}  // namespace

TEST_CASE("year over year: growth is change ÷ last year, rounded half away from zero; none on zero",
          "[year_over_year]") {
  CHECK(text(growth_rate(*Decimal::parse("-4"), *Decimal::parse("802"))) == "-0.50");
  CHECK(text(growth_rate(*Decimal::parse("-1"), *Decimal::parse("800"))) == "-0.13");
  CHECK(text(growth_rate(*Decimal::parse("1"), *Decimal::parse("800"))) == "0.13");
  CHECK_FALSE(growth_rate(*Decimal::parse("85"), *Decimal::parse("0")));
}

TEST_CASE("year over year: budgets of 2021–2023, every line of EXPECTED.md's 逐年比较：预算数",
          "[year_over_year]") {
  check_expected_table("budget", "## 逐年比较：预算数");
}

TEST_CASE(
    "year over year: final accounts of 2021–2023 (2022 in 元), every line of EXPECTED.md's "
    "逐年比较：决算数",
    "[year_over_year]") {
  check_expected_table("final-accounts", "## 逐年比较：决算数");
}

TEST_CASE("year over year: codes that are renamed, vanish and appear", "[year_over_year]") {
  YearOverYear budgets =
      compare_with_previous_year(compare_report(2022, "budget"), compare_report(2021, "budget"));
  CHECK(budgets.this_year == 2022);
  CHECK(budgets.last_year == 2021);
  SECTION("2012604 keeps its name from 2021 to 2022") {
    const YearLine& line = line_of(budgets, "function", "2012604");
    CHECK(line.name == "档案馆");
    CHECK_FALSE(line.renamed());
  }
  SECTION("2012604 is renamed in 2023, in both kinds of document: both names are kept") {
    for (const char* kind : {"budget", "final-accounts"}) {
      YearOverYear comparison =
          compare_with_previous_year(compare_report(2023, kind), compare_report(2022, kind));
      const YearLine& line = line_of(comparison, "function", "2012604");
      CHECK(line.name == "档案保管与利用");
      CHECK(line.last_year_name == "档案馆");
      CHECK(line.renamed());
      CHECK(line.presence == Presence::both);
    }
  }
  SECTION("2012699 vanishes after 2021: minus its last figure, -100%") {
    const YearLine& line = line_of(budgets, "function", "2012699");
    CHECK(line.presence == Presence::vanished);
    CHECK_FALSE(line.this_year);
    CHECK(text(line.last_year) == "96");
    CHECK(text(line.change) == "-96");
    CHECK(text(line.growth) == "-100.00");
    REQUIRE(line.last_year->cells.size() == 1);
    CHECK(line.last_year->cells[0]->text == "96");
  }
  SECTION("20808 and 2080801, spent in 2021 only, vanish from the final accounts") {
    YearOverYear finals = compare_with_previous_year(compare_report(2022, "final-accounts"),
                                                     compare_report(2021, "final-accounts"));
    for (const char* code : {"20808", "2080801"}) {
      const YearLine& line = line_of(finals, "function", code);
      CHECK(line.presence == Presence::vanished);
      CHECK(text(line.change) == "-21.60");
      CHECK(text(line.growth) == "-100.00");
    }
  }
  SECTION("206, 20699 and 2069999 appear in 2023: no growth from nothing") {
    YearOverYear finals = compare_with_previous_year(compare_report(2023, "final-accounts"),
                                                     compare_report(2022, "final-accounts"));
    for (const char* code : {"206", "20699", "2069999"}) {
      const YearLine& line = line_of(finals, "function", code);
      CHECK(line.presence == Presence::appeared);
      CHECK(text(line.this_year) == "78.90");
      CHECK_FALSE(line.last_year);
      CHECK(text(line.change) == "78.90");
      CHECK_FALSE(line.growth);
    }
    CHECK(line_of(finals, "function", "206").name == "科学技术支出");
  }
}

TEST_CASE(
    "year over year: final accounts in 元 against 万元 are converted exactly, with their printed "
    "cells",
    "[year_over_year]") {
  YearOverYear finals = compare_with_previous_year(compare_report(2022, "final-accounts"),
                                                   compare_report(2021, "final-accounts"));
  CHECK(finals.unit == AmountUnit::wan_yuan);
  const YearLine& total = line_of(finals, "totals", "total");
  CHECK(text(total.this_year) == "3014.013357");
  CHECK(total.this_year->converted);
  CHECK_FALSE(total.last_year->converted);
  REQUIRE(total.this_year->cells.size() == 1);
  CHECK(total.this_year->cells[0]->text == "30140133.57");
  CHECK(text(total.change) == "169.523357");
  CHECK(text(total.growth) == "5.96");
}

TEST_CASE("year over year: economic classes of 基本支出", "[year_over_year]") {
  YearOverYear budgets =
      compare_with_previous_year(compare_report(2022, "budget"), compare_report(2021, "budget"));
  CHECK(section_of(budgets, "economic").this_table == "economic");
  CHECK(text(line_of(budgets, "economic", "301").change) == "55");
  CHECK(text(line_of(budgets, "economic", "301").growth) == "3.00");
  CHECK(text(line_of(budgets, "economic", "30217").growth) == "-50.00");
  SECTION("from 0 last year: a change, no growth") {
    const YearLine& line = line_of(budgets, "economic", "310");
    CHECK(line.presence == Presence::both);
    CHECK(text(line.change) == "25");
    CHECK_FALSE(line.growth);
  }
  CHECK(line_of(budgets, "economic", "31013").presence == Presence::appeared);
  CHECK(line_of(budgets, "economic", "31003").presence == Presence::vanished);
  CHECK(text(line_of(budgets, "economic", "31003").change) == "0");
  YearOverYear finals = compare_with_previous_year(compare_report(2022, "final-accounts"),
                                                   compare_report(2021, "final-accounts"));
  CHECK(section_of(finals, "economic").this_table == "basic");
  CHECK(line_of(finals, "economic", "30304").last_year);
}

TEST_CASE(
    "year over year: 三公 items, and the budget's printed 上年 row checked against last year's "
    "budget",
    "[year_over_year]") {
  SECTION("budgets: 2022 against 2021, and 2023 against 2022") {
    YearOverYear later =
        compare_with_previous_year(compare_report(2022, "budget"), compare_report(2021, "budget"));
    const YearLine& total = line_of(later, "three-public", "total");
    CHECK(text(total.this_year) == "32");
    CHECK(text(total.last_year) == "8");
    CHECK(text(total.change) == "24");
    CHECK(text(total.growth) == "300.00");
    YearOverYear latest =
        compare_with_previous_year(compare_report(2023, "budget"), compare_report(2022, "budget"));
    CHECK(text(line_of(latest, "three-public", "total").growth) == "-75.00");
    CHECK(text(line_of(latest, "three-public", "purchase").growth) == "-100.00");
    CHECK_FALSE(line_of(latest, "three-public", "abroad").growth);  // 0 both years
    for (const YearOverYear* comparison : {&later, &latest}) {
      for (const YearLine& line : section_of(*comparison, "three-public").lines) {
        INFO(comparison->this_year << " " << line.key);
        REQUIRE(line.printed_last_year);
        CHECK(line.printed_last_year->agrees == std::optional<bool>(true));
        CHECK(line.printed_last_year->printed.value == line.last_year->value);
        CHECK(line.printed_last_year->printed.cells[0] != line.last_year->cells[0]);
      }
    }
  }
  SECTION("final accounts: 决算数 2021 → 2022 (元) → 2023; 表九 prints no 上年") {
    YearOverYear later = compare_with_previous_year(compare_report(2022, "final-accounts"),
                                                    compare_report(2021, "final-accounts"));
    const YearLine& total = line_of(later, "three-public", "total");
    CHECK(text(total.this_year) == "28.977520");
    CHECK(text(total.change) == "23.047520");
    CHECK(text(total.growth) == "388.66");
    CHECK_FALSE(total.printed_last_year);
    YearOverYear latest = compare_with_previous_year(compare_report(2023, "final-accounts"),
                                                     compare_report(2022, "final-accounts"));
    CHECK(text(line_of(latest, "three-public", "total").change) == "-19.127520");
    CHECK(text(line_of(latest, "three-public", "total").growth) == "-66.01");
    CHECK(line_of(latest, "three-public", "abroad").presence == Presence::both);
    CHECK_FALSE(line_of(latest, "three-public", "abroad").growth);
  }
  SECTION("documents two years apart: the 上年 row is not theirs to check") {
    YearOverYear gap =
        compare_with_previous_year(compare_report(2023, "budget"), compare_report(2021, "budget"));
    CHECK_FALSE(line_of(gap, "three-public", "total").printed_last_year);
    CHECK(text(line_of(gap, "three-public", "total").change) == "0");
  }
  SECTION("documents of different kinds are not compared") {
    YearOverYear mixed = compare_with_previous_year(compare_report(2023, "budget"),
                                                    compare_report(2022, "final-accounts"));
    CHECK(mixed.sections.empty());
  }
}

namespace {

ReportData budget_of(int year, const std::string& tables) {
  std::string text = R"({"schema": 1, "kind": "budget", "department": "部门", "year": )" +
                     std::to_string(year) + R"(, "title": "t", "unit": "万元", "tables": [)" +
                     tables + "]}";
  Diagnostics diagnostics;
  std::optional<ReportData> data = load_report_data("r.json", text, diagnostics);
  INFO(diagnostics.format_all());
  REQUIRE(data);
  return std::move(*data);
}

/// A coded table with a 上年预算数 column beside its 合计; `rows` of code, name, this, last.
std::string coded_with_last_year(const std::string& id, const std::string& title,
                                 const std::vector<std::array<std::string, 4>>& rows) {
  std::string out =
      R"({"id": ")" + id + R"(", "title": ")" + title + R"(", "unit": "万元", "columns": [
      {"key": "code", "label": "科目编码", "type": "code"}, {"key": "name", "label": "科目名称"},
      {"key": "total", "label": "合计", "type": "amount"}, {"key": "prior", "label": "上年预算数", "type": "amount"}],
    "rows": [)";
  for (const auto& [code, name, now, before] : rows) {
    std::string cells = code.empty() ? "" : R"("code": ")" + code + R"(", )";
    out += std::string(out.ends_with("[") ? "" : ", ") +
           (code.empty() ? R"({"id": "sum", "sum_of": "codes", )" : "{") + R"("cells": {)" + cells +
           R"("name": ")" + name + R"(", "total": )" + now +
           (before.empty() ? "" : R"(, "prior": )" + before) + "}}";
  }
  return out + "]}";
}

std::string three_public(const std::string& prior, const std::string& current) {
  return R"({"id": "three-public", "title": "一般公共预算“三公”经费支出表", "unit": "万元", "columns": [
      {"key": "agency", "label": "预算单位", "merge": true}, {"key": "year", "label": "年度"},
      {"key": "total", "label": "总计", "type": "amount"}, {"key": "reception", "label": "公务接待费", "type": "amount"}],
    "rows": [{"id": "prior", "cells": {"agency": "部门", )" +
         prior + R"(}},
             {"id": "current", "cells": {"agency": "部门", )" +
         current + "}}]}";
}

}  // namespace

TEST_CASE(
    "year over year: printed 上年 figures that disagree with last year's document are kept as such",
    "[year_over_year]") {
  std::vector<std::array<std::string, 4>> now = {
      {"", "合计", "110", "100"},
      {"201", "一般公共服务支出", "110", "100"},
      {"20103", "政府办公厅（室）及相关机构事务", "110", "100"},
      {"2010301", "行政运行", "70", "60"},
      {"2010302", "一般行政管理事务", "40", "40"}};
  std::vector<std::array<std::string, 4>> before = {
      {"", "合计", "100", ""},
      {"201", "一般公共服务支出", "100", ""},
      {"20103", "政府办公厅（室）及相关机构事务", "100", ""},
      {"2010301", "行政运行", "65", ""},
      {"2010302", "一般行政管理事务", "35", ""}};
  auto tables = [](const std::vector<std::array<std::string, 4>>& rows, const std::string& prior,
                   const std::string& current) {
    return coded_with_last_year("expenditure", "支出总表", rows) + ", " +
           coded_with_last_year("function", "一般公共预算支出表（按功能分类）", rows) + ", " +
           three_public(prior, current);
  };
  ReportData this_year =
      budget_of(2023, tables(now, R"("year": "2022 年", "total": 7, "reception": 1)",
                             R"("year": "2023 年", "total": 9, "reception": 2)"));
  ReportData last_year =
      budget_of(2022, tables(before, R"("year": "2021 年", "total": 5, "reception": 1)",
                             R"("year": "2022 年", "total": 6.5, "reception": 1)"));
  YearOverYear comparison = compare_with_previous_year(this_year, last_year);
  auto agrees = [&](const std::string& kind, const std::string& key) {
    const YearLine& line = line_of(comparison, kind, key);
    REQUIRE(line.printed_last_year);
    return line.printed_last_year->agrees;
  };
  CHECK(agrees("totals", "total") == std::optional<bool>(true));
  CHECK(agrees("function", "201") == std::optional<bool>(true));
  CHECK(agrees("function", "2010301") == std::optional<bool>(false));
  CHECK(agrees("function", "2010302") == std::optional<bool>(false));
  CHECK(text(line_of(comparison, "function", "2010302").printed_last_year->printed) == "40");
  CHECK(text(line_of(comparison, "function", "2010302").last_year) == "35");
  CHECK(agrees("three-public", "total") == std::optional<bool>(false));
  CHECK(agrees("three-public", "reception") == std::optional<bool>(true));
  const YearLine& total = line_of(comparison, "three-public", "total");
  CHECK(text(total.printed_last_year->printed) == "7");
  CHECK(text(total.last_year) == "6.5");
  CHECK(text(total.change) == "2.5");
  CHECK(text(total.growth) == "38.46");
}
