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

/// A series of a department page's view by id, as rows of [year, budget, actual, difference,
/// rate] ("—" for a figure not printed).
json series_rows(const json& view, const std::string& id) {
  for (const json& series : view["series"]["series"]) {
    if (series["id"] != id) continue;
    json rows = json::array();
    for (const json& row : series["rows"]) {
      auto text = [](const json& figure) { return figure.is_null() ? json("—") : figure["text"]; };
      rows.push_back({row["year"], text(row["budget"]), text(row["actual"]), row["difference_text"],
                      row["rate_text"]});
    }
    return rows;
  }
  FAIL("no series " << id);
  return {};
}

TEST_CASE("view: a department's key figures over the years, budget beside final accounts, in one unit",
          "[view][series]") {
  // The compare fixture (EXPECTED.md): its 2022 部门决算 is printed in 元 and converted exactly.
  json view = page_view(fixture("compare"), "city-archives/index.html");
  const json& series = view["series"];
  CHECK(series["unit_text"] == "万元");
  REQUIRE(series["conversions"].size() == 1);
  CHECK(series["conversions"][0]["text"].get<std::string>().starts_with("2022年示例市档案馆部门决算以元为单位印刷"));
  std::vector<std::string> ids;
  for (const json& s : series["series"]) ids.push_back(s["id"]);
  // The totals, the 三公 total, then the five largest classes by their largest figure of any year.
  CHECK(ids == std::vector<std::string>{"series-total", "series-basic", "series-project", "series-three-public",
                                        "series-201", "series-221", "series-208", "series-206", "series-210"});
  CHECK(series_rows(view, "series-total") == json::parse(R"([
      [2021, "2,896", "2,844.49", "-51.51", "98.22%"],
      [2022, "2,983", "3,014.013357", "+31.013357", "101.04%"],
      [2023, "3,177", "3,104.83", "-72.17", "97.73%"]])"));
  CHECK(series_rows(view, "series-three-public") == json::parse(R"([
      [2021, "8", "5.93", "-2.07", "74.13%"],
      [2022, "32", "28.977520", "-3.022480", "90.55%"],
      [2023, "8", "9.85", "+1.85", "123.13%"]])"));
  // A class printed in one year only: the other years print nothing and compute nothing.
  CHECK(series_rows(view, "series-206") == json::parse(R"([
      [2021, "—", "—", "", ""], [2022, "—", "—", "", ""], [2023, "85", "78.90", "-6.10", "92.82%"]])"));
  // The series draw the budgets and final accounts, so only evaluations keep a trend chart.
  CHECK(view["charts"].empty());
  const json& chart = view["series"]["series"][0]["chart"];
  CHECK(chart["id"] == "chart-series-total");
  CHECK(chart_rows(chart) == json::parse(R"([["2021", "2,896 万元", "2,844.49 万元"],
      ["2022", "2,983 万元", "3,014.013357 万元"], ["2023", "3,177 万元", "3,104.83 万元"]])"));
}

TEST_CASE("view: a department with one year of figures gets one table of its lines, no charts",
          "[view][series]") {
  json view = page_view(source_dir(), "shenzhen-public-credit-center/index.html");
  const json& series = view["series"];
  CHECK(series["series"].empty());
  const json& year = series["one_year"];
  CHECK(year["year_text"] == "2023年");
  REQUIRE(year["rows"].size() == 9);
  const json& total = year["rows"][0];
  CHECK(total["title"] == "支出总计");
  CHECK(total["budget"]["text"] == "6,296");
  CHECK(total["budget"]["url"] == "../shenzhen-public-credit-center/2023/budget/index.html#table-expenditure-credit-center");
  CHECK(total["actual"].is_null());
  CHECK(total["rate_text"] == "");
  CHECK(year["rows"][3]["title"] == "“三公”经费合计");
  CHECK(year["rows"][3]["budget"]["text"] == "12.3");
}

TEST_CASE("view: a department without budgets or final accounts has no series", "[view][series]") {
  TempDir tmp;
  fs::path site = tmp / "site";
  copy_tree(fixture("compare"), site);
  for (int year : {2021, 2022, 2023}) {
    for (const char* kind : {"budget", "final-accounts"}) {
      fs::path base = site / "content/city-archives" / std::to_string(year) / kind;
      fs::remove(base.string() + ".json");
      fs::remove(base.string() + ".md");
    }
  }
  json view = page_view(site, "city-archives/index.html");
  CHECK(view["series"].is_null());
}

namespace {

/// The kinds of a year's function classes page: [kind_label, unit_text, total_text, basis,
/// [code…], [class total…], [[a department's figure of each class…]…]].
json classes_of(const json& view) {
  json out = json::array();
  for (const json& kind : view["kinds"]) {
    json codes = json::array(), totals = json::array(), rows = json::array();
    for (const json& c : kind["columns"]) codes.push_back(c["code"]);
    for (const json& t : kind["totals"]) totals.push_back(t["text"]);
    for (const json& row : kind["rows"]) {
      json cells = json::array();
      for (const json& cell : row["cells"]) cells.push_back(cell["text"]);
      rows.push_back(cells);
    }
    out.push_back({kind["kind_label"], kind["unit_text"], kind["total_text"], kind["basis"], codes, totals, rows});
  }
  return out;
}

/// The compare fixture with a second department whose 2022 final accounts, printed in 万元, are
/// the archive's 2021 final accounts under another name.
void add_museum(const fs::path& site) {
  fs::path from = fixture("compare") / "content/city-archives/2021";
  fs::path to = site / "content/city-museum/2022";
  fs::create_directories(to);
  write_file(to.parent_path() / "department.toml", "name = \"示例市博物馆\"\nshort_name = \"市博物馆\"\n");
  auto renamed = [](std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
    return text;
  };
  std::string data = renamed(read_file(from / "final-accounts.json"), "\"year\": 2021", "\"year\": 2022");
  write_file(to / "final-accounts.json", renamed(data, "示例市档案馆", "示例市博物馆"));
  std::string text = renamed(read_file(from / "final-accounts.md"), "2021", "2022");
  write_file(to / "final-accounts.md", renamed(text, "示例市档案馆", "示例市博物馆"));
}

}  // namespace

TEST_CASE("view: a year's spending by function class adds up every department, 元 converted exactly",
          "[view][classes]") {
  TempDir tmp;
  fs::path site = tmp / "site";
  copy_tree(fixture("compare"), site);
  add_museum(site);
  // 2022: the archive's final accounts in 元 (30,140,133.57) and the museum's in 万元 (2,844.49).
  json view = page_view(site, "years/2022/functions/index.html");
  CHECK(classes_of(view) == json::parse(R"([
      ["部门预算", "万元", "2,983", "部门预算合计计入：市档案馆。",
       ["201", "205", "208", "210", "221"], ["2,310", "8", "252", "51", "362"],
       [["2,310", "8", "252", "51", "362"]]],
      ["部门决算", "万元", "5,858.503357", "部门决算合计计入：市档案馆、市博物馆。",
       ["201", "205", "208", "210", "221"], ["4,553.768188", "4.85", "504.670424", "97.242745", "697.972"],
       [["2,356.798188", "", "248.390424", "50.312745", "358.512000"], ["2,196.97", "4.85", "256.28", "46.93", "339.46"]]]
    ])"));
  // The year page sums up the same, with each class's share of the total and its departments.
  json year = page_view(site, "years/2022/index.html");
  REQUIRE(year["classes"].size() == 2);
  const json& actual = year["classes"][1];
  CHECK(actual["total_text"] == "5,858.503357");
  CHECK(actual["url"] == "../../years/2022/functions/index.html#classes-final-accounts");
  CHECK(actual["classes"][0] == json::parse(R"({"code": "201", "name": "一般公共服务支出",
      "total_text": "4,553.768188", "share_text": "77.73%", "count": 2,
      "url": "../../years/2022/functions/index.html#classes-final-accounts"})"));
}

TEST_CASE("view: a year's function classes never count a consolidated unit again", "[view][classes]") {
  // The consolidated fixture: 区环卫中心's budget is one of the units 区城管局's budget adds up.
  json view = page_view(fixture("consolidated"), "years/2023/functions/index.html");
  json classes = classes_of(view);
  REQUIRE(classes.size() == 1);
  CHECK(classes[0][3] == "部门预算合计计入：区城管局。区环卫中心已含于区城管局的部门预算，未重复计入。");
  // The printed 合计 of 区城管局's expenditure by function.
  CHECK(classes[0][2] == "54,759");
  CHECK(classes[0][6].size() == 1);
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
