// The Fiscal Data Package of a report and of the site (render/fiscal_rows.h,
// render/fiscal_package.h): the tidy rows exactly as printed, which add up to the printed total
// without counting a class, a section, a unit or a 合计 twice, and the descriptor's model.
#include "render/fiscal_package.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "base/diagnostic.h"
#include "compare_expected.h"
#include "render/fiscal_revenue.h"
#include "render/key_figures.h"
#include "test_support.h"

using namespace gongkai;
using namespace gongkai::testing;
using nlohmann::json;

namespace {

ReportData consolidated_budget() {
  return load_report_file(fixture("consolidated") /
                          "content/qianwan-urban-management/2023/budget.json");
}

FiscalReport archives(int year, DocumentKind kind, AmountUnit unit) {
  std::string slug = kind == DocumentKind::budget ? "budget" : "final-accounts";
  return {"city-archives",
          "示例市档案馆",
          year,
          kind,
          unit,
          "city-archives/" + std::to_string(year) + "/" + slug + "/",
          "档案馆",
          "",
          false};
}

/// The CSV's lines, without their CRLF; fails when a line does not end with one.
std::vector<std::string> lines_of(const std::string& csv) {
  std::vector<std::string> out;
  for (std::size_t at = 0; at < csv.size();) {
    std::size_t end = csv.find("\r\n", at);
    REQUIRE(end != std::string::npos);
    out.push_back(csv.substr(at, end - at));
    at = end + 2;
  }
  return out;
}

/// The exact sum of measure `m` over the rows.
Decimal sum_of(const FiscalRows& rows, std::size_t m) {
  Decimal sum;
  for (const FiscalRow& row : rows.rows) {
    std::optional<Decimal> value = Decimal::parse(row.amounts[m]);
    REQUIRE(value);
    sum = *add(sum, *value);
  }
  return sum;
}

/// The table `id` of `data`, to change a copy of a fixture.
Table& table_of(ReportData& data, std::string_view id) {
  for (Table& table : data.tables) {
    if (table.id == id) return table;
  }
  FAIL("no table " << id);
  return data.tables.front();
}

std::vector<std::string> codes_of(const FiscalRows& rows) {
  std::vector<std::string> out;
  for (const FiscalRow& row : rows.rows) out.push_back(row.budget_unit + " " + row.code);
  return out;
}

}  // namespace

TEST_CASE("fiscal rows of final accounts in 元: the finest lines, exactly as printed", "[fiscal]") {
  const ReportData& data = compare_report(2022, "final-accounts");
  std::optional<FiscalRows> rows = fiscal_rows(data, FiscalBreakdown::function);
  REQUIRE(rows);
  CHECK(rows->table->id == "expenditure");
  CHECK(rows->unit == AmountUnit::yuan);
  CHECK(codes_of(*rows) == std::vector<std::string>{" 2012602", " 2012604", " 2012650", " 2080502",
                                                    " 2080505", " 2080506", " 2101102", " 2210201",
                                                    " 2210203"});
  // The lines add up to the printed 本年支出合计, each measure on its own.
  CHECK(sum_of(*rows, 0) == *Decimal::parse("30140133.57"));
  CHECK(sum_of(*rows, 1) == *Decimal::parse("21445358.07"));
  CHECK(sum_of(*rows, 2) == *Decimal::parse("8694775.50"));

  std::vector<std::string> lines =
      lines_of(fiscal_csv(archives(2022, DocumentKind::final_accounts, AmountUnit::yuan),
                          FiscalBreakdown::function, &*rows));
  REQUIRE(lines.size() == 10);
  CHECK(lines[0] ==
        "year,department,department_name,budget_unit,table,row,function_code,function_name,"
        "function_class_code,function_class_name,function_section_code,function_section_name,"
        "economic_code,economic_name,economic_class_code,economic_class_name,total,basic,project");
  CHECK(lines[2] ==
        "2022,city-archives,示例市档案馆,,expenditure,table-expenditure-2012604,2012604,档案馆,"
        "201,一般公共服务支出,20126,档案事务,,,,,6852410.00,0.00,6852410.00");
  CHECK(lines[9] ==
        "2022,city-archives,示例市档案馆,,expenditure,table-expenditure-2210203,2210203,购房补贴,"
        "221,住房保障支出,22102,住房改革支出,,,,,2098800.00,2098800.00,0.00");
}

TEST_CASE("fiscal rows of a budget in 万元: its unit's lines, whole numbers as printed",
          "[fiscal]") {
  std::optional<FiscalRows> rows =
      fiscal_rows(compare_report(2023, "budget"), FiscalBreakdown::function);
  REQUIRE(rows);
  CHECK(rows->unit == AmountUnit::wan_yuan);
  REQUIRE(rows->rows.size() == 11);
  CHECK(sum_of(*rows, 0) == Decimal(3177, 0));
  CHECK(sum_of(*rows, 1) == Decimal(2245, 0));
  CHECK(sum_of(*rows, 2) == Decimal(932, 0));
  std::vector<std::string> lines =
      lines_of(fiscal_csv(archives(2023, DocumentKind::budget, AmountUnit::wan_yuan),
                          FiscalBreakdown::function, &*rows));
  CHECK(
      lines[1] ==
      "2023,city-archives,示例市档案馆,示例市档案馆,expenditure,table-expenditure-2012602,2012602,"
      "一般行政管理事务,201,一般公共服务支出,20126,档案事务,,,,,200,0,200");
  CHECK(
      lines[4] ==
      "2023,city-archives,示例市档案馆,示例市档案馆,expenditure,table-expenditure-2050803,2050803,"
      "培训支出,205,教育支出,20508,进修及培训,,,,,7,0,7");
}

TEST_CASE("fiscal rows of a consolidated budget: each unit's own lines, never the 合计",
          "[fiscal]") {
  ReportData budget = consolidated_budget();
  std::optional<FiscalRows> rows = fiscal_rows(budget, FiscalBreakdown::function);
  REQUIRE(rows);
  const std::string bureau = "深圳市前湾区城市管理和综合执法局本级";
  const std::string sanitation = "深圳市前湾区环境卫生管理中心";
  const std::string greening = "深圳市前湾区绿化管理所";
  CHECK(codes_of(*rows) ==
        std::vector<std::string>{
            bureau + " 2019999",     bureau + " 2080501",     bureau + " 2080505",
            bureau + " 2080506",     bureau + " 2120101",     bureau + " 2120104",
            bureau + " 2120199",     bureau + " 2210201",     bureau + " 2210203",
            sanitation + " 2019999", sanitation + " 2080502", sanitation + " 2080505",
            sanitation + " 2080506", sanitation + " 2101102", sanitation + " 2120501",
            greening + " 2101102",   greening + " 2120399",   greening + " 2130205",
            greening + " 2130234",   greening + " 2210201",   greening + " 2210203"});
  // The units add up to the department's printed 合计 (8,509 + 34,508 + 11,742).
  CHECK(sum_of(*rows, 0) == Decimal(54759, 0));
  CHECK(sum_of(*rows, 1) == Decimal(9017, 0));
  CHECK(sum_of(*rows, 2) == Decimal(45742, 0));
  // A code printed under several units links to its own unit's row.
  const FiscalRow& first = rows->rows.front();
  CHECK(first.anchor == "table-expenditure-bureau-2019999");
  CHECK(rows->rows[9].anchor == "table-expenditure-sanitation-2019999");
  CHECK(first.class_name == "一般公共服务支出");
  CHECK(first.section_name == "其他一般公共服务支出");
  CHECK(first.amounts == std::vector<std::string>{"186", "0", "186"});
}

TEST_CASE("an evaluation has no fiscal rows", "[fiscal]") {
  std::filesystem::path file =
      fixture("consolidated") / "content/qianwan-urban-management/2022/evaluation.json";
  Diagnostics diagnostics;
  std::optional<ReportData> data = load_report_data(file.string(), read_file(file), diagnostics);
  REQUIRE(data);
  CHECK_FALSE(fiscal_rows(*data, FiscalBreakdown::function));
  CHECK_FALSE(fiscal_rows(*data, FiscalBreakdown::economic));
}

TEST_CASE("fiscal rows by economic class of a budget: 表8's finest lines, in its unit's block",
          "[fiscal]") {
  std::optional<FiscalRows> rows =
      fiscal_rows(compare_report(2023, "budget"), FiscalBreakdown::economic);
  REQUIRE(rows);
  CHECK(rows->table->id == "economic");
  REQUIRE(rows->rows.size() == 28);
  // 表8 prints 3,177 万元 in its unit row: 2,245 basic, 932 project.
  CHECK(sum_of(*rows, 0) == Decimal(3177, 0));
  CHECK(sum_of(*rows, 1) == Decimal(2245, 0));
  CHECK(sum_of(*rows, 2) == Decimal(932, 0));
  FiscalReport report = archives(2023, DocumentKind::budget, AmountUnit::wan_yuan);
  std::vector<std::string> lines = lines_of(fiscal_csv(report, FiscalBreakdown::economic, &*rows));
  CHECK(lines[1] ==
        "2023,city-archives,示例市档案馆,示例市档案馆,economic,table-economic-30101,,,,,,,30101,"
        "基本工资,301,工资福利支出,728,728,0");
  CHECK(fiscal_rows_of(report, compare_report(2023, "budget"), FiscalBreakdown::economic));
  // An economic table in another unit than the spending table is left out, not converted.
  report.unit = AmountUnit::yuan;
  CHECK_FALSE(fiscal_rows_of(report, compare_report(2023, "budget"), FiscalBreakdown::economic));
}

TEST_CASE("fiscal rows by economic class of final accounts: both sides of 表六, as 基本支出",
          "[fiscal]") {
  std::optional<FiscalRows> rows =
      fiscal_rows(compare_report(2023, "final-accounts"), FiscalBreakdown::economic);
  REQUIRE(rows);
  CHECK(rows->table->id == "basic");
  CHECK(rows->rows.front().code == "30101");
  CHECK(rows->rows.back().code == "39999");
  // 人员经费 1,933.05 + 68.75 (301 and 303) and 公用经费 211.88: 基本支出 2,213.68 万元.
  CHECK(sum_of(*rows, 1) == *Decimal::parse("2213.68"));
  for (const FiscalRow& row : rows->rows) {
    CHECK(row.amounts[0].empty());
    CHECK(row.amounts[2].empty());
    CHECK(row.section_code.empty());
  }
}

TEST_CASE("revenue rows of final accounts in 元: 表二's finest lines, one column per source",
          "[fiscal]") {
  const ReportData& data = compare_report(2022, "final-accounts");
  std::optional<FiscalRows> rows = fiscal_rows(data, FiscalBreakdown::revenue);
  REQUIRE(rows);
  CHECK(rows->breakdown == FiscalBreakdown::revenue);
  CHECK(rows->table->id == "income");
  CHECK(rows->unit == AmountUnit::yuan);
  // No 合计, no 类 or 款 above its lines: the nine 项 the table prints.
  CHECK(codes_of(*rows) == std::vector<std::string>{" 2012602", " 2012604", " 2012650", " 2080502",
                                                    " 2080505", " 2080506", " 2101102", " 2210201",
                                                    " 2210203"});
  REQUIRE(rows->rows.front().amounts.size() == kRevenueMeasures.size());
  // The lines add up to the printed 本年收入合计 and 财政拨款收入, 30,140,133.57 元; the other
  // sources are all 0.00.
  CHECK(sum_of(*rows, 0) == *Decimal::parse("30140133.57"));
  CHECK(sum_of(*rows, 1) == *Decimal::parse("30140133.57"));
  for (std::size_t m = 2; m < kRevenueMeasures.size(); ++m) CHECK(sum_of(*rows, m) == Decimal());

  FiscalReport report = archives(2022, DocumentKind::final_accounts, AmountUnit::yuan);
  std::vector<std::string> lines = lines_of(fiscal_csv(report, FiscalBreakdown::revenue, &*rows));
  REQUIRE(lines.size() == 10);
  CHECK(lines[0] ==
        "year,department,department_name,budget_unit,table,row,function_code,function_name,"
        "function_class_code,function_class_name,function_section_code,function_section_name,"
        "economic_code,economic_name,economic_class_code,economic_class_name,total,"
        "fiscal_appropriation,higher_level_subsidy,business,operating,subordinate_remittance,"
        "other");
  CHECK(lines[2] ==
        "2022,city-archives,示例市档案馆,,income,table-income-2012604,2012604,档案馆,"
        "201,一般公共服务支出,20126,档案事务,,,,,6852410.00,6852410.00,0.00,0.00,0.00,0.00,0.00");
  CHECK(lines[9] ==
        "2022,city-archives,示例市档案馆,,income,table-income-2210203,2210203,购房补贴,"
        "221,住房保障支出,22102,住房改革支出,,,,,2098800.00,2098800.00,0.00,0.00,0.00,0.00,0.00");
  CHECK(fiscal_csv(report, FiscalBreakdown::revenue, nullptr) == lines[0] + "\r\n");

  // The key figure that gives the report its revenue file: the printed 合计.
  std::vector<KeyFigure> figures = key_figures(data);
  const KeyFigure* revenue = find_key_figure(figures, "revenue");
  REQUIRE(revenue);
  CHECK(revenue->value == *Decimal::parse("30140133.57"));
  CHECK(revenue->anchors == std::vector<std::string>{"table-income-sum"});
}

TEST_CASE("revenue rows of final accounts in 万元 add up to the printed 合计", "[fiscal]") {
  std::optional<FiscalRows> rows =
      fiscal_rows(compare_report(2023, "final-accounts"), FiscalBreakdown::revenue);
  REQUIRE(rows);
  CHECK(rows->unit == AmountUnit::wan_yuan);
  CHECK(rows->rows.size() == 11);
  CHECK(sum_of(*rows, 0) == *Decimal::parse("3104.83"));
  CHECK(sum_of(*rows, 1) == *Decimal::parse("3104.83"));
  const FiscalRow& training = rows->rows[3];
  CHECK(training.code == "2050803");
  CHECK(training.section_code == "20508");
  CHECK(training.section_name == "进修及培训");
  CHECK(training.amounts ==
        std::vector<std::string>{"6.20", "6.20", "0.00", "0.00", "0.00", "0.00", "0.00"});
  // 2021: 其他档案事务支出 and 抚恤 are lines of their own too; 2,844.49 万元.
  std::optional<FiscalRows> before =
      fiscal_rows(compare_report(2021, "final-accounts"), FiscalBreakdown::revenue);
  REQUIRE(before);
  CHECK(before->rows.size() == 12);
  CHECK(sum_of(*before, 0) == *Decimal::parse("2844.49"));
}

TEST_CASE("revenue rows: a budget's 收入总表 by function code; none without one", "[fiscal]") {
  // None of the fixture's budgets prints 表2 收入总表.
  const ReportData& printed = compare_report(2023, "budget");
  CHECK_FALSE(fiscal_rows(printed, FiscalBreakdown::revenue));
  CHECK_FALSE(find_key_figure(key_figures(printed), "revenue"));
  // The same lines printed as a budget's 收入总表 are read by its title.
  ReportData budget = printed;
  const Table* printed_income = compare_report(2023, "final-accounts").find_table("income");
  REQUIRE(printed_income);
  Table income = *printed_income;
  income.id = "t02";
  income.title = "收入总表";
  budget.tables.push_back(income);
  std::optional<FiscalRows> rows = revenue_rows(budget);
  REQUIRE(rows);
  CHECK(rows->table->title == "收入总表");
  CHECK(sum_of(*rows, 0) == *Decimal::parse("3104.83"));
}

TEST_CASE("revenue rows: a column that is no known source of revenue keeps the table out",
          "[fiscal]") {
  // A source the package has no key for, and a second column of one source (上级补助收入).
  for (const auto& [key, label] :
       {std::pair{"fund", "用事业基金弥补收支差额"}, std::pair{"again", "上级补助收入"}}) {
    INFO(label);
    ReportData data = compare_report(2022, "final-accounts");
    Table& income = table_of(data, "income");
    for (Column& column : income.columns) {
      if (column.key != "other") continue;
      column.key = key;
      column.label = label;
    }
    CHECK_FALSE(revenue_rows(data));
    CHECK_FALSE(find_key_figure(key_figures(data), "revenue"));
  }
  Column printed;
  printed.key = "x";
  printed.label = "附属单位上缴收入";
  CHECK(revenue_measure_of(printed) == 5);
  printed.label = "（其他收入）";
  CHECK(revenue_measure_of(printed) == -1);
  printed.label = "事业单位经营收入";
  CHECK(revenue_measure_of(printed) == 4);
}

TEST_CASE("a report's datapackage.json: the fiscal model of its unit and phase", "[fiscal]") {
  std::string text =
      report_fiscal_package(archives(2023, DocumentKind::budget, AmountUnit::wan_yuan));
  json budget = json::parse(text);
  CHECK(text == budget.dump(2) + "\n");
  CHECK(budget["profile"] == "fiscal-data-package");
  CHECK(budget["name"] == "city-archives-2023-budget");
  REQUIRE(budget["resources"].size() == 2);
  const json& resource = budget["resources"][0];
  CHECK(resource["name"] == "city-archives-2023-budget-function");
  CHECK(resource["path"] == "function.csv");
  CHECK(budget["resources"][1]["path"] == "economic.csv");
  CHECK(resource["profile"] == "tabular-data-resource");
  CHECK(resource["schema"]["primaryKey"] == json({"table", "row"}));
  CHECK(resource["schema"]["fields"].size() == 19);
  CHECK(resource["schema"]["fields"][0] ==
        json({{"name", "year"}, {"type", "year"}, {"title", "年度 year"}}));
  CHECK(resource["schema"]["fields"][16]["type"] == "number");
  CHECK(budget["resources"][1]["schema"] == resource["schema"]);
  const json& measures = budget["model"]["measures"];
  CHECK(measures.size() == 6);
  CHECK(measures["function_total"] == json({{"source", "total"},
                                            {"resource", "city-archives-2023-budget-function"},
                                            {"title", "合计 total (function)"},
                                            {"currency", "CNY"},
                                            {"factor", 10000},
                                            {"direction", "expenditure"},
                                            {"phase", "approved"}}));
  CHECK(measures["economic_basic"]["resource"] == "city-archives-2023-budget-economic");
  const json& dimensions = budget["model"]["dimensions"];
  CHECK(dimensions["functional"]["classificationType"] == "functional");
  CHECK(dimensions["functional"]["primaryKey"] == "function_code");
  CHECK(dimensions["functional"]["attributes"]["function_section_code"]["parent"] ==
        "function_class_code");
  CHECK(dimensions["economic"]["classificationType"] == "economic");
  CHECK(dimensions["economic"]["primaryKey"] == "economic_code");
  CHECK(dimensions["administrative"]["primaryKey"] == json({"department", "budget_unit"}));
  CHECK(dimensions["date"]["dimensionType"] == "datetime");

  json accounts = json::parse(
      report_fiscal_package(archives(2022, DocumentKind::final_accounts, AmountUnit::yuan)));
  CHECK(accounts["model"]["measures"]["function_basic"]["factor"] == 1);
  CHECK(accounts["model"]["measures"]["function_basic"]["phase"] == "executed");
  CHECK(accounts["resources"].size() == 2);
  CHECK_FALSE(accounts["model"]["measures"].contains("revenue_total"));
}

TEST_CASE("a report's datapackage.json with revenue: a third resource, revenue measures",
          "[fiscal]") {
  FiscalReport report = archives(2023, DocumentKind::final_accounts, AmountUnit::wan_yuan);
  report.revenue = true;
  std::string text = report_fiscal_package(report);
  json package = json::parse(text);
  CHECK(text == package.dump(2) + "\n");
  REQUIRE(package["resources"].size() == 3);
  const json& resource = package["resources"][2];
  CHECK(resource["name"] == "city-archives-2023-final-accounts-revenue");
  CHECK(resource["path"] == "revenue.csv");
  CHECK(resource["title"] == "档案馆：收入（按功能分类）");
  const json& fields = resource["schema"]["fields"];
  REQUIRE(fields.size() == 23);
  CHECK(fields[6]["name"] == "function_code");
  CHECK(fields[16] == json({{"name", "total"},
                            {"type", "number"},
                            {"title", "本年收入合计 total revenue"},
                            {"decimalChar", "."}}));
  CHECK(fields[22]["name"] == "other");
  const json& measures = package["model"]["measures"];
  CHECK(measures.size() == 6 + 7);
  CHECK(measures["revenue_fiscal_appropriation"] ==
        json({{"source", "fiscal_appropriation"},
              {"resource", "city-archives-2023-final-accounts-revenue"},
              {"title", "财政拨款收入 fiscal appropriation (revenue)"},
              {"currency", "CNY"},
              {"factor", 10000},
              {"direction", "revenue"},
              {"phase", "executed"}}));
  CHECK(measures["function_total"]["direction"] == "expenditure");
  for (std::string_view m : kRevenueMeasures) {
    CHECK(measures["revenue_" + std::string(m)]["direction"] == "revenue");
  }
}

TEST_CASE("the site's datapackage.json: each report's resources, each with its own measures",
          "[fiscal]") {
  std::vector<FiscalReport> reports = {
      archives(2022, DocumentKind::budget, AmountUnit::wan_yuan),
      archives(2022, DocumentKind::final_accounts, AmountUnit::yuan)};
  reports[1].revenue = true;
  std::string text = site_fiscal_package("示例市", reports);
  CHECK(text == site_fiscal_package("示例市", reports));
  CHECK(text.ends_with("}\n"));
  json site = json::parse(text);
  // Written part by part, yet exactly as one JSON tree prints: keys sorted, two-space indent.
  CHECK(text == site.dump(2) + "\n");
  CHECK(site["profile"] == "fiscal-data-package");
  REQUIRE(site["resources"].size() == 5);
  CHECK(site["resources"][2]["name"] == "city-archives-2022-final-accounts-function");
  CHECK(site["resources"][2]["path"] == "city-archives/2022/final-accounts/fdp/function.csv");
  CHECK(site["resources"][3]["path"] == "city-archives/2022/final-accounts/fdp/economic.csv");
  CHECK(site["resources"][4]["path"] == "city-archives/2022/final-accounts/fdp/revenue.csv");
  const json& measures = site["model"]["measures"];
  CHECK(measures.size() == 12 + 7);
  const json& revenue = measures["city_archives_2022_final_accounts_revenue_total"];
  CHECK(revenue["direction"] == "revenue");
  CHECK(revenue["factor"] == 1);
  CHECK(revenue["resource"] == "city-archives-2022-final-accounts-revenue");
  CHECK_FALSE(measures.contains("city_archives_2022_budget_revenue_total"));
  CHECK(measures["city_archives_2022_budget_function_total"]["factor"] == 10000);
  CHECK(measures["city_archives_2022_budget_function_total"]["resource"] ==
        "city-archives-2022-budget-function");
  const json& project = measures["city_archives_2022_final_accounts_economic_project"];
  CHECK(project["factor"] == 1);
  CHECK(project["phase"] == "executed");
  CHECK(project["source"] == "project");
  CHECK(project["resource"] == "city-archives-2022-final-accounts-economic");
}

TEST_CASE("the site's datapackage.json marks a report a consolidated report already holds",
          "[fiscal]") {
  FiscalReport unit = archives(2022, DocumentKind::budget, AmountUnit::wan_yuan);
  unit.consolidated_in = "city-archives-bureau-2022-budget";
  unit.revenue = true;
  json site = json::parse(site_fiscal_package("示例市", {unit}));
  CHECK(site["resources"].size() == 3);
  for (const json& resource : site["resources"]) {
    CHECK(resource["consolidatedIn"] == "city-archives-bureau-2022-budget");
    CHECK(resource["description"].get<std::string>().find("city-archives-bureau-2022-budget") !=
          std::string::npos);
  }
  json alone = json::parse(
      site_fiscal_package("示例市", {archives(2022, DocumentKind::budget, AmountUnit::wan_yuan)}));
  CHECK_FALSE(alone["resources"][0].contains("consolidatedIn"));
}

TEST_CASE(
    "a built site's Fiscal Data Packages: a folder per budget and final accounts, one "
    "package for the site, the same bytes whatever the thread count",
    "[fiscal]") {
  TempDir tmp;
  std::filesystem::path one = tmp / "one", two = tmp / "two";
  for (const auto& [out, jobs] : {std::pair{one, "1"}, std::pair{two, "2"}}) {
    CommandResult built =
        run_gongkai({"build", "--quiet", "--source", fixture("consolidated").string(), "--output",
                     out.string(), "--jobs", jobs});
    REQUIRE(built.exit_code == 0);
  }
  CHECK(snapshot_tree(one) == snapshot_tree(two));
  const std::string budget = "qianwan-urban-management/2023/budget/fdp/";
  CHECK(std::filesystem::exists(one / budget / "datapackage.json"));
  CHECK(read_file(one / budget / "function.csv").starts_with("year,department,"));
  CHECK(read_file(one / budget / "economic.csv").starts_with("year,department,"));
  CHECK_FALSE(std::filesystem::exists(one / "qianwan-urban-management/2022/evaluation/fdp"));
  CHECK(read_file(one / "qianwan-urban-management/2023/budget/index.html")
            .find("<a href=\"fdp/datapackage.json\" download>") != std::string::npos);
  // Revenue by function class: final accounts' 表二; the budgets print no 收入总表.
  CHECK_FALSE(std::filesystem::exists(one / budget / "revenue.csv"));
  CHECK(
      read_file(one / "qianwan-urban-management/2023/budget/index.html").find("fdp/revenue.csv") ==
      std::string::npos);
  const std::string accounts = "qianwan-urban-management/2022/final-accounts/";
  std::vector<std::string> revenue = lines_of(read_file(one / accounts / "fdp/revenue.csv"));
  CHECK(revenue.size() == 1 + 16);
  CHECK(revenue[1].starts_with("2022,qianwan-urban-management,"));
  CHECK(read_file(one / accounts / "index.html").find("<a href=\"fdp/revenue.csv\" download>") !=
        std::string::npos);

  json site = json::parse(read_file(one / "datapackage.json"));
  std::vector<std::string> names, contained;
  for (const json& resource : site["resources"]) {
    names.push_back(resource["name"]);
    if (resource.contains("consolidatedIn")) contained.push_back(resource["name"]);
  }
  // Four reports with a spending table (the evaluation has none), two resources each, and the
  // final accounts' revenue.
  CHECK(names.size() == 9);
  CHECK(std::find(names.begin(), names.end(),
                  "qianwan-urban-management-2022-final-accounts-revenue") != names.end());
  // The sanitation center's own budget is one of the units of the bureau's consolidated one.
  CHECK(contained == std::vector<std::string>{"qianwan-sanitation-center-2023-budget-function",
                                              "qianwan-sanitation-center-2023-budget-economic"});
}

TEST_CASE("the site's datapackage.json in pieces: a megabyte at most each beyond one resource, the same bytes", "[fiscal]") {
  std::vector<FiscalReport> reports;
  for (int year = 1000; year < 3000; ++year) reports.push_back(archives(year, DocumentKind::budget, AmountUnit::yuan));
  std::string whole = site_fiscal_package("示例市", reports);
  std::string joined;
  std::size_t pieces = 0, largest = 0;
  write_site_fiscal_package("示例市", reports, [&](std::string_view piece) {
    joined += piece;
    ++pieces;
    largest = std::max(largest, piece.size());
  });
  CHECK(joined == whole);
  INFO(whole.size() << " bytes in " << pieces << " pieces");
  CHECK(pieces >= whole.size() / (1 << 20));
  CHECK(pieces > 1);
  CHECK(largest < (1 << 20) + 64 * 1024);
}
