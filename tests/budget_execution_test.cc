// Budget against final accounts: lines by total and by code, exact differences, execution rates
// rounded as documented, units converted exactly, codes on one side only kept.
#include "model/budget_execution.h"

#include <catch2/catch.hpp>

#include "base/diagnostic.h"
#include "test_support.h"

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
  SECTION("budgeted and not spent: no actual, no difference, no rate") {
    const ExecutionLine& line = line_of(function, "205");
    CHECK(text(line.budget) == "10");
    CHECK_FALSE(line.actual);
    CHECK_FALSE(line.difference);
    CHECK_FALSE(line.rate);
  }
  SECTION("spent and not budgeted") {
    const ExecutionLine& line = line_of(function, "2080505");
    CHECK_FALSE(line.budget);
    CHECK(text(line.actual) == "1.234567");
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

namespace {

ReportData fixture_report(const std::string& relative) {
  std::filesystem::path file = gongkai::testing::fixture("compare") / relative;
  Diagnostics diagnostics;
  std::optional<ReportData> data =
      load_report_data(file.string(), gongkai::testing::read_file(file), diagnostics);
  INFO(diagnostics.format_all());
  REQUIRE(data);
  return std::move(*data);
}

}  // namespace

TEST_CASE("budget execution: the compare fixture's 2022, a budget in 万元 against final accounts in 元 (EXPECTED.md)", "[budget_execution]") {
  ReportData budget = fixture_report("content/city-archives/2022/budget.json");
  ReportData actual = fixture_report("content/city-archives/2022/final-accounts.json");
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
