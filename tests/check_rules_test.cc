#include "check/check_rules.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "check_messages.h"

using namespace gongkai;
using gongkai::testing::at;
using gongkai::testing::check_text;

namespace {

std::string report(const std::string& tables, const std::string& kind = "final-accounts") {
  return R"({"schema": 1, "kind": ")" + kind +
         R"(", "department": "某局", "year": 2022, "title": "t", "unit": "万元", "tables": [)" +
         tables + "]}";
}

/// A two-sided 收入支出决算总表 with 行次 on each side; `income` and `spending` are the rows.
std::string two_sided(const std::string& income, const std::string& spending) {
  return R"({"id": "ie", "title": "收入支出决算总表", "sides": [
    {"label": "收入", "columns": [{"key": "in_item", "label": "项目"}, {"key": "in_line", "label": "行次", "type": "number"}, {"key": "in", "label": "决算数", "type": "amount"}],
     "rows": [)" +
         income + R"(]},
    {"label": "支出", "columns": [{"key": "out_item", "label": "项目"}, {"key": "out_line", "label": "行 次", "type": "number"}, {"key": "out", "label": "决算数", "type": "amount"}],
     "rows": [)" +
         spending + "]}]}";
}

}  // namespace

TEST_CASE("line numbers run 1, 2, 3 on each side, a later side starting at 1 or going on",
          "[check_rules]") {
  std::string income = R"({"cells": {"in_item": "一、拨款", "in_line": 1, "in": 5}},
      {"cells": {"in_item": "二、其他", "in_line": 2, "in": 1}},
      {"id": "in-total", "sum_of": "above", "cells": {"in_item": "合计", "in_line": 3, "in": 6}})";
  std::string spending =
      R"({"cells": {"out_item": "一、一般公共服务支出", "out_line": 4, "out": 6}},
      {"id": "out-total", "sum_of": "above", "cells": {"out_item": "合计", "out_line": 5, "out": 6}})";
  CHECK(check_text(report(two_sided(income, spending))).empty());
  std::string restart = spending;
  restart.replace(restart.find("\"out_line\": 4"), 13, "\"out_line\": 1");
  restart.replace(restart.find("\"out_line\": 5"), 13, "\"out_line\": 2");
  CHECK(check_text(report(two_sided(income, restart))).empty());

  std::string typo = income;
  typo.replace(typo.find("\"in_line\": 2"), 12, "\"in_line\": 12");
  std::string text = report(two_sided(typo, spending));
  CHECK(check_text(text) ==
        std::vector<std::string>{at(text, "12") +
                                 ": error: 收入支出决算总表: 二、其他 行次 is 12 but 2 follows 1 "
                                 "[ie[#2].in_line]"});
  std::string first = spending;
  first.replace(first.find("\"out_line\": 4"), 13, "\"out_line\": 7");
  text = report(two_sided(income, first));
  // One wrong number is one finding: the next line may follow the number it should have had.
  CHECK(check_text(text) ==
        std::vector<std::string>{at(text, "7, \"out\"") +
                                 ": error: 收入支出决算总表: 一、一般公共服务支出 "
                                 "行 次 is 7 but 1 or 4 comes first [ie[#4].out_line]"});
}

namespace {

/// A project's funds and indicators, in the shape of a final account's 项目支出绩效自评表.
std::string project(const std::string& funds_row, const std::string& indicator_rows) {
  return R"j({"id": "p01", "title": "项目支出绩效自评表", "group": "projects", "unit": "元", "parts": [
    {"id": "funds", "title": "资金使用情况", "columns": [{"key": "item", "label": "项目资金 (元)"},
      {"key": "initial", "label": "年初预算数", "type": "amount"}, {"key": "budget", "label": "全年预算数", "type": "amount"},
      {"key": "actual", "label": "全年执行数", "type": "amount"}, {"key": "weight", "label": "分值", "type": "score"},
      {"key": "rate", "label": "执行率 (%)", "type": "percent"}, {"key": "score", "label": "得分", "type": "score"}],
     "rows": [)j" +
         funds_row + R"j(]},
    {"id": "indicators", "title": "年度绩效指标", "columns": [{"key": "level1", "label": "一级指标", "merge": true},
      {"key": "indicator", "label": "三级指标"}, {"key": "weight", "label": "* 分值", "type": "score"}, {"key": "score", "label": "* 得分", "type": "score"}],
     "rows": [)j" +
         indicator_rows + "]}]}";
}

const char* kFunds =
    R"({"id": "total", "cells": {"item": "年度资金总额", "initial": 100.00, "budget": 22924400.00, "actual": 21154406.61, "weight": 10, "rate": 92.28, "score": 9.23}})";
const char* kIndicators =
    R"j({"cells": {"level1": "产出 (50分)", "indicator": "响应率", "weight": 25, "score": 25}},
      {"cells": {"level1": "产出 (50分)", "indicator": "及时性", "weight": 25, "score": 20}},
      {"cells": {"level1": "满意度 (40分)", "indicator": "满意度", "weight": 40, "score": 40}})j";

}  // namespace

TEST_CASE("a score is not above its weight, and weights printed in labels add up",
          "[check_rules]") {
  CHECK(check_text(report(project(kFunds, kIndicators))).empty());
  std::string rows = kIndicators;
  rows.replace(rows.find("\"score\": 20"), 11, "\"score\": 26");
  std::string text = report(project(kFunds, rows));
  CHECK(check_text(text) ==
        std::vector<std::string>{
            at(text, "26") +
            ": error: 项目支出绩效自评表 年度绩效指标: 产出 (50分) 及时性 * 得分 is 26 "
            "but its * 分值 is 25 [p01.indicators[#2].score]"});
  rows = kIndicators;
  rows.replace(rows.find("\"weight\": 25"), 12, "\"weight\": 26");
  text = report(project(kFunds, rows));
  CHECK(check_text(text) ==
        std::vector<std::string>{
            at(text, "\"产出 (50分)\"") +
            ": error: 项目支出绩效自评表 年度绩效指标: 产出 (50分) states 50 分 but the * 分值 "
            "of its rows sum to 51 (difference 1) [p01.indicators[#1].level1]"});
}

TEST_CASE("an 执行率 is its 执行数 divided by its 预算数 at the precision printed",
          "[check_rules]") {
  std::string funds = kFunds;
  funds.replace(funds.find("92.28"), 5, "92.27");
  std::string text = report(project(funds, kIndicators));
  CHECK(check_text(text) ==
        std::vector<std::string>{
            at(text, "92.27") + ": error: 项目支出绩效自评表 资金使用情况: 年度资金总额 执行率 (%) "
                                "is 92.27 but 全年执行数 ÷ 全年预算数 × 100 is 92.28 "
                                "[p01.funds[total].rate]"});
  std::string zero =
      R"({"cells": {"item": "上年结转资金", "budget": 0.00, "actual": 0.00, "rate": 0.00}})";
  CHECK(check_text(report(project(std::string(kFunds) + ", " + zero, kIndicators))).empty());
  // A ratio printed with two decimals (evaluations): 963606.00 / 963606.00 = 1.00.
  std::string ratio = report(
      R"({"id": "f", "title": "项目资金", "unit": "元", "columns": [{"key": "item", "label": ""},
      {"key": "budget", "label": "全年预算数", "type": "amount"}, {"key": "actual", "label": "全年执行数", "type": "amount"},
      {"key": "rate", "label": "执行率", "type": "number"}], "rows": [{"cells": {"item": "年度资金总额", "budget": 963606.00, "actual": 963606.00, "rate": 1.00}},
      {"cells": {"item": "其中", "budget": 1000, "actual": 870, "rate": 0.88}}]})");
  CHECK(
      check_text(ratio) ==
      std::vector<std::string>{at(ratio, "0.88") +
                               ": error: 项目资金: 其中 执行率 is 0.88 but 全年执行数 ÷ 全年预算数 "
                               "is 0.87 [f[#2].rate]"});
}

namespace {

/// A 三公 table with a merged 预算单位 column: rows per unit, the department's first.
std::string three_public(const std::string& rows) {
  return R"({"id": "tp", "title": "一般公共预算“三公”经费支出表", "columns": [
      {"key": "unit", "label": "预算单位", "merge": true}, {"key": "year", "label": "年度"},
      {"key": "total", "label": "总计", "type": "amount", "sum_of": ["abroad", "reception"]},
      {"key": "abroad", "label": "因公出国(境)费", "type": "amount"}, {"key": "reception", "label": "公务接待费", "type": "amount"}],
    "rows": [)" +
         rows + "]}";
}

std::string year_rows(const std::string& unit, const std::string& y2022, const std::string& y2023,
                      const std::string& change) {
  return R"({"cells": {"unit": ")" + unit + R"(", "year": "2022 年", "total": )" + y2022 +
         R"(, "abroad": 0, "reception": )" + y2022 + R"(}},
      {"cells": {"unit": ")" +
         unit + R"(", "year": "2023 年", "total": )" + y2023 + R"(, "abroad": 0, "reception": )" +
         y2023 + R"(}},
      {"signed": true, "cells": {"unit": ")" +
         unit + R"(", "year": "增减变化金额", "total": )" + change +
         R"(, "abroad": 0, "reception": )" + change + "}}";
}

}  // namespace

TEST_CASE("增减 rows are the later year minus the earlier, and the department adds up its units",
          "[check_rules]") {
  std::string ok = three_public(year_rows("某局", "3.50", "4.25", "0.75") + ", " +
                                year_rows("甲中心", "1.50", "2.00", "0.50") + ", " +
                                year_rows("乙所", "2.00", "2.25", "0.25"));
  CHECK(check_text(report(ok, "budget")).empty());
  std::string text = report(three_public(year_rows("某局", "3.50", "4.25", "0.75") + ", " +
                                         year_rows("甲中心", "1.50", "2.00", "0.60") + ", " +
                                         year_rows("乙所", "2.00", "2.35", "0.25")),
                            "budget");
  std::string table = "一般公共预算“三公”经费支出表: ";
  CHECK(check_text(text) == std::vector<std::string>{
                                at(text, "4.25, \"abroad\"") + ": error: " + table +
                                    "某局 2023 年 总计 is 4.25 but the units' rows sum to "
                                    "4.35 (difference 0.10) [tp[#2].total]",
                                at(text, "4.25}}") + ": error: " + table +
                                    "某局 2023 年 公务接待费 is 4.25 but the units' rows sum to "
                                    "4.35 (difference 0.10) [tp[#2].reception]",
                                at(text, "0.75, \"abroad\"") + ": error: " + table +
                                    "某局 增减变化金额 总计 is 0.75 but the units' rows "
                                    "sum to 0.85 (difference 0.10) [tp[#3].total]",
                                at(text, "0.75}}") + ": error: " + table +
                                    "某局 增减变化金额 公务接待费 is 0.75 but the units' rows sum "
                                    "to 0.85 (difference 0.10) [tp[#3].reception]",
                                at(text, "0.60, \"abroad\"") + ": error: " + table +
                                    "甲中心 增减变化金额 总计 is 0.60 but 2023 年 − 2022 年 "
                                    "is 0.50 (difference 0.10) [tp[#6].total]",
                                at(text, "0.60}}") + ": error: " + table +
                                    "甲中心 增减变化金额 公务接待费 is 0.60 but 2023 年 − 2022 年 "
                                    "is 0.50 (difference 0.10) [tp[#6].reception]",
                                at(text, "0.25, \"abroad\"") + ": error: " + table +
                                    "乙所 增减变化金额 总计 is 0.25 but 2023 年 − 2022 年 "
                                    "is 0.35 (difference 0.10) [tp[#9].total]",
                                at(text, "0.25}}") + ": error: " + table +
                                    "乙所 增减变化金额 公务接待费 is 0.25 but 2023 年 − 2022 年 is "
                                    "0.35 (difference 0.10) [tp[#9].reception]"});
}

TEST_CASE("a merged weight equals the weights of the indicators under it", "[check_rules]") {
  std::string scores = R"({"id": "s", "title": "部门整体支出绩效评分表", "columns": [
      {"key": "l1", "label": "一级指标", "merge": true}, {"key": "l1_weight", "label": "参考分值", "type": "score", "additive": false, "merge": true},
      {"key": "l2", "label": "二级指标", "merge": true}, {"key": "l2_weight", "label": "参考分值", "type": "score", "additive": false, "merge": true},
      {"key": "name", "label": "三级指标"}, {"key": "weight", "label": "参考分值", "type": "score"}, {"key": "score", "label": "分数", "type": "score"}],
    "rows": [
      {"cells": {"l1": "部门决策", "l1_weight": 20, "l2": "预算编制", "l2_weight": 10, "name": "合理性", "weight": 5, "score": 5}},
      {"cells": {"l1": "部门决策", "l1_weight": 20, "l2": "预算编制", "l2_weight": 10, "name": "规范性", "weight": 5, "score": 4}},
      {"cells": {"l1": "部门决策", "l1_weight": 20, "l2": "目标设置", "l2_weight": 10, "name": "完整性", "weight": 10, "score": 9}},
      {"cells": {"l1": "部门绩效", "l1_weight": 80, "l2": "效果性", "l2_weight": 80, "name": "效益", "weight": 80, "score": 70}},
      {"id": "all", "sum_of": "above", "cells": {"l1": "综合评分", "score": 88}}]})";
  CHECK(check_text(report(scores, "evaluation")).empty());
  std::string changed = scores;
  changed.replace(changed.find("\"l1_weight\": 20", changed.find("规范性") - 90), 15,
                  "\"l1_weight\": 30");
  std::string text = report(changed, "evaluation");
  CHECK(check_text(text) ==
        std::vector<std::string>{
            at(text, "20, \"l2\"") +
                ": error: 部门整体支出绩效评分表: 部门决策 参考分值 is 20 but the "
                "参考分值 of its rows sum to 5 (difference 15) [s[#1].l1_weight]",
            at(text, "30, \"l2\"") +
                ": error: 部门整体支出绩效评分表: 部门决策 参考分值 is 30 but the "
                "参考分值 of its rows sum to 5 (difference 25) [s[#2].l1_weight]",
            at(text, "20, \"l2\"", 2) +
                ": error: 部门整体支出绩效评分表: 部门决策 参考分值 is 20 but the "
                "参考分值 of its rows sum to 10 (difference 10) [s[#3].l1_weight]"});
  std::string exact = scores;
  exact.replace(exact.find("\"score\": 88"), 11, "\"score\": 88.5");
  text = report(exact, "evaluation");
  CHECK(check_text(text) ==
        std::vector<std::string>{
            at(text, "88.5") +
            ": error: 部门整体支出绩效评分表: 综合评分 分数 is 88.5 but the rows "
            "above sum to 88 (difference 0.5) [s[all].score]"});
}

namespace {

/// A 收支总表 whose spending side prints classes by name, and a coded 支出总表 of units a and b.
std::string summary_and_units(const std::string& class_lines, const std::string& total) {
  std::string summary =
      R"({"id": "summary", "number": "表1", "title": "收支总表", "sides": [
      {"label": "收 入", "columns": [{"key": "in_item", "label": "项目"}, {"key": "in", "label": "预算数", "type": "amount"}],
       "rows": [{"id": "in", "cells": {"in_item": "收入总计", "in": )" +
      total + R"(}}]},
      {"label": "支 出", "columns": [{"key": "out_item", "label": "项目"}, {"key": "out", "label": "预算数", "type": "amount"}],
       "rows": [)" +
      class_lines +
      R"(, {"id": "out", "sum_of": "above", "cells": {"out_item": "本年支出合计", "out": )" +
      total + "}}]}]}";
  std::string coded =
      R"({"id": "expenditure", "number": "表3", "title": "支出总表", "columns": [{"key": "unit", "label": "预算单位", "type": "agency"},
      {"key": "code", "label": "科目编码", "type": "code"}, {"key": "name", "label": "科目名称"}, {"key": "total", "label": "支出总计", "type": "amount"}],
    "rows": [{"id": "sum", "cells": {"name": "合计", "total": 12}},
      {"id": "a", "cells": {"unit": "甲局", "total": 9}}, {"cells": {"code": "201", "name": "一般公共服务支出", "total": 7}},
      {"cells": {"code": "208", "name": "社会保障和就业支出", "total": 2}},
      {"id": "b", "cells": {"unit": "乙中心", "total": 3}}, {"cells": {"code": "201", "name": "一般公共服务支出", "total": 3}}]})";
  return summary + ", " + coded;
}

}  // namespace

TEST_CASE("a summary table's class lines agree with the coded table of the same total",
          "[check_rules]") {
  std::string lines = R"({"cells": {"out_item": "一、一般公共服务支出", "out": 10}},
      {"cells": {"out_item": "二、外交支出", "out": 0}}, {"cells": {"out_item": "三、社会保障和就业支出", "out": 2}})";
  CHECK(check_text(report(summary_and_units(lines, "12"), "budget")).empty());
  std::string off = R"({"cells": {"out_item": "一、一般公共服务支出", "out": 8}},
      {"cells": {"out_item": "二、外交支出", "out": 2}}, {"cells": {"out_item": "三、社会保障和就业支出", "out": 2}})";
  std::string text = report(summary_and_units(off, "12"), "budget");
  CHECK(
      check_text(text) ==
      std::vector<std::string>{
          at(text, "8}},") +
              ": error: 收支总表: 一、一般公共服务支出 预算数 is 8 but 表3 支出总表's units add up "
              "to 10 for 201 (difference 2) [summary[#2].out]",
          at(text, "2}}, {") + ": error: 收支总表: 二、外交支出 预算数 is 2 but 表3 支出总表 has "
                               "no class of that name "
                               "(0 expected) [summary[#3].out]"});
  // With another total the lines are compared with no table: the coded table prints its total,
  // 12, and 14 is not it (however close the rounding of the classes would allow).
  std::string other = R"({"cells": {"out_item": "一、一般公共服务支出", "out": 11}},
      {"cells": {"out_item": "二、外交支出", "out": 1}}, {"cells": {"out_item": "三、社会保障和就业支出", "out": 2}})";
  CHECK(check_text(report(summary_and_units(other, "14"), "budget")) == std::vector<std::string>{});
}

TEST_CASE("every amount line of a two-sided table is counted in a total", "[check_rules]") {
  std::string income =
      R"({"cells": {"in_item": "一、拨款", "in": 5}}, {"id": "in-sum", "sum_of": "above", "cells": {"in_item": "本年收入合计", "in": 5}},
      {"cells": {"in_item": "年初结转和结余", "in": 1}}, {"cells": {"in_item": "总计", "in": 6}})";
  std::string spending = R"({"cells": {"out_item": "支出", "out": 6}})";
  std::string text = report(two_sided(income, spending));
  CHECK(check_text(text) ==
        std::vector<std::string>{
            at(text, "1}}") +
            ": error: 收入支出决算总表: 年初结转和结余 决算数 is 1 but no total of "
            "its side counts it; name it in the \"sum_of\" of the total that "
            "includes it [ie[#3].in]"});
  income.replace(income.find("{\"cells\": {\"in_item\": \"总计\""), 10,
                 R"({"sum_of": ["in-sum", "#3"], "cells": )");
  CHECK(check_text(report(two_sided(income, spending))).empty());
}

TEST_CASE("a department total row adds up its units without sum_of", "[check_rules]") {
  std::string lines =
      R"({"cells": {"out_item": "一、一般公共服务支出", "out": 10}}, {"cells": {"out_item": "二、社会保障和就业支出", "out": 2}})";
  std::string text = report(summary_and_units(lines, "12"), "budget");
  text.replace(text.find("\"total\": 12}"), 12, "\"total\": 14}");
  CHECK(check_text(text) ==
        std::vector<std::string>{at(text, "14}") +
                                 ": error: 支出总表: 合计 支出总计 is 14 but its units sum to 12 "
                                 "(difference 2) [expenditure[sum].total]"});
}

TEST_CASE("an acknowledgement that pins a difference holds only while the difference is the same",
          "[check_rules]") {
  std::string table =
      R"({"id": "t", "title": "表", "columns": [{"key": "name", "label": "项目"}, {"key": "a", "label": "金额", "type": "amount"}],
    "rows": [{"cells": {"name": "x", "a": 1}}, {"id": "sum", "sum_of": "above", "cells": {"name": "合计", "a": 3}}],
    "acknowledged": [{"check": "t[sum].a", "note": "原表如此。", "difference": 2}]})";
  std::string text = report(table);
  CHECK(check_text(text) ==
        std::vector<std::string>{
            at(text, "3}") +
            ": warning: 表: 合计 金额 is 3 but the rows above sum to 1 (difference 2) "
            "[t[sum].a] — acknowledged: 原表如此。"});
  std::string changed = text;
  changed.replace(changed.find("\"a\": 1}"), 7, "\"a\": 1.5}");
  CHECK(check_text(changed) ==
        std::vector<std::string>{at(changed, "3}") +
                                 ": error: 表: 合计 金额 is 3 but the rows above sum to 1.5 "
                                 "(difference 1.5) [t[sum].a], not the acknowledged difference 2"});
  std::string declared = report(
      R"({"id": "t", "title": "表", "columns": [{"key": "name", "label": "项目"}, {"key": "a", "label": "金额", "type": "amount"}],
    "rows": [{"id": "x", "cells": {"name": "x", "a": 1}}, {"id": "y", "cells": {"name": "y", "a": 4}}],
    "checks": [{"id": "c", "assert": "[y].a = [x].a * 2", "acknowledged": "原表如此。", "difference": 1}]})");
  std::vector<std::string> out = check_text(declared);
  REQUIRE(out.size() == 1);
  CHECK(out[0].find(
            "error: check \"c\" in t failed: [y].a = [x].a * 2: left side is 4, right side is 2 "
            "(difference 2), not the acknowledged difference 1") != std::string::npos);
}

TEST_CASE("a pinned difference has a sign: the figure as far below is another difference",
          "[check_rules]") {
  std::string table =
      R"({"id": "t", "title": "表", "columns": [{"key": "name", "label": "项目"}, {"key": "a", "label": "金额", "type": "amount"}],
    "rows": [{"cells": {"name": "x", "a": 5}}, {"id": "sum", "sum_of": "above", "cells": {"name": "合计", "a": 3}}],
    "acknowledged": [{"check": "t[sum].a", "note": "原表如此。", "difference": 2}]})";
  std::string text = report(table);
  CHECK(check_text(text) ==
        std::vector<std::string>{
            at(text, "3}") +
            ": error: 表: 合计 金额 is 3 but the rows above sum to 5 (difference 2) "
            "[t[sum].a], not the acknowledged difference 2 (it is -2 now: the other way)"});
  std::string below = text;
  below.replace(below.find("\"difference\": 2"), 15, "\"difference\": -2");
  CHECK(check_text(below) ==
        std::vector<std::string>{
            at(below, "3}") +
            ": warning: 表: 合计 金额 is 3 but the rows above sum to 5 (difference 2) "
            "[t[sum].a] — acknowledged: 原表如此。"});
}

namespace {

/// A 三公 table in the shape of a final account's: a year row per year, a change row the file
/// does not mark signed, and a rate of change in per cent.
std::string change_rows(const std::string& change, const std::string& rate) {
  return R"({"id": "tp", "title": "“三公”经费支出表", "columns": [
      {"key": "year", "label": "年度"}, {"key": "total", "label": "合计", "type": "amount", "sum_of": ["car", "reception"]},
      {"key": "car", "label": "公务用车运行维护费", "type": "amount"}, {"key": "reception", "label": "公务接待费", "type": "amount"}],
    "rows": [{"cells": {"year": "2021 年", "total": 20.00, "car": 16.00, "reception": 4.00}},
      {"cells": {"year": "2022 年", "total": 25.00, "car": 17.00, "reception": 8.00}},
      {"cells": {"year": "增减额", "total": )" +
         change + R"(, "car": 1.00, "reception": 4.00}},
      {"cells": {"year": "增减率（%）", "total": )" +
         rate + R"(, "car": 6.25, "reception": 100.00}}]})";
}

}  // namespace

TEST_CASE("增减 rows are checked by their label, and rates of change as rates", "[check_rules]") {
  // 增减率 25.00 of the total is no sum of the items' rates (6.25 + 100.00).
  CHECK(check_text(report(change_rows("5.00", "25.00"))).empty());
  std::string text = report(change_rows("6.00", "24.00"));
  std::string table = "“三公”经费支出表: ";
  CHECK(check_text(text) ==
        std::vector<std::string>{
            at(text, "6.00, \"car\": 1") + ": error: " + table +
                "增减额 合计 is 6.00 but 2022 年 − 2021 年 is 5.00 "
                "(difference 1.00) [tp[#3].total]",
            at(text, "6.00, \"car\": 1") + ": error: " + table +
                "增减额 合计 is 6.00 but 公务用车运行维护费 + 公务接待费 sum "
                "to 5.00 (difference 1.00) [tp[#3].total]",
            at(text, "24.00") + ": error: " + table +
                "增减率（%） 合计 is 24.00 but (2022 年 − 2021 年) ÷ 2021 年 × 100 "
                "is 25.00 [tp[#4].total]"});
}

TEST_CASE(
    "a unit printed under the department's name is its own office unless it adds up the others",
    "[check_rules]") {
  // 某局 here is the bureau's own office (本级): 3.50 is not 1.50 + 2.00 … and the table prints
  // its 合计 last.
  std::string own = year_rows("某局", "3.00", "4.00", "1.00") + ", " +
                    year_rows("甲中心", "1.50", "2.00", "0.50") + ", " +
                    year_rows("合计", "4.50", "6.00", "1.50");
  CHECK(check_text(report(three_public(own), "budget")).empty());
  std::string changed = own;
  changed.replace(changed.find("\"total\": 6.00"), 13, "\"total\": 6.10");
  std::string text = report(three_public(changed), "budget");
  CHECK(check_text(text) ==
        std::vector<std::string>{
            at(text, "6.10") +
                ": error: 一般公共预算“三公”经费支出表: 合计 2023 年 总计 is 6.10 but "
                "the units' rows sum to 6.00 (difference 0.10) [tp[#8].total]",
            at(text, "1.50, \"abroad\"", 2) +
                ": error: 一般公共预算“三公”经费支出表: 合计 增减变化金额 "
                "总计 is 1.50 but 2023 年 − 2022 年 is 1.60 (difference "
                "0.10) [tp[#9].total]"});
  // Without a 合计 the department's name adds nothing up: no unit is taken for the department.
  std::string units_only = year_rows("某局", "3.00", "4.00", "1.00") + ", " +
                           year_rows("甲中心", "1.50", "2.00", "0.50");
  CHECK(check_text(report(three_public(units_only), "budget")).empty());
}

TEST_CASE("a consolidated table's 合计 printed last is the department's total", "[check_rules]") {
  std::string table =
      R"({"id": "expenditure", "title": "支出总表", "columns": [{"key": "unit", "label": "预算单位", "type": "agency"},
      {"key": "code", "label": "科目编码", "type": "code"}, {"key": "name", "label": "科目名称"}, {"key": "total", "label": "支出总计", "type": "amount"}],
    "rows": [{"id": "a", "cells": {"unit": "甲局", "total": 9}}, {"cells": {"code": "201", "name": "一般公共服务支出", "total": 9}},
      {"id": "b", "cells": {"unit": "乙中心", "total": 3}}, {"cells": {"code": "201", "name": "一般公共服务支出", "total": 3}},
      {"id": "sum", "cells": {"name": "合计", "total": 14}}]})";
  std::string text = report(table, "budget");
  CHECK(check_text(text) ==
        std::vector<std::string>{at(text, "14}") +
                                 ": error: 支出总表: 合计 支出总计 is 14 but its "
                                 "units sum to 12 (difference 2) [expenditure[sum].total]"});
  std::string agency = table;
  std::string name = "{\"name\": \"合计\"";
  agency.replace(agency.find(name), name.size(), "{\"unit\": \"合计\"");
  text = report(agency, "budget");
  CHECK(check_text(text) ==
        std::vector<std::string>{at(text, "14}") +
                                 ": error: 支出总表: 合计 支出总计 is 14 but its "
                                 "units sum to 12 (difference 2) [expenditure[sum].total]"});
}

TEST_CASE("line numbers may stand for the unnumbered lines before them", "[check_rules]") {
  std::string income = R"({"cells": {"in_item": "一、拨款", "in_line": 1, "in": 5}},
      {"cells": {"in_item": "其中："}},
      {"cells": {"in_item": "二、其他", "in_line": 3, "in": 1}},
      {"id": "in-total", "sum_of": ["#1", "#3"], "cells": {"in_item": "合计", "in_line": 4, "in": 6}})";
  // The spending side prints its total first.
  std::string spending =
      R"({"id": "out-total", "sum_of": ["gps"], "cells": {"out_item": "合计", "out_line": 1, "out": 6}},
      {"id": "gps", "cells": {"out_item": "一、一般公共服务支出", "out_line": 2, "out": 6}})";
  CHECK(check_text(report(two_sided(income, spending))).empty());
  std::string skipped = income;
  skipped.replace(skipped.find("\"in_line\": 3"), 12, "\"in_line\": 4");
  skipped.replace(skipped.find("\"in_line\": 4, \"in\": 6"), 12, "\"in_line\": 5");
  std::string text = report(two_sided(skipped, spending));
  CHECK(check_text(text) ==
        std::vector<std::string>{at(text, "4, \"in\": 1") +
                                 ": error: 收入支出决算总表: 二、其他 行次 is 4 but 2 follows 1 "
                                 "[ie[#3].in_line]"});
}

TEST_CASE("only lines among the class names are class lines", "[check_rules]") {
  // A spending side by kind of spending (基本支出, 项目支出) names no class: nothing to compare.
  std::string by_kind =
      R"({"cells": {"out_item": "一、基本支出", "out": 8}}, {"cells": {"out_item": "二、项目支出", "out": 4}})";
  CHECK(check_text(report(summary_and_units(by_kind, "12"), "budget")).empty());
}

TEST_CASE("class lines that go on numbering after the last class named must be zero",
          "[check_rules]") {
  // 四、国防支出 continues the numbering after the last class the table has, so it is a class
  // line (0 expected); 一、基本支出 starts another numbering, and is not.
  std::string lines = R"({"cells": {"out_item": "一、一般公共服务支出", "out": 10}},
      {"cells": {"out_item": "二、社会保障和就业支出", "out": 2}}, {"cells": {"out_item": "三、国防支出", "out": 0}},
      {"cells": {"out_item": "一、基本支出", "out": 0}})";
  CHECK(check_text(report(summary_and_units(lines, "12"), "budget")).empty());
  std::string off = R"({"cells": {"out_item": "一、一般公共服务支出", "out": 10}},
      {"cells": {"out_item": "二、社会保障和就业支出", "out": 2}}, {"cells": {"out_item": "三、国防支出", "out": 0.1}},
      {"cells": {"out_item": "一、基本支出", "out": 0}})";
  std::string text = report(summary_and_units(off, "12"), "budget");
  CHECK(
      check_text(text) ==
      std::vector<std::string>{at(text, "0.1}}") +
                               ": error: 收支总表: 三、国防支出 预算数 is 0.1 but 表3 支出总表 has "
                               "no class of that name (0 expected) [summary[#4].out]"});
}

TEST_CASE("a total's score may hold bonus points above its weight", "[check_rules]") {
  std::string rows =
      std::string(kIndicators) +
      R"(, {"id": "all", "cells": {"level1": "总分", "indicator": "", "weight": 90, "score": 92}})";
  CHECK(check_text(report(project(kFunds, rows))).empty());
}
