#include "base/decimal.h"

#include <algorithm>
#include <utility>

namespace gongkai {
namespace {

__extension__ using Int = __int128;

constexpr int kMaxPower = 38;

/// 10^n for 0 ≤ n ≤ 38.
Int power_of_ten(int n) {
  Int p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

/// Results are kept below 10^37 so that doubling a remainder for rounding never overflows.
bool within_limit(Int m) {
  static const Int limit = power_of_ten(37);
  return m < limit && m > -limit;
}

/// m / d rounded half away from zero; d ≠ 0, |m| and |d| below 10^37.
Int divide_rounded(Int m, Int d) {
  Int q = m / d;
  Int r = m % d;
  if (r < 0) r = -r;
  Int ad = d < 0 ? -d : d;
  if (2 * r >= ad) q += ((m < 0) != (d < 0)) ? -1 : 1;
  return q;
}

/// Writes the decimal digits of `m` (at least one) so that they end just before `end`, and
/// returns where they start. In 64 bits when the value fits, as every published figure does:
/// 128-bit division is a library call per digit, and a build formats millions of figures.
char* digits_before(char* end, Int m) {
  if (m <= static_cast<Int>(UINT64_MAX)) {
    auto value = static_cast<std::uint64_t>(m);
    do {
      *--end = static_cast<char>('0' + value % 10);
      value /= 10;
    } while (value > 0);
    return end;
  }
  do {
    *--end = static_cast<char>('0' + static_cast<int>(m % 10));
    m /= 10;
  } while (m > 0);
  return end;
}

}  // namespace

Decimal::Decimal(long long units, int scale)
    : mantissa_(units), scale_(std::clamp(scale, 0, kMaxResultScale)) {}

std::optional<Decimal> Decimal::parse(std::string_view text, ParseError* error) {
  auto failed = [&](ParseError e) -> std::optional<Decimal> {
    if (error) *error = e;
    return std::nullopt;
  };
  if (error) *error = ParseError::none;
  if (text.empty()) return failed(ParseError::empty);
  bool negative = text.front() == '-';
  if (negative) text.remove_prefix(1);
  if (std::any_of(text.begin(), text.end(), [](char c) { return c == 'e' || c == 'E'; })) {
    return failed(ParseError::exponent);
  }
  std::size_t point = text.find('.');
  std::string_view whole = text.substr(0, point);
  std::string_view fraction = point == std::string_view::npos ? "" : text.substr(point + 1);
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  bool digits_only = std::all_of(whole.begin(), whole.end(), is_digit) &&
                     std::all_of(fraction.begin(), fraction.end(), is_digit);
  if (whole.empty() || !digits_only || (point != std::string_view::npos && fraction.empty())) {
    return failed(ParseError::syntax);
  }
  if (fraction.size() > kMaxScale) return failed(ParseError::too_many_decimals);
  std::string_view significant = whole.substr(std::min(whole.find_first_not_of('0'), whole.size()));
  if (significant.size() + fraction.size() > kMaxDigits) return failed(ParseError::too_many_digits);
  Int m = 0;
  for (char c : whole) m = m * 10 + (c - '0');
  for (char c : fraction) m = m * 10 + (c - '0');
  Decimal result(negative ? -m : m, static_cast<int>(fraction.size()), true);
  result.negative_zero_ = negative && m == 0;
  return result;
}

std::string_view Decimal::describe(ParseError error) {
  switch (error) {
    case ParseError::none:
      return "no error";
    case ParseError::empty:
      return "the figure is empty";
    case ParseError::syntax:
      return "the figure is not a plain decimal number";
    case ParseError::exponent:
      return "the figure has an exponent; write it out as printed";
    case ParseError::too_many_digits:
      return "the figure has more than 24 significant digits";
    case ParseError::too_many_decimals:
      return "the figure has more than 8 decimal places";
  }
  return "invalid figure";
}

Decimal Decimal::abs() const { return Decimal(mantissa_ < 0 ? -mantissa_ : mantissa_, scale_, true); }

Decimal Decimal::negated() const { return Decimal(-mantissa_, scale_, true); }

Decimal Decimal::half_unit() const { return Decimal(5, scale_ + 1, true); }

std::optional<Decimal::Int> Decimal::mantissa_at(int scale) const {
  if (scale < scale_ || scale - scale_ > kMaxPower) return std::nullopt;
  Int result = 0;
  if (__builtin_mul_overflow(mantissa_, power_of_ten(scale - scale_), &result)) return std::nullopt;
  if (!within_limit(result)) return std::nullopt;
  return result;
}

std::optional<Decimal> Decimal::rounded(int scale) const {
  if (scale >= scale_) {
    if (scale > kMaxResultScale) return std::nullopt;
    auto m = mantissa_at(scale);
    if (!m) return std::nullopt;
    return Decimal(*m, scale, true);
  }
  int drop = scale_ - scale;
  if (drop > kMaxPower) return Decimal();
  Int units = divide_rounded(mantissa_, power_of_ten(drop));
  if (scale >= 0) return Decimal(units, scale, true);
  Int result = 0;
  if (-scale > kMaxPower || __builtin_mul_overflow(units, power_of_ten(-scale), &result) ||
      !within_limit(result)) {
    return std::nullopt;
  }
  return Decimal(result, 0, true);
}

std::string Decimal::to_string() const { return format(false); }

std::string Decimal::format(bool grouping) const {
  Int magnitude = mantissa_ < 0 ? -mantissa_ : mantissa_;
  char buffer[64];  // 39 digits at most, or scale_ + 1 ≤ 19 with the zeros in front
  char* end = buffer + sizeof buffer;
  char* first = digits_before(end, magnitude);
  while (end - first <= scale_) *--first = '0';
  auto whole = static_cast<std::size_t>(end - first - scale_);
  std::string out;
  out.reserve(whole + whole / 3 + static_cast<std::size_t>(scale_) + 2);
  if (mantissa_ < 0 || negative_zero_) out += '-';
  for (std::size_t i = 0; i < whole; ++i) {
    if (grouping && i > 0 && (whole - i) % 3 == 0) out += ',';
    out += first[i];
  }
  if (scale_ > 0) out.append(".").append(first + whole, static_cast<std::size_t>(scale_));
  return out;
}

std::string Decimal::format_fixed(int decimals, bool grouping) const {
  auto r = rounded(std::clamp(decimals, 0, kMaxResultScale));
  return r ? r->format(grouping) : format(grouping);
}

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
  int scale = std::max(a.scale_, b.scale_);
  auto ma = a.mantissa_at(scale);
  auto mb = b.mantissa_at(scale);
  if (ma && mb) return *ma <=> *mb;
  // Only reachable for magnitudes near the limit: compare the integer parts, then the rest.
  Int ia = a.mantissa_ / power_of_ten(a.scale_);
  Int ib = b.mantissa_ / power_of_ten(b.scale_);
  if (ia != ib) return ia <=> ib;
  return (a.mantissa_ - ia * power_of_ten(a.scale_)) * power_of_ten(scale - a.scale_) <=>
         (b.mantissa_ - ib * power_of_ten(b.scale_)) * power_of_ten(scale - b.scale_);
}

std::optional<Decimal> add(const Decimal& a, const Decimal& b) {
  int scale = std::max(a.scale_, b.scale_);
  auto ma = a.mantissa_at(scale);
  auto mb = b.mantissa_at(scale);
  if (!ma || !mb) return std::nullopt;
  Decimal::Int sum = *ma + *mb;
  if (!within_limit(sum)) return std::nullopt;
  return Decimal(sum, scale, true);
}

std::optional<Decimal> subtract(const Decimal& a, const Decimal& b) { return add(a, b.negated()); }

std::optional<Decimal> multiply(const Decimal& a, const Decimal& b) {
  Decimal::Int product = 0;
  if (__builtin_mul_overflow(a.mantissa_, b.mantissa_, &product) || !within_limit(product)) {
    return std::nullopt;
  }
  int scale = a.scale_ + b.scale_;
  if (scale <= Decimal::kMaxResultScale) return Decimal(product, scale, true);
  return Decimal(product, scale, true).rounded(Decimal::kMaxResultScale);
}

std::optional<Decimal> divide(const Decimal& a, const Decimal& b, int scale) {
  if (b.mantissa_ == 0 || scale < 0 || scale > Decimal::kMaxResultScale) return std::nullopt;
  // a/b = (ma / mb) × 10^(sb − sa); scaled to `scale` decimals: ma × 10^(scale + sb − sa) / mb.
  int exponent = scale + b.scale_ - a.scale_;
  Decimal::Int numerator = a.mantissa_;
  Decimal::Int denominator = b.mantissa_;
  Decimal::Int factor = power_of_ten(std::min(std::abs(exponent), kMaxPower));
  Decimal::Int& scaled = exponent >= 0 ? numerator : denominator;
  if (__builtin_mul_overflow(scaled, factor, &scaled) || !within_limit(scaled)) {
    return std::nullopt;
  }
  return Decimal(divide_rounded(numerator, denominator), scale, true);
}

namespace {

Int greatest_common_divisor(Int a, Int b) {
  while (b != 0) a = std::exchange(b, a % b);
  return a;
}

}  // namespace

std::string fraction_text(const Decimal& a, const Decimal& b) {
  int scale = std::max(a.scale_, b.scale_);
  std::optional<Decimal::Int> numerator = a.mantissa_at(scale), denominator = b.mantissa_at(scale);
  if (b.mantissa_ == 0 || !numerator || !denominator) return "";
  Decimal::Int divisor = greatest_common_divisor(*numerator < 0 ? -*numerator : *numerator,
                                                 *denominator < 0 ? -*denominator : *denominator);
  if (*denominator < 0) divisor = -divisor;
  std::string out = Decimal(*numerator / divisor, 0, true).to_string();
  if (*denominator / divisor != 1) out += "/" + Decimal(*denominator / divisor, 0, true).to_string();
  return out;
}

}  // namespace gongkai
