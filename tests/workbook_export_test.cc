// The workbook download (report.xlsx): each example report's workbook read back with the
// project's own .xlsx reader and compared, cell by cell, with the table's CSV and the page's
// printed figures; its XML for codes as strings, number formats and merged header ranges;
// determinism; hostile tables.
#include "render/workbook_export.h"

#include <catch2/catch.hpp>
#include <ctime>
#include <thread>
#include <charconv>
#include <map>
#include <set>

#include "base/file_reader.h"
#include "import/sheet_reader.h"
#include "import/xlsx_package.h"
#include "render/csv_export.h"
#include "render/workbook_sheet.h"
#include "test_support.h"

using namespace gongkai;
using namespace gongkai::testing;

namespace {

constexpr std::time_t kCreated = 1'676'000'000;

/// One cell of a sheet's XML: its type attribute, its style's number format, its raw value.
struct XmlCell {
  std::string type;
  sheet::FormatSection format;
  std::string value;
};

/// A sheet read back: the cells as sheet_reader prints them (0-based row and column), and its
/// XML's cells and merged ranges.
struct ReadSheet {
  std::string name;
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::string> text;
  std::map<std::pair<std::uint32_t, std::uint32_t>, XmlCell> xml;
  std::set<std::string> merges;

  std::string at(std::uint32_t row, std::uint32_t col) const {
    auto found = text.find({row, col});
    return found == text.end() ? "" : found->second;
  }
  const XmlCell* xml_at(std::uint32_t row, std::uint32_t col) const {
    auto found = xml.find({row, col});
    return found == xml.end() ? nullptr : &found->second;
  }
};

/// "B7" → (6, 1).
std::pair<std::uint32_t, std::uint32_t> parse_ref(std::string_view ref) {
  std::uint32_t col = 0, row = 0;
  std::size_t at = 0;
  for (; at < ref.size() && ref[at] >= 'A' && ref[at] <= 'Z'; ++at)
    col = col * 26 + static_cast<std::uint32_t>(ref[at] - 'A' + 1);
  std::from_chars(ref.data() + at, ref.data() + ref.size(), row);
  return {row - 1, col - 1};
}

std::string ref_of(std::uint32_t row, std::uint32_t col) {
  std::string letters;
  for (std::uint32_t c = col + 1; c > 0; c = (c - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters + std::to_string(row + 1);
}

void read_xml(const sheet::XlsxPackage& package, std::size_t index, ReadSheet& out,
              const std::vector<sheet::NumberFormat>& formats, std::vector<std::string>& errors) {
  std::string buffer;
  pugi::xml_document doc;
  REQUIRE(package.read_xml("xl/worksheets/sheet" + std::to_string(index + 1) + ".xml", buffer, doc,
                           errors));
  pugi::xml_node root = doc.document_element();
  sheet::for_each_child(sheet::child(root, "sheetData"), "row", [&](const pugi::xml_node& row) {
    sheet::for_each_child(row, "c", [&](const pugi::xml_node& c) {
      XmlCell cell{c.attribute("t").value(), {}, sheet::child(c, "v").text().get()};
      std::size_t style = c.attribute("s").as_uint();
      if (style < formats.size() && !formats[style].sections.empty())
        cell.format = formats[style].sections[0];
      CHECK_FALSE(sheet::child(c, "f"));  // never a formula
      out.xml[parse_ref(c.attribute("r").value())] = cell;
    });
  });
  sheet::for_each_child(
      sheet::child(root, "mergeCells"), "mergeCell",
      [&](const pugi::xml_node& m) { out.merges.insert(m.attribute("ref").value()); });
}

/// The workbook `bytes` read back with sheet_reader and its XML.
std::vector<ReadSheet> read_back(const std::string& bytes) {
  TempDir dir;
  write_file(dir / "book.xlsx", bytes);
  std::vector<std::string> errors;
  std::vector<SourceGrid> grids = read_workbook(dir / "book.xlsx", "book.xlsx", errors);
  INFO((errors.empty() ? std::string() : errors[0]));
  REQUIRE(errors.empty());
  auto package = sheet::XlsxPackage::open(dir / "book.xlsx", "book.xlsx", errors);
  REQUIRE(package);
  std::vector<sheet::NumberFormat> formats =
      sheet::read_cell_formats(*package, "xl/styles.xml", errors);
  std::vector<ReadSheet> sheets;
  for (std::size_t i = 0; i < grids.size(); ++i) {
    ReadSheet& sheet = sheets.emplace_back();
    sheet.name = grids[i].name.substr(std::string("book.xlsx:").size());
    for (const SourceRow& row : grids[i].rows) {
      for (const SourceCell& cell : row.cells) {
        if (!cell.text.empty())
          sheet.text[parse_ref(cell.where.substr(cell.where.rfind('!') + 1))] = cell.text;
      }
    }
    read_xml(*package, i, sheet, formats, errors);
  }
  return sheets;
}

std::string unit_of(const Table& table) {
  return table.is_form() || table.has_amount_column() ? std::string(unit_label(table.unit)) : "";
}

std::size_t display_rows(const Table& table) {
  std::size_t n = 0;
  for (const Side& side : table.sides) n = std::max(n, side.rows.size());
  return n;
}

/// Checks one grid of `table` placed from `row` of `sheet` (its header, 栏次 row and body) and
/// returns the row after its body.
std::uint32_t check_grid(const ReadSheet& sheet, const Table& table, std::uint32_t row) {
  INFO("table " << table.id);
  // The header tree, placed as an HTML table places its cells; spans are merged ranges.
  auto columns = static_cast<std::uint32_t>(table.columns.size());
  std::vector<std::vector<bool>> taken(table.header.size(), std::vector<bool>(columns, false));
  for (std::uint32_t r = 0; r < table.header.size(); ++r) {
    std::uint32_t c = 0;
    for (const HeaderCell& h : table.header[r]) {
      while (taken[r][c]) ++c;
      std::uint32_t last_c = c + static_cast<std::uint32_t>(h.column_span) - 1;
      std::uint32_t last_r = r + static_cast<std::uint32_t>(h.row_span) - 1;
      for (std::uint32_t y = r; y <= last_r; ++y)
        std::fill(taken[y].begin() + c, taken[y].begin() + last_c + 1, true);
      CHECK(sheet.at(row + r, c) == h.label);
      if (last_c > c || last_r > r)
        CHECK(sheet.merges.contains(ref_of(row + r, c) + ":" + ref_of(row + last_r, last_c)));
      c = last_c + 1;
    }
  }
  row += static_cast<std::uint32_t>(table.header.size());
  if (std::any_of(table.columns.begin(), table.columns.end(),
                  [](const Column& c) { return c.serial.has_value(); })) {
    for (std::uint32_t c = 0; c < columns; ++c)
      CHECK(sheet.at(row, c) == table.columns[c].serial.value_or(""));
    ++row;
  }
  // The body against the CSV download, line for line.
  std::vector<std::string> errors;
  SourceGrid csv = read_csv(table_csv(table), "t.csv", errors);
  REQUIRE(csv.rows.size() == display_rows(table) + 1);
  for (std::size_t i = 0; i < display_rows(table); ++i, ++row) {
    const SourceRow& line = csv.rows[i + 1];
    std::uint32_t col = 0;
    for (const Side& side : table.sides) {
      for (int c : side.columns) {
        const Column& column = table.columns[static_cast<std::size_t>(c)];
        std::string expected = col < line.cells.size() ? line.cells[col].text : "";
        const Cell* cell =
            i < side.rows.size() ? &side.rows[i].cells[static_cast<std::size_t>(c)] : nullptr;
        const XmlCell* xml = sheet.xml_at(row, col);
        INFO("row " << row + 1 << " column " << col + 1 << ": CSV " << expected);
        if (cell && cell->kind == CellKind::figure) {
          // As printed on the page, with the decimals printed; the value is the CSV's figure.
          CHECK(sheet.at(row, col) == cell->figure.format(column.grouping));
          REQUIRE(xml);
          CHECK(xml->type.empty());
          CHECK(xml->format.decimals == cell->figure.scale());
          CHECK(std::stod(xml->value) == std::stod(expected));
        } else {
          if (expected.starts_with('\'') && cell && !cell->text.starts_with('\''))
            expected.erase(0, 1);
          CHECK(sheet.at(row, col) == expected);
          if (!expected.empty()) CHECK((xml && xml->type == "s"));  // text, codes included
        }
        ++col;
      }
    }
  }
  if (table.published_empty) ++row;
  if (!table.notes.empty()) {
    CHECK(sheet.at(row, 0) == "注：");
    for (std::size_t n = 0; n < table.notes.size(); ++n)
      CHECK(sheet.at(row + 1 + n, 0) == table.notes[n]);
    row += 1 + static_cast<std::uint32_t>(table.notes.size());
  }
  return row;
}

/// The rows above a grid: caption, subtitle, department and unit lines, fields.
std::uint32_t check_heading(const ReadSheet& sheet, const ReportData& data, const Table& table,
                            std::uint32_t width) {
  std::string caption = table.number.empty() ? table.title : table.number + " " + table.title;
  CHECK(sheet.at(0, 0) == caption);
  std::uint32_t row = 1;
  if (!table.subtitle.empty()) CHECK(sheet.at(row++, 0) == table.subtitle);
  CHECK(sheet.at(row, 0) == "编制单位：" + data.department);
  if (!unit_of(table).empty())
    CHECK(sheet.at(width == 1 ? row + 1 : row, width == 1 ? 0 : width / 2) ==
          "单位：" + unit_of(table));
  row += width == 1 && !unit_of(table).empty() ? 2 : 1;
  return row + static_cast<std::uint32_t>(table.fields.size());
}

void check_table_sheet(const ReadSheet& sheet, const ReportData& data, const Table& table) {
  std::size_t widest = table.columns.size();
  for (const Table& part : table.parts) widest = std::max(widest, part.columns.size());
  auto width = static_cast<std::uint32_t>(std::max<std::size_t>(widest, 1));
  std::uint32_t row = check_heading(sheet, data, table, width);
  if (!table.is_form()) {
    check_grid(sheet, table, row);
    return;
  }
  for (const Table& part : table.parts) {
    row += 1;
    std::string own = part.number.empty() ? part.title : part.number + " " + part.title;
    std::string form = table.number.empty() ? table.title : table.number + " " + table.title;
    CHECK(sheet.at(row, 0) == (own.empty() ? form : own));
    row += width == 1 && !unit_of(part).empty() ? 2 : 1;
    row += static_cast<std::uint32_t>(part.fields.size());
    row = check_grid(sheet, part, row);
  }
}

ReportData load_example(const std::string& path) {
  Diagnostics diagnostics;
  std::string text = read_file(source_dir() / path);
  std::optional<ReportData> data = load_report_data(path, text, diagnostics);
  INFO(diagnostics.format_all());
  REQUIRE(data);
  return std::move(*data);
}

std::string workbook(const ReportData& data, std::time_t created = kCreated) {
  Diagnostics diagnostics;
  std::string bytes = report_workbook(data, {}, created, diagnostics);
  INFO(diagnostics.format_all());
  REQUIRE_FALSE(diagnostics.has_errors());
  REQUIRE(bytes.starts_with("PK"));
  return bytes;
}

/// Part `name` of the workbook `bytes`, as stored.
std::string part_of(const std::string& bytes, const std::string& name) {
  TempDir dir;
  write_file(dir / "b.xlsx", bytes);
  std::vector<std::string> errors;
  auto package = sheet::XlsxPackage::open(dir / "b.xlsx", "b.xlsx", errors);
  REQUIRE(package);
  std::optional<std::string> part = package->read(name, errors);
  REQUIRE(part);
  return *part;
}

}  // namespace

TEST_CASE("workbook: each example report's tables read back as the CSV and the page print them",
          "[workbook]") {
  for (const char* path : {"content/shenzhen-public-credit-center/2023/budget.json",
                           "content/shenzhen-data-administration/2022/final-accounts.json",
                           "content/shenzhen-public-credit-center/2021/evaluation.json"}) {
    INFO(path);
    ReportData data = load_example(path);
    std::string bytes = workbook(data);
    CHECK(workbook(data) == bytes);  // the same report, the same bytes
    std::vector<ReadSheet> sheets = read_back(bytes);
    REQUIRE(sheets.size() == data.tables.size());
    std::vector<std::string> names = workbook_sheet_names(data);
    for (std::size_t t = 0; t < data.tables.size(); ++t) {
      CHECK(sheets[t].name == names[t]);
      check_table_sheet(sheets[t], data, data.tables[t]);
    }
  }
}

TEST_CASE("workbook: a 0.00 figure shows 0.00, codes are text, headers are merged", "[workbook]") {
  ReportData data = report_with_table(R"({"id": "t", "number": "表3", "title": "支出总表",
    "columns": [{"key": "code", "label": "科目编码", "type": "code"}, {"key": "name", "label": "科目名称"},
      {"label": "本年支出", "columns": [{"key": "total", "label": "合计", "type": "amount"},
        {"key": "basic", "label": "基本支出", "type": "amount"}]},
      {"key": "plain", "label": "数量", "type": "number"}],
    "rows": [{"cells": {"code": "201", "name": "一般公共服务支出", "total": 1234567.50, "basic": 0.00, "plain": 12}},
             {"cells": {"code": "20103", "name": "政府办公厅", "total": 1234567.50, "basic": 0, "plain": 3}},
             {"cells": {"code": "2010301", "name": "行政运行", "total": 1234567.50, "basic": "—", "plain": 9}}],
    "notes": ["本表金额单位为万元。"]})");
  std::vector<ReadSheet> sheets = read_back(workbook(data));
  REQUIRE(sheets.size() == 1);
  const ReadSheet& s = sheets[0];
  CHECK(s.name == "表3");
  CHECK(s.at(0, 0) == "表3 支出总表");
  CHECK(s.at(1, 0) == "编制单位：部门");
  CHECK(s.at(1, 2) == "单位：万元");
  CHECK(s.merges.contains("A1:E1"));
  // 科目编码 and 科目名称 span both header rows; 本年支出 spans its two columns.
  CHECK(s.merges.contains("A3:A4"));
  CHECK(s.merges.contains("C3:D3"));
  CHECK(s.at(2, 2) == "本年支出");
  CHECK(s.at(3, 3) == "基本支出");
  CHECK(s.at(4, 0) == "201");
  CHECK(s.xml_at(6, 0)->type == "s");
  CHECK(s.at(6, 0) == "2010301");
  CHECK(s.at(4, 2) == "1,234,567.50");
  CHECK(s.at(4, 3) == "0.00");
  CHECK(s.xml_at(4, 3)->format.decimals == 2);
  CHECK(s.xml_at(4, 3)->format.grouping);
  CHECK(s.at(5, 3) == "0");
  CHECK(s.xml_at(5, 3)->format.decimals == 0);
  CHECK(s.at(6, 3) == "—");
  CHECK(s.at(4, 4) == "12");  // a number column prints no separators
  CHECK_FALSE(s.xml_at(4, 4)->format.grouping);
  CHECK(s.at(7, 0) == "注：");
  CHECK(s.at(8, 0) == "本表金额单位为万元。");
}

TEST_CASE("workbook: the same bytes every time, created at the published date", "[workbook]") {
  CHECK(workbook_created("2023-02-10") == 1'675'987'200);
  CHECK(workbook_created("") == 315'532'800);
  CHECK(workbook_created("2023-02-30") == 315'532'800);
  CHECK(workbook_created("soon") == 315'532'800);
  ReportData data = load_example("content/shenzhen-public-credit-center/2023/budget.json");
  std::string first = workbook(data, workbook_created("2023-02-10"));
  CHECK(workbook(data, workbook_created("2023-02-10")) == first);
  CHECK(workbook(data, workbook_created("2023-02-11")) != first);
  CHECK(part_of(first, "docProps/core.xml").find("2023-02-10T00:00:00Z") != std::string::npos);
}

TEST_CASE("workbook: figures are numbers only when a spreadsheet keeps them exactly",
          "[workbook]") {
  auto number = [](const char* text) { return xlsx::exact_number(*Decimal::parse(text)); };
  CHECK(number("0.00") == 0.0);
  CHECK(number("120791.59") == 120791.59);
  CHECK(number("-0.14") == -0.14);
  CHECK(number("123456789012.345") == 123456789012.345);  // 15 significant digits
  CHECK_FALSE(number("1234567890123.456"));               // 16
  CHECK_FALSE(number("12345678901234567890"));
  CHECK(number("0.00000001") == 0.00000001);
  CHECK(xlsx::number_format(2, true) == "#,##0.00");
  CHECK(xlsx::number_format(0, true) == "#,##0");
  CHECK(xlsx::number_format(1, false) == "0.0");
  ReportData data = report_with_table(R"({"id": "t", "title": "大数", "columns": [
      {"key": "name", "label": "项目"}, {"key": "amount", "label": "金额", "type": "amount"}],
    "rows": [{"cells": {"name": "甲", "amount": 12345678901234567.89}}]})");
  std::vector<ReadSheet> sheets = read_back(workbook(data));
  CHECK(sheets[0].at(3, 1) == "12,345,678,901,234,567.89");
  CHECK(sheets[0].xml_at(3, 1)->type == "s");
}

TEST_CASE("workbook: sheet names are valid and unique", "[workbook]") {
  CHECK(xlsx::sheet_name("表[1]:*?/\\") == "表_1______");
  CHECK(xlsx::sheet_name("'引号'") == "引号");
  CHECK(xlsx::sheet_name(std::string(40, 'a')).size() == 31);
  CHECK(xlsx::sheet_name("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三") ==
        "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一");
  ReportData data = report_with_table(
      R"({"id": "a", "number": "表1", "title": "甲", "columns": [{"key": "x", "label": "x"}], "rows": []},
    {"id": "b", "number": "表1", "title": "乙", "columns": [{"key": "x", "label": "x"}], "rows": []},
    {"id": "c", "number": "A", "title": "丙", "columns": [{"key": "x", "label": "x"}], "rows": []},
    {"id": "history", "title": "丁", "columns": [{"key": "x", "label": "x"}], "rows": []})");
  CHECK(workbook_sheet_names(data) == std::vector<std::string>{"表1", "b", "A", "history~2"});
  CHECK(read_back(workbook(data)).size() == 4);
}

TEST_CASE("workbook: hostile tables: long texts, control characters, formulas, 10,000 rows",
          "[workbook]") {
  std::string rows;
  for (int i = 0; i < 9'997; ++i) {  // with the three rows below: the most a table has
    if (i) rows += ",";
    rows += R"({"cells": {"name": "行)" + std::to_string(i) + R"(", "amount": )" +
            std::to_string(i) + ".5}}";
  }
  std::string huge(40'000, 'x');
  ReportData data = report_with_table(R"j({"id": "big", "title": "大表", "columns": [
      {"key": "name", "label": "项目"}, {"key": "amount", "label": "金额", "type": "amount"}],
    "rows": [{"cells": {"name": ")j" + huge +
                                      R"j("}}, {"cells": {"name": "control"}},
             {"cells": {"name": "=SUM(A1:A9)"}}, )j" +
                                      rows + "]}");
  // The JSON reader refuses control characters (base/text_characters.h); the workbook escapes
  // them all the same, should any reach it by another way.
  Cell& control = data.tables.at(0).sides.at(0).rows.at(1).cells.at(0);
  REQUIRE(control.text == "control");
  control.text = "a\x01" "b\x1F" "c";
  std::string bytes = workbook(data);
  std::vector<ReadSheet> sheets = read_back(bytes);
  REQUIRE(sheets.size() == 1);
  const ReadSheet& s = sheets[0];
  std::string cut = s.at(3, 0);
  CHECK(cut.size() < huge.size());
  CHECK(cut.ends_with("……（已截断）"));
  CHECK(cut.starts_with("xxxxxxxx"));
  // Written as the format's "_xHHHH_" escapes; the importer's reader drops such characters.
  CHECK(s.at(4, 0) == "abc");
  CHECK(part_of(bytes, "xl/sharedStrings.xml").find("a_x0001_b_x001F_c") != std::string::npos);
  CHECK(s.at(5, 0) == "=SUM(A1:A9)");
  CHECK(s.xml_at(5, 0)->type == "s");
  CHECK(s.at(6 + 9'996, 0) == "行9996");
  CHECK(s.at(6 + 9'996, 1) == "9,996.5");
  CHECK(xlsx::cell_text(std::string(xlsx::kMaxCellChars, 'y'), "…") ==
        std::string(xlsx::kMaxCellChars, 'y'));
  std::string one_more = xlsx::cell_text(std::string(xlsx::kMaxCellChars + 1, 'y'), "…");
  CHECK(one_more == std::string(xlsx::kMaxCellChars - 1, 'y') + "…");
}

TEST_CASE("workbook: column widths count a CJK character as two", "[workbook]") {
  CHECK(xlsx::text_width("abc", 60) == 3);
  CHECK(xlsx::text_width("一般公共服务支出", 60) == 16);
  CHECK(xlsx::text_width("甲乙\nabcdefg", 60) == 7);
  CHECK(xlsx::text_width(std::string(1000, 'a'), 60) == 61);
}

TEST_CASE("workbook dates: gmtime gives each thread its own result", "[workbook]") {
  // libxlsxwriter formats a workbook's dates with gmtime() while another thread may be closing
  // another workbook: with the C library's one shared result, the second call overwrote the
  // first's (a 2016 workbook once said it was created in 2019 in a two-thread build).
  std::time_t first = 1455667200;  // 2016-02-17
  std::tm* mine = gmtime(&first);
  REQUIRE(mine != nullptr);
  std::thread([] {
    std::time_t other = 1568419200;  // 2019-09-14
    gmtime(&other);
  }).join();
  CHECK(mine->tm_year == 116);
  CHECK(mine->tm_mon == 1);
  CHECK(mine->tm_mday == 17);
}
