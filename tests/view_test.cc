// The view models of pages (generator/render/view.cc), as `gongkai build --dump-views` writes them:
// what a page shows of the site around it.
#include "render/view.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "pipeline/site.h"
#include "publish/output.h"
#include "test_support.h"

using namespace gongkai;
using namespace gongkai::testing;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

/// The view model of output `page` of the site in `source`, from a build with views dumped.
json page_view(const fs::path& source, const std::string& page) {
  TempDir views;
  Diagnostics diagnostics;
  std::optional<Site> site = Site::load({source, false, 0, views.path()}, diagnostics);
  MemoryOutput output(diagnostics);
  if (site) site->build(output, diagnostics);
  INFO(diagnostics.format_all());
  REQUIRE(site);
  REQUIRE_FALSE(diagnostics.has_errors());
  return json::parse(read_file(views / (page + ".json")));
}

/// A crumb that links.
json crumb(const std::string& title, const std::string& url) {
  return {{"title", title}, {"url", url}};
}

json current(const std::string& title) {
  return {{"title", title}, {"url", ""}, {"current", true}};
}

/// The minimal fixture with its finance bureau placed under a city government, so that the
/// library sits two levels down.
void three_levels(const fs::path& site) {
  copy_tree(fixture("minimal"), site);
  write_file(site / "content/city-government/department.toml", "name = \"示例市人民政府\"\n");
  write_file(site / "content/city-finance/department.toml",
             "name = \"示例市财政局\"\nparent = \"city-government\"\n");
}

}  // namespace

TEST_CASE("view: a report page's breadcrumbs go through the parent department", "[view]") {
  // The example site's credit centre is a unit of the market regulation bureau.
  json view = page_view(source_dir(), "shenzhen-public-credit-center/2023/budget/index.html");
  CHECK(
      view["page"]["breadcrumbs"] ==
      json::array({crumb("首页", "../../../index.html"),
                   crumb("深圳市市场监督管理局", "../../../shenzhen-market-regulation/index.html"),
                   crumb("深圳市公共信用中心", "../../../shenzhen-public-credit-center/index.html"),
                   current("2023 部门预算")}));
  // A department without a parent: home, the department, the report.
  json alone =
      page_view(source_dir(), "shenzhen-data-administration/2022/final-accounts/index.html");
  CHECK(alone["page"]["breadcrumbs"] ==
        json::array(
            {crumb("首页", "../../../index.html"),
             crumb("深圳市政务服务数据管理局", "../../../shenzhen-data-administration/index.html"),
             current("2022 部门决算")}));
}

TEST_CASE("view: breadcrumbs list every department above, outermost first", "[view]") {
  TempDir tmp;
  three_levels(tmp / "site");
  json report = page_view(tmp / "site", "city-library/2023/budget/index.html");
  CHECK(report["page"]["breadcrumbs"] ==
        json::array({crumb("首页", "../../../index.html"),
                     crumb("示例市人民政府", "../../../city-government/index.html"),
                     crumb("示例市财政局", "../../../city-finance/index.html"),
                     crumb("示例市图书馆", "../../../city-library/index.html"),
                     current("2023 部门预算")}));
  json department = page_view(tmp / "site", "city-library/index.html");
  CHECK(
      department["page"]["breadcrumbs"] ==
      json::array({crumb("首页", "../index.html"),
                   crumb("示例市人民政府", "../city-government/index.html"),
                   crumb("示例市财政局", "../city-finance/index.html"), current("示例市图书馆")}));
}

namespace {

/// The data table of a chart of a page's view: [[label, figure], …].
json chart_rows(const json& chart) {
  json out = json::array();
  for (const json& row : chart["table"]["rows"]) {
    json cells = json::array();
    for (const json& cell : row["cells"]) cells.push_back(cell["text"]);
    out.push_back(cells);
  }
  return out;
}

}  // namespace

TEST_CASE("view: a department's trend draws every year in 万元, the years printed in 元 converted exactly and named", "[view][trend]") {
  // The compare fixture's 2022 部门决算 is printed in 元 (EXPECTED.md): 30,140,133.57 元 is
  // 3,014.013357 万元, between 2,844.49 and 3,104.83 万元.
  json view = page_view(fixture("compare"), "city-archives/index.html");
  REQUIRE(view["charts"].size() == 2);
  const json& budget = view["charts"][0];
  CHECK(budget["id"] == "chart-trend-budget");
  CHECK(chart_rows(budget) == json::parse(R"([["2021", "2,896 万元"], ["2022", "2,983 万元"], ["2023", "3,177 万元"]])"));
  CHECK(budget["note"] == "");
  const json& actual = view["charts"][1];
  CHECK(actual["id"] == "chart-trend-final-accounts");
  CHECK(chart_rows(actual) ==
        json::parse(R"([["2021", "2,844.49 万元"], ["2022", "3,014.013357 万元"], ["2023", "3,104.83 万元"]])"));
  std::string note = "单位：万元。2022 年（30,140,133.57 元）印刷为元数，按 1 万元 = 10,000 元精确换算，未作舍入。";
  CHECK(actual["note"] == note);
  std::string svg = actual["svg"];
  CHECK(svg.find("部门决算 3,014.013357 万元；2023：部门决算 3,104.83 万元。" + note + "</desc>") != std::string::npos);
  CHECK(svg.find(">单位：万元</text>") != std::string::npos);
}

namespace {

/// `text` with every `from` replaced by `to`.
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

/// The compare fixture with the bureau (counted apart, `consolidates = false`) holding, for
/// 2022, the archives' 2021 部门决算 in 万元 beside the archives' own 2022 one in 元.
void bureau_with_final_accounts(const fs::path& site) {
  copy_tree(fixture("compare"), site);
  fs::path bureau = site / "content/city-archives-bureau";
  write_file(bureau / "department.toml", read_file(bureau / "department.toml") + "consolidates = false\n");
  fs::path from = site / "content/city-archives/2021/final-accounts";
  for (const char* ext : {".json", ".md"}) {
    std::string text = replaced(read_file(from.string() + ext), "示例市档案馆", "示例市档案局");
    text = replaced(replaced(text, "\"year\": 2021", "\"year\": 2022"), "2021年度", "2022年度");
    write_file(bureau / (std::string("2022/final-accounts") + ext), text);
  }
}

}  // namespace

TEST_CASE("view: a year's total of reports printed in 元 and in 万元 is their exact sum in 万元", "[view][year]") {
  // 30,140,133.57 元 = 3,014.013357 万元, plus 2,844.49 万元.
  TempDir tmp;
  bureau_with_final_accounts(tmp / "site");
  json view = page_view(tmp / "site", "years/2022/index.html");
  REQUIRE(view["totals"].size() == 2);
  CHECK(view["totals"][1]["kind_label"] == "部门决算");
  CHECK(view["totals"][1]["total_text"] == "5,858.503357 万元");
}
