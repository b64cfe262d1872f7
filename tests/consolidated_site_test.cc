// The consolidated fixture site (tests/fixtures/consolidated): a department whose budget adds up
// three budget units, built with the gongkai binary and read as its readers would. Its charts
// must state only printed figures or exact sums of printed figures of one kind, and every total
// they state must be the department's; its downloads must say each row's unit; its year page
// must not count the subordinate unit's own budget twice.
#include <catch2/catch.hpp>
#include <map>
#include <regex>
#include <sstream>
#include <set>

#include "check/check.h"
#include "model/data.h"
#include "test_support.h"

using namespace gongkai;
using namespace gongkai::testing;
namespace fs = std::filesystem;

namespace {

const char* kBudget = "content/qianwan-urban-management/2023/budget.json";

struct BuiltSite {
  TempDir tmp;
  fs::path site = tmp / "site";
  fs::path out = tmp / "public";
  CommandResult result;
  BuiltSite() {
    copy_tree(fixture("consolidated"), site);
    result = run_gongkai({"build", "--source", site.string(), "--output", out.string()});
  }
  std::string page(const std::string& path) const { return read_file(out / path); }
};


/// "54,759" → 54759 as text without separators, for comparing figures as printed.
std::string plain(std::string figure) {
  figure.erase(std::remove(figure.begin(), figure.end(), ','), figure.end());
  return figure;
}

void add_sum(std::set<std::string>& out, const std::vector<Decimal>& parts) {
  std::optional<Decimal> sum = Decimal();
  for (const Decimal& d : parts) sum = add(*sum, d);
  out.insert(sum->to_string());
}

/// Every figure the budget prints, and every sum a chart may state of it: the figures a code
/// has across the units of a table, and the units' rows of a column.
std::set<std::string> allowed_figures(const ReportData& report) {
  std::set<std::string> out;
  for (const Table& table : report.tables) {
    std::vector<const Table*> grids = {&table};
    for (const Table& part : table.parts) grids.push_back(&part);
    for (const Table* grid : grids) {
      for (const Side& side : grid->sides) {
        for (int c : side.columns) {
          std::map<std::string, std::vector<Decimal>> by_code;
          std::vector<Decimal> units;
          for (const Row& row : side.rows) {
            const Cell& cell = row.cells[static_cast<std::size_t>(c)];
            if (!cell.has_figure()) continue;
            out.insert(cell.figure.to_string());
            if (!row.code.empty()) by_code[row.code].push_back(cell.figure);
            if (row.unit) units.push_back(cell.figure);
          }
          for (const auto& [code, figures] : by_code) add_sum(out, figures);
          if (!units.empty()) add_sum(out, units);
        }
      }
    }
  }
  return out;
}

/// The <desc> of every chart of a page, by the chart's id.
std::map<std::string, std::string> chart_descriptions(const std::string& html) {
  std::map<std::string, std::string> out;
  std::regex desc("<desc id=\"([^\"]*)-desc\">([^<]*)</desc>");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), desc); it != std::sregex_iterator(); ++it) {
    out[(*it)[1]] = (*it)[2];
  }
  return out;
}

}  // namespace

TEST_CASE("consolidated: the fixture checks without a finding", "[consolidated]") {
  CommandResult r = run_gongkai({"check", "--source", fixture("consolidated").string()});
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(r.out == "checked 5 reports of 2 departments: 0 error(s), 0 warning(s)\n");
}

TEST_CASE("consolidated: every chart states the department's total and only printed figures or their sums",
          "[consolidated]") {
  BuiltSite built;
  INFO(built.result.err);
  REQUIRE(built.result.exit_code == 0);
  std::string html = built.page("qianwan-urban-management/2023/budget/index.html");
  std::set<std::string> allowed = allowed_figures(load_report_file(built.site / kBudget));
  std::map<std::string, std::string> descriptions = chart_descriptions(html);
  REQUIRE(descriptions.size() >= 8);
  std::regex total("^总计 ([0-9,.]+) 万元");
  std::regex figure("([0-9][0-9,]*(?:\\.[0-9]+)?) 万元");
  int totals = 0;
  for (const auto& [id, d] : descriptions) {
    INFO(id << ": " << d);
    std::smatch m;
    if (std::regex_search(d, m, total)) {
      // The 合计 row of 表3, 表7 and 表8; the sanitation center's unit row in the chart of that
      // unit alone.
      CHECK(m[1] == (id == "chart-md-61" ? "34,508" : "54,759"));
      ++totals;
    }
    for (auto it = std::sregex_iterator(d.begin(), d.end(), figure); it != std::sregex_iterator(); ++it) {
      std::string value = plain((*it)[1]);
      INFO(value);
      CHECK(allowed.count(value) == 1);
    }
  }
  CHECK(totals >= 5);  // 表3, 表7, 表8, the treemap, the donut and the narrative chart of 表7
  // The first unit alone (8,509 万元) is never stated as the whole.
  CHECK(html.find("总计 8,509 万元") == std::string::npos);
  // The narrative 三公 chart draws the department's years and adds nothing up.
  CHECK(html.find("<desc id=\"chart-md-84-desc\">2022 年 107.32 万元；2023 年 132.51 万元。</desc>") !=
        std::string::npos);
  // A unit drawn alone says which unit it is.
  CHECK(html.find("<title id=\"chart-md-61-title\">环境卫生管理中心支出（按功能分类） · 深圳市前湾区环境卫生管理中心</title>") !=
        std::string::npos);
  CHECK(html.find("各项为 3 个预算单位同一科目印刷数之和。") != std::string::npos);
}

TEST_CASE("consolidated: a changed department total is refused", "[consolidated]") {
  TempDir tmp;
  fs::path site = tmp / "site";
  copy_tree(fixture("consolidated"), site);
  std::string text = read_file(site / kBudget);
  std::string row = R"("name": "合计", "total": 54759, "basic": 9017, "project": 45742, "procurement": 38456)";
  std::size_t at = text.find(row);
  REQUIRE(at != std::string::npos);
  std::size_t figure = at + row.size() - 5;
  text.replace(figure, 5, "38999");
  write_file(site / kBudget, text);
  SourceLocation where = locate(kBudget, text, figure);
  CommandResult r = run_gongkai({"check", "--source", site.string()});
  CHECK(r.exit_code == 1);
  CHECK(r.err == std::string(kBudget) + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) +
                     ": error: 支出总表: 合计 小计 is 38,999 but its units sum to 38,456 "
                     "(difference 543) [expenditure[total].procurement]\n"
                     "check failed: 1 error(s), 0 warning(s)\n");
}

TEST_CASE("consolidated: every row of a unit block names its unit in the CSV download", "[consolidated]") {
  BuiltSite built;
  REQUIRE(built.result.exit_code == 0);
  std::string csv = built.page("qianwan-urban-management/2023/budget/function.csv");
  std::istringstream lines(csv);
  std::string line, unit;
  int coded = 0;
  std::getline(lines, line);  // the header
  while (std::getline(lines, line)) {
    std::string first = line.substr(0, line.find(','));
    std::string code = line.substr(first.size() + 1, line.find(',', first.size() + 1) - first.size() - 1);
    if (line.find(",合计,") != std::string::npos) {
      CHECK(first.empty());
      continue;
    }
    CHECK_FALSE(first.empty());
    if (!code.empty()) ++coded;
  }
  CHECK(coded > 20);
  CHECK(csv.find("\r\n深圳市前湾区环境卫生管理中心,212,城乡社区支出,") != std::string::npos);
}

TEST_CASE("consolidated: the year page does not count a consolidated unit twice", "[consolidated]") {
  BuiltSite built;
  REQUIRE(built.result.exit_code == 0);
  std::string year = built.page("years/2023/index.html");
  CHECK(year.find("<dt>部门预算</dt><dd>54,759 万元") != std::string::npos);
  CHECK(year.find("<p class=\"stats__basis\">部门预算合计计入：区城管局。区环卫中心已含于区城管局的部门预算，"
                  "未重复计入。</p>") != std::string::npos);
  // The bars of both departments stay, but the chart states no total of them.
  std::map<std::string, std::string> descriptions = chart_descriptions(year);
  REQUIRE(descriptions.size() == 2);
  CHECK(descriptions["chart-year-2023"] == "区环卫中心（部门预算） 34,508 万元；区城管局（部门预算） 54,759 万元。");
  // Spending by function class adds up 区城管局's classes only: they already hold 区环卫中心's.
  CHECK(year.find("<td class=\"code\">212</td><th scope=\"row\" class=\"text name\">城乡社区支出</th><td class=\"amount num\"><a href=\"../../years/2023/functions/index.html#classes-budget\">51,513</a></td>") != std::string::npos);
  // A department that consolidates nothing has its subordinates counted.
  fs::path toml = built.site / "content/qianwan-urban-management/department.toml";
  write_file(toml, read_file(toml) + "consolidates = false\n");
  CommandResult again = run_gongkai({"build", "--source", built.site.string(), "--output", built.out.string()});
  REQUIRE(again.exit_code == 0);
  year = built.page("years/2023/index.html");
  CHECK(year.find("<dt>部门预算</dt><dd>89,267 万元") != std::string::npos);
  CHECK(year.find("部门预算合计计入：区环卫中心、区城管局。</p>") != std::string::npos);
  // Now both are added up, class by class (34,508 of 区环卫中心's 212 among them).
  std::string classes = built.page("years/2023/functions/index.html");
  CHECK(classes.find("部门预算合计计入：区环卫中心、区城管局。") != std::string::npos);
  CHECK(classes.find("合计（89,267）") != std::string::npos);
}

TEST_CASE("consolidated: a unit's row is compared with the same unit's row of the year before", "[consolidated]") {
  BuiltSite built;
  REQUIRE(built.result.exit_code == 0);
  std::string html = built.page("qianwan-urban-management/2023/budget/index.html");
  std::size_t table = html.find("id=\"table-function\"");
  REQUIRE(table != std::string::npos);
  // The bureau had no class 201 in 2022 (the sanitation center had): no change is shown.
  std::size_t bureau_201 = html.find("<td class=\"code\">201</td>", table);
  REQUIRE(bureau_201 != std::string::npos);
  std::string row = html.substr(bureau_201, html.find("</tr>", bureau_201) - bureau_201);
  CHECK(row.find("change") == std::string::npos);
}
