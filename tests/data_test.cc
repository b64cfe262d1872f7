#include "model/data.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "test_support.h"

using namespace gongkai;

namespace {

/// A report around `tables` (JSON text of the table objects).
std::string report_text(const std::string& tables, const std::string& extra = "") {
  return R"({"schema": 1, "kind": "budget", "department": "部门", "year": 2023, "title": "标题", "unit": "万元", )" +
         extra + R"("tables": [)" + tables + "]}";
}

/// A one-side table with a name and an amount column, and the given rows.
std::string simple_table(const std::string& rows, const std::string& columns_extra = "") {
  return R"({"id": "t", "title": "表", "columns": [{"key": "name", "label": "项目"}, )"
         R"({"key": "amount", "label": "金额", "type": "amount"})" +
         columns_extra + R"(], "rows": [)" + rows + "]}";
}

struct Loaded {
  std::optional<ReportData> data;
  std::vector<std::string> messages;
};

/// Loads `text`; messages as "line:col: message", sorted by place.
Loaded load(const std::string& text) {
  Diagnostics diagnostics;
  Loaded out;
  out.data = load_report_data("r.json", text, diagnostics);
  for (const Diagnostic& d : diagnostics.sorted()) {
    out.messages.push_back(std::to_string(d.where.line) + ":" + std::to_string(d.where.column) +
                           ": " + d.message);
  }
  return out;
}

/// "line:col" of the first occurrence of `needle` in `text` (columns in code points).
std::string at(const std::string& text, const std::string& needle) {
  std::size_t offset = text.find(needle);
  REQUIRE(offset != std::string::npos);
  SourceLocation where = locate("r.json", text, offset);
  return std::to_string(where.line) + ":" + std::to_string(where.column);
}

/// "line:col" of the n-th occurrence (1-based) of `needle`.
std::string at_nth(const std::string& text, const std::string& needle, int n) {
  std::size_t offset = std::string::npos;
  for (int i = 0; i < n; ++i) {
    offset = text.find(needle, offset == std::string::npos ? 0 : offset + 1);
    REQUIRE(offset != std::string::npos);
  }
  SourceLocation where = locate("r.json", text, offset);
  return std::to_string(where.line) + ":" + std::to_string(where.column);
}

/// The column alone of the first occurrence of `needle`.
std::string column_of(const std::string& text, const std::string& needle) {
  std::string place = at(text, needle);
  return place.substr(place.find(':') + 1);
}

/// The single message of loading `text`, or a description of what happened instead.
std::string only_error(const std::string& text) {
  Loaded loaded = load(text);
  if (loaded.messages.size() != 1) {
    std::string all = std::to_string(loaded.messages.size()) + " messages:";
    for (const std::string& m : loaded.messages) all += " | " + m;
    return all;
  }
  CHECK_FALSE(loaded.data);
  return loaded.messages[0];
}

const Table& table_of(const Loaded& loaded, std::size_t i = 0) {
  REQUIRE(loaded.data);
  REQUIRE(loaded.data->tables.size() > i);
  return loaded.data->tables[i];
}

}  // namespace

TEST_CASE("data loads a coded table with grouped headers and a unit block", "[data]") {
  std::string text = report_text(R"({
    "id": "expenditure", "number": "表3", "title": "支出总表",
    "columns": [
      {"key": "agency", "label": "预算单位", "type": "agency"},
      {"key": "code", "label": "科目编码", "type": "code"},
      {"key": "name", "label": "科目名称"},
      {"key": "total", "label": "支出总计", "type": "amount", "sum_of": ["basic", "project"]},
      {"key": "basic", "label": "基本支出", "type": "amount"},
      {"key": "project", "label": "项目支出", "type": "amount"},
      {"label": "2023 年政府采购项目", "columns": [
        {"key": "procurement", "label": "小计", "type": "amount"},
        {"label": "其中", "columns": [{"key": "sme", "label": "面向中小企业", "type": "amount", "serial": "2"}]}
      ]}
    ],
    "rows": [
      {"id": "unit", "cells": {"agency": "深圳市公共信用中心", "total": 6296, "basic": 2478, "project": 3818, "procurement": 1775.0, "sme": null}},
      {"cells": {"code": "201", "name": "一般公共服务支出", "total": 5398, "basic": 1586, "project": 3812, "procurement": 0.00}},
      {"cells": {"code": "20138", "name": "市场监督管理事务", "total": 5398, "basic": 1586, "project": 3812, "sme": "—"}},
      {"cells": {"code": "2013804", "name": "市场主体管理", "total": 1632, "basic": 0, "project": 1632, "sme": {"text": "见附表"}}}
    ],
    "notes": ["本套报表金额单位转换时可能存在尾数误差。"]
  })");
  Loaded loaded = load(text);
  REQUIRE(loaded.messages.empty());
  const Table& t = table_of(loaded);
  CHECK(t.id == "expenditure");
  CHECK(t.number == "表3");
  CHECK(t.unit == AmountUnit::wan_yuan);
  CHECK(unit_label(t.unit) == "万元");
  REQUIRE(t.columns.size() == 8);
  CHECK(t.columns[7].key == "sme");
  CHECK(t.columns[7].groups == std::vector<std::string>{"2023 年政府采购项目", "其中"});
  CHECK(t.columns[7].serial == "2");
  CHECK(t.columns[3].sum_of == std::vector<int>{4, 5});
  CHECK(t.columns[3].additive);
  CHECK(t.columns[3].grouping);
  CHECK_FALSE(t.columns[2].additive);
  CHECK(t.columns[1].type == ColumnType::code);
  // Header: three rows; leaves without groups span all three.
  REQUIRE(t.header.size() == 3);
  REQUIRE(t.header[0].size() == 7);
  CHECK(t.header[0][0].label == "预算单位");
  CHECK(t.header[0][0].row_span == 3);
  CHECK(t.header[0][0].column == 0);
  CHECK(t.header[0][6].label == "2023 年政府采购项目");
  CHECK(t.header[0][6].column_span == 2);
  CHECK(t.header[0][6].column == -1);
  REQUIRE(t.header[1].size() == 2);
  CHECK(t.header[1][0].label == "小计");
  CHECK(t.header[1][0].row_span == 2);
  CHECK(t.header[2][0].label == "面向中小企业");
  REQUIRE(t.sides.size() == 1);
  const Side& side = t.sides[0];
  CHECK(side.code_column == 1);
  CHECK(side.agency_column == 0);
  REQUIRE(side.rows.size() == 4);
  CHECK(side.rows[0].agency == "深圳市公共信用中心");
  CHECK(side.rows[0].block == 0);
  CHECK(side.rows[0].parts == std::vector<int>{1});
  CHECK(side.rows[1].level == 1);
  CHECK(side.rows[1].parts == std::vector<int>{2});
  CHECK(side.rows[2].level == 2);
  CHECK(side.rows[3].level == 3);
  CHECK(side.rows[3].code == "2013804");
  CHECK(side.rows[3].block == 0);
  const Cell& procurement = side.rows[1].cells[6];
  CHECK(procurement.kind == CellKind::figure);
  CHECK(procurement.text == "0.00");
  CHECK(procurement.figure.format() == "0.00");
  CHECK(t.where.path == "r.json");
  CHECK(std::to_string(procurement.where.line) + ":" + std::to_string(procurement.where.column) ==
        at(text, "0.00}"));
  CHECK(side.rows[0].cells[6].text == "1775.0");
  CHECK(side.rows[0].cells[7].kind == CellKind::empty);
  CHECK(side.rows[2].cells[7].kind == CellKind::dash);
  CHECK(side.rows[3].cells[7].kind == CellKind::text);
  CHECK(side.rows[3].cells[7].text == "见附表");
  CHECK(t.notes == std::vector<std::string>{"本套报表金额单位转换时可能存在尾数误差。"});
  CHECK(row_reference(t, side.rows[0]) == "unit");
  CHECK(row_reference(t, side.rows[2]) == "20138");
  CHECK(find_row(t, "20138")->row == 2);
  CHECK(find_row(t, "#4")->row == 3);
  CHECK_FALSE(find_row(t, "nothing"));
}

TEST_CASE("data loads two-sided tables, forms, fields, checks and acknowledgements", "[data]") {
  std::string text =
      report_text(R"(
    {"id": "summary", "title": "收支总表", "sides": [
      {"label": "收入", "columns": [{"key": "in_item", "label": "项目"}, {"key": "income", "label": "预算数", "type": "amount"}],
       "rows": [{"id": "gov", "sum_of": "children", "cells": {"in_item": "一、政府预算拨款", "income": 6296}},
                {"level": 2, "cells": {"in_item": "1. 一般公共预算拨款", "income": 6296}},
                {},
                {"id": "in-total", "sum_of": "above", "cells": {"in_item": "收入总计", "income": 6296}}]},
      {"label": "支出", "columns": [{"key": "out_item", "label": "项目"}, {"key": "spending", "label": "预算数", "type": "amount"}],
       "rows": [{"cells": {"out_item": "一、一般公共服务支出", "spending": 6296}},
                {"id": "out-total", "sum_of": ["#5"], "cells": {"out_item": "支出总计", "spending": 6296}}]}
    ], "checks": [{"id": "balance", "assert": "[in-total].income = [out-total].spending"}]},
    {"id": "p01", "title": "项目支出绩效自评表", "group": "projects", "unit": "元",
     "fields": [{"label": "项目名称", "value": "数据中心设备维护尾款"}, {"label": "项目金额", "value": 3864157}],
     "parts": [{"id": "funds", "title": "项目资金", "columns": [{"key": "item", "label": ""}, {"key": "actual", "label": "全年执行数", "type": "amount", "grouping": false}],
                "rows": [{"id": "total", "total": true, "cells": {"item": "年度资金总额", "actual": 963606.00}}],
                "acknowledged": [{"check": "[total].actual", "note": "照录"}]},
               {"id": "goals", "title": "年度总体目标", "unit": null, "columns": [{"key": "text", "label": ""}], "rows": [{"cells": {"text": "……"}}]}],
     "checks": [{"assert": "funds[total].actual > 0", "tolerance": 0.5, "acknowledged": "说明"}]}
  )",
                  R"("checks": [{"id": "x", "assert": "summary[gov].income = 6296"}], )");
  Loaded loaded = load(text);
  INFO((loaded.messages.empty() ? std::string() : loaded.messages[0]));
  REQUIRE(loaded.messages.empty());
  const ReportData& data = *loaded.data;
  CHECK(data.kind == DocumentKind::budget);
  CHECK(data.year == 2023);
  CHECK(data.department == "部门");
  REQUIRE(data.checks.size() == 1);
  CHECK(data.checks[0].scope.empty());
  CHECK(data.checks[0].where.column > 0);
  const Table& summary = table_of(loaded, 0);
  REQUIRE(summary.sides.size() == 2);
  CHECK(summary.sides[1].label == "支出");
  CHECK(summary.columns[2].side == 1);
  CHECK(summary.sides[1].columns == std::vector<int>{2, 3});
  REQUIRE(summary.header.size() == 2);
  CHECK(summary.header[0][0].label == "收入");
  CHECK(summary.header[0][0].column_span == 2);
  CHECK(summary.sides[0].rows[0].parts == std::vector<int>{1});
  CHECK(summary.sides[0].rows[3].parts == std::vector<int>{0, 2});
  CHECK(summary.sides[0].rows[3].total);
  CHECK(summary.sides[1].rows[1].parts == std::vector<int>{0});
  CHECK(summary.sides[1].rows[1].number == 6);
  CHECK(summary.checks[0].scope == "summary");
  const Table& form = table_of(loaded, 1);
  CHECK(form.is_form());
  CHECK(form.group == "projects");
  REQUIRE(form.fields.size() == 2);
  CHECK(form.fields[1].text == "3864157");
  CHECK(form.fields[1].figure->to_string() == "3864157");
  CHECK_FALSE(form.fields[0].figure);
  REQUIRE(form.parts.size() == 2);
  CHECK(form.parts[0].id == "p01.funds");
  CHECK(form.parts[0].unit == AmountUnit::yuan);
  CHECK(form.parts[1].unit == AmountUnit::none);
  CHECK_FALSE(form.parts[0].columns[1].grouping);
  CHECK(form.parts[0].acknowledged[0].check == "[total].actual");
  CHECK(form.checks[0].tolerance->to_string() == "0.5");
  CHECK(form.checks[0].acknowledged == "说明");
  CHECK(form.checks[0].scope == "p01");
  CHECK(data.find_table("p01.funds") == &form.parts[0]);
  CHECK(data.find_table("p01") == &form);
  CHECK(data.find_table("summary") == &summary);
  CHECK(data.find_table("p01.nothing") == nullptr);
  CHECK(data.find_table("nothing") == nullptr);
}

TEST_CASE("data reports problems with the report object", "[data]") {
  std::string text =
      R"({"schema": 2, "kind": "budgets", "year": "2023", "title": 5, "unit": "千元", "extra": 1, "tables": {}})";
  Loaded loaded = load(text);
  CHECK_FALSE(loaded.data);
  CHECK(loaded.messages ==
        std::vector<std::string>{
            "1:1: missing key \"department\" in the report",
            at(text, "2") + ": unsupported schema 2; this generator reads schema 1",
            at(text, "\"budgets\"") +
                ": unknown kind \"budgets\"; expected budget, final-accounts or "
                "evaluation",
            at(text, "\"2023\"") + ": \"year\" must be an integer year",
            at(text, "5") + ": \"title\" must be a string, not a number",
            at(text, "\"千元\"") + ": unknown unit \"千元\"; expected \"万元\", \"元\" or null",
            at(text, "\"extra\"") +
                ": unknown key \"extra\" in the report; expected one of: schema, "
                "kind, department, year, title, unit, source, tables, checks",
            at(text, "{}") + ": \"tables\" must be an array, not an object",
        });
  CHECK(only_error("[]") == "1:1: the report must be an object, not an array");
}

TEST_CASE("data reports problems with tables", "[data]") {
  std::string id = report_text(
      R"({"id": "Table 1", "title": "x", "columns": [{"key": "a", "label": ""}], "rows": []})");
  CHECK(only_error(id) ==
        at(id, "\"Table 1\"") +
            ": invalid identifier \"Table 1\": use lowercase letters, digits, '-' "
            "and '_', starting with a letter");
  std::string dup = report_text(simple_table("") + ", " + simple_table(""));
  CHECK(only_error(dup) == at_nth(dup, "\"t\"", 2) +
                               ": duplicate table id \"t\" (first at line 1, column " +
                               column_of(dup, "\"t\"") + ")");
  std::string none = report_text(R"({"id": "t", "title": "x"})");
  CHECK(only_error(none) ==
        at(none, "{\"id\"") + ": a table needs \"columns\" and \"rows\", \"sides\" or \"parts\"");
  std::string both = report_text(R"({"id": "t", "title": "x", "columns": [], "sides": []})");
  CHECK(only_error(both) ==
        at(both, "{\"id\"") + ": a table takes only one of \"columns\", \"sides\" and \"parts\"");
  std::string empty = report_text(R"({"id": "t", "title": "x", "columns": [], "rows": []})");
  CHECK(only_error(empty) == at(empty, "[]") + ": \"columns\" must not be empty");
  std::string no_rows =
      report_text(R"({"id": "t", "title": "x", "columns": [{"key": "a", "label": ""}]})");
  CHECK(only_error(no_rows) == at(no_rows, "{\"id\"") + ": missing key \"rows\" in a table");
  std::string stray = report_text(
      R"({"id": "t", "title": "x", "sides": [{"label": "", "columns": [{"key": "a", "label": ""}], "rows": []}], "rows": []})");
  CHECK(only_error(stray) == at_nth(stray, "[]", 2) +
                                 ": \"rows\" go with \"columns\"; a two-sided table has rows in "
                                 "each side");
}

TEST_CASE("data reports problems with forms and parts", "[data]") {
  std::string nested = report_text(
      R"({"id": "f", "title": "x", "parts": [{"id": "a", "title": "", "checks": [], "columns": [{"key": "k", "label": ""}], "rows": []}]})");
  CHECK(only_error(nested) ==
        at(nested, "\"checks\"") +
            ": unknown key \"checks\" in a part; expected one of: id, title, subtitle, unit, "
            "fields, columns, rows, sides, empty, notes, acknowledged");
  std::string twice = report_text(
      R"({"id": "f", "title": "x", "parts": [{"id": "a", "title": "", "columns": [{"key": "k", "label": ""}], "rows": []}, {"id": "a", "title": "", "columns": [{"key": "k", "label": ""}], "rows": []}]})");
  CHECK(only_error(twice) == at_nth(twice, "\"a\"", 2) +
                                 ": duplicate part id \"f.a\" (first at line 1, column " +
                                 column_of(twice, "\"a\"") + ")");
  std::string empty = report_text(R"({"id": "f", "title": "x", "parts": []})");
  CHECK(only_error(empty) == at(empty, "[]") + ": \"parts\" must not be empty");
  std::string field = report_text(
      R"({"id": "f", "title": "x", "fields": [{"label": "a", "value": [1]}], "parts": [{"id": "a", "title": "", "columns": [{"key": "k", "label": ""}], "rows": []}]})");
  CHECK(only_error(field) ==
        at(field, "[1]") + ": \"value\" must be a string or a number, not an array");
}

TEST_CASE("data reports problems with columns", "[data]") {
  std::string type =
      report_text(simple_table("", R"(, {"key": "x", "label": "", "type": "money"})"));
  CHECK(only_error(type) == at(type, "\"money\"") +
                                ": unknown column type \"money\"; expected text, code, agency, "
                                "amount, number, percent or score");
  std::string dup = report_text(simple_table("", R"(, {"key": "amount", "label": ""})"));
  CHECK(only_error(dup) == at(dup, "\"amount\", \"label\": \"\"") +
                               ": duplicate column key \"amount\" (first at line 1, column " +
                               column_of(dup, "\"amount\"") + ")");
  std::string sums = report_text(simple_table(
      "",
      R"(, {"key": "total", "label": "", "type": "amount", "sum_of": ["amount", "nope", "name"]})"));
  CHECK(
      load(sums).messages ==
      std::vector<std::string>{
          at(sums, "\"nope\"") + ": \"sum_of\" names \"nope\", which is not a column of this table",
          at(sums, "\"name\"]") + ": \"sum_of\" names \"name\", which is not a figure column"});
  std::string sides = report_text(R"({"id": "t", "title": "x", "sides": [
      {"label": "a", "columns": [{"key": "a", "label": "", "type": "amount", "sum_of": ["b"]}], "rows": []},
      {"label": "b", "columns": [{"key": "b", "label": "", "type": "amount"}], "rows": []}]})");
  CHECK(only_error(sides) ==
        at(sides, "\"b\"]") + ": \"sum_of\" names \"b\", which is a column of another side");
  std::string codes = report_text(simple_table(
      "",
      R"(, {"key": "c1", "label": "", "type": "code"}, {"key": "c2", "label": "", "type": "code"})"));
  CHECK(only_error(codes) == at(codes, "{\"key\": \"c2\"") +
                                 ": a side may have only one code column (the other at line 1, "
                                 "column " +
                                 column_of(codes, "{\"key\": \"c1\"") + ")");
  std::string no_unit =
      R"({"schema": 1, "kind": "budget", "department": "d", "year": 2023, "title": "t", "tables": [)" +
      simple_table("") + "]}";
  CHECK(only_error(no_unit) ==
        at(no_unit, "{\"key\": \"amount\"") +
            ": amount column \"amount\" in a table without a unit; give the table or the file a "
            "\"unit\"");
  std::string not_object = report_text(simple_table("", ", \"x\""));
  CHECK(only_error(not_object) ==
        at(not_object, "\"x\"") + ": a column must be an object, not a string");
  std::string flag =
      report_text(simple_table("", R"(, {"key": "x", "label": "", "merge": "yes"})"));
  CHECK(only_error(flag) == at(flag, "\"yes\"") + ": \"merge\" must be a boolean, not a string");
}

TEST_CASE("data reports problems with cells", "[data]") {
  auto row = [](const std::string& cells, const std::string& extra = "") {
    return report_text(simple_table(
        "{" + extra + R"("cells": )" + cells + "}",
        R"(, {"key": "rate", "label": "", "type": "percent"}, {"key": "code", "label": "", "type": "code"}, {"key": "unit", "label": "", "type": "agency"})"));
  };
  std::string unknown = row(R"({"nmae": "x"})");
  CHECK(only_error(unknown) ==
        at(unknown, "\"nmae\"") + ": \"nmae\" is not a column of this table");
  std::string comma = row(R"({"amount": "1,450"})");
  CHECK(only_error(comma) == at(comma, "\"1,450\"") +
                                 ": amount column \"amount\" needs a JSON number, not a string; "
                                 "write 1450");
  std::string words = row(R"({"amount": "优"})");
  CHECK(only_error(words) ==
        at(words, "\"优\"") +
            ": amount column \"amount\" needs a JSON number, not a string; use "
            "{\"text\": \"…\"} for printed text");
  std::string array = row(R"({"rate": [1]})");
  CHECK(only_error(array) ==
        at(array, "[1]") + ": percent column \"rate\" needs a JSON number, not an array");
  std::string number = row(R"({"name": 1})");
  CHECK(only_error(number) ==
        at(number, "1}") + ": text column \"name\" needs a string, not a number; write \"1\"");
  std::string object = row(R"({"name": {"text": "x"}})");
  CHECK(only_error(object) == at(object, "{\"text\"") +
                                  ": {\"text\": …} is only for figure columns; write the string "
                                  "directly");
  std::string exponent = row(R"({"amount": 1e3})");
  CHECK(only_error(exponent) == at(exponent, "1e3") +
                                    ": invalid figure 1e3 in column \"amount\": the figure has an "
                                    "exponent; write it out as printed");
  std::string negative = row(R"({"amount": -0.14})");
  CHECK(only_error(negative) == at(negative, "-0.14") +
                                    ": negative figure -0.14 in column \"amount\"; mark the column "
                                    "or the row \"signed\": true if the document prints decreases");
  CHECK(load(row(R"({"amount": -0.14})", R"("signed": true, )")).messages.empty());
  CHECK(load(row(R"({"rate": -1.1})")).messages.empty());
  std::string code = row(R"({"code": "2013"})");
  CHECK(only_error(code) ==
        at(code, "\"2013\"") + ": a code must be 3, 5 or 7 digits, not \"2013\"");
  std::string agency = row(R"({"unit": "" })");
  CHECK(only_error(agency) == at(agency, "\"\" }") + ": an agency cell must not be empty");
  std::string text_key = row(R"({"amount": {"txt": "x"}})");
  CHECK(
      load(text_key).messages ==
      std::vector<std::string>{
          at(text_key, "{\"txt\"") + ": missing key \"text\" in a text cell",
          at(text_key, "\"txt\"") + ": unknown key \"txt\" in a text cell; expected one of: text"});
}

TEST_CASE("data reports problems with rows", "[data]") {
  auto coded = [](const std::string& rows) {
    return report_text(simple_table(
        rows,
        R"(, {"key": "code", "label": "", "type": "code"}, {"key": "unit", "label": "", "type": "agency"})"));
  };
  std::string level = coded(R"({"level": 2, "cells": {"code": "201"}})");
  CHECK(only_error(level) ==
        at(level, "2,") + ": a coded row takes its level from its code; remove \"level\"");
  std::string range = coded(R"({"level": 10})");
  CHECK(only_error(range) == at(range, "10") + ": \"level\" must be an integer from 0 to 9");
  std::string sum = coded(R"({"sum_of": "all"})");
  CHECK(only_error(sum) == at(sum, "\"all\"") +
                               ": \"sum_of\" must be \"children\", \"above\", \"codes\", \"units\" "
                               "or a list of row references");
  std::string units = coded(R"({"sum_of": "units"})");
  CHECK(only_error(units) ==
        at(units, "{\"sum_of\"") + ": \"sum_of\": \"units\" but this side has no unit rows");
  std::string listed = coded(R"({"id": "a"}, {"sum_of": ["a", "b"]})");
  CHECK(only_error(listed) == at(listed, "\"b\"") + ": \"sum_of\" names no row \"b\" of this side");
  std::string children = coded(R"({"level": 1, "sum_of": "children"}, {"level": 1})");
  CHECK(only_error(children) ==
        at(children, "{\"level\": 1, \"sum") +
            ": \"sum_of\": \"children\" but no row one level deeper follows");
  std::string codes = coded(R"({"sum_of": "codes"})");
  CHECK(only_error(codes) ==
        at(codes, "{\"sum_of\"") +
            ": \"sum_of\": \"codes\" but there are no 3-digit code rows to add");
  std::string ids = coded(R"({"id": "a"}, {"id": "a"})");
  CHECK(only_error(ids) == at_nth(ids, "\"a\"", 2) +
                               ": duplicate row id \"a\" (first at line 1, column " +
                               column_of(ids, "\"a\"") + ")");
  std::string parent = coded(R"({"cells": {"code": "201"}}, {"cells": {"code": "2013804"}})");
  CHECK(only_error(parent) == at(parent, "\"2013804\"") + ": code 2013804 has no parent row 20138");
  std::string dup_code = coded(
      R"({"cells": {"unit": "甲"}}, {"cells": {"code": "201"}}, {"cells": {"code": "201"}}, {"cells": {"unit": "乙"}}, {"cells": {"code": "201"}}, {"cells": {"code": "20103"}})");
  CHECK(only_error(dup_code) == at_nth(dup_code, "\"201\"", 2) +
                                    ": duplicate code 201 (first at line 1, column " +
                                    column_of(dup_code, "\"201\"") + ") in unit block \"甲\"");
  std::string orphan = coded(
      R"({"cells": {"unit": "甲"}}, {"cells": {"code": "201"}}, {"cells": {"unit": "乙"}}, {"cells": {"code": "20103"}})");
  CHECK(only_error(orphan) ==
        at(orphan, "\"20103\"") + ": code 20103 has no parent row 201 in unit block \"乙\"");
  std::string other_side = report_text(R"({"id": "t", "title": "x", "sides": [
      {"label": "a", "columns": [{"key": "a", "label": ""}], "rows": [{"cells": {"b": "x"}}]},
      {"label": "b", "columns": [{"key": "b", "label": ""}], "rows": [{"id": "r"}]}]})");
  CHECK(only_error(other_side) ==
        at(other_side, "\"b\": \"x\"") + ": \"b\" is a column of another side of this table");
  std::string cross = report_text(R"({"id": "t", "title": "x", "sides": [
      {"label": "a", "columns": [{"key": "a", "label": ""}], "rows": [{"sum_of": ["r"]}]},
      {"label": "b", "columns": [{"key": "b", "label": ""}], "rows": [{"id": "r"}]}]})");
  CHECK(only_error(cross) == at(cross, "\"r\"]") + ": \"sum_of\" names no row \"r\" of this side");
}

TEST_CASE("data reports problems with checks and acknowledgements", "[data]") {
  std::string checks = report_text(
      simple_table(""),
      R"("checks": [{"id": "a", "assert": "x = y"}, {"id": "a", "assert": "x = y", "tolerance": -1}, {"asert": "x"}], )");
  Loaded loaded = load(checks);
  CHECK(loaded.messages ==
        std::vector<std::string>{
            at(checks, "\"a\", \"assert\": \"x = y\", \"tol") +
                ": duplicate check id \"a\" (first at line 1, column " +
                column_of(checks, "\"a\"") + ")",
            at(checks, "-1") + ": \"tolerance\" must not be negative",
            at(checks, "{\"asert\"") + ": missing key \"assert\" in a check",
            at(checks, "\"asert\"") +
                ": unknown key \"asert\" in a check; expected one of: id, assert, tolerance, "
                "acknowledged, difference"});
  // A negative difference is a figure below what the check expects.
  std::string pinned = report_text(
      simple_table(""),
      R"("checks": [{"assert": "x = y", "difference": 1}, {"assert": "x = y", "acknowledged": "n", "difference": -1}], )");
  CHECK(load(pinned).messages ==
        std::vector<std::string>{at(pinned, "1}") + ": \"difference\" goes with \"acknowledged\""});
  std::string ack = report_text(
      R"({"id": "t", "title": "x", "columns": [{"key": "a", "label": ""}], "rows": [], "acknowledged": [{"check": "t[#1].a"}]})");
  CHECK(only_error(ack) == at(ack, "{\"check\"") + ": missing key \"note\" in an acknowledgement");
}

namespace {

/// A consolidated table: a department total row, then units 甲 (id "a") and 乙 (id "b") with
/// their codes, each with code 201.
std::string consolidated(const std::string& total_row) {
  return report_text(
      R"({"id": "f", "title": "支出表", "columns": [{"key": "unit", "label": "预算单位", "type": "agency"},
    {"key": "code", "label": "科目编码", "type": "code"}, {"key": "name", "label": "科目名称"},
    {"key": "total", "label": "支出总计", "type": "amount"}], "rows": [)" +
      total_row + R"(,
    {"id": "a", "cells": {"unit": "甲", "total": 9}}, {"cells": {"code": "201", "name": "一般公共服务支出", "total": 9}},
    {"id": "b", "cells": {"unit": "乙", "total": 3}}, {"cells": {"code": "201", "name": "一般公共服务支出", "total": 3}}]})");
}

}  // namespace

TEST_CASE("data links a department total row to its units and names rows by unit", "[data]") {
  for (std::string row :
       {R"({"id": "sum", "cells": {"name": "合计", "total": 12}})",
        R"({"id": "sum", "total": true, "cells": {"unit": "某局", "total": 12}})",
        R"({"id": "sum", "sum_of": "units", "cells": {"name": "合计", "total": 12}})"}) {
    INFO(row);
    Loaded loaded = load(consolidated(row));
    REQUIRE(loaded.messages.empty());
    const Table& table = table_of(loaded);
    const Side& side = table.sides[0];
    const Row& total = side.rows[0];
    CHECK(total.sum == RowSum::units);
    CHECK(total.total);
    CHECK_FALSE(total.unit);
    CHECK(total.block == -1);
    CHECK(total.parts == std::vector<int>{1, 3});
    CHECK(side.rows[1].unit);
    CHECK(side.rows[4].block == 1);
    CHECK_FALSE(find_row(table, "201"));
    CHECK(row_reference(table, side.rows[2]) == "a/201");
    CHECK(row_reference(table, side.rows[4]) == "b/201");
    std::optional<RowPosition> at = find_row(table, "b/201");
    REQUIRE(at);
    CHECK(at->row == 4);
    CHECK_FALSE(find_row(table, "c/201"));
    CHECK(row_reference_hint(table, "201") ==
          "code 201 occurs 2 times; name it UNIT/201 with the id of its unit row, e.g. \"a/201\"");
    CHECK(row_reference_hint(table, "c/201") == "no unit row has the id \"c\"");
    CHECK(row_reference_hint(table, "a/205") == "unit \"a\" has no row 205");
    CHECK(row_reference_hint(table, "a/201").empty());
  }
  std::string listed =
      consolidated(R"({"sum_of": ["a/201", "b/201", "c/201"], "cells": {"name": "合计"}})");
  CHECK(only_error(listed) ==
        at(listed, "\"c/201\"") + ": \"sum_of\" names no row \"c/201\" of this side");
}

TEST_CASE("data reports every error of a file in one run", "[data]") {
  std::string text = report_text(simple_table(
      R"({"cells": {"amount": "12"}}, {"cells": {"amount": -1}}, {"cells": {"nope": 1}})"));
  Loaded loaded = load(text);
  CHECK_FALSE(loaded.data);
  CHECK(loaded.messages.size() == 3);
}

TEST_CASE("data loads the seed-derived fixtures", "[data]") {
  for (const char* name : {"budget.json", "final-accounts.json", "evaluation.json"}) {
    std::filesystem::path path = testing::fixture("data") / name;
    Loaded loaded = load(testing::read_file(path));
    INFO(name);
    CHECK(loaded.messages.empty());
    CHECK(loaded.data);
  }
}
