#include "workbook_writer.h"

#include <xlsxwriter.h>

#include <cctype>
#include <charconv>
#include <map>
#include <optional>
#include <stdexcept>
#include <string_view>

namespace gongkai::testing {

namespace {

constexpr int kMaxRows = 1'048'576;
constexpr int kMaxCols = 16'384;
constexpr std::size_t kMaxSheetNameUnits = 31;
constexpr std::size_t kMaxCellChars = 32'767;
constexpr int kMaxSignificantDigits = 15;

/// A cell text that is a printed figure: its value and the number format that prints it so.
struct Figure {
  double value = 0;
  std::string format;
};

bool all_digits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

/// The digits of an integer part printed "1234" or "1,234" (groups of three after the first
/// of one to three), or nullopt.
std::optional<std::string> integer_digits(std::string_view text, bool& grouped) {
  grouped = text.find(',') != std::string_view::npos;
  if (!grouped) return all_digits(text) ? std::optional<std::string>(text) : std::nullopt;
  std::size_t comma = text.find(',');
  if (comma == 0 || comma > 3 || !all_digits(text.substr(0, comma))) return std::nullopt;
  std::string digits(text.substr(0, comma));
  for (std::size_t at = comma; at < text.size(); at += 4) {
    std::string_view group = text.substr(at + 1, 3);
    if (text[at] != ',' || group.size() != 3 || !all_digits(group)) return std::nullopt;
    digits += group;
  }
  return digits;
}

int significant_digits(const std::string& digits) {
  std::size_t first = digits.find_first_not_of('0');
  return first == std::string::npos ? 0 : static_cast<int>(digits.size() - first);
}

/// The figure `text` prints, or nullopt when it is not one (workbook_writer.h).
std::optional<Figure> as_figure(std::string_view text) {
  bool percent = text.ends_with('%');
  if (percent) text.remove_suffix(1);
  bool negative = text.starts_with('-');
  if (negative) text.remove_prefix(1);
  std::size_t point = text.find('.');
  std::string_view fraction =
      point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
  if (point != std::string_view::npos && !all_digits(fraction)) return std::nullopt;
  bool grouped = false;
  std::optional<std::string> integer = integer_digits(text.substr(0, point), grouped);
  if (!integer || (integer->size() > 1 && (*integer)[0] == '0')) return std::nullopt;
  std::string digits = *integer + std::string(fraction);
  int significant = significant_digits(digits);
  if (significant > kMaxSignificantDigits || (negative && significant == 0)) return std::nullopt;
  std::string plain =
      (negative ? "-" : "") + *integer + (fraction.empty() ? "" : ".") + std::string(fraction);
  Figure figure;
  std::from_chars(plain.data(), plain.data() + plain.size(), figure.value);
  if (percent) figure.value /= 100;
  figure.format = std::string(grouped ? "#,##0" : "0") +
                  (fraction.empty() ? "" : "." + std::string(fraction.size(), '0')) +
                  (percent ? "%" : "");
  return figure;
}

/// The number of UTF-8 characters of `text` and, with `utf16`, of UTF-16 units.
std::size_t count_chars(std::string_view text, bool utf16 = false) {
  std::size_t n = 0;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if ((byte & 0xC0) != 0x80) n += utf16 && byte >= 0xF0 ? 2 : 1;
  }
  return n;
}

/// `text` cut to at most `units` UTF-16 units, at a character boundary.
std::string cut_utf16(std::string_view text, std::size_t units) {
  std::size_t end = 0;
  std::size_t used = 0;
  while (end < text.size()) {
    auto lead = static_cast<unsigned char>(text[end]);
    std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    std::size_t cost = lead >= 0xF0 ? 2 : 1;
    if (used + cost > units) break;
    used += cost;
    end = std::min(text.size(), end + length);
  }
  return std::string(text.substr(0, end));
}

/// `name` with what a sheet name may not hold replaced or dropped (before uniqueness).
std::string clean_sheet_name(std::string_view name) {
  std::string clean;
  for (char c : name) {
    bool bad = std::string_view("[]:*?/\\").find(c) != std::string_view::npos ||
               (static_cast<unsigned char>(c) < 0x20 || c == 0x7F);
    clean += bad ? '_' : c;
  }
  std::size_t first = clean.find_first_not_of('\'');
  std::size_t last = clean.find_last_not_of('\'');
  clean = first == std::string::npos ? std::string() : clean.substr(first, last - first + 1);
  if (clean.empty()) clean = "Sheet";
  if (clean == "History") clean = "History_";  // reserved by spreadsheet programs
  return clean;
}

/// `name` cut to the length of a sheet name less `reserve` units, without apostrophes left at
/// its end.
std::string cut_name(const std::string& name, std::size_t reserve) {
  std::string cut = cut_utf16(name, kMaxSheetNameUnits - reserve);
  while (!cut.empty() && cut.back() == '\'') cut.pop_back();
  return cut.empty() ? "Sheet" : cut;
}

std::string ascii_lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string cell_name(std::size_t sheet, int row, int col) {
  return "sheet " + std::to_string(sheet + 1) + ", row " + std::to_string(row + 1) + ", column " +
         std::to_string(col + 1);
}

bool inside(const WorkbookSheet::Merge& m, int row, int col) {
  return row >= m.first_row && row <= m.last_row && col >= m.first_col && col <= m.last_col;
}

bool overlap(const WorkbookSheet::Merge& a, const WorkbookSheet::Merge& b) {
  return a.first_row <= b.last_row && b.first_row <= a.last_row && a.first_col <= b.last_col &&
         b.first_col <= a.last_col;
}

bool single_cell(const WorkbookSheet::Merge& m) {
  return m.first_row == m.last_row && m.first_col == m.last_col;
}

/// Whether cell (row, col) is covered by a merge without being its top-left cell.
bool covered(const std::vector<WorkbookSheet::Merge>& merges, int row, int col) {
  for (const auto& m : merges) {
    if (inside(m, row, col) && !(row == m.first_row && col == m.first_col)) return true;
  }
  return false;
}

/// Throws when a sheet's cells or merges are outside the limits of a sheet.
void validate(const std::vector<WorkbookSheet>& sheets) {
  for (std::size_t s = 0; s < sheets.size(); ++s) {
    const WorkbookSheet& sheet = sheets[s];
    if (sheet.rows.size() > static_cast<std::size_t>(kMaxRows)) {
      throw std::runtime_error("write_workbook: sheet " + std::to_string(s + 1) +
                               " has more rows than a sheet holds");
    }
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
      if (sheet.rows[r].size() > static_cast<std::size_t>(kMaxCols)) {
        throw std::runtime_error("write_workbook: " + cell_name(s, static_cast<int>(r), 0) +
                                 ": more columns than a sheet holds");
      }
      for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
        if (count_chars(sheet.rows[r][c]) > kMaxCellChars) {
          throw std::runtime_error(
              "write_workbook: " + cell_name(s, static_cast<int>(r), static_cast<int>(c)) +
              ": longer than a cell holds (32767 characters)");
        }
      }
    }
    for (std::size_t i = 0; i < sheet.merges.size(); ++i) {
      const auto& m = sheet.merges[i];
      if (m.first_row < 0 || m.first_col < 0 || m.last_row < m.first_row ||
          m.last_col < m.first_col || m.last_row >= kMaxRows || m.last_col >= kMaxCols) {
        throw std::runtime_error("write_workbook: sheet " + std::to_string(s + 1) + ": merge " +
                                 std::to_string(i + 1) + " is not a range of the sheet");
      }
      for (std::size_t j = 0; j < i; ++j) {
        if (overlap(m, sheet.merges[j])) {
          throw std::runtime_error("write_workbook: sheet " + std::to_string(s + 1) + ": merges " +
                                   std::to_string(j + 1) + " and " + std::to_string(i + 1) +
                                   " overlap");
        }
      }
    }
  }
}

/// Writes one workbook; the formats for figures are made once per format code.
class Writer {
 public:
  explicit Writer(const std::filesystem::path& path)
      : path_(path), workbook_(workbook_new(path.c_str())) {
    if (workbook_ == nullptr) fail("cannot start the workbook", LXW_NO_ERROR);
  }
  /// A workbook left unfinished by an error is closed and its file removed.
  ~Writer() {
    if (workbook_ == nullptr) return;
    workbook_close(workbook_);
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void sheet(const WorkbookSheet& sheet, const std::string& name) {
    lxw_worksheet* worksheet = workbook_add_worksheet(workbook_, name.c_str());
    if (worksheet == nullptr) fail("cannot add sheet \"" + name + "\"", LXW_NO_ERROR);
    for (const auto& m : sheet.merges) {
      if (single_cell(m)) continue;
      check(worksheet_merge_range(worksheet, static_cast<lxw_row_t>(m.first_row),
                                  static_cast<lxw_col_t>(m.first_col),
                                  static_cast<lxw_row_t>(m.last_row),
                                  static_cast<lxw_col_t>(m.last_col), "", nullptr),
            "merging cells of sheet \"" + name + "\"");
    }
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
      for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
        int row = static_cast<int>(r);
        int col = static_cast<int>(c);
        if (sheet.rows[r][c].empty() || covered(sheet.merges, row, col)) continue;
        cell(worksheet, row, col, sheet.rows[r][c], name);
      }
    }
  }

  /// Writes the file; throws when it cannot.
  void close() {
    lxw_error error = workbook_close(workbook_);
    workbook_ = nullptr;
    check(error, "writing " + path_.string());
  }

 private:
  [[noreturn]] void fail(const std::string& what, lxw_error error) {
    throw std::runtime_error(
        "write_workbook: " + what +
        (error == LXW_NO_ERROR ? "" : std::string(": ") + lxw_strerror(error)));
  }

  void check(lxw_error error, const std::string& what) {
    if (error != LXW_NO_ERROR) fail(what, error);
  }

  void cell(lxw_worksheet* worksheet, int row, int col, const std::string& text,
            const std::string& name) {
    auto r = static_cast<lxw_row_t>(row);
    auto c = static_cast<lxw_col_t>(col);
    std::optional<Figure> figure = as_figure(text);
    lxw_error error =
        figure ? worksheet_write_number(worksheet, r, c, figure->value, format(figure->format))
               : worksheet_write_string(worksheet, r, c, text.c_str(), nullptr);
    check(error, "writing row " + std::to_string(row + 1) + ", column " + std::to_string(col + 1) +
                     " of sheet \"" + name + "\"");
  }

  lxw_format* format(const std::string& code) {
    auto [it, added] = formats_.try_emplace(code, nullptr);
    if (added) {
      it->second = workbook_add_format(workbook_);
      format_set_num_format(it->second, code.c_str());
    }
    return it->second;
  }

  std::filesystem::path path_;
  lxw_workbook* workbook_;
  std::map<std::string, lxw_format*> formats_;
};

}  // namespace

std::vector<std::string> workbook_sheet_names(const std::vector<WorkbookSheet>& sheets) {
  std::vector<std::string> names;
  std::map<std::string, bool> taken;
  for (const WorkbookSheet& sheet : sheets) {
    std::string base = clean_sheet_name(sheet.name);
    std::string name = cut_name(base, 0);
    for (int n = 2; taken.count(ascii_lower(name)) > 0; ++n) {
      std::string suffix = " (" + std::to_string(n) + ")";
      name = cut_name(base, suffix.size()) + suffix;
    }
    taken[ascii_lower(name)] = true;
    names.push_back(name);
  }
  return names;
}

void write_workbook(const std::filesystem::path& path, const std::vector<WorkbookSheet>& sheets) {
  validate(sheets);
  std::vector<std::string> names = workbook_sheet_names(sheets);
  Writer writer(path);
  if (sheets.empty()) writer.sheet(WorkbookSheet{}, "Sheet1");
  for (std::size_t i = 0; i < sheets.size(); ++i) writer.sheet(sheets[i], names[i]);
  writer.close();
}

}  // namespace gongkai::testing
