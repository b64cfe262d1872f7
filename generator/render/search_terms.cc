#include "render/search_terms.h"

#include <vector>

#include <utf8proc.h>

namespace gongkai {

namespace {

enum class CharClass { separator, han, letter, digit };

/// Decodes the UTF-8 character at `text[i]` (utf8proc); its length in `length` (1 for a bad
/// byte, which then counts as a separator: the loader refuses invalid UTF-8 before text gets here).
char32_t decode(std::string_view text, std::size_t i, std::size_t& length) {
  utf8proc_int32_t code = 0;
  utf8proc_ssize_t read = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                                           static_cast<utf8proc_ssize_t>(text.size() - i), &code);
  length = read > 0 ? static_cast<std::size_t>(read) : 1;
  return read > 0 && code >= 0 ? static_cast<char32_t>(code) : 0xFFFD;
}

/// Full-width ASCII (Ａ, ６) as its ASCII letter or digit, as NFKC would; other characters as
/// they are.
char32_t narrow(char32_t c) { return c >= 0xFF01 && c <= 0xFF5E ? c - 0xFEE0 : c; }

bool is_han(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x3134F);
}

/// Letters of other scripts: everything from U+00C0 that is neither Han nor in a block of
/// punctuation and symbols. Coarse, and the same in search.js.
bool is_other_letter(char32_t c) {
  if (c < 0xC0 || c == 0xD7 || c == 0xF7) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // punctuation, symbols, arrows, shapes
  if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
  if (c >= 0xFE30 && c <= 0xFE4F) return false;  // CJK compatibility forms
  if (c >= 0xFF00 && c <= 0xFFEF) return false;  // half- and full-width forms
  return c != 0xFFFD && !(c >= 0xE000 && c <= 0xF8FF);
}

CharClass classify(char32_t c) {
  if (c >= '0' && c <= '9') return CharClass::digit;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return CharClass::letter;
  if (is_han(c)) return CharClass::han;
  return is_other_letter(c) ? CharClass::letter : CharClass::separator;
}

/// Appends `c` in UTF-8 (utf8proc), ASCII capitals lower-cased.
void append_utf8(std::string& out, char32_t c) {
  if (c >= 'A' && c <= 'Z') c += 32;
  utf8proc_uint8_t bytes[4];
  utf8proc_ssize_t n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(c), bytes);
  out.append(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(n));
}

/// The characters of `text`, narrowed, each with its class.
struct Char {
  char32_t code;
  CharClass kind;
};

std::vector<Char> characters(std::string_view text) {
  std::vector<Char> out;
  for (std::size_t i = 0, length = 0; i < text.size(); i += length) {
    char32_t c = narrow(decode(text, i, length));
    out.push_back({c, classify(c)});
  }
  return out;
}

/// The number starting at chars[i] (digits, commas before a digit, one point before a
/// digit): its terms to `take`, the index after it returned.
std::size_t take_number(const std::vector<Char>& chars, std::size_t i,
                        const std::function<void(const std::string&)>& take) {
  std::string raw;
  bool point = false;
  while (i < chars.size()) {
    char32_t c = chars[i].code;
    bool next_digit = i + 1 < chars.size() && chars[i + 1].kind == CharClass::digit;
    if (chars[i].kind == CharClass::digit) raw += static_cast<char>(c);
    else if (c == ',' && next_digit && !point) { /* a grouping comma: dropped */ }
    else if (c == '.' && next_digit && !point) raw += '.', point = true;
    else break;
    ++i;
  }
  take(number_term(raw));
  return i;
}

}  // namespace

std::string number_term(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ',') continue;
    if ((c < '0' || c > '9') && c != '.') return "";
    out += c;
  }
  std::size_t dot = out.find('.');
  if (out.empty() || dot == 0 || (dot != std::string::npos && out.find('.', dot + 1) != std::string::npos))
    return "";
  return out.substr(0, dot);
}

void for_each_search_term(std::string_view text, const std::function<void(const std::string&)>& take) {
  std::vector<Char> chars = characters(text);
  std::size_t i = 0;
  while (i < chars.size()) {
    CharClass kind = chars[i].kind;
    if (kind == CharClass::digit) {
      i = take_number(chars, i, take);
      continue;
    }
    std::size_t end = i;
    while (end < chars.size() && chars[end].kind == kind) ++end;
    if (kind == CharClass::letter) {
      std::string word;
      for (std::size_t k = i; k < end; ++k) append_utf8(word, chars[k].code);
      take(word);
    } else if (kind == CharClass::han) {
      for (std::size_t k = i; k + 1 < end; ++k) {
        std::string pair;
        append_utf8(pair, chars[k].code);
        append_utf8(pair, chars[k + 1].code);
        take(pair);
      }
    }
    i = end > i ? end : i + 1;
  }
}

std::uint32_t search_shard(std::string_view term, std::uint32_t shards) {
  std::uint32_t hash = 2166136261u;
  for (char c : term) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619u;
  }
  return shards == 0 ? 0 : hash % shards;
}

}  // namespace gongkai
