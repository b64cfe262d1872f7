#include "import/text_source.h"

#include <cstddef>

namespace gongkai {
namespace {

bool is_continuation_byte(unsigned char c) { return (c & 0xC0) == 0x80; }

/// The number of characters (UTF-8 lead bytes) in `text`.
std::size_t characters(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += is_continuation_byte(c) ? 0 : 1;
  return n;
}

/// The length of the space at the start of `text`: ASCII spaces, tabs and CRs, and U+3000.
std::size_t leading_space(std::string_view text) {
  static const std::string_view kIdeographic = "\xE3\x80\x80";
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ' || text[i] == '\r' || text[i] == '\t') {
      ++i;
    } else if (text.substr(i, 3) == kIdeographic) {
      i += 3;
    } else {
      break;
    }
  }
  return i;
}

std::size_t trailing_space(std::string_view text) {
  static const std::string_view kIdeographic = "\xE3\x80\x80";
  std::size_t n = 0;
  while (n < text.size()) {
    char c = text[text.size() - 1 - n];
    if (c == ' ' || c == '\r' || c == '\t') {
      ++n;
    } else if (n + 3 <= text.size() && text.substr(text.size() - n - 3, 3) == kIdeographic) {
      n += 3;
    } else {
      break;
    }
  }
  return n;
}

std::string place(const std::string& name, std::size_t line, std::size_t column) {
  return name + ":" + std::to_string(line) + ":" + std::to_string(column);
}

SourceRow read_line(std::string_view line, std::size_t number, const std::string& name) {
  SourceRow row;
  row.grid = line.find('\t') != std::string_view::npos;
  row.where = place(name, number, 1 + characters(line.substr(0, leading_space(line))));
  if (leading_space(line) == line.size()) return row;
  std::size_t column = 1;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = line.find('\t', start);
    std::string_view raw = line.substr(start, tab == std::string_view::npos ? tab : tab - start);
    std::size_t lead = leading_space(raw);
    std::string_view text = raw.substr(lead);
    text.remove_suffix(trailing_space(text));
    row.cells.push_back(
        {std::string(text), place(name, number, column + characters(raw.substr(0, lead)))});
    if (tab == std::string_view::npos) break;
    column += characters(raw) + 1;
    start = tab + 1;
  }
  while (!row.cells.empty() && row.cells.back().text.empty()) row.cells.pop_back();
  return row;
}

}  // namespace

SourceGrid read_text(std::string_view text, const std::string& shown_name) {
  SourceGrid grid{shown_name, {}};
  std::size_t number = 1;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? end : end - start);
    grid.rows.push_back(read_line(line, number++, shown_name));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return grid;
}

}  // namespace gongkai
