#include "render/table_charts.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "model/department_figures.h"
#include "test_support.h"

using namespace gongkai;

namespace {

const ReportData& consolidated_budget() {
  static const ReportData data = [] {
    Diagnostics diagnostics;
    std::string path = "content/qianwan-urban-management/2023/budget.json";
    std::string text = testing::read_file(testing::fixture("consolidated") / path);
    return *load_report_data(path, text, diagnostics);
  }();
  return data;
}

struct Drawn {
  std::optional<std::string> html;
  std::string messages;
};

Drawn draw(const std::string& block) {
  static const nlohmann::json strings = {{"chart_note_units_summed", "各项为 {n} 个单位之和。"}};
  Diagnostics diagnostics;
  ChartBlockHandler handler = markdown_chart_handler(strings, consolidated_budget(), diagnostics);
  Drawn out;
  out.html = handler(block, {"budget.md", 40, 1});
  out.messages = diagnostics.format_all();
  return out;
}

std::string desc_of(const std::string& html) {
  std::size_t open = html.find("<desc");
  open = html.find('>', open) + 1;
  return html.substr(open, html.find("</desc>") - open);
}

}  // namespace

TEST_CASE("the department's classes are its units' printed figures added up by code",
          "[table_charts]") {
  const Table& function = *consolidated_budget().find_table("function");
  int total = function.column_index("total");
  DepartmentCodes codes = department_codes(function, total);
  CHECK(codes.units_added == 3);
  auto code = [&](const std::string& c) {
    auto it = std::find_if(codes.codes.begin(), codes.codes.end(),
                           [&](const DepartmentCode& d) { return d.code == c; });
    REQUIRE(it != codes.codes.end());
    return *it;
  };
  CHECK(code("212").value.format() == "51,513");
  CHECK(code("212").cells.size() == 3);
  CHECK(code("213").cells.size() == 1);
  std::optional<DepartmentTotal> department = department_total(function, total);
  REQUIRE(department);
  CHECK(department->value.format() == "54,759");
  CHECK(department->source == DepartmentTotal::Source::printed);
}

TEST_CASE("a narrative chart draws the department, or a unit under its name", "[table_charts]") {
  Drawn department = draw("kind = \"hbar\"\ntable = \"function\"\n");
  REQUIRE(department.html);
  CHECK(desc_of(*department.html).rfind("总计 54,759 万元，其中一般公共服务支出 281 万元", 0) == 0);
  CHECK(department.html->find(
            "<figcaption class=\"chart-note\">各项为 3 个单位之和。</figcaption>") !=
        std::string::npos);
  Drawn unit =
      draw("kind = \"donut\"\ntable = \"function\"\nunit = \"greening\"\ntitle = \"绿化所\"\n");
  REQUIRE(unit.html);
  CHECK(
      unit.html->find("<title id=\"chart-md-40-title\">绿化所 · 深圳市前湾区绿化管理所</title>") !=
      std::string::npos);
  CHECK(desc_of(*unit.html).rfind("总计 11,742 万元，其中", 0) == 0);
  Drawn by_name =
      draw("kind = \"hbar\"\ntable = \"three-public\"\nunit = \"深圳市前湾区绿化管理所\"\n");
  REQUIRE(by_name.html);
  CHECK(desc_of(*by_name.html) == "2022 年 14.52 万元；2023 年 16.1 万元。");
}

TEST_CASE("a narrative chart of rows no total counts states no total and draws no whole",
          "[table_charts]") {
  Drawn years = draw("kind = \"hbar\"\ntable = \"three-public\"\ncolumn = \"total\"\n");
  REQUIRE(years.html);
  CHECK(desc_of(*years.html) == "2022 年 107.32 万元；2023 年 132.51 万元。");
  Drawn donut = draw("kind = \"donut\"\ntable = \"three-public\"\n");
  CHECK_FALSE(donut.html);
  CHECK(donut.messages ==
        "budget.md:40:1: error: chart: the rows of 'three-public' are not parts of one printed "
        "total, so a "
        "donut would state a total the document does not print; use kind = \"hbar\"\n");
  Drawn unknown = draw("kind = \"hbar\"\ntable = \"function\"\nunit = \"nobody\"\n");
  CHECK_FALSE(unknown.html);
  CHECK(unknown.messages ==
        "budget.md:40:1: error: chart: table 'function' has no unit 'nobody'\n");
}

TEST_CASE("a narrative chart of a summary side counts the lines its printed total counts",
          "[table_charts]") {
  Drawn income = draw("kind = \"donut\"\ntable = \"summary\"\ncolumn = \"income\"\n");
  REQUIRE(income.html);
  CHECK(desc_of(*income.html).rfind("总计 54,759 万元，其中", 0) == 0);
}

TEST_CASE("a narrative chart of a table not yet filled in draws nothing and reports nothing",
          "[table_charts]") {
  std::string text =
      R"({"schema": 1, "kind": "budget", "department": "某局", "year": 2023, "title": "t", "unit": "万元", "tables": [
    {"id": "function", "title": "支出总表", "columns": [{"key": "code", "label": "科目编码", "type": "code"}, {"key": "name", "label": "科目名称"},
      {"key": "total", "label": "合计", "type": "amount"}], "rows": []},
    {"id": "three-public", "title": "“三公”经费支出表", "columns": [{"key": "year", "label": "年度"}, {"key": "total", "label": "合计", "type": "amount"}],
      "rows": [{"cells": {"year": "2022 年"}}, {"cells": {"year": "2023 年"}}]}]})";
  Diagnostics loading;
  std::optional<ReportData> empty = load_report_data("budget.json", text, loading);
  REQUIRE(empty);
  for (const char* block : {"kind = \"donut\"\ntable = \"function\"\n",
                            "kind = \"treemap\"\ntable = \"three-public\"\n"}) {
    Diagnostics diagnostics;
    ChartBlockHandler handler =
        markdown_chart_handler(nlohmann::json::object(), *empty, diagnostics);
    CHECK_FALSE(handler(block, {"budget.md", 40, 1}));
    CHECK(diagnostics.format_all().empty());
  }
}

TEST_CASE("a unit printed under the department's name is not drawn as the department",
          "[table_charts]") {
  auto rows = [](const std::string& unit, const char* y2022, const char* y2023) {
    return R"({"cells": {"unit": ")" + unit + R"(", "year": "2022 年", "total": )" + y2022 +
           R"(}}, {"cells": {"unit": ")" + unit + R"(", "year": "2023 年", "total": )" + y2023 +
           R"(}}, {"cells": {"unit": ")" + unit + R"(", "year": "增减变化", "total": )" +
           (unit == "某局" ? "1.00" : "1.50") + "}}";
  };
  std::string text =
      R"({"schema": 1, "kind": "budget", "department": "某局", "year": 2023, "title": "t", "unit": "万元", "tables": [
    {"id": "three-public", "title": "“三公”经费支出表", "columns": [{"key": "unit", "label": "预算单位", "merge": true}, {"key": "year", "label": "年度"},
      {"key": "total", "label": "合计", "type": "amount"}], "rows": [)" +
      rows("某局", "3.00", "4.00") + ", " + rows("甲中心", "1.00", "2.50") + "]}]}";
  Diagnostics diagnostics;
  std::optional<ReportData> data = load_report_data("budget.json", text, diagnostics);
  REQUIRE(data);
  ChartBlockHandler handler = markdown_chart_handler(nlohmann::json::object(), *data, diagnostics);
  std::optional<std::string> html =
      handler("kind = \"hbar\"\ntable = \"three-public\"\n", {"budget.md", 40, 1});
  REQUIRE(html);
  CHECK(desc_of(*html) ==
        "2022 年 · 某局 3.00 万元；2023 年 · 某局 4.00 万元；2022 年 · 甲中心 1.00 万元；2023 年 · "
        "甲中心 2.50 万元。");
  CHECK(diagnostics.format_all().empty());
}

TEST_CASE("a narrative holds at most kMaxChartBlocks chart blocks", "[table_charts]") {
  static const nlohmann::json strings = nlohmann::json::object();
  Diagnostics diagnostics;
  ChartBlockHandler handler = markdown_chart_handler(strings, consolidated_budget(), diagnostics);
  ChartBlockHandler copy = handler;  // copies share the count: it is the narrative's
  int drawn = 0;
  for (int i = 0; i < kMaxChartBlocks + 3; ++i) {
    ChartBlockHandler& h = i % 2 ? copy : handler;
    drawn += h("kind = \"hbar\"\ntable = \"function\"\n", {"budget.md", 10 + 5 * i, 1}) ? 1 : 0;
  }
  CHECK(drawn == kMaxChartBlocks);
  CHECK(diagnostics.format_all() ==
        "budget.md:" + std::to_string(10 + 5 * kMaxChartBlocks) +
            ":1: error: chart: more than 100 chart blocks in one report; this one and those after "
            "it are not drawn\n");
  // Another narrative counts from zero.
  Diagnostics other;
  CHECK(markdown_chart_handler(strings, consolidated_budget(), other)(
      "kind = \"hbar\"\ntable = \"function\"\n", {"budget.md", 3, 1}));
  CHECK(other.format_all().empty());
}
