#include "import/sheet_reader.h"

#include <xlsxwriter.h>
#include <zip.h>

#include <catch2/catch.hpp>
#include <utility>

#include "import/sheet_number_format.h"
#include "import/xlsx_package.h"
#include "test_support.h"
#include "workbook_writer.h"

using namespace gongkai;
using gongkai::testing::TempDir;
using gongkai::testing::WorkbookSheet;
using gongkai::testing::write_workbook;

namespace {

/// A row as "text@where" for each cell, "|"-separated, with "(prose)" for a single cell and
/// "(empty)" for none: one string to compare.
std::string show(const SourceRow& row) {
  if (row.cells.empty()) return "(empty) " + row.where;
  std::string text;
  for (std::size_t i = 0; i < row.cells.size(); ++i) {
    text += (i == 0 ? "" : "|") + row.cells[i].text;
  }
  return text + (row.grid ? "" : " (prose)");
}

std::vector<std::string> texts(const SourceGrid& grid) {
  std::vector<std::string> rows;
  for (const SourceRow& row : grid.rows) rows.push_back(show(row));
  return rows;
}

/// Writes a zip archive of the given parts with libzip (for workbooks no writer makes).
void write_zip(const std::filesystem::path& path,
               const std::vector<std::pair<std::string, std::string>>& parts) {
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(zip != nullptr);
  for (const auto& [name, bytes] : parts) {
    zip_source_t* source = zip_source_buffer(zip, bytes.data(), bytes.size(), 0);
    REQUIRE(source != nullptr);
    REQUIRE(zip_file_add(zip, name.c_str(), source, ZIP_FL_ENC_UTF_8) >= 0);
  }
  REQUIRE(zip_close(zip) == 0);
}

constexpr const char* kMainNs =
    "xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
constexpr const char* kRelNs =
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"";
constexpr const char* kRelType =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

/// The parts of a small workbook whose one sheet has the given <x:sheetData> content.
std::vector<std::pair<std::string, std::string>> hand_made_parts(const std::string& sheet_data) {
  std::string rels = std::string("<Relationships ") + kRelNs + ">";
  auto rel = [&](const char* id, const char* type, const char* target) {
    return std::string("<Relationship Id=\"") + id + "\" Type=\"" + kRelType + type +
           "\" Target=\"" + target + "\"/>";
  };
  return {
      {"_rels/.rels", rels + rel("rId1", "officeDocument", "xl/workbook.xml") + "</Relationships>"},
      {"xl/workbook.xml", std::string("<x:workbook ") + kMainNs +
                              "><x:sheets><x:sheet name=\"表1\" sheetId=\"1\" r:id=\"rId1\"/>"
                              "<x:sheet name=\"缺\" sheetId=\"2\" r:id=\"rId2\"/>"
                              "</x:sheets></x:workbook>"},
      {"xl/_rels/workbook.xml.rels", rels + rel("rId1", "worksheet", "worksheets/s1.xml") +
                                         rel("rId2", "worksheet", "/xl/worksheets/missing.xml") +
                                         rel("rId3", "sharedStrings", "../xl/strings.xml") +
                                         "</Relationships>"},
      {"xl/strings.xml", std::string("<x:sst ") + kMainNs +
                             "><x:si><x:r><x:t>一般</x:t></x:r><x:r><x:rPr/><x:t "
                             "xml:space=\"preserve\"> 公共</x:t></x:r><x:rPh><x:t>yiban</x:t>"
                             "</x:rPh></x:si><x:si><x:t>a_x000D_b_x005F_</x:t></x:si></x:sst>"},
      {"xl/worksheets/s1.xml", std::string("<x:worksheet ") + kMainNs + "><x:sheetData>" +
                                   sheet_data + "</x:sheetData></x:worksheet>"},
  };
}

}  // namespace

TEST_CASE("a workbook's sheets read as their printed text", "[sheet_reader]") {
  TempDir dir;
  WorkbookSheet totals{"收支总表", {}, {}};
  totals.rows = {
      {"收支总表"},
      {},
      {"预算单位", "科目编码", "科目名称", "支出总计", "基本支出", "项目支出",
       "2023 年政府采购项目", "", ""},
      {"", "", "", "", "", "", "小计", "其中：货物", "其中：服务"},
      {"深圳市公共信用中心", "201", "一般公共服务支出", "6,296", "0.00", "-0.14", "1,775.5", "",
       ""},
      {" 合计 ", "", "", "6296", "12.5%", "", "", "", ""},
  };
  totals.merges = {{2, 6, 2, 8}, {2, 0, 3, 0}};
  WorkbookSheet notes{
      "表2：支出/功能分类[说明]", {{"部门名称：深圳市公共信用中心"}, {"说明", "", "见附表"}}, {}};
  write_workbook(dir / "book.xlsx", {totals, notes});

  std::vector<std::string> errors;
  std::vector<SourceGrid> grids = read_workbook(dir / "book.xlsx", "book.xlsx", errors);
  CHECK(errors.empty());
  REQUIRE(grids.size() == 2);
  CHECK(grids[0].name == "book.xlsx:收支总表");
  CHECK(grids[1].name == "book.xlsx:表2：支出_功能分类_说明_");
  CHECK(texts(grids[0]) ==
        std::vector<std::string>{
            "收支总表 (prose)",
            "(empty) book.xlsx:收支总表!A2",
            "预算单位|科目编码|科目名称|支出总计|基本支出|项目支出|2023 年政府采购项目",
            "||||||小计|其中：货物|其中：服务",
            "深圳市公共信用中心|201|一般公共服务支出|6,296|0.00|-0.14|1,775.5",
            "合计|||6296|12.5%",
        });
  CHECK(texts(grids[1]) ==
        std::vector<std::string>{"部门名称：深圳市公共信用中心 (prose)", "说明||见附表"});
  const SourceRow& figures = grids[0].rows[4];
  CHECK(figures.where == "book.xlsx:收支总表!A5");
  CHECK(figures.cells[3].where == "book.xlsx:收支总表!D5");
  CHECK(grids[1].rows[1].cells[2].where == "book.xlsx:表2：支出_功能分类_说明_!C2");

  // The writer's strings are shared strings.
  std::vector<std::string> ignored;
  auto package = sheet::XlsxPackage::open(dir / "book.xlsx", "book.xlsx", ignored);
  REQUIRE(package);
  CHECK(package->has("xl/sharedStrings.xml"));
}

TEST_CASE("workbook cells: formulas, booleans, inline strings and number formats",
          "[sheet_reader]") {
  TempDir dir;
  std::string path = (dir / "cells.xlsx").string();
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;  // strings are then written inline
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Sheet1");
  auto format = [&](const char* code) {
    lxw_format* f = workbook_add_format(workbook);
    format_set_num_format(f, code);
    return f;
  };
  lxw_format* two = format("0.00");
  lxw_format* signs = format("#,##0;(#,##0);\"-\"");
  lxw_format* accounting = format("_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * \"-\"??_ ;_ @_ ");
  worksheet_write_string(sheet, 0, 0, "合计", nullptr);
  worksheet_write_formula_num(sheet, 0, 1, "=SUM(C1:D1)", format("#,##0"), 6296);
  worksheet_write_number(sheet, 0, 2, 2.675, two);
  worksheet_write_number(sheet, 0, 3, 0.1 + 0.2, nullptr);
  worksheet_write_boolean(sheet, 0, 4, 1, nullptr);
  worksheet_write_formula_str(sheet, 0, 5, "=A1", nullptr, "合计");
  worksheet_write_number(sheet, 1, 0, -1234, signs);
  worksheet_write_number(sheet, 1, 1, 0, signs);
  worksheet_write_number(sheet, 1, 2, 0, accounting);
  worksheet_write_number(sheet, 1, 3, -1775.5, accounting);
  worksheet_write_number(sheet, 1, 4, 45000, format("yyyy-mm-dd"));
  worksheet_write_number(sheet, 1, 5, 0.0575, format("0.0%"));
  REQUIRE(workbook_close(workbook) == LXW_NO_ERROR);

  std::vector<std::string> errors;
  std::vector<SourceGrid> grids = read_workbook(path, "cells.xlsx", errors);
  CHECK(errors.empty());
  REQUIRE(grids.size() == 1);
  CHECK(texts(grids[0]) == std::vector<std::string>{"合计|6,296|2.68|0.3|TRUE|合计",
                                                    "(1,234)|-|-|-1,775.50|45000|5.8%"});
  std::vector<std::string> ignored;
  auto package = sheet::XlsxPackage::open(path, "cells.xlsx", ignored);
  REQUIRE(package);
  CHECK(package->read("xl/worksheets/sheet1.xml", ignored)->find("inlineStr") != std::string::npos);
}

TEST_CASE("number formats print figures as a spreadsheet does", "[sheet_reader]") {
  auto print = [](double value, const char* code) {
    return sheet::format_number(value, sheet::parse_number_format(code));
  };
  CHECK(print(0, "0.00") == "0.00");
  CHECK(print(6296, "#,##0") == "6,296");
  CHECK(print(1234567.891, "#,##0.00") == "1,234,567.89");
  CHECK(print(-0.14, "0.00") == "-0.14");
  CHECK(print(-0.001, "0.00") == "0.00");
  CHECK(print(0.125, "0.00") == "0.13");
  CHECK(print(1775.5, "General") == "1775.5");
  CHECK(print(0.5, "#.00") == ".50");
  CHECK(print(12.5, "0.0#") == "12.5");
  CHECK(print(7, "000") == "007");
  CHECK(print(1234567, "#,##0,") == "1,235");
  CHECK(print(1234.5, "[$¥-804]#,##0.00") == "¥1,234.50");
  CHECK(print(-5, "0.00;[Red]-0.00") == "-5.00");
  CHECK(print(12345, "0.00E+00") == "1.23E+04");
  CHECK(print(0.25, "0%") == "25%");
  CHECK(print(3, "\"共\"0\"项\"") == "共3项");
  CHECK(sheet::builtin_format_code(4) == "#,##0.00");
}

TEST_CASE("workbook parts: prefixed elements, rich text, escapes, missing parts",
          "[sheet_reader]") {
  TempDir dir;
  write_zip(dir / "hand.xlsx",
            hand_made_parts("<x:row r=\"2\"><x:c t=\"s\"><x:v>0</x:v></x:c>"
                            "<x:c t=\"inlineStr\"><x:is><x:t>内联</x:t></x:is></x:c>"
                            "<x:c t=\"s\"><x:v>1</x:v></x:c><x:c t=\"e\"><x:v>#DIV/0!</x:v></x:c>"
                            "<x:c r=\"F2\"><x:v>1775.5</x:v></x:c>"
                            "<x:c r=\"G2\" t=\"s\"><x:v>9</x:v></x:c></x:row>"));
  std::vector<std::string> errors;
  std::vector<SourceGrid> grids = read_workbook(dir / "hand.xlsx", "hand.xlsx", errors);
  REQUIRE(grids.size() == 1);
  CHECK(texts(grids[0]) == std::vector<std::string>{"(empty) hand.xlsx:表1!A1",
                                                    "一般 公共|内联|a\rb_|#DIV/0!||1775.5"});
  CHECK(errors == std::vector<std::string>{
                      "hand.xlsx:表1!G2: error: shared string 9 is not in the workbook",
                      "hand.xlsx: error: xl/worksheets/missing.xml: missing from the workbook"});
}

TEST_CASE("workbooks that cannot be read give a message, never a crash", "[sheet_reader]") {
  TempDir dir;
  auto read = [&](const std::string& name) {
    std::vector<std::string> errors;
    std::vector<SourceGrid> grids = read_workbook(dir / name, name, errors);
    CHECK(grids.empty());
    return errors;
  };
  testing::write_file(dir / "empty.xlsx", "");
  CHECK(read("empty.xlsx") ==
        std::vector<std::string>{"empty.xlsx: error: not an .xlsx workbook (not a zip archive); "
                                 "save it as .xlsx"});
  write_zip(dir / "document.xlsx", {{"word/document.xml", "<document/>"}});
  CHECK(read("document.xlsx") ==
        std::vector<std::string>{"document.xlsx: error: not an .xlsx workbook (it has no "
                                 "xl/workbook.xml)"});
  write_zip(dir / "broken.xlsx", {{"xl/workbook.xml", "<workbook><sheets>"}});
  CHECK(read("broken.xlsx") ==
        std::vector<std::string>{"broken.xlsx: error: xl/workbook.xml: not well-formed XML "
                                 "(Start-end tags mismatch at byte 17)"});
  testing::write_file(dir / "text.xlsx", "预算单位,科目编码\n");
  CHECK(read("text.xlsx") ==
        std::vector<std::string>{"text.xlsx: error: not an .xlsx workbook (not a zip archive); "
                                 "save it as .xlsx"});
  CHECK(read("absent.xlsx") ==
        std::vector<std::string>{"absent.xlsx: error: cannot read the workbook: No such file"});

  // A real workbook with its compressed sheet damaged, then cut short.
  write_workbook(dir / "good.xlsx", {{"表", {{"收支总表"}, {"a", "6,296"}}, {}}});
  std::string bytes = testing::read_file(dir / "good.xlsx");
  std::size_t sheet = bytes.find("xl/worksheets/sheet1.xml");
  REQUIRE(sheet != std::string::npos);
  for (std::size_t i = sheet + 40; i < sheet + 120; ++i)
    bytes[i] = static_cast<char>(bytes[i] ^ 0x5A);
  testing::write_file(dir / "damaged.xlsx", bytes);
  std::vector<std::string> damaged = read("damaged.xlsx");
  REQUIRE(damaged.size() == 1);
  CHECK_THAT(damaged[0], Catch::StartsWith("damaged.xlsx: error: xl/worksheets/sheet1.xml: "));
  testing::write_file(dir / "short.xlsx", bytes.substr(0, bytes.size() / 2));
  CHECK_FALSE(read("short.xlsx").empty());
}

TEST_CASE("hostile workbooks are refused within bounds", "[sheet_reader]") {
  TempDir dir;
  // Two cells far apart: a grid of a million rows.
  lxw_workbook* workbook = workbook_new((dir / "far.xlsx").c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "远");
  worksheet_write_string(sheet, 0, 0, "a", nullptr);
  worksheet_write_string(sheet, 1'048'575, 16'383, "b", nullptr);
  REQUIRE(workbook_close(workbook) == LXW_NO_ERROR);
  std::vector<std::string> errors;
  CHECK(read_workbook(dir / "far.xlsx", "far.xlsx", errors).empty());
  CHECK(errors == std::vector<std::string>{
                      "far.xlsx:远: error: more than 200000 cells (rows × columns, empty ones "
                      "included); not read"});

  // A part larger than it may be once uncompressed (it compresses to almost nothing).
  auto parts = hand_made_parts("");
  parts.back().second = std::string(kMaxPartBytes + 1, ' ');
  write_zip(dir / "big.xlsx", parts);
  errors.clear();
  CHECK(read_workbook(dir / "big.xlsx", "big.xlsx", errors).empty());
  CHECK(errors.front() ==
        "big.xlsx: error: xl/worksheets/s1.xml: larger than 64 MiB uncompressed; not read");
}

TEST_CASE("CSV files read as rows of cells with their line and column", "[sheet_reader]") {
  std::string bytes =
      "\xEF\xBB\xBF收支总表\r\n"
      "\r\n"
      "项目,\"金额, 万元\",备注\r\n"
      "\"一般\"\"公共\"\"预算\",\"6,296\",\"第一行\n第二行\"\r\n"
      "合计,0.00,, \r\n";
  std::vector<std::string> errors;
  SourceGrid grid = read_csv(bytes, "a.csv", errors);
  CHECK(errors.empty());
  CHECK(grid.name == "a.csv");
  CHECK(texts(grid) ==
        std::vector<std::string>{"收支总表 (prose)", "(empty) a.csv:2:1", "项目|金额, 万元|备注",
                                 "一般\"公共\"预算|6,296|第一行\n第二行", "合计|0.00"});
  REQUIRE(grid.rows.size() == 5);
  CHECK(grid.rows[0].cells[0].where == "a.csv:1:1");
  CHECK(grid.rows[2].cells[1].where == "a.csv:3:4");
  CHECK(grid.rows[2].cells[2].where == "a.csv:3:13");
  CHECK(grid.rows[3].cells[1].where == "a.csv:4:14");
  CHECK(grid.rows[3].cells[2].where == "a.csv:4:22");
  CHECK(grid.rows[4].where == "a.csv:6:1");
  CHECK(grid.rows[4].cells[1].where == "a.csv:6:4");
}

TEST_CASE("CSV files that are not UTF-8 or not closed give a message", "[sheet_reader]") {
  std::vector<std::string> errors;
  SourceGrid grid = read_csv("a,b\n中,\xD6\xD0\xCE\xC4\n", "gbk.csv", errors);
  CHECK(grid.rows.empty());
  CHECK(errors == std::vector<std::string>{"gbk.csv:2:3: error: not UTF-8; save the CSV as UTF-8"});
  errors.clear();
  grid = read_csv("a,\"bc\nd", "open.csv", errors);
  CHECK(errors == std::vector<std::string>{
                      "open.csv:1:3: error: the quoted field that starts here is not closed"});
  CHECK(texts(grid) == std::vector<std::string>{"a|bc\nd"});
  errors.clear();
  CHECK(read_csv("", "empty.csv", errors).rows.empty());
  CHECK(errors.empty());
}

TEST_CASE("workbook sheet names are made valid and unique", "[sheet_reader]") {
  std::vector<WorkbookSheet> sheets(5);
  sheets[0].name = "2023年一般公共预算财政拨款支出表（按功能分类科目）（含政府性基金）";
  sheets[1].name = "2023年一般公共预算财政拨款支出表（按功能分类科目）（含政府性基金预算）";
  sheets[2].name = "'a:b'";
  sheets[3].name = "";
  sheets[4].name = "SHEET";
  CHECK(testing::workbook_sheet_names(sheets) ==
        std::vector<std::string>{"2023年一般公共预算财政拨款支出表（按功能分类科目）（含政府",
                                 "2023年一般公共预算财政拨款支出表（按功能分类科目） (2)", "a_b",
                                 "Sheet", "SHEET (2)"});
}
