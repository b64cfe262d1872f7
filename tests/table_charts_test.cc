#include "table_charts.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "department_figures.h"
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

TEST_CASE("the department's classes are its units' printed figures added up by code", "[table_charts]") {
  const Table& function = *consolidated_budget().find_table("function");
  int total = function.column_index("total");
  DepartmentCodes codes = department_codes(function, total);
  CHECK(codes.units_added == 3);
  auto code = [&](const std::string& c) {
    auto it = std::find_if(codes.codes.begin(), codes.codes.end(), [&](const DepartmentCode& d) { return d.code == c; });
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
  CHECK(department.html->find("<figcaption class=\"chart-note\">各项为 3 个单位之和。</figcaption>") != std::string::npos);
  Drawn unit = draw("kind = \"donut\"\ntable = \"function\"\nunit = \"greening\"\ntitle = \"绿化所\"\n");
  REQUIRE(unit.html);
  CHECK(unit.html->find("<title id=\"chart-md-40-title\">绿化所 · 深圳市前湾区绿化管理所</title>") != std::string::npos);
  CHECK(desc_of(*unit.html).rfind("总计 11,742 万元，其中", 0) == 0);
  Drawn by_name = draw("kind = \"hbar\"\ntable = \"three-public\"\nunit = \"深圳市前湾区绿化管理所\"\n");
  REQUIRE(by_name.html);
  CHECK(desc_of(*by_name.html) == "2022 年 14.52 万元；2023 年 16.1 万元。");
}

TEST_CASE("a narrative chart of rows no total counts states no total and draws no whole", "[table_charts]") {
  Drawn years = draw("kind = \"hbar\"\ntable = \"three-public\"\ncolumn = \"total\"\n");
  REQUIRE(years.html);
  CHECK(desc_of(*years.html) == "2022 年 107.32 万元；2023 年 132.51 万元。");
  Drawn donut = draw("kind = \"donut\"\ntable = \"three-public\"\n");
  CHECK_FALSE(donut.html);
  CHECK(donut.messages ==
        "budget.md:40:1: error: chart: the rows of 'three-public' are not parts of one printed total, so a "
        "donut would state a total the document does not print; use kind = \"hbar\"\n");
  Drawn unknown = draw("kind = \"hbar\"\ntable = \"function\"\nunit = \"nobody\"\n");
  CHECK_FALSE(unknown.html);
  CHECK(unknown.messages == "budget.md:40:1: error: chart: table 'function' has no unit 'nobody'\n");
}

TEST_CASE("a narrative chart of a summary side counts the lines its printed total counts", "[table_charts]") {
  Drawn income = draw("kind = \"donut\"\ntable = \"summary\"\ncolumn = \"income\"\n");
  REQUIRE(income.html);
  CHECK(desc_of(*income.html).rfind("总计 54,759 万元，其中", 0) == 0);
}
