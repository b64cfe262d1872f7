#include "import/import_text.h"

#include <array>
#include <cctype>
#include <string_view>
#include <utility>

namespace gongkai {
namespace {

bool starts_with_at(const std::string& text, std::size_t at, std::string_view what) {
  return text.compare(at, what.size(), what) == 0;
}

/// Full-width forms and their plain equivalents for label comparison.
const std::array<std::pair<std::string_view, std::string_view>, 12> kPlain = {{
    {"（", "("},
    {"）", ")"},
    {"：", ":"},
    {"“", "\""},
    {"”", "\""},
    {"‘", "'"},
    {"’", "'"},
    {"，", ","},
    {"、", ","},
    {"\xE3\x80\x80", ""},
    {"［", "["},
    {"］", "]"},
}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Whether the UTF-8 character at `at` is a CJK ideograph or CJK punctuation (3-byte forms
/// from U+2E80 on), between which the PDF's stray spaces are closed.
bool is_cjk_at(const std::string& text, std::size_t at) {
  if (at >= text.size()) return false;
  unsigned char c = static_cast<unsigned char>(text[at]);
  return c >= 0xE2 && c <= 0xEF &&
         !(c == 0xE2 && at + 1 < text.size() && static_cast<unsigned char>(text[at + 1]) < 0xBA);
}

/// The start of the last 3-byte character before `end`, or npos.
std::size_t cjk_start_before(std::size_t end) { return end >= 3 ? end - 3 : std::string::npos; }

/// Replaces the maths of extracted formulas ($\geq 95\%$, \leq, <math>\geq</math>).
std::string without_maths(std::string text) {
  static const std::array<std::pair<std::string_view, std::string_view>, 10> kMaths = {{
      {"<math>", ""},
      {"</math>", ""},
      {"\\geq", "≥"},
      {"\\leq", "≤"},
      {"\\ge", "≥"},
      {"\\le", "≤"},
      {"\\%", "%"},
      {"\\lt", "<"},
      {"\\gt", ">"},
      {"$", ""},
  }};
  for (const auto& [from, to] : kMaths) {
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  }
  return text;
}

/// <p>, </p> and <br> as line breaks; any other tag removed.
std::string without_tags(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '<') {
      out += text[i];
      continue;
    }
    std::size_t close = text.find('>', i);
    if (close == std::string::npos || close - i > 12) {
      out += text[i];
      continue;
    }
    std::string tag = text.substr(i + 1, close - i - 1);
    if (tag == "p" || tag == "/p" || tag == "br" || tag == "br/" || tag == "br /") out += '\n';
    i = close;
  }
  return out;
}

/// Spaces removed where both neighbours are CJK; line breaks trimmed and collapsed.
std::string closed_spaces(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ' ') {
      std::size_t next = i;
      while (next < text.size() && text[next] == ' ') ++next;
      if (out.ends_with("≥") || out.ends_with("≤")) {  // ≥ 95% → ≥95%
        i = next - 1;
        continue;
      }
      std::size_t before = cjk_start_before(out.size());
      bool cjk_before = before != std::string::npos && is_cjk_at(out, before);
      if ((cjk_before && is_cjk_at(text, next)) || out.empty() || out.back() == '\n' ||
          next == text.size() || text[next] == '\n') {
        i = next - 1;
        continue;
      }
    }
    if (text[i] == '\n' && (out.empty() || out.back() == '\n')) continue;
    out += text[i];
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace

std::string normalized_label(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r') {
      ++i;
      continue;
    }
    bool replaced = false;
    for (const auto& [from, to] : kPlain) {
      if (starts_with_at(text, i, from)) {
        out += to;
        i += from.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

namespace {

/// Full-width digits, comma, point and minus as their ASCII forms: ５０ is the figure 50.
std::string ascii_figure(const std::string& text) {
  static const std::string kFullDigits = "０１２３４５６７８９";
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t digit =
        i + 3 <= text.size() ? kFullDigits.find(text.substr(i, 3)) : std::string::npos;
    if (digit != std::string::npos && digit % 3 == 0) {
      out += static_cast<char>('0' + digit / 3);
    } else if (starts_with_at(text, i, "，")) {
      out += ',';
    } else if (starts_with_at(text, i, "．")) {
      out += '.';
    } else if (starts_with_at(text, i, "－")) {
      out += '-';
    } else {
      out += text[i];
      ++i;
      continue;
    }
    i += 3;
  }
  return out;
}

}  // namespace

std::optional<std::string> printed_figure(const std::string& printed) {
  std::string text = ascii_figure(printed);
  std::string digits;
  for (char c : text) {
    if (c == ',' || c == ' ') continue;
    digits += c;
  }
  std::size_t i = digits.empty() || digits[0] != '-' ? 0 : 1;
  std::size_t integer = i;
  while (i < digits.size() && is_digit(digits[i])) ++i;
  // 00100 is an identifier, not a figure (and not a JSON number).
  if (i == integer || (i - integer > 1 && digits[integer] == '0')) return std::nullopt;
  if (i < digits.size() && digits[i] == '.') {
    std::size_t fraction = ++i;
    while (i < digits.size() && is_digit(digits[i])) ++i;
    if (i == fraction) return std::nullopt;
  }
  if (i != digits.size()) return std::nullopt;
  // Separators must group by three, as printed: "1,234" and "12,345.6", never "12,34".
  std::size_t comma = text.find(',');
  if (comma != std::string::npos) {
    std::string plain;
    for (char c : text) {
      if (c != ' ') plain += c;
    }
    std::size_t dot = plain.find('.');
    std::string whole = plain.substr(0, dot);
    for (std::size_t at = whole.find(','); at != std::string::npos; at = whole.find(',', at + 1)) {
      std::size_t next = whole.find(',', at + 1);
      if ((next == std::string::npos ? whole.size() : next) - at - 1 != 3) return std::nullopt;
    }
  }
  return digits;
}

bool is_dash(const std::string& text) {
  static const std::array<std::string_view, 8> kDashes = {"—",  "–",  "-",   "--",
                                                          "－", "——", "-－", "— —"};
  for (std::string_view dash : kDashes) {
    if (text == dash) return true;
  }
  return false;
}

bool is_code(const std::string& text) {
  if (text.size() != 3 && text.size() != 5 && text.size() != 7) return false;
  for (char c : text) {
    if (!is_digit(c)) return false;
  }
  return true;
}

std::string plain_cell_text(const std::string& text) {
  return closed_spaces(without_tags(without_maths(text)));
}

bool is_serial_label(const std::string& text) {
  std::string label = normalized_label(text);
  return label == "栏次" || label == "行次";
}

}  // namespace gongkai
