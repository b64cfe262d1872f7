// gongkai import: printed figures and labels, tables found in a document's text, the narrative,
// the command's report and files, and the three real documents of ../shared/seeds imported as
// text and as workbooks, compared figure by figure with the example site transcribed by hand.
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "import/import_narrative.h"
#include "import/import_table.h"
#include "import/import_text.h"
#include "import/source_tables.h"
#include "import/text_source.h"
#include "import_compare.h"
#include "test_support.h"
#include "workbook_writer.h"

namespace fs = std::filesystem;
using namespace gongkai;
using gongkai::testing::TempDir;

namespace {

TableTitles no_known_titles() {
  return {[](const std::string&) { return false; }, [](const std::string&) { return false; }};
}

/// A site with one department `slug` named `name`, ready to import into.
void make_site(const fs::path& dir, const std::string& slug, const std::string& name) {
  testing::write_file(dir / "site.toml", "title = \"t\"\n");
  testing::write_file(dir / "content" / slug / "department.toml", "name = \"" + name + "\"\n");
}

std::string fixture_text() {
  return (testing::source_dir() / "tests/fixtures/import/budget.txt").string();
}

}  // namespace

TEST_CASE("figures are kept as printed, without their separators", "[import]") {
  CHECK(printed_figure("6,296") == "6296");
  CHECK(printed_figure("1, 371") == "1371");
  CHECK(printed_figure("0.00") == "0.00");
  CHECK(printed_figure("-0.14") == "-0.14");
  CHECK(printed_figure("120,791.59") == "120791.59");
  CHECK_FALSE(printed_figure("12,34"));
  CHECK_FALSE(printed_figure("≥95%"));
  CHECK_FALSE(printed_figure("2023 年"));
  CHECK_FALSE(printed_figure("—"));
  CHECK(printed_figure("５０") == "50");
  CHECK_FALSE(printed_figure("00100"));  // an identifier
  CHECK(printed_figure("0.5") == "0.5");
  CHECK(is_dash("—"));
  CHECK(is_dash("--"));
  CHECK(is_code("2013804"));
  CHECK_FALSE(is_code("201380"));
}

TEST_CASE("labels compare whatever their spaces, brackets and quotes", "[import]") {
  CHECK(normalized_label("项目资金 (元)") == normalized_label("项目资金（元）"));
  CHECK(normalized_label("一般公共预算“三公”经费支出表") ==
        normalized_label("一般公共预算\"三公\"经费支出表"));
  CHECK(normalized_label("收 入") == "收入");
}

TEST_CASE("cells lose the HTML and maths of text extraction", "[import]") {
  CHECK(
      plain_cell_text("<p>服务咨询应答率$\\geq 95\\%$，</p> <p>工单登记分送时限≤ 7个工作日</p>") ==
      "服务咨询应答率≥95%，\n工单登记分送时限≤7个工作日");
  CHECK(plain_cell_text("项目支出金额\\leq预算金额") == "项目支出金额≤预算金额");
  CHECK(plain_cell_text("市场监督 管理事务") == "市场监督管理事务");
  CHECK(plain_cell_text("UPS 电池") == "UPS 电池");
}

TEST_CASE("a document's text is cut into its tables, pages joined, and its prose", "[import]") {
  std::string text = testing::read_file(fixture_text());
  SourceDocument document = find_tables(read_text(text, "b.txt"), no_known_titles());
  REQUIRE(document.tables.size() == 4);
  const SourceTable& summary = document.tables[0];
  CHECK(summary.number == "表1");
  CHECK(summary.title == "收支总表");
  CHECK(summary.where == "b.txt:15:1");
  CHECK(summary.department == "示例市水务局");
  CHECK(summary.unit == "万元");
  CHECK(summary.pages.size() == 2);  // the title printed again continues the table
  REQUIRE(summary.notes.size() == 1);
  CHECK(summary.notes[0].cells[0].text == "注：本表金额单位转换时可能存在尾数误差。");
  // The header printed again on the second page is left out of the printed rows.
  std::vector<SourceRow> rows = printed_rows(summary);
  CHECK(rows.size() == 12);
  CHECK(rows[6].cells[2].text == "二、住房保障支出");
  CHECK(rows[6].cells[2].where == "b.txt:38:3");
  CHECK(document.tables[1].title == "一般公共预算支出表（按功能分类）");
  CHECK(document.tables[3].notes[0].cells[0].text == "注：本表本年无发生额。");
  // The prose keeps the narrative and none of the tables' lines.
  std::string prose;
  for (const SourceRow& row : document.prose)
    for (const SourceCell& cell : row.cells) prose += cell.text + "|";
  CHECK(prose ==
        "2024 年示例市水务局部门预算|第一部分 部门概况|一、部门职责|"
        "负责全市水资源、水利工程和供排水的管理，推进节水型城市建设，保障城乡|供水安全。|- 3 -|");
}

TEST_CASE("the narrative is Markdown with its headings and whole paragraphs", "[import]") {
  std::string text =
      "2024 年某局部门预算\n\n目 录\n\n- 第一部分 部门概况\n\n- 第二部分 收支情况\n\n"
      "第一部分 "
      "部门概况\n\n一、部门职责\n\n负责全市水资源的管理，推进节水型城市建设，保障城乡\n\n- 2 -\n\n"
      "供水安全。\n\n（一）人员支出 2,276 万元，主要包括：基本工资。\n\n（二）机构设置\n\n"
      "七、年末结转和结余：指本年度或以前年度预算安排、因客\n\n观条件发生变化的资金。\n\n"
      "第二部分收支情况\n\n收入 3,000 万元。\n\n第三部分：名词解释\n";
  std::vector<SourceRow> prose = read_text(text, "n.txt").rows;
  CHECK(narrative_markdown(prose) ==
        "2024 年某局部门预算\n\n"
        "## 第一部分 部门概况\n\n"
        "### 一、部门职责\n\n"
        "负责全市水资源的管理，推进节水型城市建设，保障城乡供水安全。\n\n"
        "（一）人员支出 2,276 万元，主要包括：基本工资。\n\n"
        "#### （二）机构设置\n\n"
        "七、年末结转和结余：指本年度或以前年度预算安排、因客观条件发生变化的资金。\n\n"
        "## 第二部分 收支情况\n\n"
        "收入 3,000 万元。\n\n"
        "## 第三部分：名词解释\n");
}

TEST_CASE("gongkai import writes the report, lists what it left and checks it", "[import][cli]") {
  TempDir dir;
  make_site(dir.path(), "city-water", "示例市水务局");
  std::string source = fixture_text();
  testing::CommandResult run = testing::run_gongkai(
      {"import", source, "--into", "city-water/2024/budget", "--source", dir.path().string()});
  CHECK(run.exit_code == 0);
  CHECK(run.err == "");
  CHECK(run.out ==
        "read " + source +
            ": 4 tables, 29 rows, 62 figures\n"
            "  表1 收支总表 (" +
            source +
            ":15:1): 17 rows, 17 figures\n"
            "  表7 一般公共预算支出表（按功能分类） (" +
            source +
            ":49:1): 8 rows, 24 figures\n"
            "  表9 一般公共预算“三公”经费支出表 (" +
            source +
            ":68:1): 3 rows, 18 figures\n"
            "  表10 政府性基金预算支出表 (" +
            source +
            ":84:1): 1 rows, 3 figures\n"
            "not printed in the source, so left out: 重点项目绩效目标; 表2 收入总表; 表3 支出总表; "
            "表4 基本支出总表; 表5 项目支出总表; 表6 政府预算拨款收支总表; 表8 "
            "一般公共预算支出表（按经济分类）; "
            "表11 国有资本经营预算支出表; 表12 单位整体支出绩效目标表\n" +
            source +
            ":64:7: warning: \"备查\" is under no column of the table\n"
            "1 line(s) or cell(s) to look at by hand\n"
            "wrote content/city-water/2024/budget.json\n"
            "wrote content/city-water/2024/budget.md\n"
            "check of the imported report: 0 error(s), 0 warning(s)\n");
  std::string json = testing::read_file(dir / "content/city-water/2024/budget.json");
  // Figures as printed, the levels and sums of the 收支总表's lines, the skeleton's ids.
  CHECK(
      json.find(
          R"({"sum_of": "children", "cells": {"spending_item": "一、农林水支出", "spending": 2800}},)") !=
      std::string::npos);
  CHECK(
      json.find(
          R"({"level": 2, "sum_of": "children", "cells": {"spending_item": "水利", "spending": 2800}},)") !=
      std::string::npos);
  CHECK(json.find(R"({"level": 3, "cells": {"spending_item": "行政运行", "spending": 1300}},)") !=
        std::string::npos);
  CHECK(
      json.find(
          R"({"id": "change", "signed": true, "cells": {"agency": "示例市水务局", "year": "增减变化金额", "total": -0.3,)") !=
      std::string::npos);
  CHECK(json.find(R"("empty": true,)") != std::string::npos);
  CHECK(json.find("备查") == std::string::npos);
  CHECK(
      testing::read_file(dir / "content/city-water/2024/budget.md").find("## 第一部分 部门概况") !=
      std::string::npos);
}

TEST_CASE("gongkai import replaces files only with --force, and --dry-run writes nothing",
          "[import][cli]") {
  TempDir dir;
  make_site(dir.path(), "city-water", "示例市水务局");
  std::vector<std::string> args = {"import",   fixture_text(),
                                   "--into",   "city-water/2024/budget",
                                   "--source", dir.path().string()};
  std::vector<std::string> dry = args;
  dry.push_back("--dry-run");
  testing::CommandResult preview = testing::run_gongkai(dry);
  CHECK(preview.exit_code == 0);
  CHECK(preview.out.find("1 line(s) or cell(s) to look at by hand\n") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "content/city-water/2024"));
  REQUIRE(testing::run_gongkai(args).exit_code == 0);
  testing::write_file(dir / "content/city-water/2024/budget.md", "edited\n");
  testing::CommandResult again = testing::run_gongkai(args);
  CHECK(again.exit_code == 1);
  CHECK(
      again.err ==
      "content/city-water/2024/budget.json: error: already exists; gongkai import replaces a file "
      "only with --force\n"
      "content/city-water/2024/budget.md: error: already exists; gongkai import replaces a file "
      "only with --force\n");
  CHECK(testing::read_file(dir / "content/city-water/2024/budget.md") == "edited\n");
  args.push_back("--force");
  CHECK(testing::run_gongkai(args).exit_code == 0);
  CHECK(testing::read_file(dir / "content/city-water/2024/budget.md") != "edited\n");
}

TEST_CASE("gongkai import refuses what it cannot read or place", "[import][cli]") {
  TempDir dir;
  make_site(dir.path(), "city-water", "示例市水务局");
  testing::write_file(dir / "gbk.txt", std::string("\xca\xd5\xd6\xa7\xd7\xdc\xb1\xed\n"));
  testing::CommandResult not_utf8 =
      testing::run_gongkai({"import", (dir / "gbk.txt").string(), "--into",
                            "city-water/2024/budget", "--source", dir.path().string()});
  CHECK(not_utf8.exit_code == 1);
  CHECK(not_utf8.err ==
        (dir / "gbk.txt").string() + ": error: not UTF-8 text; save the extracted text as UTF-8\n");
  testing::CommandResult no_department = testing::run_gongkai(
      {"import", fixture_text(), "--into", "water/2024/budget", "--source", dir.path().string()});
  CHECK(no_department.exit_code == 1);
  CHECK(no_department.err ==
        "content/water/department.toml: error: no department 'water' in this site; create it first "
        "with `gongkai new department water`\n");
  testing::CommandResult bad_kind =
      testing::run_gongkai({"import", fixture_text(), "--into", "city-water/2024/budgets",
                            "--source", dir.path().string()});
  CHECK(bad_kind.exit_code == 2);
  CHECK_FALSE(fs::exists(dir / "content/city-water/2024"));
}

namespace {

/// A seed of ../shared and the example site's hand transcription of it.
struct Seed {
  std::string file;
  std::string department;  // slug in the example site
  std::string report;      // YEAR/KIND
};

const std::vector<Seed>& seeds() {
  static const std::vector<Seed> list = {
      {"000_c49232d9ee60444b.txt", "shenzhen-public-credit-center", "2023/budget"},
      {"001_65244293e4ada456.txt", "shenzhen-public-credit-center", "2021/evaluation"},
      {"002_25bc0484e45a6819.txt", "shenzhen-data-administration", "2022/final-accounts"},
  };
  return list;
}

/// A copy of the example site's site.toml and departments, with no reports.
void example_departments(const fs::path& dir) {
  fs::create_directories(dir);
  fs::copy_file(testing::source_dir() / "site.toml", dir / "site.toml");
  for (const Seed& seed : seeds()) {
    fs::path toml = fs::path("content") / seed.department / "department.toml";
    if (!fs::exists(dir / toml)) {
      fs::create_directories((dir / toml).parent_path());
      fs::copy_file(testing::source_dir() / toml, dir / toml);
    }
  }
}

/// Imports `inputs` into the seed's report of a fresh copy of the example's departments;
/// compares with the example and returns the comparison and the check's summary line.
std::pair<testing::FigureComparison, testing::CommandResult> import_seed(
    const Seed& seed, const std::vector<std::string>& inputs, const fs::path& dir) {
  example_departments(dir);
  std::string into = seed.department + "/" + seed.report;
  std::vector<std::string> args = {"import"};
  args.insert(args.end(), inputs.begin(), inputs.end());
  for (const std::string& arg :
       {std::string("--into"), into, std::string("--source"), dir.string()})
    args.push_back(arg);
  testing::CommandResult run = testing::run_gongkai(args);
  std::string kind = seed.report.substr(seed.report.find('/') + 1);
  fs::path json =
      fs::path("content") / seed.department / seed.report.substr(0, 4) / (kind + ".json");
  testing::FigureComparison comparison;
  if (fs::exists(dir / json))
    comparison = testing::compare_figures(testing::read_file(testing::source_dir() / json),
                                          testing::read_file(dir / json));
  return {comparison, run};
}

/// The check's findings of the imported report: its error lines.
std::vector<std::string> error_lines(const std::string& out) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < out.size()) {
    std::size_t end = out.find('\n', start);
    std::string line = out.substr(start, end - start);
    if (line.find(": error: ") != std::string::npos) lines.push_back(line);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

/// The errors `check` may find in an import of the seed: the document's own inconsistencies,
/// which the example site acknowledges (docs/data-format.md, Acknowledged inconsistencies).
bool acknowledged_in_example(const std::string& error) {
  return error.find(
             "部门整体支出绩效评分表: 部门绩效 评价指标 一级指标 参考分值 is 60 but the 参考分值 "
             "of "
             "its rows sum to 40") != std::string::npos ||
         error.find(
             "部门整体支出绩效评分表: 综合评分 评价指标 三级指标 参考分值 is 93.67 but the rows "
             "above sum to 80") != std::string::npos;
}

void require_close_to_example(const Seed& seed, const testing::FigureComparison& comparison,
                              const testing::CommandResult& run, const std::string& how) {
  INFO(run.out + run.err);
  for (const std::string& miss : comparison.misses) UNSCOPED_INFO(miss);
  WARN(how << " " << seed.report << ": " << comparison.matched << " of " << comparison.figures
           << " printed figures identical in table, row and column");
  CHECK(comparison.missing_tables.empty());
  CHECK(comparison.figures > 300);
  CHECK(comparison.matched * 100 >= comparison.figures * 98);
  for (const std::string& error : error_lines(run.out)) CHECK(acknowledged_in_example(error));
}

/// The seed's tables as a workbook: a sheet per table, its title, department and unit lines
/// above the grid, the header's group cells merged over their columns, the notes under it.
std::vector<testing::WorkbookSheet> seed_workbook(const std::string& text) {
  TableTitles titles{[](const std::string&) { return false; },
                     [](const std::string& title) { return title == "项目支出绩效自评表"; }};
  SourceDocument document = find_tables(read_text(text, "seed"), titles);
  std::vector<testing::WorkbookSheet> sheets;
  for (const SourceTable& table : document.tables) {
    testing::WorkbookSheet sheet;
    sheet.name = table.number.empty() ? table.title : table.number + " " + table.title;
    if (sheet.name.empty()) sheet.name = "表格";
    auto line = [&](const std::string& cell) { sheet.rows.push_back({cell}); };
    if (!table.title.empty()) line(table.title);
    if (!table.department.empty()) line("部门：" + table.department);
    if (!table.unit.empty()) line("单位：" + table.unit);
    sheet.rows.push_back({});
    std::vector<SourceRow> header = header_rows(table);
    std::vector<SourceRow> rows = printed_rows(table);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      std::vector<std::string> cells;
      for (const SourceCell& cell : rows[r].cells) cells.push_back(cell.text);
      int at = static_cast<int>(sheet.rows.size());
      sheet.rows.push_back(cells);
      if (r + 1 >= rows.size() || r >= header.size()) continue;
      // A header cell followed by empty cells with labels under them spans those columns.
      for (std::size_t c = 0; c < cells.size(); ++c) {
        if (cells[c].empty()) continue;
        std::size_t end = c + 1;
        while (end < cells.size() + 4 && (end >= cells.size() || cells[end].empty()) &&
               end < rows[r + 1].cells.size() && !rows[r + 1].cells[end].text.empty())
          ++end;
        if (end > c + 1)
          sheet.merges.push_back({at, static_cast<int>(c), at, static_cast<int>(end - 1)});
      }
    }
    if (!table.notes.empty()) sheet.rows.push_back({});
    for (const SourceRow& note : table.notes) line(note.cells.empty() ? "" : note.cells[0].text);
    sheets.push_back(std::move(sheet));
  }
  return sheets;
}

}  // namespace

TEST_CASE("the three real documents imported from their text match the example site",
          "[import][seeds]") {
  std::optional<fs::path> seeds_dir =
      testing::shared_or_skip("seeds", "the text and workbooks of the three real documents");
  if (!seeds_dir) return;
  for (const Seed& seed : seeds()) {
    TempDir dir;
    auto [comparison, run] =
        import_seed(seed, {(*seeds_dir / seed.file).string()}, dir.path());
    require_close_to_example(seed, comparison, run, "text");
  }
}

TEST_CASE("the three real documents as workbooks, a sheet per table, import the same",
          "[import][seeds]") {
  std::optional<fs::path> seeds_dir =
      testing::shared_or_skip("seeds", "the text and workbooks of the three real documents");
  if (!seeds_dir) return;
  for (const Seed& seed : seeds()) {
    TempDir dir;
    fs::path workbook = dir / "tables.xlsx";
    testing::write_workbook(workbook,
                            seed_workbook(testing::read_file(*seeds_dir / seed.file)));
    auto [comparison, run] = import_seed(seed, {workbook.string()}, dir / "site");
    require_close_to_example(seed, comparison, run, "workbook");
  }
}

TEST_CASE("a CSV file of one table is titled by its name and imported", "[import][cli]") {
  TempDir dir;
  make_site(dir.path(), "city-water", "示例市水务局");
  fs::path csv = dir / "一般公共预算支出表（按功能分类）.csv";
  testing::write_file(csv,
                      "\xEF\xBB\xBF部门名称：示例市水务局\r\n单位：元\r\n\r\n"
                      "预算单位,科目编码,科目名称,支出总计,基本支出,项目支出\r\n"
                      "示例市水务局,,,\"3,000\",\"1,500\",\"1,500\"\r\n"
                      ",213,农林水支出,\"3,000\",\"1,500\",\"1,500\"\r\n"
                      ",21303,水利,\"3,000\",\"1,500\",\"1,500\"\r\n"
                      ",2130301,行政运行,\"1,500\",\"1,500\",0.00\r\n"
                      ",2130306,水利工程运行与维护,\"1,500\",0,\"1,500\"\r\n");
  testing::CommandResult run =
      testing::run_gongkai({"import", csv.string(), "--into", "city-water/2024/budget", "--source",
                            dir.path().string()});
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("read " + csv.string() + ": 1 tables, 5 rows, 15 figures\n") == 0);
  CHECK(run.out.find("check of the imported report: 0 error(s), 0 warning(s)\n") !=
        std::string::npos);
  std::string json = testing::read_file(dir / "content/city-water/2024/budget.json");
  CHECK(
      json.find(
          R"({"cells": {"code": "2130301", "name": "行政运行", "total": 1500, "basic": 1500, "project": 0.00}},)") !=
      std::string::npos);
  CHECK(
      json.find(
          R"({"id": "unit", "cells": {"agency": "示例市水务局", "total": 3000, "basic": 1500, "project": 1500}},)") !=
      std::string::npos);
  // The unit line above the grid is the table's, though no title line was printed.
  CHECK(json.find(R"("title": "一般公共预算支出表（按功能分类）",
      "unit": "元",)") != std::string::npos);
}

namespace {

using PrintedJson = nlohmann::ordered_json;

/// A figure as a PDF prints it: thousands separated ("54,759", "1,656.74").
std::string printed(const std::string& digits) {
  std::size_t start = digits[0] == '-' ? 1 : 0;
  std::size_t end = digits.find('.') == std::string::npos ? digits.size() : digits.find('.');
  std::string out = digits;
  for (std::size_t at = end; at > start + 3; at -= 3) out.insert(at - 3, ",");
  return out;
}

std::string cell_text(const PrintedJson& value) {
  if (std::optional<std::string> number = testing::printed_number(value)) return printed(*number);
  if (value.is_object()) return value.value("text", "");
  return value.is_string() ? value.get<std::string>() : "";
}

struct PrintedLeaf {
  std::string key;
  std::vector<std::string> path;  // groups, then the leaf's label
};

void leaves(const PrintedJson& columns, std::vector<std::string> groups,
            std::vector<PrintedLeaf>& out) {
  for (const PrintedJson& column : columns) {
    std::vector<std::string> path = groups;
    path.push_back(column.value("label", ""));
    if (column.contains("columns")) {
      leaves(column["columns"], path, out);
    } else {
      out.push_back({column.value("key", ""), path});
    }
  }
}

/// The header of `leaves` as a PDF prints it: a group's label over its first column, a leaf's
/// label on the row of its depth, the rows under it empty.
std::vector<std::vector<std::string>> header(const std::vector<PrintedLeaf>& leaves) {
  std::size_t depth = 0;
  for (const PrintedLeaf& leaf : leaves) depth = std::max(depth, leaf.path.size());
  std::vector<std::vector<std::string>> rows(depth, std::vector<std::string>(leaves.size()));
  for (std::size_t c = 0; c < leaves.size(); ++c) {
    for (std::size_t level = 0; level < leaves[c].path.size(); ++level) {
      bool first =
          c == 0 || leaves[c - 1].path.size() <= level ||
          !std::equal(leaves[c].path.begin(), leaves[c].path.begin() + static_cast<long>(level) + 1,
                      leaves[c - 1].path.begin());
      if (first || level + 1 == leaves[c].path.size()) rows[level][c] = leaves[c].path[level];
    }
  }
  return rows;
}

std::string tab_line(const std::vector<std::string>& cells) {
  std::string line;
  for (std::size_t c = 0; c < cells.size(); ++c) line += (c ? "\t" : "") + cells[c];
  return line + "\n";
}

/// A grid table of a report as the text of its PDF: number, title, department and unit lines,
/// the header and the rows (two sides side by side), the notes.
std::string table_text(const PrintedJson& table, const std::string& department) {
  std::string text;
  if (table.contains("number")) text += table["number"].get<std::string>() + "\n\n";
  text += table.value("title", "") + "\n\n部门名称：" + department + "\n\n单位：" +
          table.value("unit", "万元") + "\n\n";
  std::vector<const PrintedJson*> sides;
  if (table.contains("sides")) {
    for (const PrintedJson& side : table["sides"]) sides.push_back(&side);
  } else {
    sides.push_back(&table);
  }
  std::vector<PrintedLeaf> all;
  std::vector<std::vector<PrintedLeaf>> side_leaves;
  for (const PrintedJson* side : sides) {
    side_leaves.emplace_back();
    leaves((*side)["columns"],
           side->contains("label") ? std::vector<std::string>{(*side)["label"]}
                                   : std::vector<std::string>{},
           side_leaves.back());
    all.insert(all.end(), side_leaves.back().begin(), side_leaves.back().end());
  }
  for (const auto& row : header(all)) text += tab_line(row);
  std::size_t count = (*sides[0])["rows"].size();
  for (std::size_t r = 0; r < count; ++r) {
    std::vector<std::string> cells;
    for (std::size_t s = 0; s < sides.size(); ++s) {
      PrintedJson row =
          r < (*sides[s])["rows"].size() ? (*sides[s])["rows"][r] : PrintedJson::object();
      PrintedJson row_cells = row.value("cells", PrintedJson::object());
      for (const PrintedLeaf& leaf : side_leaves[s])
        cells.push_back(row_cells.contains(leaf.key) ? cell_text(row_cells[leaf.key]) : "");
    }
    text += tab_line(cells);
  }
  for (const PrintedJson& note : table.value("notes", PrintedJson::array()))
    text += "\n注：" + note.get<std::string>() + "\n";
  return text + "\n";
}

}  // namespace

TEST_CASE("the consolidated fixture's reports, printed as text, import to every figure",
          "[import]") {
  fs::path fixture = testing::fixture("consolidated");
  for (const std::string name :
       {"qianwan-urban-management/2023/budget", "qianwan-urban-management/2022/budget",
        "qianwan-urban-management/2022/final-accounts", "qianwan-sanitation-center/2023/budget"}) {
    fs::path report = fs::path("content") / (name + ".json");
    PrintedJson expected = testing::parse_printed(testing::read_file(fixture / report));
    std::string text = expected["title"].get<std::string>() + "\n\n第一部分 概况\n\n";
    PrintedJson grids = PrintedJson::array();
    for (const PrintedJson& table : expected["tables"]) {
      if (table.contains("parts")) continue;  // forms are read by the seeds' tests
      text += table_text(table, expected["department"].get<std::string>());
      grids.push_back(table);
    }
    expected["tables"] = grids;
    TempDir dir;
    testing::copy_tree(fixture, dir.path());
    fs::remove(dir / report);
    fs::remove(dir / "content" / (name + ".md"));
    testing::write_file(dir / "report.txt", text);
    testing::CommandResult run = testing::run_gongkai(
        {"import", (dir / "report.txt").string(), "--into", name, "--source", dir.path().string()});
    INFO(name + "\n" + run.out + run.err);
    CHECK(run.out.find("check of the imported report: 0 error(s)") != std::string::npos);
    testing::FigureComparison comparison =
        testing::compare_figures(expected.dump(), testing::read_file(dir / report));
    for (const std::string& miss : comparison.misses) UNSCOPED_INFO(miss);
    CHECK(comparison.missing_tables.empty());
    CHECK(comparison.figures > 100);
    CHECK(comparison.matched == comparison.figures);
  }
}

TEST_CASE("a table no skeleton knows gets columns from its printed header tree", "[import][cli]") {
  TempDir dir;
  make_site(dir.path(), "city-water", "示例市水务局");
  std::string source = (testing::source_dir() / "tests/fixtures/import/unknown.txt").string();
  testing::CommandResult run = testing::run_gongkai(
      {"import", source, "--into", "city-water/2025/budget", "--source", dir.path().string()});
  CHECK(run.exit_code == 0);
  CHECK(run.out.find(source +
                     ":3:1: warning: no table of gongkai's skeleton has this title or header; "
                     "columns were made from the printed header: check their types and sums\n"
                     "1 line(s) or cell(s) to look at by hand\n") != std::string::npos);
  std::string json = testing::read_file(dir / "content/city-water/2025/budget.json");
  CHECK(json.find(R"(      "id": "table-1",
      "title": "示例市水务局重点工程投资表",
      "number": "附表1",
      "unit": "万元",
      "columns": [
        {"key": "c1", "label": "工程名称"},
        {"key": "c2", "label": "项目编码"},
        {"key": "c3", "label": "总投资", "type": "amount"},
        {
          "label": "资金来源",
          "columns": [
            {"key": "c4", "label": "财政拨款", "type": "amount"},
            {"key": "c5", "label": "其他资金", "type": "amount"}
          ]
        },
        {"key": "c6", "label": "备注"}
      ],
      "rows": [
        {"cells": {"c1": "城区供水管网改造", "c2": "2013801", "c3": 1200.50, "c4": 1000, "c5": 200.50, "c6": "续建"}},
        {"cells": {"c1": "水库除险加固", "c2": "2130305", "c3": 800, "c4": 800, "c5": 0, "c6": "—"}}
      ],)") != std::string::npos);
}

TEST_CASE("import refuses a source with no table and says what a dry run would need",
          "[import][cli]") {
  TempDir dir;
  make_site(dir.path(), "city-water", "示例市水务局");
  testing::write_file(dir / "empty.txt", "\t\t\n\n");
  testing::CommandResult empty =
      testing::run_gongkai({"import", (dir / "empty.txt").string(), "--into",
                            "city-water/2024/budget", "--source", dir.path().string()});
  CHECK(empty.exit_code == 1);
  CHECK(empty.err == (dir / "empty.txt").string() +
                         ": error: no table found: is this the text of a published document, its "
                         "tables printed with a tab between cells? Nothing written\n");
  CHECK_FALSE(fs::exists(dir / "content/city-water/2024"));
  testing::write_file(dir / "doc.pdf", "%PDF-1.7\n");
  CHECK(testing::run_gongkai({"import", (dir / "doc.pdf").string(), "--into",
                              "city-water/2024/budget", "--source", dir.path().string()})
            .err == (dir / "doc.pdf").string() +
                        ": error: a PDF file: import its text (tables with a tab between cells) "
                        "or the spreadsheets it was made from (docs/import.md)\n");
  std::vector<std::string> args = {"import",   fixture_text(),
                                   "--into",   "city-water/2019/budget",
                                   "--source", dir.path().string()};
  testing::CommandResult wrong_year = testing::run_gongkai(args);
  CHECK(wrong_year.out.find(fixture_text() +
                            ":15:1: warning: the header prints \"2024 年预算数\" where a report "
                            "of this year has \"2019 年预算数\"; the printed label is kept: is "
                            "the year of --into right?\n") != std::string::npos);
  CHECK(testing::read_file(dir / "content/city-water/2019/budget.json").find("2024 年预算数") !=
        std::string::npos);
  args.push_back("--dry-run");
  CHECK(testing::run_gongkai(args).out.find(
            "content/city-water/2019/budget.json: note: exists; the import will need --force\n"
            "content/city-water/2019/budget.md: note: exists; the import will need --force\n") !=
        std::string::npos);
}

TEST_CASE("an odd cell of a coded row stays where it is printed, as text", "[import][cli]") {
  TempDir dir;
  make_site(dir.path(), "city-water", "示例市水务局");
  testing::write_file(dir / "t.txt",
                      "表 7\n\n一般公共预算支出表（按功能分类）\n\n单位：元\n\n"
                      "预算单位\t科目编码\t科目名称\t支出总计\t基本支出\t项目支出\n"
                      "示例市水务局\t\t\t100\t50\t50\n"
                      "\t201\t一般公共服务支出\t(100)\t５０\t50\n"
                      "\t20101\t人大事务\t100\t50\t50\n"
                      "\t2010101\t行政运行\t100\t50\t50\n");
  testing::CommandResult run =
      testing::run_gongkai({"import", (dir / "t.txt").string(), "--into", "city-water/2024/budget",
                            "--source", dir.path().string()});
  std::string json = testing::read_file(dir / "content/city-water/2024/budget.json");
  CHECK(
      json.find(
          R"x({"cells": {"code": "201", "name": "一般公共服务支出", "total": {"text": "(100)"}, "basic": 50, "project": 50}},)x") !=
      std::string::npos);
  CHECK(json.find(R"("unit": "元",)") != std::string::npos);
  CHECK(run.out.find("moved back") == std::string::npos);
}
