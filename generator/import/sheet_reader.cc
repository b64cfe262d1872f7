// read_workbook (sheet_reader.h): the worksheets of an .xlsx workbook as rows of cells.
#include "import/sheet_reader.h"

#include <charconv>
#include <cstdint>
#include <map>
#include <new>

#include "import/sheet_rows.h"
#include "import/xlsx_package.h"

namespace gongkai {

namespace {

using sheet::attribute;
using sheet::child;
using sheet::for_each_child;

constexpr std::uint32_t kMaxRow = 1'048'576;
constexpr std::uint32_t kMaxColumn = 16'384;
/// Largest number of sheets read from one workbook.
constexpr std::size_t kMaxSheets = 1'000;
/// Largest number of steps blanking the cells merged ranges cover, per sheet.
constexpr std::size_t kMaxMergeSteps = 20 * kMaxSheetCells;

/// A cell's place: 1-based row and column.
struct CellRef {
  std::uint32_t row = 0;
  std::uint32_t column = 0;
};

/// Parses "B7" (columns A–XFD, rows 1–1048576); nullopt for anything else.
std::optional<CellRef> parse_ref(std::string_view text) {
  CellRef ref;
  std::size_t at = 0;
  while (at < text.size() && at < 3 && text[at] >= 'A' && text[at] <= 'Z') {
    ref.column = ref.column * 26 + static_cast<std::uint32_t>(text[at] - 'A' + 1);
    ++at;
  }
  auto [end, error] = std::from_chars(text.data() + at, text.data() + text.size(), ref.row);
  if (at == 0 || error != std::errc() || end != text.data() + text.size() || ref.row == 0 ||
      ref.row > kMaxRow || ref.column > kMaxColumn) {
    return std::nullopt;
  }
  return ref;
}

/// "B7" for row 7, column 2.
std::string ref_text(std::uint32_t row, std::uint32_t column) {
  std::string letters;
  for (; column > 0; column = (column - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (column - 1) % 26));
  }
  return letters + std::to_string(row);
}

/// What every sheet of a workbook reads its cells with.
struct WorkbookParts {
  std::vector<std::string> shared_strings;
  std::vector<sheet::NumberFormat> formats;  ///< by cell style index
};

/// The non-empty cells of one sheet, by row and column.
using CellMap = std::map<std::uint32_t, std::map<std::uint32_t, std::string>>;

/// Reads one worksheet's XML into a CellMap and then into rows.
class SheetReader {
 public:
  SheetReader(const WorkbookParts& parts, std::string sheet_place, std::vector<std::string>& errors)
      : parts_(parts), place_(std::move(sheet_place)), errors_(errors) {}

  /// The rows of the worksheet `root` (<worksheet>); false with a message when it is too big.
  bool read(const pugi::xml_node& root, std::vector<SourceRow>& rows) {
    if (!read_cells(child(root, "sheetData"))) return false;
    if (!blank_merged(child(root, "mergeCells"))) return false;
    return build_rows(rows);
  }

 private:
  void refuse(const std::string& why) { errors_.push_back(place_ + ": error: " + why); }

  bool read_cells(const pugi::xml_node& sheet_data) {
    std::uint32_t row_number = 0;
    std::size_t count = 0;
    for (pugi::xml_node row : sheet_data.children()) {
      if (row.type() != pugi::node_element || sheet::local_name(row) != "row") continue;
      std::uint32_t given = attribute(row, "r").as_uint();
      row_number = given > 0 && given <= kMaxRow ? given : row_number + 1;
      if (row_number > kMaxRow) break;
      if (!read_row(row, row_number, count)) return false;
    }
    return true;
  }

  bool read_row(const pugi::xml_node& row, std::uint32_t row_number, std::size_t& count) {
    std::uint32_t column = 0;
    for (pugi::xml_node c : row.children()) {
      if (c.type() != pugi::node_element || sheet::local_name(c) != "c") continue;
      std::optional<CellRef> ref = parse_ref(attribute(c, "r").value());
      column = ref ? ref->column : column + 1;
      if (column > kMaxColumn) break;
      std::string text = sheet::trim_cell(cell_text(c, row_number, column));
      if (text.empty()) continue;
      if (++count > kMaxSheetCells) {
        refuse("more than " + std::to_string(kMaxSheetCells) + " cells; not read");
        return false;
      }
      cells_[row_number][column] = std::move(text);
    }
    return true;
  }

  /// The text of cell `c` as printed: shared or inline strings, booleans, formula results,
  /// numbers in the cell's number format.
  std::string cell_text(const pugi::xml_node& c, std::uint32_t row, std::uint32_t column) {
    std::string_view type = attribute(c, "t").value();
    if (type == "inlineStr") return sheet::string_item_text(child(c, "is"));
    std::string_view value = child(c, "v").child_value();
    if (value.empty()) return {};
    if (type == "s") return shared_string(value, row, column);
    if (type == "b") return value == "1" ? "TRUE" : value == "0" ? "FALSE" : std::string(value);
    if (type == "str" || type == "e" || type == "d") return std::string(value);
    return number_text(value, attribute(c, "s").as_uint());
  }

  std::string shared_string(std::string_view value, std::uint32_t row, std::uint32_t column) {
    std::size_t index = 0;
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), index);
    if (error == std::errc() && end == value.data() + value.size() &&
        index < parts_.shared_strings.size()) {
      return parts_.shared_strings[index];
    }
    if (!missing_string_reported_) {
      errors_.push_back(where(row, column) + ": error: shared string " + std::string(value) +
                        " is not in the workbook");
      missing_string_reported_ = true;
    }
    return {};
  }

  std::string number_text(std::string_view value, std::size_t style) {
    std::string_view trimmed = value.substr(0, value.find_last_not_of(" \t\r\n") + 1);
    double number = 0;
    auto [end, error] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), number);
    if (trimmed.empty() || error != std::errc() || end != trimmed.data() + trimmed.size()) {
      return std::string(value);
    }
    if (style < parts_.formats.size()) return sheet::format_number(number, parts_.formats[style]);
    return sheet::general_number(number);
  }

  /// Empties the cells a merged range covers, all but its top-left one.
  bool blank_merged(const pugi::xml_node& merge_cells) {
    std::size_t steps = 0;
    for (pugi::xml_node merge : merge_cells.children()) {
      if (merge.type() != pugi::node_element || sheet::local_name(merge) != "mergeCell") continue;
      std::string_view range = attribute(merge, "ref").value();
      std::size_t colon = range.find(':');
      if (colon == std::string_view::npos) continue;
      std::optional<CellRef> first = parse_ref(range.substr(0, colon));
      std::optional<CellRef> last = parse_ref(range.substr(colon + 1));
      if (!first || !last) continue;
      if (!blank_range(*first, *last, steps)) {
        refuse("too many merged cells; not read");
        return false;
      }
    }
    return true;
  }

  bool blank_range(CellRef first, CellRef last, std::size_t& steps) {
    for (auto row = cells_.lower_bound(first.row); row != cells_.end() && row->first <= last.row;
         ++row) {
      if (++steps > kMaxMergeSteps) return false;
      auto& columns = row->second;
      auto from = columns.lower_bound(first.column);
      if (row->first == first.row && from != columns.end() && from->first == first.column) ++from;
      auto to = columns.upper_bound(last.column);
      if (from != columns.end() && (to == columns.end() || from->first < to->first)) {
        columns.erase(from, to);
      }
    }
    return true;
  }

  /// The rows from 1 to the last with a cell: empty rows between, empty cells where a row has
  /// none before its last.
  bool build_rows(std::vector<SourceRow>& rows) {
    std::size_t slots = 0;
    std::uint32_t next = 1;
    for (auto& [row_number, columns] : cells_) {
      if (columns.empty()) continue;
      for (; next < row_number; ++next) {
        if (!count(slots, 1)) return false;
        rows.push_back(empty_row(next));
      }
      if (!count(slots, columns.rbegin()->first)) return false;
      rows.push_back(full_row(row_number, columns));
      next = row_number + 1;
    }
    return true;
  }

  bool count(std::size_t& slots, std::size_t more) {
    slots += more;
    if (slots <= kMaxSheetCells) return true;
    refuse("more than " + std::to_string(kMaxSheetCells) +
           " cells (rows × columns, empty ones included); not read");
    return false;
  }

  std::string where(std::uint32_t row, std::uint32_t column) const {
    return place_ + "!" + ref_text(row, column);
  }

  SourceRow empty_row(std::uint32_t row_number) const {
    SourceRow row;
    row.where = where(row_number, 1);
    return row;
  }

  SourceRow full_row(std::uint32_t row_number, std::map<std::uint32_t, std::string>& columns) {
    SourceRow row = empty_row(row_number);
    std::uint32_t last = columns.rbegin()->first;
    row.cells.reserve(last);
    for (std::uint32_t column = 1; column <= last; ++column) {
      auto found = columns.find(column);
      row.cells.push_back({found == columns.end() ? std::string() : std::move(found->second),
                           where(row_number, column)});
    }
    sheet::finish_row(row);
    return row;
  }

  const WorkbookParts& parts_;
  std::string place_;
  std::vector<std::string>& errors_;
  CellMap cells_;
  bool missing_string_reported_ = false;
};

/// Reads a workbook's sheets, in order, within the workbook's bounds.
class WorkbookReader {
 public:
  WorkbookReader(const sheet::XlsxPackage& package, std::vector<std::string>& errors)
      : package_(package), shown_(package.shown_name()), errors_(errors) {}

  std::vector<SourceGrid> read() {
    std::vector<SourceGrid> grids;
    std::string workbook = workbook_part();
    std::string buffer;
    pugi::xml_document doc;
    if (!package_.has(workbook)) {
      errors_.push_back(shown_ + ": error: not an .xlsx workbook (it has no " + workbook + ")");
      return grids;
    }
    if (!package_.read_xml(workbook, buffer, doc, errors_)) return grids;
    auto rels = sheet::read_relationships(package_, workbook, errors_);
    read_parts(rels);
    for_each_child(child(doc.document_element(), "sheets"), "sheet",
                   [&](const pugi::xml_node& sheet) { read_sheet(sheet, rels, grids); });
    return grids;
  }

 private:
  /// The workbook part the package's relationships name, "xl/workbook.xml" by default.
  std::string workbook_part() {
    auto rels = sheet::read_relationships(package_, "", errors_);
    std::string target = sheet::target_of_type(rels, "officeDocument");
    return target.empty() ? "xl/workbook.xml" : target;
  }

  void read_parts(const std::map<std::string, sheet::Relationship>& rels) {
    std::string strings = sheet::target_of_type(rels, "sharedStrings");
    if (strings.empty() && package_.has("xl/sharedStrings.xml")) strings = "xl/sharedStrings.xml";
    if (!strings.empty())
      parts_.shared_strings = sheet::read_shared_strings(package_, strings, errors_);
    std::string styles = sheet::target_of_type(rels, "styles");
    if (styles.empty() && package_.has("xl/styles.xml")) styles = "xl/styles.xml";
    if (!styles.empty()) parts_.formats = sheet::read_cell_formats(package_, styles, errors_);
  }

  void read_sheet(const pugi::xml_node& sheet,
                  const std::map<std::string, sheet::Relationship>& rels,
                  std::vector<SourceGrid>& grids) {
    std::string name = attribute(sheet, "name").value();
    std::string place = shown_ + ":" + name;
    auto rel = rels.find(attribute(sheet, "id").value());
    if (rel == rels.end()) {
      errors_.push_back(place + ": error: the workbook does not say where the sheet is");
      return;
    }
    if (!std::string_view(rel->second.type).ends_with("/worksheet")) return;  // a chart sheet
    if (++sheets_ > kMaxSheets || cells_ > kMaxWorkbookCells) {
      if (!limit_reported_) refuse_rest(place);
      return;
    }
    std::string buffer;
    pugi::xml_document doc;
    if (!package_.read_xml(rel->second.target, buffer, doc, errors_)) return;
    SourceGrid grid{place, {}};
    if (!SheetReader(parts_, place, errors_).read(doc.document_element(), grid.rows)) return;
    for (const SourceRow& row : grid.rows) cells_ += std::max<std::size_t>(1, row.cells.size());
    grids.push_back(std::move(grid));
  }

  void refuse_rest(const std::string& place) {
    errors_.push_back(place + ": error: the workbook has more than " + std::to_string(kMaxSheets) +
                      " sheets or " + std::to_string(kMaxWorkbookCells) +
                      " cells; this sheet and the ones after it are not read");
    limit_reported_ = true;
  }

  const sheet::XlsxPackage& package_;
  const std::string& shown_;
  std::vector<std::string>& errors_;
  WorkbookParts parts_;
  std::size_t sheets_ = 0;
  std::size_t cells_ = 0;
  bool limit_reported_ = false;
};

}  // namespace

std::vector<SourceGrid> read_workbook(const std::filesystem::path& file,
                                      const std::string& shown_name,
                                      std::vector<std::string>& errors) {
  try {
    std::unique_ptr<sheet::XlsxPackage> package =
        sheet::XlsxPackage::open(file, shown_name, errors);
    if (!package) return {};
    return WorkbookReader(*package, errors).read();
  } catch (const std::bad_alloc&) {
    errors.push_back(shown_name + ": error: not enough memory to read the workbook");
  } catch (const std::exception& e) {
    errors.push_back(shown_name + ": error: cannot read the workbook: " + e.what());
  }
  return {};
}

}  // namespace gongkai
