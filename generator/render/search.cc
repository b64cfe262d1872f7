#include "render/search.h"

#include <algorithm>
#include <array>

#include "base/bytes.h"
#include "base/json.h"

namespace gongkai {

std::string script_safe_json(const nlohmann::json& value) {
  std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else if (c == '\xE2' && text.compare(i, 3, "\xE2\x80\xA8") == 0) out += "\\u2028", i += 2;
    else if (c == '\xE2' && text.compare(i, 3, "\xE2\x80\xA9") == 0) out += "\\u2029", i += 2;
    else out += c;
  }
  return out;
}

namespace {

/// True when one of the eight bytes of `word` may need escaping in a script-safe JSON string:
/// a quote, a backslash, <, >, &, a control character, or the first byte of U+2028 or U+2029.
/// A closure, so that the scan inlines it.
constexpr auto may_need_escape = [](std::uint64_t word) {
  return (bytes::bytes_equal(word, '"') | bytes::bytes_equal(word, '\\') |
          bytes::bytes_equal(word, '<') | bytes::bytes_equal(word, '>') |
          bytes::bytes_equal(word, '&') | bytes::bytes_equal(word, '\xE2') |
          bytes::control_bytes(word)) != 0;
};

/// The escape of the character at `text[i]` ("" when it goes out as it is), its length in
/// bytes in `length`. A control character's escape is spelt in `scratch`.
std::string_view escape_at(std::string_view text, std::size_t i, std::array<char, 6>& scratch,
                           std::size_t& length) {
  length = 1;
  unsigned char c = static_cast<unsigned char>(text[i]);
  switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    case '<': return "\\u003c";
    case '>': return "\\u003e";
    case '&': return "\\u0026";
    default:
      break;
  }
  if (c < 0x20) {
    static const char* const hex = "0123456789abcdef";
    scratch = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
    return {scratch.data(), scratch.size()};
  }
  // Line and paragraph separators end a line inside a <script> in older JavaScript.
  std::string_view three = text.substr(i, 3);
  if (three != "\xE2\x80\xA8" && three != "\xE2\x80\xA9") return "";
  length = 3;
  return three.back() == '\xA8' ? "\\u2028" : "\\u2029";
}

}  // namespace

void append_script_safe_string(std::string& out, std::string_view text) {
  if (json::first_invalid_utf8(text) != std::string_view::npos) {
    out += script_safe_json(nlohmann::json(std::string(text)));  // nlohmann replaces bad bytes
    return;
  }
  out += '"';
  std::array<char, 6> scratch{};
  std::size_t run = 0;
  // Titles and snippets rarely hold anything to escape: they are skipped a word at a time.
  std::size_t i = bytes::skip_clean_words(text, 0, may_need_escape);
  while (i < text.size()) {
    std::size_t length = 0;
    std::string_view escape = escape_at(text, i, scratch, length);
    if (!escape.empty()) {
      out.append(text, run, i - run);
      out += escape;
      run = i + length;
    }
    i = bytes::skip_clean_words(text, escape.empty() ? i + 1 : run, may_need_escape);
  }
  out.append(text, run);
  out += '"';
}

}  // namespace gongkai
