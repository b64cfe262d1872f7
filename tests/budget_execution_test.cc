// Budget against final accounts: lines by total and by code, exact differences, execution rates
// rounded as documented, units converted exactly, codes on one side only kept.
#include "model/budget_execution.h"

#include <catch2/catch.hpp>

#include "base/diagnostic.h"
#include "compare_expected.h"

using namespace gongkai;

namespace {

/// A coded table: a 合计 row adding up the 3-digit codes, then `rows` of code, name, total,
/// basic, project.
std::string coded_table(const std::string& id, const std::string& title, const std::string& rows) {
  return R"({"id": ")" + id + R"(", "title": ")" + title + R"(", "columns": [
      {"key": "code", "label": "科目编码", "type": "code"}, {"key": "name", "label": "科目名称"},
      {"key": "total", "label": "支出总计", "type": "amount", "sum_of": ["basic", "project"]},
      {"key": "basic", "label": "基本支出", "type": "amount"},
      {"key": "project", "label": "项目支出", "type": "amount"}],
    "rows": [{"id": "sum", "sum_of": "codes", "cells": {"name": "合计"}}, )" + rows + "]}";
}

std::string row(const std::string& code, const std::string& name, const std::string& basic,
                const std::string& project, const std::string& total) {
  return R"({"cells": {"code": ")" + code + R"(", "name": ")" + name + R"(", "total": )" + total +
         R"(, "basic": )" + basic + R"(, "project": )" + project + "}}";
}

ReportData document(const std::string& kind, const std::string& unit, const std::string& tables) {
  std::string text = R"({"schema": 1, "kind": ")" + kind +
                     R"(", "department": "部门", "year": 2023, "title": "t", "unit": ")" + unit +
                     R"(", "tables": [)" + tables + "]}";
  Diagnostics diagnostics;
  std::optional<ReportData> data = load_report_data("r.json", text, diagnostics);
  INFO(diagnostics.format_all());
  REQUIRE(data);
  return std::move(*data);
}

/// Fills the 合计 row of a coded table's JSON with the sums of its 3-digit codes.
std::string with_sum(std::string table, const std::string& total, const std::string& basic,
                     const std::string& project) {
  std::string from = R"("cells": {"name": "合计"})";
  std::string to = R"("cells": {"name": "合计", "total": )" + total + R"(, "basic": )" + basic +
                   R"(, "project": )" + project + "}";
  return table.replace(table.find(from), from.size(), to);
}

/// A budget in 万元 and final accounts in 元 that disagree the ways real ones do.
struct Pair {
  ReportData budget, actual;
};

Pair example_pair() {
  std::string budget_rows = row("201", "一般公共服务支出", "60", "40", "100") + ", " +
                            row("20103", "政府办公厅（室）及相关机构事务", "60", "40", "100") + ", " +
                            row("2010301", "行政运行", "60", "0", "60") + ", " +
                            row("2010302", "一般行政管理事务", "0", "40", "40") + ", " +
                            row("205", "教育支出", "0", "10", "10") + ", " +
                            row("20508", "进修及培训", "0", "10", "10") + ", " +
                            row("2050803", "培训支出", "0", "10", "10");
  std::string actual_rows = row("201", "一般公共服务支出", "600000.00", "350000.00", "950000.00") + ", " +
                            row("20103", "政府办公厅（室）及相关机构事务", "600000.00", "350000.00", "950000.00") + ", " +
                            row("2010301", "行政运行", "600000.00", "0.00", "600000.00") + ", " +
                            row("2010302", "一般行政事务", "0.00", "350000.00", "350000.00") + ", " +
                            row("208", "社会保障和就业支出", "12345.67", "0.00", "12345.67") + ", " +
                            row("20805", "行政事业单位养老支出", "12345.67", "0.00", "12345.67") + ", " +
                            row("2080505", "机关事业单位基本养老保险缴费支出", "12345.67", "0.00", "12345.67");
  std::string b = with_sum(coded_table("function", "一般公共预算支出表（按功能分类）", budget_rows), "110", "60", "50");
  std::string be = with_sum(coded_table("expenditure", "支出总表", budget_rows), "110", "60", "50");
  std::string a = with_sum(coded_table("general", "一般公共预算财政拨款支出决算表", actual_rows),
                           "962345.67", "612345.67", "350000.00");
  std::string ae = with_sum(coded_table("expenditure", "支出决算表", actual_rows), "962345.67", "612345.67", "350000.00");
  return {document("budget", "万元", be + ", " + b), document("final-accounts", "元", ae + ", " + a)};
}

const ExecutionLine& line_of(const ExecutionSection& section, const std::string& code) {
  for (const ExecutionLine& line : section.lines) {
    if (line.code == code) return line;
  }
  FAIL("no line " << code);
  throw;
}

std::string text(const std::optional<Decimal>& value) { return value ? value->to_string() : "none"; }
std::string text(const std::optional<ComparedFigure>& figure) { return figure ? figure->value.to_string() : "none"; }

}  // namespace

TEST_CASE("budget execution: rates round half away from zero", "[budget_execution]") {
  CHECK(text(execution_rate(*Decimal::parse("35"), *Decimal::parse("40"))) == "87.50");
  CHECK(text(execution_rate(*Decimal::parse("2"), *Decimal::parse("3"))) == "66.67");
  CHECK(text(execution_rate(*Decimal::parse("1"), *Decimal::parse("800"))) == "0.13");
  CHECK_FALSE(execution_rate(*Decimal::parse("1"), *Decimal::parse("0")));
}

TEST_CASE("budget execution: totals, and every code of either document, in code order", "[budget_execution]") {
  Pair pair = example_pair();
  BudgetExecution execution = compare_budget_with_final(pair.budget, pair.actual);
  CHECK(execution.unit == AmountUnit::wan_yuan);
  REQUIRE(execution.sections.size() == 2);
  const ExecutionSection& totals = execution.sections[0];
  CHECK(totals.kind == "totals");
  CHECK(totals.budget_table == "expenditure");
  REQUIRE(totals.lines.size() == 3);
  SECTION("the totals: 支出总计, 基本支出, 项目支出") {
    CHECK(totals.lines[0].name == "支出总计");
    CHECK(text(totals.lines[0].budget) == "110");
    CHECK(text(totals.lines[0].actual) == "96.234567");
    CHECK(totals.lines[0].actual->converted);
    CHECK_FALSE(totals.lines[0].budget->converted);
    CHECK(text(totals.lines[0].difference) == "-13.765433");
    CHECK(text(totals.lines[0].rate) == "87.49");
    CHECK(text(totals.lines[1].rate) == "102.06");
    CHECK(text(totals.lines[2].rate) == "70.00");
  }
  const ExecutionSection& function = execution.sections[1];
  CHECK(function.kind == "function");
  CHECK(function.actual_table == "general");
  std::vector<std::string> codes;
  for (const ExecutionLine& line : function.lines) codes.push_back(line.code);
  CHECK(codes == std::vector<std::string>{"201", "20103", "2010301", "2010302", "205", "20508",
                                          "2050803", "208", "20805", "2080505"});
  SECTION("a code in both, spent below budget") {
    const ExecutionLine& line = line_of(function, "201");
    CHECK(text(line.difference) == "-5.000000");
    CHECK(text(line.rate) == "95.00");
    CHECK(line.other_name.empty());
  }
  SECTION("a code printed under another name") {
    const ExecutionLine& line = line_of(function, "2010302");
    CHECK(line.name == "一般行政管理事务");
    CHECK(line.other_name == "一般行政事务");
    CHECK(text(line.rate) == "87.50");
  }
  SECTION("budgeted and not spent: the final accounts count as 0, rate 0.00") {
    const ExecutionLine& line = line_of(function, "205");
    CHECK(text(line.budget) == "10");
    CHECK_FALSE(line.actual);
    CHECK(text(line.difference) == "-10");
    CHECK(text(line.rate) == "0.00");
  }
  SECTION("spent and not budgeted") {
    const ExecutionLine& line = line_of(function, "2080505");
    CHECK_FALSE(line.budget);
    CHECK(text(line.actual) == "1.234567");
    CHECK(text(line.difference) == "1.234567");
    CHECK_FALSE(line.rate);
    CHECK(line.actual->cells.size() == 1);
    CHECK(line.actual->cells[0]->text == "12345.67");
  }
}

TEST_CASE("budget execution: documents in the same unit are compared in it", "[budget_execution]") {
  std::string rows = row("201", "一般公共服务支出", "60", "40", "100");
  ReportData budget = document("budget", "元", with_sum(coded_table("function", "按功能分类", rows), "100", "60", "40"));
  ReportData actual = document("final-accounts", "元", with_sum(coded_table("general", "一般公共预算财政拨款支出决算表", rows), "100", "60", "40"));
  BudgetExecution execution = compare_budget_with_final(budget, actual);
  CHECK(execution.unit == AmountUnit::yuan);
  REQUIRE(execution.sections.size() == 1);
  CHECK(text(line_of(execution.sections[0], "201").rate) == "100.00");
  CHECK_FALSE(line_of(execution.sections[0], "201").actual->converted);
}

TEST_CASE("budget execution: the compare fixture's 2022, a budget in 万元 against final accounts in 元 (EXPECTED.md)", "[budget_execution]") {
  ReportData budget = gongkai::testing::compare_report(2022, "budget");
  ReportData actual = gongkai::testing::compare_report(2022, "final-accounts");
  BudgetExecution execution = compare_budget_with_final(budget, actual);
  CHECK(execution.unit == AmountUnit::wan_yuan);
  REQUIRE(execution.sections.size() >= 2);
  const ExecutionSection& totals = execution.sections[0];
  REQUIRE(totals.lines.size() == 3);
  CHECK(text(totals.lines[0].budget) == "2983");
  CHECK(text(totals.lines[0].actual) == "3014.013357");
  CHECK(text(totals.lines[0].difference) == "31.013357");
  CHECK(text(totals.lines[0].rate) == "101.04");
  CHECK(text(totals.lines[1].rate) == "98.15");
  CHECK(text(totals.lines[2].rate) == "108.96");
  const ExecutionSection& function = execution.sections[1];
  CHECK(text(line_of(function, "2012604").rate) == "114.21");
  CHECK(text(line_of(function, "2012604").difference) == "85.241000");
  CHECK(text(line_of(function, "2080502").rate) == "97.16");
  CHECK(text(line_of(function, "2050803").budget) == "8");
  CHECK_FALSE(line_of(function, "2050803").actual);
}

namespace {

/// The 三公 item each line of EXPECTED.md's 三公 tables is about.
std::string item_key(const std::string& label) {
  static const std::pair<const char*, const char*> kItems[] = {
      {"合计", "total"}, {"因公出国（境）费", "abroad"}, {"公务用车购置及运行维护费", "vehicles"},
      {"其中：公务用车购置费", "purchase"}, {"其中：公务用车运行维护费", "upkeep"}, {"公务接待费", "reception"}};
  for (const auto& [printed, key] : kItems) {
    if (label == printed) return key;
  }
  FAIL("no 三公 item " << label);
  throw;
}

const ExecutionSection& section_of(const BudgetExecution& execution, const std::string& kind) {
  for (const ExecutionSection& section : execution.sections) {
    if (section.kind == kind) return section;
  }
  FAIL("no section " << kind);
  throw;
}

const ExecutionLine& keyed_line(const ExecutionSection& section, const std::string& key) {
  for (const ExecutionLine& line : section.lines) {
    if (line.key == key) return line;
  }
  FAIL("no line " << key);
  throw;
}

}  // namespace

TEST_CASE("budget execution: 三公 of the compare fixture, every item of every year as EXPECTED.md lists it", "[budget_execution]") {
  using gongkai::testing::as_per_cent;
  using gongkai::testing::expected_per_cent;
  using gongkai::testing::in_yuan;
  int year = GENERATE(2021, 2022, 2023);
  INFO(year);
  BudgetExecution execution = compare_budget_with_final(gongkai::testing::compare_report(year, "budget"),
                                                        gongkai::testing::compare_report(year, "final-accounts"));
  CHECK(execution.unit == AmountUnit::wan_yuan);
  const ExecutionSection& three = section_of(execution, "three-public");
  CHECK(three.budget_table == "three-public");
  CHECK(three.actual_table == "three-public");
  std::vector<std::string> keys;
  for (const ExecutionLine& line : three.lines) keys.push_back(line.key);
  CHECK(keys == std::vector<std::string>{"total", "abroad", "vehicles", "purchase", "upkeep", "reception"});
  for (const auto& row : gongkai::testing::expected_rows("三公经费（" + std::to_string(year) + " 年）")) {
    INFO(row[0]);
    const ExecutionLine& line = keyed_line(three, item_key(row[0]));
    CHECK(line.code.empty());
    CHECK(in_yuan(line.budget) == row[1]);
    CHECK(in_yuan(line.actual) == row[2]);
    CHECK(in_yuan(line.difference) == row[3]);
    CHECK(as_per_cent(line.rate) == expected_per_cent(row[5]));
    // Every 决算 of the fixture prints the budget's own figures as its 预算数.
    REQUIRE(line.printed_budget);
    CHECK(line.printed_budget->agrees == std::optional<bool>(true));
    CHECK(in_yuan(std::optional(line.printed_budget->printed)) == row[1]);
  }
}

TEST_CASE("budget execution: 三公 rounding ties, a zero budget, units and printed cells", "[budget_execution]") {
  SECTION("2021: 593/800 = 74.125% rounds half away from zero") {
    BudgetExecution execution = compare_budget_with_final(gongkai::testing::compare_report(2021, "budget"),
                                                          gongkai::testing::compare_report(2021, "final-accounts"));
    const ExecutionLine& total = keyed_line(section_of(execution, "three-public"), "total");
    CHECK(text(total.rate) == "74.13");
    CHECK(text(total.difference) == "-2.07");
  }
  SECTION("2023: 197/160 = 123.125% rounds up; 因公出国（境）费 budgeted 0 has no rate") {
    BudgetExecution execution = compare_budget_with_final(gongkai::testing::compare_report(2023, "budget"),
                                                          gongkai::testing::compare_report(2023, "final-accounts"));
    const ExecutionSection& three = section_of(execution, "three-public");
    CHECK(text(keyed_line(three, "total").rate) == "123.13");
    const ExecutionLine& abroad = keyed_line(three, "abroad");
    CHECK(text(abroad.budget) == "0");
    CHECK(text(abroad.actual) == "2.86");
    CHECK(text(abroad.difference) == "2.86");
    CHECK_FALSE(abroad.rate);
  }
  SECTION("2022: the 决算 in 元 is converted, and each figure keeps its printed cell") {
    BudgetExecution execution = compare_budget_with_final(gongkai::testing::compare_report(2022, "budget"),
                                                          gongkai::testing::compare_report(2022, "final-accounts"));
    const ExecutionLine& purchase = keyed_line(section_of(execution, "three-public"), "purchase");
    CHECK(text(purchase.budget) == "25");
    CHECK(text(purchase.actual) == "23.860000");
    CHECK(purchase.actual->converted);
    REQUIRE(purchase.actual->cells.size() == 1);
    CHECK(purchase.actual->cells[0]->text == "238600.00");
    REQUIRE(purchase.budget->cells.size() == 1);
    CHECK(purchase.budget->cells[0]->text == "25");
    CHECK(purchase.printed_budget->printed.cells[0]->text == "250000.00");
    const ExecutionLine& total = keyed_line(section_of(execution, "three-public"), "total");
    CHECK(total.name == "总计");
    CHECK(total.other_name == "合计");
    // 因公出国(境)费 and 因公出国（境）费 differ only in the width of the brackets: one name.
    CHECK(keyed_line(section_of(execution, "three-public"), "abroad").other_name.empty());
    CHECK(keyed_line(section_of(execution, "three-public"), "vehicles").name == "公务用车购置及运行维护费");
  }
}

namespace {

/// A budget 三公 table with its own keys, items in another order, and the years as row labels.
std::string budget_three_public(const std::string& rows) {
  return R"({"id": "sg", "title": "一般公共预算“三公”经费支出表", "unit": "万元", "columns": [
      {"key": "agency", "label": "预算单位", "merge": true}, {"key": "year", "label": "年度"},
      {"key": "c1", "label": "公务接待费", "type": "amount"},
      {"label": "公务用车购置及运行维护费", "columns": [
        {"key": "c2", "label": "小计", "type": "amount"},
        {"key": "c3", "label": "其中：公务用车购置费", "type": "amount"},
        {"key": "c4", "label": "其中：公务用车运行维护费", "type": "amount"}]},
      {"key": "c5", "label": "因公出国（境）费", "type": "amount"},
      {"key": "c6", "label": "合计", "type": "amount"}],
    "rows": [)" + rows + "]}";
}

std::string year_row(const std::string& agency, const std::string& year, const std::string& figures) {
  return R"({"cells": {"agency": ")" + agency + R"(", "year": ")" + year + R"(", )" + figures + "}}";
}

/// 表九 with its own keys under 全年预算数 and 决算数, in 元.
std::string final_three_public(const std::string& cells) {
  auto block = [](const std::string& group, const std::string& p) {
    return R"({"label": ")" + group + R"(", "columns": [
        {"key": ")" + p + R"(1", "label": "合计", "type": "amount"},
        {"key": ")" + p + R"(2", "label": "因公出国(境)费", "type": "amount"},
        {"label": "公务用车购置及运行维护费", "columns": [
          {"key": ")" + p + R"(3", "label": "小计", "type": "amount"},
          {"key": ")" + p + R"(4", "label": "公务用车购置费", "type": "amount"},
          {"key": ")" + p + R"(5", "label": "公务用车运行维护费", "type": "amount"}]},
        {"key": ")" + p + R"(6", "label": "公务接待费", "type": "amount"}]})";
  };
  return R"({"id": "t9", "title": "财政拨款“三公”经费支出决算表", "unit": "元", "columns": [)" +
         block("全年预算数", "p") + ", " + block("决算数", "q") + R"(], "rows": [{"cells": {)" + cells + "}}]}";
}

}  // namespace

TEST_CASE("budget execution: 三公 items matched by label, not key or position; a printed 预算数 that disagrees is kept as data", "[budget_execution]") {
  std::string rows = year_row("部门", "2022 年", R"("c1": 1, "c2": 6, "c3": 0, "c4": 6, "c5": 0, "c6": 7)") + ", " +
                     year_row("部门", "2023 年", R"("c1": 2, "c2": 10, "c3": 4, "c4": 6, "c5": 3, "c6": 15)");
  ReportData budget = document("budget", "万元", budget_three_public(rows));
  ReportData actual = document("final-accounts", "元", final_three_public(
      R"("p1": 180000.00, "p2": 30000.00, "p3": 120000.00, "p4": 60000.00, "p5": 60000.00, "p6": 30000.00,
         "q1": 171234.50, "q2": 28000.00, "q3": 118234.50, "q4": 58000.00, "q5": 60234.50, "q6": 25000.00)"));
  BudgetExecution execution = compare_budget_with_final(budget, actual);
  REQUIRE(execution.sections.size() == 1);
  const ExecutionSection& three = execution.sections[0];
  CHECK(three.budget_table == "sg");
  CHECK(three.actual_table == "t9");
  struct Expected {
    const char* key;
    const char* budget;
    const char* actual;
    const char* rate;
    const char* printed;
    bool agrees;
  };
  for (const Expected& e : {Expected{"total", "15", "17.123450", "114.16", "18.000000", false},
                            Expected{"abroad", "3", "2.800000", "93.33", "3.000000", true},
                            Expected{"vehicles", "10", "11.823450", "118.23", "12.000000", false},
                            Expected{"purchase", "4", "5.800000", "145.00", "6.000000", false},
                            Expected{"upkeep", "6", "6.023450", "100.39", "6.000000", true},
                            Expected{"reception", "2", "2.500000", "125.00", "3.000000", false}}) {
    INFO(e.key);
    const ExecutionLine& line = keyed_line(three, e.key);
    CHECK(text(line.budget) == e.budget);
    CHECK(text(line.actual) == e.actual);
    CHECK(text(line.rate) == e.rate);
    REQUIRE(line.printed_budget);
    CHECK(text(line.printed_budget->printed) == e.printed);
    CHECK(line.printed_budget->agrees == std::optional<bool>(e.agrees));
  }
  CHECK(keyed_line(three, "purchase").name == "其中：公务用车购置费");
  CHECK(keyed_line(three, "purchase").other_name == "公务用车购置费");
}

TEST_CASE("budget execution: a 三公 table printed per budget unit is read for the department", "[budget_execution]") {
  ReportData actual = document("final-accounts", "元", final_three_public(R"("q1": 100000.00)"));
  auto budget_total = [&](const std::string& rows) {
    BudgetExecution execution = compare_budget_with_final(document("budget", "万元", budget_three_public(rows)), actual);
    REQUIRE(execution.sections.size() == 1);
    return keyed_line(execution.sections[0], "total").budget;
  };
  std::string units = year_row("甲中心", "2022 年", R"("c6": 4)") + ", " + year_row("甲中心", "2023 年", R"("c6": 5)") + ", " +
                      year_row("乙中心", "2022 年", R"("c6": 2)") + ", " + year_row("乙中心", "2023 年", R"("c6": 3.5)");
  SECTION("the rows printed for the department (合计)") {
    std::string rows = year_row("合计", "2022 年", R"("c6": 6)") + ", " + year_row("合计", "2023 年", R"("c6": 8.5)") + ", " + units;
    std::optional<ComparedFigure> total = budget_total(rows);
    CHECK(text(total) == "8.5");
    CHECK(total->cells.size() == 1);
  }
  SECTION("else the exact sum of the units' rows of the year") {
    std::optional<ComparedFigure> total = budget_total(units);
    CHECK(text(total) == "8.5");
    CHECK(total->cells.size() == 2);
  }
}
