#include "check/check.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "check_messages.h"
#include "test_support.h"

using namespace gongkai;
using gongkai::testing::at;
using gongkai::testing::check_text;

namespace {

std::string report_with(const std::string& tables, const std::string& checks = "[]") {
  return R"({"schema": 1, "kind": "final-accounts", "department": "部门", "year": 2022, "title": "t", "unit": "万元", "tables": [)" +
         tables + R"(], "checks": )" + checks + "}";
}

/// A table "t" (支出表) with a name, a total = a + b and the parts a and b, and `rows`.
std::string sum_table(const std::string& rows, const std::string& extra = "") {
  return R"({"id": "t", "title": "支出表", "columns": [{"key": "code", "label": "科目编码", "type": "code"}, {"key": "name", "label": "科目名称"},
    {"key": "total", "label": "合计", "type": "amount", "sum_of": ["a", "b"]}, {"key": "a", "label": "基本支出", "type": "amount"},
    {"key": "b", "label": "项目支出", "type": "amount"}], "rows": [)" +
         rows + "]" + extra + "}";
}

std::string fixture_text(const char* name) {
  return testing::read_file(testing::fixture("data") / name);
}

}  // namespace

TEST_CASE("check passes the seed-derived budget and final accounts", "[check]") {
  CHECK(check_text(fixture_text("budget.json")).empty());
  CHECK(check_text(fixture_text("final-accounts.json")).empty());
}

TEST_CASE("check turns acknowledged inconsistencies of the evaluation into warnings", "[check]") {
  std::string text = fixture_text("evaluation.json");
  CHECK(check_text(text) ==
        std::vector<std::string>{
            at(text, "60, \"l2\": \"经济性\"") +
                ": warning: 部门整体支出绩效评分表: 部门绩效 评价指标 一级指标 参考分值 is 60 but "
                "the 参考分值 of its rows sum to 40 (difference 20) [scores[#15].l1_weight] — "
                "acknowledged: 原表未列出“效率性”（20 分）各项指标，“部门绩效”参考分值 60 含该部分。",
            at(text, "93.67") +
                ": warning: 部门整体支出绩效评分表: 综合评分 分数 is 93.67 but the rows above sum to "
                "74.39 (difference 19.28) [scores[overall].score] — acknowledged: 原表未列出“效率性”"
                "（20 分）各项指标，综合评分 93.67 含该部分得分。",
            at(text, "\"indicators[total].weight", 2) +
                ": warning: check \"weights\" in p13 failed: indicators[total].weight = "
                "sum(indicators[*].weight) + funds[total].weight: left side is 100, right side is 93 "
                "(difference 7) — acknowledged: 原表各项分值合计为 93 分，总分印为 100 分；按原表照录。",
            at(text, "\"indicators[total].score", 2) +
                ": warning: check \"score\" in p13 failed: indicators[total].score = "
                "sum(indicators[*].score) + funds[total].score: left side is 99.9, right side is "
                "92.9 (difference 7.0) — acknowledged: 原表各项得分合计为 92.9 分，总分印为 99.9 分；按原表"
                "照录。"});
}

TEST_CASE("check names the file when one leaf figure changes by 100", "[check]") {
  std::string path = "content/shenzhen-public-credit-center/2023/budget.json";
  std::string text = fixture_text("budget.json");
  std::string leaf = R"("code": "2013804", "name": "市场主体管理", "total": 1632, "basic": 0, "project": 1632)";
  std::size_t offset = text.find(leaf);
  REQUIRE(offset != std::string::npos);
  text.replace(offset, leaf.size(),
               R"("code": "2013804", "name": "市场主体管理", "total": 1632, "basic": 0, "project": 1732)");
  CHECK(check_text(text, path) ==
        std::vector<std::string>{
            at(text, "3812, \"procurement\": 1775", 2, path) +
                ": error: 支出总表: 20138 市场监督管理事务 项目支出 is 3,812 but its children sum to "
                "3,912 (difference 100) [expenditure[20138].project]",
            at(text, "1632, \"basic\": 0", 1, path) +
                ": error: 支出总表: 2013804 市场主体管理 支出总计 is 1,632 but 基本支出 + 项目支出 sum "
                "to 1,732 (difference 100) [expenditure[2013804].total]"});
}

TEST_CASE("check tolerates half a unit of the last digit of each part", "[check]") {
  auto verdict = [](const std::string& total, const std::string& a, const std::string& b) {
    return check_text(report_with(sum_table(R"({"cells": {"name": "x", "total": )" + total +
                                            R"(, "a": )" + a + R"(, "b": )" + b + "}}")));
  };
  CHECK(verdict("1.01", "0.50", "0.50").empty());
  CHECK(verdict("0.99", "0.50", "0.50").empty());
  std::vector<std::string> beyond = verdict("1.02", "0.50", "0.50");
  REQUIRE(beyond.size() == 1);
  CHECK(beyond[0] == at(report_with(sum_table(R"({"cells": {"name": "x", "total": 1.02, "a": 0.50, "b": 0.50}})")), "1.02") +
                         ": error: 支出表: x 合计 is 1.02 but 基本支出 + 项目支出 sum to 1.00 "
                         "(difference 0.02) [t[#1].total]");
  CHECK(verdict("11", "5", "5").empty());       // tolerance 0.5 + 0.5
  CHECK(verdict("12", "5", "5").size() == 1);
  CHECK(verdict("4", "1.5", "2").empty());      // tolerance 0.05 + 0.5
  CHECK(verdict("4.1", "1.5", "2").size() == 1);  // 0.6 > 0.55
  CHECK(verdict("0", "\"—\"", "null").empty());      // no part holds a figure
}

TEST_CASE("check adds up codes, unit rows and declared row sums", "[check]") {
  std::string text = report_with(sum_table(R"(
      {"cells": {"name": "合计"}, "sum_of": "codes", "id": "sum"},
      {"cells": {"code": "201", "name": "一般公共服务支出", "a": 12}},
      {"cells": {"code": "20103", "name": "办公厅", "a": 4}},
      {"cells": {"code": "20104", "name": "发改", "a": 5}},
      {"cells": {"name": "一、收入", "a": 8}, "sum_of": "children"},
      {"level": 2, "cells": {"name": "1. 拨款", "a": 3}},
      {"level": 2, "cells": {"name": "2. 其他", "a": 3}},
      {"level": 3, "cells": {"name": "其中", "a": 100}},
      {"id": "subtotal", "cells": {"name": "本年合计", "a": 25}, "sum_of": "above"},
      {"id": "carry", "cells": {"name": "结转", "a": 1}},
      {"cells": {"name": "总计", "a": 30}, "sum_of": ["subtotal", "carry"]})"));
  // 合计 has no figure in a, so "codes" is not compared there.
  CHECK(check_text(text) ==
        std::vector<std::string>{
            at(text, "12}}") + ": error: 支出表: 201 一般公共服务支出 基本支出 is 12 but its children "
                               "sum to 9 (difference 3) [t[201].a]",
            at(text, "8}") + ": error: 支出表: 一、收入 基本支出 is 8 but its children sum to 6 "
                             "(difference 2) [t[#5].a]",
            at(text, "25}") + ": error: 支出表: 本年合计 基本支出 is 25 but the rows above sum to 20 "
                              "(difference 5) [t[subtotal].a]",
            at(text, "30}") + ": error: 支出表: 总计 基本支出 is 30 but its rows sum to 26 "
                              "(difference 4) [t[#11].a]"});
  std::string units = report_with(sum_table(R"(
      {"cells": {"name": "部门合计", "a": 30}, "sum_of": "codes"},
      {"cells": {"name": "甲单位", "a": 20, "agency": "甲"}},
      {"cells": {"code": "201", "name": "一般", "a": 20}},
      {"cells": {"name": "乙单位", "a": 11, "agency": "乙"}},
      {"cells": {"code": "201", "name": "一般", "a": 10}})"));
  std::size_t insert = units.find(R"({"key": "b")");
  units.insert(insert, R"({"key": "agency", "label": "预算单位", "type": "agency"}, )");
  CHECK(check_text(units) ==
        std::vector<std::string>{at(units, "11") +
                                 ": error: 支出表: 乙单位 基本支出 is 11 but its codes sum to 10 "
                                 "(difference 1) [t[#4].a]"});
}

TEST_CASE("check reports amounts in a table marked empty", "[check]") {
  std::string text = report_with(
      sum_table(R"({"cells": {"name": "合计", "total": 0.00, "a": 0.00, "b": 0.02}})", R"(, "empty": true)"));
  CHECK(check_text(text) ==
        std::vector<std::string>{
            at(text, "0.00, \"a\"") + ": error: 支出表: 合计 合计 is 0.00 but 基本支出 + 项目支出 sum to "
                                      "0.02 (difference 0.02) [t[#1].total]",
            at(text, "0.02") + ": error: 支出表: 合计 项目支出 is 0.02 but the table is marked "
                               "empty [t[#1].b]"});
}

TEST_CASE("check evaluates declared checks with rounding as published", "[check]") {
  std::string form = R"j({"id": "p01", "title": "项目支出绩效自评表", "unit": "元", "parts": [
      {"id": "funds", "title": "资金", "columns": [{"key": "item", "label": ""}, {"key": "budget", "label": "全年预算数", "type": "amount"},
        {"key": "actual", "label": "全年执行数", "type": "amount"}, {"key": "weight", "label": "分值", "type": "score"},
        {"key": "rate", "label": "执行率", "type": "percent"}, {"key": "score", "label": "得分", "type": "score"}],
       "rows": [{"id": "total", "cells": {"item": "年度资金总额", "budget": 22924400.00, "actual": 21154406.61, "weight": 10, "rate": 92.28, "score": 9.23}}]}],
    "checks": [
      {"id": "rate", "assert": "funds[total].rate = funds[total].actual / funds[total].budget * 100"},
      {"id": "score", "assert": "funds[total].score = round(funds[total].weight * funds[total].rate / 100, 2)"},
      {"id": "ops", "assert": "p01.funds[total].actual <= funds[total].budget"},
      {"id": "neg", "assert": "-funds[total].score + 9.23 = 0"},
      {"id": "paren", "assert": "(funds[total].weight - funds[total].score) * 100 = 77"}
    ]})j";
  std::string summary = sum_table(R"({"id": "x", "cells": {"code": "201", "name": "一般", "total": 2115.44, "a": 0, "b": 2115.44}})");
  std::string text = report_with(form + ", " + summary,
                                 R"([{"id": "units", "assert": "p01.funds[total].actual = t[201].b"},
                                     {"id": "loose", "assert": "t[x].total = 2115.40", "tolerance": 0.05},
                                     {"id": "tight", "assert": "t[x].total = 2115.40"}])");
  CHECK(check_text(text) ==
        std::vector<std::string>{at(text, "\"t[x].total = 2115.40\"}") +
                                 ": error: check \"tight\" failed: t[x].total = 2115.40: left side is "
                                 "2,115.44, right side is 2,115.40 (difference 0.04)"});
}

TEST_CASE("check round() rounds half away from zero and overflows only where the result would",
          "[check]") {
  // round(x, n) of a value with n decimals or fewer is that value: widening 99999999999999999999.99
  // to 18 decimals would need 38 digits, but the result is the figure itself.
  std::string table = sum_table(R"({"id": "big", "cells": {"name": "大", "a": 99999999999999999999.99}},
      {"id": "small", "signed": true, "cells": {"name": "小", "a": -0.125}})");
  std::string text = report_with(table, R"([
      {"id": "widen", "assert": "round(t[big].a, 18) = t[big].a"},
      {"id": "widen-product", "assert": "round(t[big].a * 10, 18) = 999999999999999999999.9"},
      {"id": "widen-literal", "assert": "round(99999999999999999999, 18) = 99999999999999999999"},
      {"id": "up", "assert": "round(t[big].a, 0) = 100000000000000000000"},
      {"id": "half-up", "assert": "round(2.5, 0) = 3"},
      {"id": "half-down", "assert": "round(-2.5, 0) = -3"},
      {"id": "cents", "assert": "round(t[small].a, 2) = -0.13"},
      {"id": "third", "assert": "round(1 / 3, 18) * 100000000 = 33333333.3333"},
      {"id": "third-2", "assert": "round(1 / 3, 2) = 0.33"},
      {"id": "wrong", "assert": "round(2.5, 0) = 2"}])");
  std::vector<std::string> out = check_text(text);
  REQUIRE(out.size() == 1);
  CHECK(out[0].substr(out[0].find(": error: ") + 9) ==
        "check \"wrong\" failed: round(2.5, 0) = 2: left side is 3, right side is 2 (difference 1)");
}

TEST_CASE("check reports declared checks that cannot be evaluated", "[check]") {
  std::string table = sum_table(R"({"id": "r", "cells": {"code": "201", "name": "一般", "total": 1, "a": 1, "b": "—"}},
      {"id": "s", "cells": {"code": "202", "name": "外交", "a": 0}})");
  auto one = [&](const std::string& assertion) {
    std::string text = report_with(table, R"([{"id": "c", "assert": ")" + assertion + "\"}]");
    std::vector<std::string> out = check_text(text);
    REQUIRE(out.size() == 1);
    return out[0].substr(out[0].find(": error: ") + 9);
  };
  CHECK(one("t[r].total") == "check \"c\": syntax error: expected a comparison (=, <=, >=, <, >)");
  CHECK(one("t[r].total = (1") == "check \"c\": syntax error: expected ')'");
  CHECK(one("t[r].total = 1 1") == "check \"c\": syntax error: unexpected text after the assertion");
  CHECK(one("t[r] = 1") == "check \"c\": syntax error: expected '.'");
  CHECK(one("= 1") == "check \"c\": syntax error: expected a number, a cell reference, sum( or round(");
  CHECK(one("sum(t[r].a) = 1") ==
        "check \"c\": syntax error: sum() takes a range: table[*].column or table[a..b].column");
  CHECK(one("round(t[r].a, x) = 1") == "check \"c\": syntax error: round() takes a number of decimals, 0 to 18");
  CHECK(one("u[r].total = 1") == "check \"c\": no table \"u\"");
  CHECK(one("t[q].total = 1") == "check \"c\": no unique row \"q\" in table \"t\"");
  CHECK(one("t[r].totl = 1") == "check \"c\": no column \"totl\" in table \"t\"");
  CHECK(one("t[s].total = 1") == "check \"c\": t[s].total is empty");
  CHECK(one("t[r].b = 1") == "check \"c\": t[r].b is a dash");
  CHECK(one("t[r].name = 1") == "check \"c\": t[r].name holds text, not a figure");
  CHECK(one("t[r].a / t[s].a = 1") == "check \"c\": division by zero");
  CHECK(one("[r].a = 1") == "check \"c\": a reference without a table name needs a check inside a table");
  CHECK(one("sum(t[s..r].a) = 1") == "check \"c\": the range s..r runs backwards or across sides");
  std::string text = report_with(table, R"([{"id": "c", "assert": "t[r].total = t[q].total"}])");
  std::vector<std::string> out = check_text(text);
  REQUIRE(out.size() == 1);
  CHECK(out[0].substr(0, out[0].find(": error")) == at(text, "t[q]"));
}

TEST_CASE("check sums ranges and skips summary rows in [*]", "[check]") {
  std::string text = report_with(sum_table(R"(
      {"id": "first", "cells": {"name": "一", "a": 1.5}},
      {"cells": {"name": "二", "a": 2}},
      {"id": "last", "cells": {"name": "三", "a": "—"}},
      {"id": "sum", "total": true, "cells": {"name": "合计", "a": 3.5}})",
                                           R"j(, "checks": [{"assert": "[sum].a = sum(t[*].a)"}, {"assert": "[sum].a = sum(t[first..last].a)"}, {"assert": "[sum].a < sum(t[first..sum].a)"}])j"));
  CHECK(check_text(text).empty());
}

TEST_CASE("check acknowledgements turn errors into warnings and must match", "[check]") {
  std::string text = report_with(
      sum_table(R"({"id": "r", "cells": {"name": "x", "total": 11, "a": 5, "b": 4}})",
                R"(, "acknowledged": [{"check": "t[r].total", "note": "原表如此。"}, {"check": "[r].a", "note": "多余。"}])"),
      R"([{"id": "ok", "assert": "t[r].a = 5", "acknowledged": "不应失败。"},
          {"id": "bad", "assert": "t[r].a = 6", "acknowledged": "原表如此。"}])");
  CHECK(check_text(text) ==
        std::vector<std::string>{
            at(text, "11,") + ": warning: 支出表: x 合计 is 11 but 基本支出 + 项目支出 sum to 9 "
                              "(difference 2) [t[r].total] — acknowledged: 原表如此。",
            at(text, "{\"check\": \"[r].a\"") +
                ": warning: acknowledged inconsistency \"[r].a\" does not occur; remove the "
                "acknowledgement",
            at(text, "\"t[r].a = 5\"") +
                ": warning: check \"ok\" is acknowledged as failing but passes; remove "
                "\"acknowledged\"",
            at(text, "\"t[r].a = 6\"") +
                ": warning: check \"bad\" failed: t[r].a = 6: left side is 5, right side is 6 "
                "(difference 1) — acknowledged: 原表如此。"});
}
