// The table view the templates print of a report's tables.
#include "render/table_view.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "base/diagnostic.h"
#include "render/site_model.h"
#include "test_support.h"

using namespace gongkai;

using gongkai::testing::report_with_table;

namespace {

/// The view of the only table of a report holding `table`.
View view_of(const std::string& table) {
  ReportData data = report_with_table(table);
  SiteModel model;
  model.strings = nlohmann::json::object();
  return table_view(model, data.tables[0], nullptr);
}

nlohmann::json header_rows(View& view) {
  return nlohmann::json::parse(view["header_rows"].to_json().dump());
}

}  // namespace

TEST_CASE("table view: a part whose only column is unlabelled has no header row", "[table]") {
  // 表12's 年度总体目标: one text column without a label, printed without a header band.
  View view = view_of(R"({"id": "goal", "title": "年度总体目标", "columns": [
      {"key": "text", "label": ""}],
    "rows": [{"cells": {"text": "一是……；二是……。"}}]})");
  CHECK(header_rows(view) == nlohmann::json::array());
  CHECK(view["serial_row"].is_null());
  CHECK_FALSE(view["has_thead"].boolean());
  CHECK(view["rows"].size() == 1);
}

TEST_CASE("table view: unlabelled sides of a two-sided table print no top row", "[table]") {
  View view = view_of(R"({"id": "s", "title": "收支总表", "sides": [
      {"label": "", "columns": [{"key": "in", "label": "项目"}, {"key": "in_amount", "label": "金额", "type": "amount"}],
       "rows": [{"cells": {"in": "拨款", "in_amount": 10}}]},
      {"label": "", "columns": [{"key": "out", "label": "项目"}, {"key": "out_amount", "label": "金额", "type": "amount"}],
       "rows": [{"cells": {"out": "支出", "out_amount": 10}}]}]})");
  CHECK(header_rows(view) == nlohmann::json::parse(R"([[
      {"label": "项目", "colspan": 1, "rowspan": 1, "numeric": false},
      {"label": "金额", "colspan": 1, "rowspan": 1, "numeric": true},
      {"label": "项目", "colspan": 1, "rowspan": 1, "numeric": false},
      {"label": "金额", "colspan": 1, "rowspan": 1, "numeric": true}]])"));
  CHECK(view["has_thead"].boolean());
}

TEST_CASE("table view: cells reaching into a row left out span one row fewer", "[table]") {
  // An unlabelled group between 金额 and its columns: its row goes, 名称 spans two rows.
  View view = view_of(R"({"id": "t", "title": "表", "columns": [
      {"key": "name", "label": "名称"},
      {"label": "金额", "columns": [{"label": "", "columns": [
        {"key": "a", "label": "甲", "type": "amount"}, {"key": "b", "label": "乙", "type": "amount"}]}]}],
    "rows": [{"cells": {"name": "x", "a": 1, "b": 2}}]})");
  CHECK(header_rows(view) == nlohmann::json::parse(R"([
      [{"label": "名称", "colspan": 1, "rowspan": 2, "numeric": false},
       {"label": "金额", "colspan": 2, "rowspan": 1, "numeric": false}],
      [{"label": "甲", "colspan": 1, "rowspan": 1, "numeric": true},
       {"label": "乙", "colspan": 1, "rowspan": 1, "numeric": true}]])"));
}

TEST_CASE("table view: a cell starting in a row left out starts in the next one", "[table]") {
  // The top row holds only an unlabelled column and an unlabelled group: the column's cell
  // moves down beside the group's columns, in its place on the left.
  View view = view_of(R"({"id": "t", "title": "表", "columns": [
      {"key": "item", "label": ""},
      {"label": "", "columns": [
        {"key": "a", "label": "年初预算数", "type": "amount"}, {"key": "b", "label": "全年执行数", "type": "amount"}]}],
    "rows": [{"cells": {"item": "年度资金总额", "a": 1, "b": 2}}]})");
  CHECK(header_rows(view) == nlohmann::json::parse(R"([[
      {"label": "", "colspan": 1, "rowspan": 1, "numeric": false},
      {"label": "年初预算数", "colspan": 1, "rowspan": 1, "numeric": true},
      {"label": "全年执行数", "colspan": 1, "rowspan": 1, "numeric": true}]])"));
}

TEST_CASE("table view: labelled rows, the 栏次 row and the data rows stay as they are", "[table]") {
  // A row with one label is kept even with unlabelled cells beside it; a table without header
  // rows still prints its 栏次 row in its head.
  View labelled = view_of(R"({"id": "t", "title": "表", "columns": [
      {"key": "item", "label": ""},
      {"label": "金额", "columns": [{"key": "a", "label": "甲", "type": "amount"}]}],
    "rows": [{"cells": {"item": "x", "a": 1}}]})");
  CHECK(header_rows(labelled) == nlohmann::json::parse(R"([
      [{"label": "", "colspan": 1, "rowspan": 2, "numeric": false},
       {"label": "金额", "colspan": 1, "rowspan": 1, "numeric": false}],
      [{"label": "甲", "colspan": 1, "rowspan": 1, "numeric": true}]])"));
  View serial = view_of(R"({"id": "t", "title": "表", "columns": [
      {"key": "item", "label": "", "serial": "栏次"}, {"key": "a", "label": "", "type": "amount", "serial": "1"}],
    "rows": [{"cells": {"item": "x", "a": 1}}, {"cells": {"item": "y", "a": 2}}]})");
  CHECK(header_rows(serial) == nlohmann::json::array());
  CHECK(nlohmann::json::parse(serial["serial_row"].to_json().dump()) ==
        nlohmann::json::parse(
            R"([{"text": "栏次", "numeric": false}, {"text": "1", "numeric": true}])"));
  CHECK(serial["has_thead"].boolean());
  CHECK(serial["rows"].size() == 2);
}

namespace {

/// A report of the compare fixture's department (tests/fixtures/compare/EXPECTED.md).
ReportData fixture_report(int year, const std::string& kind) {
  std::filesystem::path file = gongkai::testing::fixture("compare") / "content/city-archives" /
                               std::to_string(year) / (kind + ".json");
  Diagnostics diagnostics;
  std::optional<ReportData> data =
      load_report_data(file.string(), gongkai::testing::read_file(file), diagnostics);
  INFO(diagnostics.format_all());
  REQUIRE(data);
  return std::move(*data);
}

/// The rows of table `id` of `current` as its page prints them, changes against `previous`.
nlohmann::json rows_against(const ReportData& current, const ReportData& previous, const std::string& id) {
  SiteModel model;
  model.strings = nlohmann::json::object();
  const Table* table = current.find_table(id);
  REQUIRE(table);
  View view = table_view(model, *table, &previous);
  return nlohmann::json::parse(view["rows"].to_json().dump());
}

/// The cell in column `column` of the row whose cell `at` reads `key` (a code or a name).
nlohmann::json cell_of(const nlohmann::json& rows, std::size_t at, const std::string& key, std::size_t column) {
  for (const nlohmann::json& row : rows) {
    if (row["cells"][at]["text"] == key) return row["cells"][column];
  }
  FAIL("no row " << key);
  return nullptr;
}

/// "+3.0% (30,140,133.57 元)": a cell's change and its title, "" without a change.
std::string change_of(const nlohmann::json& cell) {
  if (!cell.contains("change_text")) return "";
  return cell["change_text"].get<std::string>() + " (" + cell["change_title"].get<std::string>() + ")";
}

}  // namespace

TEST_CASE("table view: a change against a year printed in another unit is computed in 万元", "[table][change]") {
  // EXPECTED.md: 决算 2023 vs 2022 合计 90816643/3014013357 = 3.01%, 基本 3.22%, 项目 2.49%;
  // 2012604 −10.62%; 2022 vs 2021 合计 5.96%, 基本 3.39%, 项目 12.88%.
  ReportData y2021 = fixture_report(2021, "final-accounts");
  ReportData y2022 = fixture_report(2022, "final-accounts");
  ReportData y2023 = fixture_report(2023, "final-accounts");
  nlohmann::json after = rows_against(y2023, y2022, "general");
  CHECK(change_of(cell_of(after, 1, "合计", 2)) == "+3.0% (30,140,133.57 元)");
  CHECK(change_of(cell_of(after, 1, "合计", 3)) == "+3.2% (21,445,358.07 元)");
  CHECK(change_of(cell_of(after, 1, "合计", 4)) == "+2.5% (8,694,775.50 元)");
  CHECK(change_of(cell_of(after, 0, "2012604", 2)) == "−10.6% (6,852,410.00 元)");
  CHECK(cell_of(after, 0, "2012604", 2)["change_class"] == "down");
  nlohmann::json before = rows_against(y2022, y2021, "general");
  CHECK(change_of(cell_of(before, 1, "合计", 2)) == "+6.0% (2,844.49 万元)");
  CHECK(change_of(cell_of(before, 1, "合计", 3)) == "+3.4% (2,074.25 万元)");
  CHECK(change_of(cell_of(before, 1, "合计", 4)) == "+12.9% (770.24 万元)");
}

TEST_CASE("table view: a change within one unit names no unit; against a figure of unknown unit there is none", "[table][change]") {
  // Budgets 2023 vs 2022, both in 万元: 2012604 640 against 600 is 1/15 = 6.67%.
  ReportData y2022 = fixture_report(2022, "budget");
  ReportData y2023 = fixture_report(2023, "budget");
  CHECK(change_of(cell_of(rows_against(y2023, y2022, "function"), 1, "2012604", 3)) == "+6.7% (600)");
  for (Table& table : y2022.tables) table.unit = AmountUnit::none;
  CHECK(change_of(cell_of(rows_against(y2023, y2022, "function"), 1, "2012604", 3)) == "");
}

namespace {

/// The first figure (the 总计) of the row one of whose cells reads `key`.
nlohmann::json first_figure(const nlohmann::json& rows, const std::string& key) {
  for (const nlohmann::json& row : rows) {
    bool named = std::any_of(row["cells"].begin(), row["cells"].end(),
                             [&](const nlohmann::json& cell) { return cell["text"] == key; });
    if (!named) continue;
    for (const nlohmann::json& cell : row["cells"]) {
      if (cell["numeric"] == true) return cell;
    }
  }
  FAIL("no row " << key);
  return nullptr;
}

}  // namespace

TEST_CASE("table view: the 三公 table's 增减 row gets no change against last year's 增减 row", "[table][change]") {
  // 表9 of 2023: 2022 年 32, 2023 年 8, 增减变化金额 -24; of 2022: 2021 年 8, 2022 年 32, 增减 24.
  ReportData y2022 = fixture_report(2022, "budget");
  ReportData y2023 = fixture_report(2023, "budget");
  nlohmann::json rows = rows_against(y2023, y2022, "three-public");
  CHECK(change_of(first_figure(rows, "2022 年")) == "+300.0% (8)");
  CHECK(change_of(first_figure(rows, "2023 年")) == "−75.0% (32)");
  CHECK(first_figure(rows, "增减变化金额")["text"] == "-24");
  CHECK(change_of(first_figure(rows, "增减变化金额")) == "");
}

namespace {

/// A table of a rate row and a coded row whose name reads like a change, both holding `figure`.
ReportData rate_and_coded_rows(const std::string& figure) {
  return gongkai::testing::report_with_table(R"({"id": "t", "title": "表", "columns": [
      {"key": "code", "label": "科目编码", "type": "code"}, {"key": "name", "label": "项目"},
      {"key": "a", "label": "金额", "type": "amount"}],
    "rows": [{"cells": {"name": "增减率（%）", "a": )" + figure + R"(}},
             {"cells": {"code": "201", "name": "变动支出", "a": )" + figure + "}}]}");
}

}  // namespace

TEST_CASE("table view: a rate row gets no change; a coded row named like a change still does", "[table][change]") {
  nlohmann::json rows = rows_against(rate_and_coded_rows("12"), rate_and_coded_rows("10"), "t");
  CHECK(change_of(first_figure(rows, "增减率（%）")) == "");
  CHECK(change_of(first_figure(rows, "201")) == "+20.0% (10)");
}
