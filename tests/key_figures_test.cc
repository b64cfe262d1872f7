// The key figures a report leaves for the pages about several reports (render/key_figures.h):
// as printed, in the table's own unit, with the rows they come from, and kept exactly across
// builds by the reuse record.
#include "render/key_figures.h"

#include <catch2/catch.hpp>

#include "base/diagnostic.h"
#include "compare_expected.h"
#include "test_support.h"

using namespace gongkai;
using namespace gongkai::testing;

namespace {

/// "key name value unit anchors…" of each figure, for one comparison of the whole list.
std::vector<std::string> described(const std::vector<KeyFigure>& figures) {
  std::vector<std::string> out;
  for (const KeyFigure& f : figures) {
    std::string line =
        f.key + " " + f.name + " " + f.value.to_string() + " " + std::string(unit_label(f.unit));
    for (const std::string& anchor : f.anchors) line += " #" + anchor;
    out.push_back(line);
  }
  return out;
}

ReportData consolidated_budget() {
  return load_report_file(fixture("consolidated") /
                          "content/qianwan-urban-management/2023/budget.json");
}

}  // namespace

TEST_CASE("key figures of final accounts printed in 元: as printed, with their rows",
          "[key-figures]") {
  std::vector<std::string> lines = described(key_figures(compare_report(2022, "final-accounts")));
  REQUIRE(lines.size() == 9);
  CHECK(lines[0] == "total 本年支出合计 30140133.57 元 #table-expenditure-sum");
  CHECK(lines[3] == "three-public 合计 289775.20 元 #table-three-public-all");
  CHECK(lines[4] == "201 一般公共服务支出 23567981.88 元 #table-general-201");
  // Last, the revenue table's total: the report's Fiscal Data Package has revenue.csv.
  CHECK(lines[8] == "revenue 本年收入合计 30140133.57 元 #table-income-sum");
}

TEST_CASE("key figures of a consolidated budget: a class adds up its units' rows, each linked",
          "[key-figures]") {
  ReportData budget = consolidated_budget();
  std::vector<KeyFigure> figures = key_figures(budget);
  const KeyFigure* total = find_key_figure(figures, "total");
  REQUIRE(total);
  CHECK(total->anchors.size() == 1);
  const KeyFigure* sanitation = find_key_figure(figures, "212");
  REQUIRE(sanitation);
  INFO(Catch::Detail::stringify(described(figures)));
  CHECK(sanitation->anchors.size() > 1);
  // The classes add up to the printed 合计 of 表7.
  Decimal sum;
  for (const KeyFigure& f : figures) {
    if (f.key.size() == 3 && f.key[0] == '2') sum = *add(sum, f.value);
  }
  CHECK(sum == Decimal(54759, 0));
}

TEST_CASE("an evaluation has no key figures", "[key-figures]") {
  std::filesystem::path file =
      source_dir() / "content/shenzhen-public-credit-center/2021/evaluation.json";
  Diagnostics diagnostics;
  std::optional<ReportData> data = load_report_data(file.string(), read_file(file), diagnostics);
  REQUIRE(data);
  CHECK(key_figures(*data).empty());
}

TEST_CASE("key figures survive the reuse record's text exactly", "[key-figures]") {
  std::vector<KeyFigure> figures = key_figures(consolidated_budget());
  figures.push_back(
      {"201", "名称\t带制表符\n和换行\\", *Decimal::parse("-0.000001"), AmountUnit::yuan, {}});
  std::optional<std::vector<KeyFigure>> back = key_figures_from_text(key_figures_text(figures));
  REQUIRE(back);
  CHECK(*back == figures);
  CHECK(key_figures_from_text("").value().empty());
  for (std::string damaged : {"total\tx\t1\t2", "total\tx\t1\t7\t\n", "total\tx\tone\t2\t\n",
                              "total\tx\\q\t1\t2\t\n", "total\tx\t1\t2\n"}) {
    INFO(damaged);
    CHECK_FALSE(key_figures_from_text(damaged));
  }
}
