// Numbers in charts: coordinates and values for readers.
#include "chart/chart_format.h"

#include <array>
#include <charconv>
#include <cmath>
#include <optional>

namespace gongkai::chart {

/// `v` in fixed notation with `decimals` digits; locale-independent.
std::string fixed(double v, int decimals) {
  std::array<char, 512> buffer;
  auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), v,
                              std::chars_format::fixed, decimals);
  if (result.ec != std::errc()) return "0";
  return std::string(buffer.data(), result.ptr);
}

namespace {

/// Drops trailing zeros of a fixed-notation number, then a trailing point; "-0" becomes "0".
std::string trim_zeros(std::string s) {
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

/// `v` rounded to hundredths as an integer count of hundredths, when that is exactly what
/// to_chars would print: nullopt for huge values and near ties (x.xx5), whose rounding depends
/// on the last bits of `v`. Charts print tens of thousands of coordinates per site; to_chars
/// with a precision is several times slower than this.
std::optional<long long> hundredths(double v) {
  if (!(std::fabs(v) < 1e9)) return std::nullopt;
  double scaled = v * 100;
  double rounded = std::nearbyint(scaled);
  if (std::fabs(std::fabs(scaled - rounded) - 0.5) < 1e-3) return std::nullopt;
  return static_cast<long long>(rounded);
}

}  // namespace

/// Appends a coordinate: at most two decimals, no trailing zeros. Written straight into `out`:
/// a site's charts print millions of them.
void append_num(std::string& out, double v) {
  if (!std::isfinite(v)) v = 0;
  std::optional<long long> h = hundredths(v);
  if (!h) {
    out += trim_zeros(fixed(v, 2));
    return;
  }
  unsigned long long magnitude =
      *h < 0 ? 0ull - static_cast<unsigned long long>(*h) : static_cast<unsigned long long>(*h);
  std::array<char, 32> buffer;
  char* end = buffer.data();
  if (*h < 0) *end++ = '-';
  end = std::to_chars(end, buffer.data() + buffer.size(), magnitude / 100).ptr;
  unsigned long long cents = magnitude % 100;
  if (cents != 0) {
    *end++ = '.';
    *end++ = static_cast<char>('0' + cents / 10);
    if (cents % 10 != 0) *end++ = static_cast<char>('0' + cents % 10);
  }
  out.append(buffer.data(), end);
}

/// A coordinate as append_num() writes it.
std::string num(double v) {
  std::string out;
  append_num(out, v);
  return out;
}

/// A value for readers: thousands separators, at most two decimals.
std::string format_number(double v) {
  std::string s = trim_zeros(fixed(v, 2));
  std::size_t start = s[0] == '-' ? 1 : 0;
  std::size_t end = s.find('.');
  if (end == std::string::npos) end = s.size();
  for (std::size_t i = end; i > start + 3; i -= 3) s.insert(i - 3, ",");
  return s;
}

/// A share of a whole as a percentage with one decimal; "<0.1%" for small non-zero shares.
std::string format_percent(double share) {
  double percent = share * 100;
  if (percent > 0 && percent < 0.05) return "<0.1%";
  return fixed(percent, 1) + "%";
}

/// The same share for the description, in words.
std::string percent_in_words(double share) {
  std::string text = format_percent(share);
  return text[0] == '<' ? "不足 0.1%" : text;
}

}  // namespace gongkai::chart
