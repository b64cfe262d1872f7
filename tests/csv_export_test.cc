// CSV downloads of a report's tables: what a spreadsheet opens.
#include "render/csv_export.h"

#include <catch2/catch.hpp>

#include "base/diagnostic.h"
#include "test_support.h"

using namespace gongkai;

using gongkai::testing::report_with_table;

TEST_CASE("csv: BOM, CRLF, quoting, neutralised formulas, dashes and empty cells", "[csv]") {
  ReportData data = report_with_table(R"j({"id": "t", "title": "表", "columns": [
      {"key": "name", "label": "项目, \"名称\""},
      {"label": "金额", "columns": [{"key": "amount", "label": "合计", "type": "amount"}]},
      {"key": "note", "label": "=备注"}],
    "rows": [
      {"cells": {"name": "一、工资福利支出", "amount": 1234.50, "note": "+加"}},
      {"cells": {"name": "含,逗号与\"引号\"", "amount": "—", "note": "@x"}},
      {"cells": {"name": "多行\n文字", "amount": 7, "note": "-1"}},
      {"cells": {"name": "=SUM(A1)"}}]})j");
  CHECK(table_csv(data.tables[0]) ==
        "\xEF\xBB\xBF"
        "\"项目, \"\"名称\"\"\",金额 / 合计（万元）,'=备注\r\n"
        "一、工资福利支出,1234.50,'+加\r\n"
        "\"含,逗号与\"\"引号\"\"\",—,'@x\r\n"
        "\"多行\n文字\",7,'-1\r\n"
        "'=SUM(A1),,\r\n");
}

TEST_CASE("csv: a two-sided table puts its sides side by side, row by row", "[csv]") {
  ReportData data = report_with_table(R"({"id": "s", "title": "收支总表", "sides": [
      {"label": "收入", "columns": [{"key": "in", "label": "项目"}, {"key": "in_amount", "label": "金额", "type": "amount"}],
       "rows": [{"cells": {"in": "拨款", "in_amount": 10}}]},
      {"label": "支出", "columns": [{"key": "out", "label": "项目"}, {"key": "out_amount", "label": "金额", "type": "amount"}],
       "rows": [{"cells": {"out": "支出甲", "out_amount": 4}}, {"cells": {"out": "支出乙", "out_amount": 6}}]}]})");
  CHECK(table_csv(data.tables[0]) ==
        "\xEF\xBB\xBF"
        "收入 / 项目,收入 / 金额（万元）,支出 / 项目,支出 / 金额（万元）\r\n"
        "拨款,10,支出甲,4\r\n"
        ",,支出乙,6\r\n");
}

TEST_CASE("csv: a column without a label keeps its place in the header", "[csv]") {
  // The funds part of an evaluation form prints no label over its row names; the header once
  // lost that column's comma and sat one column to the left of the figures.
  ReportData data = report_with_table(R"({"id": "f", "title": "资金", "columns": [
      {"key": "item", "label": ""}, {"key": "plan", "label": "年初预算数", "type": "amount"}],
    "rows": [{"cells": {"item": "年度资金总额", "plan": 10}}]})");
  CHECK(table_csv(data.tables[0]) ==
        "\xEF\xBB\xBF"
        ",年初预算数（万元）\r\n"
        "年度资金总额,10\r\n");
}
