#include "import/sheet_number_format.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace gongkai::sheet {

namespace {

/// Format codes are short; a longer one is cut here rather than scanned at length.
constexpr std::size_t kMaxCodeBytes = 1024;
constexpr int kMaxDecimals = 30;

/// The end of the quoted literal that starts at `at` (the index after its closing quote).
std::size_t skip_quoted(std::string_view code, std::size_t at) {
  std::size_t close = code.find('"', at + 1);
  return close == std::string_view::npos ? code.size() : close + 1;
}

/// The end of the bracketed part ("[Red]") that starts at `at`.
std::size_t skip_bracket(std::string_view code, std::size_t at) {
  std::size_t close = code.find(']', at + 1);
  return close == std::string_view::npos ? code.size() : close + 1;
}

/// The byte length of the UTF-8 character at `at` (1 for a stray byte).
std::size_t char_length(std::string_view text, std::size_t at) {
  auto lead = static_cast<unsigned char>(text[at]);
  std::size_t n = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  return std::min(n, text.size() - at);
}

/// The sections of `code`, split at the semicolons outside quotes, brackets and escapes.
std::vector<std::string_view> split_sections(std::string_view code) {
  std::vector<std::string_view> sections;
  std::size_t start = 0;
  for (std::size_t i = 0; i < code.size();) {
    char c = code[i];
    if (c == '"') {
      i = skip_quoted(code, i);
    } else if (c == '[') {
      i = skip_bracket(code, i);
    } else if (c == '\\' || c == '_' || c == '*') {
      i += 2;
    } else {
      if (c == ';') {
        sections.push_back(code.substr(start, i - start));
        start = i + 1;
      }
      ++i;
    }
  }
  sections.push_back(code.substr(std::min(start, code.size())));
  return sections;
}

bool starts_with_ci(std::string_view text, std::size_t at, std::string_view word) {
  if (text.size() - at < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[at + i])) != word[i]) return false;
  }
  return true;
}

bool is_placeholder(char c) { return c == '0' || c == '#' || c == '?'; }

bool is_date_letter(char c) {
  return std::string_view("yYmMdDhHsSgGbBaA").find(c) != std::string_view::npos;
}

/// Parses one section of a format code, token by token.
class SectionParser {
 public:
  explicit SectionParser(std::string_view code) : code_(code) {}

  FormatSection parse() {
    for (std::size_t i = 0; i < code_.size();) i = step(i);
    if (pending_commas_ > 0) section_.shift -= 3 * pending_commas_;
    section_.decimals = std::min(section_.decimals, kMaxDecimals);
    return section_;
  }

 private:
  /// Reads the token at `i` and returns where the next one starts.
  std::size_t step(std::size_t i) {
    char c = code_[i];
    if (c == '"') return quoted(i);
    if (c == '[') return bracket(i);
    if (c == '\\') return literal(i + 1, char_length_at(i + 1));
    if (c == '_' || c == '*') return i + 1 + char_length_at(i + 1);
    if (starts_with_ci(code_, i, "general")) return general(i);
    if (is_placeholder(c)) return placeholder(i);
    if (c == '.' && !section_.scientific) return point(i);
    if (c == ',' && section_.has_number) return comma(i);
    if (c == '%') {
      section_.shift += 2;
      return literal(i, 1);
    }
    if ((c == 'E' || c == 'e') && i + 1 < code_.size() &&
        (code_[i + 1] == '+' || code_[i + 1] == '-')) {
      section_.scientific = true;
      return exponent_digits(i + 2);
    }
    if (c == 'e' || is_date_letter(c)) {
      section_.date = true;
      return i + 1;
    }
    if (c == '/' && section_.has_number) {  // a fraction: shown as General
      section_.general = true;
      return i + 1;
    }
    if (c == '@') {
      section_.text = true;
      return i + 1;
    }
    return literal(i, char_length_at(i));
  }

  std::size_t char_length_at(std::size_t i) const {
    return i < code_.size() ? char_length(code_, i) : 0;
  }

  /// Literal text goes before the figure until the figure starts, after it from then on; text
  /// between the figure's digits is dropped.
  std::size_t literal(std::size_t at, std::size_t length) {
    std::string_view text = code_.substr(std::min(at, code_.size()), length);
    (section_.has_number || section_.general ? section_.suffix : section_.prefix) += text;
    return at + length;
  }

  /// A quoted literal ("\"共\"0\"项\""); an unclosed one runs to the end of the section.
  std::size_t quoted(std::size_t i) {
    std::size_t close = code_.find('"', i + 1);
    std::size_t end = close == std::string_view::npos ? code_.size() : close;
    literal(i + 1, end - (i + 1));
    return std::min(end + 1, code_.size());
  }

  /// "[Red]", "[>=100]" and "[DBNum1]" are dropped, "[$¥-804]" gives "¥", "[h]" is a time.
  std::size_t bracket(std::size_t i) {
    std::size_t end = skip_bracket(code_, i);
    std::string_view inside = code_.substr(i + 1, end - i - 1);
    if (!inside.empty() && inside.back() == ']') inside.remove_suffix(1);
    if (!inside.empty() && inside[0] == '$') {
      std::string_view symbol = inside.substr(1, inside.find('-') - 1);
      (section_.has_number ? section_.suffix : section_.prefix) += symbol;
    } else if (!inside.empty() && std::string_view("hHmMsS").find(inside[0]) != inside.npos) {
      section_.date = true;
    }
    return end;
  }

  std::size_t general(std::size_t i) {
    section_.general = true;
    return i + 7;
  }

  std::size_t placeholder(std::size_t i) {
    if (!section_.suffix.empty() && section_.has_number) section_.suffix.clear();
    if (seen_point_) {
      ++section_.decimals;
      if (code_[i] == '0') section_.min_decimals = section_.decimals;
    } else {
      if (pending_commas_ > 0) section_.grouping = true;
      if (code_[i] == '0') ++section_.integer_zeros;
    }
    pending_commas_ = 0;
    section_.has_number = true;
    return i + 1;
  }

  std::size_t point(std::size_t i) {
    bool figure_follows = i + 1 < code_.size() && is_placeholder(code_[i + 1]);
    if (!section_.has_number && !figure_follows) return literal(i, 1);
    if (pending_commas_ > 0) section_.shift -= 3 * pending_commas_;
    pending_commas_ = 0;
    seen_point_ = true;
    section_.has_number = true;
    return i + 1;
  }

  std::size_t comma(std::size_t i) {
    ++pending_commas_;
    return i + 1;
  }

  std::size_t exponent_digits(std::size_t i) {
    while (i < code_.size() && is_placeholder(code_[i])) ++i;
    return i;
  }

  std::string_view code_;
  FormatSection section_;
  bool seen_point_ = false;
  int pending_commas_ = 0;
};

/// The decimal digits and exponent of `value` (positive) to 15 significant digits:
/// 1234.5 → "123450000000000", 3.
void significant_digits(double value, std::string& digits, int& exponent) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.14e", value);
  digits.clear();
  const char* p = buffer;
  for (; *p && *p != 'e'; ++p) {
    if (std::isdigit(static_cast<unsigned char>(*p))) digits += *p;
  }
  exponent = *p == 'e' ? std::atoi(p + 1) : 0;
}

/// Adds one to the decimal digit string `digits`; returns true when it overflowed ("99" →
/// "00").
bool increment(std::string& digits) {
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (*it != '9') {
      ++*it;
      return false;
    }
    *it = '0';
  }
  return true;
}

/// `value` (positive, finite) with `decimals` digits after the point, rounded half away from
/// zero: "1234.50".
std::string fixed_digits(double value, int decimals) {
  std::string digits;
  int exponent = 0;
  significant_digits(value, digits, exponent);
  long long integer_digits = value == 0 ? 1 : exponent + 1;
  long long keep = integer_digits + decimals;  // digits kept from the first significant one
  if (value == 0 || keep < 0) {
    digits.clear();
    integer_digits = 1;
    keep = 1 + decimals;
  } else if (keep < static_cast<long long>(digits.size())) {
    bool round_up = digits[static_cast<std::size_t>(keep)] >= '5';
    digits.resize(static_cast<std::size_t>(keep));
    if (round_up && increment(digits)) {
      digits.insert(digits.begin(), '1');
      ++integer_digits;
      ++keep;
    }
  }
  // Leading zeros for values below 1, trailing zeros up to the kept length.
  if (integer_digits < 1) {
    digits.insert(0, static_cast<std::size_t>(1 - integer_digits), '0');
    keep += 1 - integer_digits;
    integer_digits = 1;
  }
  digits.resize(static_cast<std::size_t>(std::max(keep, integer_digits + decimals)), '0');
  std::string text = digits.substr(0, static_cast<std::size_t>(integer_digits));
  if (decimals > 0) text += "." + digits.substr(static_cast<std::size_t>(integer_digits));
  return text;
}

/// Thousands separators in the integer part of `text` ("1234.50" → "1,234.50").
std::string group_thousands(const std::string& text) {
  std::size_t end = std::min(text.find('.'), text.size());
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i > 0 && i < end && (end - i) % 3 == 0) out += ',';
    out += text[i];
  }
  return out;
}

/// Drops the digits that '#' and '?' show only when significant: the leading "0" of "#.00",
/// the trailing zeros of "0.0#"; pads the integer part to the '0's of "000".
void shape_optional_digits(std::string& text, const FormatSection& section) {
  std::size_t point = std::min(text.find('.'), text.size());
  if (section.decimals > section.min_decimals) {
    std::size_t keep = point + 1 + static_cast<std::size_t>(section.min_decimals);
    while (text.size() > keep && text.back() == '0') text.pop_back();
  }
  if (point == 1 && text[0] == '0' && section.integer_zeros == 0) {
    text.erase(0, 1);
  } else if (point < static_cast<std::size_t>(section.integer_zeros)) {
    text.insert(0, static_cast<std::size_t>(section.integer_zeros) - point, '0');
  }
}

bool all_zero(std::string_view text) {
  return text.find_first_not_of("0.,") == std::string_view::npos;
}

/// The digits of `value` (positive, finite) as `section` shows them.
std::string section_digits(double value, const FormatSection& section) {
  if (section.general) return general_number(value);
  if (section.scientific) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*E", section.decimals, value);
    return buffer;
  }
  value *= std::pow(10.0, section.shift);
  std::string text = fixed_digits(value, section.decimals);
  shape_optional_digits(text, section);
  return section.grouping ? group_thousands(text) : text;
}

/// The section of `format` that shows `value`, and whether the value's sign is shown by the
/// section's own text (a negative section prints "(1,234)" or "-1,234" itself).
const FormatSection* pick_section(const NumberFormat& format, double value, bool& own_sign) {
  std::vector<const FormatSection*> numeric;
  for (const FormatSection& section : format.sections) {
    if (!(section.text && !section.has_number && !section.general)) numeric.push_back(&section);
  }
  own_sign = false;
  if (numeric.empty()) return nullptr;
  if (numeric.size() >= 3 && value == 0) return numeric[2];
  if (numeric.size() >= 2 && value < 0) {
    own_sign = true;
    return numeric[1];
  }
  return numeric[0];
}

}  // namespace

NumberFormat parse_number_format(std::string_view code) {
  NumberFormat format;
  code = code.substr(0, kMaxCodeBytes);
  if (code.empty() || (code.size() == 7 && starts_with_ci(code, 0, "general"))) return format;
  for (std::string_view section : split_sections(code)) {
    format.sections.push_back(SectionParser(section).parse());
    if (format.sections.size() == 4) break;
  }
  return format;
}

std::string_view builtin_format_code(int id) {
  switch (id) {
    case 1:
      return "0";
    case 2:
      return "0.00";
    case 3:
    case 5:
    case 6:
    case 37:
    case 38:
      return "#,##0";
    case 4:
    case 7:
    case 8:
    case 39:
    case 40:
      return "#,##0.00";
    case 9:
      return "0%";
    case 10:
      return "0.00%";
    case 11:
      return "0.00E+00";
    case 48:
      return "##0.0E+0";
    default:
      break;
  }
  bool date = (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
              (id >= 50 && id <= 58);
  return date ? "yyyy-mm-dd" : "General";
}

std::string format_number(double value, const NumberFormat& format) {
  if (!std::isfinite(value)) return general_number(value);
  bool own_sign = false;
  const FormatSection* section = pick_section(format, value, own_sign);
  if (section == nullptr || section->date ||
      (!section->has_number && !section->general && section->prefix.empty() &&
       section->suffix.empty())) {
    return general_number(value);
  }
  std::string digits = section->has_number || section->general
                           ? section_digits(std::fabs(value), *section)
                           : std::string();
  bool minus = value < 0 && !own_sign && !digits.empty() && !all_zero(digits);
  return (minus ? "-" : "") + section->prefix + digits + section->suffix;
}

std::string general_number(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.15G", value);
  std::string text = buffer;
  return text == "-0" ? "0" : text;
}

}  // namespace gongkai::sheet
