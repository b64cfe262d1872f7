// The comparison pages of budget against final accounts (docs/compare.md), built from the
// fixture site tests/fixtures/compare, whose EXPECTED.md lists the figures asserted here; and
// the traceability promise: every figure on a comparison page links to a printed row that holds
// it.
#include "render/compare_view.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "pipeline/site.h"
#include "publish/output.h"
#include "test_support.h"

using namespace gongkai;
using namespace gongkai::testing;

namespace {

/// Every file a build of `dir` writes, by path.
std::map<std::string, std::string> built(const std::filesystem::path& dir) {
  Diagnostics diagnostics;
  std::optional<Site> site = Site::load({dir, false, 1, {}}, diagnostics);
  REQUIRE(site);
  MemoryOutput output(diagnostics);
  REQUIRE(site->build(output, diagnostics));
  INFO(diagnostics.format_all());
  REQUIRE_FALSE(diagnostics.has_errors());
  return output.take();
}

const std::map<std::string, std::string>& compare_site() {
  static const std::map<std::string, std::string> files = built(fixture("compare"));
  return files;
}

nlohmann::json comparison(int year) {
  return nlohmann::json::parse(
      compare_site().at("city-archives/" + std::to_string(year) + "/compare/compare.json"));
}

/// The line of `code` (or, for a total, of `name`) in section `kind`.
nlohmann::json line(const nlohmann::json& doc, const std::string& kind,
                    const std::string& code_or_name) {
  for (const auto& section : doc["sections"]) {
    if (section["kind"] != kind) continue;
    for (const auto& l : section["lines"]) {
      if (l["code"] == code_or_name || (l["code"] == "" && l["name"] == code_or_name)) return l;
    }
  }
  FAIL("no line " << code_or_name << " in " << kind);
  return {};
}

std::string value(const nlohmann::json& figure) {
  return figure.is_null() ? "—" : figure["value"].get<std::string>();
}

}  // namespace

TEST_CASE("a comparison page for each year with a budget and final accounts", "[compare]") {
  for (int year : {2021, 2022, 2023}) {
    std::string dir = "city-archives/" + std::to_string(year) + "/compare/";
    INFO(dir);
    CHECK(compare_site().count(dir + "index.html") == 1);
    CHECK(compare_site().count(dir + "compare.csv") == 1);
    CHECK(compare_site().count(dir + "compare.json") == 1);
  }
  CHECK(compare_site().count("city-archives-bureau/2022/compare/index.html") == 0);
}

TEST_CASE("2022: 元 final accounts against a 万元 budget, converted exactly", "[compare]") {
  nlohmann::json doc = comparison(2022);
  CHECK(doc["unit"] == "万元");
  nlohmann::json total = line(doc, "totals", "支出总计");
  CHECK(value(total["budget"]) == "2983");
  CHECK(value(total["final_accounts"]) == "3014.013357");
  CHECK(total["final_accounts"]["converted_from_yuan"] == true);
  CHECK(total["budget"]["converted_from_yuan"] == false);
  CHECK(total["difference"] == "31.013357");
  CHECK(total["execution_rate_percent"] == "101.04");
  CHECK(total["execution_ratio"] == "3014013357/2983000000");
  CHECK(line(doc, "totals", "基本支出")["execution_rate_percent"] == "98.15");
  CHECK(line(doc, "totals", "项目支出")["execution_ratio"] == "5796517/5320000");
  nlohmann::json archives = line(doc, "function", "2012604");
  // 6,852,410.00 元: every digit kept, the fen too (0.01 元 is 0.000001 万元).
  CHECK(value(archives["final_accounts"]) == "685.241000");
  CHECK(archives["difference"] == "85.241000");
  CHECK(archives["execution_rate_percent"] == "114.21");
  nlohmann::json training = line(doc, "function", "2050803");
  CHECK(value(training["budget"]) == "8");
  CHECK(training["final_accounts"].is_null());
  CHECK(training["difference"] == "-8");
  CHECK(training["execution_rate_percent"] == "0.00");
}

TEST_CASE("2021: a code spent but not budgeted, a tie rounded half up", "[compare]") {
  nlohmann::json doc = comparison(2021);
  nlohmann::json death = line(doc, "function", "2080801");
  CHECK(death["budget"].is_null());
  CHECK(value(death["final_accounts"]) == "21.60");
  CHECK(death["difference"] == "21.60");
  CHECK(death["execution_rate_percent"].is_null());
  CHECK(line(doc, "function", "208")["execution_rate_percent"] == "107.23");
  nlohmann::json other = line(doc, "function", "2012699");
  CHECK(other["execution_ratio"] == "159/160");
  CHECK(other["execution_rate_percent"] == "99.38");
}

TEST_CASE("2023: the renamed code and the new class", "[compare]") {
  nlohmann::json doc = comparison(2023);
  CHECK(line(doc, "function", "2012604")["name"] == "档案保管与利用");
  nlohmann::json science = line(doc, "function", "2069999");
  CHECK(value(science["budget"]) == "85");
  CHECK(value(science["final_accounts"]) == "78.90");
  CHECK(science["execution_rate_percent"] == "92.82");
  CHECK(line(doc, "totals", "支出总计")["execution_rate_percent"] == "97.73");
}

TEST_CASE("the page marks lines of one document only and says which document was converted",
          "[compare]") {
  const std::string& page = compare_site().at("city-archives/2022/compare/index.html");
  CHECK(page.find("《2022年示例市档案馆部门决算》以元为单位印刷") != std::string::npos);
  CHECK(page.find("<span class=\"badge compare__status\">仅预算列出</span>") != std::string::npos);
  CHECK(page.find(
            "<td class=\"amount num\"><a "
            "href=\"../../../city-archives/2022/final-accounts/index.html#table-general-2012604\" "
            "title=\"2012604 档案馆\">685.241000</a></td>") != std::string::npos);
  const std::string& earlier = compare_site().at("city-archives/2021/compare/index.html");
  CHECK(earlier.find("<span class=\"badge compare__status\">仅决算列出</span>") !=
        std::string::npos);
}

TEST_CASE("the CSV has a line per compared figure pair with where each is printed", "[compare]") {
  const std::string& csv = compare_site().at("city-archives/2022/compare/compare.csv");
  CHECK(
      csv.starts_with("\xEF\xBB\xBF部分,科目编码,科目名称,决算中的名称,预算数,决算数,差额,执行率（%"
                      "）,单位,预算数出处,决算数出处\r\n"));
  CHECK(csv.find(
            "\r\n按支出功能分类（类、款、项）,2012604,档案馆,,600,685.241000,85.241000,114.21,万元,"
            "city-archives/2022/budget/index.html#table-function-2012604,"
            "city-archives/2022/final-accounts/index.html#table-general-2012604\r\n") !=
        std::string::npos);
  // A negative figure is written as it is: its '-' is a sign, not a formula to neutralise.
  CHECK(csv.find(",2012602,一般行政管理事务,,190,184.236550,-5.763450,96.97,") != std::string::npos);
  CHECK(csv.find("'-") == std::string::npos);
}

namespace {

/// The figures printed in a row of a report page: the text of each cell, separators removed.
std::vector<Decimal> row_figures(const std::string& row_html) {
  std::string text = std::regex_replace(row_html, std::regex("<[^>]*>"), " ");
  std::vector<Decimal> out;
  std::regex number("-?[0-9][0-9,]*(\\.[0-9]+)?");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), number);
       it != std::sregex_iterator(); ++it) {
    std::string digits = std::regex_replace(it->str(), std::regex(","), "");
    if (auto d = Decimal::parse(digits)) out.push_back(*d);
  }
  return out;
}

/// The <tr> of the report page at `target` ("../budget/index.html#table-function-201", seen from
/// `page_dir`) that holds the element with the fragment's id.
std::string target_row(const std::string& page_dir, const std::string& target) {
  std::size_t hash = target.find('#');
  std::filesystem::path file =
      (std::filesystem::path(page_dir) / target.substr(0, hash)).lexically_normal();
  auto found = compare_site().find(file.generic_string());
  REQUIRE(found != compare_site().end());
  const std::string& html = found->second;
  std::size_t at = html.find("id=\"" + target.substr(hash + 1) + "\"");
  REQUIRE(at != std::string::npos);
  std::size_t start = html.rfind("<tr", at), end = html.find("</tr>", at);
  REQUIRE((start != std::string::npos && end != std::string::npos));
  return html.substr(start, end - start);
}

}  // namespace

TEST_CASE("every figure of a comparison, a series or a year's classes links to a printed row that holds it",
          "[compare][anchors]") {
  // Every link to a row: the figures of both documents, and a figure one prints of the other's.
  std::regex link("<a href=\"([^\"]+#table-[^\"]+)\" title=\"[^\"]*\">([-0-9.,]+)</a>");
  std::size_t links = 0;
  std::set<std::string> pages;
  for (const auto& [path, html] : compare_site()) {
    bool derived = path.ends_with("/compare/index.html") || path.ends_with("/changes/index.html") ||
                   path.ends_with("/functions/index.html") || path == "city-archives/index.html";
    if (!derived) continue;
    pages.insert(path);
    std::string dir = path.substr(0, path.rfind('/'));
    for (auto it = std::sregex_iterator(html.begin(), html.end(), link);
         it != std::sregex_iterator(); ++it) {
      std::string target = (*it)[1], shown = (*it)[2];
      INFO(path << " → " << target << " shows " << shown);
      Decimal figure = *Decimal::parse(std::regex_replace(shown, std::regex(","), ""));
      std::vector<Decimal> printed = row_figures(target_row(dir, target));
      // A figure of a 元 document is shown in 万元: the row prints it 10,000 times larger.
      bool held = std::any_of(printed.begin(), printed.end(), [&](const Decimal& p) {
        return p == figure || divide(p, Decimal(10000, 0), p.scale() + 4) == figure;
      });
      CHECK(held);
      ++links;
    }
  }
  CHECK(links > 1000);
  // Comparisons, the department page's series and each year's function classes.
  CHECK(pages.size() == 3 + 4 + 1 + 3);
}

TEST_CASE("no figure of a comparison is left without its link", "[compare][anchors]") {
  std::regex bare("<td class=\"amount num\">[-0-9]");
  for (std::string page : {"2021/compare", "2022/compare", "2023/compare", "2022/budget/changes",
                           "2023/final-accounts/changes"}) {
    const std::string& html = compare_site().at("city-archives/" + page + "/index.html");
    std::size_t tables = 0;
    for (std::size_t at = html.find("compare-grid"); at != std::string::npos;
         at = html.find("compare-grid", at + 1)) {
      std::string table = html.substr(at, html.find("</table>", at) - at);
      CHECK_FALSE(std::regex_search(table, bare));
      ++tables;
    }
    CHECK(tables == 4);
  }
  // The department's series, and each year's function classes.
  for (std::string page : {"city-archives/index.html", "years/2021/functions/index.html",
                           "years/2022/functions/index.html"}) {
    const std::string& html = compare_site().at(page);
    std::size_t tables = 0;
    for (std::size_t at = html.find("compare-grid"); at != std::string::npos;
         at = html.find("compare-grid", at + 1)) {
      std::string table = html.substr(at, html.find("<tfoot>", at) - at);
      table = table.substr(0, table.find("</table>"));
      CHECK_FALSE(std::regex_search(table, bare));
      ++tables;
    }
    CHECK(tables == (page == "city-archives/index.html" ? 9u : 2u));
  }
}

namespace {

nlohmann::json changes(const std::string& report) {
  return nlohmann::json::parse(
      compare_site().at("city-archives/" + report + "/changes/changes.json"));
}

}  // namespace

TEST_CASE("a document against the previous year's of its kind", "[compare][changes]") {
  CHECK(compare_site().count("city-archives/2021/budget/changes/index.html") == 0);
  SECTION("final accounts 2023 against 2022, printed in 元") {
    nlohmann::json doc = changes("2023/final-accounts");
    nlohmann::json total = line(doc, "totals", "本年支出合计");
    CHECK(value(total["last_year"]) == "3014.013357");
    CHECK(value(total["this_year"]) == "3104.83");
    CHECK(total["difference"] == "90.816643");
    CHECK(total["growth_ratio"] == "90816643/3014013357");
    CHECK(total["growth_rate_percent"] == "3.01");
    nlohmann::json renamed = line(doc, "function", "2012604");
    CHECK(renamed["status"] == "renamed");
    CHECK(renamed["name"] == "档案保管与利用");
    CHECK(renamed["name_last_year"] == "档案馆");
    CHECK(renamed["difference"] == "-72.771000");
    CHECK(renamed["growth_rate_percent"] == "-10.62");
  }
  SECTION("budgets: a code that vanishes, one that appears") {
    nlohmann::json vanished = line(changes("2022/budget"), "function", "2012699");
    CHECK(vanished["status"] == "left-only");
    CHECK(vanished["difference"] == "-96");
    CHECK(vanished["growth_rate_percent"] == "-100.00");
    nlohmann::json appeared = line(changes("2023/budget"), "function", "2069999");
    CHECK(appeared["status"] == "right-only");
    CHECK(appeared["difference"] == "85");
    CHECK(appeared["growth_rate_percent"].is_null());
  }
  SECTION("the budget's own 上年 row, checked against last year's budget and linked to its row") {
    nlohmann::json doc = changes("2023/budget");
    for (const auto& section : doc["sections"]) {
      if (section["kind"] != "three-public") continue;
      for (const auto& l : section["lines"]) {
        INFO(l.dump());
        CHECK(l["last_year_printed_this_year"]["agrees"] == true);
        CHECK(l["last_year_printed_this_year"]["printed_in"][0] ==
              "city-archives/2023/budget/index.html#table-three-public-prior");
      }
    }
  }
}
