#include "import/sheet_rows.h"

namespace gongkai::sheet {

namespace {

/// The byte length of the white space that starts at `at`, 0 when none does.
std::size_t space_at(std::string_view text, std::size_t at) {
  char c = text[at];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') return 1;
  std::string_view rest = text.substr(at);
  if (rest.starts_with("\xC2\xA0")) return 2;
  if (rest.starts_with("\xE3\x80\x80")) return 3;
  return 0;
}

/// The byte length of the white space that ends at `end`, 0 when none does.
std::size_t space_before(std::string_view text, std::size_t end) {
  if (end >= 1 && space_at(text, end - 1) == 1) return 1;
  if (end >= 2 && text.substr(end - 2, 2) == "\xC2\xA0") return 2;
  if (end >= 3 && text.substr(end - 3, 3) == "\xE3\x80\x80") return 3;
  return 0;
}

}  // namespace

std::string trim_cell(std::string_view text) {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end) {
    std::size_t n = space_at(text, begin);
    if (n == 0) break;
    begin += n;
  }
  while (end > begin) {
    std::size_t n = space_before(text, end);
    if (n == 0 || end - n < begin) break;
    end -= n;
  }
  return std::string(text.substr(begin, end - begin));
}

void finish_row(SourceRow& row) {
  while (!row.cells.empty() && row.cells.back().text.empty()) row.cells.pop_back();
  row.grid = row.cells.size() >= 2;
}

void append_utf8(std::string& out, char32_t code_point) {
  auto byte = [&out](char32_t bits) { out += static_cast<char>(bits); };
  if (code_point < 0x80) {
    byte(code_point);
  } else if (code_point < 0x800) {
    byte(0xC0 | (code_point >> 6));
    byte(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    byte(0xE0 | (code_point >> 12));
    byte(0x80 | ((code_point >> 6) & 0x3F));
    byte(0x80 | (code_point & 0x3F));
  } else {
    byte(0xF0 | (code_point >> 18));
    byte(0x80 | ((code_point >> 12) & 0x3F));
    byte(0x80 | ((code_point >> 6) & 0x3F));
    byte(0x80 | (code_point & 0x3F));
  }
}

}  // namespace gongkai::sheet
