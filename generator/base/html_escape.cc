#include "base/html_escape.h"

#include <array>
#include <cstdint>

#include "base/bytes.h"

namespace gongkai {

namespace {

/// The bytes that HTML escaping replaces: & < > " '.
constexpr std::array<bool, 256> kHtmlSpecial = [] {
  std::array<bool, 256> special{};
  for (char c : std::string_view("&<>\"'")) special[static_cast<unsigned char>(c)] = true;
  return special;
}();

/// The entity that stands for `c`, one of the kHtmlSpecial bytes.
std::string_view html_entity(char c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    default:
      return "&#39;";
  }
}

/// True when one of the eight bytes of `word` needs an entity. A closure, so that the scan
/// inlines it.
constexpr auto has_html_special = [](std::uint64_t word) {
  return (bytes::bytes_equal(word, '&') | bytes::bytes_equal(word, '<') |
          bytes::bytes_equal(word, '>') | bytes::bytes_equal(word, '"') |
          bytes::bytes_equal(word, '\'')) != 0;
};

}  // namespace

void append_html_escaped(std::string& out, std::string_view text) {
  std::size_t run = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    // Most of a page's text has nothing to escape: skip it a word at a time.
    if (i + 8 <= text.size() && !has_html_special(bytes::load8(text, i))) {
      i += 8;
      continue;
    }
    if (kHtmlSpecial[static_cast<unsigned char>(text[i])]) {
      out.append(text, run, i - run);
      out.append(html_entity(text[i]));
      run = i + 1;
    }
    ++i;
  }
  out.append(text, run);
}

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  append_html_escaped(out, text);
  return out;
}

std::string css_string(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    bool special = byte < 0x20 || byte == 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' ||
                   c == '&' || c == '\'';
    if (!special) {
      out += c;
      continue;
    }
    out += '\\';
    if (byte >= 0x10) out += kHex[byte >> 4];
    out += kHex[byte & 0xf];
    out += ' ';
  }
  return out + "\"";
}

}  // namespace gongkai
