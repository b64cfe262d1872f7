// read_csv (sheet_reader.h): RFC 4180 CSV in UTF-8 into rows of cells.
#include <utf8proc.h>

#include <string_view>

#include "import/sheet_reader.h"
#include "import/sheet_rows.h"

namespace gongkai {

namespace {

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

/// The byte offset of the first byte of `text` that is not part of valid UTF-8, or npos.
std::size_t first_invalid_utf8(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    if (static_cast<unsigned char>(text[at]) < 0x80) {
      ++at;
      continue;
    }
    utf8proc_int32_t code_point = 0;
    utf8proc_ssize_t n =
        utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + at),
                         static_cast<utf8proc_ssize_t>(text.size() - at), &code_point);
    if (n <= 0) return at;
    at += static_cast<std::size_t>(n);
  }
  return std::string_view::npos;
}

/// Walks CSV text byte by byte, knowing the line and the character column of the next byte.
class CsvParser {
 public:
  CsvParser(std::string_view text, const std::string& shown_name, std::vector<std::string>& errors)
      : text_(text), shown_(shown_name), errors_(errors) {}

  /// Every record of the text as a row; false (with a message) when the text holds more cells
  /// than kMaxSheetCells.
  bool parse(std::vector<SourceRow>& rows) {
    std::size_t cells = 0;
    while (at_ < text_.size()) {
      rows.push_back(record());
      cells += std::max<std::size_t>(1, rows.back().cells.size());
      if (cells > kMaxSheetCells) {
        errors_.push_back(shown_ + ": error: more than " + std::to_string(kMaxSheetCells) +
                          " cells; not read");
        return false;
      }
    }
    return true;
  }

 private:
  std::string place(std::size_t line, std::size_t column) const {
    return shown_ + ":" + std::to_string(line) + ":" + std::to_string(column);
  }

  bool at_end() const { return at_ >= text_.size(); }
  char peek() const { return text_[at_]; }
  bool at_line_end() const { return !at_end() && (peek() == '\n' || peek() == '\r'); }

  /// Steps over one byte, keeping the line and column.
  void advance() {
    char c = text_[at_++];
    if (c == '\n' || (c == '\r' && (at_end() || peek() != '\n'))) {
      ++line_;
      column_ = 1;
    } else if (c != '\r' && !is_continuation(c)) {
      ++column_;
    }
  }

  /// Steps over a line end (LF, CRLF or a lone CR).
  void skip_line_end() {
    if (peek() == '\r') advance();
    if (!at_end() && peek() == '\n') advance();
  }

  /// One record, from the current place to the end of its line (or of the text).
  SourceRow record() {
    SourceRow row;
    row.where = place(line_, column_);
    while (true) {
      row.cells.push_back(field());
      if (!at_end() && peek() == ',') {
        advance();
        continue;
      }
      if (at_line_end()) skip_line_end();
      break;
    }
    sheet::finish_row(row);
    return row;
  }

  /// One field; the current place is its first character.
  SourceCell field() {
    SourceCell cell;
    cell.where = place(line_, column_);
    std::string text;
    if (!at_end() && peek() == '"') {
      quoted(text, cell.where);
    }
    // Unquoted text, or anything after a closing quote (read as it is, leniently).
    while (!at_end() && peek() != ',' && !at_line_end()) {
      text += peek();
      advance();
    }
    cell.text = sheet::trim_cell(text);
    return cell;
  }

  /// A quoted field's content, from its opening quote to past its closing one.
  void quoted(std::string& text, const std::string& where) {
    advance();
    while (true) {
      if (at_end()) {
        errors_.push_back(where + ": error: the quoted field that starts here is not closed");
        return;
      }
      char c = peek();
      advance();
      if (c != '"') {
        text += c;
      } else if (!at_end() && peek() == '"') {
        text += '"';
        advance();
      } else {
        return;
      }
    }
  }

  std::string_view text_;
  const std::string& shown_;
  std::vector<std::string>& errors_;
  std::size_t at_ = 0;
  std::size_t line_ = 1;
  std::size_t column_ = 1;
};

/// "SHOWN:LINE:COL" of byte `offset` of `text` (columns count characters from 1).
std::string place_of_offset(std::string_view text, std::size_t offset,
                            const std::string& shown_name) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    char c = text[i];
    if (c == '\n' || (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      ++line;
      column = 1;
    } else if (c != '\r' && !is_continuation(c)) {
      ++column;
    }
  }
  return shown_name + ":" + std::to_string(line) + ":" + std::to_string(column);
}

}  // namespace

SourceGrid read_csv(const std::string& bytes, const std::string& shown_name,
                    std::vector<std::string>& errors) {
  SourceGrid grid;
  grid.name = shown_name;
  std::string_view text = bytes;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::size_t invalid = first_invalid_utf8(text);
  if (invalid != std::string_view::npos) {
    errors.push_back(place_of_offset(text, invalid, shown_name) +
                     ": error: not UTF-8; save the CSV as UTF-8");
    return grid;
  }
  CsvParser parser(text, shown_name, errors);
  if (!parser.parse(grid.rows)) grid.rows.clear();
  return grid;
}

}  // namespace gongkai
