#include "render/workbook_sheet.h"

#include <unistd.h>
#include <utf8proc.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ctime>
#include <sstream>

/// libxlsxwriter writes a workbook's dates (docProps/core.xml) through gmtime(), whose one
/// static result every thread shares: two workbooks closed at once could swap their dates, and
/// a build with several threads then differed from one with one. Defined in the program, this
/// takes the C library's place for the libraries it loads, and gives each thread its own.
extern "C" std::tm* gmtime(const std::time_t* timer) {
  thread_local std::tm result;
  return gmtime_r(timer, &result);
}

namespace gongkai::xlsx {

namespace {

constexpr int kMinColumnWidth = 6;
constexpr int kMaxColumnWidth = 60;
/// Points per line of the default 11-point font.
constexpr double kLineHeight = 15;
constexpr int kMaxRowLines = 40;

/// The length of the UTF-8 sequence starting with `lead` (1 for a stray byte).
std::size_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

}  // namespace

std::optional<double> exact_number(const Decimal& figure) {
  std::string plain = figure.to_string();
  int significant = 0;
  bool leading = true;
  for (char c : plain) {
    if (c < '0' || c > '9') continue;
    leading = leading && c == '0';
    if (!leading) ++significant;
  }
  if (significant > kMaxNumberDigits) return std::nullopt;
  double value = 0;
  auto [end, error] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
  if (error != std::errc() || end != plain.data() + plain.size()) return std::nullopt;
  char written[64];
  std::snprintf(written, sizeof written, "%.16G", value);
  double back = 0;
  std::from_chars(written, written + std::char_traits<char>::length(written), back);
  if (back != value) return std::nullopt;
  return value;
}

std::string number_format(int decimals, bool grouping) {
  std::string out = grouping ? "#,##0" : "0";
  if (decimals > 0) out += "." + std::string(static_cast<std::size_t>(decimals), '0');
  return out;
}

std::string cell_text(std::string_view text, std::string_view marker) {
  std::size_t units = 0, marker_units = 0;
  for (unsigned char c : marker) marker_units += (c & 0xC0) != 0x80 ? (c >= 0xF0 ? 2 : 1) : 0;
  std::size_t keep = text.size();  // bytes that fit with the marker after them
  bool found_keep = false;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t length =
        std::min(sequence_length(static_cast<unsigned char>(text[at])), text.size() - at);
    std::size_t next_units = units + (length == 4 ? 2 : 1);
    if (!found_keep && next_units + marker_units > kMaxCellChars) {
      keep = at;
      found_keep = true;
    }
    if (next_units > kMaxCellChars) return std::string(text.substr(0, keep)) + std::string(marker);
    units = next_units;
    at += length;
  }
  return std::string(text);
}

int text_width(std::string_view text, int cap) {
  int widest = 0, line = 0;
  auto bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  for (std::size_t at = 0; at < text.size() && widest <= cap;) {
    utf8proc_int32_t code = 0;
    utf8proc_ssize_t length =
        utf8proc_iterate(bytes + at, static_cast<utf8proc_ssize_t>(text.size() - at), &code);
    if (length <= 0) {
      ++at;
      ++line;
      continue;
    }
    at += static_cast<std::size_t>(length);
    if (code == '\n') {
      line = 0;
      continue;
    }
    line += utf8proc_charwidth(code) >= 2 ? 2 : 1;
    widest = std::max(widest, line);
  }
  return std::min(widest, cap + 1);
}

std::string sheet_name(std::string_view wanted) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t at = 0; at < wanted.size() && chars < 31;) {
    std::size_t length =
        std::min(sequence_length(static_cast<unsigned char>(wanted[at])), wanted.size() - at);
    std::string_view one = wanted.substr(at, length);
    bool forbidden =
        length == 1 && std::string_view("[]:*?/\\").find(one[0]) != std::string_view::npos;
    bool control = length == 1 && static_cast<unsigned char>(one[0]) < 0x20;
    out += forbidden || control ? std::string_view("_") : one;
    at += length;
    ++chars;
  }
  while (!out.empty() && out.front() == '\'') out.erase(0, 1);
  while (!out.empty() && out.back() == '\'') out.pop_back();
  return out;
}

// ---- Sheet ------------------------------------------------------------------------------

Sheet::Sheet(lxw_worksheet* sheet, std::function<lxw_format*(const Look&)> formats,
             std::string_view truncation_marker)
    : sheet_(sheet), formats_(std::move(formats)), marker_(truncation_marker) {}

void Sheet::measure(std::uint32_t col, int width) {
  if (col >= kMaxColumns) return;
  if (widths_.size() <= col) widths_.resize(col + 1, 0);
  widths_[col] = std::max(widths_[col], width);
}

int Sheet::width(std::uint32_t col) const {
  int w = col < widths_.size() ? widths_[col] : 0;
  return std::clamp(w + 2, kMinColumnWidth, kMaxColumnWidth);
}

void Sheet::text(std::uint32_t row, std::uint32_t col, std::string_view text, Look look,
                 bool measured) {
  if (!sheet_ || row >= kMaxRows || col >= kMaxColumns) return;
  if (text.empty()) return blank(row, col, look);
  if (measured) measure(col, text_width(text, kMaxColumnWidth));
  if (text.find('\n') != std::string_view::npos) {
    look.wrap = true;
    int lines = 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
    row_lines(row, lines);
  }
  std::string fitted = cell_text(text, marker_);
  worksheet_write_string(sheet_, row, static_cast<lxw_col_t>(col), fitted.c_str(), formats_(look));
}

void Sheet::figure(std::uint32_t row, std::uint32_t col, const Decimal& figure, bool grouping,
                   bool bold) {
  if (!sheet_ || row >= kMaxRows || col >= kMaxColumns) return;
  std::string shown = figure.format(grouping);
  std::optional<double> number = exact_number(figure);
  if (!number) return text(row, col, shown, {.role = Role::figure_text, .bold = bold});
  measure(col, static_cast<int>(shown.size()));
  Look look{.role = Role::figure,
            .bold = bold,
            .decimals = static_cast<std::uint8_t>(figure.scale()),
            .grouping = grouping};
  worksheet_write_number(sheet_, row, static_cast<lxw_col_t>(col), *number, formats_(look));
}

void Sheet::blank(std::uint32_t row, std::uint32_t col, Look look) {
  if (!sheet_ || row >= kMaxRows || col >= kMaxColumns) return;
  worksheet_write_blank(sheet_, row, static_cast<lxw_col_t>(col), formats_(look));
}

void Sheet::merged(std::uint32_t row, std::uint32_t col, std::uint32_t last_row,
                   std::uint32_t last_col, std::string_view text, Look look) {
  if (!sheet_ || last_row >= kMaxRows || last_col >= kMaxColumns) return;
  if (row == last_row && col == last_col) return this->text(row, col, text, look, false);
  std::string fitted = cell_text(text, marker_);
  worksheet_merge_range(sheet_, row, static_cast<lxw_col_t>(col), last_row,
                        static_cast<lxw_col_t>(last_col), fitted.c_str(), formats_(look));
}

void Sheet::row_lines(std::uint32_t row, int lines) {
  int& at = lines_[row];
  at = std::max(at, std::min(lines, kMaxRowLines));
}

void Sheet::finish() {
  if (!sheet_) return;
  for (std::size_t c = 0; c < widths_.size(); ++c) {
    auto col = static_cast<lxw_col_t>(c);
    worksheet_set_column(sheet_, col, col, width(static_cast<std::uint32_t>(c)), nullptr);
  }
  for (auto [row, lines] : lines_) {
    if (lines > 1 && row < kMaxRows) worksheet_set_row(sheet_, row, lines * kLineHeight, nullptr);
  }
}

void Sheet::print_layout(std::optional<std::pair<std::uint32_t, std::uint32_t>> header_rows,
                         std::uint32_t body_row) {
  if (!sheet_) return;
  worksheet_set_landscape(sheet_);
  worksheet_set_paper(sheet_, 9);  // A4
  worksheet_fit_to_pages(sheet_, 1, 0);
  if (header_rows && header_rows->second < kMaxRows)
    worksheet_repeat_rows(sheet_, header_rows->first, header_rows->second);
  if (body_row > 0 && body_row < kMaxRows) worksheet_freeze_panes(sheet_, body_row, 0);
}

// ---- Book -------------------------------------------------------------------------------

namespace {

/// A new empty file in the system's temporary folder, private to this process; "" on failure.
std::string private_temp_file() {
  std::error_code error;
  std::filesystem::path dir = std::filesystem::temp_directory_path(error);
  if (error) dir = "/tmp";
  std::string path = (dir / "gongkai-workbook-XXXXXX").string();
  int fd = mkstemp(path.data());
  if (fd < 0) return "";
  close(fd);
  return path;
}

void apply_role(lxw_format* f, Role role) {
  switch (role) {
    case Role::title:
      format_set_bold(f);
      format_set_font_size(f, 14);
      format_set_align(f, LXW_ALIGN_CENTER);
      return;
    case Role::line:
      return;
    case Role::line_end:
      format_set_align(f, LXW_ALIGN_RIGHT);
      return;
    case Role::caption:
      format_set_bold(f);
      return;
    case Role::header:
      format_set_bold(f);
      format_set_text_wrap(f);
      format_set_align(f, LXW_ALIGN_CENTER);
      format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
      format_set_bg_color(f, 0xEEF2F6);
      format_set_border(f, LXW_BORDER_THIN);
      return;
    case Role::serial:
      format_set_align(f, LXW_ALIGN_CENTER);
      format_set_border(f, LXW_BORDER_THIN);
      return;
    case Role::text:
    case Role::code:
      format_set_border(f, LXW_BORDER_THIN);
      format_set_num_format(f, "@");
      return;
    case Role::figure:
      format_set_border(f, LXW_BORDER_THIN);
      return;
    case Role::figure_text:
      format_set_border(f, LXW_BORDER_THIN);
      format_set_align(f, LXW_ALIGN_RIGHT);
      format_set_num_format(f, "@");
      return;
    case Role::note:
      format_set_text_wrap(f);
      format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
      return;
  }
}

}  // namespace

Book::Book(const std::string& title, std::time_t created, std::string truncation_marker)
    : path_(private_temp_file()), marker_(std::move(truncation_marker)) {
  if (path_.empty()) {
    error_ = "cannot create a temporary file for the workbook";
    return;
  }
  lxw_workbook_options options{};
  book_ = workbook_new_opt(path_.c_str(), &options);
  if (!book_) {
    error_ = "cannot start the workbook";
    return;
  }
  lxw_doc_properties properties{};
  std::string title_copy = cell_text(title, marker_);
  properties.title = title_copy.data();
  properties.created = created;
  workbook_set_properties(book_, &properties);
}

Book::~Book() {
  if (book_) {
    workbook_close(book_);  // frees it; the file is removed below
    book_ = nullptr;
  }
  if (!path_.empty()) std::remove(path_.c_str());
}

lxw_format* Book::format(const Look& look) {
  auto found = formats_.find(look);
  if (found != formats_.end()) return found->second;
  lxw_format* f = workbook_add_format(book_);
  apply_role(f, look.role);
  if (look.bold) format_set_bold(f);
  if (look.wrap) format_set_text_wrap(f);
  if (look.indent > 0) format_set_indent(f, look.indent);
  if (look.role == Role::figure)
    format_set_num_format(f, number_format(look.decimals, look.grouping).c_str());
  return formats_[look] = f;
}

Sheet Book::add_sheet(const std::string& name) {
  lxw_worksheet* sheet = book_ ? workbook_add_worksheet(book_, name.c_str()) : nullptr;
  return Sheet(
      sheet, [this](const Look& look) { return format(look); }, marker_);
}

std::optional<std::string> Book::close() {
  if (!book_) return std::nullopt;
  lxw_error status = workbook_close(book_);
  book_ = nullptr;
  if (status != LXW_NO_ERROR) {
    error_ = std::string("cannot write the workbook: ") + lxw_strerror(status);
    return std::nullopt;
  }
  std::ifstream in(path_, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) {
    error_ = "cannot read the workbook back from its temporary file";
    return std::nullopt;
  }
  return std::move(bytes).str();
}

}  // namespace gongkai::xlsx
